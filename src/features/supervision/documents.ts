import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Letterhead } from '../../documents/letter.ts'
import type { Executor } from '../../access/person-access.ts'
import { NotFoundError } from '../../errors.ts'
import { fullName, withSupervisedPerson, type Person, type SupervisionDeps } from './context.ts'
import type { LetterPerson, LetterSender } from './letters.ts'
import { findDocument, insertDocument, mainAddress, providerName, teamLetterhead } from './queries.ts'

/**
 * Stored letters: who a letter is to and from, storing a produced letter with the record, and reading one back
 * for download (audited with the document's id and kind).
 */

/** The letter's addressee (name and main address) and sender (the user, their team and provider). */
export async function letterParts(
  trx: Executor,
  ctx: RequestContext,
  p: Person,
): Promise<{ person: LetterPerson; sender: LetterSender }> {
  const address = await mainAddress(trx, p.id)
  const lines = address
    ? [
        address.building && address.street
          ? `${address.building} ${address.street}`
          : (address.building ?? address.street),
        address.district,
        address.town,
        address.county,
        address.postcode,
      ].filter((l): l is string => !!l)
    : []
  return {
    person: { name: fullName(p), crn: p.crn, addressLines: lines },
    sender: {
      name: ctx.user?.displayName ?? 'Probation practitioner',
      letterhead: await letterheadOf(trx, p, ctx.user?.teamId ?? null),
    },
  }
}

/**
 * The letterhead of the team managing the person (or, with none, the user's team): its office's details as the
 * administrator set them (Administration → Organisations → the team → Letter contact details). Where none are set,
 * the team's name; the letter then tells the person to ask their probation officer.
 */
async function letterheadOf(trx: Executor, p: Person, userTeamId: number | null): Promise<Letterhead> {
  const teamId = p.managing_team_id ?? userTeamId
  const team = teamId ? await teamLetterhead(trx, teamId) : undefined
  const provider =
    team?.provider_name ?? (p.managing_provider_id ? await providerName(trx, p.managing_provider_id) : undefined)
  return {
    organisation: provider ?? 'Probation Service',
    office: team?.office_name ?? team?.name ?? 'Your probation office',
    addressLines: (team?.office_address ?? '')
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean),
    phone: team?.office_phone ?? null,
    email: team?.office_email ?? null,
  }
}

/** Stores a produced letter's bytes with the record and announces it (`document.created`). */
export async function storeDocument(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  doc: { contactId: number | null; kind: string; title: string; bytes: Buffer },
): Promise<number> {
  const stamp = deps.clock.today().toString()
  const id = await insertDocument(trx, {
    person_id: p.id,
    contact_id: doc.contactId,
    kind: doc.kind,
    title: doc.title,
    filename: `${doc.kind.replaceAll('_', '-')}-${p.crn}-${stamp}.pdf`,
    bytes: doc.bytes,
    created_by: ctx.user?.id ?? null,
  })
  await publish(trx, 'document.created', p.id, { crn: p.crn, documentId: id, kind: doc.kind })
  return id
}

/** A stored letter's bytes, for download. Audited with the document's id and kind. */
export function document(deps: SupervisionDeps, ctx: RequestContext, crn: string, documentId: number) {
  return withSupervisedPerson(deps, ctx, crn, 'read', async (trx, p) => {
    const d = await findDocument(trx, p.id, documentId)
    if (!d) throw new NotFoundError('There is no such document')
    await audit(trx, ctx, {
      action: 'DOCUMENT_VIEW',
      personId: p.id,
      subject: p.crn,
      detail: { documentId, kind: d.kind },
    })
    return d
  })
}

import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Letterhead } from '../../documents/letter.ts'
import type { Database } from '../../db/schema.ts'
import { licenceExpiry } from '../../domain/custody/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { victimConditionRequestsOfVictim } from './conditions.ts'
import { victimSubject, withVictim, type VictimsDeps } from './context.ts'
import { detailsHistory, insertContact, offenderCustody, offenderSentences, type VictimRow } from './queries.ts'
import * as q from './queries/letters.ts'
import {
  isVictimLetterKind,
  letterKindText,
  victimLetterPdf,
  VICTIM_LETTER_KINDS,
  type VictimLetter,
} from './letters-pdf.ts'

/**
 * Letters to a victim: generated as a PDF from the record (the offender's sentence, release and licence; the
 * conditions the victim asked for), stored, and recorded as a contact by letter, in one transaction with the audit
 * row and `victim.letter-created`. A victim who asked not to be contacted, or with no address, gets no letter.
 */

type Trx = Transaction<Database>

const NO_CONTACT = 'The victim asked not to be contacted, so no letter can be sent'
const NO_ADDRESS = 'There is no address for the victim: add one to their contact details before sending a letter'

async function letterheadOf(trx: Trx, teamId: number | null): Promise<Letterhead> {
  const team = teamId ? await q.teamLetterhead(trx, teamId) : undefined
  return {
    organisation: team?.provider_name ?? 'Probation Service',
    office: team?.office_name ?? team?.name ?? 'Victim liaison unit',
    addressLines: (team?.office_address ?? '')
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean),
    phone: team?.office_phone ?? null,
    email: team?.office_email ?? null,
  }
}

const keyDatesOf = (value: unknown): Record<string, string> => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  const dates: Record<string, string> = {}
  if (parsed && typeof parsed === 'object')
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') dates[k] = v
  return dates
}

/** What of the offender's sentence, release and licence the letter may say (never where they are). */
async function offenderFacts(trx: Trx, personId: number) {
  const sentence = (await offenderSentences(trx, personId)).find(
    s => s.sentence_type === 'custodial' && !s.terminated_date,
  )
  if (!sentence)
    return { sentencedOn: null, releasedOn: null, expectedRelease: null, licenceEnds: null, codes: [] as string[] }
  const dates = keyDatesOf(sentence.key_dates)
  const custody = (await offenderCustody(trx, personId)).find(c => c.sentence_id === sentence.id)
  const licence = await q.licenceInForce(trx, sentence.id)
  const conditions = (licence?.conditions ?? {}) as { additional?: { type?: unknown }[] }
  return {
    sentencedOn: sentence.sentence_date,
    releasedOn: custody?.released_on ?? null,
    expectedRelease: dates.CRD ?? dates.ARD ?? null,
    licenceEnds: licence?.period_end ?? licenceExpiry(dates)?.date.toString() ?? null,
    codes: (conditions.additional ?? []).map(a => a.type).filter((t): t is string => typeof t === 'string'),
  }
}

function addressOf(details: Awaited<ReturnType<typeof detailsHistory>>) {
  const current = details[0]
  if (current?.no_contact_wish) throw new ValidationError([{ field: 'kind', message: NO_CONTACT }])
  if (!current?.address_line1) throw new ValidationError([{ field: 'kind', message: NO_ADDRESS }])
  return [current.address_line1, current.address_line2, current.town, current.postcode].filter((l): l is string => !!l)
}

async function letterOf(deps: VictimsDeps, trx: Trx, ctx: RequestContext, victim: VictimRow, kind: string) {
  if (!isVictimLetterKind(kind)) throw new ValidationError([{ field: 'kind', message: 'Choose the letter to send' }])
  const addressLines = addressOf(await detailsHistory(trx, victim.id))
  const facts = await offenderFacts(trx, victim.person_id)
  const requested = await victimConditionRequestsOfVictim(trx, victim.id)
  const letter: VictimLetter = {
    kind,
    date: deps.clock.today().toString(),
    reference: `VCS-${victim.id}`,
    victim: { name: `${victim.forename} ${victim.surname}`, addressLines },
    officer: {
      name: ctx.user?.displayName ?? 'Victim liaison officer',
      letterhead: await letterheadOf(trx, ctx.user?.teamId ?? null),
    },
    offenderName: `${victim.offender_forename} ${victim.offender_surname}`,
    ...facts,
    conditions: requested.map(r => ({ title: r.title, wording: r.wording, inForce: facts.codes.includes(r.code) })),
  }
  return letter
}

/** The letters page: the victim's letters so far, and the kinds to choose from. */
export function lettersPage(deps: VictimsDeps, ctx: RequestContext, victimId: number) {
  return withVictim(deps, ctx, victimId, 'read', async (trx, victim) => {
    const [letters, details] = await Promise.all([q.lettersOf(trx, victimId), detailsHistory(trx, victimId)])
    await audit(trx, ctx, {
      action: 'VICTIM_LETTERS_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId },
    })
    const current = details[0]
    const refusal = current?.no_contact_wish ? NO_CONTACT : !current?.address_line1 ? NO_ADDRESS : null
    return { victim, letters, kinds: VICTIM_LETTER_KINDS, refusal }
  })
}

/** Generates, stores and records a letter to the victim; refused (nothing changed) without a way to write to them. */
export function sendLetter(deps: VictimsDeps, ctx: RequestContext, victimId: number, kind: string) {
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const letter = await letterOf(deps, trx, ctx, victim, kind)
    const pdf = await victimLetterPdf(letter)
    const userId = ctx.user?.id ?? null
    const letterId = await q.insertLetter(trx, { victimId, personId: victim.person_id, kind, pdf, userId })
    const contactId = await insertContact(trx, {
      victim_id: victimId,
      person_id: victim.person_id,
      contact_on: letter.date,
      method: 'letter',
      summary: `Letter sent: ${letterKindText(kind)}`,
      letter_id: letterId,
      recorded_by: userId,
    })
    await audit(trx, ctx, {
      action: 'VICTIM_LETTER_CREATE',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, letterId, contactId, kind },
    })
    await publish(trx, 'victim.letter-created', null, { victimId, letterId })
    return { letterId }
  })
}

/** A stored letter's bytes for download, audited with its id. */
export function letterPdf(deps: VictimsDeps, ctx: RequestContext, victimId: number, letterId: number) {
  return withVictim(deps, ctx, victimId, 'read', async trx => {
    const letter = Number.isSafeInteger(letterId) ? await q.findLetter(trx, victimId, letterId) : undefined
    if (!letter) throw new NotFoundError('There is no such letter for this victim')
    await audit(trx, ctx, {
      action: 'VICTIM_LETTER_DOWNLOAD',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, letterId },
    })
    return { filename: `victim-letter-${letter.kind}-${letterId}.pdf`, bytes: Buffer.from(letter.pdf) }
  })
}

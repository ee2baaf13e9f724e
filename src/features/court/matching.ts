import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPersonAccess } from '../../access/person-access.ts'
import { matchReasons } from '../../domain/court-reports/index.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { PersonSearchResult } from '../people/index.ts'
import {
  change,
  checkCourtWork,
  COURT_WORK,
  courtWorkDecision,
  loadHearing,
  requirePermission,
  withCourtPerson,
  type Court,
} from './context.ts'
import { auditPeopleShown } from './court-lists.ts'
import { presentHearings } from './presenters.ts'
import * as q from './queries.ts'
import type { HearingView, MatchCandidate } from './types.ts'

/** Matching a listed defendant to a record: candidates with their reasons, confirming one, or creating a record. */

type HearingRow = q.HearingRow

/** Records found by PNC (exact) and then by name and date of birth, through the people search, by CRN. */
async function searchListed(c: Court, ctx: RequestContext, row: HearingRow) {
  const found = new Map<string, PersonSearchResult>()
  if (row.listed_pnc) {
    for (const r of (await c.people.search({ q: row.listed_pnc, limit: 10 }, ctx)).results) found.set(r.crn, r)
  }
  const byName = await c.people.search(
    { q: `${row.listed_forename} ${row.listed_surname}`, dob: row.listed_date_of_birth ?? undefined, limit: 10 },
    ctx,
  )
  for (const r of byName.results) if (!found.has(r.crn)) found.set(r.crn, r)
  return found
}

type CandidateDetails = Awaited<ReturnType<typeof q.loadCandidates>>[number]

function candidate(row: HearingRow, crn: string, result: PersonSearchResult, d: CandidateDetails): MatchCandidate {
  if (result.access === 'limited')
    return { crn, access: 'limited', name: null, dateOfBirth: null, pnc: null, reasons: [], refusal: result.reason }
  const listed = {
    forename: row.listed_forename,
    surname: row.listed_surname,
    dateOfBirth: row.listed_date_of_birth,
    pnc: row.listed_pnc,
  }
  const reasons = matchReasons(listed, {
    forename: d.forename,
    surname: d.surname,
    dateOfBirth: d.date_of_birth,
    // Another provider's record shows as search shows it: its PNC only where it is the listed one.
    pnc: result.access === 'allowed' || d.pnc === row.listed_pnc ? d.pnc : null,
    matchedAlias: result.access === 'allowed' ? result.matchedAlias : null,
  })
  return {
    crn,
    access: result.access,
    name: result.name,
    dateOfBirth: result.dateOfBirth,
    pnc: result.access === 'allowed' ? d.pnc : null,
    reasons,
    refusal: result.access === 'refused' ? result.reason : null,
  }
}

/** Strongest first: a PNC match, then the number of reasons for and against. */
const strength = (c: MatchCandidate) =>
  (c.reasons.some(r => r.kind === 'pnc') ? 10 : 0) +
  c.reasons.filter(r => !r.against).length -
  2 * c.reasons.filter(r => r.against).length

/**
 * Records that may be the listed defendant: by PNC (exact) and by name and date of birth, through the people
 * search (so its forgiveness of typos, aliases and sound-alikes and its audit apply), each with the reasons it
 * matches, and each masked as search masks it (a limited-access record shows only its CRN and why it cannot be
 * opened). A hearing already matched to a record this user may not do court work on offers nothing: its match can
 * be changed only by someone who may (`changeRefused` says why), and searching would show its listed details
 * through the reasons. Every record shown (the matched one and each candidate) is audited as PERSON_VIEW with the
 * page, the hearing and how much was shown.
 */
export async function matchCandidates(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
): Promise<{ hearing: HearingView; candidates: MatchCandidate[]; changeRefused: string | null }> {
  requirePermission(ctx, 'person:search')
  const row = await loadHearing(c.db, hearingId)
  const facts = row.person_id === null ? undefined : await loadPersonAccess(c.db, row.person_id)
  const decision = facts ? courtWorkDecision(ctx.user, facts) : undefined
  const changeRefused =
    row.person_id === null || decision?.allowed ? null : (decision?.reason ?? 'The matched record cannot be found')
  const found = changeRefused === null ? await searchListed(c, ctx, row) : new Map<string, PersonSearchResult>()
  return c.db.transaction().execute(async trx => {
    const [hearing] = await presentHearings(trx, ctx, [row])
    const page = { page: 'court-match', hearingId }
    await auditPeopleShown(trx, ctx, [row], [hearing], page)
    const ids = await q.findPeopleByCrn(trx, [...found.keys()])
    const details = new Map(
      (
        await q.loadCandidates(
          trx,
          ids.map(i => i.id),
        )
      ).map(d => [d.crn, d]),
    )
    const candidates: MatchCandidate[] = []
    for (const [crn, result] of found) {
      const d = details.get(crn)
      if (!d) continue
      candidates.push(candidate(row, crn, result, d))
      if (d.id !== row.person_id)
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: d.id,
          subject: crn,
          detail: { ...page, candidate: true, shown: SHOWN[result.access] },
        })
    }
    candidates.sort((a, b) => strength(b) - strength(a))
    return { hearing, candidates, changeRefused }
  })
}

const SHOWN = { allowed: 'record', refused: 'identity', limited: 'masked' } as const

/**
 * Confirms that the listed defendant is this person, or moves the hearing from the record it was matched to.
 * Changing a match needs court work on both records: the one it leaves (checked first, a refusal audited against
 * it with the hearing id) and the one it goes to (`withCourtPerson`). The hearing row is locked while it moves, and
 * if its match changed since the first check the move is refused as a conflict. Audited on both people:
 * HEARING_UNMATCH on the record left, HEARING_MATCH on the new one. Outbox: court.hearing.unmatched,
 * court.hearing.matched.
 */
export async function confirmMatch(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
  input: { crn: string; version: number },
): Promise<{ crn: string }> {
  requirePermission(ctx, 'person:update')
  const crn = (input.crn ?? '').trim().toUpperCase()
  if (!/^[A-Z][0-9]{6}$/.test(crn))
    throw new ValidationError([{ field: 'crn', message: 'Select the record that matches, or create a new one' }])
  const before = await loadHearing(c.db, hearingId)
  if (before.person_id !== null && before.crn !== crn)
    await checkCourtWork(c, ctx, { personId: before.person_id, crn: before.crn ?? '' }, { hearingId, moveTo: crn })
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    const hearing = await q.findHearingForUpdate(trx, hearingId)
    if (!hearing) throw new NotFoundError('There is no such hearing')
    if (hearing.person_id === person.id) return { crn: person.crn }
    if (hearing.person_id !== before.person_id) throw new ConflictError(CHANGED)
    const userId = ctx.user?.id ?? null
    if (!(await q.setHearingPerson(trx, hearingId, Number(input.version), person.id, userId, c.clock.now())))
      throw new ConflictError(CHANGED)
    if (hearing.person_id !== null)
      await change(trx, ctx, 'HEARING_UNMATCH', 'court.hearing.unmatched', hearing.person_id, hearing.crn, {
        hearingId,
        to: person.crn,
      })
    await change(trx, ctx, 'HEARING_MATCH', 'court.hearing.matched', person.id, person.crn, {
      hearingId,
      from: hearing.crn,
      previousPersonId: hearing.person_id,
      listedPnc: Boolean(hearing.listed_pnc),
    })
    return { crn: person.crn }
  })
}

const CHANGED = 'Someone else changed this hearing. Check the latest details and try again.'

/**
 * Creates a person record from the listed details (the people service's createPerson, with its duplicate
 * checks) and links the hearing to it. Two transactions, each complete with its audit and event: the record is
 * created, then linked; a failure to link leaves a record that can be matched from the list.
 */
export async function createPersonFromListing(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
  input: { gender: string; version: number; confirmNotDuplicate?: boolean },
) {
  requirePermission(ctx, 'person:create')
  requirePermission(ctx, 'person:update')
  const hearing = await loadHearing(c.db, hearingId)
  if (hearing.person_id)
    throw new ValidationError([{ field: 'gender', message: 'This defendant is already matched to a record' }])
  const created = await c.people.createPerson(
    {
      forename: hearing.listed_forename,
      surname: hearing.listed_surname,
      dateOfBirth: hearing.listed_date_of_birth ?? '',
      gender: input.gender,
      pnc: hearing.listed_pnc,
    },
    ctx,
    { confirmNotDuplicate: input.confirmNotDuplicate === true },
  )
  if (created.outcome !== 'created') return created
  await confirmMatch(c, ctx, hearingId, { crn: created.crn, version: input.version })
  return created
}

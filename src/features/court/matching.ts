import type { RequestContext } from '../../access/audit.ts'
import { matchReasons } from '../../domain/court-reports/index.ts'
import { ConflictError, ValidationError } from '../../errors.ts'
import type { PersonSearchResult } from '../people/index.ts'
import { change, COURT_WORK, loadHearing, requirePermission, withCourtPerson, type Court } from './context.ts'
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
    pnc: d.pnc,
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
 * matches. Limited-access records show only their CRN and why they cannot be opened.
 */
export async function matchCandidates(
  c: Court,
  ctx: RequestContext,
  hearingId: number,
): Promise<{ hearing: HearingView; candidates: MatchCandidate[] }> {
  requirePermission(ctx, 'person:search')
  const row = await loadHearing(c.db, hearingId)
  const [hearing] = await presentHearings(c.db, ctx, [row])
  const found = await searchListed(c, ctx, row)
  const ids = await q.findPeopleByCrn(c.db, [...found.keys()])
  const details = new Map(
    (
      await q.loadCandidates(
        c.db,
        ids.map(i => i.id),
      )
    ).map(d => [d.crn, d]),
  )
  const candidates: MatchCandidate[] = []
  for (const [crn, result] of found) {
    const d = details.get(crn)
    if (d) candidates.push(candidate(row, crn, result, d))
  }
  candidates.sort((a, b) => strength(b) - strength(a))
  return { hearing, candidates }
}

/** Confirms that the listed defendant is this person. Outbox: court.hearing.matched. */
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
  return withCourtPerson(c, ctx, crn, COURT_WORK, async (trx, person) => {
    const hearing = await loadHearing(trx, hearingId)
    if (hearing.person_id === person.id) return { crn: person.crn }
    const userId = ctx.user?.id ?? null
    if (!(await q.setHearingPerson(trx, hearingId, Number(input.version), person.id, userId, c.clock.now())))
      throw new ConflictError('Someone else changed this hearing. Check the latest details and try again.')
    await change(trx, ctx, 'HEARING_MATCH', 'court.hearing.matched', person.id, person.crn, {
      hearingId,
      previousPersonId: hearing.person_id,
      listedPnc: Boolean(hearing.listed_pnc),
    })
    return { crn: person.crn }
  })
}

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

import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import type { IsoDate } from '../../db/schema.ts'
import { canonicalPncShape, looksLikeNoms, parseCro } from '../../domain/identifiers/index.ts'
import { normaliseName } from '../../domain/names/normalise.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import type { PersonSearchOutcome, PersonSearchQuery, PersonSearchResult } from './service.ts'
import * as v from './validation.ts'

/** Finding people: by exact identifier or by name, and presenting each match as far as the policy allows. */

const CRN = /^[A-Z][0-9]{6}$/
const SEARCH_LIMIT = 50

type Extras = Map<number, { matchedAlias: string | null }>

/**
 * Searches by exact identifier (CRN, PNC in either form, prison number, CRO) or by name, forgiving typing:
 * typos, accents, word order, aliases and sound-alike surnames. Ranked: exact surname and date of birth
 * first. Every search is audited (PERSON_SEARCH) with what was asked.
 */
export async function searchPeople(
  deps: PeopleDeps,
  query: PersonSearchQuery,
  ctx: RequestContext,
): Promise<PersonSearchOutcome> {
  requirePermission(ctx, 'person:search')
  const text = (query.q ?? '').trim().slice(0, 200)
  const dobText = (query.dob ?? '').trim()
  const dob = dobText ? (v.parseDateText(dobText) ?? null) : null
  const limit = Math.min(Math.max(query.limit ?? SEARCH_LIMIT, 1), 100)
  const base = { query: { q: text, dob }, errors: [] as PersonSearchOutcome['errors'] }
  if (dobText && !dob) {
    return {
      ...base,
      matchedBy: 'none',
      results: [],
      truncated: false,
      errors: [{ field: 'dob', message: 'Date of birth must be a real date, like 27/3/1990' }],
    }
  }
  if (!text && !dob) return { ...base, matchedBy: 'none', results: [], truncated: false }

  return deps.db.transaction().execute(async trx => {
    const found = await findMatches(trx, text, dob, limit, deps.clock.today().year())
    const truncated = found.ids.length > limit || found.manyMatches
    const { results, shownIds } = await presentShown(trx, ctx, found.ids.slice(0, limit), found.extras, dob)
    // Every person shown (masked or not) is named in the row, so each one's "who has looked" page shows the search.
    await audit(trx, ctx, {
      action: 'PERSON_SEARCH',
      detail: { q: text, dob, matchedBy: found.matchedBy, resultCount: results.length },
      shownPersonIds: shownIds,
    })
    return { ...base, matchedBy: found.matchedBy, results, truncated, manyMatches: found.manyMatches }
  })
}

interface Matches {
  matchedBy: PersonSearchOutcome['matchedBy']
  ids: number[]
  extras: Extras
  manyMatches: boolean
}

/** How the query reads (an identifier, a name, a date of birth alone) and the people it finds, best first. */
async function findMatches(
  trx: Executor,
  text: string,
  dob: IsoDate | null,
  limit: number,
  currentYear: number,
): Promise<Matches> {
  const none = { extras: new Map(), manyMatches: false }
  if (!text) {
    // The search has a date of birth (it asks nothing otherwise): everyone born that day.
    return { ...none, matchedBy: 'date-of-birth', ids: dob ? await q.findByDateOfBirth(trx, dob, limit + 1) : [] }
  }
  const upper = text.toUpperCase().replace(/\s+/g, '')
  const pncShape = /\d\/|^\d{2,4}\d{1,7}[A-Z]$/.test(upper) ? canonicalPncShape(upper, currentYear) : undefined
  const cro = parseCro(upper)
  if (CRN.test(upper)) return { ...none, matchedBy: 'crn', ids: await q.findByIdentifier(trx, 'crn', upper) }
  if (looksLikeNoms(upper)) return { ...none, matchedBy: 'noms', ids: await q.findByIdentifier(trx, 'noms', upper) }
  if (pncShape) return { ...none, matchedBy: 'pnc', ids: await q.findByIdentifier(trx, 'pnc', pncShape) }
  if (cro.ok) return { ...none, matchedBy: 'cro', ids: await q.findByIdentifier(trx, 'cro', cro.canonical) }
  return findByName(trx, text, dob)
}

/** Names and aliases that look or sound like the text, ranked (`rankCandidates`). */
async function findByName(trx: Executor, text: string, dob: IsoDate | null): Promise<Matches> {
  const extras: Extras = new Map()
  const normalised = normaliseName(text)
  const tokens = normalised.split(' ').filter(Boolean).slice(0, 6)
  if (tokens.length === 0) return { matchedBy: 'name', ids: [], extras, manyMatches: false }
  const found = await q.searchNameCandidates(trx, normalised, tokens, dob ?? undefined)
  const ranked = rankCandidates(found.candidates, tokens, dob)
  for (const r of ranked) extras.set(r.personId, { matchedAlias: r.matchedAlias })
  return { matchedBy: 'name', ids: ranked.map(r => r.personId), extras, manyMatches: found.manyMatches }
}

/** Presents people as search results, each as much as the policy allows this user to see. */
export async function presentResults(
  trx: Executor,
  ctx: RequestContext,
  personIds: number[],
  extras: Extras = new Map(),
  dob: IsoDate | null = null,
): Promise<PersonSearchResult[]> {
  return (await presentShown(trx, ctx, personIds, extras, dob)).results
}

/** `presentResults`, with the ids of the people actually shown (for the audit). */
async function presentShown(
  trx: Executor,
  ctx: RequestContext,
  personIds: number[],
  extras: Extras,
  dob: IsoDate | null,
): Promise<{ results: PersonSearchResult[]; shownIds: number[] }> {
  const [summaries, access, managers] = await Promise.all([
    q.loadSummaries(trx, personIds),
    loadPeopleAccess(trx, personIds),
    q.loadManagers(trx, personIds),
  ])
  const byId = new Map(summaries.map(s => [s.id, s]))
  const results: PersonSearchResult[] = []
  const shownIds: number[] = []
  for (const id of personIds) {
    const s = byId.get(id)
    const facts = access.get(id)
    if (!s || !facts) continue
    shownIds.push(id)
    const decision = canReadPerson(ctx.user, facts)
    const name = [s.forename, s.middle_names, s.surname].filter(Boolean).join(' ')
    if (decision.allowed) {
      results.push({
        access: 'allowed',
        crn: s.crn,
        name,
        dateOfBirth: s.date_of_birth,
        matchedAlias: extras.get(id)?.matchedAlias ?? null,
        dateOfBirthMatches: dob ? s.date_of_birth === dob : null,
        manager: managers.get(id) ?? null,
      })
    } else if (decision.limitedAccess) {
      results.push({ access: 'limited', crn: s.crn, reason: decision.reason })
    } else {
      results.push({ access: 'refused', crn: s.crn, name, dateOfBirth: s.date_of_birth, reason: decision.reason })
    }
  }
  return { results, shownIds }
}

/**
 * Orders name matches: one entry per person, best name first. Exact surname (+1) and exact date of birth
 * (+2) outrank resemblance; a sound-alike surname adds 0.3; the person's own name is preferred to an alias.
 */
export function rankCandidates(candidates: readonly q.NameCandidate[], tokens: readonly string[], dob: IsoDate | null) {
  const best = new Map<
    number,
    { personId: number; score: number; matchedAlias: string | null; surname: string; forename: string }
  >()
  for (const c of candidates) {
    const surnameWords = normaliseName(c.surname).split(' ')
    const exactSurname = surnameWords.every(w => tokens.includes(w))
    const score =
      c.similarity +
      (c.phonetic ? 0.3 : 0) +
      (exactSurname ? 1 : 0) +
      (dob && c.dateOfBirth === dob ? 2 : 0) +
      (c.kind === 'name' ? 0.05 : 0)
    const previous = best.get(c.personId)
    if (!previous || score > previous.score) {
      best.set(c.personId, {
        personId: c.personId,
        score,
        matchedAlias: c.kind === 'alias' ? `${c.forename} ${c.surname}` : null,
        surname: c.surname,
        forename: c.forename,
      })
    }
  }
  return [...best.values()].sort(
    (a, b) =>
      b.score - a.score ||
      a.surname.localeCompare(b.surname) ||
      a.forename.localeCompare(b.forename) ||
      a.personId - b.personId,
  )
}

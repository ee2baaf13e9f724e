import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Role } from '../../access/roles.ts'
import type { PersonAccess, WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import {
  allocationClock,
  decideProvider,
  PROVIDER_KIND_TEXT,
  proposeInduction,
  type InductionProposal,
  type ProviderDecision,
} from '../../domain/allocation/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import {
  allocationFactsOf,
  currentSentences,
  findPerson,
  latestTierV2,
  type PersonRow,
  type SentenceRow,
} from './queries.ts'
import { addMappaEligibility } from './mappa-eligibility.ts'

/** What the allocation use cases are built from. */
export interface AllocationDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

export const ALLOCATOR_ROLES: readonly Role[] = ['senior', 'admin']
/** The longest allocation notes or reason accepted. */
export const MAX_NOTES = 4000

export const isAllocator = (ctx: RequestContext) => !!ctx.user && ctx.user.roles.some(r => ALLOCATOR_ROLES.includes(r))

export function requireAllocator(ctx: RequestContext) {
  if (!isAllocator(ctx))
    throw new ForbiddenError('Only a senior (team manager) can allocate cases or resolve risk information')
}

/** The person as the allocation pages need them, once `withPerson` has let the user in. */
export async function personOf(trx: Executor, access: PersonAccess): Promise<PersonRow> {
  const p = await findPerson(trx, access.personId)
  if (!p) throw new NotFoundError('There is no person with that CRN')
  return p
}

/** Is the case waiting for its first practitioner? */
export const isUnallocated = (p: PersonRow) =>
  p.caseStatus === 'awaiting_allocation' ||
  ((p.caseStatus === 'in_custody' || p.caseStatus === 'on_licence') && p.staffId === null)

/** Everything about one case the allocation page and the allocation commands need (MAPPA eligibility as of `today`). */
export async function caseFacts(trx: Executor, p: PersonRow, today: LocalDate) {
  const [facts, sentences, tiers] = await Promise.all([
    allocationFactsOf(trx, p.id).then(async f =>
      (await addMappaEligibility(trx, new Map([[p.id, f]]), today)).get(p.id)!,
    ),
    currentSentences(trx, [p.id]),
    latestTierV2(trx, [p.id]),
  ])
  const decision = decideProvider(facts)
  return { facts, decision, sentence: sentences.at(0), tier: tiers.get(p.id) ?? null }
}

export function outcomeText(decision: ProviderDecision): string {
  return decision.outcome === 'blocked' ? 'Blocked: conflicting RoSH information' : PROVIDER_KIND_TEXT[decision.outcome]
}

export function clockView(sentence: SentenceRow | undefined, today: LocalDate) {
  if (!sentence) return null
  const c = allocationClock(LocalDate.parse(sentence.sentenceDate), today)
  return { ...c, dueBy: c.dueBy.toString() }
}

/** A key date as recorded: a plain ISO date or `{ date }`. */
function keyDateValue(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'object' && v && 'date' in v) return String(v.date)
  return null
}

/** The release date a licence case's induction counts from: the recorded key dates, else today. */
function releaseDateOf(sentence: SentenceRow | undefined, today: LocalDate): LocalDate {
  const keys: Record<string, unknown> = (sentence?.keyDates ?? {}) as Record<string, unknown>
  for (const key of ['CRD', 'ARD', 'releaseDate']) {
    const value = keyDateValue(keys[key])
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) return LocalDate.parse(value)
  }
  return today
}

export function inductionFor(p: PersonRow, sentence: SentenceRow | undefined, on: LocalDate): InductionProposal | null {
  if (p.caseStatus === 'awaiting_allocation' || p.caseStatus === 'allocated')
    return proposeInduction({ kind: 'order', allocatedOn: on })
  if (p.caseStatus === 'on_licence')
    return proposeInduction({ kind: 'licence', releaseDate: releaseDateOf(sentence, on), allocatedOn: on })
  return null // In custody: the induction follows release.
}

/**
 * The caseload's list: its GET parameters, sorting and filtering. Pure functions over the rows the policy let
 * through; the caseload and the team view share them.
 */

export const SORTS = ['name', 'tier', 'rosh', 'next', 'last'] as const
export type Sort = (typeof SORTS)[number]
export const FLAGS = ['new', 'breach', 'overdue-outcome'] as const
export type Flag = (typeof FLAGS)[number]
export const TIER_FILTERS = ['A', 'B', 'C', 'D', 'none'] as const
export const ROSH_FILTERS = ['very_high', 'high', 'medium', 'low', 'none'] as const

/** The caseload's GET parameters, already checked against the lists above (anything else is ignored). */
export interface CaseloadQuery {
  sort: Sort
  order: 'asc' | 'desc'
  tier: string[]
  rosh: string[]
  flags: Flag[]
}

/** The query string as the route's schema lets it through (a repeated parameter arrives as a list). */
export interface CaseloadParams {
  sort?: string
  order?: string
  tier?: string | string[]
  rosh?: string | string[]
  flag?: string | string[]
}

export interface CaseView {
  crn: string
  name: string
  surname: string
  manager: string | null
  staffId: number | null
  tier: string | null
  rosh: string | null
  roshText: string | null
  isNew: boolean
  breachOpen: boolean
  overdueOutcomes: number
  nextAppointment: Date | null
  next: { date: string; time: string } | null
  lastAppointment: Date | null
  last: { date: string; time: string } | null
  inductionDueDate: string | null
  inductionProposedDate: string | null
  inductionClock: { text: string; status: string } | null
  /** Released on licence: the first appointment still to arrange, due within 1 working day of release. */
  firstAppointment: {
    dueBy: string
    clock: { text: string; status: string }
    /** What the release-day plan said: the first appointment's date and place. */
    planned: { date: string; place: string } | null
  } | null
}

export interface MaskedCase {
  crn: string
  reason: string
}

const asList = (v: string | string[] | undefined): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []

const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string): v is T =>
    (values as readonly string[]).includes(v)

/** Reads the caseload's query string; unknown values are dropped rather than refused (they are links and checkboxes). */
export function parseCaseloadQuery(raw: CaseloadParams): CaseloadQuery {
  const sort = SORTS.find(s => s === raw.sort) ?? 'name'
  return {
    sort,
    order: raw.order === 'desc' ? 'desc' : 'asc',
    tier: asList(raw.tier).filter(isOneOf(TIER_FILTERS)),
    rosh: asList(raw.rosh).filter(isOneOf(ROSH_FILTERS)),
    flags: asList(raw.flag).filter(isOneOf(FLAGS)),
  }
}

/** Whether any filter is set (masked cases then stay out of the list: showing them would reveal what they match). */
export const isFiltering = (query: CaseloadQuery) => query.tier.length + query.rosh.length + query.flags.length > 0

/** Tier order, most demanding first: A3, A2 … D0; untiered last. */
const tierRank = (tier: string | null) => {
  const m = tier ? /^([A-D])([0-3])/.exec(tier) : null
  return m ? 'ABCD'.indexOf(m[1]) * 4 + (3 - Number(m[2])) : null
}
const ROSH_RANK: Record<string, number> = { very_high: 0, high: 1, medium: 2, low: 3 }

function sortKey(r: CaseView, sort: Sort): number | string | null {
  switch (sort) {
    case 'tier':
      return tierRank(r.tier)
    case 'rosh':
      return r.rosh ? ROSH_RANK[r.rosh] : null
    case 'next':
      return r.nextAppointment?.getTime() ?? null
    // Most recent first reads naturally for "last appointment".
    case 'last':
      return r.lastAppointment ? -r.lastAppointment.getTime() : null
    default:
      return `${r.surname} ${r.name}`.toLowerCase()
  }
}

/** Sorts the visible rows; rows without a value (untiered, no appointment) stay last in either direction. */
export function sortCases(rows: CaseView[], sort: Sort, order: 'asc' | 'desc'): CaseView[] {
  const sign = order === 'desc' ? -1 : 1
  return [...rows].sort((a, b) => {
    const ka = sortKey(a, sort)
    const kb = sortKey(b, sort)
    if (ka === null || kb === null) return ka === kb ? a.crn.localeCompare(b.crn) : ka === null ? 1 : -1
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb))
    return c !== 0 ? sign * c : a.crn.localeCompare(b.crn)
  })
}

export function filterCases(rows: CaseView[], f: CaseloadQuery): CaseView[] {
  return rows.filter(
    r =>
      (f.tier.length === 0 || f.tier.includes(r.tier ? r.tier[0] : 'none')) &&
      (f.rosh.length === 0 || f.rosh.includes(r.rosh ?? 'none')) &&
      f.flags.every(flag => (flag === 'new' ? r.isNew : flag === 'breach' ? r.breachOpen : r.overdueOutcomes > 0)),
  )
}

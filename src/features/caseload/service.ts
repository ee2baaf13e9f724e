import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { NATIONAL_READ_ROLES } from '../../access/roles.ts'
import type { CaseStatus } from '../../db/schema.ts'
import { clockOf, ROSH_TEXT, workloadOf, type CaseType } from '../../domain/allocation/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { NEW_CASE_DAYS } from '../allocation/service.ts'
import { actionView } from '../supervision/presenters.ts'
import { contactType } from '../supervision/reference-data.ts'
import type { SupervisionService } from '../supervision/service.ts'
import { londonDate, londonInstant, londonTime, spokenTime } from '../supervision/time.ts'
import * as q from './queries.ts'

/**
 * The practitioner's caseload and day, and the senior's team view (issue 6, item 1). Read-only: every list is
 * filtered through the access policy (limited-access people are shown masked, with the reason, and nothing else) and
 * audited with the CRNs shown.
 */

export const CASELOAD_VIEW = 'CASELOAD_VIEW'
export const MY_DAY_VIEW = 'MY_DAY_VIEW'
export const TEAM_VIEW = 'TEAM_VIEW'

/** Who may open a team view: seniors (team managers) and administrators. */
const TEAM_VIEW_ROLES = ['senior', 'admin'] as const

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

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []

/** Reads the caseload's query string; unknown values are dropped rather than refused (they are links and checkboxes). */
export function parseCaseloadQuery(raw: Record<string, unknown>): CaseloadQuery {
  const sort = SORTS.find(s => s === raw.sort) ?? 'name'
  return {
    sort,
    order: raw.order === 'desc' ? 'desc' : 'asc',
    tier: asList(raw.tier).filter(t => (TIER_FILTERS as readonly string[]).includes(t)),
    rosh: asList(raw.rosh).filter(r => (ROSH_FILTERS as readonly string[]).includes(r)),
    flags: asList(raw.flag).filter((f): f is Flag => (FLAGS as readonly string[]).includes(f)),
  }
}

const CASE_TYPE: Record<CaseStatus, CaseType> = {
  pre_sentence: 'community',
  awaiting_allocation: 'community',
  allocated: 'community',
  in_custody: 'custody',
  on_licence: 'licence',
  ended: 'community',
}

/** Tier order, most demanding first: A3, A2 … D0; untiered last. */
const tierRank = (tier: string | null) => {
  const m = tier ? /^([A-D])([0-3])/.exec(tier) : null
  return m ? 'ABCD'.indexOf(m[1]) * 4 + (3 - Number(m[2])) : null
}
const ROSH_RANK: Record<string, number> = { very_high: 0, high: 1, medium: 2, low: 3 }

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
}

export interface MaskedCase {
  crn: string
  reason: string
}

const when = (at: Date | null) => (at ? { date: londonDate(at), time: spokenTime(londonTime(at)) } : null)

/** Sorts the visible rows; rows without a value (untiered, no appointment) stay last in either direction. */
export function sortCases(rows: CaseView[], sort: Sort, order: 'asc' | 'desc'): CaseView[] {
  const key = (r: CaseView): number | string | null => {
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
  const sign = order === 'desc' ? -1 : 1
  return [...rows].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
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

export function createCaseloadService({ db, clock, supervision }: Dependencies & { supervision: SupervisionService }) {
  const now = () => clock.now()
  const todayOf = (at: Date) => LocalDate.parse(londonDate(at))

  /** Splits rows into those the user may read (as views) and those masked with the reason; drops any other refusal. */
  async function present(trx: Executor, ctx: RequestContext, rows: q.CaseloadRow[], at: Date) {
    const access = await loadPeopleAccess(
      trx,
      rows.map(r => r.id),
    )
    const today = todayOf(at)
    const since = today.minusDays(NEW_CASE_DAYS)
    const visible: CaseView[] = []
    const masked: MaskedCase[] = []
    for (const r of rows) {
      const decision = canReadPerson(ctx.user, access.get(r.id)!)
      if (!decision.allowed) {
        // A limited-access case is shown only as its CRN and the reason; another provider's case is never shown.
        if (decision.limitedAccess) masked.push({ crn: r.crn, reason: decision.reason })
        continue
      }
      const allocatedOn = r.allocatedAt ? todayOf(r.allocatedAt) : null
      const isNew =
        r.allocatedStaffId !== null &&
        r.allocatedStaffId === r.staffId &&
        allocatedOn !== null &&
        !allocatedOn.isBefore(since)
      const inductionDue = isNew && r.inductionDueDate && !r.inductionArranged ? r.inductionDueDate : null
      visible.push({
        crn: r.crn,
        name: `${r.forename} ${r.surname}`,
        surname: r.surname,
        manager: r.staffForename ? `${r.staffForename} ${r.staffSurname}` : null,
        staffId: r.staffId,
        tier: r.tier,
        rosh: r.rosh,
        roshText: r.rosh ? ROSH_TEXT[r.rosh] : null,
        isNew,
        breachOpen: r.breachOpen,
        overdueOutcomes: r.overdueOutcomes,
        nextAppointment: r.nextAppointment,
        next: when(r.nextAppointment),
        lastAppointment: r.lastAppointment,
        last: when(r.lastAppointment),
        inductionDueDate: inductionDue,
        inductionProposedDate: inductionDue ? r.inductionProposedDate : null,
        inductionClock: inductionDue ? clockOf(LocalDate.parse(inductionDue), today) : null,
      })
    }
    return { visible, masked }
  }

  function requireStaff(ctx: RequestContext) {
    return ctx.user?.staffId ?? null
  }

  return {
    /** The signed-in practitioner's caseload, filtered and sorted as asked. Audited with the CRNs shown. */
    async caseload(ctx: RequestContext, query: CaseloadQuery) {
      const staffId = requireStaff(ctx)
      if (staffId === null) return { hasStaff: false, rows: [], masked: [], total: 0, query }
      return db.transaction().execute(async trx => {
        const at = now()
        const all = await q.caseloadRows(trx, { staffId }, at)
        const { visible, masked } = await present(trx, ctx, all, at)
        const filtered = filterCases(visible, query)
        const rows = sortCases(filtered, query.sort, query.order)
        const filtering = query.tier.length + query.rosh.length + query.flags.length > 0
        // Masked cases cannot be filtered without revealing what they match, so they show only on the whole list.
        const shownMasked = filtering ? [] : masked
        await audit(trx, ctx, {
          action: CASELOAD_VIEW,
          detail: { staffId, crns: rows.map(r => r.crn), masked: shownMasked.map(m => m.crn), query },
        })
        return { hasStaff: true, rows, masked: shownMasked, total: visible.length + masked.length, query }
      })
    },

    /** Today's and the next two weeks' appointments, appointments needing an outcome, enforcement actions due. */
    async myDay(ctx: RequestContext) {
      const staffId = requireStaff(ctx)
      const at = now()
      const today = todayOf(at)
      if (staffId === null)
        return {
          hasStaff: false,
          today: today.toString(),
          todays: [],
          upcoming: [],
          needingOutcome: [],
          actions: [],
          masked: 0,
        }
      return db.transaction().execute(async trx => {
        const startOfToday = londonInstant(today, 0, 0)
        const startOfTomorrow = londonInstant(today.plusDays(1), 0, 0)
        const [todays, upcoming, needing, actions] = await Promise.all([
          q.practitionerAppointments(trx, staffId, { from: startOfToday, to: startOfTomorrow }, 100),
          q.practitionerAppointments(
            trx,
            staffId,
            { from: startOfTomorrow, to: londonInstant(today.plusDays(15), 0, 0) },
            100,
          ),
          q.practitionerAppointments(trx, staffId, { to: at, needingOutcome: true }, 200),
          q.openActionsOfStaff(trx, staffId, 200),
        ])
        const ids = [...todays, ...upcoming, ...needing].map(a => a.personId).concat(actions.map(a => a.person_id))
        const access = await loadPeopleAccess(trx, ids)
        const may = (id: number) => canReadPerson(ctx.user, access.get(id)!).allowed
        const hidden = new Set(ids.filter(id => !may(id)))
        const appointment = (a: q.DayAppointmentRow) => ({
          id: a.id,
          crn: a.crn,
          name: `${a.forename} ${a.surname}`,
          href: `/people/${a.crn}/appointments/${a.id}`,
          typeText: contactType(a.contactType)?.text ?? a.contactType,
          date: londonDate(a.startsAt),
          time: spokenTime(londonTime(a.startsAt)),
          location: a.location,
          sensitive: a.sensitive,
          outcome: a.outcome,
        })
        const view = {
          hasStaff: true,
          today: today.toString(),
          todays: todays.filter(a => may(a.personId)).map(appointment),
          upcoming: upcoming.filter(a => may(a.personId)).map(appointment),
          needingOutcome: needing.filter(a => may(a.personId)).map(appointment),
          actions: actions
            .filter(a => may(a.person_id))
            .map(a => ({
              ...actionView(a),
              crn: a.crn,
              name: `${a.forename} ${a.surname}`,
              href: `/people/${a.crn}/enforcement`,
              clock: a.due_date ? clockOf(LocalDate.parse(a.due_date), today) : null,
            })),
          /** How many people with limited access were left out (never who). */
          masked: hidden.size,
        }
        const crns = [
          ...new Set([...view.todays, ...view.upcoming, ...view.needingOutcome, ...view.actions].map(r => r.crn)),
        ]
        await audit(trx, ctx, { action: MY_DAY_VIEW, detail: { staffId, crns } })
        return view
      })
    },

    /**
     * A senior's team view: the team's caseload (masked where limited), each practitioner's workload, and the team's
     * open enforcement actions and breaches/recalls (supervision's `teamEnforcement`). Only seniors and
     * administrators; a team of another provider only for national roles.
     */
    async team(ctx: RequestContext, teamCode: string | undefined, query: CaseloadQuery) {
      const user = ctx.user
      if (!user || !user.roles.some(r => (TEAM_VIEW_ROLES as readonly string[]).includes(r))) {
        throw new ForbiddenError('Only seniors and administrators can see a team view')
      }
      const national = user.roles.some(r => NATIONAL_READ_ROLES.includes(r))
      const view = await db.transaction().execute(async trx => {
        const team = teamCode
          ? await q.findTeam(trx, teamCode)
          : user.teamId !== null
            ? await q.findTeamById(trx, user.teamId)
            : undefined
        const teams = await q.teamsOf(trx, national ? null : user.providerId)
        if (!team) {
          if (teamCode) throw new NotFoundError('There is no such team')
          return { team: null, teams, practitioners: [], rows: [], masked: [], total: 0 }
        }
        if (!national && team.providerId !== user.providerId)
          throw new ForbiddenError('This team belongs to another provider')
        const at = now()
        const [all, staff] = await Promise.all([
          q.caseloadRows(trx, { teamId: team.id }, at),
          q.staffOfTeam(trx, team.id),
        ])
        const { visible, masked } = await present(trx, ctx, all, at)
        // Workload counts every case (points only: nothing about a limited-access person is shown).
        const practitioners = staff
          .map(s => {
            const w = workloadOf(
              all.filter(c => c.staffId === s.id).map(c => ({ tier: c.tier, caseType: CASE_TYPE[c.caseStatus] })),
              s.grade,
              s.contractedHours,
            )
            return {
              code: s.code,
              name: `${s.forename} ${s.surname}`,
              grade: s.grade,
              cases: w.cases,
              points: w.points,
              capacity: w.capacity,
              percent: w.percent,
            }
          })
          .filter(p => p.capacity > 0 || p.cases > 0)
        const rows = sortCases(filterCases(visible, query), query.sort, query.order)
        const filtering = query.tier.length + query.rosh.length + query.flags.length > 0
        const shownMasked = filtering ? [] : masked
        await audit(trx, ctx, {
          action: TEAM_VIEW,
          detail: { team: team.code, crns: rows.map(r => r.crn), masked: shownMasked.map(m => m.crn), query },
        })
        return { team, teams, practitioners, rows, masked: shownMasked, total: visible.length + masked.length }
      })
      if (!view.team) return { ...view, actions: [], breaches: [] }
      const today = todayOf(now())
      const enforcement = await supervision.teamEnforcement(ctx, view.team.id)
      return {
        ...view,
        actions: enforcement.actions.map(a => ({
          ...actionView(a),
          crn: a.crn,
          name: `${a.forename} ${a.surname}`,
          manager: a.manager_forename ? `${a.manager_forename} ${a.manager_surname}` : null,
          href: `/people/${a.crn}/enforcement`,
          clock: a.due_date ? clockOf(LocalDate.parse(a.due_date), today) : null,
        })),
        breaches: enforcement.breaches.map(b => ({
          id: b.id,
          crn: b.crn,
          name: `${b.forename} ${b.surname}`,
          kind: b.kind,
          kindText: b.kind === 'breach' ? 'Breach' : 'Recall',
          status: b.status,
          statusText: b.status.charAt(0).toUpperCase() + b.status.slice(1).replace(/_/g, ' '),
          initiated: b.initiated_date,
          courtDate: b.court_date,
          href: `/people/${b.crn}/enforcement`,
        })),
      }
    },
  }
}

export type CaseloadService = ReturnType<typeof createCaseloadService>

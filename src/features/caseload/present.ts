import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { londonDate } from '../../clock.ts'
import { clockOf, ROSH_TEXT } from '../../domain/allocation/index.ts'
import { NEW_CASE_DAYS } from '../allocation/index.ts'
import { londonTime, spokenTime } from '../supervision/index.ts'
import type { CaseView, MaskedCase } from './list.ts'
import type { CaseloadRow } from './queries.ts'

/** A date and spoken time in London, for the appointment columns. */
export const when = (at: Date | null) =>
  at ? { date: londonDate(at).toString(), time: spokenTime(londonTime(at)) } : null

/**
 * Splits rows into those the user may read (as views) and those masked with the reason; drops any other refusal.
 * One statement: the access facts of every row.
 */
export async function present(trx: Executor, ctx: RequestContext, rows: CaseloadRow[], at: Date) {
  const access = await loadPeopleAccess(
    trx,
    rows.map(r => r.id),
  )
  const today = londonDate(at)
  const visible: CaseView[] = []
  const masked: MaskedCase[] = []
  for (const r of rows) {
    const facts = access.get(r.id)
    if (!facts) continue
    const decision = canReadPerson(ctx.user, facts)
    if (decision.allowed) visible.push(caseView(r, today))
    // A limited-access case is shown only as its CRN and the reason; another provider's case is never shown.
    else if (decision.limitedAccess) masked.push({ crn: r.crn, reason: decision.reason })
  }
  return { visible, masked }
}

function caseView(r: CaseloadRow, today: LocalDate): CaseView {
  const allocatedOn = r.allocatedAt ? londonDate(r.allocatedAt) : null
  const isNew =
    r.allocatedStaffId !== null &&
    r.allocatedStaffId === r.staffId &&
    allocatedOn !== null &&
    !allocatedOn.isBefore(today.minusDays(NEW_CASE_DAYS))
  const inductionDue = isNew && r.inductionDueDate && !r.inductionArranged ? r.inductionDueDate : null
  return {
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
    firstAppointment: r.firstAppointmentDue
      ? {
          dueBy: r.firstAppointmentDue,
          clock: clockOf(LocalDate.parse(r.firstAppointmentDue), today),
          planned: r.plannedFirstAppointment,
        }
      : null,
  }
}

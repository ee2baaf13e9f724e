import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { REPORT_TYPE_TEXT, reportTimeliness } from '../../domain/court-reports/index.ts'
import type * as q from './queries.ts'
import { codeText, HEARING_OUTCOMES, HEARING_TYPES, REPORT_STATUS_TEXT, SESSIONS } from './reference-data.ts'
import type { HearingView, ReportSummary } from './types.ts'

/** Presents hearings; a matched person's name shows only to users who may read their record. */
export async function presentHearings(
  trx: Executor,
  ctx: RequestContext,
  rows: q.HearingRow[],
): Promise<HearingView[]> {
  const access = await loadPeopleAccess(
    trx,
    rows.map(r => r.person_id).filter((id): id is number => id !== null),
  )
  return rows.map(r => {
    const facts = r.person_id ? access.get(r.person_id) : undefined
    return hearingView(r, facts ? canReadPerson(ctx.user, facts).allowed : false)
  })
}

function hearingView(r: q.HearingRow, canOpen: boolean): HearingView {
  return {
    id: r.id,
    court: { code: r.court_code, name: r.court_name },
    hearingDate: r.hearing_date,
    session: r.session,
    sessionText: codeText(SESSIONS, r.session),
    hearingTime: r.hearing_time,
    courtRoom: r.court_room,
    hearingType: r.hearing_type,
    hearingTypeText: codeText(HEARING_TYPES, r.hearing_type),
    listed: {
      forename: r.listed_forename,
      surname: r.listed_surname,
      name: `${r.listed_forename} ${r.listed_surname}`,
      dateOfBirth: r.listed_date_of_birth,
      pnc: r.listed_pnc,
      address: r.listed_address,
    },
    charge: r.charge,
    offenceCode: r.offence_code,
    person: r.crn ? { crn: r.crn, name: canOpen ? `${r.person_forename} ${r.person_surname}` : null, canOpen } : null,
    eventId: r.event_id,
    outcome: r.outcome,
    outcomeText: r.outcome ? codeText(HEARING_OUTCOMES, r.outcome) : null,
    outcomeDate: r.outcome_date,
    version: r.version,
  }
}

/** A report with where it stands against its due date on `now`. */
export function presentReport(r: q.ReportRow, now: LocalDate): ReportSummary {
  return {
    id: r.id,
    crn: r.crn,
    personName: `${r.forename} ${r.surname}`,
    reportType: r.report_type,
    reportTypeText: REPORT_TYPE_TEXT[r.report_type],
    requestedDate: r.requested_date,
    adjournedTo: r.adjourned_to,
    dueDate: r.due_date,
    dueDateBasis: r.due_date_basis,
    status: r.status,
    statusText: REPORT_STATUS_TEXT[r.status],
    timeliness: reportTimeliness(r.status, LocalDate.parse(r.due_date), now),
    author: r.author_forename ? `${r.author_forename} ${r.author_surname}` : null,
    authorStaffId: r.author_staff_id,
    team: r.team_name,
    court: r.court_name,
    hearingDate: r.hearing_date,
    hearingId: r.hearing_id,
    eventId: r.event_id,
    completedAt: r.completed_at,
    roshLevel: r.rosh_level,
    proposedSentence: r.proposed_sentence,
    proposedProvider: r.proposed_provider,
    version: r.version,
  }
}

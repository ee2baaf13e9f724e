import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson, type AccessDecision } from '../../access/policy.ts'
import { REPORT_TYPE_TEXT, reportTimeliness } from '../../domain/court-reports/index.ts'
import type * as q from './queries.ts'
import { codeText, HEARING_OUTCOMES, HEARING_TYPES, REPORT_STATUS_TEXT, SESSIONS } from './reference-data.ts'
import type { HearingView, ReportSummary } from './types.ts'

/**
 * Presents hearings, each as much as the policy lets this user see of the record it is matched to, the way people
 * search shows a record (`presentResults` in features/people/search.ts): a record the user may read in full; another
 * provider's record by the name and date of birth (here as listed) with the reason it cannot be opened, and nothing
 * more (no PNC, address, charge or outcome); a limited-access record by its CRN and the reason only. A defendant not
 * yet matched is court data, shown as the court listed them.
 */
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
    if (r.person_id === null || !r.crn) return hearingView(r, null)
    const facts = access.get(r.person_id)
    return hearingView(r, facts ? canReadPerson(ctx.user, facts) : NO_FACTS)
  })
}

const NO_FACTS: AccessDecision = { allowed: false, limitedAccess: true, reason: 'This record cannot be shown' }
const LIMITED_NAME = 'Limited access record'

/** How much of a matched record a hearing view shows, for the audit row of the look. */
export const shownAs = (h: HearingView): 'record' | 'identity' | 'masked' =>
  h.person?.access === 'allowed' ? 'record' : h.person?.access === 'refused' ? 'identity' : 'masked'

function hearingView(r: q.HearingRow, decision: AccessDecision | null): HearingView {
  const full = decision === null || decision.allowed
  const limited = decision !== null && !decision.allowed && decision.limitedAccess
  const base = {
    id: r.id,
    court: { code: r.court_code, name: r.court_name },
    hearingDate: r.hearing_date,
    session: r.session,
    sessionText: codeText(SESSIONS, r.session),
    hearingTime: r.hearing_time,
    courtRoom: r.court_room,
    hearingType: r.hearing_type,
    hearingTypeText: codeText(HEARING_TYPES, r.hearing_type),
    version: r.version,
  }
  return {
    ...base,
    listed: {
      forename: limited ? null : r.listed_forename,
      surname: limited ? null : r.listed_surname,
      name: limited ? LIMITED_NAME : `${r.listed_forename} ${r.listed_surname}`,
      dateOfBirth: limited ? null : r.listed_date_of_birth,
      pnc: full ? r.listed_pnc : null,
      address: full ? r.listed_address : null,
    },
    charge: full ? r.charge : null,
    offenceCode: full ? r.offence_code : null,
    person: matchedPerson(r, decision),
    eventId: full ? r.event_id : null,
    outcome: full ? r.outcome : null,
    outcomeText: full && r.outcome ? codeText(HEARING_OUTCOMES, r.outcome) : null,
    outcomeDate: full ? r.outcome_date : null,
  }
}

function matchedPerson(r: q.HearingRow, decision: AccessDecision | null): HearingView['person'] {
  if (!decision || !r.crn) return null
  if (decision.allowed)
    return {
      crn: r.crn,
      name: `${r.person_forename} ${r.person_surname}`,
      canOpen: true,
      access: 'allowed',
      reason: null,
    }
  const access = decision.limitedAccess ? 'limited' : 'refused'
  return { crn: r.crn, name: null, canOpen: false, access, reason: decision.reason }
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

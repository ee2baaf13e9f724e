import type {
  HearingOutcome,
  HearingType,
  IsoDate,
  PsrProposedSentence,
  PsrStatus,
  PsrType,
  RoshLevelColumn,
} from '../../db/schema.ts'
import type { MatchReason, ReportTimeliness } from '../../domain/court-reports/index.ts'
import type { PersonSearchResult } from '../people/index.ts'

export interface NewHearingInput {
  /** Court code, e.g. NTMC */
  court: string
  /** `YYYY-MM-DD` */
  hearingDate: string
  session: string
  /** `HH:MM`, 24-hour */
  hearingTime?: string | null
  courtRoom?: string | null
  hearingType: string
  forename: string
  surname: string
  dateOfBirth?: string | null
  pnc?: string | null
  address?: string | null
  charge?: string | null
  /** Home Office offence code, five digits */
  offenceCode?: string | null
}

export interface HearingView {
  id: number
  court: { code: string; name: string }
  hearingDate: IsoDate
  session: 'morning' | 'afternoon'
  sessionText: string
  hearingTime: string | null
  courtRoom: string | null
  hearingType: HearingType
  hearingTypeText: string
  /** The defendant as listed; for a record the user may not read, only what search would show (see presenters.ts). */
  listed: {
    forename: string | null
    surname: string | null
    /** "Limited access record" when the matched record is limited to others. */
    name: string
    dateOfBirth: IsoDate | null
    pnc: string | null
    address: string | null
  }
  charge: string | null
  offenceCode: string | null
  /** The matched record, as much as this user may see (as search shows it): null until matched. */
  person: {
    crn: string
    name: string | null
    canOpen: boolean
    access: PersonSearchResult['access']
    /** Why the record cannot be opened, if it cannot. */
    reason: string | null
  } | null
  eventId: number | null
  outcome: HearingOutcome | null
  outcomeText: string | null
  outcomeDate: IsoDate | null
  version: number
}

export interface MatchCandidate {
  crn: string
  access: PersonSearchResult['access']
  name: string | null
  dateOfBirth: IsoDate | null
  pnc: string | null
  /** Why this record is offered (and anything against it). Empty for a limited-access record. */
  reasons: MatchReason[]
  /** Why the record cannot be opened, if it cannot. */
  refusal: string | null
}

export interface ReportSummary {
  id: number
  crn: string
  personName: string
  reportType: PsrType
  reportTypeText: string
  requestedDate: IsoDate
  adjournedTo: IsoDate | null
  dueDate: IsoDate
  dueDateBasis: string
  status: PsrStatus
  statusText: string
  timeliness: ReportTimeliness
  author: string | null
  authorStaffId: number | null
  team: string | null
  court: string | null
  hearingDate: IsoDate | null
  hearingId: number | null
  eventId: number | null
  completedAt: Date | null
  /** The report's conclusions, set when it was completed (null before). */
  roshLevel: RoshLevelColumn | null
  proposedSentence: PsrProposedSentence | null
  proposedProvider: 'public' | 'contracted' | null
  version: number
}

export interface NewReportInput {
  reportType: string
  hearingId?: number | string | null
  eventId?: number | string | null
  /** `YYYY-MM-DD`; today when absent */
  requestedDate?: string | null
  /** The date the court adjourned to, if it set one */
  adjournedTo?: string | null
  authorStaffId?: number | string | null
  /** Team id; the author's team (or the requester's) when absent */
  teamId?: number | string | null
}

export interface PersonSummary {
  id: number
  crn: string
  forename: string
  middleNames: string | null
  surname: string
  dateOfBirth: IsoDate
}

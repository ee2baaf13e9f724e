import { courtContext, todayIso, type Court, type CourtDeps } from './context.ts'
import { addHearing, courtList, getHearing, linkHearingToEvent, listCourts, recordOutcome } from './court-lists.ts'
import { confirmMatch, createPersonFromListing, matchCandidates } from './matching.ts'
import { personCourt, personReports } from './person-court.ts'
import {
  HEARING_OUTCOMES,
  HEARING_TYPES,
  PROPOSED_PROVIDER_OPTIONS,
  PROPOSED_SENTENCE_OPTIONS,
  REPORT_SECTIONS,
  REPORT_TYPE_OPTIONS,
  ROSH_LEVEL_OPTIONS,
  SESSIONS,
} from './reference-data.ts'
import { reportRequestForm, requestReport } from './report-requests.ts'
import { cancelReport, completeReport, getReport, reportPdf, saveDraft } from './reports.ts'
import { teamReports } from './team-reports.ts'

/**
 * Court work: court lists by day, defendants matched to records (with the reasons they match), pre-sentence
 * reports with their due dates, drafts (every save a version) and the PDF for the court. Each use case lives in
 * its own file; this wires them to one service with the court's dependencies (access rules: `context.ts`).
 */
export function createCourtService(deps: CourtDeps) {
  const c = courtContext(deps)
  /** A use case with the court's dependencies supplied. */
  const use =
    <A extends unknown[], R>(work: (court: Court, ...args: A) => R) =>
    (...args: A): R =>
      work(c, ...args)
  return {
    today: () => todayIso(c),
    listCourts: use(listCourts),
    courtList: use(courtList),
    addHearing: use(addHearing),
    getHearing: use(getHearing),
    matchCandidates: use(matchCandidates),
    confirmMatch: use(confirmMatch),
    createPersonFromListing: use(createPersonFromListing),
    recordOutcome: use(recordOutcome),
    linkHearingToEvent: use(linkHearingToEvent),
    personCourt: use(personCourt),
    reportRequestForm: use(reportRequestForm),
    requestReport: use(requestReport),
    teamReports: use(teamReports),
    personReports: use(personReports),
    getReport: use(getReport),
    saveDraft: use(saveDraft),
    completeReport: use(completeReport),
    cancelReport: use(cancelReport),
    reportPdf: use(reportPdf),
    /** Hearing types, outcomes and report types for forms (codes and words). */
    referenceData: {
      HEARING_TYPES,
      HEARING_OUTCOMES,
      SESSIONS,
      REPORT_TYPE_OPTIONS,
      REPORT_SECTIONS,
      ROSH_LEVEL_OPTIONS,
      PROPOSED_SENTENCE_OPTIONS,
      PROPOSED_PROVIDER_OPTIONS,
    },
  }
}

export type CourtService = ReturnType<typeof createCourtService>

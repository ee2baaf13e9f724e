import { LocalDate } from '@js-joda/core'
import type { Kysely, Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { CurrentUser } from '../../access/current-user.ts'
import { loadPeopleAccess, loadPersonAccess } from '../../access/person-access.ts'
import {
  canReadPerson,
  canUpdatePerson,
  hasPermission,
  type AccessDecision,
  type PersonAccessFacts,
} from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import type {
  Database,
  HearingOutcome,
  HearingType,
  IsoDate,
  PsrProposedSentence,
  PsrStatus,
  PsrType,
  RoshLevelColumn,
} from '../../db/schema.ts'
import {
  isReportType,
  matchReasons,
  REPORT_TYPE_TEXT,
  reportDueDate,
  reportTimeliness,
  type MatchReason,
  type ReportTimeliness,
} from '../../domain/court-reports/index.ts'
import { parsePnc } from '../../domain/identifiers/index.ts'
import { isOffenceCodeShape } from '../../domain/risk/offence-codes.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { Clock } from '../../clock.ts'
import type { PeopleService, PersonSearchResult } from '../people/service.ts'
import * as v from '../people/validation.ts'
import { registrationList, roshHistory, scoreHistory, tierHistory } from '../risk/queries.ts'
import { registerType } from '../risk/registration-types.ts'
import { renderReportPdf } from './pdf.ts'
import * as q from './queries.ts'

/**
 * Court work: court lists by day, defendants matched to records (with the reasons they match), pre-sentence
 * reports with their due dates, drafts (every save a version) and the PDF for the court.
 *
 * Access. Reading a person's hearings or reports follows `canReadPerson`. Court work on a person (linking a
 * listed defendant, requesting or writing a report) needs `person:update` in the role and then either
 * `canUpdatePerson`, or, for a court officer, `canReadPerson`: court teams serve every defendant in their
 * courts whichever provider manages them (court officers already read nationally). Every read of person data is
 * audited; every change commits with its audit row and outbox event in one transaction.
 */

export const HEARING_TYPES: readonly { code: HearingType; text: string }[] = [
  { code: 'first_appearance', text: 'First appearance' },
  { code: 'plea', text: 'Plea' },
  { code: 'trial', text: 'Trial' },
  { code: 'sentence', text: 'Sentence' },
  { code: 'adjourned', text: 'Adjourned hearing' },
  { code: 'breach', text: 'Breach' },
  { code: 'other', text: 'Other' },
]
export const HEARING_OUTCOMES: readonly { code: HearingOutcome; text: string }[] = [
  { code: 'adjourned_for_report', text: 'Adjourned for a pre-sentence report' },
  { code: 'adjourned', text: 'Adjourned' },
  { code: 'sentenced', text: 'Sentenced' },
  { code: 'remanded_in_custody', text: 'Remanded in custody' },
  { code: 'remanded_on_bail', text: 'Remanded on bail' },
  { code: 'committed_to_crown_court', text: 'Committed to the Crown Court' },
  { code: 'dismissed', text: 'Dismissed or discharged' },
  { code: 'other', text: 'Other' },
]
export const SESSIONS = [
  { code: 'morning', text: 'Morning' },
  { code: 'afternoon', text: 'Afternoon' },
] as const
export const REPORT_TYPE_OPTIONS = (['short_format', 'standard', 'oral'] as const).map(code => ({
  code,
  text: REPORT_TYPE_TEXT[code],
}))
export const REPORT_STATUS_TEXT: Record<PsrStatus, string> = {
  requested: 'Requested',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
}

/** The sections of a pre-sentence report, in the order the court reads them. */
export const REPORT_SECTIONS = [
  { key: 'offenceAnalysis', title: 'Offence analysis' },
  { key: 'thePerson', title: 'The person' },
  { key: 'risk', title: 'Risk of harm and reoffending' },
  { key: 'proposal', title: 'Sentencing proposal' },
  { key: 'sources', title: 'Sources of information' },
] as const
export type SectionKey = (typeof REPORT_SECTIONS)[number]['key']

/**
 * The report's structured conclusions, answered in the risk and proposal sections: optional while drafting (kept in
 * each saved version), required to complete; on completion they are written to the report row, where allocation reads
 * them. '' is "not answered yet".
 */
export const ROSH_LEVEL_OPTIONS: { code: RoshLevelColumn; text: string }[] = [
  { code: 'low', text: 'Low' },
  { code: 'medium', text: 'Medium' },
  { code: 'high', text: 'High' },
  { code: 'very_high', text: 'Very high' },
]
export const PROPOSED_SENTENCE_OPTIONS: { code: PsrProposedSentence; text: string }[] = [
  { code: 'community_order', text: 'Community order' },
  { code: 'suspended_sentence_order', text: 'Suspended sentence order' },
  { code: 'custody', text: 'Immediate custody' },
  { code: 'fine', text: 'Fine' },
  { code: 'discharge', text: 'Discharge (absolute or conditional)' },
  { code: 'other', text: 'Other (described in the proposal)' },
]
export const PROPOSED_PROVIDER_OPTIONS: { code: 'public' | 'contracted'; text: string }[] = [
  { code: 'public', text: 'Public probation service' },
  { code: 'contracted', text: 'Contracted provider (CRC)' },
]
/** Sentences served in the community, for which the report proposes who should manage the order. */
export const SUPERVISED_SENTENCES: readonly string[] = ['community_order', 'suspended_sentence_order']
export const CONCLUSION_FIELDS = ['roshLevel', 'proposedSentence', 'proposedProvider'] as const
export interface ReportConclusions {
  roshLevel: RoshLevelColumn | ''
  proposedSentence: PsrProposedSentence | ''
  proposedProvider: 'public' | 'contracted' | ''
}
export type ReportSections = Record<SectionKey, string> & ReportConclusions
export const conclusionText = (sections: {
  roshLevel?: unknown
  proposedSentence?: unknown
  proposedProvider?: unknown
}) => ({
  roshLevel: ROSH_LEVEL_OPTIONS.find(o => o.code === sections.roshLevel)?.text ?? null,
  proposedSentence: PROPOSED_SENTENCE_OPTIONS.find(o => o.code === sections.proposedSentence)?.text ?? null,
  proposedProvider: PROPOSED_PROVIDER_OPTIONS.find(o => o.code === sections.proposedProvider)?.text ?? null,
})
const SECTION_MAX = 20_000

const codeText = (list: readonly { code: string; text: string }[], code: string | null) =>
  list.find(c => c.code === code)?.text ?? code ?? ''

// ---------------------------------------------------------------------------------------------------------
// Types the service speaks (pages and the API)

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
  listed: {
    forename: string
    surname: string
    name: string
    dateOfBirth: IsoDate | null
    pnc: string | null
    address: string | null
  }
  charge: string | null
  offenceCode: string | null
  /** The matched record, as much as this user may see: null until matched. */
  person: { crn: string; name: string | null; canOpen: boolean } | null
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

type Trx = Transaction<Database>
type Executor = Trx | Kysely<Database>

export function createCourtService({
  db,
  clock,
  people,
}: {
  db: Kysely<Database>
  clock: Clock
  people: PeopleService
}) {
  const todayIso = (): IsoDate => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(clock.now())
  const today = () => LocalDate.parse(todayIso())

  function requirePermission(ctx: RequestContext, permission: Permission) {
    if (!hasPermission(ctx.user, permission)) throw new ForbiddenError('Your role does not allow this')
  }

  /** May this user do court work on this person (see the file comment)? */
  function courtWorkDecision(user: CurrentUser | undefined, facts: PersonAccessFacts): AccessDecision {
    if (!hasPermission(user, 'person:update'))
      return { allowed: false, limitedAccess: false, reason: 'Your role can view court work but not change it' }
    const update = canUpdatePerson(user, facts)
    if (update.allowed) return update
    const read = canReadPerson(user, facts)
    if (read.allowed && user?.roles.includes('court_officer')) return { allowed: true, basis: 'court officer' }
    return update
  }

  /** Checks access to one person; a refusal is audited (ACCESS_DENIED) and committed before ForbiddenError. */
  async function withPerson<T>(
    ctx: RequestContext,
    crn: string,
    mode: 'read' | 'court-work',
    work: (trx: Trx, person: PersonSummary, facts: PersonAccessFacts) => Promise<T>,
  ): Promise<T> {
    const wanted = crn.trim().toUpperCase()
    if (!/^[A-Z][0-9]{6}$/.test(wanted)) throw new NotFoundError('There is no record with this CRN')
    const outcome = await db.transaction().execute(async trx => {
      const row = await q.findPersonForCourt(trx, wanted)
      if (!row) return { kind: 'not-found' as const }
      const facts = (await loadPersonAccess(trx, row.id))!
      const decision = mode === 'read' ? canReadPerson(ctx.user, facts) : courtWorkDecision(ctx.user, facts)
      if (!decision.allowed) {
        await audit(trx, ctx, {
          action: 'ACCESS_DENIED',
          personId: row.id,
          subject: row.crn,
          detail: { attempted: `court:${mode}`, reason: decision.reason },
        })
        return { kind: 'denied' as const, reason: decision.reason }
      }
      const person: PersonSummary = {
        id: row.id,
        crn: row.crn,
        forename: row.forename,
        middleNames: row.middle_names,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
      }
      return { kind: 'ok' as const, value: await work(trx, person, facts) }
    })
    if (outcome.kind === 'not-found') throw new NotFoundError('There is no record with this CRN')
    if (outcome.kind === 'denied') throw new ForbiddenError(outcome.reason)
    return outcome.value
  }

  async function change(
    trx: Executor,
    ctx: RequestContext,
    action: string,
    eventType: string,
    personId: number | null,
    subject: string | null,
    detail: Record<string, unknown>,
  ) {
    await audit(trx, ctx, { action, personId, subject, detail })
    await publish(trx, eventType, personId, { ...(subject ? { crn: subject } : {}), ...detail })
  }

  /** Presents hearings; a matched person's name shows only to users who may read their record. */
  async function presentHearings(trx: Executor, ctx: RequestContext, rows: q.HearingRow[]): Promise<HearingView[]> {
    const access = await loadPeopleAccess(
      trx,
      rows.map(r => r.person_id).filter((id): id is number => id !== null),
    )
    return rows.map(r => {
      const facts = r.person_id ? access.get(r.person_id) : undefined
      const canOpen = facts ? canReadPerson(ctx.user, facts).allowed : false
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
        person: r.crn
          ? { crn: r.crn, name: canOpen ? `${r.person_forename} ${r.person_surname}` : null, canOpen }
          : null,
        eventId: r.event_id,
        outcome: r.outcome,
        outcomeText: r.outcome ? codeText(HEARING_OUTCOMES, r.outcome) : null,
        outcomeDate: r.outcome_date,
        version: r.version,
      }
    })
  }

  function presentReport(r: q.ReportRow, now: LocalDate): ReportSummary {
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

  async function loadHearing(trx: Executor, id: number) {
    const row = await q.findHearing(trx, id)
    if (!row) throw new NotFoundError('There is no such hearing')
    return row
  }

  /** A hearing's matched person must be readable by this user before anything about the hearing is changed. */
  async function requirePersonAccess(
    trx: Trx,
    ctx: RequestContext,
    personId: number,
    crn: string,
    mode: 'read' | 'court-work',
  ) {
    const facts = (await loadPersonAccess(trx, personId))!
    const decision = mode === 'read' ? canReadPerson(ctx.user, facts) : courtWorkDecision(ctx.user, facts)
    if (!decision.allowed) throw new ForbiddenError(decision.reason)
    return facts
  }

  /** What the report is pre-filled from: offences on the event, previous orders, current risk. */
  async function recordFacts(
    trx: Executor,
    personId: number,
    report: { event_id: number | null; hearing_id: number | null },
  ) {
    const [offences, sentences, rosh, registrations, scores, tiers, hearing] = await Promise.all([
      report.event_id ? q.offencesOnEvent(trx, report.event_id) : Promise.resolve([]),
      q.sentencesForPerson(trx, personId),
      roshHistory(trx, personId),
      registrationList(trx, personId),
      scoreHistory(trx, personId),
      tierHistory(trx, personId),
      report.hearing_id ? q.findHearing(trx, report.hearing_id) : Promise.resolve(undefined),
    ])
    const latestScores = new Map<string, (typeof scores)[number]>()
    for (const s of scores) if (!latestScores.has(s.algorithm)) latestScores.set(s.algorithm, s)
    return {
      offences: offences.map(o => ({
        code: o.offence_code,
        description: o.description,
        date: o.offence_date,
        main: o.is_main,
        count: o.offence_count,
      })),
      charge: hearing
        ? {
            text: hearing.charge,
            offenceCode: hearing.offence_code,
            court: hearing.court_name,
            date: hearing.hearing_date,
          }
        : null,
      previousOrders: sentences.map(s => ({
        type: s.sentence_type.replace(/_/g, ' '),
        date: s.sentence_date,
        length: s.length_value ? `${s.length_value} ${s.length_unit}` : null,
        ended: s.terminated_date,
        terminationReason: s.termination_reason,
      })),
      rosh: rosh[0]
        ? { code: rosh[0].overall_level, level: rosh[0].overall_level.replace('_', ' '), date: rosh[0].assessment_date }
        : null,
      registrations: registrations
        .filter(r => r.deregistered_date === null)
        .map(r => ({
          code: r.type_code,
          text: registerType(r.type_code)?.description ?? r.type_code,
          mappa: r.mappa_category ? `category ${r.mappa_category}, level ${r.mappa_level ?? '?'}` : null,
          since: r.registered_date,
        })),
      scores: [...latestScores.values()].map(s => ({
        algorithm: s.algorithm.toUpperCase(),
        score: s.score,
        band: s.band,
        on: s.calculated_on,
      })),
      tier: tiers[0] ? { tier: tiers[0].tier, on: tiers[0].calculated_on } : null,
    }
  }
  type RecordFacts = Awaited<ReturnType<typeof recordFacts>>

  /** The first draft, written from the record so nothing is typed twice. */
  function prefill(person: PersonSummary, facts: RecordFacts): ReportSections {
    const offenceLines = facts.offences.length
      ? facts.offences.map(
          o =>
            `${o.main ? 'Main offence' : 'Other offence'}: ${o.code}${o.description ? ` ${o.description}` : ''}${o.date ? ` (${o.date})` : ''}${o.count > 1 ? `, ${o.count} counts` : ''}`,
        )
      : facts.charge?.text
        ? [
            `Charge as listed: ${facts.charge.text}${facts.charge.offenceCode ? ` (offence code ${facts.charge.offenceCode})` : ''}`,
          ]
        : []
    const orders = facts.previousOrders.length
      ? facts.previousOrders.map(
          o =>
            `- ${o.type}, ${o.date}${o.length ? `, ${o.length}` : ''}${o.ended ? `, ended ${o.ended}${o.terminationReason ? ` (${o.terminationReason})` : ''}` : ', current'}`,
        )
      : ['No previous orders on the record.']
    const riskLines = [
      facts.rosh
        ? `Risk of serious harm: ${facts.rosh.level} (assessed ${facts.rosh.date}).`
        : 'No RoSH assessment on the record.',
      ...facts.registrations.map(r => `Registered: ${r.text}${r.mappa ? ` (${r.mappa})` : ''} since ${r.since}.`),
      ...facts.scores.map(
        s =>
          `${s.algorithm}: ${s.score === null ? 'not scored' : `${s.score}%`}${s.band ? ` (${s.band.toLowerCase().replace(/_/g, ' ')})` : ''}, calculated ${s.on}.`,
      ),
      ...(facts.tier ? [`Tier: ${facts.tier.tier} (calculated ${facts.tier.on}).`] : []),
    ]
    const sources = [
      `Probity case record, CRN ${person.crn}.`,
      ...(facts.charge ? [`Court listing: ${facts.charge.court}, ${facts.charge.date}.`] : []),
      ...(facts.rosh ? [`RoSH assessment of ${facts.rosh.date}.`] : []),
      ...(facts.previousOrders.length ? ['Previous orders on the case record.'] : []),
    ]
    return {
      offenceAnalysis: offenceLines.join('\n'),
      thePerson: [
        `${person.forename} ${person.surname}, born ${person.dateOfBirth}.`,
        'Previous orders:',
        ...orders,
      ].join('\n'),
      risk: riskLines.join('\n'),
      proposal: '',
      sources: sources.join('\n'),
      // The level the latest assessment gave: the writer confirms or changes it.
      roshLevel: facts.rosh?.code ?? '',
      proposedSentence: '',
      proposedProvider: '',
    }
  }

  /** A saved version's sections; versions saved before the conclusions existed get the assessment's RoSH level. */
  function savedSections(saved: unknown, facts: { rosh: { code: RoshLevelColumn } | null } | null): ReportSections {
    const s = saved as Partial<ReportSections>
    return {
      ...(s as ReportSections),
      roshLevel: s.roshLevel ?? facts?.rosh?.code ?? '',
      proposedSentence: s.proposedSentence ?? '',
      proposedProvider: s.proposedProvider ?? '',
    }
  }

  function parseSections(input: Partial<Record<string, unknown>>, errors: FieldError[]): ReportSections {
    const sections = {} as ReportSections
    for (const s of REPORT_SECTIONS) {
      const value = input[s.key]
      const text = typeof value === 'string' ? value.replace(/\r\n/g, '\n') : ''
      if (value !== undefined && typeof value !== 'string')
        errors.push({ field: s.key, message: `${s.title} must be text` })
      if (text.length > SECTION_MAX)
        errors.push({
          field: s.key,
          message: `${s.title} must be ${SECTION_MAX.toLocaleString('en-GB')} characters or fewer`,
        })
      sections[s.key] = text
    }
    const choice = <T extends string>(
      field: (typeof CONCLUSION_FIELDS)[number],
      options: { code: T }[],
      label: string,
    ): T | '' => {
      const value = input[field]
      if (value === undefined || value === null || value === '') return ''
      if (typeof value !== 'string' || !options.some(o => o.code === value)) {
        errors.push({ field, message: `Select ${label} from the list` })
        return ''
      }
      return value as T
    }
    sections.roshLevel = choice('roshLevel', ROSH_LEVEL_OPTIONS, 'the RoSH level the report assesses')
    sections.proposedSentence = choice('proposedSentence', PROPOSED_SENTENCE_OPTIONS, 'the proposed sentence')
    sections.proposedProvider = choice('proposedProvider', PROPOSED_PROVIDER_OPTIONS, 'who should manage the order')
    // A provider is only proposed for an order served in the community.
    if (sections.proposedSentence && !SUPERVISED_SENTENCES.includes(sections.proposedSentence))
      sections.proposedProvider = ''
    return sections
  }

  async function reportForPerson(trx: Executor, person: PersonSummary, id: number) {
    const row = await q.findReport(trx, id)
    // Another person's report id is "not found" here, never "forbidden": nothing is learnt about it.
    if (!row || row.person_id !== person.id) throw new NotFoundError('There is no such report for this person')
    return row
  }

  const optionalId = (errors: FieldError[], field: string, value: unknown, label: string): number | null => {
    if (value === undefined || value === null || value === '') return null
    const n = typeof value === 'number' ? value : /^\d{1,15}$/.test(String(value)) ? Number(value) : NaN
    if (!Number.isSafeInteger(n) || n <= 0) {
      errors.push({ field, message: `Select ${label} from the list` })
      return null
    }
    return n
  }

  const service = {
    today: todayIso,

    /** Active courts, by name. Not person data. */
    async listCourts() {
      return q.listCourts(db)
    },

    /**
     * The hearings at a court on a date (default today), morning first. Listed defendants are shown as listed; a
     * matched record's name only to users who may read it. Audited (COURT_LIST_VIEW, once per matched person too).
     */
    async courtList(ctx: RequestContext, query: { court?: string; date?: string }) {
      requirePermission(ctx, 'person:read')
      const errors: FieldError[] = []
      const courts = await q.listCourts(db)
      const date = query.date ? v.parseDateText(query.date) : todayIso()
      if (!date) errors.push({ field: 'date', message: 'Date must be a real date, like 27/3/2026' })
      const court = query.court ? courts.find(c => c.code === query.court!.trim().toUpperCase()) : courts[0]
      if (query.court && !court) errors.push({ field: 'court', message: 'Select a court from the list' })
      if (errors.length || !court || !date)
        return { courts, court: court ?? null, date: date ?? null, hearings: [] as HearingView[], errors }
      return db.transaction().execute(async trx => {
        const hearings = await presentHearings(trx, ctx, await q.hearingsOn(trx, court.id, date))
        await audit(trx, ctx, {
          action: 'COURT_LIST_VIEW',
          detail: { court: court.code, date, hearings: hearings.length },
        })
        const matched = await q.findPeopleByCrn(
          trx,
          hearings.filter(h => h.person?.canOpen).map(h => h.person!.crn),
        )
        for (const p of matched)
          await audit(trx, ctx, {
            action: 'PERSON_VIEW',
            personId: p.id,
            subject: p.crn,
            detail: { page: 'court-list', court: court.code, date },
          })
        return { courts, court, date, hearings, errors }
      })
    },

    /** Adds a defendant to a court list, as listed. Not matched yet. Outbox: court.hearing.listed. */
    async addHearing(
      ctx: RequestContext,
      input: NewHearingInput,
    ): Promise<{ hearingId: number; court: string; date: IsoDate }> {
      requirePermission(ctx, 'person:update')
      const errors: FieldError[] = []
      const courtCode = v.clean(input.court)
      if (!courtCode) errors.push({ field: 'court', message: 'Select a court' })
      const hearingDate = v.requiredDate(errors, 'hearingDate', input.hearingDate, 'the hearing date')
      const session = v.requiredCode(errors, 'session', input.session, SESSIONS, 'a session') as 'morning' | 'afternoon'
      const hearingTime = v.clean(input.hearingTime) ?? null
      if (hearingTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(hearingTime))
        errors.push({ field: 'hearingTime', message: 'Enter the time as hours and minutes, like 10:30' })
      const courtRoom = v.optionalText(errors, 'courtRoom', input.courtRoom, 'court room', 20)
      const hearingType = v.requiredCode(
        errors,
        'hearingType',
        input.hearingType,
        HEARING_TYPES,
        'the type of hearing',
      ) as HearingType
      const forename = v.requiredText(errors, 'forename', input.forename, 'the first name as listed')
      const surname = v.requiredText(errors, 'surname', input.surname, 'the last name as listed')
      const dob = v.optionalDate(errors, 'dateOfBirth', input.dateOfBirth, 'date of birth')
      if (dob && dob >= todayIso()) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' })
      const pnc = v.pnc(errors, 'pnc', input.pnc, today().year())
      const address = v.optionalText(errors, 'address', input.address, 'address', 500)
      const charge = v.optionalText(errors, 'charge', input.charge, 'charge', 2000)
      const offenceCode = v.clean(input.offenceCode) ?? null
      if (offenceCode && !isOffenceCodeShape(offenceCode))
        errors.push({ field: 'offenceCode', message: 'Enter the Home Office offence code as five digits, like 02700' })
      if (errors.length) throw new ValidationError(errors)
      return db.transaction().execute(async trx => {
        const court = await q.findCourt(trx, { code: courtCode })
        if (!court) throw new ValidationError([{ field: 'court', message: 'Select a court from the list' }])
        const hearingId = await q.insertHearing(trx, {
          court_id: court.id,
          hearing_date: hearingDate,
          session,
          hearing_time: hearingTime,
          court_room: courtRoom,
          hearing_type: hearingType,
          listed_forename: forename,
          listed_surname: surname,
          listed_date_of_birth: dob,
          listed_pnc: pnc,
          listed_address: address,
          charge,
          offence_code: offenceCode,
          created_by: ctx.user?.id ?? null,
        })
        // The listing is about someone not yet matched: no person id, and no personal details in the trail or event.
        await change(trx, ctx, 'HEARING_ADD', 'court.hearing.listed', null, null, {
          hearingId,
          court: court.code,
          date: hearingDate,
          hearingType,
        })
        return { hearingId, court: court.code, date: hearingDate }
      })
    },

    /** One hearing (for the match page and the API). The matched person's name only if readable. */
    async getHearing(ctx: RequestContext, hearingId: number): Promise<HearingView> {
      requirePermission(ctx, 'person:read')
      return db.transaction().execute(async trx => {
        const row = await loadHearing(trx, hearingId)
        const [view] = await presentHearings(trx, ctx, [row])
        if (row.person_id && view.person?.canOpen)
          await audit(trx, ctx, {
            action: 'PERSON_VIEW',
            personId: row.person_id,
            subject: row.crn,
            detail: { page: 'hearing', hearingId },
          })
        return view
      })
    },

    /**
     * Records that may be the listed defendant: by PNC (exact) and by name and date of birth, through the people
     * search (so its forgiveness of typos, aliases and sound-alikes and its audit apply), each with the reasons it
     * matches. Limited-access records show only their CRN and why they cannot be opened.
     */
    async matchCandidates(
      ctx: RequestContext,
      hearingId: number,
    ): Promise<{ hearing: HearingView; candidates: MatchCandidate[] }> {
      requirePermission(ctx, 'person:search')
      const row = await loadHearing(db, hearingId)
      const [hearing] = await presentHearings(db, ctx, [row])
      const found = new Map<string, PersonSearchResult>()
      if (row.listed_pnc) {
        for (const r of (await people.search({ q: row.listed_pnc, limit: 10 }, ctx)).results) found.set(r.crn, r)
      }
      const byName = await people.search(
        { q: `${row.listed_forename} ${row.listed_surname}`, dob: row.listed_date_of_birth ?? undefined, limit: 10 },
        ctx,
      )
      for (const r of byName.results) if (!found.has(r.crn)) found.set(r.crn, r)
      const ids = await q.findPeopleByCrn(db, [...found.keys()])
      const details = new Map(
        (
          await q.loadCandidates(
            db,
            ids.map(i => i.id),
          )
        ).map(d => [d.crn, d]),
      )
      const listed = {
        forename: row.listed_forename,
        surname: row.listed_surname,
        dateOfBirth: row.listed_date_of_birth,
        pnc: row.listed_pnc,
      }
      const candidates: MatchCandidate[] = []
      for (const [crn, result] of found) {
        const d = details.get(crn)
        if (!d) continue
        if (result.access === 'limited') {
          candidates.push({
            crn,
            access: 'limited',
            name: null,
            dateOfBirth: null,
            pnc: null,
            reasons: [],
            refusal: result.reason,
          })
          continue
        }
        const reasons = matchReasons(listed, {
          forename: d.forename,
          surname: d.surname,
          dateOfBirth: d.date_of_birth,
          pnc: d.pnc,
          matchedAlias: result.access === 'allowed' ? result.matchedAlias : null,
        })
        candidates.push({
          crn,
          access: result.access,
          name: result.name,
          dateOfBirth: result.dateOfBirth,
          pnc: result.access === 'allowed' ? d.pnc : null,
          reasons,
          refusal: result.access === 'refused' ? result.reason : null,
        })
      }
      // Strongest first: a PNC match, then the number of reasons for and against.
      const strength = (c: MatchCandidate) =>
        (c.reasons.some(r => r.kind === 'pnc') ? 10 : 0) +
        c.reasons.filter(r => !r.against).length -
        2 * c.reasons.filter(r => r.against).length
      candidates.sort((a, b) => strength(b) - strength(a))
      return { hearing, candidates }
    },

    /** Confirms that the listed defendant is this person. Outbox: court.hearing.matched. */
    async confirmMatch(
      ctx: RequestContext,
      hearingId: number,
      input: { crn: string; version: number },
    ): Promise<{ crn: string }> {
      requirePermission(ctx, 'person:update')
      const crn = (input.crn ?? '').trim().toUpperCase()
      if (!/^[A-Z][0-9]{6}$/.test(crn))
        throw new ValidationError([{ field: 'crn', message: 'Select the record that matches, or create a new one' }])
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const hearing = await loadHearing(trx, hearingId)
        if (hearing.person_id === person.id) return { crn: person.crn }
        if (
          !(await q.setHearingPerson(
            trx,
            hearingId,
            Number(input.version),
            person.id,
            ctx.user?.id ?? null,
            clock.now(),
          ))
        )
          throw new ConflictError('Someone else changed this hearing. Check the latest details and try again.')
        await change(trx, ctx, 'HEARING_MATCH', 'court.hearing.matched', person.id, person.crn, {
          hearingId,
          previousPersonId: hearing.person_id,
          listedPnc: Boolean(hearing.listed_pnc),
        })
        return { crn: person.crn }
      })
    },

    /**
     * Creates a person record from the listed details (the people service's createPerson, with its duplicate
     * checks) and links the hearing to it. Two transactions, each complete with its audit and event: the record is
     * created, then linked; a failure to link leaves a record that can be matched from the list.
     */
    async createPersonFromListing(
      ctx: RequestContext,
      hearingId: number,
      input: { gender: string; version: number; confirmNotDuplicate?: boolean },
    ) {
      requirePermission(ctx, 'person:create')
      requirePermission(ctx, 'person:update')
      const hearing = await loadHearing(db, hearingId)
      if (hearing.person_id)
        throw new ValidationError([{ field: 'gender', message: 'This defendant is already matched to a record' }])
      const created = await people.createPerson(
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
      await service.confirmMatch(ctx, hearingId, { crn: created.crn, version: input.version })
      return created
    },

    /** Records the hearing's outcome (and, optionally, links it to an event). Outbox: court.hearing.outcome. */
    async recordOutcome(
      ctx: RequestContext,
      hearingId: number,
      input: { outcome: string; outcomeDate?: string | null; version: number },
    ) {
      requirePermission(ctx, 'person:update')
      const errors: FieldError[] = []
      const outcome = v.requiredCode(
        errors,
        'outcome',
        input.outcome,
        HEARING_OUTCOMES,
        'the outcome',
      ) as HearingOutcome
      const outcomeDate = v.optionalDate(errors, 'outcomeDate', input.outcomeDate, 'the date of the outcome')
      if (errors.length) throw new ValidationError(errors)
      return db.transaction().execute(async trx => {
        const hearing = await loadHearing(trx, hearingId)
        if (hearing.person_id) await requirePersonAccess(trx, ctx, hearing.person_id, hearing.crn!, 'court-work')
        const date = outcomeDate ?? hearing.hearing_date
        if (!(await q.updateHearing(trx, hearingId, Number(input.version), { outcome, outcome_date: date })))
          throw new ConflictError('Someone else changed this hearing. Check the latest details and try again.')
        await change(trx, ctx, 'HEARING_OUTCOME', 'court.hearing.outcome', hearing.person_id, hearing.crn, {
          hearingId,
          outcome,
          outcomeDate: date,
          previousOutcome: hearing.outcome,
        })
        return { hearingId }
      })
    },

    /**
     * Links a hearing to an event (conviction) of the same person, e.g. when the sentencing feature records the
     * sentence passed at it. For other features: call inside your own flow with the same ctx. Outbox: court.hearing.event-linked.
     */
    async linkHearingToEvent(
      ctx: RequestContext,
      hearingId: number,
      eventId: number,
      options: { outcome?: HearingOutcome; outcomeDate?: IsoDate } = {},
    ) {
      requirePermission(ctx, 'person:update')
      return db.transaction().execute(async trx => {
        const hearing = await loadHearing(trx, hearingId)
        const event = await q.findEvent(trx, eventId)
        if (!hearing.person_id)
          throw new ValidationError([
            { field: 'hearingId', message: 'Match the defendant to a record before linking the hearing to an event' },
          ])
        if (!event || event.person_id !== hearing.person_id)
          throw new ValidationError([
            { field: 'eventId', message: 'The event must belong to the person matched to the hearing' },
          ])
        await requirePersonAccess(trx, ctx, hearing.person_id, hearing.crn!, 'court-work')
        const fields = {
          event_id: eventId,
          ...(options.outcome
            ? { outcome: options.outcome, outcome_date: options.outcomeDate ?? hearing.hearing_date }
            : {}),
        }
        if (!(await q.updateHearing(trx, hearingId, hearing.version, fields))) throw new ConflictError()
        await change(trx, ctx, 'HEARING_EVENT_LINK', 'court.hearing.event-linked', hearing.person_id, hearing.crn, {
          hearingId,
          eventId,
          outcome: options.outcome ?? null,
        })
        return { hearingId, eventId }
      })
    },

    /** A person's hearings and reports (the Court page of the record). Audited as PERSON_VIEW (page court). */
    async personCourt(ctx: RequestContext, crn: string) {
      requirePermission(ctx, 'person:read')
      return withPerson(ctx, crn, 'read', async (trx, person, facts) => {
        const [hearings, reports] = await Promise.all([
          q.hearingsForPerson(trx, person.id),
          q.reportsForPerson(trx, person.id),
        ])
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: person.id,
          subject: person.crn,
          detail: { page: 'court' },
        })
        const now = today()
        return {
          person,
          canWork: courtWorkDecision(ctx.user, facts).allowed,
          hearings: await presentHearings(trx, ctx, hearings),
          reports: reports.map(r => presentReport(r, now)),
        }
      })
    },

    /** What the request form offers: the person's hearings, authors (staff of the user's provider) and teams. */
    async reportRequestForm(ctx: RequestContext, crn: string) {
      requirePermission(ctx, 'person:update')
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const [hearings, staff, teams] = await Promise.all([
          q.hearingsForPerson(trx, person.id),
          q.staffOfProvider(trx, ctx.user?.providerId ?? null),
          q.teamsOfProvider(trx, ctx.user?.providerId ?? null),
        ])
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: person.id,
          subject: person.crn,
          detail: { page: 'court-report-request' },
        })
        return { person, hearings: await presentHearings(trx, ctx, hearings), staff, teams, today: todayIso() }
      })
    },

    /**
     * Requests a pre-sentence report. The due date comes from `reportDueDate` (oral same day, short format 5 working
     * days, standard 15; a sooner adjourned hearing wins). Outbox: court.report.requested.
     */
    async requestReport(ctx: RequestContext, crn: string, input: NewReportInput): Promise<ReportSummary> {
      requirePermission(ctx, 'person:update')
      const errors: FieldError[] = []
      const reportType = v.clean(input.reportType)
      if (!reportType) errors.push({ field: 'reportType', message: 'Select the type of report' })
      else if (!isReportType(reportType))
        errors.push({ field: 'reportType', message: 'Select the type of report from the list' })
      const hearingId = optionalId(errors, 'hearingId', input.hearingId, 'the hearing')
      const eventId = optionalId(errors, 'eventId', input.eventId, 'the event')
      const authorStaffId = optionalId(errors, 'authorStaffId', input.authorStaffId, 'the author')
      const teamId = optionalId(errors, 'teamId', input.teamId, 'the team')
      const requestedDate = v.clean(input.requestedDate ?? undefined)
        ? v.requiredDate(errors, 'requestedDate', input.requestedDate ?? undefined, 'the date requested', {
            notAfter: todayIso(),
            notAfterMessage: 'The date requested must be today or in the past',
          })
        : todayIso()
      const adjournedTo = v.optionalDate(errors, 'adjournedTo', input.adjournedTo, 'the date adjourned to')
      if (adjournedTo && requestedDate && adjournedTo < requestedDate)
        errors.push({ field: 'adjournedTo', message: 'The date adjourned to must be on or after the date requested' })
      let due: ReturnType<typeof reportDueDate> | undefined
      if (!errors.length && isReportType(reportType)) {
        try {
          due = reportDueDate(reportType, LocalDate.parse(requestedDate), {
            adjournedTo: adjournedTo ? LocalDate.parse(adjournedTo) : null,
          })
        } catch {
          errors.push({ field: 'requestedDate', message: 'The date requested must be between 2000 and 2040' })
        }
      }
      if (errors.length || !due) throw new ValidationError(errors)
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const late: FieldError[] = []
        const hearing = hearingId ? await q.findHearing(trx, hearingId) : undefined
        if (hearingId && (!hearing || hearing.person_id !== person.id))
          late.push({ field: 'hearingId', message: 'Select one of this person’s hearings' })
        const event = eventId ? await q.findEvent(trx, eventId) : undefined
        if (eventId && (!event || event.person_id !== person.id))
          late.push({ field: 'eventId', message: 'Select one of this person’s events' })
        const author = authorStaffId ? await q.findStaff(trx, authorStaffId) : undefined
        if (authorStaffId && (!author || (ctx.user?.providerId && author.provider_id !== ctx.user.providerId)))
          late.push({ field: 'authorStaffId', message: 'Select an author from the list' })
        const team = teamId ? await q.findTeam(trx, { id: teamId }) : undefined
        if (teamId && !team) late.push({ field: 'teamId', message: 'Select a team from the list' })
        if (late.length) throw new ValidationError(late)
        const id = await q.insertReport(trx, {
          person_id: person.id,
          hearing_id: hearingId,
          event_id: eventId ?? hearing?.event_id ?? null,
          report_type: reportType as PsrType,
          requested_date: requestedDate,
          adjourned_to: adjournedTo,
          due_date: due!.dueDate.toString(),
          due_date_basis: due!.basis,
          author_staff_id: authorStaffId,
          team_id: teamId ?? author?.team_id ?? ctx.user?.teamId ?? null,
          requested_by: ctx.user?.id ?? null,
        })
        await change(trx, ctx, 'PSR_REQUEST', 'court.report.requested', person.id, person.crn, {
          reportId: id,
          reportType,
          requestedDate,
          dueDate: due!.dueDate.toString(),
          hearingId,
        })
        return presentReport((await q.findReport(trx, id))!, today())
      })
    },

    /** A team's open reports with where each stands (due, at risk, late). Only people the user may read; each audited. */
    async teamReports(ctx: RequestContext, query: { team?: string }) {
      requirePermission(ctx, 'person:read')
      const teams = await q.teamsOfProvider(db, ctx.user?.providerId ?? null)
      const wanted = query.team?.trim()
      const team = wanted
        ? teams.find(t => t.code === wanted || String(t.id) === wanted)
        : (teams.find(t => t.id === ctx.user?.teamId) ?? teams[0])
      if (wanted && !team) throw new ValidationError([{ field: 'team', message: 'Select a team from the list' }])
      if (!team)
        return { teams, team: null, reports: [] as ReportSummary[], hidden: 0, counts: { late: 0, at_risk: 0, due: 0 } }
      return db.transaction().execute(async trx => {
        const rows = await q.reportsForTeam(trx, team.id)
        const access = await loadPeopleAccess(
          trx,
          rows.map(r => r.person_id),
        )
        const visible = rows.filter(r => {
          const facts = access.get(r.person_id)
          return facts ? canReadPerson(ctx.user, facts).allowed : false
        })
        const now = today()
        const reports = visible.map(r => presentReport(r, now))
        await audit(trx, ctx, {
          action: 'COURT_REPORTS_VIEW',
          detail: { team: team.code, shown: reports.length, hidden: rows.length - visible.length },
        })
        for (const personId of new Set(visible.map(r => r.person_id))) {
          const r = visible.find(x => x.person_id === personId)!
          await audit(trx, ctx, {
            action: 'PERSON_VIEW',
            personId,
            subject: r.crn,
            detail: { page: 'court-reports', team: team.code },
          })
        }
        const counts = { late: 0, at_risk: 0, due: 0 }
        for (const r of reports) if (r.timeliness in counts) counts[r.timeliness as keyof typeof counts]++
        return { teams, team, reports, hidden: rows.length - visible.length, counts }
      })
    },

    /** A person's reports (the API). Audited as PERSON_VIEW. */
    async personReports(ctx: RequestContext, crn: string): Promise<ReportSummary[]> {
      requirePermission(ctx, 'person:read')
      return withPerson(ctx, crn, 'read', async (trx, person) => {
        const rows = await q.reportsForPerson(trx, person.id)
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: person.id,
          subject: person.crn,
          detail: { page: 'court-reports' },
        })
        const now = today()
        return rows.map(r => presentReport(r, now))
      })
    },

    /**
     * The report: its latest draft (or the pre-filled first draft when nothing has been saved), every saved
     * version, and the record facts it was pre-filled from. Audited as PSR_VIEW.
     */
    async getReport(ctx: RequestContext, crn: string, reportId: number) {
      requirePermission(ctx, 'person:read')
      return withPerson(ctx, crn, 'read', async (trx, person, access) => {
        const row = await reportForPerson(trx, person, reportId)
        const [versions, facts, document] = await Promise.all([
          q.reportVersions(trx, reportId),
          recordFacts(trx, person.id, row),
          q.findReportDocument(trx, reportId),
        ])
        await audit(trx, ctx, { action: 'PSR_VIEW', personId: person.id, subject: person.crn, detail: { reportId } })
        const latest = versions[0]
        const sections = latest ? savedSections(latest.sections, facts) : prefill(person, facts)
        return {
          person,
          report: presentReport(row, today()),
          sections,
          prefilled: !latest,
          versionNumber: latest?.version_number ?? 0,
          versions: versions.map(x => ({
            number: x.version_number,
            savedAt: x.saved_at,
            savedBy: x.saved_by_name,
            autosave: x.autosave,
          })),
          facts,
          hasDocument: Boolean(document),
          canWork:
            courtWorkDecision(ctx.user, access).allowed && (row.status === 'requested' || row.status === 'in_progress'),
        }
      })
    },

    /**
     * Saves the draft: appends a version (never overwrites). `basedOn` is the version the writer started from; if
     * someone saved since, nothing is saved (ConflictError). A requested report moves to in progress.
     */
    async saveDraft(
      ctx: RequestContext,
      crn: string,
      reportId: number,
      input: { sections: Partial<Record<string, unknown>>; basedOn: number; autosave?: boolean },
    ) {
      requirePermission(ctx, 'person:update')
      const errors: FieldError[] = []
      const sections = parseSections(input.sections, errors)
      if (errors.length) throw new ValidationError(errors)
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const row = await reportForPerson(trx, person, reportId)
        if (row.status === 'completed' || row.status === 'cancelled')
          throw new ValidationError([
            { field: 'proposal', message: `This report is ${row.status} and can no longer be changed` },
          ])
        const latest = await q.latestVersionNumber(trx, reportId)
        if (Number(input.basedOn) !== latest)
          throw new ConflictError(
            'Someone else saved this report since you opened it. Copy your changes, reload the report and try again.',
          )
        const number = latest + 1
        await q.insertVersion(trx, {
          report_id: reportId,
          person_id: person.id,
          version_number: number,
          sections: { ...sections },
          saved_by: ctx.user?.id ?? null,
          autosave: input.autosave === true,
        })
        if (
          row.status === 'requested' &&
          !(await q.updateReport(trx, reportId, row.version, { status: 'in_progress' }))
        )
          throw new ConflictError()
        // The trail says a draft was saved, not what it says: the text is in the versions.
        await change(trx, ctx, 'PSR_DRAFT_SAVE', 'court.report.draft-saved', person.id, person.crn, {
          reportId,
          versionNumber: number,
          autosave: input.autosave === true,
        })
        return { versionNumber: number }
      })
    },

    /**
     * Completes the report from its latest saved version: the proposal must be written. Produces the PDF for the
     * court and stores its bytes (court_documents) in the same transaction. Outbox: court.report.completed.
     */
    async completeReport(ctx: RequestContext, crn: string, reportId: number, input: { basedOn: number }) {
      requirePermission(ctx, 'person:update')
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const row = await reportForPerson(trx, person, reportId)
        if (row.status === 'completed' || row.status === 'cancelled')
          throw new ValidationError([{ field: 'proposal', message: `This report is already ${row.status}` }])
        const versions = await q.reportVersions(trx, reportId)
        const latest = versions[0]
        if (!latest) throw new ValidationError([{ field: 'proposal', message: 'Save the report before completing it' }])
        if (Number(input.basedOn) !== latest.version_number)
          throw new ConflictError(
            'The report was saved again since you opened it. Check the latest version and try again.',
          )
        const sections = savedSections(latest.sections, null)
        const missing: FieldError[] = REPORT_SECTIONS.filter(
          s => ['offenceAnalysis', 'proposal'].includes(s.key) && !sections[s.key]?.trim(),
        ).map(s => ({
          field: s.key,
          message: `Write the ${s.title.toLowerCase()} before completing the report`,
        }))
        if (!sections.roshLevel)
          missing.push({
            field: 'roshLevel',
            message: 'Select the RoSH level the report assesses, and save, before completing the report',
          })
        if (!sections.proposedSentence)
          missing.push({
            field: 'proposedSentence',
            message: 'Select the proposed sentence, and save, before completing the report',
          })
        else if (SUPERVISED_SENTENCES.includes(sections.proposedSentence) && !sections.proposedProvider) {
          missing.push({
            field: 'proposedProvider',
            message: 'Select who should manage the order, and save, before completing the report',
          })
        }
        if (missing.length) throw new ValidationError(missing)
        const now = clock.now()
        const bytes = await renderReportPdf({
          person,
          report: presentReport(row, today()),
          sections,
          versionNumber: latest.version_number,
          completedAt: now,
          completedBy: ctx.user?.displayName ?? null,
        })
        const documentId = await q.insertDocument(trx, {
          person_id: person.id,
          report_id: reportId,
          kind: 'pre_sentence_report',
          title: `Pre-sentence report – ${person.forename} ${person.surname}`,
          filename: `psr-${person.crn}-${reportId}.pdf`,
          content: bytes,
          created_by: ctx.user?.id ?? null,
        })
        const conclusions = {
          rosh_level: sections.roshLevel || null,
          proposed_sentence: sections.proposedSentence || null,
          proposed_provider: sections.proposedProvider || null,
        }
        if (
          !(await q.updateReport(trx, reportId, row.version, {
            status: 'completed',
            completed_at: now,
            ...conclusions,
          }))
        )
          throw new ConflictError()
        await change(trx, ctx, 'PSR_COMPLETE', 'court.report.completed', person.id, person.crn, {
          reportId,
          reportType: row.report_type,
          versionNumber: latest.version_number,
          documentId,
          dueDate: row.due_date,
          onTime: todayIso() <= row.due_date,
          roshLevel: conclusions.rosh_level,
          proposedSentence: conclusions.proposed_sentence,
          proposedProvider: conclusions.proposed_provider,
        })
        return { documentId }
      })
    },

    /** Cancels a report (the court no longer needs it), with the reason. Outbox: court.report.cancelled. */
    async cancelReport(ctx: RequestContext, crn: string, reportId: number, input: { reason: string }) {
      requirePermission(ctx, 'person:update')
      const errors: FieldError[] = []
      const reason = v.requiredText(errors, 'reason', input.reason, 'why the report is cancelled', 500)
      if (errors.length) throw new ValidationError(errors)
      return withPerson(ctx, crn, 'court-work', async (trx, person) => {
        const row = await reportForPerson(trx, person, reportId)
        if (row.status === 'completed' || row.status === 'cancelled')
          throw new ValidationError([{ field: 'reason', message: `This report is already ${row.status}` }])
        if (!(await q.updateReport(trx, reportId, row.version, { status: 'cancelled', cancelled_reason: reason })))
          throw new ConflictError()
        await change(trx, ctx, 'PSR_CANCEL', 'court.report.cancelled', person.id, person.crn, { reportId })
        return { reportId }
      })
    },

    /**
     * The report as a PDF: the stored bytes once completed; before that, the latest draft rendered now and marked
     * DRAFT. Audited as PSR_DOWNLOAD.
     */
    async reportPdf(
      ctx: RequestContext,
      crn: string,
      reportId: number,
    ): Promise<{ filename: string; bytes: Uint8Array; draft: boolean }> {
      requirePermission(ctx, 'person:read')
      return withPerson(ctx, crn, 'read', async (trx, person) => {
        const row = await reportForPerson(trx, person, reportId)
        const stored = await q.findReportDocument(trx, reportId)
        await audit(trx, ctx, {
          action: 'PSR_DOWNLOAD',
          personId: person.id,
          subject: person.crn,
          detail: { reportId, documentId: stored?.id ?? null },
        })
        if (stored) return { filename: stored.filename, bytes: stored.content, draft: false }
        const versions = await q.reportVersions(trx, reportId)
        const facts = await recordFacts(trx, person.id, row)
        const sections = versions[0] ? savedSections(versions[0].sections, facts) : prefill(person, facts)
        const bytes = await renderReportPdf({
          person,
          report: presentReport(row, today()),
          sections,
          versionNumber: versions[0]?.version_number ?? 0,
          completedAt: null,
          completedBy: null,
        })
        return { filename: `psr-${person.crn}-${reportId}-draft.pdf`, bytes, draft: true }
      })
    },

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
  return service
}

export type CourtService = ReturnType<typeof createCourtService>

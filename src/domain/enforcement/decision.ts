import type { LocalDate } from '@js-joda/core'
import { OUTCOMES, complianceEffect, evidenceDeadline } from './outcomes.ts'
import type { OutcomeCode } from './outcomes.ts'
import {
  ENFORCEMENT_RULES,
  SOURCES,
  explanationDue,
  isWithinWarningWindow,
  warningWindow,
  workingDaysAfter,
} from './rules.ts'
import type { Deadline } from './rules.ts'

/** The orders Probity supervises. The first two match `sentences.sentence_type`. */
export const ORDER_TYPES = [
  'community_order',
  'suspended_sentence_order',
  'licence',
  'post_sentence_supervision',
] as const
export type OrderType = (typeof ORDER_TYPES)[number]

/**
 * Type guard for an order type.
 *
 * @example
 * isOrderType('licence') // true
 */
export function isOrderType(value: unknown): value is OrderType {
  return typeof value === 'string' && (ORDER_TYPES as readonly string[]).includes(value)
}

/**
 * Which enforcement path a failure takes, by the sentence and the case's status (rules-and-outcomes.md §3.2): a
 * custodial sentence is supervised on licence — licence warnings (first, second, final), then a recall decision —
 * until the licence ends; once the case is on post-sentence supervision (`on_pss`) its failures take the PSS path —
 * a warning, then the magistrates' court (committal up to 14 days, a fine, or a supervision default order), never
 * recall ("No executive recall for PSS"). Community orders and SSOs keep their own path.
 *
 * @example
 * enforcementOrderType('custodial', 'on_licence') // 'licence'
 * enforcementOrderType('custodial', 'on_pss')     // 'post_sentence_supervision'
 */
export function enforcementOrderType(sentenceType: string, caseStatus: string): OrderType {
  if (sentenceType !== 'custodial') {
    if (!isOrderType(sentenceType)) throw new RangeError(`Unknown sentence type ${JSON.stringify(sentenceType)}`)
    return sentenceType
  }
  return caseStatus === 'on_pss' ? 'post_sentence_supervision' : 'licence'
}

/** What has already happened on this order. */
export interface EnforcementHistory {
  /** Dates warnings were given on this order (the warning letter's date), in any order. */
  warnings: readonly LocalDate[]
  /** Dates of earlier enforceable failures on this order (used for the explanation only; warnings decide). */
  failures?: readonly LocalDate[]
  /** The date the last breach or recall on this order closed: warnings and failures on or before it no longer count. */
  countsResetOn?: LocalDate | null
  /** A breach on this order is open (initiated and not closed). */
  breachInProgress?: boolean
  /** A recall on this licence is being considered or is under way. */
  recallInProgress?: boolean
}

export interface EnforcementInput {
  orderType: OrderType
  /** The appointment or event the person failed. */
  failureDate: LocalDate
  /** The day the failure was recorded as unacceptable (deadlines run from it). Defaults to `failureDate`. */
  recordedOn?: LocalDate
  /** When given, outcomes that are not failures give `not_counted` or `awaiting_evidence`. */
  outcome?: OutcomeCode | null
  /** The contact type's national-standard flag. Defaults to true. */
  nationalStandard?: boolean
  history: EnforcementHistory
  /** Professional judgement to breach (orders) or consider recall (licence) on this failure, without a warning. */
  immediate?: boolean
}

export type EnforcementPath =
  | 'not_counted'
  | 'awaiting_evidence'
  | 'warning'
  | 'breach'
  | 'added_to_breach'
  | 'licence_warning'
  | 'recall_consideration'
  | 'added_to_recall'

export type EnforcementActionKind =
  | 'evidence_window'
  | 'warning_letter'
  | 'breach_letter'
  | 'explanation_window'
  | 'breach_pack'
  | 'court_hearing'
  | 'add_to_open_process'
  | 'recall_consultation'
  | 'recall_request'
  | 'no_recall_letter'

/** One enforcement action to create, with its deadline on the working-day calendar. */
export interface EnforcementAction extends Deadline {
  kind: EnforcementActionKind
  title: string
  /** The nearest nDelius enforcement action or NSI status (reference-systems.md §3.4), when there is one. */
  deliusCode: string | null
  explanation: string
  /** For explanation windows: what happens when the excuse is accepted, and when it is not (or none comes). */
  ifAccepted?: string
  ifNotAccepted?: string
}

export interface EnforcementDecision {
  path: EnforcementPath
  orderType: OrderType
  failureDate: LocalDate
  recordedOn: LocalDate
  /** Whether this failure counts towards compliance. */
  counts: boolean
  /** The warning whose 12-month window the failure falls in (orders), or null. */
  activeWarning: { givenOn: LocalDate; windowEnds: LocalDate } | null
  /** Licence cases: which warning this would be (1 first, 2 second, 3 final), otherwise null. */
  warningNumber: number | null
  actions: EnforcementAction[]
  explanation: string
  source: string
}

const ORDER_NAMES: Record<OrderType, string> = {
  community_order: 'community order',
  suspended_sentence_order: 'suspended sentence order',
  licence: 'licence',
  post_sentence_supervision: 'post-sentence supervision',
}

const COURT_POWERS: Record<Exclude<OrderType, 'licence'>, string> = {
  community_order:
    'The court can continue the order with added or more demanding requirements, or revoke it and re-sentence.',
  suspended_sentence_order:
    'The court can activate the suspended custodial sentence or, if that would be unjust, fine, extend the ' +
    'operational period or add requirements such as a curfew or unpaid work.',
  post_sentence_supervision:
    'PSS cannot be enforced by recall. The magistrates’ court can commit to custody for up to 14 days, fine up to ' +
    'level 3, or make a supervision default order (unpaid work or an electronically monitored curfew).',
}

const COURT_SOURCE: Record<Exclude<OrderType, 'licence'>, string> = {
  community_order: SOURCES.breachTrigger,
  suspended_sentence_order: SOURCES.ssoOutcomes,
  post_sentence_supervision: SOURCES.pssBreach,
}

/**
 * The enforcement decision for a new failure, and the actions it creates with their deadlines.
 *
 * - Community order, SSO and PSS: the first unacceptable failure earns a warning; a further failure within the 12
 *   months beginning with a warning's date leads to breach (a failure on the warning's first anniversary is outside
 *   the window and earns a new warning). PSS breach goes to the magistrates' court, never to recall.
 * - Licence: first, second and final warning letters, then recall consideration; `immediate` goes straight to recall
 *   consideration (e.g. the failure shows a risk of further offending).
 * - Only national-standard failures count; acceptable absences never do; "failed to attend" waits for evidence.
 *
 * Sources: rules-and-outcomes.md §3.1–§3.3, reference-systems.md §2.6, §3.4, §3.5.
 *
 * @example
 * const d = decideEnforcement({
 *   orderType: 'community_order',
 *   failureDate: LocalDate.of(2025, 2, 28),
 *   history: { warnings: [LocalDate.of(2024, 3, 1)] },
 * })
 * d.path // 'breach' (28 Feb 2025 is the last day of the 12 months beginning 1 March 2024)
 * d.actions.map(a => a.kind) // ['breach_letter', 'explanation_window', 'breach_pack', 'court_hearing']
 */
export function decideEnforcement(input: EnforcementInput): EnforcementDecision {
  const { orderType, failureDate, history } = input
  if (!isOrderType(orderType)) throw new RangeError(`Unknown order type ${JSON.stringify(orderType)}`)
  const recordedOn = input.recordedOn ?? failureDate
  if (recordedOn.isBefore(failureDate)) {
    throw new RangeError(`A failure on ${failureDate} cannot be recorded earlier, on ${recordedOn}`)
  }
  const base = { orderType, failureDate, recordedOn, activeWarning: null, warningNumber: null }
  const outcome = input.outcome ?? null
  const nationalStandard = input.nationalStandard ?? true

  if (input.outcome !== undefined) {
    const effect = complianceEffect({ outcome, nationalStandard })
    if (effect === 'awaiting_evidence') {
      const evidence = evidenceDeadline(failureDate)
      return {
        ...base,
        path: 'awaiting_evidence',
        counts: false,
        actions: [
          {
            ...evidence,
            kind: 'evidence_window',
            title: 'Waiting for evidence of the absence',
            deliusCode: 'AFTA',
            explanation:
              `They have until ${evidence.due} to show why they missed the appointment. Then change the outcome to ` +
              'an acceptable absence (with the reason) or an unacceptable absence.',
          },
        ],
        explanation: 'Failed to attend is a holding outcome: it does not count until the evidence window closes.',
        source: SOURCES.evidence,
      }
    }
    if (effect !== 'failure') {
      const why = !nationalStandard
        ? 'This contact type is not national standard, so it does not count towards compliance and is not enforced.'
        : outcome === null
          ? 'No outcome has been recorded yet.'
          : `${OUTCOMES[outcome].label} is not a failure to comply.`
      return { ...base, path: 'not_counted', counts: false, actions: [], explanation: why, source: SOURCES.whatCounts }
    }
  }

  const reset = history.countsResetOn ?? null
  const afterReset = (d: LocalDate) => reset === null || d.isAfter(reset)
  const warnings = history.warnings.filter(w => afterReset(w) && !w.isAfter(failureDate))
  const earlierFailures = (history.failures ?? []).filter(f => afterReset(f) && f.isBefore(failureDate))
  const resetNote = reset === null ? '' : ` Counts restarted after the breach or recall that closed on ${reset}.`

  if (orderType === 'licence') return licenceDecision(input, { ...base, recordedOn }, warnings, resetNote)

  if (history.breachInProgress) {
    return {
      ...base,
      path: 'added_to_breach',
      counts: true,
      actions: [
        {
          kind: 'add_to_open_process',
          title: 'Add this failure to the open breach',
          deliusCode: null,
          due: null,
          basis: 'no separate timescale: it follows the open breach',
          source: SOURCES.breachTrigger,
          explanation: 'A breach is already open on this order: add this failure to the breach pack or tell the court.',
        },
      ],
      explanation: `A breach of this ${ORDER_NAMES[orderType]} is already in progress.`,
      source: SOURCES.breachTrigger,
    }
  }

  const latest = warnings
    .filter(w => isWithinWarningWindow(w, failureDate))
    .reduce<LocalDate | null>((a, w) => (a === null || w.isAfter(a) ? w : a), null)
  const activeWarning = latest === null ? null : { givenOn: latest, windowEnds: warningWindow(latest).to }
  const order = ORDER_NAMES[orderType]
  const court = COURT_POWERS[orderType]

  if (activeWarning !== null || input.immediate) {
    const why =
      activeWarning !== null
        ? `This is a further failure within the 12 months beginning with the warning given on ${activeWarning.givenOn} ` +
          `(the window runs to ${activeWarning.windowEnds}), so the ${order} must go back to court.`
        : `You have used professional judgement to breach the ${order} on this failure without a warning.`
    const letter = workingDaysAfter(recordedOn, ENFORCEMENT_RULES.letterWorkingDays, SOURCES.followUp)
    const window = explanationDue(letter.due as LocalDate)
    const pack = workingDaysAfter(recordedOn, ENFORCEMENT_RULES.breachPackWorkingDays, SOURCES.writtenWarning)
    return {
      ...base,
      path: 'breach',
      counts: true,
      activeWarning,
      actions: [
        {
          ...letter,
          kind: 'breach_letter',
          title: 'Send the breach letter',
          deliusCode: 'EA08',
          explanation:
            'Write to them describing the failure, saying it is unacceptable, that breach proceedings are being ' +
            `started and that they have 7 days to give a reasonable excuse or evidence. Send it by ${letter.due}.`,
        },
        {
          ...window,
          kind: 'explanation_window',
          title: 'Their 7 days to explain',
          deliusCode: 'EA12',
          explanation:
            `If the letter goes out on ${letter.due} they have until ${window.due} to explain. ` +
            'If it goes out earlier, the 7 days run from the day it is sent.',
          ifAccepted:
            'Change the outcome to an acceptable absence with its reason, withdraw the breach and tell them ' +
            '(withdrawal of warning, no further action). Any earlier warning still stands.',
          ifNotAccepted:
            'Send confirmation of breach (EA09, EA10), initiate the breach (IBR) and submit the breach pack to court.',
        },
        {
          ...pack,
          kind: 'breach_pack',
          title: 'Prepare the breach pack for court',
          deliusCode: 'IBR',
          explanation:
            `The breach information pack must be ready for court by ${pack.due}. Start it now: the 7 days to ` +
            'explain run alongside it.',
        },
        {
          kind: 'court_hearing',
          title: 'Court hearing',
          deliusCode: 'BRE05',
          due: null,
          basis: 'set by the court when the breach is listed',
          source: COURT_SOURCE[orderType],
          explanation: `Record the hearing date when the court lists it. ${court}`,
        },
      ],
      explanation: why + resetNote,
      source: activeWarning !== null ? SOURCES.warning : SOURCES.breachTrigger,
    }
  }

  const letter = workingDaysAfter(recordedOn, ENFORCEMENT_RULES.letterWorkingDays, SOURCES.followUp)
  const window = explanationDue(letter.due as LocalDate)
  const warnedOn = letter.due as LocalDate
  const earlier =
    earlierFailures.length > 0
      ? ` Earlier failure(s) on ${earlierFailures.map(String).join(', ')} have no warning within the last 12 months.`
      : ''
  return {
    ...base,
    path: 'warning',
    counts: true,
    actions: [
      {
        ...letter,
        kind: 'warning_letter',
        title: 'Send the warning letter',
        deliusCode: 'EA08',
        explanation:
          'Write to them describing the failure, saying it is unacceptable and that a further failure within 12 ' +
          `months of the warning makes them liable to be brought before the court. Send it by ${letter.due}.`,
      },
      {
        ...window,
        kind: 'explanation_window',
        title: 'Their 7 days to explain',
        deliusCode: 'EA12',
        explanation:
          `If the letter goes out on ${letter.due} they have until ${window.due} to explain. ` +
          'If it goes out earlier, the 7 days run from the day it is sent.',
        ifAccepted:
          'Change the outcome to an acceptable absence with its reason and withdraw the warning (EA06, EA07): it ' +
          'no longer counts.',
        ifNotAccepted:
          'The warning stands (no further action). A further failure within 12 months beginning with the ' +
          `warning date leads to breach: for a warning dated ${warnedOn}, until ${warningWindow(warnedOn).to}.`,
      },
    ],
    explanation: `First unacceptable failure on this ${order} in 12 months: give a warning.${earlier}${resetNote}`,
    source: SOURCES.warning,
  }
}

function licenceDecision(
  input: EnforcementInput,
  base: Pick<EnforcementDecision, 'orderType' | 'failureDate' | 'recordedOn' | 'activeWarning' | 'warningNumber'>,
  warnings: LocalDate[],
  resetNote: string,
): EnforcementDecision {
  const { recordedOn } = base
  if (input.history.recallInProgress) {
    return {
      ...base,
      path: 'added_to_recall',
      counts: true,
      actions: [
        {
          kind: 'add_to_open_process',
          title: 'Add this failure to the recall',
          deliusCode: null,
          due: null,
          basis: 'no separate timescale: it follows the open recall',
          source: SOURCES.recallSteps,
          explanation: 'A recall is already being considered or under way: add this failure to it.',
        },
      ],
      explanation: 'A recall is already being considered for this licence.',
      source: SOURCES.recallSteps,
    }
  }

  const limit = ENFORCEMENT_RULES.licenceWarningsBeforeRecall
  if (input.immediate || warnings.length >= limit) {
    const consult = workingDaysAfter(recordedOn, ENFORCEMENT_RULES.recallStepWorkingDays, SOURCES.probityDefault)
    const request = workingDaysAfter(
      consult.due as LocalDate,
      ENFORCEMENT_RULES.recallStepWorkingDays,
      SOURCES.probityDefault,
    )
    const noRecall = workingDaysAfter(
      consult.due as LocalDate,
      ENFORCEMENT_RULES.noRecallLetterWorkingDays,
      SOURCES.probityDefault,
    )
    const why = input.immediate
      ? 'You have judged this failure serious enough to consider recall now.'
      : `They have already had ${warnings.length} warnings on this licence (first, second and final).`
    return {
      ...base,
      path: 'recall_consideration',
      counts: true,
      actions: [
        {
          ...consult,
          kind: 'recall_consultation',
          title: 'Consider recall with your senior',
          deliusCode: null,
          explanation:
            'Discuss recall with the senior probation officer, who records their rationale; decide whether to ' +
            'recommend recall (standard, fixed-term or emergency) or not, noting the alternatives tried.',
        },
        {
          ...request,
          kind: 'recall_request',
          title: 'If recalling: Part A countersigned and sent to PPCS',
          deliusCode: 'EA11',
          explanation:
            'Complete Part A, have it countersigned by the senior and the assistant chief officer and send it to ' +
            'the Public Protection Casework Section, which makes the recall decision.',
        },
        {
          ...noRecall,
          kind: 'no_recall_letter',
          title: 'If not recalling: decision-not-to-recall letter',
          deliusCode: null,
          explanation: 'Send the decision-not-to-recall letter setting out what is expected of them now.',
        },
      ],
      explanation: why + resetNote,
      source: SOURCES.recallSteps,
    }
  }

  const number = warnings.length + 1
  const name = number === 1 ? 'first' : number === 2 ? 'second' : 'final'
  const letter = workingDaysAfter(recordedOn, ENFORCEMENT_RULES.letterWorkingDays, SOURCES.followUp)
  const window = explanationDue(letter.due as LocalDate)
  return {
    ...base,
    warningNumber: number,
    path: 'licence_warning',
    counts: true,
    actions: [
      {
        ...letter,
        kind: 'warning_letter',
        title: `Send the ${name} warning letter`,
        deliusCode: number === 1 ? 'EA02' : number === 2 ? 'EA03' : null,
        explanation:
          `Send the ${name} licence warning letter by ${letter.due}. It says that failing to keep to the licence ` +
          'can lead to recall to prison (not a court hearing: licences are enforced by recall).' +
          (number === limit ? ' After a final warning the next failure leads to recall consideration.' : ''),
      },
      {
        ...window,
        kind: 'explanation_window',
        title: 'Their 7 days to explain',
        deliusCode: 'EA12',
        explanation:
          `If the letter goes out on ${letter.due} they have until ${window.due} to explain. ` +
          'If it goes out earlier, the 7 days run from the day it is sent.',
        ifAccepted:
          'Change the outcome to an acceptable absence with its reason and withdraw the warning: it no longer counts.',
        ifNotAccepted: `The ${name} warning stands.`,
      },
    ],
    explanation:
      `Licence cases get first, second and final warnings before recall is considered; this is warning ${number} ` +
      `of ${limit}. If the failure shows a risk of further offending, consider recall now instead.${resetNote}`,
    source: SOURCES.licenceWarnings,
  }
}

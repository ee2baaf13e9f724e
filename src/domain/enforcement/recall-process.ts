import type { LocalDate } from '@js-joda/core'
import type { NextStep } from './breach-process.ts'
import { checkTransition } from './process.ts'
import type { TransitionResult } from './process.ts'
import { ENFORCEMENT_RULES, SOURCES, workingDaysAfter } from './rules.ts'

export const RECALL_STATUSES = [
  'considered',
  'recommended',
  'recall_decided',
  'no_recall_decided',
  'part_a_signed',
  'sent_to_ppcs',
  'recalled',
  'not_recalled',
  'no_recall_letter_sent',
  'closed',
] as const
export type RecallStatus = (typeof RECALL_STATUSES)[number]

/** Standard, fixed-term or emergency recall (reference-systems.md §2.6). */
export type RecallType = 'standard' | 'fixed_term' | 'emergency'

/**
 * Allowed moves, following the "Make a recall decision" steps (reference-systems.md §2.6): consider recall with the
 * senior (PO_RECALL_CONSULT_SPO, SPO_CONSIDER_RECALL) → recommendation with the senior's rationale
 * (SPO_RECORDED_RATIONALE) → decision (RECALL_DECIDED / NO_RECALL_DECIDED) → for a recall, Part A countersigned by the
 * senior and the ACO (SPO_SIGNED, ACO_SIGNED) → sent to PPCS (SENT_TO_PPCS), which decides → recalled (BOOKED_TO_PPUD)
 * or not; for no recall, the decision-not-to-recall letter → closed (REC_CLOSED).
 *
 * @example
 * RECALL_TRANSITIONS.recommended // ['recall_decided', 'no_recall_decided']
 */
export const RECALL_TRANSITIONS: Readonly<Record<RecallStatus, readonly RecallStatus[]>> = {
  considered: ['recommended'],
  recommended: ['recall_decided', 'no_recall_decided'],
  recall_decided: ['part_a_signed'],
  part_a_signed: ['sent_to_ppcs'],
  sent_to_ppcs: ['recalled', 'not_recalled'],
  recalled: ['closed'],
  not_recalled: ['closed'],
  no_recall_decided: ['no_recall_letter_sent'],
  no_recall_letter_sent: ['closed'],
  closed: [],
}

/** One dated step. `recommendation` goes with `recommended`; `recallType` with `recall_decided`. */
export interface RecallStep {
  status: RecallStatus
  on: LocalDate
  recommendation?: 'recall' | 'no_recall'
  recallType?: RecallType
  note?: string
}

export interface RecallProcess {
  /** Oldest first; the last step is the current status. */
  steps: readonly RecallStep[]
}

/**
 * Opens a recall consideration for a licence case.
 *
 * @example
 * startRecall(LocalDate.of(2025, 3, 3)).steps[0].status // 'considered'
 */
export function startRecall(on: LocalDate): RecallProcess {
  return { steps: [{ status: 'considered', on }] }
}

/**
 * The current step of a recall.
 *
 * @example
 * currentRecallStep(startRecall(LocalDate.of(2025, 3, 3))).status // 'considered'
 */
export function currentRecallStep(process: RecallProcess): RecallStep {
  const last = process.steps[process.steps.length - 1]
  if (last === undefined) throw new RangeError('A recall has at least its considered step')
  return last
}

/**
 * The recall type decided, once there is one.
 *
 * @example
 * recallType(process) // 'fixed_term'
 */
export function recallType(process: RecallProcess): RecallType | null {
  return process.steps.find(s => s.status === 'recall_decided')?.recallType ?? null
}

/**
 * Validates and applies one step; never changes the process passed in. Refuses a move the
 * {@link RECALL_TRANSITIONS} do not allow, a step dated before the previous one, a recommendation without its
 * choice, a recall decision without its type.
 *
 * @example
 * applyRecallStep(startRecall(LocalDate.of(2025, 3, 3)), { status: 'recalled', on: LocalDate.of(2025, 3, 3) }).ok // false
 */
export function applyRecallStep(process: RecallProcess, step: RecallStep): TransitionResult<RecallProcess> {
  const current = currentRecallStep(process)
  const errors = checkTransition(RECALL_TRANSITIONS, current, step)
  if (step.status === 'recommended') {
    if (step.recommendation !== 'recall' && step.recommendation !== 'no_recall') {
      errors.push('A recommendation is recall or no_recall')
    }
  } else if (step.recommendation !== undefined) errors.push('A recommendation only goes with recommended')
  if (step.status === 'recall_decided') {
    if (step.recallType !== 'standard' && step.recallType !== 'fixed_term' && step.recallType !== 'emergency') {
      errors.push('A recall decision needs its type: standard, fixed_term or emergency')
    }
  } else if (step.recallType !== undefined) errors.push('A recall type only goes with recall_decided')
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, process: { steps: [...process.steps, step] } }
}

/**
 * The next deadline of a recall. The spec gives no recall timescales (§3.2 names PSI 30/2014 without them), so these
 * are Probity defaults, marked as such in `source`: recommendation and decision each by the next working day;
 * Part A countersigned by the next working day (an emergency recall the same day); sent to PPCS the day it is signed;
 * the decision-not-to-recall letter within 5 working days. Nothing is dated while PPCS decides.
 *
 * @example
 * nextRecallStep(startRecall(LocalDate.of(2024, 3, 28))).deadline?.due?.toString() // '2024-04-02' (Easter)
 */
export function nextRecallStep(process: RecallProcess): NextStep<RecallStatus> {
  const current = currentRecallStep(process)
  const base = { status: current.status, allowed: RECALL_TRANSITIONS[current.status] }
  const next = (n: number, title: string, explanation: string) => {
    const d = workingDaysAfter(current.on, n, SOURCES.probityDefault)
    return { ...base, deadline: { ...d, title, explanation: `${explanation} By ${d.due}.` } }
  }
  const step = ENFORCEMENT_RULES.recallStepWorkingDays
  switch (current.status) {
    case 'considered':
      return next(
        step,
        'Recommendation with the senior’s rationale',
        'Discuss with the senior and record the rationale.',
      )
    case 'recommended':
      return next(step, 'Recall decision', 'Decide whether to recall.')
    case 'recall_decided': {
      if (recallType(process) === 'emergency') {
        return {
          ...base,
          deadline: {
            due: current.on,
            basis: 'the same day as an emergency recall decision',
            source: SOURCES.probityDefault,
            title: 'Part A countersigned',
            explanation: `Emergency recall: Part A countersigned by the senior and the ACO today, ${current.on}.`,
          },
        }
      }
      return next(step, 'Part A countersigned', 'Complete Part A and have it countersigned by the senior and the ACO.')
    }
    case 'part_a_signed':
      return {
        ...base,
        deadline: {
          due: current.on,
          basis: 'the day Part A is countersigned',
          source: SOURCES.probityDefault,
          title: 'Send to PPCS',
          explanation: `Send the countersigned Part A to the Public Protection Casework Section on ${current.on}.`,
        },
      }
    case 'no_recall_decided':
      return next(
        ENFORCEMENT_RULES.noRecallLetterWorkingDays,
        'Decision-not-to-recall letter',
        'Send the decision-not-to-recall letter.',
      )
    default:
      return { ...base, deadline: null }
  }
}

import type { LocalDate } from '@js-joda/core'
import { isRecallDecision, isRecallGround, type RecallDecision, type RecallGround } from '../../domain/recall/index.ts'
import { ValidationError } from '../../errors.ts'
import { FieldProblems, list, readDate, text, type FormBody } from '../../web/forms.ts'

/**
 * The recall forms: one step at a time, named by the hidden `step` field. Pure: the body in, a typed command or
 * every field at fault (a ValidationError) out. Field names are element ids for the error summary.
 */

export type RecallCommand =
  | { step: 'concern'; grounds: RecallGround[]; concern: string }
  | { step: 'consultation'; senior: string; on: LocalDate; notes: string | null }
  | { step: 'rationale'; rationale: string; alternatives: string }
  | { step: 'decision'; decision: RecallDecision; extendedSentence: boolean; reason: string | null }
  | { step: 'part_a' | 'senior_countersignature' | 'aco_countersignature' }
  | { step: 'sent_to_ppcs'; on: LocalDate }
  | { step: 'custody_return'; on: LocalDate }

const MAX = 4000

function required(body: FormBody, p: FieldProblems, field: string, message: string): string {
  const value = text(body, field)
  if (!value) p.add(field, message)
  else if (value.length > MAX) p.add(field, `${message.replace(/^Enter/, 'Shorten')} to ${MAX} characters or fewer`)
  return value
}

function date(body: FormBody, p: FieldProblems, name: string, label: string): LocalDate {
  const d = readDate(body, name, label, p, { from: 2000, to: 2040 })
  if (d === undefined) p.add(`${name}-day`, `Enter the ${label.toLowerCase()}`)
  return d as LocalDate
}

function parse(body: FormBody, p: FieldProblems): RecallCommand | null {
  const step = text(body, 'step')
  switch (step) {
    case 'concern': {
      const grounds = list(body, 'grounds')
      if (grounds.length === 0 || !grounds.every(isRecallGround)) p.add('grounds', 'Select the grounds for recall')
      const concern = required(body, p, 'concern', 'Enter your concern')
      return { step, grounds: grounds.filter(isRecallGround), concern }
    }
    case 'consultation': {
      const senior = required(body, p, 'senior', 'Enter the senior you consulted')
      const on = date(body, p, 'consultedOn', 'Date of the consultation')
      return { step, senior, on, notes: text(body, 'notes') || null }
    }
    case 'rationale':
      return {
        step,
        rationale: required(body, p, 'rationale', 'Enter the rationale'),
        alternatives: required(body, p, 'alternatives', 'Enter the alternatives to recall tried'),
      }
    case 'decision': {
      const decision = text(body, 'decision')
      if (!isRecallDecision(decision)) p.add('decision', 'Select the decision')
      const extended = text(body, 'extendedSentence')
      if (extended !== 'yes' && extended !== 'no')
        p.add('extendedSentence', 'Select whether it is an extended sentence')
      return {
        step,
        decision: decision as RecallDecision,
        extendedSentence: extended === 'yes',
        reason: text(body, 'reason') || null,
      }
    }
    case 'part_a':
    case 'senior_countersignature':
    case 'aco_countersignature':
      return { step }
    case 'sent_to_ppcs':
      return { step, on: date(body, p, 'sentOn', 'Date sent to PPCS') }
    case 'custody_return':
      return { step, on: date(body, p, 'returnedOn', 'Date returned to custody') }
    default:
      p.add('step', 'Choose the recall step to record')
      return null
  }
}

/** The command for one step of a recall, or a ValidationError naming every field at fault. */
export function parseRecallForm(body: FormBody | undefined): RecallCommand {
  const p = new FieldProblems()
  const command = parse(body ?? {}, p)
  if (p.errors.length > 0 || command === null) throw new ValidationError(p.errors)
  return command
}

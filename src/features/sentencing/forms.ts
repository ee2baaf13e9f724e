import { REQUIREMENT_KINDS } from '../../domain/sentencing/index.ts'
import type { FieldError } from '../../errors.ts'
import { isoDateFrom, text, type FormBody } from '../../web/forms.ts'
import type {
  CustodialAmendment,
  NewEventInput,
  NewSentenceInput,
  OffenceInput,
  RequirementFormInput,
  TerminationInput,
} from './commands.ts'

/**
 * HTML forms → typed commands (pure), read with src/web/forms.ts (a field sent twice: the last value wins; no form
 * of this feature sends one twice). Field names in the use cases' errors are mapped back to the form's own fields.
 */

const int = (s: string): number => (s === '' ? NaN : /^-?\d+$/.test(s) ? Number(s) : NaN)
const optionalInt = (s: string): number | null => (s === '' ? null : int(s))
const num = (s: string): number => (s === '' ? NaN : /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN)

export function offencesFrom(body: FormBody): { main: OffenceInput | null; others: OffenceInput[] } {
  const code = text(body, 'mainOffenceCode')
  const date = isoDateFrom(body, 'mainOffenceDate')
  const others = text(body, 'otherOffenceCodes')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(c => ({ code: c }))
  return {
    main: code ? { code, date: date || null, description: text(body, 'mainOffenceDescription') || null } : null,
    others,
  }
}

export function eventFromForm(body: FormBody): NewEventInput {
  const { main, others } = offencesFrom(body)
  return {
    courtCode: text(body, 'courtCode') || null,
    convictionDate: isoDateFrom(body, 'convictionDate') || null,
    mainOffence: main,
    otherOffences: others,
    notes: text(body, 'notes') || null,
  }
}

const lengthFrom = (body: FormBody, name: string) => {
  const value = text(body, `${name}Value`)
  if (value === '') return null
  return { value: int(value), unit: text(body, `${name}Unit`) || 'months' }
}

export function sentenceFromForm(body: FormBody): NewSentenceInput {
  const type = text(body, 'type')
  const eventChoice = text(body, 'eventNumber')
  const requirements: RequirementFormInput[] = []
  if (type !== 'custodial') {
    for (const kind of REQUIREMENT_KINDS) {
      const length = text(body, `req-${kind.code}`)
      if (length === '') continue
      requirements.push({
        type: kind.code,
        length: int(length),
        startDate: isoDateFrom(body, `req-${kind.code}-start`) || null,
        ...(kind.code === 'curfew'
          ? {
              hoursPerDay: num(text(body, 'req-curfew-hoursPerDay')),
              daysPerWeek: optionalInt(text(body, 'req-curfew-daysPerWeek')),
            }
          : {}),
        notes: text(body, `req-${kind.code}-notes`) || null,
      })
    }
  }
  return {
    eventNumber: eventChoice && eventChoice !== 'new' ? int(eventChoice) : null,
    event: eventChoice && eventChoice !== 'new' ? null : eventFromForm(body),
    type,
    sentenceDate: isoDateFrom(body, 'sentenceDate') || null,
    length: lengthFrom(body, 'length'),
    operationalPeriod: type === 'suspended_sentence_order' ? lengthFrom(body, 'operational') : null,
    supervisionPeriod: type === 'suspended_sentence_order' ? lengthFrom(body, 'supervision') : null,
    requirements,
    custodialType: type === 'custodial' ? text(body, 'custodialType') || null : null,
    consecutiveToEventNumber: type === 'custodial' ? optionalInt(text(body, 'consecutiveTo')) : null,
    remandDays: type === 'custodial' ? (optionalInt(text(body, 'remandDays')) ?? 0) : null,
    taggedBailDays: type === 'custodial' ? (optionalInt(text(body, 'taggedBailDays')) ?? 0) : null,
  }
}

export function terminationFromForm(body: FormBody): TerminationInput {
  return {
    date: isoDateFrom(body, 'date') || null,
    reason: text(body, 'reason') || null,
    version: optionalInt(text(body, 'version')),
  }
}

/** The custodial amendment form: blank remand or tagged bail is 0; anything but digits is refused by the rule. */
export function amendmentFromForm(body: FormBody): CustodialAmendment {
  const n = (name: string) =>
    text(body, name) === '' ? 0 : /^\d+$/.test(text(body, name)) ? Number(text(body, name)) : NaN
  return {
    version: Number(text(body, 'version')) || 0,
    custodialType: text(body, 'custodialType') || null,
    length: { value: text(body, 'lengthValue') === '' ? NaN : n('lengthValue'), unit: text(body, 'lengthUnit') },
    remandDays: n('remandDays'),
    taggedBailDays: n('taggedBailDays'),
  }
}

/** Maps the service's field names to the form's inputs, so each error shows beside its field. */
export function formErrors(errors: FieldError[], input?: NewSentenceInput): FieldError[] {
  return errors.map(e => {
    const f = e.field
    const req = /^requirements\.(\d+)\.(\w+)$/.exec(f)
    if (req && input?.requirements) {
      const type = input.requirements[Number(req[1])]?.type
      const part = req[2]
      const field =
        part === 'hoursPerDay' || part === 'daysPerWeek'
          ? `req-curfew-${part}`
          : part === 'startDate'
            ? `req-${type}-start`
            : `req-${type}`
      return { field, message: e.message }
    }
    const map: Record<string, string> = {
      'mainOffence.code': 'mainOffenceCode',
      'mainOffence.date': 'mainOffenceDate',
      length: 'lengthValue',
      operationalPeriod: 'operationalValue',
      supervisionPeriod: 'supervisionValue',
      consecutiveToEventNumber: 'consecutiveTo',
    }
    if (/^otherOffences\.\d+\./.test(f)) return { field: 'otherOffenceCodes', message: e.message }
    return { field: map[f] ?? f, message: e.message }
  })
}

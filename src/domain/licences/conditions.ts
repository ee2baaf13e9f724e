import {
  ADDITIONAL_CONDITIONS,
  additionalConditionType,
  monitoringText,
  type AdditionalConditionCode,
} from './additional-conditions.ts'
import { curfewProblem, LICENCE_CURFEW_MAX_HOURS_PER_DAY } from './curfew.ts'
import { isStandardConditionCode, STANDARD_CONDITIONS } from './standard-conditions.ts'

/** One additional (or bespoke) condition on a licence: its type, the values of its fields, and why it is needed. */
export interface AdditionalCondition {
  type: AdditionalConditionCode
  fields: Record<string, string>
  justification: string
}

/** The conditions of one version of a licence. */
export interface LicenceConditions {
  /** The codes of the standard conditions included (all of them by default). */
  standard: string[]
  additional: AdditionalCondition[]
}

/** A condition problem, named by its field (`additional.curfew.startTime`, `additional.polygraph.justification`). */
export interface ConditionProblem {
  field: string
  message: string
}

/** The longest text accepted in one field or justification. */
export const MAX_CONDITION_TEXT = 2000

/**
 * Checks a licence's conditions: known standard conditions; each additional type at most once (a bespoke condition
 * holds any further wording); every field of each additional condition filled (a map reference is optional); every
 * additional and bespoke condition justified; a curfew within `LICENCE_CURFEW_MAX_HOURS_PER_DAY`; an exclusion zone
 * described. Returns every problem (empty when the conditions are acceptable).
 *
 * @example
 * validateConditions({ standard: [], additional: [{ type: 'polygraph', fields: {}, justification: '' }] })
 * // [{ field: 'additional.polygraph.justification', message: 'Give the justification for the polygraph condition' }]
 */
export function validateConditions(
  conditions: LicenceConditions,
  options: { curfewMaxHours?: number } = {},
): ConditionProblem[] {
  const problems: ConditionProblem[] = []
  for (const code of conditions.standard)
    if (!isStandardConditionCode(code))
      problems.push({ field: 'standard', message: `${code} is not a standard condition` })
  const seen = new Set<string>()
  for (const condition of conditions.additional) {
    const type = additionalConditionType(condition.type)
    if (!type) {
      problems.push({ field: 'additional', message: `${String(condition.type)} is not an additional condition` })
      continue
    }
    const at = `additional.${type.code}`
    if (seen.has(type.code)) {
      problems.push({ field: at, message: `The ${type.category.toLowerCase()} condition is listed twice` })
      continue
    }
    seen.add(type.code)
    for (const field of type.fields) {
      const value = (condition.fields[field.name] ?? '').trim()
      if (!value && !field.optional)
        problems.push({ field: `${at}.${field.name}`, message: `Enter the ${field.label.toLowerCase()}` })
      else if (value.length > MAX_CONDITION_TEXT)
        problems.push({
          field: `${at}.${field.name}`,
          message: `${field.label} must be ${MAX_CONDITION_TEXT} characters or fewer`,
        })
      else if (field.kind === 'choice' && value && !field.choices?.some(c => c.value === value))
        problems.push({ field: `${at}.${field.name}`, message: `Choose ${field.label.toLowerCase()}` })
    }
    if (type.code === 'curfew') {
      const fields = condition.fields
      if (fields.startTime?.trim() && fields.endTime?.trim()) {
        const problem = curfewProblem(
          fields.startTime,
          fields.endTime,
          options.curfewMaxHours ?? LICENCE_CURFEW_MAX_HOURS_PER_DAY,
        )
        if (problem) problems.push({ field: `${at}.${problem.field}`, message: problem.message })
      }
    }
    const justification = condition.justification.trim()
    if (!justification)
      problems.push({
        field: `${at}.justification`,
        message: `Give the justification for the ${type.category.toLowerCase()} condition`,
      })
    else if (justification.length > MAX_CONDITION_TEXT)
      problems.push({
        field: `${at}.justification`,
        message: `The justification must be ${MAX_CONDITION_TEXT} characters or fewer`,
      })
  }
  return problems
}

/**
 * The licence wording of one additional condition, its fields filled in.
 *
 * @example
 * conditionWording({ type: 'curfew', fields: { address: '1 High St', startTime: '19:00', endTime: '07:00' }, justification: 'x' })
 * // 'You must be at 1 High St between 19:00 and 07:00 every day, unless your supervising officer approves otherwise.'
 */
export function conditionWording(condition: AdditionalCondition): string {
  const type = additionalConditionType(condition.type)
  if (!type) return ''
  return type.wording.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (condition.fields[name] ?? '').trim()
    if (name === 'mapReference') return value ? ` (shown on map ${value})` : ''
    if (name === 'monitoring') return monitoringText(value)
    return value
  })
}

/**
 * The licence as a list of conditions in order: the standard conditions included, then the additional ones in the
 * catalogue's order, each with its category, wording and justification.
 *
 * @example
 * licenceWording({ standard: ['no_offence'], additional: [] }).standard // ['Not commit any offence.']
 */
export function licenceWording(conditions: LicenceConditions) {
  const order = (code: string) => ADDITIONAL_CONDITIONS.findIndex(c => c.code === code)
  return {
    standard: STANDARD_CONDITIONS.filter(c => conditions.standard.includes(c.code)).map(c => c.text),
    additional: [...conditions.additional]
      .sort((a, b) => order(a.type) - order(b.type))
      .map(c => ({
        type: c.type,
        category: additionalConditionType(c.type)?.category ?? c.type,
        wording: conditionWording(c),
        justification: c.justification,
      })),
  }
}

/**
 * What a variation changes: the conditions added, removed and changed (by category), comparing each additional
 * condition's fields and justification and the standard conditions included.
 *
 * @example
 * conditionChanges(before, after) // { added: ['Curfew arrangement'], removed: [], changed: [] }
 */
export function conditionChanges(before: LicenceConditions, after: LicenceConditions) {
  const category = (code: string) => additionalConditionType(code)?.category ?? code
  const standardText = (code: string) => STANDARD_CONDITIONS.find(c => c.code === code)?.text ?? code
  const byType = (c: LicenceConditions) => new Map(c.additional.map(a => [a.type, a]))
  const was = byType(before)
  const now = byType(after)
  const same = (a: AdditionalCondition, b: AdditionalCondition) =>
    a.justification.trim() === b.justification.trim() &&
    JSON.stringify(
      Object.entries(a.fields)
        .filter(([, v]) => v.trim())
        .sort(),
    ) ===
      JSON.stringify(
        Object.entries(b.fields)
          .filter(([, v]) => v.trim())
          .sort(),
      )
  return {
    added: [
      ...after.standard.filter(c => !before.standard.includes(c)).map(standardText),
      ...[...now.keys()].filter(k => !was.has(k)).map(category),
    ],
    removed: [
      ...before.standard.filter(c => !after.standard.includes(c)).map(standardText),
      ...[...was.keys()].filter(k => !now.has(k)).map(category),
    ],
    changed: [...now.entries()].filter(([k, c]) => was.has(k) && !same(was.get(k)!, c)).map(([k]) => category(k)),
  }
}

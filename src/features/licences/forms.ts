import { ADDITIONAL_CONDITIONS } from '../../domain/licences/index.ts'
import type { FieldError } from '../../errors.ts'
import { list, text, type FormBody } from '../../web/forms.ts'
import type { ApPlacement } from '../approved-premises/index.ts'
import type { LicenceDraftInput, ReturnInput } from './commands.ts'

/**
 * HTML forms → typed commands (pure). The conditions form has a checkbox for each standard condition (`standard`)
 * and each additional condition type (`additional`), and for each type its fields (`<type>-<field>`) and its
 * justification (`<type>-justification`): only the types ticked are read.
 */

export const inputName = (type: string, field: string) => `${type}-${field}`

export function draftFromForm(body: FormBody): LicenceDraftInput {
  const ticked = list(body, 'additional')
  return {
    standard: list(body, 'standard'),
    additional: ADDITIONAL_CONDITIONS.filter(c => ticked.includes(c.code)).map(c => ({
      type: c.code,
      fields: Object.fromEntries(c.fields.map(f => [f.name, text(body, inputName(c.code, f.name))])),
      justification: text(body, inputName(c.code, 'justification')),
    })),
    variationReason: text(body, 'variationReason') || null,
  }
}

export function returnFromForm(body: FormBody): ReturnInput {
  return { reason: text(body, 'returnReason') }
}

/** The form's values from stored conditions, so the form starts from the licence (or draft) being changed. */
export function formValuesOf(conditions: LicenceDraftInput | null, allStandard: string[]): FormBody {
  if (!conditions) return { standard: allStandard }
  const values: FormBody = {
    standard: conditions.standard,
    additional: conditions.additional.map(a => a.type),
    variationReason: conditions.variationReason ?? '',
  }
  for (const a of conditions.additional) {
    for (const [k, v] of Object.entries(a.fields)) values[inputName(a.type, k)] = v
    values[inputName(a.type, 'justification')] = a.justification
  }
  return values
}

/**
 * The conditions a new licence starts from: every standard condition, and with a booked approved premises placement
 * the residence condition at the premises (issue 16 item 5), which the community manager may still change.
 */
export function withPlacement(placement: ApPlacement | undefined, allStandard: string[]): LicenceDraftInput | null {
  if (!placement) return null
  return {
    standard: allStandard,
    additional: [
      {
        type: 'residence_at_place',
        fields: { address: placement.address },
        justification: `Approved premises placement: ${placement.summary.replace(/^Bed booked at /, 'booked at ')}`,
      },
    ],
    variationReason: null,
  }
}

/** Maps the service's field names (`additional.curfew.startTime`) to the form's inputs (`curfew-startTime`). */
export function formErrors(errors: FieldError[]): FieldError[] {
  return errors.map(e => {
    const m = /^additional\.(\w+)\.(\w+)$/.exec(e.field)
    if (m) return { field: inputName(m[1]!, m[2]!), message: e.message }
    if (e.field.startsWith('additional')) return { field: 'additional', message: e.message }
    return e
  })
}

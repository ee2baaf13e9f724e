import { text, type FormBody } from '../../web/forms.ts'

/**
 * The allocation forms read into typed commands. The service checks them (against the case, the decision and the
 * practitioner chosen) and names the field at fault.
 */

/** Allocate, reallocate or transfer a case to a practitioner. */
export interface AllocateCommand {
  /** The practitioner chosen; null when none (or something that is not an id) was sent. */
  staffId: number | null
  notes: string
  notesSensitive: boolean
  /** The person record's `version` as read (NaN when missing: the change then conflicts). */
  version: number
}

/** Which RoSH source is right, and why. */
export interface ResolveRiskCommand {
  /** `assessment`, `registration` or `court_report`, as posted. */
  source: string
  reason: string
}

/** A positive database id, or null. */
const idFrom = (value: string) => (/^[0-9]{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null)

export function readAllocateForm(body: FormBody): AllocateCommand {
  return {
    staffId: idFrom(text(body, 'staffId')),
    notes: text(body, 'notes'),
    notesSensitive: text(body, 'notesSensitive') === 'yes',
    version: Number(text(body, 'version')),
  }
}

export function readResolveRiskForm(body: FormBody): ResolveRiskCommand {
  return { source: text(body, 'source'), reason: text(body, 'reason') }
}

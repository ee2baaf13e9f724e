import { FieldProblems, parsedOr, readTime, text, type FormBody, type Parsed } from '../../web/forms.ts'

/**
 * The commitments form (issue 17 item 2: what a person on unpaid work cannot be placed against): the kind, the day of
 * the week and the times, with notes. Pure: body in, command or the fields at fault out.
 */

export const COMMITMENT_KINDS = ['work', 'childcare', 'religious', 'health', 'education', 'other'] as const
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number]

export const COMMITMENT_KIND_TEXT: Record<CommitmentKind, string> = {
  work: 'Work',
  childcare: 'Childcare',
  religious: 'Religious',
  health: 'Health',
  education: 'Education or training',
  other: 'Other',
}

export const DAYS_OF_WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

export interface AddCommitmentCommand {
  kind: CommitmentKind
  /** ISO day of the week, 1 = Monday … 7 = Sunday. */
  dayOfWeek: number
  /** HH:MM */
  startTime: string
  endTime: string
  notes: string | null
}

const isKind = (v: string): v is CommitmentKind => (COMMITMENT_KINDS as readonly string[]).includes(v)
const hhmm = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

function timeOf(body: FormBody, name: string, label: string, p: FieldProblems): string | null {
  const value = text(body, name)
  if (!value) {
    p.add(name, `Enter the ${label.toLowerCase()}`)
    return null
  }
  const time = readTime(value)
  if (!time) p.add(name, `${label} must be a real time, like 09:30 or 2pm`)
  return time ? hhmm(time) : null
}

/**
 * Reads the add a commitment form.
 *
 * @example
 * parseCommitmentForm({ kind: 'work', dayOfWeek: '1', startTime: '9am', endTime: '17:00' })
 * // { ok: true, value: { kind: 'work', dayOfWeek: 1, startTime: '09:00', endTime: '17:00', notes: null } }
 */
export function parseCommitmentForm(body: FormBody): Parsed<AddCommitmentCommand> {
  const p = new FieldProblems()
  const kind = text(body, 'kind')
  if (!isKind(kind)) p.add('kind', 'Select what the commitment is')
  const day = text(body, 'dayOfWeek')
  const dayOfWeek = /^[1-7]$/.test(day) ? Number(day) : null
  if (dayOfWeek === null) p.add('dayOfWeek', 'Select the day of the week')
  const startTime = timeOf(body, 'startTime', 'Start time', p)
  const endTime = timeOf(body, 'endTime', 'End time', p)
  if (startTime && endTime && endTime <= startTime) p.add('endTime', 'End time must be after the start time')
  const notes = text(body, 'notes')
  if (notes.length > 2000) p.add('notes', 'Notes must be 2000 characters or fewer')
  return parsedOr(p, () => ({
    kind: kind as CommitmentKind,
    dayOfWeek: dayOfWeek ?? 1,
    startTime: startTime ?? '',
    endTime: endTime ?? '',
    notes: notes || null,
  }))
}

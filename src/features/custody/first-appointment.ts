import type { Executor } from '../../access/person-access.ts'
import { firstAppointmentsToArrange } from './queries.ts'

export interface FirstAppointmentDue {
  personId: number
  releasedOn: string
  /** Within 1 working day of release (src/domain/custody `firstAppointmentDue`, stored when the release was recorded). */
  dueBy: string
}

/**
 * For the caseload and "needs attention": the people (of these) released on licence whose first appointment is still
 * to arrange, with its due date. Reads only; the caller has checked access and audits the look.
 *
 * @example
 * const due = await firstAppointmentsDue(trx, [personId]) // [{ personId, releasedOn: '2026-12-04', dueBy: '2026-12-07' }]
 */
export async function firstAppointmentsDue(db: Executor, personIds: readonly number[]): Promise<FirstAppointmentDue[]> {
  const rows = await firstAppointmentsToArrange(db, personIds)
  return rows.map(r => ({ personId: r.person_id, releasedOn: r.released_on, dueBy: r.first_appointment_due }))
}

import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import { hasVictimInScheme, sharedNotesOf } from './queries/shared-notes.ts'

/**
 * All the offender's side may know of the Victim Contact Scheme (issue 15 item 1): that a victim is in the scheme,
 * and what the victim liaison officer chose to share. Never a victim's name, address, wishes or contacts.
 */
export interface VictimSchemeSummary {
  inScheme: boolean
  notes: { note: string; sharedOn: string }[]
}

/**
 * The offender overview's "Victim contact" panel. Call it inside the caller's transaction, after its access check.
 *
 * @example
 * const summary = await victimSchemeSummary(trx, person.id) // { inScheme: true, notes: [{ note: '…', sharedOn: '2026-12-06' }] }
 */
export async function victimSchemeSummary(db: Executor, personId: number): Promise<VictimSchemeSummary> {
  const [inScheme, notes] = await Promise.all([hasVictimInScheme(db, personId), sharedNotesOf(db, personId)])
  return {
    inScheme,
    notes: notes.map(n => ({ note: n.note, sharedOn: londonDate(new Date(n.shared_at)).toString() })),
  }
}

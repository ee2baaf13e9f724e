import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { identifiesVictim } from './conditions-rules.ts'
import { victimIdentities } from './conditions.ts'
import { victimSubject, withVictim, type VictimsDeps } from './context.ts'
import { insertSharedNote, sharedNotesOf } from './queries/shared-notes.ts'

/**
 * What the victim liaison officer tells the offender's manager: a standard note or a short free text (500 characters
 * at most) that never names the victim or gives their address. It shows on the offender's overview.
 */

export const STANDARD_NOTES = [
  { value: 'conditions', text: 'Victim-related licence conditions requested' },
  { value: 'parole', text: 'The victim wishes to make representations to the Parole Board' },
  { value: 'informed', text: 'The victim has been told of the release arrangements' },
  { value: 'no-contact', text: 'The victim does not wish to be contacted' },
] as const

export const NOTE_MAX = 500

export interface ShareNoteInput {
  /** One of STANDARD_NOTES' values, or 'other' for the free text. */
  choice: string
  text: string
}

const NAMES_VICTIM = 'The note must not identify the victim: do not name the victim or give their address'

/** The note to share, or the fields at fault. */
function noteOf(input: ShareNoteInput, identifies: (text: string) => boolean): { note: string } | FieldError[] {
  const standard = STANDARD_NOTES.find(n => n.value === input.choice)
  if (standard) return { note: standard.text }
  if (input.choice !== 'other') return [{ field: 'choice', message: 'Choose what to tell the offender’s manager' }]
  if (!input.text) return [{ field: 'text', message: 'Enter the note to share' }]
  if (input.text.length > NOTE_MAX)
    return [{ field: 'text', message: `The note must be ${NOTE_MAX} characters or fewer` }]
  if (identifies(input.text)) return [{ field: 'text', message: NAMES_VICTIM }]
  return { note: input.text }
}

/** The share page: the notes shared about this offender so far. Audited as a look at the victim's record. */
export function sharePage(deps: VictimsDeps, ctx: RequestContext, victimId: number) {
  return withVictim(deps, ctx, victimId, 'read', async (trx, victim) => {
    const notes = await sharedNotesOf(trx, victim.person_id)
    await audit(trx, ctx, {
      action: 'VICTIM_SHARED_NOTES_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId },
    })
    return { victim, notes, standardNotes: STANDARD_NOTES }
  })
}

/** Shares a note with the offender's manager; bad input (or a note naming the victim) changes nothing. */
export function shareNote(deps: VictimsDeps, ctx: RequestContext, victimId: number, input: ShareNoteInput) {
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const identities = await victimIdentities(trx, victim)
    const result = noteOf(input, text => identities.some(v => identifiesVictim(text, v, { forename: true })))
    if (Array.isArray(result)) throw new ValidationError(result)
    const noteId = await insertSharedNote(trx, {
      personId: victim.person_id,
      note: result.note,
      at: deps.clock.now(),
      userId: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, {
      action: 'VICTIM_NOTE_SHARE',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, noteId },
    })
    await publish(trx, 'victim.note-shared', null, { victimId, noteId })
    return { noteId }
  })
}

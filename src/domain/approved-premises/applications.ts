import { violentOrSexual } from '../recall/index.ts'
import { isBedCharacteristic, type BedCharacteristic } from './characteristics.ts'

/**
 * Approved premises applications (issue 16 item 2; reference-systems.md §2.5, CAS1 apply and assess): what a
 * placement needs of the premises, how an application moves between statuses when the approved premises team
 * decides, and what the record's offences say that the team must know (arson, sexual offences).
 */

/** What a placement may need of the premises itself (not of one bed). */
export const PREMISES_NEEDS = [
  { code: 'step_free_access', text: 'Step-free access' },
  { code: 'pipe', text: 'Psychologically informed planned environment (PIPE)' },
  { code: 'enhanced_security', text: 'Enhanced security' },
] as const

export type PremisesNeed = (typeof PREMISES_NEEDS)[number]['code']
export type PremisesFeatures = Readonly<Record<PremisesNeed, boolean>>
export type EssentialCharacteristic = BedCharacteristic | PremisesNeed

const PREMISES_CODES = new Set<string>(PREMISES_NEEDS.map(n => n.code))

/**
 * Whether `code` names something a placement may need of the premises.
 *
 * @example
 * isPremisesNeed('pipe') // true
 */
export const isPremisesNeed = (code: string): code is PremisesNeed => PREMISES_CODES.has(code)

/**
 * The essential characteristics split into the bed's and the premises', unknown codes dropped.
 *
 * @example
 * splitEssential(['pipe', 'en_suite']) // { bed: ['en_suite'], premises: ['pipe'] }
 */
export function splitEssential(codes: readonly string[]): { bed: BedCharacteristic[]; premises: PremisesNeed[] } {
  return { bed: codes.filter(isBedCharacteristic), premises: codes.filter(isPremisesNeed) }
}

export type ApplicationStatus =
  'awaiting_assessment' | 'information_requested' | 'accepted' | 'rejected' | 'placed' | 'withdrawn'

export const APPLICATION_STATUS_TEXT: Record<ApplicationStatus, string> = {
  awaiting_assessment: 'Awaiting assessment',
  information_requested: 'Information requested',
  accepted: 'Accepted – awaiting placement',
  rejected: 'Rejected',
  placed: 'Placed',
  withdrawn: 'Withdrawn',
}

export type ApplicationDecision =
  'accept' | 'request_information' | 'reject' | 'answer' | 'place' | 'unplace' | 'withdraw'

const MOVES: Record<ApplicationDecision, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  accept: { from: ['awaiting_assessment'], to: 'accepted' },
  request_information: { from: ['awaiting_assessment'], to: 'information_requested' },
  reject: { from: ['awaiting_assessment', 'information_requested'], to: 'rejected' },
  answer: { from: ['information_requested'], to: 'awaiting_assessment' },
  place: { from: ['accepted'], to: 'placed' },
  // The booking it was placed in was cancelled (by staff, or because the person did not arrive): placed again.
  unplace: { from: ['placed'], to: 'accepted' },
  // The case manager withdraws one not yet placed (a placed one's booking is cancelled by the team first).
  withdraw: { from: ['awaiting_assessment', 'information_requested', 'accepted'], to: 'withdrawn' },
}

/**
 * The status after a decision, or why the decision cannot be made now: the team assesses an application awaiting
 * assessment (accept, ask for information, reject); the manager answers a request for information, which returns it
 * to assessment; an accepted application is placed by a booking, and is accepted again when that booking is cancelled.
 *
 * @example
 * applicationMove('information_requested', 'answer') // { ok: true, to: 'awaiting_assessment' }
 * applicationMove('accepted', 'reject') // { ok: false, problem: 'This application is accepted – awaiting placement: …' }
 */
export function applicationMove(
  status: ApplicationStatus,
  decision: ApplicationDecision,
): { ok: true; to: ApplicationStatus } | { ok: false; problem: string } {
  const move = MOVES[decision]
  if (move.from.includes(status)) return { ok: true, to: move.to }
  return {
    ok: false,
    problem: `This application is ${APPLICATION_STATUS_TEXT[status].toLowerCase()}: it cannot be changed that way now`,
  }
}

/**
 * What an offence means for a placement: arson (Home Office offence class 056, a fire risk the premises must manage)
 * and a sexual or violent offence (the categories `violentOrSexual` uses, rules-and-outcomes.md §3.2).
 *
 * @example
 * offenceNotes('05600') // ['Arson']
 */
export function offenceNotes(code: string): string[] {
  const notes: string[] = []
  if (/^056\d{2}$/.test(code)) notes.push('Arson')
  const category = violentOrSexual(code)?.category
  if (category?.startsWith('Sexual')) notes.push('Sexual offence')
  else if (category) notes.push('Violent offence')
  return notes
}

import { ADDITIONAL_CONDITIONS } from '../../domain/licences/index.ts'
import type { VictimConditionCode } from '../../db/schema.ts'

/**
 * Victim-related licence conditions (rules-and-outcomes.md §3.4: the victim may make representations on conditions
 * such as no contact and exclusion zones): the kinds the officer may ask for, and the rule that nothing that reaches
 * the offender's side (a condition's wording, a shared note) names the victim or gives their address. Pure.
 */

export const VICTIM_CONDITION_CODES: readonly VictimConditionCode[] = [
  'no_contact_named_person',
  'exclusion_zone',
  'restriction_of_residency',
]

export const isVictimConditionCode = (v: string): v is VictimConditionCode =>
  (VICTIM_CONDITION_CODES as readonly string[]).includes(v)

/** The kinds with the licence's own names for them ("Freedom of movement (exclusion zone)"). */
export const VICTIM_CONDITIONS = VICTIM_CONDITION_CODES.map(code => ({
  code,
  title: ADDITIONAL_CONDITIONS.find(c => c.code === code)?.category ?? code,
}))

export const IDENTIFIES_VICTIM =
  'The wording must not identify the victim: do not name the victim or give their address'

/** What would identify the victim: their names, the first line of their address and their postcode. */
export interface VictimIdentity {
  forename?: string | null
  surname: string
  addressLine1?: string | null
  postcode?: string | null
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * Whether the text names the victim (their surname, or forename when asked, as a word) or gives their address (the
 * first line, or the postcode with or without its space), ignoring case.
 *
 * @example
 * identifiesVictim('Not to contact Ms Jones', { surname: 'Jones' }) // true
 * identifiesVictim('Not to enter the Northtown area', { surname: 'Jones', postcode: 'NT1 4AB' }) // false
 */
export function identifiesVictim(text: string, v: VictimIdentity, options: { forename?: boolean } = {}): boolean {
  const names = [v.surname, options.forename ? v.forename : null].filter((n): n is string => !!n && n.trim() !== '')
  if (names.some(n => new RegExp(`(^|[^\\p{L}])${escape(n.trim())}($|[^\\p{L}])`, 'iu').test(text))) return true
  if (v.addressLine1 && squash(v.addressLine1).length >= 3 && squash(text).includes(squash(v.addressLine1))) return true
  const postcode = (v.postcode ?? '').replace(/\s+/g, '').toUpperCase()
  return postcode.length >= 5 && text.replace(/\s+/g, '').toUpperCase().includes(postcode)
}

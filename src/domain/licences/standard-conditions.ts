import { LICENCE_SOURCES } from './sources.ts'

/** A standard licence condition: every determinate licence carries them unless the licence says otherwise. */
export interface StandardCondition {
  readonly code: string
  readonly text: string
}

/**
 * The standard conditions of a determinate-sentence licence, in the published wording (PSI 12/2015; the wording the
 * Create and vary a licence policy v1.0 publishes). Source: `LICENCE_SOURCES.standardConditions`.
 *
 * @example
 * STANDARD_CONDITIONS[1].text // 'Not commit any offence.'
 */
export const STANDARD_CONDITIONS: readonly StandardCondition[] = [
  {
    code: 'good_behaviour',
    text: 'Be of good behaviour and not behave in a way which undermines the purpose of the licence period.',
  },
  { code: 'no_offence', text: 'Not commit any offence.' },
  {
    code: 'keep_in_touch',
    text: 'Keep in touch with the supervising officer in accordance with instructions given by the supervising officer.',
  },
  {
    code: 'receive_visits',
    text: 'Receive visits from the supervising officer in accordance with instructions given by the supervising officer.',
  },
  {
    code: 'reside_approved_address',
    text:
      'Reside permanently at an address approved by the supervising officer and obtain the prior permission of the ' +
      'supervising officer for any stay of one or more nights at a different address.',
  },
  {
    code: 'approved_work',
    text:
      'Not undertake work, or a particular type of work, unless it is approved by the supervising officer and notify ' +
      'the supervising officer in advance of any proposal to undertake work or a particular type of work.',
  },
  {
    code: 'no_travel_outside_uk',
    text:
      'Not travel outside the United Kingdom, the Channel Islands or the Isle of Man except with the prior permission ' +
      'of your supervising officer or for the purposes of immigration deportation or removal.',
  },
]

/** The source of the standard conditions, for the licence's footnote. */
export const STANDARD_CONDITIONS_SOURCE = LICENCE_SOURCES.standardConditions

/**
 * Is `code` one of the standard conditions?
 *
 * @example
 * isStandardConditionCode('no_offence') // true
 */
export function isStandardConditionCode(code: string): boolean {
  return STANDARD_CONDITIONS.some(c => c.code === code)
}

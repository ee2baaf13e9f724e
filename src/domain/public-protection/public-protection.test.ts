import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  mappaEligibility,
  mappaLevelRefusal,
  vcsEligibility,
  type ProtectionFacts,
  type ProtectionSentence,
} from './index.ts'

/** rules-and-outcomes.md §3.3–§3.5, one row per rule. 00101 is murder (violence); 01900 rape; 04600 theft. */
const d = LocalDate.parse
const NONE: ProtectionFacts = {
  sentences: [],
  hospitalOrders: [],
  notification: null,
  childrenBarred: false,
  category3Decision: null,
}
const custody = (
  codes: string[],
  value: number,
  unit: 'days' | 'weeks' | 'months' | 'years',
  extra: Partial<ProtectionSentence> = {},
): ProtectionSentence => ({
  sentenceId: 1,
  sentenceDate: d('2026-03-02'),
  type: 'custodial',
  length: { value, unit },
  offenceCodes: codes,
  ended: false,
  ...extra,
})
const facts = (f: Partial<ProtectionFacts>): ProtectionFacts => ({ ...NONE, ...f })

describe('Victim Contact Scheme eligibility (§3.4)', () => {
  it.each([
    ['violent offence, 2 years custody', facts({ sentences: [custody(['00101'], 2, 'years')] }), true],
    ['violent offence, exactly 12 months', facts({ sentences: [custody(['00101'], 12, 'months')] }), true],
    [
      'violent offence, 52 weeks (one day short of 12 months)',
      facts({ sentences: [custody(['00101'], 52, 'weeks')] }),
      false,
    ],
    ['violent offence, 365 days (12 months in 2026–27)', facts({ sentences: [custody(['00101'], 365, 'days')] }), true],
    ['violent offence, 11 months', facts({ sentences: [custody(['00101'], 11, 'months')] }), false],
    ['sexual offence, 18 months', facts({ sentences: [custody(['01900'], 18, 'months')] }), true],
    ['theft, 3 years custody', facts({ sentences: [custody(['04600'], 3, 'years')] }), false],
    [
      'violent offence, suspended sentence of 2 years',
      facts({ sentences: [custody(['00101'], 2, 'years', { type: 'suspended_sentence_order' })] }),
      false,
    ],
    ['violent offence, ended sentence', facts({ sentences: [custody(['00101'], 2, 'years', { ended: true })] }), false],
    [
      'violent offence, hospital order',
      facts({ hospitalOrders: [{ orderDate: d('2026-03-02'), restricted: true, offenceCodes: ['00101'] }] }),
      true,
    ],
    [
      'theft, hospital order',
      facts({ hospitalOrders: [{ orderDate: d('2026-03-02'), restricted: false, offenceCodes: ['04600'] }] }),
      false,
    ],
    [
      'violent offence among others on the event',
      facts({ sentences: [custody(['04600', '00101'], 2, 'years')] }),
      true,
    ],
  ])('%s → eligible %s', (_, f, eligible) => {
    expect(vcsEligibility(f).eligible).toBe(eligible)
  })

  it('names the offence and sentence, and the referral is due 20 working days after sentence (§3.3)', () => {
    const result = vcsEligibility(facts({ sentences: [custody(['00101'], 2, 'years')] }))
    expect(result.reason).toContain('00101')
    expect(result.reason).toContain('2 years in custody, sentenced on 2 March 2026')
    // 2 March 2026 (Monday) + 20 working days, no bank holiday between: Monday 30 March.
    expect(result.referralDueBy?.toString()).toBe('2026-03-30')
  })

  it('counts bank holidays out of the 20 working days', () => {
    // Sentenced Monday 23 March 2026: Good Friday 3 April and Easter Monday 6 April fall inside.
    const result = vcsEligibility(
      facts({ sentences: [custody(['00101'], 2, 'years', { sentenceDate: d('2026-03-23') })] }),
    )
    expect(result.referralDueBy?.toString()).toBe('2026-04-22')
  })

  it('explains why a case is not eligible', () => {
    expect(vcsEligibility(NONE).reason).toMatch(/no violent or sexual offence/)
    expect(vcsEligibility(NONE).referralDueBy).toBeNull()
  })
})

describe('MAPPA category (§3.5)', () => {
  it.each([
    ['notification requirements', facts({ notification: { from: d('2025-01-01'), until: null } }), 1],
    [
      'sexual offence, 2 years, with notification',
      facts({ notification: { from: d('2026-03-02'), until: null }, sentences: [custody(['01900'], 2, 'years')] }),
      1,
    ],
    ['sexual offence, 2 years, no notification', facts({ sentences: [custody(['01900'], 2, 'years')] }), 2],
    ['violent offence, 12 months', facts({ sentences: [custody(['00101'], 12, 'months')] }), 2],
    [
      'violent offence, hospital order',
      facts({ hospitalOrders: [{ orderDate: d('2026-03-02'), restricted: false, offenceCodes: ['00101'] }] }),
      2,
    ],
    ['disqualified from working with children', facts({ childrenBarred: true }), 2],
    ['violent offence, 6 months', facts({ sentences: [custody(['00101'], 6, 'months')] }), null],
    [
      'category 3 decision',
      facts({ category3Decision: { decidedOn: d('2026-05-01'), reason: 'Threats to kill a former partner' } }),
      3,
    ],
    [
      'category 3 decision and a violent offence with 2 years',
      facts({
        category3Decision: { decidedOn: d('2026-05-01'), reason: 'x' },
        sentences: [custody(['00101'], 2, 'years')],
      }),
      2,
    ],
    ['nothing', NONE, null],
  ])('%s → category %s', (_, f, category) => {
    expect(mappaEligibility(f).category).toBe(category)
  })

  it('gives the chosen category’s reason first and keeps the others', () => {
    const result = mappaEligibility(
      facts({ childrenBarred: true, notification: { from: d('2025-01-01'), until: d('2035-01-01') } }),
    )
    expect(result.reasons[0]).toMatch(/^Category 1: .*from 1 January 2025 until 1 January 2035/)
    expect(result.reasons[1]).toBe('Category 2: disqualified from working with children.')
  })

  it('refuses a level without a category, and levels other than 1–3', () => {
    expect(mappaLevelRefusal(null, 2)).toMatch(/category/)
    expect(mappaLevelRefusal(2, 4)).toMatch(/1, 2 or 3/)
    expect(mappaLevelRefusal(2, 2)).toBeNull()
    expect(mappaLevelRefusal(null, null)).toBeNull()
  })
})

import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { reoffendingTier } from './reoffending-table.ts'
import { calculateTierV3 } from './tier-v3.ts'
import type { DcSrpBand, RoshLevel, TierV3Inputs } from './tier-v3-types.ts'

const TODAY = LocalDate.parse('2026-11-22')

function inputs(overrides: Partial<TierV3Inputs> = {}): TierV3Inputs {
  return {
    hasActiveEvent: true,
    mappaPresent: false,
    rosh: 'LOW',
    hasLiferIpp: false,
    latestReleaseDate: null,
    hasDomesticAbuse: false,
    hasStalking: false,
    hasChildProtection: false,
    arp: { score: 0, type: 'DYNAMIC' },
    csrp: { score: 0, type: 'DYNAMIC' },
    dcSrp: null,
    everCommittedSexualOffence: false,
    ...overrides,
  }
}
const tier = (overrides: Partial<TierV3Inputs> = {}) => calculateTierV3(inputs(overrides), TODAY)

describe('tier v3 reoffending table (§9.2 step 1)', () => {
  const arps = [90, 75, 50, 25, 15, 0]
  const table = [
    [6.9, 'AABBBB'],
    [3.0, 'ABCCCC'],
    [1.0, 'BCDEEE'],
    [0.5, 'CDEEFF'],
    [0, 'DDEFFG'],
  ] as const
  const cells = table.flatMap(([csrp, row]) => arps.map((arp, i) => [arp, csrp, row[i]] as const))
  it.each(cells)('ARP %s × CSRP %s → %s', (arp, csrp, expected) => {
    expect(reoffendingTier(arp, csrp)).toBe(expected)
    expect(tier({ arp: { score: arp, type: 'DYNAMIC' }, csrp: { score: csrp, type: 'DYNAMIC' } }).tier).toBe(expected)
  })

  it.each([
    [74.99, 0, 'E'],
    [49.99, 0, 'F'],
    [14.99, 0, 'G'],
    [0, 6.89, 'C'],
    [0, 2.99, 'E'],
    [0, 0.99, 'F'],
    [0, 0.49, 'G'],
  ])('just below a threshold: ARP %s × CSRP %s → %s', (arp, csrp, expected) => {
    expect(reoffendingTier(arp, csrp)).toBe(expected)
  })
})

describe('tier v3 DC-SRP (§9.2 step 2)', () => {
  it.each([
    [5.31, 'VERY_HIGH', 'A'],
    [0.01, 'VERY_HIGH', 'A'],
    [2.11, 'HIGH', 'B'],
    [5.31, 'HIGH', 'B'],
    [4.0, 'MEDIUM', 'C'],
    [3.36, 'MEDIUM', 'C'],
    [3.35, 'MEDIUM', 'D'],
    [2.11, 'MEDIUM', 'D'],
    [2.1, 'MEDIUM', 'C'],
    [1.12, 'MEDIUM', 'C'],
    [1.11, 'MEDIUM', 'D'],
    [0.6, 'MEDIUM', 'D'],
    [0.02, 'LOW', 'E'],
  ] as [number, DcSrpBand, string][])('DC-SRP %s%% %s → %s', (score, band, expected) => {
    const result = tier({ dcSrp: { score, band } })
    expect(result.steps.SEXUAL_REOFFENDING).toBe(expected)
    expect(result.tier).toBe(expected)
  })

  it.each([
    ['band not applicable', { score: 2.11, band: 'NOT_APPLICABLE' as const }],
    ['no band', { score: 2.11, band: null }],
    ['score 0', { score: 0, band: 'HIGH' as const }],
    ['no score', { score: null, band: 'HIGH' as const }],
  ])('ignores a DC-SRP with %s', (_why, dcSrp) => {
    const result = tier({ arp: { score: 75, type: 'DYNAMIC' }, csrp: { score: 1, type: 'DYNAMIC' }, dcSrp })
    expect(result.steps.SEXUAL_REOFFENDING).toBeNull()
    expect(result.tier).toBe('C')
  })
})

describe('tier v3 MAPPA and RoSH (§9.2 step 3)', () => {
  it.each([
    [true, 'VERY_HIGH', 'A'],
    [true, 'HIGH', 'C'],
    [true, 'MEDIUM', 'D'],
    [true, 'LOW', 'E'],
    [true, null, 'E'],
    [false, 'VERY_HIGH', 'C'],
    [false, 'HIGH', 'D'],
    [false, 'MEDIUM', null],
    [false, 'LOW', null],
    [false, null, null],
  ] as [boolean, RoshLevel | null, string | null][])('MAPPA %s, RoSH %s → %s', (mappaPresent, rosh, expected) => {
    const result = tier({ mappaPresent, rosh })
    expect(result.steps.MAPPA_ROSH).toBe(expected)
    expect(result.tier).toBe(expected ?? 'G')
  })
})

describe('tier v3 lifer/IPP (§9.2 step 4)', () => {
  it.each([
    [TODAY, 'B'],
    [TODAY.minusDays(1), 'B'],
    [TODAY.minusYears(1).plusDays(1), 'B'],
    [TODAY.minusYears(1), 'B'],
    [TODAY.minusYears(1).minusDays(1), 'D'],
    [TODAY.minusYears(5), 'D'],
    [TODAY.minusYears(5).minusDays(1), 'E'],
    [TODAY.minusYears(6), 'E'],
    [null, null],
  ])('lifer released %s → %s', (latestReleaseDate, expected) => {
    const result = tier({ hasLiferIpp: true, latestReleaseDate })
    expect(result.steps.LIFER_IPP).toBe(expected)
  })

  it('ignores a release date without a lifer/IPP registration', () => {
    expect(tier({ hasLiferIpp: false, latestReleaseDate: TODAY.minusDays(1) }).steps.LIFER_IPP).toBeNull()
  })

  it('measures a year back from the calculation date, so a 29 February date rolls back to 28 February', () => {
    const leap = LocalDate.parse('2028-02-29')
    const result = calculateTierV3(
      inputs({ hasLiferIpp: true, latestReleaseDate: LocalDate.parse('2027-02-28') }),
      leap,
    )
    expect(result.steps.LIFER_IPP).toBe('B')
    const before = calculateTierV3(
      inputs({ hasLiferIpp: true, latestReleaseDate: LocalDate.parse('2027-02-27') }),
      leap,
    )
    expect(before.steps.LIFER_IPP).toBe('D')
  })
})

describe('tier v3 registrations and sexual offences (§9.2 steps 5–8)', () => {
  it.each([
    [{ hasDomesticAbuse: true }, 'DOMESTIC_ABUSE', 'E'],
    [{ hasStalking: true }, 'STALKING', 'F'],
    [{ hasChildProtection: true }, 'CHILD_PROTECTION', 'F'],
    [{ everCommittedSexualOffence: true }, 'SEXUAL_OFFENCES', 'E'],
  ] as const)('%o → %s %s', (flags, step, expected) => {
    const result = tier(flags)
    expect(result.steps[step]).toBe(expected)
    expect(result.tier).toBe(expected)
  })

  it('takes the highest step: domestic abuse E beats stalking and child protection F', () => {
    expect(tier({ hasDomesticAbuse: true, hasStalking: true, hasChildProtection: true }).tier).toBe('E')
  })

  it('is never lowered by a later step', () => {
    const result = tier({
      mappaPresent: true,
      rosh: 'HIGH',
      hasLiferIpp: true,
      latestReleaseDate: TODAY.minusYears(2),
      hasDomesticAbuse: true,
      hasStalking: true,
      hasChildProtection: true,
      arp: { score: 95, type: 'DYNAMIC' },
      csrp: { score: 6.9, type: 'DYNAMIC' },
      dcSrp: { score: 5.31, band: 'VERY_HIGH' },
    })
    expect(result.tier).toBe('A')
    expect(result.explanation.find(l => l.rule === 'v3.tier')?.text).toBe(
      'tier A: the highest step result, from REOFFENDING, SEXUAL_REOFFENDING',
    )
  })
})

describe('tier v3 outcomes without a tier', () => {
  it('is NOT_SUPERVISED without an active event, whatever else is true', () => {
    const result = tier({ hasActiveEvent: false, mappaPresent: true, rosh: 'VERY_HIGH' })
    expect(result).toMatchObject({ tier: 'NOT_SUPERVISED', provisional: false, steps: {} })
  })

  it.each([
    ['ARP', { arp: null }],
    ['CSRP', { csrp: null }],
    ['ARP and CSRP', { arp: null, csrp: null }],
  ])('is MISSING without %s', (missing, overrides) => {
    const result = tier({ ...overrides, mappaPresent: true, rosh: 'VERY_HIGH' })
    expect(result.tier).toBe('MISSING')
    expect(result.explanation[0].text).toBe(`no ${missing} score: tier MISSING until an OASys assessment provides it`)
  })
})

describe('tier v3 provisional in context (§9.2)', () => {
  it.each([
    [
      'both static, nothing else reaches A',
      {
        rosh: 'HIGH' as const,
        arp: { score: 90, type: 'STATIC' as const },
        csrp: { score: 6.9, type: 'STATIC' as const },
      },
      'A',
      true,
    ],
    [
      'both static, MAPPA + RoSH very high reaches A',
      {
        mappaPresent: true,
        rosh: 'VERY_HIGH' as const,
        arp: { score: 90, type: 'STATIC' as const },
        csrp: { score: 6.9, type: 'STATIC' as const },
      },
      'A',
      false,
    ],
    [
      'static ARP, RoSH medium',
      {
        rosh: 'MEDIUM' as const,
        arp: { score: 0, type: 'STATIC' as const },
        csrp: { score: 0.5, type: 'DYNAMIC' as const },
      },
      'F',
      true,
    ],
    [
      'static ARP, MAPPA + RoSH high reaches C',
      {
        mappaPresent: true,
        rosh: 'HIGH' as const,
        arp: { score: 0, type: 'STATIC' as const },
        csrp: { score: 0.5, type: 'DYNAMIC' as const },
      },
      'C',
      false,
    ],
    [
      'static CSRP, DC-SRP high reaches B',
      {
        rosh: 'MEDIUM' as const,
        arp: { score: 25, type: 'DYNAMIC' as const },
        csrp: { score: 0, type: 'STATIC' as const },
        dcSrp: { score: 2.11, band: 'HIGH' as const },
      },
      'B',
      false,
    ],
    [
      'RoSH missing with MAPPA, table B',
      {
        mappaPresent: true,
        rosh: null,
        arp: { score: 50, type: 'DYNAMIC' as const },
        csrp: { score: 6.9, type: 'DYNAMIC' as const },
      },
      'B',
      true,
    ],
    [
      'RoSH missing with MAPPA, table A',
      {
        mappaPresent: true,
        rosh: null,
        arp: { score: 90, type: 'DYNAMIC' as const },
        csrp: { score: 6.9, type: 'DYNAMIC' as const },
      },
      'A',
      false,
    ],
    ['RoSH missing, lifer released today', { rosh: null, hasLiferIpp: true, latestReleaseDate: TODAY }, 'B', false],
    ['RoSH missing, DC-SRP medium 0.60', { rosh: null, dcSrp: { score: 0.6, band: 'MEDIUM' as const } }, 'D', true],
    [
      'RoSH missing, table C',
      { rosh: null, arp: { score: 90, type: 'DYNAMIC' as const }, csrp: { score: 0.5, type: 'DYNAMIC' as const } },
      'C',
      false,
    ],
  ])('%s → %s, provisional %s', (_name, overrides, expectedTier, provisional) => {
    const result = tier(overrides)
    expect(result.tier).toBe(expectedTier)
    expect(result.provisional).toBe(provisional)
  })

  it('explains why a tier is provisional', () => {
    const result = tier({ rosh: null, arp: { score: 75, type: 'DYNAMIC' }, csrp: { score: 0, type: 'DYNAMIC' } })
    const line = result.explanation.find(l => l.rule === 'v3.provisional.rosh-missing')
    expect(line?.text).toMatch(/^provisional: RoSH is missing .* reaches C \(best D\)/)
    expect(result.algorithm).toMatchObject({ name: 'tier-v3-a-to-g', version: '2026-08-17' })
  })
})

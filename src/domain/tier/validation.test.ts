import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateTierV2 } from './tier-v2.ts'
import { calculateTierV3 } from './tier-v3.ts'
import { runTierRequest } from './tier-request.ts'
import type { TierV2Inputs } from './tier-v2-types.ts'
import type { TierV3Inputs } from './tier-v3-types.ts'
import { ValidationError, type FieldError } from './validation-error.ts'

const TODAY = LocalDate.parse('2026-11-22')
const v2 = (): Record<string, unknown> => ({
  gender: 'Male',
  rsr: 1,
  ogrs: 10,
  registrations: [{ code: 'MAPP', level: 'M1', date: '2024-01-01' }],
  convictions: [
    { sentenceCode: 'SP', terminated: false, requirements: [{ mainCategoryTypeCode: 'F', restrictive: false }] },
  ],
  previousEnforcementActivity: false,
  assessment: { needs: { ACCOMMODATION: 'STANDARD' }, womenFactors: { IMPULSIVITY: 1 } },
})
const v3 = (): Record<string, unknown> => ({
  hasActiveEvent: true,
  mappaPresent: false,
  rosh: 'LOW',
  hasLiferIpp: false,
  latestReleaseDate: null,
  hasDomesticAbuse: false,
  hasStalking: false,
  hasChildProtection: false,
  arp: { score: 10, type: 'DYNAMIC' },
  csrp: { score: 0.1, type: 'DYNAMIC' },
  dcSrp: null,
  everCommittedSexualOffence: false,
})

function refusal(calculation: 'v2' | 'v3', inputs: unknown, calculationDate: unknown = '2026-11-22'): FieldError[] {
  try {
    runTierRequest({ calculation, calculationDate, inputs })
  } catch (e) {
    if (e instanceof ValidationError) return e.errors
    throw e
  }
  throw new Error('expected the request to be refused, but it was scored')
}
/** A request as a client sends it: parsed JSON, which each case changes in one field. */
type JsonObject = Record<string, unknown>
type Change = (o: JsonObject) => void
/** The object reached by following `keys` (property names and array indexes) from `o`. */
const objectAt = (o: JsonObject, keys: string[]) => keys.reduce((at, key) => at[key] as JsonObject, o)
/** Sets the field at a dotted path (`registrations.0.date`) to a value, valid or not. */
const set =
  (path: string, value: unknown): Change =>
  o => {
    const keys = path.split('.')
    objectAt(o, keys.slice(0, -1))[keys[keys.length - 1]] = value
  }
/** Removes the field at a dotted path. */
const unset =
  (path: string): Change =>
  o => {
    const keys = path.split('.')
    delete objectAt(o, keys.slice(0, -1))[keys[keys.length - 1]]
  }
const edit = (base: JsonObject, change: Change) => {
  const copy = structuredClone(base)
  change(copy)
  return copy
}

describe('valid inputs are accepted', () => {
  it('scores the base v2 and v3 inputs used below', () => {
    expect(runTierRequest({ calculation: 'v2', calculationDate: '2026-11-22', inputs: v2() })).toMatchObject({
      tierScore: 'D1',
    })
    expect(runTierRequest({ calculation: 'v3', calculationDate: '2026-11-22', inputs: v3() })).toMatchObject({
      tier: 'G',
    })
  })
})

describe('tier v2 refuses missing mandatory inputs, naming each', () => {
  it.each(['gender', 'rsr', 'ogrs', 'registrations', 'convictions', 'previousEnforcementActivity', 'assessment'])(
    'missing %s',
    key => {
      expect(
        refusal(
          'v2',
          edit(v2(), o => delete o[key]),
        ),
      ).toEqual([{ field: `inputs.${key}`, message: 'is required' }])
    },
  )

  it('lists every missing field at once', () => {
    expect(refusal('v2', {}).map(e => e.field)).toEqual([
      'inputs.gender',
      'inputs.rsr',
      'inputs.ogrs',
      'inputs.previousEnforcementActivity',
      'inputs.registrations',
      'inputs.convictions',
      'inputs.assessment',
    ])
  })

  it('refuses null where "no record" has no meaning', () => {
    expect(
      refusal(
        'v2',
        edit(v2(), o => (o.registrations = null)),
      ),
    ).toEqual([{ field: 'inputs.registrations', message: 'is required (got null)' }])
  })
})

describe('tier v2 refuses impossible values with the reason', () => {
  it.each([
    ['negative RSR', set('rsr', -0.5), 'inputs.rsr', 'must be at least 0, got -0.5'],
    ['RSR as text', set('rsr', '7'), 'inputs.rsr', 'must be a number, got "7"'],
    ['OGRS above 100', set('ogrs', 101), 'inputs.ogrs', 'must be at most 100, got 101'],
    ['negative OGRS', set('ogrs', -1), 'inputs.ogrs', 'must be at least 0, got -1'],
    ['fractional OGRS', set('ogrs', 55.5), 'inputs.ogrs', 'must be a whole number, got 55.5'],
    ['blank gender', set('gender', ''), 'inputs.gender', 'must be a non-empty string, got ""'],
    [
      'flag as text',
      set('previousEnforcementActivity', 'yes'),
      'inputs.previousEnforcementActivity',
      'must be true or false, got "yes"',
    ],
    ['registration without code', unset('registrations.0.code'), 'inputs.registrations[0].code', 'is required'],
    [
      'impossible registration date',
      set('registrations.0.date', '2024-02-30'),
      'inputs.registrations[0].date',
      'is not a real calendar date: 2024-02-30',
    ],
    [
      'badly formatted date',
      set('registrations.0.date', '01/02/2024'),
      'inputs.registrations[0].date',
      'must be an ISO date (YYYY-MM-DD), got "01/02/2024"',
    ],
    [
      'conviction without sentence code',
      unset('convictions.0.sentenceCode'),
      'inputs.convictions[0].sentenceCode',
      'is required',
    ],
    [
      'conviction without terminated',
      unset('convictions.0.terminated'),
      'inputs.convictions[0].terminated',
      'is required',
    ],
    [
      'requirement without restrictive',
      unset('convictions.0.requirements.0.restrictive'),
      'inputs.convictions[0].requirements[0].restrictive',
      'is required',
    ],
    [
      'requirements not a list',
      set('convictions.0.requirements', {}),
      'inputs.convictions[0].requirements',
      'must be an array, got an object',
    ],
    ['assessment without needs', unset('assessment.needs'), 'inputs.assessment.needs', 'is required'],
    [
      'unknown need',
      set('assessment.needs.HOUSING', 'SEVERE'),
      'inputs.assessment.needs.HOUSING',
      expect.stringMatching(/^is not a recognised field/),
    ],
    [
      'unknown severity',
      set('assessment.needs.ACCOMMODATION', 'HIGH'),
      'inputs.assessment.needs.ACCOMMODATION',
      'must be one of NO_NEED, STANDARD, SEVERE, got "HIGH"',
    ],
    [
      'impulsivity above 2',
      set('assessment.womenFactors.IMPULSIVITY', 3),
      'inputs.assessment.womenFactors.IMPULSIVITY',
      'must be at most 2, got 3',
    ],
    [
      'parenting not YES/NO',
      set('assessment.womenFactors.PARENTING_RESPONSIBILITIES', true),
      'inputs.assessment.womenFactors.PARENTING_RESPONSIBILITIES',
      'must be one of YES, NO, got true',
    ],
    [
      'unknown women factor',
      set('assessment.womenFactors.ANGER', 1),
      'inputs.assessment.womenFactors.ANGER',
      expect.stringMatching(/^is not a recognised field/),
    ],
  ])('%s', (_name, change, field, message) => {
    expect(refusal('v2', edit(v2(), change))).toEqual([{ field, message }])
  })

  it('refuses typed inputs passed straight to calculateTierV2 too', () => {
    const bad = { ...(v2() as unknown as TierV2Inputs), registrations: [], ogrs: 250 }
    expect(() => calculateTierV2(bad, TODAY)).toThrowError(ValidationError)
  })
})

describe('tier v3 refuses missing or impossible inputs', () => {
  it.each([
    'hasActiveEvent',
    'mappaPresent',
    'rosh',
    'hasLiferIpp',
    'latestReleaseDate',
    'hasDomesticAbuse',
    'hasStalking',
    'hasChildProtection',
    'arp',
    'csrp',
    'dcSrp',
    'everCommittedSexualOffence',
  ])('missing %s', key => {
    expect(
      refusal(
        'v3',
        edit(v3(), o => delete o[key]),
      ),
    ).toEqual([{ field: `inputs.${key}`, message: 'is required' }])
  })

  it('needs nothing but hasActiveEvent when the person is not supervised, but still checks what is given', () => {
    expect(
      runTierRequest({ calculation: 'v3', calculationDate: '2026-11-22', inputs: { hasActiveEvent: false } }),
    ).toMatchObject({
      tier: 'NOT_SUPERVISED',
    })
    expect(refusal('v3', { hasActiveEvent: false, rosh: 'SEVERE' })).toEqual([
      { field: 'inputs.rosh', message: 'must be one of VERY_HIGH, HIGH, MEDIUM, LOW, got "SEVERE"' },
    ])
  })

  it.each([
    ['unknown RoSH', set('rosh', 'V_HIGH'), 'inputs.rosh', 'must be one of VERY_HIGH, HIGH, MEDIUM, LOW, got "V_HIGH"'],
    ['ARP above 100%', set('arp.score', 100.5), 'inputs.arp.score', 'must be at most 100, got 100.5'],
    ['negative CSRP', set('csrp.score', -1), 'inputs.csrp.score', 'must be at least 0, got -1'],
    [
      'unknown score type',
      set('arp.type', 'ACTUARIAL'),
      'inputs.arp.type',
      'must be one of STATIC, DYNAMIC, got "ACTUARIAL"',
    ],
    ['score without type', unset('csrp.type'), 'inputs.csrp.type', 'is required'],
    [
      'unknown DC-SRP band',
      set('dcSrp', { score: 1, band: 'SEVERE' }),
      'inputs.dcSrp.band',
      expect.stringMatching(/^must be one of VERY_HIGH/),
    ],
    [
      'MEDIUM DC-SRP below 0.60%',
      set('dcSrp', { score: 0.59, band: 'MEDIUM' }),
      'inputs.dcSrp',
      expect.stringMatching(/^a MEDIUM DC-SRP band with score 0.59% is impossible/),
    ],
    [
      'release after the calculation date',
      set('latestReleaseDate', '2026-11-23'),
      'inputs.latestReleaseDate',
      '2026-11-23 is after the calculation date 2026-11-22: a release cannot be in the future',
    ],
  ])('%s', (_name, change, field, message) => {
    expect(refusal('v3', edit(v3(), change))).toEqual([{ field, message }])
  })

  it('refuses typed inputs passed straight to calculateTierV3 too', () => {
    const bad: TierV3Inputs = {
      ...(v3() as unknown as TierV3Inputs),
      dcSrp: { score: 0.3, band: 'MEDIUM' },
    }
    expect(() => calculateTierV3(bad, TODAY)).toThrowError(ValidationError)
  })
})

describe('the request itself', () => {
  it.each([
    [
      { calculation: 'v4', calculationDate: '2026-11-22', inputs: {} },
      'calculation',
      'must be one of v2, v3, got "v4"',
    ],
    [{ calculation: 'v2', inputs: v2() }, 'calculationDate', 'is required'],
    [
      { calculation: 'v2', calculationDate: '2026-13-01', inputs: v2() },
      'calculationDate',
      'is not a real calendar date: 2026-13-01',
    ],
    [{ calculation: 'v2', calculationDate: '2026-11-22' }, 'inputs', 'is required'],
    [[], 'request', 'must be an object, got an array'],
  ])('%j is refused on %s', (request, field, message) => {
    expect(() => runTierRequest(request)).toThrowError(ValidationError)
    try {
      runTierRequest(request)
    } catch (e) {
      expect((e as ValidationError).errors).toContainEqual({ field, message })
    }
  })

  it('reports request and input problems together', () => {
    const fields = refusal(
      'v2',
      edit(v2(), o => delete o.gender),
      'soon',
    ).map(e => e.field)
    expect(fields).toEqual(['calculationDate', 'inputs.gender'])
  })
})

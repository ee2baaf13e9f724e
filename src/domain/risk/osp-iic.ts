import { V1 } from './coefficients.ts'
import type { Explanation } from './explanation.ts'
import { checkCount, checkGender, snapshot } from './history.ts'
import { percent2dp } from './maths.ts'
import { absent, type RiskInputs } from './types.ts'
import { Problems } from './validation-error.ts'

export const OSP_IIC_ALGORITHM = 'OSP/IIC'
export const OSP_IIC_VERSION = '2015.1.0'

export type OspIicRule =
  'IIOC>=2' | 'IIOC==1' | 'contactChild>=2' | 'contactChild==1' | 'noSexualSanctions' | 'allOthers'

const H = V1.osp.ospIic.hierarchy

/** The OSP/IIC hierarchy (spec §6.3), first match wins. */
export const OSP_IIC_HIERARCHY: readonly { rule: OspIicRule; label: string; probability: number; band: string }[] = [
  { rule: 'IIOC>=2', label: 'Two or more indecent-image sanctions', probability: H[0].probability, band: H[0].band },
  { rule: 'IIOC==1', label: 'One indecent-image sanction', probability: H[1].probability, band: H[1].band },
  {
    rule: 'contactChild>=2',
    label: 'Two or more contact sanctions against children',
    probability: H[2].probability,
    band: H[2].band,
  },
  {
    rule: 'contactChild==1',
    label: 'One contact sanction against a child',
    probability: H[3].probability,
    band: H[3].band,
  },
  // ARNS v1 value; the OASys harness gives 0/N/A and ARNS v4 gives 0 (spec §6.3, §10.5). v1 follows ARNS v1.
  {
    rule: 'noSexualSanctions',
    label: 'No sexual sanctions of any kind',
    probability: H[4].probability,
    band: H[4].band,
  },
  { rule: 'allOthers', label: 'All others', probability: H[5].probability, band: H[5].band },
]

/** The hierarchy as ordered "thresholds" for the explanation: step i applies from i to i + 1. */
const HIERARCHY_THRESHOLDS = OSP_IIC_HIERARCHY.map((h, i) => ({
  band: `${h.band} (${h.rule}, ${h.probability})`,
  from: i,
  below: i + 1,
}))

export interface OspIicResult {
  algorithm: typeof OSP_IIC_ALGORITHM
  version: string
  applicable: boolean
  rule: OspIicRule | null
  probability: number
  /** Percentage, 2 dp half-up. */
  score: number
  band: string
  explanation: Explanation
}

const FIELDS = [
  'gender',
  'hasEverCommittedSexualOffence',
  'totalIndecentImageSanctions',
  'totalContactChildSexualSanctions',
  'totalContactAdultSexualSanctions',
  'totalNonContactSexualOffences',
] as const satisfies readonly (keyof RiskInputs)[]

/**
 * Which hierarchy rule applies to the four sexual-sanction counts (spec §6.3).
 *
 * @example
 * ospIicRule({ images: 1, contactChild: 3, contactAdult: 0, nonContact: 0 }) // 'IIOC==1'
 */
export function ospIicRule(c: {
  images: number
  contactChild: number
  contactAdult: number
  nonContact: number
}): OspIicRule {
  if (c.images >= 2) return 'IIOC>=2'
  if (c.images === 1) return 'IIOC==1'
  if (c.contactChild >= 2) return 'contactChild>=2'
  if (c.contactChild === 1) return 'contactChild==1'
  if (c.contactAdult === 0 && c.nonContact === 0) return 'noSexualSanctions'
  return 'allOthers'
}

/**
 * OSP/IIC — indecent images and indirect contact sexual reoffending (spec §6.3): a fixed probability from the first
 * matching hierarchy rule. Not applicable (score 0) to women and to people with no sexual-offence history.
 *
 * @example
 * calculateOspIic({ gender: 'MALE', hasEverCommittedSexualOffence: true, totalIndecentImageSanctions: 2,
 *   totalContactChildSexualSanctions: 0, totalContactAdultSexualSanctions: 0, totalNonContactSexualOffences: 0 })
 * // → { score: 10.31, band: 'HIGH', rule: 'IIOC>=2', … }
 */
export function calculateOspIic(inputs: RiskInputs): OspIicResult {
  const problems = new Problems()
  const gender = checkGender(inputs, problems)
  if (absent(inputs.hasEverCommittedSexualOffence)) problems.missing('hasEverCommittedSexualOffence')
  problems.throwIfAny()
  if (inputs.hasEverCommittedSexualOffence === false || gender === 'FEMALE') {
    const note = gender === 'FEMALE' ? 'OSP/IIC is not scored for women (spec §6.3).' : 'No sexual-offence history.'
    return {
      algorithm: OSP_IIC_ALGORITHM,
      version: OSP_IIC_VERSION,
      applicable: false,
      rule: null,
      probability: 0,
      score: 0,
      band: 'NOT_APPLICABLE',
      explanation: {
        algorithm: OSP_IIC_ALGORITHM,
        version: OSP_IIC_VERSION,
        inputs: snapshot(inputs, FIELDS),
        derived: {},
        terms: [],
        total: 0,
        outcomes: [],
        band: null,
        notes: [note],
      },
    }
  }
  const images = checkCount(inputs, 'totalIndecentImageSanctions', problems)
  const contactChild = checkCount(inputs, 'totalContactChildSexualSanctions', problems)
  const contactAdult = checkCount(inputs, 'totalContactAdultSexualSanctions', problems)
  const nonContact = checkCount(inputs, 'totalNonContactSexualOffences', problems)
  problems.throwIfAny()
  const rule = ospIicRule({
    images: images!,
    contactChild: contactChild!,
    contactAdult: contactAdult!,
    nonContact: nonContact!,
  })
  const step = OSP_IIC_HIERARCHY.find(h => h.rule === rule)!
  const score = percent2dp(step.probability)
  return {
    algorithm: OSP_IIC_ALGORITHM,
    version: OSP_IIC_VERSION,
    applicable: true,
    rule,
    probability: step.probability,
    score,
    band: step.band,
    explanation: {
      algorithm: OSP_IIC_ALGORITHM,
      version: OSP_IIC_VERSION,
      inputs: snapshot(inputs, FIELDS),
      derived: {
        rule,
        images: images!,
        contactChild: contactChild!,
        contactAdult: contactAdult!,
        nonContact: nonContact!,
      },
      terms: [
        {
          id: 'hierarchy',
          label: step.label,
          value: rule,
          contribution: step.probability,
          rule: 'first matching rule of the hierarchy',
        },
      ],
      total: step.probability,
      outcomes: [{ horizon: '2-year', linearScore: step.probability, probability: step.probability, percent: score }],
      band: {
        band: step.band,
        on: 'hierarchy rule',
        value: OSP_IIC_HIERARCHY.indexOf(step),
        thresholds: HIERARCHY_THRESHOLDS.map(t => ({ ...t })),
      },
      notes:
        rule === 'noSexualSanctions'
          ? ['0.00062 is the ARNS v1 value; the OASys harness and v4 give 0 (spec §6.3, §10.5).']
          : [],
    },
  }
}

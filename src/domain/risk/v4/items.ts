import { PREVIOUS_CONVICTIONS, absent, type PreviousConviction } from '../types.ts'
import type { V4Inputs } from './types.ts'

/** One dynamic item of the v4 models (risk-and-tier.md §7.1): its coefficient key, the term name and its value. */
export interface V4Item {
  /** Key in `coefficients-v4.json` → `models.<M>.dynamic.items`. */
  key: string
  /** Term name as the reference service names it in `featureValues`. */
  id: string
  label: string
  /** The input that must be answered for the dynamic model, or null when it is optional (drug questions). */
  field: keyof V4Inputs | null
  /** The value the coefficient multiplies. */
  value: (i: V4Inputs) => number
}

const score = (f: keyof V4Inputs) => (i: V4Inputs) => Number(i[f] ?? 0)
const flag = (f: keyof V4Inputs) => (i: V4Inputs) => (i[f] === true ? 1 : 0)
const liveIn = (i: V4Inputs) => (i.currentRelationshipStatus === 'IN_RELATIONSHIP_LIVING_TOGETHER' ? 1 : 0)
const past = (p: PreviousConviction) => (i: V4Inputs) => (i.previousConvictions?.includes(p) ? 1 : 0)

/** "Other drug" = any of other drugs, ketamine, spice, hallucinogens, solvents (§7.1). */
function otherDrug(i: V4Inputs): number {
  return i.hasOtherDrugsUsage || i.hasKetamineUsage || i.hasSpiceUsage || i.hasHallucinogensUsage || i.hasSolventsUsage
    ? 1
    : 0
}

const PAST: Record<string, [PreviousConviction, string, string]> = {
  pasthomicide: ['HOMICIDE', 'pastHomicideOffenceWeight', 'homicide'],
  pastwoundinggbh: ['WOUNDING_GBH', 'pastWoundingGrievousBodilyHarmOffenceWeight', 'wounding or GBH'],
  pastkidnap: ['KIDNAPPING', 'pastKidnappingOffenceWeight', 'kidnapping'],
  pastfirearm: ['FIREARMS', 'pastFirearmsOffenceWeight', 'firearms'],
  pastrobbery: ['ROBBERY', 'pastRobberyOffenceWeight', 'robbery'],
  pastaggrburg: ['AGGRAVATED_BURGLARY', 'pastAggravatedBurglaryOffenceWeight', 'aggravated burglary'],
  pastweapon: ['WEAPON', 'pastNonFirearmWeaponOffenceWeight', 'weapon (not firearm)'],
  pastcdlife: [
    'CRIMINAL_DAMAGE_ENDANGERING_LIFE',
    'pastCriminalDamageOffenceWeight',
    'criminal damage endangering life',
  ],
  pastarson: ['ARSON', 'pastArsonOffenceWeight', 'arson'],
}

const ITEM_LIST: V4Item[] = [
  {
    key: 'S2Q2A',
    id: 'offenceInvolveCarryingOrUsingWeaponsWeight',
    label: 'Weapon carried or used in the current offence (2.2)',
    field: 'didOffenceInvolveCarryingOrUsingWeapon',
    value: flag('didOffenceInvolveCarryingOrUsingWeapon'),
  },
  {
    key: 'S3Q4',
    id: 'suitableAccommodationWeight',
    label: 'Suitability of accommodation (3.4)',
    field: 'suitabilityOfAccommodation',
    value: score('suitabilityOfAccommodation'),
  },
  {
    key: 'S4Q2',
    id: 'unemployedWeight',
    label: 'Unemployed (4.2, counts 2)',
    field: 'isUnemployed',
    value: i => (i.isUnemployed === true ? 2 : 0),
  },
  {
    key: 'LIVE_IN',
    id: 'liveInRelationshipWeight',
    label: 'In a relationship, living together (6.8)',
    field: 'currentRelationshipStatus',
    value: liveIn,
  },
  {
    key: 'S6Q4',
    id: 'relationshipQualityWeight',
    label: 'Current relationship with partner (6.4)',
    field: 'currentRelationshipWithPartner',
    value: score('currentRelationshipWithPartner'),
  },
  {
    key: 'LIVE_IN_x_S6Q4',
    id: 'multiplicativeRelationshipWeight',
    label: 'Living together × relationship with partner (6.8 × 6.4)',
    field: null,
    value: i => liveIn(i) * Number(i.currentRelationshipWithPartner ?? 0),
  },
  {
    key: 'S6Q7_PERP',
    id: 'domesticViolenceWeight',
    label: 'Evidence of domestic abuse, perpetrator (6.7)',
    field: 'evidenceOfDomesticAbuse',
    value: flag('evidenceOfDomesticAbuse'),
  },
  {
    key: 'S7Q2',
    id: 'regularOffendingActivitiesWeight',
    label: 'Regular activities encourage offending (7.2)',
    field: 'regularOffendingActivities',
    value: score('regularOffendingActivities'),
  },
  {
    key: 'S8Q8',
    id: 'drugMotivationWeight',
    label: 'Motivation to tackle drug misuse (8.8; not answered = full)',
    field: null,
    value: score('motivationToTackleDrugMisuse'),
  },
  {
    key: 'S9Q1',
    id: 'chronicDrinkingProblemsWeight',
    label: 'Current alcohol use (9.1)',
    field: 'currentAlcoholUseProblems',
    value: score('currentAlcoholUseProblems'),
  },
  {
    key: 'S9Q2',
    id: 'bingeDrinkingProblemsWeight',
    label: 'Binge drinking (9.2)',
    field: 'excessiveAlcoholUse',
    value: score('excessiveAlcoholUse'),
  },
  {
    key: 'S11Q2',
    id: 'impulsivityProblemsWeight',
    label: 'Impulsivity (11.2)',
    field: 'impulsivityProblems',
    value: score('impulsivityProblems'),
  },
  {
    key: 'S11Q4',
    id: 'temperControlWeight',
    label: 'Temper control (11.4)',
    field: 'temperControl',
    value: score('temperControl'),
  },
  {
    key: 'S12Q1',
    id: 'proCriminalAttitudesWeight',
    label: 'Pro-criminal attitudes (12.1)',
    field: 'proCriminalAttitudes',
    value: score('proCriminalAttitudes'),
  },
  { key: 'heroin', id: 'heroinUsageWeight', label: 'Heroin use', field: null, value: flag('hasHeroinUsage') },
  {
    key: 'methadone',
    id: 'methadoneUsageWeight',
    label: 'Methadone use',
    field: null,
    value: flag('hasMethadoneUsage'),
  },
  {
    key: 'otheropiate',
    id: 'otherOpiateUsageWeight',
    label: 'Other opiate use',
    field: null,
    value: flag('hasOtherOpiateUsage'),
  },
  {
    key: 'crack',
    id: 'crackCocaineUsageWeight',
    label: 'Crack cocaine use',
    field: null,
    value: flag('hasCrackCocaineUsage'),
  },
  {
    key: 'cokepowder',
    id: 'powderCocaineUsageWeight',
    label: 'Powder cocaine use',
    field: null,
    value: flag('hasPowderCocaineUsage'),
  },
  {
    key: 'prescribed',
    id: 'misusedPrescriptionDrugUsageWeight',
    label: 'Misused prescribed drugs',
    field: null,
    value: flag('hasMisusedPrescriptionDrugUsage'),
  },
  {
    key: 'benzo',
    id: 'benzodiazepinesUsageWeight',
    label: 'Benzodiazepine use',
    field: null,
    value: flag('hasBenzodiazepinesUsage'),
  },
  { key: 'cannabis', id: 'cannabisUsageWeight', label: 'Cannabis use', field: null, value: flag('hasCannabisUsage') },
  { key: 'steroid', id: 'steroidUsageWeight', label: 'Steroid use', field: null, value: flag('hasSteroidsUsage') },
  {
    key: 'otherdrug',
    id: 'otherDrugUsageWeight',
    label: 'Other drugs (other, ketamine, spice, hallucinogens, solvents)',
    field: null,
    value: otherDrug,
  },
  ...Object.entries(PAST).map(([key, [p, id, words]]) => ({
    key,
    id,
    label: `Previous conviction: ${words} (R1.2)`,
    field: 'previousConvictions' as const,
    value: past(p),
  })),
]

/** Every dynamic item the v4 models know, by coefficient key. */
export const V4_ITEMS: ReadonlyMap<string, V4Item> = new Map(ITEM_LIST.map(i => [i.key, i]))

/**
 * The inputs a dynamic model needs that were not answered, in the order of its items (deduplicated).
 *
 * @example
 * missingDynamicFields({ S3Q4: 0.08 }, {}) // ['suitabilityOfAccommodation']
 */
export function missingDynamicFields(items: Record<string, number>, inputs: V4Inputs): string[] {
  const missing: string[] = []
  for (const key of Object.keys(items)) {
    const field = V4_ITEMS.get(key)?.field
    if (field && absent(inputs[field]) && !missing.includes(field)) missing.push(field)
  }
  return missing
}

/** Past offences the reference service accepts (R1.2). */
export const KNOWN_PAST_OFFENCES: readonly PreviousConviction[] = PREVIOUS_CONVICTIONS

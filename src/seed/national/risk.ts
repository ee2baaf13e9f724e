import type { Rng } from './prng.ts'
import type { Batch } from './batch.ts'
import { isoDay, LEVELS, SEVERITIES, type PersonMade } from './reference.ts'

/** A person's risk: a RoSH assessment, registrations, predictor inputs and a tier. */

/** A RoSH assessment, by chance; returns its overall level (null when there is none). */
export function roshRow(b: Batch, r: Rng, personId: number, chance: number, currentStart: number, today: number) {
  if (!r.chance(chance)) return null
  const pub = r.weighted([
    ['low', 30],
    ['medium', 50],
    ['high', 17],
    ['very_high', 3],
  ] as const)
  const levels = [pub, r.pick(LEVELS.slice(0, 3)), r.pick(LEVELS.slice(0, 2)), 'low' as const]
  const overall = levels.reduce((a, x) => (LEVELS.indexOf(x) > LEVELS.indexOf(a) ? x : a))
  b.add('rosh_assessments', [
    personId,
    isoDay(Math.min(today, currentStart + r.int(0, 60))),
    levels[0],
    levels[1],
    levels[2],
    levels[3],
    overall,
  ])
  return overall
}

export function registrationRows(
  b: Batch,
  r: Rng,
  personId: number,
  overall: (typeof LEVELS)[number] | null,
  currentStart: number,
  today: number,
) {
  const registered = isoDay(Math.min(today, currentStart + r.int(0, 90)))
  if (r.chance(0.04)) b.add('registrations', [personId, 'MAPP', r.int(1, 3), r.int(1, 2), registered])
  if (r.chance(0.08)) b.add('registrations', [personId, 'ADVP', null, null, registered])
  if (r.chance(0.03)) b.add('registrations', [personId, 'RCPR', null, null, registered])
  if (r.chance(0.05)) b.add('registrations', [personId, 'RMDO', null, null, registered])
  if (r.chance(0.03)) b.add('registrations', [personId, 'IIOM', null, null, registered])
  if ((overall === 'high' || overall === 'very_high') && r.chance(0.5))
    b.add('registrations', [personId, overall === 'high' ? 'RHRH' : 'RVHR', null, null, registered])
}

/** The predictor inputs (static factors for all, dynamic ones for most). */
export function riskItemsRow(
  b: Batch,
  r: Rng,
  { personId, age, dobDay }: PersonMade,
  custodial: boolean,
  offence: string,
  currentStart: number,
  today: number,
) {
  const total = r.int(1, 30)
  const firstAge = r.int(12, Math.max(12, age - 1))
  const full = r.chance(0.8)
  b.add('risk_assessment_items', [
    personId,
    1,
    isoDay(Math.min(today, currentStart + r.int(0, 30))),
    {
      sentenceType: custodial ? 'CUSTODY' : r.pick(['COMMUNITY_REHABILITATIVE', 'COMMUNITY_OTHER']),
      dateOfCurrentConviction: isoDay(currentStart),
      dateAtStartOfFollowup: isoDay(currentStart + r.int(0, 20)),
      currentOffenceCode: offence,
      supervisionStatus: 'COMMUNITY',
      totalNumberOfSanctionsForAllOffences: total,
      totalNumberOfViolentSanctions: r.int(0, Math.min(total, 5)),
      dateOfFirstSanction: isoDay(Math.min(currentStart, dobDay + Math.round(firstAge * 365.25))),
      previousConvictions: [],
      hasEverCommittedSexualOffence: r.chance(0.05),
      totalContactAdultSexualSanctions: 0,
      totalContactChildSexualSanctions: 0,
      totalNonContactSexualOffences: 0,
      totalIndecentImageSanctions: 0,
      isCurrentOffenceSexuallyMotivated: false,
      needs: {
        ATTITUDES: r.pick(SEVERITIES),
        THINKING_AND_BEHAVIOUR: r.pick(SEVERITIES),
        ACCOMMODATION: r.pick(SEVERITIES),
      },
      ...(full ? dynamicFactors(r) : {}),
    },
  ])
}

function dynamicFactors(r: Rng) {
  const score = () => r.int(0, 2)
  return {
    isCurrentlyOfNoFixedAbodeOrTransientAccommodation: r.chance(0.1),
    isUnemployed: r.chance(0.5),
    regularOffendingActivities: score(),
    currentDrugMisuse: score(),
    motivationToTackleDrugMisuse: score(),
    problemSolvingSkills: score(),
    awarenessOfConsequences: score(),
    understandsOtherPeoplesViews: score(),
    proCriminalAttitudes: score(),
    doesRecogniseImpactOfOffendingOnOthers: r.chance(0.5),
    currentAlcoholUseProblems: score(),
    excessiveAlcoholUse: score(),
    hasCurrentPsychiatricTreatment: r.chance(0.1),
    temperControl: score(),
    impulsivityProblems: score(),
    didOffenceInvolveCarryingOrUsingWeapon: r.chance(0.1),
    suitabilityOfAccommodation: score(),
    currentRelationshipWithPartner: score(),
    evidenceOfDomesticAbuse: false,
  }
}

export function tierRow(b: Batch, r: Rng, personId: number, currentStart: number, today: number) {
  const protect = r.weighted([
    ['A', 5],
    ['B', 25],
    ['C', 45],
    ['D', 25],
  ] as const)
  b.add('tier_calculations', [
    personId,
    'tier-v2-protect-change',
    'synthetic',
    isoDay(Math.min(today, currentStart + r.int(0, 30))),
    `${protect}${r.int(0, 3)}`,
    {},
    {},
  ])
}

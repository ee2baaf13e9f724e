import { pathToFileURL } from 'node:url'
import { LocalDate } from '@js-joda/core'
import { calculateOgp, calculateOgrs3, calculateOvp, calculateRsr, type RiskInputs } from '../src/domain/risk/index.ts'
import { calculateArp, calculateCsrp, calculateSvrp, calculateVrp, type V4Inputs } from '../src/domain/risk/v4/index.ts'

/** A person with every v1 input answered, so RSR uses dynamic SNSV and OSP/DC + OSP/IIC are scored. */
const person: RiskInputs = {
  gender: 'MALE',
  dateOfBirth: LocalDate.parse('1988-06-11'),
  assessmentDate: LocalDate.parse('2025-06-12'),
  dateOfCurrentConviction: LocalDate.parse('2024-01-05'),
  dateAtStartOfFollowup: LocalDate.parse('2024-01-05'),
  totalNumberOfSanctionsForAllOffences: 31,
  totalNumberOfViolentSanctions: 10,
  ageAtFirstSanction: 11,
  currentOffenceCode: '04600',
  supervisionStatus: 'COMMUNITY',
  isCurrentlyOfNoFixedAbodeOrTransientAccommodation: false,
  isUnemployed: true,
  regularOffendingActivities: 1,
  currentDrugMisuse: 1,
  motivationToTackleDrugMisuse: 1,
  problemSolvingSkills: 1,
  awarenessOfConsequences: 1,
  understandsOtherPeoplesViews: 0,
  proCriminalAttitudes: 1,
  doesRecogniseImpactOfOffendingOnOthers: false,
  currentAlcoholUseProblems: 2,
  excessiveAlcoholUse: 2,
  hasCurrentPsychiatricTreatment: false,
  temperControl: 2,
  impulsivityProblems: 1,
  didOffenceInvolveCarryingOrUsingWeapon: true,
  suitabilityOfAccommodation: 0,
  currentRelationshipWithPartner: 2,
  evidenceOfDomesticAbuse: true,
  domesticAbuseAgainstPartner: true,
  previousConvictions: ['WEAPON'],
  hasEverCommittedSexualOffence: true,
  isCurrentOffenceSexuallyMotivated: false,
  totalContactAdultSexualSanctions: 1,
  totalContactChildSexualSanctions: 0,
  totalNonContactSexualOffences: 1,
  totalIndecentImageSanctions: 1,
  dateOfMostRecentSexualOffence: LocalDate.parse('2015-03-01'),
  isCurrentOffenceAgainstVictimStranger: true,
  mostRecentOffenceDate: LocalDate.parse('2023-11-01'),
}

function measure(label: string, run: (i: number) => unknown, seconds = 1): number {
  for (let i = 0; i < 2000; i++) run(i) // warm up the JIT
  let n = 0
  let sink = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round(seconds * 1e9))
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 500; i++) sink += run(n++) ? 1 : 0
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9
  const perSecond = Math.round(n / elapsed)
  console.log(`${label.padEnd(52)} ${perSecond.toLocaleString('en-GB').padStart(12)} /s${sink < 0 ? '' : ''}`)
  return perSecond
}

/**
 * Predictor calculations per second on one core (target ≥ 50,000): OGRS3 alone, OGP, OVP, and a person's full RSR
 * (SNSV dynamic + OSP/DC + OSP/IIC), each building its full explanation.
 *
 * @example
 * await benchRisk()
 */
export async function benchRisk(): Promise<void> {
  console.log('Risk predictors (single thread, explanation included)')
  // Vary the sanction count so results cannot be cached or constant-folded.
  measure('OGRS3 (OASys table)', i => calculateOgrs3({ ...person, totalNumberOfSanctionsForAllOffences: 2 + (i % 40) }))
  measure('OGRS3 (MoJ spreadsheet, full precision)', i =>
    calculateOgrs3({ ...person, totalNumberOfSanctionsForAllOffences: 2 + (i % 40) }, { coefficients: 'full' }),
  )
  measure('OGP (includes OGRS3)', i => calculateOgp({ ...person, totalNumberOfSanctionsForAllOffences: 2 + (i % 40) }))
  measure('OVP', i => calculateOvp({ ...person, totalNumberOfSanctionsForAllOffences: 10 + (i % 40) }))
  measure('RSR full (SNSV dynamic + OSP/DC + OSP/IIC)', i =>
    calculateRsr({ ...person, totalNumberOfSanctionsForAllOffences: 10 + (i % 40) }),
  )
  console.log('OASys v4 predictors (single thread, explanation included; target ≥ 50,000 for ARP dynamic)')
  const v4: V4Inputs = {
    ...person,
    currentRelationshipStatus: 'IN_RELATIONSHIP_LIVING_TOGETHER',
    hasCannabisUsage: true,
  }
  measure('ARP static', i => calculateArp({ ...v4, totalNumberOfSanctionsForAllOffences: 2 + (i % 40) }, STATIC))
  measure('ARP dynamic', i => calculateArp({ ...v4, totalNumberOfSanctionsForAllOffences: 2 + (i % 40) }))
  measure('VRP dynamic', i => calculateVrp({ ...v4, totalNumberOfSanctionsForAllOffences: 10 + (i % 40) }))
  measure('SVRP dynamic', i => calculateSvrp({ ...v4, totalNumberOfSanctionsForAllOffences: 10 + (i % 40) }))
  measure('CSRP full (SVRP dynamic + DC-SRP + IIC-SRP)', i =>
    calculateCsrp({ ...v4, totalNumberOfSanctionsForAllOffences: 10 + (i % 40) }),
  )
}

const STATIC = { scoreType: 'STATIC' } as const

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRisk()
}

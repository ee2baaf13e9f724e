import type { OutcomeCode } from '../../domain/enforcement/outcomes.ts'
import { hash32 } from './prng.ts'

/**
 * The national seed's fixed numbers and reference data (status shares, offence codes, requirement, contact and
 * outcome mixes), the CRN scheme, day arithmetic, and the shapes the generator's parts pass to each other.
 */

export const BENCH_PRACTITIONERS = 5
export const BENCH_CASELOAD = 60
export const PRACTITIONERS_PER_TEAM = 8
export const TEAMS_PER_PDU = 5
export const CRN_LETTERS = 'NPQRSTUVWYZMLKJHGFEDC'

/** The CRN letter a seed's people get. */
export const crnPrefixOf = (seed: number) => CRN_LETTERS[(seed - 1 + CRN_LETTERS.length * 1000) % CRN_LETTERS.length]
export const nationalCrn = (seed: number, index: number) => `${crnPrefixOf(seed)}${String(index).padStart(6, '0')}`
export const markerCode = (seed: number) => `NAT${seed}`

export type Status = 'allocated' | 'on_licence' | 'in_custody' | 'awaiting_allocation' | 'pre_sentence' | 'ended'
export const STATUSES: Status[] = [
  'allocated',
  'on_licence',
  'in_custody',
  'awaiting_allocation',
  'pre_sentence',
  'ended',
]
/** Cumulative shares: 25 % under active supervision (14.5 % community, 7 % licence, 3.25 % custody, 0.25 % awaiting allocation). */
const STATUS_CUT = [0.145, 0.215, 0.2475, 0.25, 0.28, 1]
export const statusOf = (seed: number, i: number): number => {
  const x = hash32(seed, i, 1) / 2 ** 32
  let k = 0
  while (x >= STATUS_CUT[k]) k++
  return k
}
export const MANAGED = new Set([0, 1, 2])

export const DAY = 86_400_000
export const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
export const OFFENCES = [
  '02700',
  '00101',
  '02800',
  '03000',
  '05400',
  '09200',
  '10400',
  '12500',
  '19500',
  '80300',
  '04600',
  '08000',
  '09300',
  '11000',
]
export const LEVELS = ['low', 'medium', 'high', 'very_high'] as const
export const SEVERITIES = ['NO_NEED', 'STANDARD', 'SEVERE'] as const
export const REQUIREMENTS: readonly (readonly [string, number])[] = [
  ['rehabilitation_activity', 50],
  ['unpaid_work', 40],
  ['curfew', 15],
  ['programme', 10],
  ['prohibited_activity', 5],
  ['exclusion', 5],
  ['mental_health_treatment', 4],
  ['residence', 3],
]
export const APPOINTMENT_TYPES: readonly (readonly [string, number])[] = [
  ['OFFICE', 55],
  ['PHONE_PLANNED', 10],
  ['HOME_PLANNED', 5],
  ['VIDEO', 5],
  ['RAR', 10],
  ['UPW', 10],
  ['PROGRAMME', 5],
]
export const OTHER_TYPES: readonly (readonly [string, number, boolean])[] = [
  ['PHONE', 30, false],
  ['EMAIL', 15, false],
  ['CASE_NOTE', 25, false],
  ['LETTER_APPOINTMENT', 15, true],
  ['MGMT_OVERSIGHT', 5, false],
  ['PARTNER', 5, false],
  ['HOME_UNPLANNED', 3, false],
  ['MAPPA', 2, false],
]
export const OUTCOME_MIX: readonly (readonly [OutcomeCode, number])[] = [
  ['attended_complied', 85],
  ['acceptable_absence', 5],
  ['unacceptable_absence', 4],
  ['failed_to_attend', 3],
  ['attended_failed_to_comply', 3],
]
export const monthsDays = (months: number) => Math.round(months * 30.44)

export interface Practitioner {
  staffId: number
  teamId: number
  pdu: number
  target: number
  /** The chance that an appointment of the last fortnight has no outcome yet (default 0.4). */
  pendingOutcomeChance?: number
  /** Appointments only from this many days before the as-of day (default: the whole order). */
  historyDays?: number
}

export interface LoadOptions {
  seed: number
  scale: number
  asOf: string
  prefix: string
  passwordHash: string
  log: (line: string) => void
}

export interface Shared {
  providerId: number
  courtIds: number[]
  pduRegion: number[]
  keys: Map<string, string>
  asOfDay: number
  prefix: string
  /** Addresses from this region instead of the PDU's (the demo region's invented towns). */
  region?: { towns: string[]; postcode: string }
  /** The allocation decision recorded (default public). */
  decisionOutcome?: 'public' | 'contracted'
  /** The chance that a managed person has a RoSH assessment (default 0.85). */
  managedRoshChance?: number
  /** Leave tiers out: the caller runs the real tier calculation afterwards. */
  tiersCalculatedLater?: boolean
}

export interface PersonMade {
  personId: number
  age: number
  dobDay: number
}

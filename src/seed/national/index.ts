import type { Kysely } from 'kysely'
import { hashPassword } from '../../access/passwords.ts'
import type { Database } from '../../db/schema.ts'
import { makePnc } from '../../domain/identifiers/index.ts'
import { normaliseName } from '../../domain/names/normalise.ts'
import { OUTCOMES, type OutcomeCode } from '../../domain/enforcement/outcomes.ts'
import { systemClock } from '../../clock.ts'
import { DEMO_PASSWORD } from '../demo.ts'
import {
  analyze,
  createIndexes,
  dropSecondaryIndexes,
  findCrnWithPrefix,
  findSeedMarker,
  moveSequence,
  nextIdOf,
  surnameKeys,
} from './queries.ts'
import { FEMALE_FORENAMES, MALE_FORENAMES, NOTES, pickSurname, REGIONS, STREETS, SURNAMES } from './names.ts'
import { hash32, rng, type Rng } from './prng.ts'
import { withKyselySink, withPostgresSink, type Sink } from './sink.ts'

/**
 * A deterministic synthetic national dataset (issue 7). Scale 1.0 ≈ 1,000,000 people of whom 250,000 are under
 * active supervision, ≈ 1.5 million events and ≈ 25 million contacts, with the organisation (12 regions, PDUs, teams
 * of eight practitioners with caseloads of 40–70, a senior and a PSO each, a court per PDU) to hold them.
 *
 * Same seed and as-of date → same rows: every person draws from their own random stream keyed by (seed, index).
 * Idempotent per seed: the seed's provider (code `NAT<seed>`) is its marker; seeding again with that seed does
 * nothing. CRNs are `<letter><index, six digits>` (the letter from the seed, `N` for seed 1), so benchmarks can
 * name people without querying. Everything loads in one transaction (COPY on PostgreSQL).
 *
 * Sign-ins (password: the demo password): `nat<seed>.practitioner1` … `5` (caseloads of exactly 60, the first
 * case of each a long-running one) and `nat<seed>.senior`.
 */

export interface NationalSeedOptions {
  scale: number
  seed?: number
  /** The day the data are "as of" (appointments before it have happened). Default: today (UTC). */
  asOf?: string
  log?: (line: string) => void
}

export interface NationalSeedTarget {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  /** Required for PostgreSQL: the loader opens its own connection for COPY. */
  databaseUrl?: string
}

export interface NationalSeedResult {
  status: 'seeded' | 'already-seeded'
  seed: number
  scale: number
  crnPrefix: string
  counts: Record<string, number>
  seconds: number
  rowsPerSecond: number
  summary: string
}

export const BENCH_PRACTITIONERS = 5
export const BENCH_CASELOAD = 60
const PRACTITIONERS_PER_TEAM = 8
const TEAMS_PER_PDU = 5
const CRN_LETTERS = 'NPQRSTUVWYZMLKJHGFEDC'

/** The CRN letter a seed's people get. */
export const crnPrefixOf = (seed: number) => CRN_LETTERS[(seed - 1 + CRN_LETTERS.length * 1000) % CRN_LETTERS.length]
export const nationalCrn = (seed: number, index: number) => `${crnPrefixOf(seed)}${String(index).padStart(6, '0')}`
export const markerCode = (seed: number) => `NAT${seed}`

type Status = 'allocated' | 'on_licence' | 'in_custody' | 'awaiting_allocation' | 'pre_sentence' | 'ended'
const STATUSES: Status[] = ['allocated', 'on_licence', 'in_custody', 'awaiting_allocation', 'pre_sentence', 'ended']
/** Cumulative shares: 25 % under active supervision (14.5 % community, 7 % licence, 3.25 % custody, 0.25 % awaiting allocation). */
const STATUS_CUT = [0.145, 0.215, 0.2475, 0.25, 0.28, 1]
const statusOf = (seed: number, i: number): number => {
  const x = hash32(seed, i, 1) / 2 ** 32
  let k = 0
  while (x >= STATUS_CUT[k]) k++
  return k
}
const MANAGED = new Set([0, 1, 2])

const DAY = 86_400_000
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
const OFFENCES = [
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
const LEVELS = ['low', 'medium', 'high', 'very_high'] as const
const SEVERITIES = ['NO_NEED', 'STANDARD', 'SEVERE'] as const
const REQUIREMENTS: readonly (readonly [string, number])[] = [
  ['rehabilitation_activity', 50],
  ['unpaid_work', 40],
  ['curfew', 15],
  ['programme', 10],
  ['prohibited_activity', 5],
  ['exclusion', 5],
  ['mental_health_treatment', 4],
  ['residence', 3],
]
const APPOINTMENT_TYPES: readonly (readonly [string, number])[] = [
  ['OFFICE', 55],
  ['PHONE_PLANNED', 10],
  ['HOME_PLANNED', 5],
  ['VIDEO', 5],
  ['RAR', 10],
  ['UPW', 10],
  ['PROGRAMME', 5],
]
const OTHER_TYPES: readonly (readonly [string, number, boolean])[] = [
  ['PHONE', 30, false],
  ['EMAIL', 15, false],
  ['CASE_NOTE', 25, false],
  ['LETTER_APPOINTMENT', 15, true],
  ['MGMT_OVERSIGHT', 5, false],
  ['PARTNER', 5, false],
  ['HOME_UNPLANNED', 3, false],
  ['MAPPA', 2, false],
]
const OUTCOME_MIX: readonly (readonly [OutcomeCode, number])[] = [
  ['attended_complied', 85],
  ['acceptable_absence', 5],
  ['unacceptable_absence', 4],
  ['failed_to_attend', 3],
  ['attended_failed_to_comply', 3],
]

const COLUMNS = {
  providers: ['id', 'code', 'name', 'kind'],
  regions: ['id', 'provider_id', 'code', 'name'],
  delivery_units: ['id', 'region_id', 'code', 'name'],
  teams: ['id', 'delivery_unit_id', 'code', 'name'],
  courts: ['id', 'code', 'name', 'delivery_unit_id'],
  staff: ['id', 'code', 'forename', 'surname', 'grade', 'provider_id', 'team_id'],
  users: ['id', 'username', 'display_name', 'staff_id', 'password_hash', 'roles'],
  people: [
    'id',
    'crn',
    'forename',
    'middle_names',
    'surname',
    'date_of_birth',
    'gender',
    'pnc',
    'noms',
    'mobile',
    'managing_provider_id',
    'managing_team_id',
    'managing_staff_id',
    'case_status',
  ],
  person_names: ['id', 'person_id', 'kind', 'forename', 'surname', 'date_of_birth', 'search_name', 'surname_key'],
  addresses: ['id', 'person_id', 'status', 'building', 'street', 'town', 'postcode', 'start_date', 'end_date'],
  case_managers: ['id', 'person_id', 'provider_id', 'team_id', 'staff_id', 'started_at', 'reason'],
  events: ['id', 'person_id', 'event_number', 'status', 'court_id', 'conviction_date', 'referral_date'],
  offences: ['id', 'person_id', 'event_id', 'offence_code', 'offence_date', 'is_main'],
  sentences: [
    'id',
    'person_id',
    'event_id',
    'sentence_type',
    'sentence_date',
    'length_value',
    'length_unit',
    'start_date',
    'expected_end_date',
    'custodial_type',
    'remand_days',
    'operational_period_value',
    'operational_period_unit',
    'supervision_period_value',
    'supervision_period_unit',
    'terminated_date',
    'termination_reason',
  ],
  requirements: [
    'id',
    'person_id',
    'sentence_id',
    'category',
    'length',
    'unit',
    'start_date',
    'expected_end_date',
    'terminated_date',
    'termination_reason',
  ],
  allocations: [
    'id',
    'person_id',
    'event_id',
    'kind',
    'provider_id',
    'team_id',
    'staff_id',
    'case_manager_id',
    'decision_outcome',
    'decision',
    'sentence_date',
    'induction_kind',
    'induction_due_date',
    'allocated_at',
  ],
  contacts: [
    'id',
    'person_id',
    'event_id',
    'contact_type',
    'is_appointment',
    'starts_at',
    'ends_at',
    'staff_id',
    'team_id',
    'location',
    'national_standard',
    'system_generated',
    'rar_activity',
    'notes',
    'outcome',
    'attended',
    'complied',
    'outcome_recorded_at',
  ],
  rosh_assessments: [
    'id',
    'person_id',
    'assessment_date',
    'public_level',
    'known_adult_level',
    'children_level',
    'staff_level',
    'overall_level',
  ],
  registrations: ['id', 'person_id', 'type_code', 'mappa_category', 'mappa_level', 'registered_date'],
  risk_assessment_items: ['id', 'person_id', 'version', 'assessment_date', 'items'],
  tier_calculations: ['id', 'person_id', 'algorithm', 'algorithm_version', 'calculated_on', 'tier', 'inputs', 'output'],
} as const
type Table = keyof typeof COLUMNS
/** Load order: parents before children (foreign keys are checked row by row). */
const ORDER = Object.keys(COLUMNS) as Table[]

/** Rows waiting to be written, per table, and the next id of each table. */
class Batch {
  rows = new Map<Table, unknown[][]>()
  counts: Record<string, number> = {}
  /** Milliseconds spent writing each table (for the load report). */
  ms: Record<string, number> = {}
  constructor(private next: Record<string, number>) {}
  add(table: Table, row: unknown[]): number {
    const id = this.next[table]++
    row.unshift(id)
    let list = this.rows.get(table)
    if (!list) this.rows.set(table, (list = []))
    list.push(row)
    this.counts[table] = (this.counts[table] ?? 0) + 1
    return id
  }
  async flush(sink: Sink) {
    for (const table of ORDER) {
      const rows = this.rows.get(table)
      if (!rows?.length) continue
      const t0 = performance.now()
      await sink.copy(table, COLUMNS[table], rows)
      this.ms[table] = (this.ms[table] ?? 0) + performance.now() - t0
    }
    this.rows.clear()
  }
  lastIds() {
    return this.next
  }
}

interface Practitioner {
  staffId: number
  teamId: number
  pdu: number
  target: number
}

/**
 * Seeds the national dataset. Returns `already-seeded` (and changes nothing) when this seed's marker exists.
 *
 * @example
 * await seedNational({ db, kind: 'postgres', databaseUrl }, { scale: 0.01, seed: 1 })
 */
export async function seedNational(
  target: NationalSeedTarget,
  options: NationalSeedOptions,
): Promise<NationalSeedResult> {
  const seed = options.seed ?? 1
  const scale = options.scale
  if (!(scale > 0 && scale <= 1))
    throw new Error('--scale must be more than 0 and at most 1 (one CRN letter holds 1,000,000 people)')
  if (!Number.isInteger(seed) || seed < 1) throw new Error('--seed must be a whole number of at least 1')
  const asOf = options.asOf ?? systemClock.now().toISOString().slice(0, 10)
  const log = options.log ?? (() => undefined)
  const prefix = crnPrefixOf(seed)
  const started = performance.now()

  const existing = await findSeedMarker(target.db, markerCode(seed))
  if (existing) {
    return {
      status: 'already-seeded',
      seed,
      scale,
      crnPrefix: prefix,
      counts: {},
      seconds: 0,
      rowsPerSecond: 0,
      summary: `Seed ${seed} is already loaded (${existing.name}); nothing changed.`,
    }
  }
  const clash = await findCrnWithPrefix(target.db, prefix)
  if (clash) throw new Error(`CRNs starting ${prefix} are already in use (${clash.crn}); choose another --seed`)

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const run = (sink: Sink) => load(sink, { seed, scale, asOf, prefix, passwordHash, log })
  const counts =
    target.kind === 'postgres' ? await withPostgresSink(requireUrl(target), run) : await withKyselySink(target.db, run)
  const seconds = (performance.now() - started) / 1000
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const rowsPerSecond = total / seconds
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB')
  const summary =
    `Seeded the national dataset (seed ${seed}, scale ${scale}, as of ${asOf}, CRNs ${prefix}000000…): ${fmt(total)} rows in ${seconds.toFixed(1)} s = ${fmt(rowsPerSecond)} rows/s\n` +
    Object.entries(counts)
      .map(([t, n]) => `  ${t.padEnd(22)} ${fmt(n).padStart(12)}`)
      .join('\n') +
    `\nSign-ins (password "${DEMO_PASSWORD}"): nat${seed}.practitioner1 … nat${seed}.practitioner${BENCH_PRACTITIONERS} (${BENCH_CASELOAD} cases each), nat${seed}.senior`
  return { status: 'seeded', seed, scale, crnPrefix: prefix, counts, seconds, rowsPerSecond, summary }
}

function requireUrl(target: NationalSeedTarget): string {
  if (!target.databaseUrl) throw new Error('seedNational needs the databaseUrl to COPY into PostgreSQL')
  return target.databaseUrl
}

interface LoadOptions {
  seed: number
  scale: number
  asOf: string
  prefix: string
  passwordHash: string
  log: (line: string) => void
}

/** Pass 1: every person's status, and the caseload target of each practitioner needed to hold them. */
function plan(seed: number, n: number): { status: Uint8Array; targets: number[] } {
  const status = new Uint8Array(n)
  let managed = 0
  for (let i = 0; i < n; i++) {
    status[i] = statusOf(seed, i)
    if (MANAGED.has(status[i])) managed++
  }
  const targets: number[] = []
  for (let k = 0, sum = 0; sum < managed; k++) {
    const t = k < BENCH_PRACTITIONERS ? BENCH_CASELOAD : rng(hash32(seed, k, 3)).int(40, 70)
    targets.push(t)
    sum += t
  }
  return { status, targets }
}

interface Organisation {
  providerId: number
  courtIds: number[]
  pduRegion: number[]
  practitioners: Practitioner[]
}

/** Regions, PDUs with a court each, and delivery units; returns their ids. */
function seedUnits(batch: Batch, seed: number, providerId: number, pduCount: number) {
  const regionIds = REGIONS.slice(0, Math.min(REGIONS.length, pduCount)).map(r =>
    batch.add('regions', [providerId, `${markerCode(seed)}-${r.code}`, `${r.name} (synthetic)`]),
  )
  const pduIds: number[] = []
  const pduRegion: number[] = []
  const courtIds: number[] = []
  for (let p = 0; p < pduCount; p++) {
    const region = REGIONS[p % regionIds.length]
    const town = region.towns[Math.floor(p / regionIds.length) % region.towns.length]
    const suffix =
      p >= regionIds.length * region.towns.length
        ? ` ${Math.floor(p / (regionIds.length * region.towns.length)) + 1}`
        : ''
    const pdu = batch.add('delivery_units', [
      regionIds[p % regionIds.length],
      `${markerCode(seed)}-P${p + 1}`,
      `${town}${suffix} PDU`,
    ])
    pduIds.push(pdu)
    pduRegion.push(p % regionIds.length)
    courtIds.push(batch.add('courts', [`${markerCode(seed)}C${p + 1}`, `${town}${suffix} Magistrates' Court`, pdu]))
  }
  return { pduIds, pduRegion, courtIds }
}

/** The provider, its units and teams, a senior, a PSO and the practitioners of each team, and the sign-ins. */
function seedOrganisation(batch: Batch, o: LoadOptions, targets: number[]): Organisation {
  const { seed } = o
  const providerId = batch.add('providers', [
    markerCode(seed),
    `Probity national synthetic dataset (seed ${seed}, scale ${o.scale})`,
    'public',
  ])
  const teamCount = Math.ceil(targets.length / PRACTITIONERS_PER_TEAM)
  const { pduIds, pduRegion, courtIds } = seedUnits(batch, seed, providerId, Math.ceil(teamCount / TEAMS_PER_PDU))
  const teamIds: number[] = []
  const seniors: number[] = []
  let staffNo = 0
  const staffRow = (forename: string, surname: string, grade: string, teamId: number) =>
    batch.add('staff', [`N${seed}S${String(++staffNo).padStart(6, '0')}`, forename, surname, grade, providerId, teamId])
  for (let t = 0; t < teamCount; t++) {
    const team = batch.add('teams', [
      pduIds[Math.floor(t / TEAMS_PER_PDU)],
      `${markerCode(seed)}-T${t + 1}`,
      `Team ${t + 1} (${Math.floor(t / TEAMS_PER_PDU) + 1})`,
    ])
    teamIds.push(team)
    const r = rng(hash32(seed, t, 4))
    seniors.push(staffRow(r.pick(FEMALE_FORENAMES), pickSurname(r), 'SPO', team))
    staffRow(r.pick(MALE_FORENAMES), pickSurname(r), 'PSO', team)
  }
  const practitioners: Practitioner[] = targets.map((target, k) => {
    const r = rng(hash32(seed, k, 5))
    const teamIndex = Math.floor(k / PRACTITIONERS_PER_TEAM)
    const staffId = staffRow(
      r.chance(0.6) ? r.pick(FEMALE_FORENAMES) : r.pick(MALE_FORENAMES),
      pickSurname(r),
      r.chance(0.7) ? 'PO' : 'PSO',
      teamIds[teamIndex],
    )
    return { staffId, teamId: teamIds[teamIndex], pdu: Math.floor(teamIndex / TEAMS_PER_PDU), target }
  })
  for (let k = 0; k < BENCH_PRACTITIONERS && k < practitioners.length; k++) {
    batch.add('users', [
      `nat${seed}.practitioner${k + 1}`,
      `National Practitioner ${k + 1}`,
      practitioners[k].staffId,
      o.passwordHash,
      ['practitioner'],
    ])
  }
  batch.add('users', [`nat${seed}.senior`, 'National Senior', seniors[0], o.passwordHash, ['senior']])
  return { providerId, courtIds, pduRegion, practitioners }
}

/** Pass 2: people and everything about them, in chunks of 5,000, each written as it is made. */
async function seedPeople(
  sink: Sink,
  batch: Batch,
  o: LoadOptions,
  status: Uint8Array,
  shared: Shared,
  org: Organisation,
) {
  const { practitioners } = org
  let cursor = 0
  let inCaseload = 0
  const chunk = 5_000
  for (let start = 0; start < status.length; start += chunk) {
    for (let i = start; i < Math.min(status.length, start + chunk); i++) {
      const st = STATUSES[status[i]]
      let manager: Practitioner | undefined
      let firstOfCaseload = false
      if (MANAGED.has(status[i])) {
        manager = practitioners[cursor]
        firstOfCaseload = inCaseload === 0
        if (++inCaseload >= manager.target && cursor < practitioners.length - 1) {
          cursor++
          inCaseload = 0
        }
      }
      person(batch, o, i, st, manager, firstOfCaseload, practitioners[cursor], shared)
    }
    await batch.flush(sink)
    if ((start / chunk) % 20 === 19) o.log(`  … ${(start + chunk).toLocaleString('en-GB')} people`)
  }
}

async function load(sink: Sink, o: LoadOptions): Promise<Record<string, number>> {
  const n = Math.round(1_000_000 * o.scale)
  const asOfDay = Math.floor(Date.parse(`${o.asOf}T00:00:00Z`) / DAY)

  // Ids: each table continues from its identity sequence; the sequences are moved past what was used at the end.
  const next: Record<string, number> = {}
  for (const table of ORDER) next[table] = await nextIdOf(sink, table)
  const batch = new Batch(next)

  const { status, targets } = plan(o.seed, n)
  const org = seedOrganisation(batch, o, targets)
  await batch.flush(sink)

  // Phonetic keys of every surname, from the database's own dmetaphone (what search compares with).
  const keys = await surnameKeys(sink, [...new Set(SURNAMES.map(s => normaliseName(s)))])

  // Bulk load (PostgreSQL): secondary indexes of the big tables are dropped inside the transaction and rebuilt once
  // at the end (8× faster than maintaining them row by row: GIN trigram indexes especially). The tables are locked
  // until the seed commits; constraint indexes (primary keys, unique) stay.
  const rebuild = sink.bulk ? await dropSecondaryIndexes(sink, BIG_TABLES) : []
  if (!sink.foreignKeysChecked) o.log('  (foreign keys not re-checked row by row: session_replication_role = replica)')

  const { providerId, courtIds, pduRegion } = org
  await seedPeople(sink, batch, o, status, { providerId, courtIds, pduRegion, keys, asOfDay, prefix: o.prefix }, org)

  o.log(
    `  write time by table: ${Object.entries(batch.ms)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  )
  if (rebuild.length) o.log(`  rebuilding ${rebuild.length} indexes`)
  await createIndexes(sink, rebuild)
  for (const table of ORDER) await moveSequence(sink, table, batch.lastIds()[table])
  await analyze(sink)
  return batch.counts
}

const BIG_TABLES = [
  'people',
  'person_names',
  'addresses',
  'events',
  'offences',
  'sentences',
  'requirements',
  'contacts',
  'case_managers',
  'allocations',
  'rosh_assessments',
  'registrations',
  'risk_assessment_items',
  'tier_calculations',
]

interface Shared {
  providerId: number
  courtIds: number[]
  pduRegion: number[]
  keys: Map<string, string>
  asOfDay: number
  prefix: string
}

const monthsDays = (months: number) => Math.round(months * 30.44)

/** One person and their record: names, addresses, events, sentences, requirements, contacts, risk and allocation. */
function person(
  b: Batch,
  o: LoadOptions,
  i: number,
  st: Status,
  manager: Practitioner | undefined,
  longRunning: boolean,
  nearest: Practitioner,
  s: Shared,
) {
  const r = rng(hash32(o.seed, i, 2))
  const today = s.asOfDay
  const custodial = st === 'on_licence' || st === 'in_custody'
  const who = personRow(b, r, o, i, st, custodial, manager, nearest, s)
  addressRows(b, r, who.personId, REGIONS[s.pduRegion[(manager ?? nearest).pdu]], today)

  const court = s.courtIds[(manager ?? nearest).pdu]
  const { past, currentStart, lengthMonths } = caseDates(r, st, custodial, longRunning, today)
  pastEvents(b, r, who.personId, past, court, currentStart, today)
  const current = eventRow(
    b,
    r,
    who.personId,
    past + 1,
    st === 'pre_sentence' ? 'pre_sentence' : st === 'ended' ? 'terminated' : 'sentenced',
    court,
    currentStart,
    currentType(r, st, custodial),
    custodial ? lengthMonths : r.int(12, 36),
    st === 'ended',
    today,
    manager,
    longRunning,
  )
  if (manager) allocationRows(b, r, who.personId, manager, current.eventId, currentStart, custodial, s)

  // Risk: RoSH for most people under supervision, registrations for some, assessment items and a tier for all.
  const supervised = manager !== undefined || st === 'awaiting_allocation'
  const overall = roshRow(b, r, who.personId, manager ? 0.85 : st === 'ended' ? 0.2 : 0.3, currentStart, today)
  if (supervised) registrationRows(b, r, who.personId, overall, currentStart, today)
  riskItemsRow(b, r, who, custodial, current.offence, currentStart, today)
  if (supervised) tierRow(b, r, who.personId, currentStart, today)
}

interface PersonMade {
  personId: number
  age: number
  dobDay: number
}

/** The person's own row and their names (an alias for some). */
function personRow(
  b: Batch,
  r: Rng,
  o: LoadOptions,
  i: number,
  st: Status,
  custodial: boolean,
  manager: Practitioner | undefined,
  nearest: Practitioner,
  s: Shared,
): PersonMade {
  const gender = r.weighted([
    ['male', 84],
    ['female', 15],
    ['other', 0.5],
    ['not_known', 0.5],
  ] as const)
  const forename = r.pick(gender === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES)
  const surname = pickSurname(r)
  const middle = r.chance(0.35) ? r.pick(MALE_FORENAMES) : null
  const age = r.weighted([
    [r.int(18, 30), 45],
    [r.int(31, 45), 35],
    [r.int(46, 75), 20],
  ] as const)
  const dobDay = s.asOfDay - Math.round(age * 365.25) - r.int(0, 364)
  const dob = isoDay(dobDay)
  const prefixIndex = CRN_LETTERS.indexOf(s.prefix)
  // The PNC year stands for the seed's letter; serials from 1,000,000 miss the demo's.
  const pnc = r.chance(0.7) ? makePnc(1990 + prefixIndex, 1_000_000 + i) : null
  const nomsNo = Math.floor(i / 10_000)
  const noms = custodial
    ? `${s.prefix}${String(i % 10_000).padStart(4, '0')}${String.fromCharCode(65 + Math.floor(nomsNo / 26))}${String.fromCharCode(65 + (nomsNo % 26))}`
    : null
  const personId = b.add('people', [
    `${s.prefix}${String(i).padStart(6, '0')}`,
    forename,
    middle,
    surname,
    dob,
    gender,
    pnc,
    noms,
    r.chance(0.7) ? `07700 9${String(hash32(o.seed, i, 9) % 100000).padStart(5, '0')}` : null,
    st === 'pre_sentence' ? null : s.providerId,
    st === 'awaiting_allocation' ? nearest.teamId : (manager?.teamId ?? null),
    manager?.staffId ?? null,
    st,
  ])
  const nameRow = (kind: string, f: string, sn: string) =>
    b.add('person_names', [
      personId,
      kind,
      f,
      sn,
      dob,
      normaliseName(`${f} ${sn}`),
      s.keys.get(normaliseName(sn)) ?? '',
    ])
  nameRow('name', forename, surname)
  if (r.chance(0.08))
    nameRow(
      'alias',
      r.chance(0.5) ? forename : r.pick(gender === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES),
      r.chance(0.5) ? surname : pickSurname(r),
    )
  return { personId, age, dobDay }
}

/** The main address, and a previous one for some. */
function addressRows(b: Batch, r: Rng, personId: number, region: (typeof REGIONS)[number], today: number) {
  const town = r.pick(region.towns)
  const moved = today - r.int(30, 2000)
  b.add('addresses', [
    personId,
    'main',
    String(r.int(1, 240)),
    r.pick(STREETS),
    town,
    `${region.postcode}${r.int(1, 30)} ${r.int(1, 9)}${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`,
    isoDay(moved),
    null,
  ])
  if (r.chance(0.3))
    b.add('addresses', [
      personId,
      'previous',
      `Flat ${r.int(1, 40)}`,
      r.pick(STREETS),
      r.pick(region.towns),
      `${region.postcode}${r.int(1, 30)} ${r.int(1, 9)}AB`,
      isoDay(moved - r.int(200, 3000)),
      isoDay(moved),
    ])
}

/** How many earlier events, and when the current one started (and a custodial sentence's length). */
function caseDates(r: Rng, st: Status, custodial: boolean, longRunning: boolean, today: number) {
  const past =
    st === 'ended'
      ? r.weighted([
          [0, 62],
          [1, 30],
          [2, 8],
        ] as const)
      : st === 'pre_sentence'
        ? r.weighted([
            [0, 60],
            [1, 30],
            [2, 10],
          ] as const)
        : r.weighted([
            [0, 50],
            [1, 30],
            [2, 15],
            [3, 5],
          ] as const)
  let currentStart: number
  let lengthMonths = 0
  if (st === 'allocated' || st === 'awaiting_allocation') {
    const months = longRunning ? r.int(60, 96) : st === 'awaiting_allocation' ? 0 : r.int(0, 30)
    currentStart =
      today - monthsDays(months) - r.int(st === 'awaiting_allocation' ? 1 : 0, st === 'awaiting_allocation' ? 12 : 29)
  } else if (custodial) {
    lengthMonths = longRunning
      ? r.int(96, 180)
      : r.weighted([
          [r.int(6, 24), 50],
          [r.int(25, 60), 35],
          [r.int(61, 144), 15],
        ] as const)
    const elapsed =
      st === 'on_licence'
        ? r.int(Math.ceil(lengthMonths * 0.55), Math.max(Math.ceil(lengthMonths * 0.55), lengthMonths - 1))
        : r.int(1, Math.max(1, Math.floor(lengthMonths * 0.45)))
    currentStart = today - monthsDays(elapsed) - r.int(0, 29)
  } else if (st === 'pre_sentence') {
    currentStart = today - r.int(1, 60)
  } else {
    currentStart = today - r.int(60, 3000)
  }
  return { past, currentStart, lengthMonths }
}

/** Earlier events, all finished, numbered 1 to `past`, going back in time from before the current one. */
function pastEvents(
  b: Batch,
  r: Rng,
  personId: number,
  past: number,
  court: number,
  currentStart: number,
  today: number,
) {
  let cursorDay = currentStart - r.int(200, 900)
  for (let k = 0; k < past; k++) {
    const sentenceDay = cursorDay - r.int(0, 400)
    cursorDay = sentenceDay - r.int(300, 1200)
    const type = r.weighted([
      ['community_order', 50],
      ['suspended_sentence_order', 20],
      ['custodial', 30],
    ] as const)
    eventRow(b, r, personId, k + 1, 'terminated', court, sentenceDay, type, r.int(6, 36), true, today, undefined, false)
  }
}

function currentType(r: Rng, st: Status, custodial: boolean) {
  if (st === 'allocated' || st === 'awaiting_allocation')
    return r.weighted([
      ['community_order', 70],
      ['suspended_sentence_order', 30],
    ] as const)
  if (custodial) return 'custodial'
  if (st === 'ended')
    return r.weighted([
      ['community_order', 50],
      ['suspended_sentence_order', 20],
      ['custodial', 30],
    ] as const)
  return null
}

function allocationRows(
  b: Batch,
  r: Rng,
  personId: number,
  manager: Practitioner,
  eventId: number,
  currentStart: number,
  custodial: boolean,
  s: Shared,
) {
  const allocatedDay = currentStart + r.int(1, 5)
  const cm = b.add('case_managers', [
    personId,
    s.providerId,
    manager.teamId,
    manager.staffId,
    new Date(allocatedDay * DAY + 10 * 3_600_000),
    'Allocated (synthetic)',
  ])
  b.add('allocations', [
    personId,
    eventId,
    'initial',
    s.providerId,
    manager.teamId,
    manager.staffId,
    cm,
    'public',
    { outcome: 'public', reasons: [], synthetic: true },
    isoDay(currentStart),
    custodial ? 'licence' : 'order',
    isoDay(allocatedDay + 5),
    new Date(allocatedDay * DAY + 10 * 3_600_000),
  ])
}

/** A RoSH assessment, by chance; returns its overall level (null when there is none). */
function roshRow(b: Batch, r: Rng, personId: number, chance: number, currentStart: number, today: number) {
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

function registrationRows(
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
function riskItemsRow(
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

function tierRow(b: Batch, r: Rng, personId: number, currentStart: number, today: number) {
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

function sentenceRow(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  type: 'community_order' | 'suspended_sentence_order' | 'custodial',
  day: number,
  lengthMonths: number,
  end: number,
  terminated: string | null,
): number {
  const sso = type === 'suspended_sentence_order'
  return b.add('sentences', [
    personId,
    eventId,
    type,
    isoDay(day),
    lengthMonths,
    'months',
    isoDay(day),
    isoDay(end),
    type === 'custodial' ? (r.chance(0.9) ? 'SDS' : 'SDS_PLUS') : null,
    type === 'custodial' && r.chance(0.4) ? r.int(1, 120) : 0,
    sso ? r.int(12, 24) : null,
    sso ? 'months' : null,
    sso ? 12 : null,
    sso ? 'months' : null,
    terminated,
    terminated ? (r.chance(0.9) ? 'Completed' : 'Revoked') : null,
  ])
}

/** One to three requirements of a community sentence; says whether RAR and unpaid work are among them. */
function requirementRows(
  b: Batch,
  r: Rng,
  personId: number,
  sentenceId: number,
  day: number,
  end: number,
  terminated: string | null,
): { rar: boolean; upw: boolean } {
  let rar = false
  let upw = false
  const count = r.weighted([
    [1, 50],
    [2, 35],
    [3, 15],
  ] as const)
  const chosen = new Set<string>()
  for (let k = 0; k < count; k++) chosen.add(r.weighted(REQUIREMENTS))
  for (const category of chosen) {
    const [length, unit] =
      category === 'unpaid_work'
        ? [r.int(4, 30) * 10, 'hours']
        : category === 'rehabilitation_activity'
          ? [r.int(10, 40), 'days']
          : category === 'programme'
            ? [r.int(20, 30), 'days']
            : [r.int(3, 12), 'months']
    rar ||= category === 'rehabilitation_activity'
    upw ||= category === 'unpaid_work'
    b.add('requirements', [
      personId,
      sentenceId,
      category,
      length,
      unit,
      isoDay(day),
      isoDay(Math.min(end, day + monthsDays(12))),
      terminated,
      terminated ? 'Completed' : null,
    ])
  }
  return { rar, upw }
}

/** An event with its main offence, its sentence (if sentenced), requirements and contacts. */
function eventRow(
  b: Batch,
  r: Rng,
  personId: number,
  eventNumber: number,
  status: 'pre_sentence' | 'sentenced' | 'terminated',
  court: number,
  day: number,
  type: 'community_order' | 'suspended_sentence_order' | 'custodial' | null,
  lengthMonths: number,
  finished: boolean,
  today: number,
  manager: Practitioner | undefined,
  longRunning: boolean,
): { eventId: number; offence: string } {
  const conviction = day - (type ? r.int(0, 42) : 0)
  const eventId = b.add('events', [personId, eventNumber, status, court, isoDay(conviction), isoDay(conviction)])
  const offence = r.pick(OFFENCES)
  b.add('offences', [personId, eventId, offence, isoDay(conviction - r.int(20, 300)), true])
  if (!type) {
    contactsOf(
      b,
      r,
      personId,
      eventId,
      undefined,
      day - 30,
      Math.min(today, day + 30),
      r.int(1, 3),
      today,
      false,
      false,
    )
    return { eventId, offence }
  }
  const end = day + monthsDays(lengthMonths)
  const terminated = finished ? isoDay(Math.min(today - 1, end)) : null
  const sentenceId = sentenceRow(b, r, personId, eventId, type, day, lengthMonths, end, terminated)
  const { rar, upw } =
    type === 'custodial'
      ? { rar: false, upw: false }
      : requirementRows(b, r, personId, sentenceId, day, end, terminated)
  if (finished) {
    contactsOf(b, r, personId, eventId, undefined, day, Math.min(today - 1, end), r.int(0, 12), today, rar, upw)
  } else if (manager) {
    // Supervision: weekly for twelve weeks then fortnightly (weekly throughout for long-running cases), from the
    // start (or release, on licence) to four weeks ahead; other contacts in between.
    const from = type === 'custodial' ? day + Math.floor((end - day) / 2) : day
    const inCustody = type === 'custodial' && from > today
    appointments(
      b,
      r,
      personId,
      eventId,
      manager,
      inCustody ? day : from,
      today + 28,
      inCustody ? 56 : 0,
      longRunning,
      today,
      rar,
      upw,
    )
  }
  return { eventId, offence }
}

const WORKDAY_TIMES = [
  9 * 60,
  9 * 60 + 30,
  10 * 60,
  10 * 60 + 30,
  11 * 60,
  11 * 60 + 30,
  13 * 60 + 30,
  14 * 60,
  14 * 60 + 30,
  15 * 60,
  15 * 60 + 30,
  16 * 60,
]

function appointments(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  m: Practitioner,
  from: number,
  until: number,
  fixedGap: number,
  longRunning: boolean,
  today: number,
  rar: boolean,
  upw: boolean,
) {
  let day = from + r.int(2, 6)
  let k = 0
  while (day <= until) {
    const weekday = (day + 4) % 7 // 0 = Sunday (1970-01-01 was a Thursday)
    if (weekday === 0) day += 1
    else if (weekday === 6) day += 2
    const minutes = r.pick(WORKDAY_TIMES)
    const startsMs = day * DAY + minutes * 60_000
    let type = k === 0 ? 'IND' : r.weighted(APPOINTMENT_TYPES)
    if ((type === 'RAR' && !rar) || (type === 'UPW' && !upw)) type = 'OFFICE'
    const happened = day < today
    let outcome: OutcomeCode | null = null
    if (happened && !(day >= today - 14 && r.chance(0.4))) outcome = r.weighted(OUTCOME_MIX)
    const meaning = outcome ? OUTCOMES[outcome] : null
    b.add('contacts', [
      personId,
      eventId,
      type,
      true,
      new Date(startsMs),
      new Date(startsMs + (type === 'UPW' ? 7 * 3_600_000 : 3_600_000)),
      m.staffId,
      m.teamId,
      type === 'HOME_PLANNED' ? 'Home' : 'Probation office',
      true,
      false,
      type === 'RAR',
      r.chance(0.3) ? r.pick(NOTES) : null,
      outcome,
      meaning?.attended ?? null,
      meaning?.compliedOrAcceptable ?? null,
      outcome ? new Date(startsMs + 2 * 3_600_000) : null,
    ])
    // Other contacts between appointments.
    const gap = fixedGap || (longRunning || k < 12 ? 7 : 14)
    otherContacts(b, r, personId, eventId, m, startsMs, gap, today)
    day += gap
    k++
  }
}

/** Contacts that are not appointments (calls, notes, letters) between one appointment and the next. */
function otherContacts(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  m: Practitioner,
  startsMs: number,
  gap: number,
  today: number,
) {
  const others = r.weighted([
    [0, 35],
    [1, 40],
    [2, 20],
    [3, 5],
  ] as const)
  for (let j = 0; j < others; j++) {
    const at = startsMs + r.int(1, gap * 24 - 1) * 3_600_000
    if (at >= today * DAY) break
    const [t, , system] = r.weighted(OTHER_TYPES.map(x => [x, x[1]] as const))
    b.add('contacts', [
      personId,
      eventId,
      t,
      false,
      new Date(at),
      null,
      m.staffId,
      m.teamId,
      null,
      false,
      system,
      false,
      t === 'CASE_NOTE' || r.chance(0.3) ? r.pick(NOTES) : null,
      null,
      null,
      null,
      null,
    ])
  }
}

/** A few contacts for a finished event or a case awaiting sentence (no practitioner attached). */
function contactsOf(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  _m: undefined,
  from: number,
  until: number,
  count: number,
  _today: number,
  rar: boolean,
  upw: boolean,
) {
  if (until <= from) return
  for (let k = 0; k < count; k++) {
    const day = r.int(from, until)
    const appointment = r.chance(0.6)
    let type = appointment ? r.weighted(APPOINTMENT_TYPES) : r.weighted(OTHER_TYPES.map(x => [x[0], x[1]] as const))
    if ((type === 'RAR' && !rar) || (type === 'UPW' && !upw)) type = 'OFFICE'
    const outcome = appointment ? r.weighted(OUTCOME_MIX) : null
    const meaning = outcome ? OUTCOMES[outcome] : null
    const at = new Date(day * DAY + r.pick(WORKDAY_TIMES) * 60_000)
    b.add('contacts', [
      personId,
      eventId,
      type,
      appointment,
      at,
      appointment ? new Date(at.getTime() + 3_600_000) : null,
      null,
      null,
      null,
      appointment,
      false,
      type === 'RAR',
      r.chance(0.3) ? r.pick(NOTES) : null,
      outcome,
      meaning?.attended ?? null,
      meaning?.compliedOrAcceptable ?? null,
      outcome ? at : null,
    ])
  }
}

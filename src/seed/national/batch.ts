import type { Sink } from './sink.ts'

/** The tables the national seed writes, their columns in row order, and the batch that collects rows for them. */

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
export type Table = keyof typeof COLUMNS
/** Load order: parents before children (foreign keys are checked row by row). */
export const ORDER = Object.keys(COLUMNS) as Table[]

/** Rows waiting to be written, per table, and the next id of each table. */
export class Batch {
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

export const BIG_TABLES = [
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

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * Table interfaces for Kysely. Column types say exactly what the drivers return (see `connect.ts`):
 * `date` columns are ISO strings (`IsoDate`), `timestamptz` are `Date` instants, `bigint` ids are numbers.
 * `db/schema.test.ts` compares these with the migrated schema.
 */

/** A calendar date as stored: `YYYY-MM-DD`. Convert to `LocalDate` in services with `toLocalDate`. */
export type IsoDate = string
type Id = Generated<number>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Instant = ColumnType<Date, Date | string, Date | string>
type Json = ColumnType<unknown, string, string>

export interface ProvidersTable {
  id: Id
  code: string
  name: string
  kind: 'public' | 'contracted' | 'mutual' | 'charity'
  active: Generated<boolean>
  created_at: CreatedAt
}
export interface RegionsTable {
  id: Id
  provider_id: number
  code: string
  name: string
  active: Generated<boolean>
}
export interface DeliveryUnitsTable {
  id: Id
  region_id: number
  code: string
  name: string
  active: Generated<boolean>
}
export interface TeamsTable {
  id: Id
  delivery_unit_id: number
  code: string
  name: string
  active: Generated<boolean>
  /** The letterhead and contact block of the team's letters (migration 2026_12_05_0700_team_letterhead). */
  office_name: string | null
  /** One line of the letter per line. */
  office_address: string | null
  office_phone: string | null
  office_email: string | null
}
export interface StaffTable {
  id: Id
  code: string
  forename: string
  surname: string
  grade: string
  provider_id: number
  team_id: number | null
  email: string | null
  active: Generated<boolean>
  created_at: CreatedAt
}
export interface UsersTable {
  id: Id
  username: string
  display_name: string
  staff_id: number | null
  password_hash: string
  roles: string[]
  active: Generated<boolean>
  failed_attempts: Generated<number>
  locked_until: Instant | null
  sessions_valid_after: ColumnType<Date, Date | string | undefined, Date | string>
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>
  last_sign_in_at: Instant | null
  created_at: CreatedAt
  version: Generated<number>
  /** A partner organisation's user (role 'partner', issue 18): the organisation whose referrals they see. */
  partner_organisation_id: number | null
}
export interface SessionsTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: CreatedAt
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  ip: string | null
  user_agent: string | null
  ended_at: Instant | null
}
export interface SignInAttemptsTable {
  id: Id
  username: string
  ip: string | null
  at: CreatedAt
  succeeded: boolean
}
export interface ApiTokensTable {
  id: Id
  name: string
  token_hash: string
  token_prefix: string
  user_id: number
  created_by: number
  created_at: CreatedAt
  last_used_at: Instant | null
  revoked_at: Instant | null
  expires_at: ColumnType<Date, Date | string | undefined, Date | string>
  rotated_at: Instant | null
  /** 'case' (the offender record's API) and/or 'victims' (the victim liaison API); 2026_12_07_0210. */
  scopes: ColumnType<ApiTokenScope[], ApiTokenScope[] | undefined, ApiTokenScope[]>
}
/** What an API token reaches: the case record, victim data (issue 15), or a partner's referrals (issue 18). */
export type ApiTokenScope = 'case' | 'victims' | 'partner'
/** Failed sign-ins per account name (lower case, existing or not) and source address; see the sign-in feature. */
export interface SignInThrottlesTable {
  username: string
  source: string
  failures: Generated<number>
  blocked_until: Instant | null
  last_failure_at: Instant
}
export interface PeopleTable {
  id: Id
  crn: string
  forename: string
  middle_names: string | null
  surname: string
  preferred_name: string | null
  date_of_birth: IsoDate
  gender: 'male' | 'female' | 'other' | 'not_known'
  pnc: string | null
  cro: string | null
  noms: string | null
  phone: string | null
  mobile: string | null
  email: string | null
  ethnicity: string | null
  religion: string | null
  sexual_orientation: string | null
  nationality: string | null
  first_language: string | null
  interpreter_required: Generated<boolean>
  managing_provider_id: number | null
  managing_team_id: number | null
  managing_staff_id: number | null
  exclusion_message: string | null
  restriction_message: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  version: Generated<number>
  deleted_at: Instant | null
  deleted_reason: string | null
}
export interface PersonNamesTable {
  id: Id
  person_id: number
  kind: 'name' | 'alias'
  forename: string
  surname: string
  date_of_birth: IsoDate | null
  search_name: string
  surname_key: string
  created_at: CreatedAt
  ended_at: Instant | null
}
export interface AddressesTable {
  id: Id
  person_id: number
  status: 'main' | 'previous' | 'bail' | 'secondary' | 'no_fixed_abode'
  address_type: string | null
  building: string | null
  street: string | null
  district: string | null
  town: string | null
  county: string | null
  postcode: string | null
  telephone: string | null
  start_date: IsoDate
  end_date: IsoDate | null
  notes: string | null
  created_by: number | null
  created_at: CreatedAt
  superseded_by: number | null
  version: Generated<number>
}
export interface PersonalCircumstancesTable {
  id: Id
  person_id: number
  circumstance_type: string
  sub_type: string | null
  start_date: IsoDate
  end_date: IsoDate | null
  notes: string | null
  created_by: number | null
  created_at: CreatedAt
}
export interface DisabilitiesTable {
  id: Id
  person_id: number
  disability_type: string
  adjustments: string | null
  start_date: IsoDate
  end_date: IsoDate | null
  notes: string | null
  created_by: number | null
  created_at: CreatedAt
}
export interface CaseManagersTable {
  id: Id
  person_id: number
  provider_id: number
  team_id: number | null
  staff_id: number | null
  started_at: ColumnType<Date, Date | string | undefined, Date | string>
  ended_at: Instant | null
  reason: string | null
  created_by: number | null
}
export interface AccessLimitationsTable {
  id: Id
  person_id: number
  kind: 'exclusion' | 'restriction'
  user_id: number
  reason: string | null
  created_by: number | null
  created_at: CreatedAt
  removed_at: Instant | null
}
export interface AuditEventsTable {
  id: Id
  at: CreatedAt
  user_id: number | null
  username: string | null
  action: string
  person_id: number | null
  subject: string | null
  request_id: string | null
  ip: string | null
  detail: Json | null
  /** Who a list view showed (caseload, my day, team, allocation queue, search results): issue 12, finding 14. */
  shown_person_ids: number[] | null
  /** The row's place in the hash chain and its hash, both set by the sealer (`seal_audit_events`), never by the app. */
  chain_seq: ColumnType<number | null, never, never>
  hash: ColumnType<Buffer | null, never, never>
}
export interface OutboxEventsTable {
  id: Id
  at: CreatedAt
  event_type: string
  person_id: number | null
  payload: Json
  published_at: Instant | null
}

export interface Database {
  providers: ProvidersTable
  regions: RegionsTable
  delivery_units: DeliveryUnitsTable
  teams: TeamsTable
  staff: StaffTable
  users: UsersTable
  sessions: SessionsTable
  sign_in_attempts: SignInAttemptsTable
  sign_in_throttles: SignInThrottlesTable
  api_tokens: ApiTokensTable
  people: PeopleTable
  person_names: PersonNamesTable
  addresses: AddressesTable
  personal_circumstances: PersonalCircumstancesTable
  disabilities: DisabilitiesTable
  case_managers: CaseManagersTable
  access_limitations: AccessLimitationsTable
  audit_events: AuditEventsTable
  outbox_events: OutboxEventsTable
}

export type PersonRow = Selectable<PeopleTable>
export type NewPerson = Insertable<PeopleTable>
export type PersonUpdate = Updateable<PeopleTable>
export type UserRow = Selectable<UsersTable>
export type AddressRow = Selectable<AddressesTable>

// ── Risk (migration 2026_11_22_0100_risk; feature src/features/risk) ─────────────────────────────────────────
// Declared as a second part of `Database` (interface merging) so other features can append their tables too.

export type RoshLevelColumn = 'low' | 'medium' | 'high' | 'very_high'
export interface RoshAssessmentsTable {
  id: Id
  person_id: number
  assessment_date: IsoDate
  public_level: RoshLevelColumn
  known_adult_level: RoshLevelColumn
  children_level: RoshLevelColumn
  staff_level: RoshLevelColumn
  prisoners_level: RoshLevelColumn | null
  overall_level: RoshLevelColumn
  who_is_at_risk: string | null
  nature_of_harm: string | null
  when_most_likely: string | null
  assessed_by: number | null
  created_at: CreatedAt
}
export interface RegistrationsTable {
  id: Id
  person_id: number
  type_code: string
  mappa_category: number | null
  mappa_level: number | null
  registered_date: IsoDate
  next_review_date: IsoDate | null
  notes: string | null
  registered_by: number | null
  created_at: CreatedAt
  deregistered_date: IsoDate | null
  deregistration_reason: string | null
  deregistered_by: number | null
  deregistered_at: Instant | null
  version: Generated<number>
}
export interface RiskAssessmentItemsTable {
  id: Id
  person_id: number
  version: number
  assessment_date: IsoDate
  items: Json
  recorded_by: number | null
  created_at: CreatedAt
}
export interface RiskScoresTable {
  id: Id
  person_id: number
  algorithm: string
  algorithm_version: string
  calculated_on: IsoDate
  calculated_at: CreatedAt
  score: number | null
  band: string | null
  /** Which model of a v4 predictor (ARP/VRP/SVRP/CSRP) scored it; null for the predictors that have one model. */
  score_type: 'STATIC' | 'DYNAMIC' | null
  inputs: Json
  output: Json
  created_by: number | null
}
export interface TierCalculationsTable {
  id: Id
  person_id: number
  algorithm: string
  algorithm_version: string
  calculated_on: IsoDate
  calculated_at: CreatedAt
  tier: string
  inputs: Json
  output: Json
  created_by: number | null
  /** Generated from `output.provisional` (migration 2026_12_03_0100). */
  provisional: Generated<boolean>
}
export interface Database {
  rosh_assessments: RoshAssessmentsTable
  registrations: RegistrationsTable
  risk_assessment_items: RiskAssessmentItemsTable
  risk_scores: RiskScoresTable
  tier_calculations: TierCalculationsTable
}

// ---- Case core (migration 2026_11_22_0200_case_core): courts, events, offences, sentences, requirements,
// case status, contacts.

export type CaseStatus =
  'pre_sentence' | 'awaiting_allocation' | 'allocated' | 'in_custody' | 'on_licence' | 'recalled' | 'on_pss' | 'ended'
export interface PeopleTable {
  case_status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>
}
// Migration 2026_12_12_0100_allocation_delivery_unit: the PDU whose allocation queue the case is in (null: none),
// kept by triggers.
export interface PeopleTable {
  allocation_delivery_unit_id: ColumnType<number | null, never, never>
}
export interface CourtsTable {
  id: Id
  code: string
  name: string
  delivery_unit_id: number | null
  active: Generated<boolean>
}
export interface EventsTable {
  id: Id
  person_id: number
  event_number: number
  status: ColumnType<
    'pre_sentence' | 'sentenced' | 'terminated',
    'pre_sentence' | 'sentenced' | 'terminated' | undefined,
    'pre_sentence' | 'sentenced' | 'terminated'
  >
  court_id: number | null
  conviction_date: IsoDate | null
  referral_date: IsoDate | null
  notes: string | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface OffencesTable {
  id: Id
  person_id: number
  event_id: number
  offence_code: string
  description: string | null
  offence_date: IsoDate | null
  is_main: Generated<boolean>
  offence_count: Generated<number>
  created_at: CreatedAt
}
export type SentenceType = 'community_order' | 'suspended_sentence_order' | 'custodial'
export interface SentencesTable {
  id: Id
  person_id: number
  event_id: number
  sentence_type: SentenceType
  sentence_date: IsoDate
  length_value: number | null
  length_unit: 'days' | 'weeks' | 'months' | 'years' | null
  start_date: IsoDate | null
  expected_end_date: IsoDate | null
  custodial_booking: Json | null
  key_dates: Json | null
  key_dates_explanation: Json | null
  key_dates_calculated_at: Instant | null
  terminated_date: IsoDate | null
  termination_reason: string | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface RequirementsTable {
  id: Id
  person_id: number
  sentence_id: number
  category: string
  sub_category: string | null
  length: number | null
  unit: 'hours' | 'days' | 'months' | 'none' | null
  start_date: IsoDate | null
  expected_end_date: IsoDate | null
  terminated_date: IsoDate | null
  termination_reason: string | null
  notes: string | null
  created_at: CreatedAt
}
export interface CaseStatusHistoryTable {
  id: Id
  person_id: number
  status: CaseStatus
  event_id: number | null
  reason: string | null
  changed_by: number | null
  changed_at: CreatedAt
}
export interface ContactsTable {
  id: Id
  person_id: number
  event_id: number | null
  requirement_id: number | null
  contact_type: string
  is_appointment: Generated<boolean>
  starts_at: Instant
  ends_at: Instant | null
  staff_id: number | null
  team_id: number | null
  location: string | null
  national_standard: Generated<boolean>
  sensitive: Generated<boolean>
  system_generated: Generated<boolean>
  rar_activity: Generated<boolean>
  series_id: number | null
  notes: string | null
  outcome: string | null
  attended: boolean | null
  complied: boolean | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
  deleted_at: Instant | null
  deleted_reason: string | null
}
export interface Database {
  courts: CourtsTable
  events: EventsTable
  offences: OffencesTable
  sentences: SentencesTable
  requirements: RequirementsTable
  case_status_history: CaseStatusHistoryTable
  contacts: ContactsTable
}

// ---- Allocation (migration 2026_11_22_0230_allocation; feature src/features/allocation).

export interface StaffTable {
  /** Contracted hours; null means full time. Workload capacity = hours × points per hour for the grade. */
  contracted_hours: ColumnType<number | null, number | null | undefined, number | null>
}
export interface AllocationsTable {
  id: Id
  person_id: number
  event_id: number | null
  kind: 'initial' | 'reallocation' | 'transfer'
  provider_id: number
  team_id: number
  staff_id: number
  case_manager_id: number
  previous_case_manager_id: number | null
  decision_outcome: 'public' | 'contracted'
  decision: Json
  notes: string | null
  notes_sensitive: Generated<boolean>
  sentence_date: IsoDate | null
  allocation_due_date: IsoDate | null
  induction_kind: 'order' | 'licence' | null
  induction_due_date: IsoDate | null
  induction_proposed_date: IsoDate | null
  allocated_by: number | null
  allocated_at: CreatedAt
}
export interface AllocationRiskResolutionsTable {
  id: Id
  person_id: number
  conflict_key: string
  sources: Json
  chosen_source: 'assessment' | 'registration' | 'court_report'
  rosh_level: RoshLevelColumn
  reason: string
  resolved_by: number | null
  resolved_at: CreatedAt
}
export interface Database {
  allocations: AllocationsTable
  allocation_risk_resolutions: AllocationRiskResolutionsTable
}

// ---- Supervision (migration 2026_11_22_0240_supervision; feature src/features/supervision): outcome history,
// reschedules, stored documents, breaches and recalls, enforcement actions.

export interface ContactsTable {
  absence_reason: string | null
  outcome_recorded_at: Instant | null
  outcome_recorded_by: number | null
}
export interface ContactOutcomesTable {
  id: Id
  person_id: number
  contact_id: number
  outcome: string
  attended: boolean | null
  complied: boolean | null
  absence_reason: string | null
  notes: string | null
  replaces_id: number | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface AppointmentReschedulesTable {
  id: Id
  person_id: number
  original_contact_id: number
  new_contact_id: number
  requested_by: 'person' | 'service'
  reason: string
  created_by: number | null
  created_at: CreatedAt
}
export interface DocumentsTable {
  id: Id
  person_id: number
  contact_id: number | null
  kind: string
  title: string
  filename: string
  content_type: Generated<string>
  bytes: ColumnType<Uint8Array, Uint8Array, never>
  created_by: number | null
  created_at: CreatedAt
}
export interface BreachesTable {
  id: Id
  person_id: number
  event_id: number | null
  kind: 'breach' | 'recall'
  status: string
  initiated_date: IsoDate
  court_date: IsoDate | null
  decision: string | null
  decision_date: IsoDate | null
  closed_at: Instant | null
  trigger_contact_id: number | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface BreachStatusHistoryTable {
  id: Id
  person_id: number
  breach_id: number
  status: string
  status_date: IsoDate
  notes: string | null
  changed_by: number | null
  changed_at: CreatedAt
}
export interface EnforcementActionsTable {
  id: Id
  person_id: number
  contact_id: number | null
  event_id: number | null
  breach_id: number | null
  document_id: number | null
  action_type: string
  description: string | null
  due_date: IsoDate | null
  status: ColumnType<
    'open' | 'done' | 'cancelled',
    'open' | 'done' | 'cancelled' | undefined,
    'open' | 'done' | 'cancelled'
  >
  done_date: IsoDate | null
  done_by: number | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface Database {
  contact_outcomes: ContactOutcomesTable
  appointment_reschedules: AppointmentReschedulesTable
  documents: DocumentsTable
  breaches: BreachesTable
  breach_status_history: BreachStatusHistoryTable
  enforcement_actions: EnforcementActionsTable
}

// ---- Sentencing (migration 2026_11_22_0220_sentencing; feature src/features/sentencing): custodial inputs, SSO
// periods, termination by whom, and the history of key-date calculations.

export interface SentencesTable {
  custodial_type: 'SDS' | 'SDS_PLUS' | null
  consecutive_to_sentence_id: number | null
  remand_days: Generated<number>
  tagged_bail_days: Generated<number>
  operational_period_value: number | null
  operational_period_unit: 'days' | 'weeks' | 'months' | 'years' | null
  supervision_period_value: number | null
  supervision_period_unit: 'days' | 'weeks' | 'months' | 'years' | null
  supervision_end_date: IsoDate | null
  terminated_by: number | null
  terminated_at: Instant | null
  key_dates_problem: string | null
}
export interface RequirementsTable {
  details: Json | null
  terminated_by: number | null
  terminated_at: Instant | null
  created_by: number | null
}
export interface KeyDateCalculationsTable {
  id: Id
  person_id: number
  sentence_ids: number[]
  booking: Json
  key_dates: Json | null
  explanations: Json | null
  problem: string | null
  trigger: string
  calculated_by: number | null
  calculated_at: CreatedAt
}
export interface Database {
  key_date_calculations: KeyDateCalculationsTable
}

// ---- Court (migration 2026_11_22_0210_court; feature src/features/court): hearings on court lists, pre-sentence
// reports with their saved versions, documents produced for the court.

export type HearingType = 'first_appearance' | 'plea' | 'trial' | 'sentence' | 'adjourned' | 'breach' | 'other'
export type HearingOutcome =
  | 'adjourned_for_report'
  | 'adjourned'
  | 'sentenced'
  | 'remanded_in_custody'
  | 'remanded_on_bail'
  | 'committed_to_crown_court'
  | 'dismissed'
  | 'other'
export interface HearingsTable {
  id: Id
  court_id: number
  hearing_date: IsoDate
  session: 'morning' | 'afternoon'
  hearing_time: string | null
  court_room: string | null
  hearing_type: HearingType
  listed_forename: string
  listed_surname: string
  listed_date_of_birth: IsoDate | null
  listed_pnc: string | null
  listed_address: string | null
  charge: string | null
  offence_code: string | null
  person_id: number | null
  event_id: number | null
  matched_by: number | null
  matched_at: Instant | null
  outcome: HearingOutcome | null
  outcome_date: IsoDate | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export type PsrType = 'oral' | 'short_format' | 'standard'
export type PsrStatus = 'requested' | 'in_progress' | 'completed' | 'cancelled'
export interface PreSentenceReportsTable {
  id: Id
  person_id: number
  hearing_id: number | null
  event_id: number | null
  report_type: PsrType
  requested_date: IsoDate
  adjourned_to: IsoDate | null
  due_date: IsoDate
  due_date_basis: string
  author_staff_id: number | null
  team_id: number | null
  status: ColumnType<PsrStatus, PsrStatus | undefined, PsrStatus>
  completed_at: Instant | null
  cancelled_reason: string | null
  requested_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface PreSentenceReportVersionsTable {
  id: Id
  report_id: number
  person_id: number
  version_number: number
  sections: Json
  saved_by: number | null
  saved_at: CreatedAt
  autosave: Generated<boolean>
}
export interface CourtDocumentsTable {
  id: Id
  person_id: number
  report_id: number | null
  kind: string
  title: string
  filename: string
  content_type: string
  content: ColumnType<Uint8Array, Uint8Array, never>
  created_by: number | null
  created_at: CreatedAt
}
export interface Database {
  hearings: HearingsTable
  pre_sentence_reports: PreSentenceReportsTable
  pre_sentence_report_versions: PreSentenceReportVersionsTable
  court_documents: CourtDocumentsTable
}

// Pre-sentence report conclusions (2026_11_22_0250_report_risk): set when the report is completed.
export type PsrProposedSentence =
  'community_order' | 'suspended_sentence_order' | 'custody' | 'fine' | 'discharge' | 'other'
export interface PreSentenceReportsTable {
  rosh_level: ColumnType<RoshLevelColumn | null, RoshLevelColumn | null | undefined, RoshLevelColumn | null>
  proposed_sentence: ColumnType<
    PsrProposedSentence | null,
    PsrProposedSentence | null | undefined,
    PsrProposedSentence | null
  >
  proposed_provider: ColumnType<
    'public' | 'contracted' | null,
    'public' | 'contracted' | null | undefined,
    'public' | 'contracted' | null
  >
}

// Need-to-know sharing (2026_12_05_0500_sharing; feature src/features/sharing): access asked for, granted or urgent.
export interface AccessGrantsTable {
  id: Id
  person_id: number
  user_id: number
  kind: 'request' | 'urgent'
  reason: string
  status: 'pending' | 'granted' | 'refused' | 'withdrawn'
  requested_at: Instant
  decided_by: number | null
  decided_at: Instant | null
  decision_reason: string | null
  expires_at: Instant | null
  withdrawn_by: number | null
  withdrawn_at: Instant | null
  withdrawal_reason: string | null
  expiry_audited_at: Instant | null
  managing_team_id: number | null
  acknowledged_by: number | null
  acknowledged_at: Instant | null
}
export interface Database {
  access_grants: AccessGrantsTable
}

// Web hardening (2026_12_05_0300_web_hardening; src/web/plugins/idempotency.ts): the API's Idempotency-Key.
export interface IdempotencyKeysTable {
  user_id: number
  key: string
  method: string
  path: string
  request_hash: string
  status: number | null
  response_body: string | null
  response_type: string | null
  created_at: ColumnType<Date, Date | string | undefined, Date | string>
  completed_at: Instant | null
}
export interface Database {
  idempotency_keys: IdempotencyKeysTable
}

// Work kept at a time-out (2026_12_05_0600_pending_submissions; src/web/plugins/pending-submissions.ts): a form
// posted after its session ended, encrypted, until its user signs in again and submits it.
export interface PendingSubmissionsTable {
  id_hash: string
  user_id: number
  path: string
  body: string
  created_at: Instant
  expires_at: Instant
}
export interface Database {
  pending_submissions: PendingSubmissionsTable
}

// A period of custody (2026_12_06_0100_custody_lifecycle; issue 14): the prison, the offender managers and handover,
// and the release that ends it. Moves between prisons are appended to custody_locations.
export interface CustodyRecordsTable {
  id: Id
  person_id: number
  sentence_id: number
  prison_number: string
  reception_date: IsoDate
  prison_offender_manager: string | null
  community_manager_staff_id: number | null
  handover_date: IsoDate | null
  released_on: IsoDate | null
  release_type: string | null
  created_at: Generated<Instant>
  created_by: number | null
}
export interface CustodyLocationsTable {
  id: Id
  custody_record_id: number
  prison_code: string
  prison_name: string
  moved_on: IsoDate
  recorded_at: Generated<Instant>
  recorded_by: number | null
  /** An open prison (category D): a step towards release victims are told of (2026_12_07_0400). */
  open_conditions: Generated<boolean>
}
/** A parole hearing listed, or its decision: appended, the latest row for a hearing date is its state. */
export interface ParoleHearingsTable {
  id: Id
  person_id: number
  custody_record_id: number
  hearing_on: IsoDate
  kind: 'oral' | 'paper'
  decision: 'release' | 'no_release' | 'open_conditions' | null
  decided_on: IsoDate | null
  recorded_at: Generated<Instant>
  recorded_by: number | null
}
export interface Database {
  parole_hearings: ParoleHearingsTable
}
export interface Database {
  custody_records: CustodyRecordsTable
  custody_locations: CustodyLocationsTable
}

// Licences (2026_12_06_0300_licences; src/features/licences): a licence per custodial sentence and every version of
// it (the first licence and each variation), appended and never overwritten.
export interface LicencesTable {
  id: Id
  person_id: number
  sentence_id: number
  created_at: CreatedAt
  created_by: number | null
}
export interface LicenceVersionsTable {
  id: Id
  licence_id: number
  person_id: number
  version_number: number
  kind: 'initial' | 'variation'
  status: 'draft' | 'submitted' | 'approved' | 'returned' | 'replaced'
  conditions: Json
  variation_reason: string | null
  created_at: CreatedAt
  created_by: number | null
  submitted_at: Instant | null
  submitted_by: number | null
  decided_at: Instant | null
  decided_by: number | null
  return_reason: string | null
  period_start: IsoDate | null
  period_end: IsoDate | null
  period_basis: string | null
}
export interface Database {
  licences: LicencesTable
  licence_versions: LicenceVersionsTable
}

// Through the Gate (2026_12_06_0200_resettlement; issue 14 item 2; src/features/resettlement): basic custody screening
// parts 1 and 2, needs by resettlement pathway, the resettlement plan's actions and their closures, and the
// release-day plan, each of a custodial sentence. Append-only: the latest row is current.
export interface ResettlementScreeningsTable {
  id: Id
  person_id: number
  sentence_id: number
  part: 1 | 2
  completed_on: IsoDate
  completed_by: string
  notes: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface ResettlementNeedsTable {
  id: Id
  person_id: number
  sentence_id: number
  pathway: string
  need: boolean
  notes: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface ResettlementActionsTable {
  id: Id
  person_id: number
  sentence_id: number
  pathway: string
  description: string
  owner_staff_id: number | null
  owner_organisation: string | null
  due_date: IsoDate
  created_at: CreatedAt
  created_by: number | null
}
export interface ResettlementActionClosuresTable {
  id: Id
  action_id: number
  person_id: number
  done_on: IsoDate
  notes: string | null
  closed_at: CreatedAt
  closed_by: number | null
}
export interface ReleaseDayPlansTable {
  id: Id
  person_id: number
  sentence_id: number
  first_night_address: string
  met_by: string
  travel: string
  first_appointment_date: IsoDate
  first_appointment_place: string
  medication: string | null
  id_documents: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface Database {
  resettlement_screenings: ResettlementScreeningsTable
  resettlement_needs: ResettlementNeedsTable
  resettlement_actions: ResettlementActionsTable
  resettlement_action_closures: ResettlementActionClosuresTable
  release_day_plans: ReleaseDayPlansTable
}

// Custody record and release (2026_12_06_0110_custody_release; src/features/custody): the history of the offender
// managers and handover date, and every release (the first and each re-release) with its first-appointment clock.
export interface CustodyManagerChangesTable {
  id: Id
  custody_record_id: number
  prison_offender_manager: string | null
  community_manager_staff_id: number | null
  handover_date: IsoDate | null
  changed_at: CreatedAt
  changed_by: number | null
}
export interface CustodyReleasesTable {
  id: Id
  custody_record_id: number
  person_id: number
  released_on: IsoDate
  release_type: string
  first_appointment_due: IsoDate
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface Database {
  custody_manager_changes: CustodyManagerChangesTable
  custody_releases: CustodyReleasesTable
}

// ---- Recall decisions (migration 2026_12_06_0400_recall, issue 14 item 5)
export interface RecallsTable {
  id: Id
  person_id: number
  sentence_id: number
  grounds: string[]
  concern: string
  raised_by: number | null
  raised_on: IsoDate
  consulted_senior: string | null
  consulted_on: IsoDate | null
  consultation_notes: string | null
  rationale: string | null
  alternatives: string | null
  decision: 'standard' | 'fixed_term' | 'emergency' | 'no_recall' | null
  decision_reason: string | null
  extended_sentence: boolean | null
  fixed_term_days: number | null
  decided_by: number | null
  decided_on: IsoDate | null
  part_a_pdf: Uint8Array | null
  /** Part A again once both countersignatures are given, with who signed and when (2026_12_06_0410). */
  part_a_signed_pdf: Uint8Array | null
  part_a_on: IsoDate | null
  no_recall_letter_pdf: Uint8Array | null
  senior_signed_by: number | null
  senior_signed_on: IsoDate | null
  aco_signed_by: number | null
  aco_signed_on: IsoDate | null
  sent_to_ppcs_on: IsoDate | null
  returned_on: IsoDate | null
  re_release_date: IsoDate | null
  closed_on: IsoDate | null
  created_at: Generated<Instant>
}
export interface RecallStepsTable {
  id: Id
  recall_id: number
  person_id: number
  step: string
  step_on: IsoDate
  notes: string | null
  recorded_by: number | null
  recorded_at: Generated<Instant>
}
export interface Database {
  recalls: RecallsTable
  recall_steps: RecallStepsTable
}

// ---- Public protection facts (migration 2026_12_07_0100_public_protection; src/features/public-protection):
// hospital orders, sexual offence notification, a bar from working with children, category 3 decisions.
export type ProtectionOrderKind = 'hospital_order' | 'notification' | 'children_barred' | 'category3_decision'
export interface ProtectionOrdersTable {
  id: Id
  person_id: number
  kind: ProtectionOrderKind
  event_id: number | null
  start_date: IsoDate
  end_date: IsoDate | null
  restricted: Generated<boolean>
  reason: string | null
  recorded_by: number | null
  recorded_at: Generated<Instant>
}
export interface ProtectionOrderEndsTable {
  id: Id
  order_id: number
  person_id: number
  ended_on: IsoDate
  reason: string
  recorded_by: number | null
  recorded_at: Generated<Instant>
}
export interface Database {
  protection_orders: ProtectionOrdersTable
  protection_order_ends: ProtectionOrderEndsTable
}

// ---- MAPPA management (migration 2026_12_07_0300_mappa; src/features/mappa, issue 15 item 5): a senior's level
// decisions, MAPP meetings (minutes are a sensitive MAPPA contact), risk management actions and their completion.
export interface MappaReviewsTable {
  id: Id
  person_id: number
  category: 1 | 2 | 3
  level: 1 | 2 | 3
  reason: string
  reviewed_on: IsoDate
  next_review_date: IsoDate
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface MappMeetingsTable {
  id: Id
  person_id: number
  meeting_date: IsoDate
  level: 1 | 2 | 3 | null
  agencies: string[]
  other_agency: string | null
  minutes_contact_id: number | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface MappaActionsTable {
  id: Id
  person_id: number
  meeting_id: number | null
  description: string
  owner_agency: string | null
  owner_staff_id: number | null
  due_date: IsoDate
  created_by: number | null
  created_at: CreatedAt
}
export interface MappaActionCompletionsTable {
  id: Id
  action_id: number
  person_id: number
  done_on: IsoDate
  notes: string | null
  completed_by: number | null
  completed_at: CreatedAt
}
export interface Database {
  mappa_reviews: MappaReviewsTable
  mapp_meetings: MappMeetingsTable
  mappa_actions: MappaActionsTable
  mappa_action_completions: MappaActionCompletionsTable
}

// ---- Victim Contact Scheme (migration 2026_12_07_0200_victims; src/features/victims only). `person_id` is the
// offender's. Victims are never people: nothing on the offender's side reads these tables except
// victim_shared_notes and the condition requests' wording (through src/features/victims/index.ts).
export interface VictimsTable {
  id: Id
  person_id: number
  event_id: number | null
  forename: string
  surname: string
  date_of_birth: IsoDate | null
  created_at: CreatedAt
  created_by: number | null
}
export interface VictimDetailsTable {
  id: Id
  victim_id: number
  person_id: number
  address_line1: string | null
  address_line2: string | null
  town: string | null
  postcode: string | null
  phone: string | null
  email: string | null
  preferred_method: 'letter' | 'phone' | 'email' | 'visit' | null
  no_contact_wish: Generated<boolean>
  wishes: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimReferralsTable {
  id: Id
  victim_id: number
  person_id: number
  referred_on: IsoDate
  referred_by: string
  source: 'form' | 'api'
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimSchemeDecisionsTable {
  id: Id
  victim_id: number
  person_id: number
  decision: 'opt_in' | 'opt_out'
  decided_on: IsoDate
  notes: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimOfficerAssignmentsTable {
  id: Id
  victim_id: number
  person_id: number
  officer_user_id: number
  assigned_on: IsoDate
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimLettersTable {
  id: Id
  victim_id: number
  person_id: number
  kind: string
  pdf: Uint8Array
  created_at: CreatedAt
  created_by: number | null
}
export interface VictimContactsTable {
  id: Id
  victim_id: number
  person_id: number
  contact_on: IsoDate
  method: 'letter' | 'phone' | 'email' | 'visit' | 'other'
  summary: string
  letter_id: number | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimTasksTable {
  id: Id
  victim_id: number
  person_id: number
  kind: string
  source_event_id: number | null
  facts: Json
  due_on: IsoDate
  created_at: CreatedAt
}
export interface VictimTaskCompletionsTable {
  id: Id
  task_id: number
  person_id: number
  completed_on: IsoDate
  notes: string | null
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimTaskCursorTable {
  id: number
  last_outbox_id: number
}
export type VictimConditionCode = 'no_contact_named_person' | 'exclusion_zone' | 'restriction_of_residency'
export interface VictimConditionRequestsTable {
  id: Id
  victim_id: number
  person_id: number
  condition_code: VictimConditionCode
  wording: string
  requested_on: IsoDate
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimConditionRequestWithdrawalsTable {
  id: Id
  request_id: number
  person_id: number
  withdrawn_on: IsoDate
  recorded_at: CreatedAt
  recorded_by: number | null
}
export interface VictimSharedNotesTable {
  id: Id
  person_id: number
  note: string
  shared_at: Generated<Instant>
  shared_by: number | null
}
export interface Database {
  victims: VictimsTable
  victim_details: VictimDetailsTable
  victim_referrals: VictimReferralsTable
  victim_scheme_decisions: VictimSchemeDecisionsTable
  victim_officer_assignments: VictimOfficerAssignmentsTable
  victim_letters: VictimLettersTable
  victim_contacts: VictimContactsTable
  victim_tasks: VictimTasksTable
  victim_task_completions: VictimTaskCompletionsTable
  victim_task_cursor: VictimTaskCursorTable
  victim_condition_requests: VictimConditionRequestsTable
  victim_condition_request_withdrawals: VictimConditionRequestWithdrawalsTable
  victim_shared_notes: VictimSharedNotesTable
}

// ---- Approved premises (migration 2026_12_08_0100_approved_premises; src/features/approved-premises, issue 16):
// premises in a region, their beds, out-of-service periods (a cancellation is a row of its own), and bookings (the
// current dates; every version appended to ap_booking_events). The database refuses overlapping live bookings of a bed.
export interface ApprovedPremisesTable {
  id: Id
  code: string
  name: string
  region_id: number
  address: string
  postcode: string
  gender: 'male' | 'female'
  step_free_access: Generated<boolean>
  pipe: Generated<boolean>
  enhanced_security: Generated<boolean>
  created_at: CreatedAt
}
export interface ApBedsTable {
  id: Id
  premises_id: number
  room: string
  code: string
  single_room: Generated<boolean>
  wheelchair_accessible: Generated<boolean>
  en_suite: Generated<boolean>
  ground_floor: Generated<boolean>
  created_at: CreatedAt
}
export interface ApOutOfServiceTable {
  id: Id
  bed_id: number
  from_date: IsoDate
  /** Inclusive: the bed is out of service on this night too. */
  to_date: IsoDate
  reason: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApOutOfServiceCancellationsTable {
  id: Id
  out_of_service_id: number
  reason: string
  cancelled_by: number | null
  cancelled_at: CreatedAt
}
export interface ApBookingsTable {
  id: Id
  person_id: number
  bed_id: number
  arrival_date: IsoDate
  /** The night of departure is not occupied. */
  departure_date: IsoDate
  cancelled: Generated<boolean>
  version: Generated<number>
  created_by: number | null
  created_at: CreatedAt
  /** The application the booking was made from (migration 2026_12_08_0200_ap_applications), if any. */
  application_id: ColumnType<number | null, number | null | undefined, number | null>
}
export interface ApBookingEventsTable {
  id: Id
  booking_id: number
  kind: 'made' | 'changed' | 'cancelled'
  bed_id: number
  arrival_date: IsoDate
  departure_date: IsoDate
  reason: string | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface Database {
  approved_premises: ApprovedPremisesTable
  ap_beds: ApBedsTable
  ap_out_of_service: ApOutOfServiceTable
  ap_out_of_service_cancellations: ApOutOfServiceCancellationsTable
  ap_bookings: ApBookingsTable
  ap_booking_events: ApBookingEventsTable
  ap_applications: ApApplicationsTable
  ap_application_events: ApApplicationEventsTable
}

// ---- Approved premises applications (migration 2026_12_08_0200_ap_applications; issue 16 item 2): the manager's
// application with a snapshot of the record when submitted; every decision appended to ap_application_events.
export type ApApplicationStatus =
  'awaiting_assessment' | 'information_requested' | 'accepted' | 'rejected' | 'placed' | 'withdrawn'
export interface ApApplicationsTable {
  id: Id
  person_id: number
  region_id: number
  status: ColumnType<ApApplicationStatus, ApApplicationStatus | undefined, ApApplicationStatus>
  summary: Json
  reasons: string
  exclusion_zones: string | null
  areas_to_avoid: string | null
  preferred_area: string | null
  access_needs: string | null
  health_needs: string | null
  essential_characteristics: ColumnType<string[], string[] | undefined, string[]>
  room_sharing: boolean
  previous_placements: string | null
  move_on_plan: string
  arrival_date: IsoDate
  departure_date: IsoDate
  submitted_by: number | null
  submitted_at: CreatedAt
  version: Generated<number>
}
export interface ApApplicationEventsTable {
  id: Id
  application_id: number
  kind:
    | 'submitted'
    | 'information_requested'
    | 'information_given'
    | 'accepted'
    | 'rejected'
    | 'placed'
    | 'booking_cancelled'
    | 'withdrawn'
  text: string | null
  booking_id: number | null
  recorded_by: number | null
  recorded_at: CreatedAt
}

// ---- Approved premises stays (migration 2026_12_08_0300_ap_stays; issue 16 item 4): arrival or non-arrival,
// keyworker, sign-in and curfew checks, incidents, activities, move-on plan and departure, all appended.
export interface ApprovedPremisesTable {
  /** The premises' default curfew (HH:MM), used when the person's licence has no curfew condition. */
  curfew_start: Generated<string>
  curfew_end: Generated<string>
}
export type ApDepartureReason = 'planned_move_on' | 'recall' | 'breach' | 'absconded' | 'other'
export interface ApArrivalsTable {
  id: Id
  booking_id: number
  person_id: number
  arrival_date: IsoDate
  address_id: number | null
  notes: string | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApNonArrivalsTable {
  id: Id
  booking_id: number
  person_id: number
  expected_date: IsoDate
  reason: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApDeparturesTable {
  id: Id
  booking_id: number
  person_id: number
  departure_date: IsoDate
  reason: ApDepartureReason
  destination: 'address' | 'custody' | 'unknown'
  address: string | null
  postcode: string | null
  notes: string | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApKeyworkersTable {
  id: Id
  booking_id: number
  keyworker_user_id: number
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApStayChecksTable {
  id: Id
  booking_id: number
  person_id: number
  kind: 'sign_in' | 'curfew_check'
  check_date: IsoDate
  /** Europe/London wall-clock time, HH:MM. */
  check_time: string
  present: boolean
  curfew_start: string
  curfew_end: string
  breach: boolean
  breach_reason: string | null
  enforcement_contact_id: number | null
  notes: string | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApIncidentsTable {
  id: Id
  booking_id: number
  person_id: number
  incident_date: IsoDate
  kind: string
  description: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApActivitiesTable {
  id: Id
  booking_id: number
  person_id: number
  activity_date: IsoDate
  kind: string
  note: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ApMoveOnPlansTable {
  id: Id
  booking_id: number
  person_id: number
  plan: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface Database {
  ap_arrivals: ApArrivalsTable
  ap_non_arrivals: ApNonArrivalsTable
  ap_departures: ApDeparturesTable
  ap_keyworkers: ApKeyworkersTable
  ap_stay_checks: ApStayChecksTable
  ap_incidents: ApIncidentsTable
  ap_activities: ApActivitiesTable
  ap_move_on_plans: ApMoveOnPlansTable
}

// Unpaid work and the Community Payback public face (issue 17; migration 2026_12_09_0100).
export type NominationStatus = 'received' | 'being_assessed' | 'accepted' | 'scheduled' | 'completed' | 'not_suitable'
export type UpwAttendanceOutcome = 'worked' | 'sent_home' | 'stood_down' | 'absent_acceptable' | 'absent_unacceptable'
export type UpwRating = 'excellent' | 'good' | 'satisfactory' | 'unsatisfactory' | 'poor'
export interface CpAreasTable {
  id: Id
  provider_id: number
  name: string
  geometry: Json
  uploaded_by: number | null
  uploaded_at: CreatedAt
  superseded_at: Instant | null
}
export interface CpNominationsTable {
  id: Id
  reference: string
  provider_id: number | null
  area_id: number | null
  organisation_name: string
  contact_name: string
  email: string
  phone: string | null
  title: string
  what_needs_doing: string
  community_benefit: string
  address: string | null
  postcode: string | null
  latitude: number | null
  longitude: number | null
  toilets: Generated<boolean>
  hand_washing: Generated<boolean>
  drinking_water: Generated<boolean>
  parking: Generated<boolean>
  accessibility: string | null
  consent_to_contact: boolean
  status: Generated<NominationStatus>
  status_reason: string | null
  acknowledged_at: Instant | null
  acknowledged_by: number | null
  submitted_at: CreatedAt
  version: Generated<number>
}
export interface CpNominationStatusHistoryTable {
  id: Id
  nomination_id: number
  status: NominationStatus
  reason: string | null
  changed_by: number | null
  changed_at: CreatedAt
}
export interface UpwProjectsTable {
  id: Id
  provider_id: number
  team_id: number | null
  name: string
  project_type: string
  placement_kind: Generated<'group' | 'individual'>
  beneficiary_name: string
  beneficiary_contact: string | null
  address: string
  postcode: string | null
  latitude: number | null
  longitude: number | null
  toilets: Generated<boolean>
  hand_washing: Generated<boolean>
  drinking_water: Generated<boolean>
  shelter: Generated<boolean>
  public_contact: Generated<boolean>
  children_present: Generated<boolean>
  vulnerable_adults_present: Generated<boolean>
  risk_notes: string | null
  capacity: number
  start_date: IsoDate
  end_date: IsoDate | null
  travel_time_credited: Generated<boolean>
  public_description: string | null
  nomination_id: number | null
  completed_at: Instant | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface UpwProjectSupervisorsTable {
  id: Id
  project_id: number
  user_id: number
  added_by: number | null
  added_at: CreatedAt
  removed_at: Instant | null
  removed_by: number | null
}
export interface UpwSessionsTable {
  id: Id
  project_id: number
  provider_id: number
  session_date: IsoDate
  /** Europe/London wall-clock time, HH:MM. */
  start_time: string
  end_time: string
  supervisor_user_id: number | null
  capacity: number
  pick_up_point: string | null
  notes: string | null
  stood_down_at: Instant | null
  stood_down_reason: string | null
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export interface UpwAllocationsTable {
  id: Id
  session_id: number
  person_id: number
  requirement_id: number
  contact_id: number | null
  ete: Generated<boolean>
  created_by: number | null
  created_at: CreatedAt
  removed_at: Instant | null
  removed_by: number | null
  removed_reason: string | null
}
export interface UpwAttendancesTable {
  id: Id
  allocation_id: number
  session_id: number
  person_id: number
  requirement_id: number
  outcome: UpwAttendanceOutcome
  time_in: string | null
  time_out: string | null
  minutes_worked: Generated<number>
  travel_minutes: Generated<number>
  penalty_minutes: Generated<number>
  minutes_credited: Generated<number>
  ete: Generated<boolean>
  work_quality: UpwRating | null
  behaviour: UpwRating | null
  hi_vis_worn: boolean | null
  reason: string | null
  notes: string | null
  replaces_id: number | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface CpPhotosTable {
  id: Id
  nomination_id: number | null
  project_id: number | null
  kind: 'nomination' | 'before' | 'during' | 'after'
  content: Buffer
  mime_type: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
  byte_size: number
  caption: string | null
  uploaded_by: number | null
  uploaded_at: CreatedAt
  approved_at: Instant | null
  approved_by: number | null
  rejected_at: Instant | null
  rejected_by: number | null
  rejected_reason: string | null
}
export interface UpwCommitmentsTable {
  id: Id
  person_id: number
  kind: 'work' | 'childcare' | 'religious' | 'health' | 'education' | 'other'
  /** ISO day of the week, 1 = Monday … 7 = Sunday. */
  day_of_week: number
  start_time: string
  end_time: string
  notes: string | null
  created_by: number | null
  created_at: CreatedAt
  ended_at: Instant | null
  ended_by: number | null
}
export interface Database {
  upw_commitments: UpwCommitmentsTable
  cp_areas: CpAreasTable
  cp_nominations: CpNominationsTable
  cp_nomination_status_history: CpNominationStatusHistoryTable
  upw_projects: UpwProjectsTable
  upw_project_supervisors: UpwProjectSupervisorsTable
  upw_sessions: UpwSessionsTable
  upw_allocations: UpwAllocationsTable
  upw_attendances: UpwAttendancesTable
  cp_photos: CpPhotosTable
}

// Partner services and the supply chain (issue 18).
export type PartnerTier = 'prime' | 'tier_2' | 'tier_3'
export type PartnerLegalForm = 'company' | 'charity' | 'mutual' | 'public_body' | 'other'
export type PartnerPathway =
  | 'accommodation'
  | 'ete'
  | 'finance_benefit_debt'
  | 'dependency_recovery'
  | 'womens_services'
  | 'personal_wellbeing'
  | 'domestic_abuse'
  | 'mentoring'
  | 'family_relationships'
  | 'other'
export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'withdrawn'
export interface PartnerOrganisationsTable {
  id: Id
  code: string
  name: string
  tier: PartnerTier
  legal_form: PartnerLegalForm
  registration_number: string | null
  provider_id: number | null
  prime_id: number | null
  contact_email: string | null
  contact_phone: string | null
  website: string | null
  active: Generated<boolean>
  created_by: number | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  version: Generated<number>
}
export interface PartnerServicesTable {
  id: Id
  organisation_id: number
  name: string
  pathway: PartnerPathway
  description: Generated<string>
  eligible_genders: Generated<string[]>
  eligible_tiers: Generated<string[]>
  max_rosh: RoshLevelColumn | null
  delivers_rar: Generated<boolean>
  capacity: number | null
  waiting_weeks: number | null
  funding_ends_on: IsoDate | null
  accepting: Generated<boolean>
  closed_reason: string | null
  lone_working_guidance: string | null
  active: Generated<boolean>
  created_by: number | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  version: Generated<number>
}
export interface PartnerServiceAreasTable {
  service_id: number
  region_id: number
}
export interface PartnerServiceChangesTable {
  id: Id
  service_id: number
  change: string
  detail: ColumnType<unknown, string | undefined, never>
  changed_by: number | null
  changed_at: CreatedAt
}
export interface ReferralsTable {
  id: Id
  reference: string
  person_id: number
  event_id: number | null
  requirement_id: number | null
  service_id: number
  organisation_id: number
  provider_id: number | null
  status: ReferralStatus
  reason: string
  rar_days: number | null
  completion_deadline: IsoDate
  further_information: string | null
  /** What was shared with the partner, frozen when sent (JSON; insert as a JSON string). */
  shared: ColumnType<unknown, string, never>
  share_address: Generated<boolean>
  sensitive_check_confirmed: Generated<boolean>
  referred_by: number | null
  sent_at: CreatedAt
  caseworker_user_id: number | null
  accepted_at: Instant | null
  declined_reason: string | null
  withdrawn_reason: string | null
  completed_at: Instant | null
  version: Generated<number>
}
export interface ReferralStatusHistoryTable {
  id: Id
  referral_id: number
  status: string
  reason: string | null
  changed_by: number | null
  changed_at: CreatedAt
}
export interface ReferralDesiredOutcomesTable {
  id: Id
  referral_id: number
  position: number
  description: string
}
export interface ReferralActionPlansTable {
  id: Id
  referral_id: number
  version_number: number
  /** JSON array of activity descriptions (insert as a JSON string). */
  activities: ColumnType<unknown, string, never>
  number_of_sessions: number
  submitted_by: number | null
  submitted_at: CreatedAt
  approved_by: number | null
  approved_at: Instant | null
}
export interface ReferralSessionsTable {
  id: Id
  referral_id: number
  session_number: number
  session_date: IsoDate
  /** Europe/London wall-clock time, HH:MM. */
  start_time: string
  end_time: string
  attended: 'yes' | 'late' | 'no'
  notes: string | null
  non_attendance_reason: string | null
  contact_id: number | null
  replaces_id: number | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ReferralEndOfServiceReportsTable {
  id: Id
  referral_id: number
  /** JSON array of { outcomeId, achievement, commentary } (insert as a JSON string). */
  outcomes: ColumnType<unknown, string, never>
  further_information: string | null
  submitted_by: number | null
  submitted_at: CreatedAt
}
export interface ReferralIncidentsTable {
  id: Id
  referral_id: number
  occurred_at: Date
  description: string
  reported_by: number | null
  reported_at: CreatedAt
  acknowledged_by: number | null
  acknowledged_at: Instant | null
}
export interface Database {
  partner_organisations: PartnerOrganisationsTable
  partner_services: PartnerServicesTable
  partner_service_areas: PartnerServiceAreasTable
  partner_service_changes: PartnerServiceChangesTable
  referrals: ReferralsTable
  referral_status_history: ReferralStatusHistoryTable
  referral_desired_outcomes: ReferralDesiredOutcomesTable
  referral_action_plans: ReferralActionPlansTable
  referral_sessions: ReferralSessionsTable
  referral_end_of_service_reports: ReferralEndOfServiceReportsTable
  referral_incidents: ReferralIncidentsTable
}

// Contracts, proven reoffending and payment by results; team performance (issue 19; migration 2026_12_11_0100).
export interface ContractsTable {
  id: Id
  reference: string
  provider_id: number
  /** The contract package area: a region of the provider. */
  region_id: number
  starts_on: IsoDate
  ends_on: IsoDate
  value_pence: number
  created_by: number | null
  created_at: CreatedAt
  version: Generated<number>
}
export type ContractTermsKind = 'fee_for_service' | 'payment_by_results'
export interface ContractTermsTable {
  id: Id
  contract_id: number
  kind: ContractTermsKind
  effective_from: IsoDate
  /** The terms as JSON (insert as a JSON string); shapes in `src/domain/outcomes/contract-terms.ts`. */
  terms: ColumnType<unknown, string, never>
  reason: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface ContractSubcontractorsTable {
  id: Id
  contract_id: number
  organisation_id: number
  tier: 'tier_2' | 'tier_3'
  added_by: number | null
  added_at: CreatedAt
}
export type SubcontractorBasis = 'fixed_fee' | 'share_of_results' | 'pass_through_if_prime_paid'
export interface SubcontractorTermsTable {
  id: Id
  subcontractor_id: number
  effective_from: IsoDate
  basis: SubcontractorBasis
  annual_fee_pence: number | null
  share_basis_points: number | null
  reason: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface PncImportsTable {
  id: Id
  file_name: string
  format: 'csv' | 'json'
  checksum: string
  rows_read: number
  added: number
  already_held: number
  unmatched: number
  rejected: number
  /** JSON array of { row, outcome, reason? } (insert as a JSON string). */
  report: ColumnType<unknown, string, never>
  imported_by: number | null
  imported_at: CreatedAt
}
export interface ProvenOffencesTable {
  id: Id
  person_id: number
  pnc_key: string
  disposal: 'conviction' | 'caution'
  offence_code: string
  description: string | null
  offence_date: IsoDate
  proven_date: IsoDate
  proven_by: string | null
  import_id: number
  created_at: CreatedAt
}
export interface WorkloadSettingsTable {
  id: Id
  provider_id: number | null
  effective_from: IsoDate
  /** JSON (insert as a JSON string); shape in `src/domain/allocation/workload-settings.ts`. */
  settings: ColumnType<unknown, string, never>
  reason: string
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface WorkloadReductionsTable {
  id: Id
  staff_id: number
  reason: 'part_time' | 'training' | 'other_duties'
  hours_per_week: number
  starts_on: IsoDate
  ends_on: IsoDate | null
  notes: string | null
  recorded_by: number | null
  recorded_at: CreatedAt
}
export interface Database {
  contracts: ContractsTable
  contract_terms: ContractTermsTable
  contract_subcontractors: ContractSubcontractorsTable
  subcontractor_terms: SubcontractorTermsTable
  pnc_imports: PncImportsTable
  proven_offences: ProvenOffencesTable
  workload_settings: WorkloadSettingsTable
  workload_reductions: WorkloadReductionsTable
}

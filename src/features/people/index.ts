/** The people feature's public surface: what the composition roots and other features may use. */
export { insertPerson, insertPersonName } from './queries.ts'
// For reports and letters (court): the current address's lines. No access check: call it after your own.
export { findCurrentAddressLines } from './queries.ts'
// For approved premises arrivals and departures: moving in and out, appended (the address left gets an end date).
export { moveIntoAddress, moveOutOfAddress, type MoveAddress } from './residence-moves.ts'
export { peopleRoutes } from './routes.ts'
export { createPeopleService } from './service.ts'
// For court work (matching listed defendants, creating records from a listing, checking listed details).
export type { PeopleService, PersonSearchResult } from './service.ts'
export { GENDERS } from './reference-data.ts'
export * as personFields from './validation.ts'
// For the JSON API (and anyone else calling the service): its commands, results and code lists.
export type {
  AddressInput,
  AddressView,
  AliasInput,
  AuditTrail,
  AuditTrailEntry,
  ChangeResult,
  CircumstanceInput,
  ContactDetailsInput,
  CreatePersonResult,
  DisabilityInput,
  EqualityInput,
  ManagerSummary,
  NewPersonInput,
  PersonRecord,
  PersonSearchOutcome,
  PersonSearchQuery,
  Versioned,
} from './service.ts'
export {
  ADDRESS_STATUSES,
  ADDRESS_TYPES,
  CIRCUMSTANCE_TYPES,
  codeText,
  DISABILITY_TYPES,
  ETHNICITIES,
  isCode,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
  type AddressStatus,
  type Code,
  type Gender,
} from './reference-data.ts'

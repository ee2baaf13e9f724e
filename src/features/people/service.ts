import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { IsoDate } from '../../db/schema.ts'
import type { Dependencies } from '../../dependencies.ts'
import { needsAttention, type NeedsAttention } from '../case-summary/index.ts'
import type { VictimSchemeSummary } from '../victims/index.ts'
import { addAddress } from './addresses.ts'
import { getAuditTrail, type AuditTrail, type AuditTrailFilter } from './audit-trail.ts'
import { createPerson } from './create.ts'
import type { PeopleDeps } from './deps.ts'
import { addAlias, addCircumstance, addDisability, updateContactDetails, updateEquality } from './details.ts'
import { readRecord } from './record.ts'
import type { AddressStatus, Gender } from './reference-data.ts'
import { searchPeople } from './search.ts'

export { rankCandidates } from './search.ts'
export type { AuditTrail, AuditTrailFilter } from './audit-trail.ts'

/**
 * The person record and search. Independent of HTTP: pages and the JSON API both call these functions with
 * plain typed input and a `RequestContext`, and get back view models or typed errors:
 * `ValidationError` (fields at fault, nothing changed), `NotFoundError`, `ForbiddenError` (reason safe to
 * show; the refusal is audited as ACCESS_DENIED), `ConflictError` (stale `version`, nothing changed).
 *
 * Every read of a record is audited (PERSON_VIEW: here for the API's reads, by the route's `config.audit` for the
 * pages), every search (PERSON_SEARCH), and every change commits with its audit row and its outbox event in one
 * transaction. The use cases live one file each: search (`search.ts`), creating a record (`create.ts`), the record
 * and its details (`record.ts`), changes (`details.ts`, `addresses.ts`) and who has looked (`audit-trail.ts`).
 */

// ---------------------------------------------------------------------------------------------------------
// Types the service speaks (the API engineer's contract)

export interface NewPersonInput {
  forename: string
  middleNames?: string | null
  surname: string
  preferredName?: string | null
  /** `YYYY-MM-DD` */
  dateOfBirth: string
  gender: Gender | string
  /** Either form: `YYYY/NNNNNNNA` or `YY/NNNNNNNA`; stored in the long form. */
  pnc?: string | null
  cro?: string | null
  /** Prison number, e.g. A1234BC */
  noms?: string | null
  phone?: string | null
  mobile?: string | null
  email?: string | null
}

export type CreatePersonResult =
  | { outcome: 'created'; crn: string; personId: number }
  /** Nothing was created: show these and ask again with `confirmNotDuplicate: true`. */
  | { outcome: 'possible-duplicates'; duplicates: PersonSearchResult[] }

export interface PersonSearchQuery {
  /** Name (any order, typos forgiven), CRN, PNC (either form), prison or CRO number. */
  q?: string
  /** Date of birth: `YYYY-MM-DD` or `d/m/yyyy`. Narrows a search by date alone; boosts a name search. */
  dob?: string
  limit?: number
}

export interface ManagerSummary {
  provider: string | null
  team: string | null
  staff: string | null
}

/**
 * One search result. Records the user may not open are not hidden: a limited-access record shows only its
 * CRN and the reason; another provider's record shows who it is but not a link.
 */
export type PersonSearchResult =
  | {
      access: 'allowed'
      crn: string
      name: string
      dateOfBirth: IsoDate
      /** The alias that matched, when the match was on an alias. */
      matchedAlias: string | null
      /** A date of birth was given and this one matches it. */
      dateOfBirthMatches: boolean | null
      manager: ManagerSummary | null
    }
  | { access: 'limited'; crn: string; reason: string }
  | { access: 'refused'; crn: string; name: string; dateOfBirth: IsoDate; reason: string }

export interface PersonSearchOutcome {
  /** How the query was read. `none` when nothing was asked. */
  matchedBy: 'crn' | 'pnc' | 'noms' | 'cro' | 'name' | 'date-of-birth' | 'none'
  query: { q: string; dob: IsoDate | null }
  results: PersonSearchResult[]
  /** More matched than the limit. */
  truncated: boolean
  /**
   * So many names look or sound like the query (more than `NAME_CANDIDATE_CAP` from one way of finding them) that
   * only some were compared: the user should add a forename or a date of birth. Implies `truncated`.
   */
  manyMatches?: boolean
  errors: { field: string; message: string }[]
}

export interface AddressView {
  id: number
  status: AddressStatus
  statusText: string
  addressType: string | null
  lines: string[]
  postcode: string | null
  telephone: string | null
  startDate: IsoDate
  endDate: IsoDate | null
  notes: string | null
  supersededBy: number | null
  /** Added for the JSON API: the address field by field as entered, and the type's code (pages show `lines`). */
  parts: {
    addressTypeCode: string | null
    building: string | null
    street: string | null
    district: string | null
    town: string | null
    county: string | null
  }
}

export interface PersonRecord {
  id: number
  crn: string
  /** Send this back with any change (optimistic concurrency). */
  version: number
  forename: string
  middleNames: string | null
  surname: string
  preferredName: string | null
  dateOfBirth: IsoDate
  gender: Gender
  pnc: string | null
  cro: string | null
  noms: string | null
  contact: { phone: string | null; mobile: string | null; email: string | null }
  equality: {
    ethnicity: string | null
    religion: string | null
    sexualOrientation: string | null
    nationality: string | null
    firstLanguage: string | null
    interpreterRequired: boolean
  }
  aliases: { id: number; forename: string; surname: string; dateOfBirth: IsoDate | null; addedAt: Date }[]
  addresses: { current: AddressView[]; previous: AddressView[] }
  circumstances: {
    id: number
    type: string
    subType: string | null
    startDate: IsoDate
    endDate: IsoDate | null
    notes: string | null
  }[]
  disabilities: {
    id: number
    type: string
    adjustments: string | null
    startDate: IsoDate
    endDate: IsoDate | null
    notes: string | null
  }[]
  manager: ManagerSummary | null
  /** Whether this user may change the record, and why not. */
  canUpdate: boolean
  updateRefusal: string | null
  /** On the overview only: what needs doing on the case (src/features/caseload/attention.ts). */
  attention?: NeedsAttention
  /** On the overview only: that a victim is in the Victim Contact Scheme, and the notes their officer shared. */
  victimContact?: VictimSchemeSummary
  /** For a former case manager: the record shows only what was recorded before this instant (the transfer). */
  recordedBefore?: Date
}

export interface Versioned {
  /** The `version` the user read; a stale one is refused with ConflictError. */
  version: number
}
export interface ContactDetailsInput extends Versioned {
  phone?: string | null
  mobile?: string | null
  email?: string | null
}
export interface AddressInput extends Versioned {
  status: AddressStatus | string
  addressType?: string | null
  building?: string | null
  street?: string | null
  district?: string | null
  town?: string | null
  county?: string | null
  postcode?: string | null
  telephone?: string | null
  startDate: string
  endDate?: string | null
  notes?: string | null
}
export interface AliasInput extends Versioned {
  forename: string
  surname: string
  dateOfBirth?: string | null
}
export interface CircumstanceInput extends Versioned {
  type: string
  subType?: string | null
  startDate: string
  endDate?: string | null
  notes?: string | null
}
export interface DisabilityInput extends Versioned {
  type: string
  adjustments?: string | null
  startDate: string
  endDate?: string | null
  notes?: string | null
}
export interface EqualityInput extends Versioned {
  ethnicity?: string | null
  religion?: string | null
  sexualOrientation?: string | null
  nationality?: string | null
  firstLanguage?: string | null
  interpreterRequired?: boolean
}

/** One row of "who has looked": one change, or one user's repeated looks of one kind on one day. */
export interface AuditTrailEntry {
  firstAt: Date
  lastAt: Date
  /** How many looks the row stands for (1 for a change). */
  times: number
  username: string | null
  /** The user's name, roles (codes) and organisation (their provider), when the user is known. */
  name: string | null
  roles: string[]
  organisation: string | null
  action: string
  detail: unknown
  /** A look at or change to the record itself; false when a list (search results, a caseload…) showed the person. */
  about: boolean
}

/** What a change returns: the record's new version, for the next edit. */
export interface ChangeResult {
  crn: string
  version: number
}

/**
 * The people service: each method checks the role, opens the record through `withPerson` where it is about one
 * person, and hands over to its use case.
 */
export function createPeopleService({ db, config, clock }: Dependencies) {
  const deps: PeopleDeps = { db, config, clock, withPerson: personAccess(db), needsAttention }
  return {
    /**
     * Creates a person. Unless `confirmNotDuplicate`, first looks for likely duplicates (same PNC or prison
     * number, or same date of birth and a similar name) and, if any, creates nothing and returns them.
     */
    createPerson: (
      input: NewPersonInput,
      ctx: RequestContext,
      options: { confirmNotDuplicate?: boolean } = {},
    ): Promise<CreatePersonResult> => createPerson(deps, input, ctx, options),

    /** Searches by identifier or name (`search.ts`). Every search is audited (PERSON_SEARCH) with what was asked. */
    search: (query: PersonSearchQuery, ctx: RequestContext): Promise<PersonSearchOutcome> =>
      searchPeople(deps, query, ctx),

    /** The whole record, for someone allowed to read it. Audited as PERSON_VIEW with `page` in the detail. */
    getPerson: (crn: string, ctx: RequestContext, options: { page?: string } = {}): Promise<PersonRecord> =>
      readRecord(deps, ctx, crn, {
        mode: 'read',
        auditPage: options.page ?? 'overview',
        overview: options.page === 'overview',
      }),

    /** The record for an edit form: refused (403, audited) unless the user may change it. Audited as a view. */
    getPersonForUpdate: (crn: string, ctx: RequestContext, options: { page?: string } = {}): Promise<PersonRecord> =>
      readRecord(deps, ctx, crn, { mode: 'update', auditPage: options.page ?? 'edit' }),

    /**
     * The record for a page whose route declares the view (`config.audit`: PERSON_VIEW and its page), so not
     * audited here; `overview` adds what needs attention on the case.
     */
    viewPerson: (crn: string, ctx: RequestContext, options: { overview?: boolean } = {}): Promise<PersonRecord> =>
      readRecord(deps, ctx, crn, { mode: 'read', overview: options.overview === true }),

    /** The record for an edit form whose route declares the view (`config.audit`); refused unless the user may change it. */
    viewPersonForUpdate: (crn: string, ctx: RequestContext): Promise<PersonRecord> =>
      readRecord(deps, ctx, crn, { mode: 'update' }),

    updateContactDetails: (crn: string, input: ContactDetailsInput, ctx: RequestContext): Promise<ChangeResult> =>
      updateContactDetails(deps, crn, input, ctx),

    updateEquality: (crn: string, input: EqualityInput, ctx: RequestContext): Promise<ChangeResult> =>
      updateEquality(deps, crn, input, ctx),

    /** Adds an address; a new main address (or "no fixed abode") supersedes the current one (`addresses.ts`). */
    addAddress: (
      crn: string,
      input: AddressInput,
      ctx: RequestContext,
    ): Promise<ChangeResult & { addressId: number }> => addAddress(deps, crn, input, ctx),

    /** Adds an alias: another name the person is known by, searchable like their own. */
    addAlias: (crn: string, input: AliasInput, ctx: RequestContext): Promise<ChangeResult> =>
      addAlias(deps, crn, input, ctx),

    addCircumstance: (crn: string, input: CircumstanceInput, ctx: RequestContext): Promise<ChangeResult> =>
      addCircumstance(deps, crn, input, ctx),

    addDisability: (crn: string, input: DisabilityInput, ctx: RequestContext): Promise<ChangeResult> =>
      addDisability(deps, crn, input, ctx),

    /**
     * Who has looked at or changed this record (newest first, grouped, a page at a time or `all` for an export,
     * narrowed by `filter`). Only for `person:audit` roles; limited access does not hide the trail from them. The
     * route that shows it audits the look (PERSON_AUDIT_VIEW, PERSON_AUDIT_EXPORT).
     */
    getAuditTrail: (
      crn: string,
      ctx: RequestContext,
      options: { filter?: AuditTrailFilter; page?: number; all?: boolean } = {},
    ): Promise<AuditTrail> => getAuditTrail(deps, crn, ctx, options),
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>

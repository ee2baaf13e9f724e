import type { Kysely, Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, loadPersonAccess } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson, hasPermission, type PersonAccessFacts } from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import type { Config } from '../../config.ts'
import type { Database, IsoDate } from '../../db/schema.ts'
import { canonicalPncShape, looksLikeNoms, parseCro } from '../../domain/identifiers/index.ts'
import { normaliseName } from '../../domain/names/normalise.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Clock } from '../../clock.ts'
import { needsAttention, type NeedsAttention } from '../caseload/attention.ts'
import * as q from './queries.ts'
import {
  ADDRESS_STATUSES,
  ADDRESS_TYPES,
  CIRCUMSTANCE_TYPES,
  DISABILITY_TYPES,
  ETHNICITIES,
  GENDERS,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
  type AddressStatus,
  type Gender,
} from './reference-data.ts'
import * as v from './validation.ts'

/**
 * The person record and search. Independent of HTTP: pages and the JSON API both call these functions with
 * plain typed input and a `RequestContext`, and get back view models or typed errors:
 * `ValidationError` (fields at fault, nothing changed), `NotFoundError`, `ForbiddenError` (reason safe to
 * show; the refusal is audited as ACCESS_DENIED), `ConflictError` (stale `version`, nothing changed).
 *
 * Every read of a record is audited (PERSON_VIEW), every search (PERSON_SEARCH), and every change commits
 * with its audit row and its outbox event in one transaction.
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

export interface AuditTrailEntry {
  at: Date
  username: string | null
  action: string
  requestId: string | null
  detail: unknown
}

/** What a change returns: the record's new version, for the next edit. */
export interface ChangeResult {
  crn: string
  version: number
}

const CRN = /^[A-Z][0-9]{6}$/
const SEARCH_LIMIT = 50

export function createPeopleService({ db, config, clock }: { db: Kysely<Database>; config: Config; clock: Clock }) {
  /** Today in England and Wales, as a calendar date. */
  const today = (): IsoDate => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(clock.now())
  const currentYear = () => Number(today().slice(0, 4))

  function requirePermission(ctx: RequestContext, permission: Permission) {
    if (!hasPermission(ctx.user, permission)) throw new ForbiddenError('Your role does not allow this')
  }

  type Trx = Transaction<Database>
  type Person = q.PersonDetailsRow

  /**
   * Opens the record, checks the policy and runs `work` in one transaction. A refusal is audited as
   * ACCESS_DENIED and committed before ForbiddenError is thrown, so the trail keeps it.
   */
  async function withPerson<T>(
    crn: string,
    ctx: RequestContext,
    mode: 'read' | 'update',
    work: (trx: Trx, person: Person, facts: PersonAccessFacts) => Promise<T>,
  ): Promise<T> {
    const wanted = crn.trim().toUpperCase()
    if (!CRN.test(wanted)) throw new NotFoundError('There is no record with this CRN')
    const outcome = await db.transaction().execute(async trx => {
      const person = await q.findPersonByCrn(trx, wanted)
      if (!person) return { kind: 'not-found' as const }
      const facts = (await loadPersonAccess(trx, person.id))!
      const decision = mode === 'read' ? canReadPerson(ctx.user, facts) : canUpdatePerson(ctx.user, facts)
      if (!decision.allowed) {
        await audit(trx, ctx, {
          action: 'ACCESS_DENIED',
          personId: person.id,
          subject: person.crn,
          detail: { attempted: mode, reason: decision.reason, limitedAccess: decision.limitedAccess },
        })
        return { kind: 'denied' as const, reason: decision.reason }
      }
      return { kind: 'ok' as const, value: await work(trx, person, facts) }
    })
    if (outcome.kind === 'not-found') throw new NotFoundError('There is no record with this CRN')
    if (outcome.kind === 'denied') throw new ForbiddenError(outcome.reason)
    return outcome.value
  }

  /** Checks the version and moves it on; a stale version changes nothing. */
  async function claimVersion(trx: Trx, person: Person, version: number): Promise<number> {
    if (!Number.isInteger(version) || !(await q.bumpPersonVersion(trx, person.id, version, clock.now())))
      throw new ConflictError()
    return version + 1
  }

  async function change(
    trx: Trx,
    ctx: RequestContext,
    person: Person,
    action: string,
    eventType: string,
    detail: Record<string, unknown>,
  ) {
    await audit(trx, ctx, { action, personId: person.id, subject: person.crn, detail })
    await publish(trx, eventType, person.id, { crn: person.crn, ...detail })
  }

  /** Presents people as search results, each as much as the policy allows this user to see. */
  async function presentResults(
    trx: Trx | Kysely<Database>,
    ctx: RequestContext,
    personIds: number[],
    extras: Map<number, { matchedAlias: string | null }> = new Map(),
    dob: IsoDate | null = null,
  ): Promise<PersonSearchResult[]> {
    const [summaries, access, managers] = await Promise.all([
      q.loadSummaries(trx, personIds),
      loadPeopleAccess(trx, personIds),
      q.loadManagers(trx, personIds),
    ])
    const byId = new Map(summaries.map(s => [s.id, s]))
    const results: PersonSearchResult[] = []
    for (const id of personIds) {
      const s = byId.get(id)
      const facts = access.get(id)
      if (!s || !facts) continue
      const decision = canReadPerson(ctx.user, facts)
      const name = [s.forename, s.middle_names, s.surname].filter(Boolean).join(' ')
      if (decision.allowed) {
        results.push({
          access: 'allowed',
          crn: s.crn,
          name,
          dateOfBirth: s.date_of_birth,
          matchedAlias: extras.get(id)?.matchedAlias ?? null,
          dateOfBirthMatches: dob ? s.date_of_birth === dob : null,
          manager: managers.get(id) ?? null,
        })
      } else if (decision.limitedAccess) {
        results.push({ access: 'limited', crn: s.crn, reason: decision.reason })
      } else {
        results.push({ access: 'refused', crn: s.crn, name, dateOfBirth: s.date_of_birth, reason: decision.reason })
      }
    }
    return results
  }

  function validateNewPerson(input: NewPersonInput) {
    const errors: v.Errors = []
    const person = {
      forename: v.requiredText(errors, 'forename', input.forename, 'a first name'),
      middle_names: v.optionalText(errors, 'middleNames', input.middleNames, 'middle names'),
      surname: v.requiredText(errors, 'surname', input.surname, 'a last name'),
      preferred_name: v.optionalText(errors, 'preferredName', input.preferredName, 'preferred name'),
      date_of_birth: v.dateOfBirth(errors, 'dateOfBirth', input.dateOfBirth, today()),
      gender: v.requiredCode(errors, 'gender', input.gender, GENDERS, 'a gender') as Gender,
      pnc: v.pnc(errors, 'pnc', input.pnc, currentYear()),
      cro: v.cro(errors, 'cro', input.cro),
      noms: v.noms(errors, 'noms', input.noms),
      phone: v.phone(errors, 'phone', input.phone, 'a telephone number'),
      mobile: v.phone(errors, 'mobile', input.mobile, 'a mobile number'),
      email: v.email(errors, 'email', input.email),
    }
    if (errors.length) throw new ValidationError(errors)
    return person
  }

  function addressView(a: q.AddressListRow): AddressView {
    return {
      id: a.id,
      status: a.status,
      statusText: ADDRESS_STATUSES.find(s => s.code === a.status)?.text ?? a.status,
      addressType: a.address_type ? (ADDRESS_TYPES.find(t => t.code === a.address_type)?.text ?? a.address_type) : null,
      lines: [a.building, a.street, a.district, a.town, a.county].filter((l): l is string => Boolean(l)),
      postcode: a.postcode,
      telephone: a.telephone,
      startDate: a.start_date,
      endDate: a.end_date,
      notes: a.notes,
      supersededBy: a.superseded_by,
      parts: {
        addressTypeCode: a.address_type,
        building: a.building,
        street: a.street,
        district: a.district,
        town: a.town,
        county: a.county,
      },
    }
  }

  async function loadRecord(
    trx: Trx,
    ctx: RequestContext,
    person: Person,
    facts: PersonAccessFacts,
  ): Promise<PersonRecord> {
    const [names, addresses, circumstances, disabilities, managers] = await Promise.all([
      q.listNames(trx, person.id),
      q.listAddresses(trx, person.id),
      q.listCircumstances(trx, person.id),
      q.listDisabilities(trx, person.id),
      q.loadManagers(trx, [person.id]),
    ])
    const update = canUpdatePerson(ctx.user, facts)
    const views = addresses.map(addressView)
    return {
      id: person.id,
      crn: person.crn,
      version: person.version,
      forename: person.forename,
      middleNames: person.middle_names,
      surname: person.surname,
      preferredName: person.preferred_name,
      dateOfBirth: person.date_of_birth,
      gender: person.gender,
      pnc: person.pnc,
      cro: person.cro,
      noms: person.noms,
      contact: { phone: person.phone, mobile: person.mobile, email: person.email },
      equality: {
        ethnicity: person.ethnicity,
        religion: person.religion,
        sexualOrientation: person.sexual_orientation,
        nationality: person.nationality,
        firstLanguage: person.first_language,
        interpreterRequired: person.interpreter_required,
      },
      aliases: names
        .filter(n => n.kind === 'alias')
        .map(n => ({
          id: n.id,
          forename: n.forename,
          surname: n.surname,
          dateOfBirth: n.date_of_birth,
          addedAt: n.created_at,
        })),
      addresses: {
        current: views.filter(a => a.endDate === null && a.status !== 'previous'),
        previous: views.filter(a => a.endDate !== null || a.status === 'previous'),
      },
      circumstances: circumstances.map(c => ({
        id: c.id,
        type: CIRCUMSTANCE_TYPES.find(t => t.code === c.circumstance_type)?.text ?? c.circumstance_type,
        subType: c.sub_type,
        startDate: c.start_date,
        endDate: c.end_date,
        notes: c.notes,
      })),
      disabilities: disabilities.map(d => ({
        id: d.id,
        type: DISABILITY_TYPES.find(t => t.code === d.disability_type)?.text ?? d.disability_type,
        adjustments: d.adjustments,
        startDate: d.start_date,
        endDate: d.end_date,
        notes: d.notes,
      })),
      manager: person.managing_provider_id ? (managers.get(person.id) ?? null) : null,
      canUpdate: update.allowed,
      updateRefusal: update.allowed ? null : update.reason,
    }
  }

  function endAfterStart(errors: v.Errors, start: string, end: string | null, field = 'endDate') {
    if (start && end && end < start)
      errors.push({ field, message: 'The end date must be the same as or after the start date' })
  }

  return {
    /**
     * Creates a person. Unless `confirmNotDuplicate`, first looks for likely duplicates (same PNC or prison
     * number, or same date of birth and a similar name) and, if any, creates nothing and returns them.
     */
    async createPerson(
      input: NewPersonInput,
      ctx: RequestContext,
      options: { confirmNotDuplicate?: boolean } = {},
    ): Promise<CreatePersonResult> {
      requirePermission(ctx, 'person:create')
      const person = validateNewPerson(input)
      const outcome = await db.transaction().execute(async trx => {
        const duplicateIds = await q.findPossibleDuplicates(trx, {
          pnc: person.pnc,
          noms: person.noms,
          dateOfBirth: person.date_of_birth,
          forename: person.forename,
          surname: person.surname,
        })
        if (duplicateIds.length > 0 && !options.confirmNotDuplicate) {
          return { outcome: 'possible-duplicates' as const, duplicates: await presentResults(trx, ctx, duplicateIds) }
        }
        // PNC and prison numbers identify one person: confirming past the warning cannot create a second record.
        const taken: v.Errors = []
        if (person.pnc && (await q.findByIdentifier(trx, 'pnc', person.pnc)).length) {
          taken.push({
            field: 'pnc',
            message: 'Another record already has this PNC number. Check the number, or open the existing record.',
          })
        }
        if (person.noms && (await q.findByIdentifier(trx, 'noms', person.noms)).length) {
          taken.push({
            field: 'noms',
            message: 'Another record already has this prison number. Check the number, or open the existing record.',
          })
        }
        if (taken.length) throw new ValidationError(taken)
        const { id, crn } = await q.insertPerson(trx, person, config.crnPrefix)
        await audit(trx, ctx, {
          action: 'PERSON_CREATE',
          personId: id,
          subject: crn,
          detail: { confirmedNotDuplicate: duplicateIds.length > 0 },
        })
        await publish(trx, 'person.created', id, { crn })
        return { outcome: 'created' as const, crn, personId: id }
      })
      return outcome
    },

    /**
     * Searches by exact identifier (CRN, PNC in either form, prison number, CRO) or by name, forgiving typing:
     * typos, accents, word order, aliases and sound-alike surnames. Ranked: exact surname and date of birth
     * first. Every search is audited (PERSON_SEARCH) with what was asked.
     */
    async search(query: PersonSearchQuery, ctx: RequestContext): Promise<PersonSearchOutcome> {
      requirePermission(ctx, 'person:search')
      const text = (query.q ?? '').trim().slice(0, 200)
      const dobText = (query.dob ?? '').trim()
      const dob = dobText ? (v.parseDateText(dobText) ?? null) : null
      const limit = Math.min(Math.max(query.limit ?? SEARCH_LIMIT, 1), 100)
      const base = { query: { q: text, dob }, errors: [] as PersonSearchOutcome['errors'] }
      if (dobText && !dob) {
        return {
          ...base,
          matchedBy: 'none',
          results: [],
          truncated: false,
          errors: [{ field: 'dob', message: 'Date of birth must be a real date, like 27/3/1990' }],
        }
      }
      if (!text && !dob) return { ...base, matchedBy: 'none', results: [], truncated: false }

      return db.transaction().execute(async trx => {
        let matchedBy: PersonSearchOutcome['matchedBy'] = 'name'
        let ids: number[] = []
        const extras = new Map<number, { matchedAlias: string | null }>()
        let manyMatches = false
        const upper = text.toUpperCase().replace(/\s+/g, '')
        const pncShape = /\d\/|^\d{2,4}\d{1,7}[A-Z]$/.test(upper) ? canonicalPncShape(upper, currentYear()) : undefined
        const cro = parseCro(upper)
        if (text && CRN.test(upper)) {
          matchedBy = 'crn'
          ids = await q.findByIdentifier(trx, 'crn', upper)
        } else if (text && looksLikeNoms(upper)) {
          matchedBy = 'noms'
          ids = await q.findByIdentifier(trx, 'noms', upper)
        } else if (text && pncShape) {
          matchedBy = 'pnc'
          ids = await q.findByIdentifier(trx, 'pnc', pncShape)
        } else if (text && cro.ok) {
          matchedBy = 'cro'
          ids = await q.findByIdentifier(trx, 'cro', cro.canonical)
        } else if (text) {
          const normalised = normaliseName(text)
          const tokens = normalised.split(' ').filter(Boolean).slice(0, 6)
          if (tokens.length > 0) {
            const found = await q.searchNameCandidates(trx, normalised, tokens, dob ?? undefined)
            manyMatches = found.manyMatches
            const ranked = rankCandidates(found.candidates, tokens, dob)
            ids = ranked.map(r => r.personId)
            for (const r of ranked) extras.set(r.personId, { matchedAlias: r.matchedAlias })
          }
        } else {
          matchedBy = 'date-of-birth'
          ids = await q.findByDateOfBirth(trx, dob!, limit + 1)
        }
        const truncated = ids.length > limit || manyMatches
        const results = await presentResults(trx, ctx, ids.slice(0, limit), extras, dob)
        await audit(trx, ctx, {
          action: 'PERSON_SEARCH',
          detail: { q: text, dob, matchedBy, resultCount: results.length },
        })
        return { ...base, matchedBy, results, truncated, manyMatches }
      })
    },

    /** The whole record, for someone allowed to read it. Audited as PERSON_VIEW with `page` in the detail. */
    async getPerson(crn: string, ctx: RequestContext, options: { page?: string } = {}): Promise<PersonRecord> {
      requirePermission(ctx, 'person:read')
      return withPerson(crn, ctx, 'read', async (trx, person, facts) => {
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: person.id,
          subject: person.crn,
          detail: { page: options.page ?? 'overview' },
        })
        const record = await loadRecord(trx, ctx, person, facts)
        return options.page === 'overview'
          ? { ...record, attention: await needsAttention(trx, person, clock.now()) }
          : record
      })
    },

    /** The record for an edit form: refused (403, audited) unless the user may change it. Audited as a view. */
    async getPersonForUpdate(crn: string, ctx: RequestContext, options: { page?: string } = {}): Promise<PersonRecord> {
      requirePermission(ctx, 'person:update')
      return withPerson(crn, ctx, 'update', async (trx, person, facts) => {
        await audit(trx, ctx, {
          action: 'PERSON_VIEW',
          personId: person.id,
          subject: person.crn,
          detail: { page: options.page ?? 'edit' },
        })
        return loadRecord(trx, ctx, person, facts)
      })
    },

    async updateContactDetails(crn: string, input: ContactDetailsInput, ctx: RequestContext): Promise<ChangeResult> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const fields = {
        phone: v.phone(errors, 'phone', input.phone, 'a telephone number'),
        mobile: v.phone(errors, 'mobile', input.mobile, 'a mobile number'),
        email: v.email(errors, 'email', input.email),
      }
      if (errors.length) throw new ValidationError(errors)
      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        await q.updatePersonFields(trx, person.id, fields)
        const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(k => fields[k] !== person[k])
        await change(trx, ctx, person, 'PERSON_CONTACT_DETAILS_UPDATE', 'person.contact-details.changed', {
          fields: changed,
        })
        return { crn: person.crn, version }
      })
    },

    async updateEquality(crn: string, input: EqualityInput, ctx: RequestContext): Promise<ChangeResult> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const fields = {
        ethnicity: v.optionalCode(errors, 'ethnicity', input.ethnicity, ETHNICITIES, 'an ethnicity'),
        religion: v.optionalCode(errors, 'religion', input.religion, RELIGIONS, 'a religion or belief'),
        sexual_orientation: v.optionalCode(
          errors,
          'sexualOrientation',
          input.sexualOrientation,
          SEXUAL_ORIENTATIONS,
          'a sexual orientation',
        ),
        nationality: v.optionalText(errors, 'nationality', input.nationality, 'nationality'),
        first_language: v.optionalText(errors, 'firstLanguage', input.firstLanguage, 'first language'),
        interpreter_required: input.interpreterRequired === true,
      }
      if (errors.length) throw new ValidationError(errors)
      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        await q.updatePersonFields(trx, person.id, fields)
        // Equality data is sensitive: the audit and the event say that it changed, not what it is.
        await change(trx, ctx, person, 'PERSON_EQUALITY_UPDATE', 'person.equality.changed', {})
        return { crn: person.crn, version }
      })
    },

    /**
     * Adds an address. A new main address (or "no fixed abode") supersedes the current one: the old one gets
     * an end date (the move date), status 'previous' and `superseded_by`; nothing is deleted. Bail addresses
     * cannot have an end date; a previous address must have one.
     */
    async addAddress(
      crn: string,
      input: AddressInput,
      ctx: RequestContext,
    ): Promise<ChangeResult & { addressId: number }> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const status = v.requiredCode(
        errors,
        'status',
        input.status,
        ADDRESS_STATUSES,
        'the kind of address',
      ) as AddressStatus
      const residence = status === 'main' || status === 'no_fixed_abode'
      const row = {
        status,
        address_type: v.optionalCode(errors, 'addressType', input.addressType, ADDRESS_TYPES, 'a type of address'),
        building: v.optionalText(errors, 'building', input.building, 'building and number'),
        street: v.optionalText(errors, 'street', input.street, 'street'),
        district: v.optionalText(errors, 'district', input.district, 'district'),
        town: v.optionalText(errors, 'town', input.town, 'town or city'),
        county: v.optionalText(errors, 'county', input.county, 'county'),
        postcode: v.postcode(errors, 'postcode', input.postcode),
        telephone: v.phone(errors, 'telephone', input.telephone, 'a telephone number'),
        start_date: v.requiredDate(
          errors,
          'startDate',
          input.startDate,
          'the start date',
          residence
            ? { notAfter: today(), notAfterMessage: 'The date they moved in must be today or in the past' }
            : {},
        ),
        end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
        notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
      }
      if (status && status !== 'no_fixed_abode' && !row.building && !row.street) {
        errors.push({ field: 'building', message: 'Enter the building and number or the street' })
      }
      if (status && status !== 'no_fixed_abode' && !row.town && !row.postcode) {
        errors.push({ field: 'town', message: 'Enter the town or city or the postcode' })
      }
      if (residence && row.end_date)
        errors.push({ field: 'endDate', message: 'A current address has no end date. It ends when they move.' })
      if (status === 'bail' && row.end_date)
        errors.push({ field: 'endDate', message: 'A bail address cannot have an end date' })
      if (status === 'previous' && !row.end_date && !errors.some(e => e.field === 'endDate')) {
        errors.push({ field: 'endDate', message: 'Enter the date they left this address' })
      }
      endAfterStart(errors, row.start_date, row.end_date)
      if (errors.length) throw new ValidationError(errors)

      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        const current = residence ? await q.findCurrentResidence(trx, person.id) : undefined
        if (current && row.start_date < current.start_date) {
          throw new ValidationError([
            {
              field: 'startDate',
              message: `The date they moved in must be on or after the start of their current address (${current.start_date})`,
            },
          ])
        }
        if (current) await q.endResidence(trx, current.id, current.status as 'main' | 'no_fixed_abode', row.start_date)
        const addressId = await q.insertAddress(trx, { ...row, person_id: person.id, created_by: ctx.user?.id ?? null })
        if (current) await q.markSuperseded(trx, current.id, addressId)
        await change(trx, ctx, person, 'PERSON_ADDRESS_ADD', 'person.address.changed', {
          addressId,
          status,
          supersededAddressId: current?.id ?? null,
        })
        return { crn: person.crn, version, addressId }
      })
    },

    /** Adds an alias: another name the person is known by, searchable like their own. */
    async addAlias(crn: string, input: AliasInput, ctx: RequestContext): Promise<ChangeResult> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const forename = v.requiredText(errors, 'forename', input.forename, 'a first name')
      const surname = v.requiredText(errors, 'surname', input.surname, 'a last name')
      const dob = v.optionalDate(errors, 'dateOfBirth', input.dateOfBirth, 'the date of birth')
      if (dob && dob > today()) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' })
      if (errors.length) throw new ValidationError(errors)
      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        await q.insertPersonName(trx, person.id, 'alias', forename, surname, dob)
        await change(trx, ctx, person, 'PERSON_ALIAS_ADD', 'person.alias.added', {})
        return { crn: person.crn, version }
      })
    },

    async addCircumstance(crn: string, input: CircumstanceInput, ctx: RequestContext): Promise<ChangeResult> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const row = {
        circumstance_type: v.requiredCode(errors, 'type', input.type, CIRCUMSTANCE_TYPES, 'the type of circumstance'),
        sub_type: v.optionalText(errors, 'subType', input.subType, 'detail'),
        start_date: v.requiredDate(errors, 'startDate', input.startDate, 'the start date'),
        end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
        notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
      }
      endAfterStart(errors, row.start_date, row.end_date)
      if (errors.length) throw new ValidationError(errors)
      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        const id = await q.insertCircumstance(trx, { ...row, person_id: person.id, created_by: ctx.user?.id ?? null })
        await change(trx, ctx, person, 'PERSON_CIRCUMSTANCE_ADD', 'person.circumstance.added', {
          circumstanceId: id,
          type: row.circumstance_type,
        })
        return { crn: person.crn, version }
      })
    },

    async addDisability(crn: string, input: DisabilityInput, ctx: RequestContext): Promise<ChangeResult> {
      requirePermission(ctx, 'person:update')
      const errors: v.Errors = []
      const row = {
        disability_type: v.requiredCode(errors, 'type', input.type, DISABILITY_TYPES, 'the type of disability'),
        adjustments: v.optionalText(errors, 'adjustments', input.adjustments, 'adjustments', 4000),
        start_date: v.requiredDate(errors, 'startDate', input.startDate, 'the start date'),
        end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
        notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
      }
      endAfterStart(errors, row.start_date, row.end_date)
      if (errors.length) throw new ValidationError(errors)
      return withPerson(crn, ctx, 'update', async (trx, person) => {
        const version = await claimVersion(trx, person, input.version)
        const id = await q.insertDisability(trx, { ...row, person_id: person.id, created_by: ctx.user?.id ?? null })
        await change(trx, ctx, person, 'PERSON_DISABILITY_ADD', 'person.disability.added', { disabilityId: id })
        return { crn: person.crn, version }
      })
    },

    /**
     * Who has looked at or changed this record (newest first, up to `limit`). Only for `person:audit` roles;
     * limited access does not hide the trail from them. Looking is itself audited (PERSON_AUDIT_VIEW).
     */
    async getAuditTrail(
      crn: string,
      ctx: RequestContext,
      options: { limit?: number } = {},
    ): Promise<{ crn: string; entries: AuditTrailEntry[] }> {
      requirePermission(ctx, 'person:audit')
      const wanted = crn.trim().toUpperCase()
      if (!CRN.test(wanted)) throw new NotFoundError('There is no record with this CRN')
      return db.transaction().execute(async trx => {
        const person = await q.findPersonIdByCrn(trx, wanted)
        if (!person) throw new NotFoundError('There is no record with this CRN')
        const rows = await q.listPersonAuditEvents(trx, person.id, Math.min(options.limit ?? 500, 5000))
        await audit(trx, ctx, { action: 'PERSON_AUDIT_VIEW', personId: person.id, subject: person.crn })
        return {
          crn: person.crn,
          entries: rows.map(r => ({
            at: r.at,
            username: r.username,
            action: r.action,
            requestId: r.request_id,
            detail: r.detail,
          })),
        }
      })
    },
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>

/**
 * Orders name matches: one entry per person, best name first. Exact surname (+1) and exact date of birth
 * (+2) outrank resemblance; a sound-alike surname adds 0.3; the person's own name is preferred to an alias.
 */
export function rankCandidates(candidates: readonly q.NameCandidate[], tokens: readonly string[], dob: IsoDate | null) {
  const best = new Map<
    number,
    { personId: number; score: number; matchedAlias: string | null; surname: string; forename: string }
  >()
  for (const c of candidates) {
    const surnameWords = normaliseName(c.surname).split(' ')
    const exactSurname = surnameWords.every(w => tokens.includes(w))
    const score =
      c.similarity +
      (c.phonetic ? 0.3 : 0) +
      (exactSurname ? 1 : 0) +
      (dob && c.dateOfBirth === dob ? 2 : 0) +
      (c.kind === 'name' ? 0.05 : 0)
    const previous = best.get(c.personId)
    if (!previous || score > previous.score) {
      best.set(c.personId, {
        personId: c.personId,
        score,
        matchedAlias: c.kind === 'alias' ? `${c.forename} ${c.surname}` : null,
        surname: c.surname,
        forename: c.forename,
      })
    }
  }
  return [...best.values()].sort(
    (a, b) =>
      b.score - a.score ||
      a.surname.localeCompare(b.surname) ||
      a.forename.localeCompare(b.forename) ||
      a.personId - b.personId,
  )
}

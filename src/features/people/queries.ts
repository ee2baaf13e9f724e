import { sql } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { Insertable } from 'kysely'
import type { AddressesTable, DisabilitiesTable, IsoDate, NewPerson, PersonalCircumstancesTable, PersonUpdate } from '../../db/schema.ts'
import { normaliseName } from '../../domain/names/normalise.ts'

/**
 * Allocates the next CRN: the configured letter and six digits from a database sequence, so two app
 * processes never hand out the same number.
 */
export async function nextCrn(db: Executor, prefix: string): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('crn_seq')::int as n`.execute(db)
  return `${prefix}${String(rows[0].n).padStart(6, '0')}`
}

/** Inserts a person and their searchable name. Returns the new id and CRN. */
export async function insertPerson(db: Executor, person: Omit<NewPerson, 'crn'>, crnPrefix: string): Promise<{ id: number; crn: string }> {
  const crn = await nextCrn(db, crnPrefix)
  const { id } = await db.insertInto('people').values({ ...person, crn }).returning('id').executeTakeFirstOrThrow()
  await insertPersonName(db, id, 'name', person.forename, person.surname, person.date_of_birth)
  return { id, crn }
}

/** A name to search by (the person's own or an alias), normalised, with a phonetic key of the surname. */
export async function insertPersonName(db: Executor, personId: number, kind: 'name' | 'alias', forename: string, surname: string, dateOfBirth: IsoDate | null) {
  const searchName = normaliseName(`${forename} ${surname}`)
  const surnameNorm = normaliseName(surname)
  await db
    .insertInto('person_names')
    .values({
      person_id: personId,
      kind,
      forename,
      surname,
      date_of_birth: dateOfBirth,
      search_name: searchName,
      surname_key: sql<string>`dmetaphone(${surnameNorm})`,
    })
    .execute()
}

// ---------------------------------------------------------------------------------------------------------
// Reading a person

/** The person's own columns (explicit: no `selectAll` on person data). Soft-deleted records are not found. */
export async function findPersonByCrn(db: Executor, crn: string) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'crn',
      'forename',
      'middle_names',
      'surname',
      'preferred_name',
      'date_of_birth',
      'gender',
      'pnc',
      'cro',
      'noms',
      'phone',
      'mobile',
      'email',
      'ethnicity',
      'religion',
      'sexual_orientation',
      'nationality',
      'first_language',
      'interpreter_required',
      'managing_provider_id',
      'managing_team_id',
      'managing_staff_id',
      'created_at',
      'updated_at',
      'version',
    ])
    .where('crn', '=', crn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type PersonDetailsRow = NonNullable<Awaited<ReturnType<typeof findPersonByCrn>>>

/** Id and CRN only, for pages that need no more than to check access (the audit page). */
export async function findPersonIdByCrn(db: Executor, crn: string) {
  return db.selectFrom('people').select(['id', 'crn']).where('crn', '=', crn).where('deleted_at', 'is', null).executeTakeFirst()
}

/** The current manager's provider, team and member of staff, by name, for several people at once. */
export async function loadManagers(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return new Map<number, { provider: string | null; team: string | null; staff: string | null }>()
  const rows = await db
    .selectFrom('people')
    .leftJoin('providers', 'providers.id', 'people.managing_provider_id')
    .leftJoin('teams', 'teams.id', 'people.managing_team_id')
    .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
    .select(['people.id', 'providers.name as provider', 'teams.name as team', 'staff.forename as staffForename', 'staff.surname as staffSurname'])
    .where('people.id', 'in', [...new Set(personIds)])
    .execute()
  return new Map(
    rows.map(r => [r.id, { provider: r.provider, team: r.team, staff: r.staffForename ? `${r.staffForename} ${r.staffSurname}` : null }]),
  )
}

export async function listNames(db: Executor, personId: number) {
  return db
    .selectFrom('person_names')
    .select(['id', 'kind', 'forename', 'surname', 'date_of_birth', 'created_at', 'ended_at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute()
}

export async function listAddresses(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select([
      'id',
      'status',
      'address_type',
      'building',
      'street',
      'district',
      'town',
      'county',
      'postcode',
      'telephone',
      'start_date',
      'end_date',
      'notes',
      'superseded_by',
      'created_at',
    ])
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
export type AddressListRow = Awaited<ReturnType<typeof listAddresses>>[number]

export async function listCircumstances(db: Executor, personId: number) {
  return db
    .selectFrom('personal_circumstances')
    .select(['id', 'circumstance_type', 'sub_type', 'start_date', 'end_date', 'notes', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function listDisabilities(db: Executor, personId: number) {
  return db
    .selectFrom('disabilities')
    .select(['id', 'disability_type', 'adjustments', 'start_date', 'end_date', 'notes', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Who has looked at or changed this person's record, newest first. */
export async function listPersonAuditEvents(db: Executor, personId: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .select(['id', 'at', 'username', 'action', 'subject', 'request_id', 'detail'])
    .where('person_id', '=', personId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

// ---------------------------------------------------------------------------------------------------------
// Changing a person

/**
 * Optimistic concurrency: moves the record's version on only if it is still the one the user read. Every
 * change to a person (contact details, addresses, aliases…) goes through this, so two people editing the same
 * record at once cannot silently overwrite each other. Returns false when the version was stale.
 */
export async function bumpPersonVersion(db: Executor, personId: number, expectedVersion: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set(eb => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', personId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function updatePersonFields(db: Executor, personId: number, fields: PersonUpdate) {
  await db.updateTable('people').set(fields).where('id', '=', personId).execute()
}

/** The address the person lives at now: the open main address or an open "no fixed abode" record. */
export async function findCurrentResidence(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select(['id', 'status', 'start_date'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['main', 'no_fixed_abode'])
    .where('end_date', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export async function insertAddress(db: Executor, address: Insertable<AddressesTable>): Promise<number> {
  const { id } = await db.insertInto('addresses').values(address).returning('id').executeTakeFirstOrThrow()
  return id
}

/**
 * Ends the current residence when the person moves: it keeps every detail, gains an end date, and points at
 * the address that replaced it. A main address becomes 'previous'; a no-fixed-abode record keeps its status
 * so the history still says the person had no fixed abode then.
 */
export async function endResidence(db: Executor, addressId: number, status: 'main' | 'no_fixed_abode', endDate: IsoDate) {
  await db
    .updateTable('addresses')
    .set(eb => ({ end_date: endDate, status: status === 'main' ? 'previous' : status, version: eb('version', '+', 1) }))
    .where('id', '=', addressId)
    .execute()
}

export async function markSuperseded(db: Executor, oldAddressId: number, newAddressId: number) {
  await db.updateTable('addresses').set({ superseded_by: newAddressId }).where('id', '=', oldAddressId).execute()
}

export async function insertCircumstance(db: Executor, row: Insertable<PersonalCircumstancesTable>): Promise<number> {
  return (await db.insertInto('personal_circumstances').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertDisability(db: Executor, row: Insertable<DisabilitiesTable>): Promise<number> {
  return (await db.insertInto('disabilities').values(row).returning('id').executeTakeFirstOrThrow()).id
}

// ---------------------------------------------------------------------------------------------------------
// Search

/** People carrying an exact identifier (CRN, PNC, prison or CRO number). */
export async function findByIdentifier(db: Executor, column: 'crn' | 'pnc' | 'noms' | 'cro', value: string): Promise<number[]> {
  const rows = await db.selectFrom('people').select('id').where(column, '=', value).where('deleted_at', 'is', null).limit(50).execute()
  return rows.map(r => r.id)
}

export interface NameCandidate {
  personId: number
  kind: 'name' | 'alias'
  forename: string
  surname: string
  /** Trigram similarity of the whole name, or of the typed words within it, whichever is greater (0..1). */
  similarity: number
  /** The surname sounds like one of the typed words (double metaphone). */
  phonetic: boolean
  dateOfBirth: IsoDate
}

/**
 * Names (own names and aliases) that look or sound like what was typed. `query` must already be normalised
 * (`normaliseName`); `tokens` are its words. Uses the trigram GIN index (`%`, `<%`) and the phonetic-key
 * index; everything typed travels as a bound parameter.
 *
 * Trigram similarity ignores word order, so "smith john" meets "john smith"; `word_similarity` lets a single
 * word ("zoe") match within a longer name; the phonetic key lets "Smyth" meet "Smith".
 */
export async function searchNameCandidates(
  db: Executor,
  query: string,
  tokens: readonly string[],
  dateOfBirth: IsoDate | undefined,
  limit: number,
): Promise<NameCandidate[]> {
  const words = tokens.join(' ')
  const dobBoost = dateOfBirth ? sql`case when p.date_of_birth = ${dateOfBirth}::date then 2 else 0 end` : sql`0`
  const { rows } = await sql<{
    person_id: number
    kind: 'name' | 'alias'
    forename: string
    surname: string
    sim: number
    phonetic: boolean
    date_of_birth: IsoDate
  }>`
    with keys as (select dmetaphone(t) as k from unnest(string_to_array(${words}::text, ' ')) as t where t <> '')
    select pn.person_id, pn.kind, pn.forename, pn.surname, p.date_of_birth,
      greatest(similarity(pn.search_name, ${query}::text), word_similarity(${query}::text, pn.search_name))::float8 as sim,
      (pn.surname_key = any(array(select k from keys where k <> ''))) as phonetic
    from person_names pn
    join people p on p.id = pn.person_id and p.deleted_at is null
    -- Performance (issue 7): "= any(array(…))" is evaluated once, so the planner combines the three conditions as a
    -- BitmapOr of the trigram and phonetic indexes. "in (select …)" made it a hashed subplan that no index can
    -- serve: a sequential scan computing similarity for every name (515 ms at 100,000 people, 20 ms now).
    where pn.search_name % ${query}::text
       or ${query}::text <% pn.search_name
       or pn.surname_key = any(array(select k from keys where k <> ''))
    order by greatest(similarity(pn.search_name, ${query}::text), word_similarity(${query}::text, pn.search_name))
      + case when pn.surname_key = any(array(select k from keys where k <> '')) then 0.3 else 0 end + ${dobBoost} desc, pn.person_id
    limit ${limit}
  `.execute(db)
  return rows.map(r => ({
    personId: Number(r.person_id),
    kind: r.kind,
    forename: r.forename,
    surname: r.surname,
    similarity: Number(r.sim),
    phonetic: r.phonetic,
    dateOfBirth: r.date_of_birth,
  }))
}

/** People born on a date (search by date of birth alone). */
export async function findByDateOfBirth(db: Executor, dateOfBirth: IsoDate, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('date_of_birth', '=', dateOfBirth)
    .where('deleted_at', 'is', null)
    .orderBy('surname')
    .orderBy('forename')
    .limit(limit)
    .execute()
  return rows.map(r => r.id)
}

/** What a search result shows of a person (before the access policy decides how much of it to show). */
export async function loadSummaries(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'pnc', 'noms'])
    .where('id', 'in', [...new Set(personIds)])
    .execute()
}

/**
 * Possible duplicates of a new record: the same PNC or prison number, or the same date of birth and a name
 * that looks or sounds alike (own name or alias).
 */
export async function findPossibleDuplicates(
  db: Executor,
  candidate: { pnc: string | null; noms: string | null; dateOfBirth: IsoDate; forename: string; surname: string },
): Promise<number[]> {
  const searchName = normaliseName(`${candidate.forename} ${candidate.surname}`)
  const surnameNorm = normaliseName(candidate.surname)
  const { rows } = await sql<{ id: number }>`
    select p.id from people p
    where p.deleted_at is null and (
      (${candidate.pnc}::text is not null and p.pnc = ${candidate.pnc}::text)
      or (${candidate.noms}::text is not null and p.noms = ${candidate.noms}::text)
      or (p.date_of_birth = ${candidate.dateOfBirth}::date and exists (
        select 1 from person_names pn where pn.person_id = p.id
          and (similarity(pn.search_name, ${searchName}::text) >= 0.4 or pn.surname_key = dmetaphone(${surnameNorm}::text))
      ))
    )
    order by p.id
    limit 20
  `.execute(db)
  return rows.map(r => Number(r.id))
}

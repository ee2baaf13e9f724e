import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Executor } from '../../access/person-access.ts'
import type { Insertable } from 'kysely'
import type {
  AddressesTable,
  DisabilitiesTable,
  IsoDate,
  NewPerson,
  PersonalCircumstancesTable,
  PersonUpdate,
} from '../../db/schema.ts'
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
export async function insertPerson(
  db: Executor,
  person: Omit<NewPerson, 'crn'>,
  crnPrefix: string,
): Promise<{ id: number; crn: string }> {
  const crn = await nextCrn(db, crnPrefix)
  const { id } = await db
    .insertInto('people')
    .values({ ...person, crn })
    .returning('id')
    .executeTakeFirstOrThrow()
  await insertPersonName(db, id, 'name', person.forename, person.surname, person.date_of_birth)
  return { id, crn }
}

/** A name to search by (the person's own or an alias), normalised, with a phonetic key of the surname. */
export async function insertPersonName(
  db: Executor,
  personId: number,
  kind: 'name' | 'alias',
  forename: string,
  surname: string,
  dateOfBirth: IsoDate | null,
) {
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
export async function findPersonById(db: Executor, personId: number) {
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
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type PersonDetailsRow = NonNullable<Awaited<ReturnType<typeof findPersonById>>>

/** Id and CRN only, for pages that need no more than to check access (the audit page). */
export async function findPersonIdByCrn(db: Executor, crn: string) {
  return db
    .selectFrom('people')
    .select(['id', 'crn'])
    .where('crn', '=', crn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The current manager's provider, team and member of staff, by name, for several people at once. */
export async function loadManagers(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0)
    return new Map<number, { provider: string | null; team: string | null; staff: string | null }>()
  const rows = await db
    .selectFrom('people')
    .leftJoin('providers', 'providers.id', 'people.managing_provider_id')
    .leftJoin('teams', 'teams.id', 'people.managing_team_id')
    .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
    .select([
      'people.id',
      'providers.name as provider',
      'teams.name as team',
      'staff.forename as staffForename',
      'staff.surname as staffSurname',
    ])
    .where('people.id', 'in', [...new Set(personIds)])
    .execute()
  return new Map(
    rows.map(r => [
      r.id,
      { provider: r.provider, team: r.team, staff: r.staffForename ? `${r.staffForename} ${r.staffSurname}` : null },
    ]),
  )
}

const ADDRESS_COLUMNS = [
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
] as const

export async function listAddresses(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select(ADDRESS_COLUMNS)
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
export type AddressListRow = Awaited<ReturnType<typeof listAddresses>>[number]

/**
 * Everything the record shows beside the person's own columns, in one statement: names and aliases, addresses,
 * circumstances, disabilities (each in the order of `listNames`, `listAddresses`, `listCircumstances` and
 * `listDisabilities`) and who manages them. One round trip instead of five on every read of the record (issue 21: a
 * page's round trips, not its statements' run time, are its cost). JSON carries a timestamp as text, so each
 * `created_at` is made a Date again; dates stay `YYYY-MM-DD` and ids numbers, as the driver gives them.
 */
export async function loadRecordDetails(db: Executor, personId: number) {
  const row = await db
    .selectFrom('people as p')
    .leftJoin('providers as pr', 'pr.id', 'p.managing_provider_id')
    .leftJoin('teams as tm', 'tm.id', 'p.managing_team_id')
    .leftJoin('staff as st', 'st.id', 'p.managing_staff_id')
    .select(eb => [
      'pr.name as provider',
      'tm.name as team',
      'st.forename as staffForename',
      'st.surname as staffSurname',
      jsonArrayFrom(
        eb
          .selectFrom('person_names as n')
          .select(['n.id', 'n.kind', 'n.forename', 'n.surname', 'n.date_of_birth', 'n.created_at', 'n.ended_at'])
          .whereRef('n.person_id', '=', 'p.id')
          .orderBy('n.id'),
      ).as('names'),
      jsonArrayFrom(
        eb
          .selectFrom('addresses as a')
          .select(ADDRESS_COLUMNS.map(c => `a.${c}` as const))
          .whereRef('a.person_id', '=', 'p.id')
          .orderBy('a.start_date', 'desc')
          .orderBy('a.id', 'desc'),
      ).as('addresses'),
      jsonArrayFrom(
        eb
          .selectFrom('personal_circumstances as c')
          .select([
            'c.id',
            'c.circumstance_type',
            'c.sub_type',
            'c.start_date',
            'c.end_date',
            'c.notes',
            'c.created_at',
          ])
          .whereRef('c.person_id', '=', 'p.id')
          .orderBy('c.start_date', 'desc')
          .orderBy('c.id', 'desc'),
      ).as('circumstances'),
      jsonArrayFrom(
        eb
          .selectFrom('disabilities as d')
          .select([
            'd.id',
            'd.disability_type',
            'd.adjustments',
            'd.start_date',
            'd.end_date',
            'd.notes',
            'd.created_at',
          ])
          .whereRef('d.person_id', '=', 'p.id')
          .orderBy('d.start_date', 'desc')
          .orderBy('d.id', 'desc'),
      ).as('disabilities'),
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst()
  if (!row) return undefined
  const dated = <T extends { created_at: string }>(rows: T[]) =>
    rows.map(r => ({ ...r, created_at: new Date(r.created_at) }))
  return {
    names: dated(row.names).map(n => ({ ...n, ended_at: n.ended_at === null ? null : new Date(n.ended_at) })),
    addresses: dated(row.addresses),
    circumstances: dated(row.circumstances),
    disabilities: dated(row.disabilities),
    manager: {
      provider: row.provider,
      team: row.team,
      staff: row.staffForename ? `${row.staffForename} ${row.staffSurname}` : null,
    },
  }
}

/** Who has looked at or changed this person's record, newest first. */
export async function listPersonAuditEvents(db: Executor, personId: number, limit: number) {
  // A row about the person, or a list (search results, a caseload…) that showed them: the GIN index on
  // shown_person_ids finds those (issue 12, finding 14).
  return db
    .selectFrom('audit_events')
    .select(['id', 'at', 'username', 'action', 'subject', 'request_id', 'detail', 'person_id'])
    .where(eb => eb.or([eb('person_id', '=', personId), sql<boolean>`shown_person_ids @> array[${personId}::bigint]`]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** What the "who has looked" page is narrowed to: who looked, their organisation, London days from and to. */
export interface AuditTrailFilter {
  userId?: number
  providerId?: number
  from?: IsoDate
  to?: IsoDate
}

/**
 * The trail's rows, grouped: one user's repeated looks of the same kind (same action and page, the same search, the
 * same list) on the same London day are one row with how many and the first and last time; changes stay one row
 * each. Grouped here so that paging counts the rows the page shows.
 */
function groupedTrail(personId: number, f: AuditTrailFilter) {
  const filters = [
    f.userId !== undefined ? sql`and a.user_id = ${f.userId}` : sql``,
    f.providerId !== undefined ? sql`and s.provider_id = ${f.providerId}` : sql``,
    f.from !== undefined ? sql`and (a.at at time zone 'Europe/London')::date >= ${f.from}::date` : sql``,
    f.to !== undefined ? sql`and (a.at at time zone 'Europe/London')::date <= ${f.to}::date` : sql``,
  ]
  return sql`
    select min(e.at) as first_at, max(e.at) as last_at, count(*)::int as times, max(e.id) as last_id,
      e.user_id, e.username, e.action, (array_agg(e.detail order by e.id desc))[1] as detail, e.about, e.day
    from (
      select a.id, a.at, a.user_id, a.username, a.action, a.detail,
        coalesce(a.person_id = ${personId}, false) as about,
        (a.at at time zone 'Europe/London')::date as day,
        case when right(a.action, 5) = '_VIEW' or a.action in ('PERSON_SEARCH', 'ACCESS_DENIED', 'PSR_DOWNLOAD')
          then null else a.id end as solo,
        case a.action
          when 'PERSON_SEARCH' then concat_ws('|', a.detail->>'q', a.detail->>'dob')
          when 'TEAM_VIEW' then a.detail->>'team'
          when 'ALLOCATION_QUEUE_VIEW' then concat_ws('|', a.detail->>'team', a.detail->>'pdu')
          when 'ACCESS_DENIED' then a.detail->>'reason'
          else a.detail->>'page' end as variant
      from audit_events a
      left join users u on u.id = a.user_id
      left join staff s on s.id = u.staff_id
      where (a.person_id = ${personId} or a.shown_person_ids @> array[${personId}::bigint])
      ${sql.join(filters, sql` `)}
    ) e
    group by e.day, e.user_id, e.username, e.action, e.variant, e.solo, e.about`
}

/** One row of the grouped trail, with who: name, roles and organisation. */
export interface AuditTrailRow {
  first_at: Date
  last_at: Date
  times: number
  user_id: number | null
  username: string | null
  action: string
  detail: unknown
  /** A look at or change to the record itself (else a list that showed the person). */
  about: boolean
  display_name: string | null
  roles: string[] | null
  provider_name: string | null
}

/** A page of the grouped trail (newest first): `limit` rows from `offset`. */
export async function listPersonAuditTrail(
  db: Executor,
  personId: number,
  filter: AuditTrailFilter,
  page: { limit: number; offset: number },
): Promise<AuditTrailRow[]> {
  const { rows } = await sql<AuditTrailRow>`
    select g.first_at, g.last_at, g.times, g.user_id, g.username, g.action, g.detail, g.about,
      u.display_name, u.roles, p.name as provider_name
    from (${groupedTrail(personId, filter)}) g
    left join users u on u.id = g.user_id
    left join staff s on s.id = u.staff_id
    left join providers p on p.id = s.provider_id
    order by g.last_at desc, g.last_id desc
    limit ${page.limit} offset ${page.offset}`.execute(db)
  return rows.map(r => ({ ...r, times: Number(r.times) }))
}

/** How many rows the grouped trail has under this filter (for paging). */
export async function countPersonAuditTrail(db: Executor, personId: number, filter: AuditTrailFilter) {
  const { rows } = await sql<{
    n: number
  }>`select count(*)::int as n from (${groupedTrail(personId, filter)}) g`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** Everyone who appears in the person's trail, and the organisations they work for: the filter's choices. */
export async function listPersonAuditPeople(db: Executor, personId: number) {
  const { rows } = await sql<{
    user_id: number
    display_name: string
    username: string
    provider_id: number | null
    provider_name: string | null
  }>`
    select distinct u.id as user_id, u.display_name, u.username, p.id as provider_id, p.name as provider_name
    from audit_events a
    join users u on u.id = a.user_id
    left join staff s on s.id = u.staff_id
    left join providers p on p.id = s.provider_id
    where (a.person_id = ${personId} or a.shown_person_ids @> array[${personId}::bigint])
    order by u.display_name, u.username`.execute(db)
  return rows
}

// ---------------------------------------------------------------------------------------------------------
// Changing a person

/**
 * Optimistic concurrency: moves the record's version on only if it is still the one the user read. Every
 * change to a person (contact details, addresses, aliases…) goes through this, so two people editing the same
 * record at once cannot silently overwrite each other. Returns false when the version was stale.
 */
export async function bumpPersonVersion(
  db: Executor,
  personId: number,
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
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

/** The lines of the person's current address (open main address, or an open "no fixed abode" record), for letters and reports. */
export async function findCurrentAddressLines(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select(['status', 'building', 'street', 'district', 'town', 'county', 'postcode'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['main', 'no_fixed_abode'])
    .where('end_date', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
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
export async function endResidence(
  db: Executor,
  addressId: number,
  status: 'main' | 'no_fixed_abode',
  endDate: IsoDate,
) {
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
export async function findByIdentifier(
  db: Executor,
  column: 'crn' | 'pnc' | 'noms' | 'cro',
  value: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where(column, '=', value)
    .where('deleted_at', 'is', null)
    .limit(50)
    .execute()
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

/** At most this many names are read from each way of finding candidates; more means "add a forename or date of birth". */
export const NAME_CANDIDATE_CAP = 1000

/** Similarity a multi-word query's trigram fallback needs (pg_trgm's default, 0.3, matches thousands at scale). */
const FALLBACK_SIMILARITY = 0.5
/**
 * Similarity of the surname part alone that the narrowed fallback needs, among names whose forename sounds like a
 * typed word. Chosen on bench/name-search.ts's typo list at a million people (docs/performance.md, issue 21): at 0.3
 * two letters swapped in a short surname ("wakler" for "walker", 0.27; "prery" for "perry", 0.2) fell through to
 * the whole name's trigrams, one search in nine of the benchmark's and up to 230 ms each; at 0.2 the same recall.
 */
const NARROWED_SURNAME_SIMILARITY = 0.2

/** Name candidates, and whether a way of finding them met the cap (so the user should narrow the search). */
export interface NameCandidates {
  candidates: NameCandidate[]
  manyMatches: boolean
  /** Each way the candidates were read, in order, with how many names it read (for bench/name-search.ts). */
  ways: { way: NameSearchWay; names: number }[]
}

export type NameSearchWay = 'sound' | 'initial' | 'swapped' | 'narrowed-trigram' | 'trigram' | 'one-word'

type CandidateRow = {
  id: number
  person_id: number
  kind: 'name' | 'alias'
  forename: string
  surname: string
  sim: number
  phonetic: boolean
  date_of_birth: IsoDate
}

type KeyRow = { t: string; p: string; a: string }
type Condition = ReturnType<typeof sql>

const nonEmpty = (keys: Iterable<string | null>) => [...new Set([...keys].filter((k): k is string => !!k))]
const keyList = (keys: readonly string[]) => sql`string_to_array(${keys.join(' ')}::text, ' ')`
/** Every key (primary and alternative) of the given words or runs of words. */
const keysOf = (keyRows: readonly KeyRow[], ts: readonly string[]) =>
  nonEmpty(keyRows.filter(r => ts.includes(r.t)).flatMap(r => [r.p, r.a]))
const forenameKey = sql`dmetaphone(split_part(pn.search_name, ' ', 1))`
/** Everything after the forename: the surname. Must stay identical to person_names_forename_key_surname_trgm_idx's. */
const surnamePart = sql`substr(pn.search_name, strpos(pn.search_name, ' ') + 1)`
const similarityThreshold = (db: Executor, threshold: number) =>
  // For this transaction only (set_config(…, true) is SET LOCAL): `%` compares at this similarity.
  sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(db)

/**
 * Names (own names and aliases) that look or sound like what was typed. `query` must already be normalised
 * (`normaliseName`); `tokens` are its words. Everything typed travels as a bound parameter.
 *
 * Performance (issue 7, docs/performance.md): each way of finding candidates is one index lookup read at most
 * `NAME_CANDIDATE_CAP` (+1) names, and the similarities are computed only for those. Ranking is `rankCandidates`.
 * - Two or more words ("Leon Jnoes", "Jones Leon"): names whose surname sounds like one word (or a run of
 *   adjacent words, for "Smith-Lee" and "de la Cruz") AND whose forename sounds like another (double metaphone,
 *   primary and alternative keys; index `person_names_name_keys_idx`). A one-letter word ("J Smith") is an initial.
 *   Only when that finds nobody (a typo that changes how the surname sounds: "John Smiht"), names whose forename
 *   sounds like one word and whose surname's trigram similarity to the other words is at least 0.2 (index
 *   `person_names_forename_key_surname_trgm_idx`); when that finds nobody, names whose surname sounds like a word
 *   with two adjacent letters swapped back ("John Hlil" → Hill) and whose forename sounds like another; when that
 *   finds nobody either, names whose trigram similarity to the whole query is at least 0.5.
 * - One word ("Jnoes", "zoe"): names whose surname sounds like it, in name order; then, unless those met the cap,
 *   names containing a word like it (`<%`).
 * - With a date of birth, also every name of the people born that day that looks or sounds like the query, so a
 *   common name with the date of birth always finds the person.
 */
export async function searchNameCandidates(
  db: Executor,
  query: string,
  tokens: readonly string[],
  dateOfBirth: IsoDate | undefined,
  cap: number = NAME_CANDIDATE_CAP,
): Promise<NameCandidates> {
  // Surname may be one word or a run of adjacent words; the forename is one word.
  const runs = new Set<string>(tokens)
  for (let i = 0; i < tokens.length; i++)
    for (let n = 2; n <= 3 && i + n <= tokens.length; n++) runs.add(tokens.slice(i, i + n).join(' '))
  // The sounds of each word with two adjacent letters swapped back, read in the same statement, for the way that
  // undoes a hurried typist's swap (`readSeveralWords`).
  const swaps = tokens.length > 1 ? swappedWords(tokens) : new Map<string, string[]>()
  const typed = [...new Set([...runs, ...[...swaps.values()].flat()])]
  const keyRows = (
    await sql<KeyRow>`
      select t, dmetaphone(t) as p, dmetaphone_alt(t) as a from unnest(string_to_array(${typed.join('|')}::text, '|')) as t`.execute(
      db,
    )
  ).rows
  /** Today's "sounds like": the primary key of a typed word (or run of words). */
  const soundKeys = nonEmpty(keyRows.map(r => r.p))
  const phonetic = soundKeys.length ? sql`pn.surname_key = any(${keyList(soundKeys)})` : sql`false`
  const names = new CandidateReader(db, query, phonetic, cap)
  if (dateOfBirth) await names.addBornOn(dateOfBirth)
  if (tokens.length === 1) await readOneWord(names, query, soundKeys[0])
  else await readSeveralWords(names, query, tokens, runs, keyRows, swaps)
  return { candidates: names.candidates(), manyMatches: names.manyMatches, ways: names.ways }
}

/**
 * Each word of three letters or more, with the words it becomes when two adjacent letters are swapped ("hlil" →
 * "lhil", "hill", "hlli"): the commonest typing slip, and one that often changes how a short surname sounds.
 */
function swappedWords(tokens: readonly string[]): Map<string, string[]> {
  const swaps = new Map<string, string[]>()
  for (const word of tokens) {
    if (word.length < 3 || word.length > 20) continue
    const variants = new Set<string>()
    for (let i = 0; i + 1 < word.length; i++)
      if (word[i] !== word[i + 1]) variants.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))
    swaps.set(word, [...variants])
  }
  return swaps
}

/** One word: surnames that sound like it, in name order; then, unless those met the cap, names containing it. */
async function readOneWord(names: CandidateReader, query: string, key: string | undefined) {
  const sounds = key ? await names.read(sql`pn.surname_key = ${key}::text`, sql`order by pn.search_name`) : []
  names.add(sounds, 'one-word')
  // A word within a name (`<%`), not the whole name (`%`): one word against "forename surname" rarely reaches 0.3,
  // and at a million names "smtih" % … rechecked every Smith in the trigram index for nothing (470 ms).
  if (sounds.length <= names.cap) names.add(await names.read(sql`${query}::text <% pn.search_name`), 'one-word')
}

/** Two or more words: surname and forename keys paired, initials, and trigrams when nothing sounds alike. */
async function readSeveralWords(
  names: CandidateReader,
  query: string,
  tokens: readonly string[],
  runs: ReadonlySet<string>,
  keyRows: readonly KeyRow[],
  swaps: ReadonlyMap<string, readonly string[]>,
) {
  const words = tokens.filter(t => t.length > 1)
  const initials = [...new Set(tokens.filter(t => t.length === 1 && /[a-z]/.test(t)))]
  // Every (surname, forename) pairing of the words, in either order: a word's own key paired with itself would
  // only find people like "Leon Leon", so pairs use different words (a run never pairs with a word inside it).
  const pairs: { surname: string[]; forename: string[] }[] = []
  for (const run of runs) {
    const runWords = run.split(' ')
    const others = words.filter(w => !runWords.includes(w))
    if (run.length > 1 && others.length)
      pairs.push({ surname: keysOf(keyRows, [run]), forename: keysOf(keyRows, others) })
  }
  const pairConditions = pairs
    .filter(p => p.surname.length && p.forename.length)
    .map(p => sql`(pn.surname_key = any(${keyList(p.surname)}) and ${forenameKey} = any(${keyList(p.forename)}))`)
  let soundAlikes = 0
  if (pairConditions.length)
    soundAlikes += names.add(await names.read(sql`(${sql.join(pairConditions, sql` or `)})`), 'sound')
  // "J Smith": surnames that sound like a word, forenames with the initial, in name order.
  const surnameKeys = nonEmpty(keyRows.filter(r => words.includes(r.t)).map(r => r.p))
  for (const initial of initials) {
    const next = String.fromCharCode(initial.charCodeAt(0) + 1)
    for (const key of surnameKeys) {
      soundAlikes += names.add(
        await names.read(
          sql`pn.surname_key = ${key}::text and pn.search_name >= ${initial}::text and pn.search_name < ${next}::text`,
          sql`order by pn.search_name`,
        ),
        'initial',
      )
    }
  }
  if (soundAlikes > 0) return
  // Nothing sounds like it: a typo that changes a surname's sound ("Connor Mildey"). First the names whose forename
  // sounds like one word and whose surname looks like the others (index person_names_forename_key_surname_trgm_idx):
  // the whole name's trigrams cannot narrow, as the forename's are half of them and every Connor shares those
  // (12,454 names rechecked at a million people; this way ≈ 50).
  const narrowed = words
    .map(forename => ({ keys: keysOf(keyRows, [forename]), rest: tokens.filter(t => t !== forename).join(' ') }))
    .filter(w => w.keys.length && w.rest)
    .map(w => sql`(${forenameKey} = any(${keyList(w.keys)}) and ${surnamePart} % ${w.rest}::text)`)
  if (narrowed.length) {
    await similarityThreshold(names.db, NARROWED_SURNAME_SIMILARITY)
    const found = names.add(await names.read(sql`(${sql.join(narrowed, sql` or `)})`), 'narrowed-trigram')
    if (found > 0) return
  }
  // A short surname with two letters swapped ("John Hlil"): trigrams cannot see it ("hlil" and "hill" share one in
  // nine). Surnames that sound like the word with the swap undone, with a forename that sounds like another word (the
  // sounds' index, as above), before the whole name's trigrams.
  const swapped = words
    .map(word => ({
      surname: keysOf(keyRows, swaps.get(word) ?? []).filter(k => !keysOf(keyRows, [word]).includes(k)),
      forename: keysOf(
        keyRows,
        words.filter(w => w !== word),
      ),
    }))
    .filter(p => p.surname.length && p.forename.length)
    .map(p => sql`(pn.surname_key = any(${keyList(p.surname)}) and ${forenameKey} = any(${keyList(p.forename)}))`)
  if (swapped.length && names.add(await names.read(sql`(${sql.join(swapped, sql` or `)})`), 'swapped') > 0) return
  // The forename mistyped too ("Cnonor Mildey"): the whole name's trigrams, tightened so that common words do not
  // bring in thousands of names.
  await similarityThreshold(names.db, FALLBACK_SIMILARITY)
  names.add(await names.read(sql`pn.search_name % ${query}::text`), 'trigram')
}

/** Reads candidate names, at most `cap` (+1) a way, and keeps each name once. */
class CandidateReader {
  readonly found = new Map<number, CandidateRow>()
  readonly ways: NameCandidates['ways'] = []
  manyMatches = false
  constructor(
    readonly db: Executor,
    readonly query: string,
    readonly phonetic: Condition,
    readonly cap: number,
  ) {}

  /** Reads at most cap + 1 names matching `where` (on person_names pn), with the person's date of birth. */
  async read(where: Condition, orderBy = sql``): Promise<CandidateRow[]> {
    const { query, phonetic, cap } = this
    return (
      await sql<CandidateRow>`
        select pn.id, pn.person_id, pn.kind, pn.forename, pn.surname, p.date_of_birth,
          greatest(similarity(pn.search_name, ${query}::text), word_similarity(${query}::text, pn.search_name))::float8 as sim,
          (${phonetic}) as phonetic
        from (select * from person_names pn where ${where} ${orderBy} limit ${cap + 1}) pn
        join people p on p.id = pn.person_id and p.deleted_at is null`.execute(this.db)
    ).rows
  }

  /** Keeps up to `cap` of the rows (noting when there were more); returns how many were read. */
  add(rows: CandidateRow[], way: NameSearchWay): number {
    this.ways.push({ way, names: rows.length })
    if (rows.length > this.cap) this.manyMatches = true
    for (const r of rows.slice(0, this.cap)) this.found.set(Number(r.id), r)
    return rows.length
  }

  /** Few people share a birthday (≈ 45 at a million), so this reads them all and compares each name. */
  async addBornOn(dateOfBirth: IsoDate) {
    const { query, phonetic } = this
    const rows = (
      await sql<CandidateRow>`
        select pn.id, pn.person_id, pn.kind, pn.forename, pn.surname, p.date_of_birth,
          greatest(similarity(pn.search_name, ${query}::text), word_similarity(${query}::text, pn.search_name))::float8 as sim,
          (${phonetic}) as phonetic
        from people p join person_names pn on pn.person_id = p.id
        where p.date_of_birth = ${dateOfBirth}::date and p.deleted_at is null
          and (${phonetic} or similarity(pn.search_name, ${query}::text) >= 0.3 or word_similarity(${query}::text, pn.search_name) >= 0.6)`.execute(
        this.db,
      )
    ).rows
    for (const r of rows) this.found.set(Number(r.id), r)
  }

  candidates(): NameCandidate[] {
    return [...this.found.values()].map(r => ({
      personId: Number(r.person_id),
      kind: r.kind,
      forename: r.forename,
      surname: r.surname,
      similarity: Number(r.sim),
      phonetic: r.phonetic,
      dateOfBirth: r.date_of_birth,
    }))
  }
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

import type { Executor } from '../../access/person-access.ts'

/** All the SQL of the licences feature: named functions, executor first. */

export type LicenceVersionStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'replaced'

export function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'middle_names', 'surname', 'date_of_birth', 'case_status'])
    .where('id', '=', personId)
    .executeTakeFirst()
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** The licence of a custodial sentence, if one has been started. */
export function findLicenceOfSentence(db: Executor, sentenceId: number) {
  return db.selectFrom('licences').selectAll().where('sentence_id', '=', sentenceId).executeTakeFirst()
}

export async function insertLicence(db: Executor, row: { personId: number; sentenceId: number; by: number | null }) {
  const { id } = await db
    .insertInto('licences')
    .values({ person_id: row.personId, sentence_id: row.sentenceId, created_by: row.by })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const versionColumns = [
  'v.id',
  'v.licence_id',
  'v.version_number',
  'v.kind',
  'v.status',
  'v.conditions',
  'v.variation_reason',
  'v.created_at',
  'v.submitted_at',
  'v.decided_at',
  'v.return_reason',
  'v.period_start',
  'v.period_end',
  'v.period_basis',
  'l.sentence_id',
] as const

/** Every version of every licence of a person, newest first, with who created, submitted and decided it. */
export function listVersions(db: Executor, personId: number) {
  return db
    .selectFrom('licence_versions as v')
    .innerJoin('licences as l', 'l.id', 'v.licence_id')
    .leftJoin('users as c', 'c.id', 'v.created_by')
    .leftJoin('users as s', 's.id', 'v.submitted_by')
    .leftJoin('users as d', 'd.id', 'v.decided_by')
    .select(versionColumns)
    .select([
      'c.display_name as created_by_name',
      's.display_name as submitted_by_name',
      'd.display_name as decided_by_name',
    ])
    .where('v.person_id', '=', personId)
    .orderBy('v.licence_id', 'desc')
    .orderBy('v.version_number', 'desc')
    .execute()
}
export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number]

/** The next version number of a licence (1 for the first). */
export async function nextVersionNumber(db: Executor, licenceId: number): Promise<number> {
  const row = await db
    .selectFrom('licence_versions')
    .select(db.fn.max('version_number').as('n'))
    .where('licence_id', '=', licenceId)
    .executeTakeFirst()
  return Number(row?.n ?? 0) + 1
}

/** Locks the licence's versions so two changes to one licence are made one after the other. */
export async function lockLicence(db: Executor, licenceId: number) {
  await db.selectFrom('licences').select('id').where('id', '=', licenceId).forUpdate().executeTakeFirst()
}

export async function insertVersion(
  db: Executor,
  row: {
    licenceId: number
    personId: number
    versionNumber: number
    kind: 'initial' | 'variation'
    conditions: unknown
    variationReason: string | null
    by: number | null
  },
) {
  const { id } = await db
    .insertInto('licence_versions')
    .values({
      licence_id: row.licenceId,
      person_id: row.personId,
      version_number: row.versionNumber,
      kind: row.kind,
      status: 'draft',
      conditions: JSON.stringify(row.conditions),
      variation_reason: row.variationReason,
      created_by: row.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Marks a draft of a licence as replaced by a newer one; its conditions stay. A returned version stays returned. */
export async function replaceOpenVersions(db: Executor, licenceId: number) {
  await db
    .updateTable('licence_versions')
    .set({ status: 'replaced' })
    .where('licence_id', '=', licenceId)
    .where('status', '=', 'draft')
    .execute()
}

/** Submits a draft for approval; false if it was no longer a draft. */
export async function markSubmitted(db: Executor, versionId: number, by: { userId: number | null; at: Date }) {
  const result = await db
    .updateTable('licence_versions')
    .set({ status: 'submitted', submitted_at: by.at, submitted_by: by.userId })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records a senior's decision on a submitted version; false if it was no longer submitted. */
export async function markDecided(
  db: Executor,
  versionId: number,
  decision:
    | { status: 'approved'; periodStart: string | null; periodEnd: string | null; periodBasis: string | null }
    | { status: 'returned'; reason: string },
  by: { userId: number | null; at: Date },
) {
  const result = await db
    .updateTable('licence_versions')
    .set({
      status: decision.status,
      decided_at: by.at,
      decided_by: by.userId,
      ...(decision.status === 'approved'
        ? { period_start: decision.periodStart, period_end: decision.periodEnd, period_basis: decision.periodBasis }
        : { return_reason: decision.reason }),
    })
    .where('id', '=', versionId)
    .where('status', '=', 'submitted')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The release recorded on the custody record of a sentence, if any. */
export async function releasedOn(db: Executor, sentenceId: number): Promise<string | null> {
  const row = await db
    .selectFrom('custody_records')
    .select('released_on')
    .where('sentence_id', '=', sentenceId)
    .executeTakeFirst()
  return row?.released_on ?? null
}

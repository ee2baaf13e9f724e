import { sql } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { IsoDate, NewPerson } from '../../db/schema.ts'
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

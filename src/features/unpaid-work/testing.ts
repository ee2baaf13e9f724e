import type { Kysely } from 'kysely'
import type { MadeSentence } from '../../../test/factories/index.ts'
import { findUserId } from '../../../test/factories/queries.ts'
import type { Database } from '../../db/schema.ts'

/** What unpaid work's tests share: a requirement on a made sentence, a user's id, an element's text. */

/** An unpaid work requirement of `hours` on the case's sentence (starting `startDate`, else the sentence date). */
export async function upwRequirement(
  db: Kysely<Database>,
  c: MadeSentence,
  hours: number,
  startDate: string | null = null,
): Promise<number> {
  const row = await db
    .insertInto('requirements')
    .values({
      person_id: c.personId,
      sentence_id: c.sentenceId,
      category: 'unpaid_work',
      length: hours,
      unit: 'hours',
      start_date: startDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A user's id as a number (PostgreSQL returns bigint ids as strings). */
export const userIdOf = async (db: Kysely<Database>, username: string) => Number(await findUserId(db, username))

/** The text of an element marked `data-qa`, without tags. */
export function textOf(body: string, qa: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-qa="${qa}"[\\s\\S]*?</\\1>`).exec(body)
  return (match?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

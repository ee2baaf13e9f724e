import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'

/**
 * A sign-in the benchmark adds to the national dataset for a role it has no user of (a victim liaison officer, approved
 * premises staff): a staff record in the team of `practitioner` (so of the same provider), with the practitioner's
 * password. Nothing is written when the username exists, so a reused BENCH_DATABASE_URL keeps working.
 */
export async function ensureBenchUser(
  db: Kysely<Database>,
  user: { username: string; practitioner: string; staffCode: string; surname: string; grade: string; role: string },
): Promise<void> {
  const exists = await db.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst()
  if (exists) return
  const p = await db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['s.provider_id', 's.team_id', 'u.password_hash'])
    .where('u.username', '=', user.practitioner)
    .executeTakeFirstOrThrow()
  const staff = await db
    .insertInto('staff')
    .values({
      code: user.staffCode,
      forename: 'Bench',
      surname: user.surname,
      grade: user.grade,
      provider_id: p.provider_id,
      team_id: p.team_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: `Bench ${user.surname}`,
      staff_id: staff.id,
      password_hash: p.password_hash,
      roles: [user.role],
    })
    .execute()
}

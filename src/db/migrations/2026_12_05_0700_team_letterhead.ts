import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Letters (appointment, warning, breach) carry the office's letterhead and how to contact it (issue 13, item 6):
// an administrator sets them for each team. The address is kept as typed, one line of the letter per line.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table teams
  add column office_name text,
  add column office_address text,
  add column office_phone text,
  add column office_email text
`.execute(db)
}

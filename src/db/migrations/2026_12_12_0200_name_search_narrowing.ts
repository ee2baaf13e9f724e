import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The misspelt-name search's trigram fallback (issue 21, docs/performance.md): when a typo changes how the surname
// sounds ("Connor Mildey"), `search_name % 'connor mildey'` rechecked 12,454 names at a million people, because the
// forename's trigrams are half the query's and every Connor has them. This index pairs the forename's phonetic key
// (an exact entry, btree_gin) with the surname part's trigrams, so only the Connors whose surname looks like
// "mildey" are rechecked (≈ 50).

export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL only: PGlite's btree_gin hangs on this index's scans, and PGlite's databases are small enough for the
  // search's conditions without it.
  const { rows } = await sql<{
    wasm: boolean
  }>`select version() ilike '%emscripten%' or version() ilike '%wasm%' as wasm`.execute(db)
  if (rows[0]?.wasm) return
  await sql`
create extension if not exists btree_gin;
-- Both expressions must stay identical to forenameKey and surnamePart in features/people/queries.ts.
create index person_names_forename_key_surname_trgm_idx on person_names
  using gin (dmetaphone(split_part(search_name, ' ', 1)), substr(search_name, strpos(search_name, ' ') + 1) gin_trgm_ops);
`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists person_names_forename_key_surname_trgm_idx;`.execute(db)
}

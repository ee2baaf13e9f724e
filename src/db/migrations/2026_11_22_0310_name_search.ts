import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Fuzzy name search at national scale (issue 7, docs/performance.md): a misspelt common surname ("Leon Jnoes")
// brought in every name sharing the surname's phonetic key (≈ 50,000 at a million people) and computed two
// trigram similarities for each. The search now asks for the surname's key and the forename's key together, and
// caps a single word's sound-alikes in name order; these two indexes serve exactly that.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- "Leon Jnoes" and "Jones Leon": the phonetic key of the surname with the phonetic key of the forename (the first word
-- of the normalised name). The expression must stay identical to the one in features/people/queries.ts.
create index person_names_name_keys_idx on person_names (surname_key, dmetaphone(split_part(search_name, ' ', 1)));
-- "Smtih" on its own: the names sharing the key in name order, so the first few hundred are read without sorting
-- tens of thousands. Also serves every lookup by surname_key alone, so the single-column index goes.
create index person_names_surname_key_name_idx on person_names (surname_key, search_name);
drop index person_names_phonetic_idx;
`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
create index person_names_phonetic_idx on person_names (surname_key);
drop index person_names_surname_key_name_idx;
drop index person_names_name_keys_idx;
`.execute(db)
}

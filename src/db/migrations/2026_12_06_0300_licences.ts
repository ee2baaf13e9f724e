import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Licences (issue 14 item 3): a licence per custodial sentence, created before release by the community manager from
// structured conditions and approved by a senior; every version (the first licence and each variation) is its own
// row and is never overwritten: a version moves forward once (draft → submitted → approved or returned), and a draft
// replaced by a newer one is marked replaced, with its conditions kept.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table licences (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  -- The custodial sentence whose release the licence governs.
  sentence_id bigint not null references sentences(id),
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  unique (sentence_id)
);
create index licences_person_idx on licences (person_id);

create table licence_versions (
  id bigint generated always as identity primary key,
  licence_id bigint not null references licences(id),
  person_id bigint not null references people(id),
  version_number integer not null check (version_number > 0),
  kind text not null check (kind in ('initial', 'variation')),
  status text not null check (status in ('draft', 'submitted', 'approved', 'returned', 'replaced')),
  -- { standard: [codes], additional: [{ type, fields, justification }] }, as src/domain/licences validates it.
  conditions jsonb not null,
  -- Why a variation is proposed (required for a variation).
  variation_reason text check (kind = 'initial' or variation_reason is not null),
  created_at timestamptz not null default now(),
  created_by bigint references users(id),
  submitted_at timestamptz,
  submitted_by bigint references users(id),
  decided_at timestamptz,
  decided_by bigint references users(id),
  -- Why a senior returned it.
  return_reason text check (status <> 'returned' or return_reason is not null),
  -- The licence period when approved, from the key dates (release, CRD or ARD, to SLED or LED).
  period_start date,
  period_end date,
  period_basis text,
  unique (licence_id, version_number)
);
create index licence_versions_person_idx on licence_versions (person_id);
`.execute(db)
}

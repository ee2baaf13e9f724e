import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Need-to-know sharing (issue 12): a practitioner asks for time-limited read access to a record and the case's
// manager or their senior grants or refuses it; urgent ("break glass") access is granted at once for 24 hours and
// flagged. Rows are never deleted: a decision, a withdrawal and the audit of an expiry are dated columns.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table access_grants (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  user_id bigint not null references users(id),
  kind text not null check (kind in ('request', 'urgent')),
  reason text not null,
  status text not null check (status in ('pending', 'granted', 'refused', 'withdrawn')),
  requested_at timestamptz not null,
  decided_by bigint references users(id),
  decided_at timestamptz,
  decision_reason text,
  expires_at timestamptz,
  withdrawn_by bigint references users(id),
  withdrawn_at timestamptz,
  withdrawal_reason text,
  expiry_audited_at timestamptz,
  -- The managing team when the request was made, so a senior's needs-attention list finds it.
  managing_team_id bigint references teams(id),
  -- Urgent accesses the managing senior has seen (the flag leaves their list once acknowledged).
  acknowledged_by bigint references users(id),
  acknowledged_at timestamptz
);
create index access_grants_person_idx on access_grants (person_id, status);
create index access_grants_user_idx on access_grants (user_id, status);
create index access_grants_team_idx on access_grants (managing_team_id, status);
`.execute(db)
}

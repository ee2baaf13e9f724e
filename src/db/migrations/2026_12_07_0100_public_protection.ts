import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// Public protection facts (issue 15): what Victim Contact Scheme and MAPPA eligibility need beyond sentences —
// hospital orders (Mental Health Act 1983 s.37, restricted under s.41 or not), Sexual Offences Act 2003 Part 2
// notification requirements, a bar from working with children, and a category 3 ("other dangerous offender")
// decision. Appended: ending one is a row of its own; the database refuses to update or delete either.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table protection_orders (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('hospital_order', 'notification', 'children_barred', 'category3_decision')),
  -- The conviction it follows from (a hospital order's offences), when there is one.
  event_id bigint references events(id),
  start_date date not null,
  -- A planned end (notification for a fixed period); null: until ended or indefinite.
  end_date date check (end_date is null or end_date >= start_date),
  -- A hospital order with a restriction order (s.41).
  restricted boolean not null default false,
  reason text check (length(reason) <= 4000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index protection_orders_person_idx on protection_orders (person_id, id);

create table protection_order_ends (
  id bigint generated always as identity primary key,
  order_id bigint not null unique references protection_orders(id),
  person_id bigint not null references people(id),
  ended_on date not null,
  reason text not null check (length(reason) between 1 and 4000),
  recorded_by bigint references users(id),
  recorded_at timestamptz not null default now()
);
create index protection_order_ends_person_idx on protection_order_ends (person_id);

create function refuse_protection_order_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger protection_orders_append_only before update or delete on protection_orders
  for each row execute function refuse_protection_order_change();
create trigger protection_order_ends_append_only before update or delete on protection_order_ends
  for each row execute function refuse_protection_order_change();
`.execute(db)
}

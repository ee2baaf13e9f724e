import { sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports application code. Later changes get a new migration.
// The allocation queue by delivery unit (issue 21): a PDU's queue used to read every unallocated case in the country
// and look up each one's current sentence's court to find its PDU. The case now carries the PDU whose queue it is in
// (its current sentence's court's PDU, else its managing team's; null when it is in no queue), kept by triggers, so
// a queue reads only its own cases through a small partial index.
//
// The candidate condition below (awaiting allocation, or in custody / on licence with no practitioner, not deleted)
// is the queue's own: the partial indexes repeat it so that the queue's WHERE clause implies their predicate.

const candidate = (p = '') =>
  `${p}deleted_at is null
   and (${p}case_status = 'awaiting_allocation'
        or (${p}case_status in ('in_custody', 'on_licence') and ${p}managing_staff_id is null))`

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
alter table people add column allocation_delivery_unit_id bigint references delivery_units(id);

-- The PDU whose allocation queue a case is in, from the facts given (a BEFORE trigger passes the row being written).
create function allocation_delivery_unit_of(
  p_person_id bigint, p_case_status text, p_team_id bigint, p_staff_id bigint, p_deleted_at timestamptz
) returns bigint language plpgsql stable as $$
declare
  unit bigint;
begin
  if p_deleted_at is not null
     or not (p_case_status = 'awaiting_allocation'
             or (p_case_status in ('in_custody', 'on_licence') and p_staff_id is null)) then
    return null;
  end if;
  -- The current sentence (the latest not terminated), as the allocation clock reads it.
  select c.delivery_unit_id into unit
    from sentences s
    join events e on e.id = s.event_id
    left join courts c on c.id = e.court_id
   where s.person_id = p_person_id and s.terminated_date is null
   order by s.sentence_date desc, s.id desc
   limit 1;
  if unit is null then
    select t.delivery_unit_id into unit from teams t where t.id = p_team_id;
  end if;
  return unit;
end $$;

-- Recomputes one person's queue (a sentence or event changed); a no-op for the 99 % in no queue.
create function refresh_allocation_delivery_unit(p_person_id bigint) returns void language sql as $$
  update people p
     set allocation_delivery_unit_id =
         allocation_delivery_unit_of(p.id, p.case_status, p.managing_team_id, p.managing_staff_id, p.deleted_at)
   where p.id = p_person_id
     and p.allocation_delivery_unit_id is distinct from
         allocation_delivery_unit_of(p.id, p.case_status, p.managing_team_id, p.managing_staff_id, p.deleted_at)
$$;

-- Recomputes every case in a queue (a court or team moved PDU: rare, and a few thousand cases nationally). Also what
-- a bulk load that bypasses triggers (the national seed) runs once at the end. Cases in no queue are not read: the
-- people trigger already set theirs to null when they left it.
create function refresh_allocation_delivery_units() returns void language sql as $$
  update people p
     set allocation_delivery_unit_id =
         allocation_delivery_unit_of(p.id, p.case_status, p.managing_team_id, p.managing_staff_id, p.deleted_at)
   where ${candidate('p.')}
     and p.allocation_delivery_unit_id is distinct from
         allocation_delivery_unit_of(p.id, p.case_status, p.managing_team_id, p.managing_staff_id, p.deleted_at)
$$;

create function people_allocation_delivery_unit() returns trigger language plpgsql as $$
begin
  new.allocation_delivery_unit_id :=
    allocation_delivery_unit_of(new.id, new.case_status, new.managing_team_id, new.managing_staff_id, new.deleted_at);
  return new;
end $$;
create trigger people_allocation_delivery_unit
  before insert or update of case_status, managing_team_id, managing_staff_id, deleted_at on people
  for each row execute function people_allocation_delivery_unit();

create function sentences_allocation_delivery_unit() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform refresh_allocation_delivery_unit(old.person_id); end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.person_id <> old.person_id) then
    perform refresh_allocation_delivery_unit(new.person_id);
  end if;
  return null;
end $$;
create trigger sentences_allocation_delivery_unit
  after insert or delete or update of terminated_date, sentence_date, event_id, person_id on sentences
  for each row execute function sentences_allocation_delivery_unit();

create function events_allocation_delivery_unit() returns trigger language plpgsql as $$
begin
  perform refresh_allocation_delivery_unit(new.person_id);
  if new.person_id <> old.person_id then perform refresh_allocation_delivery_unit(old.person_id); end if;
  return null;
end $$;
create trigger events_allocation_delivery_unit
  after update of court_id, person_id on events
  for each row execute function events_allocation_delivery_unit();

create function organisation_allocation_delivery_units() returns trigger language plpgsql as $$
begin
  perform refresh_allocation_delivery_units();
  return null;
end $$;
create trigger courts_allocation_delivery_units
  after update of delivery_unit_id on courts
  for each statement execute function organisation_allocation_delivery_units();
create trigger teams_allocation_delivery_units
  after update of delivery_unit_id on teams
  for each statement execute function organisation_allocation_delivery_units();

-- Backfill: only the cases in a queue (a few thousand of 1,000,000) get a value; every other case's is null, which
-- the new column already is, so the update reads the candidates through the existing status indexes and nothing else.
select refresh_allocation_delivery_units();

-- A PDU's queue, and a team's own cases (a team's queue is its cases wherever sentenced, plus its PDU's unteamed).
create index people_allocation_queue_idx on people (allocation_delivery_unit_id) where ${candidate()};
create index people_allocation_queue_team_idx on people (managing_team_id) where ${candidate()};
`,
    )
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
drop index people_allocation_queue_team_idx;
drop index people_allocation_queue_idx;
drop trigger teams_allocation_delivery_units on teams;
drop trigger courts_allocation_delivery_units on courts;
drop function organisation_allocation_delivery_units();
drop trigger events_allocation_delivery_unit on events;
drop function events_allocation_delivery_unit();
drop trigger sentences_allocation_delivery_unit on sentences;
drop function sentences_allocation_delivery_unit();
drop trigger people_allocation_delivery_unit on people;
drop function people_allocation_delivery_unit();
drop function refresh_allocation_delivery_units();
drop function refresh_allocation_delivery_unit(bigint);
drop function allocation_delivery_unit_of(bigint, text, bigint, bigint, timestamptz);
alter table people drop column allocation_delivery_unit_id;
`.execute(db)
}

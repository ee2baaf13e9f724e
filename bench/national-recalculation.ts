import { LocalDate } from '@js-joda/core'
import { sql } from 'kysely'
import type { RequestContext } from '../src/access/audit.ts'
import { connect } from '../src/db/connect.ts'
import { buildBooking, calculateKeyDates, type CurrentCustodialSentence } from '../src/domain/sentencing/index.ts'
import { recalculateRisk } from '../src/features/risk/recalculate.ts'
import { crnPrefixOf } from '../src/seed/national/index.ts'

/**
 * Whole-dataset recalculations over the seeded national database (issue 7 budgets: tiers of 1,000,000 people under
 * 60 s; release dates of every custodial case under 30 s). Runs after the HTTP benchmark on the same database.
 *
 * Tiers: the pages' own `recalculateRisk` (predictors and tiers, stored with their inputs and explanations, audit and
 * outbox rows) in batches of 1,000; PROBITY_BENCH_QUICK=1 stops after 2,000 people. Release dates: every current
 * custodial sentence, read in batches of 5,000 people, bookings built and calculated by the sentencing domain
 * (`buildBooking`, `calculateKeyDates`, as `recalculateKeyDates` does per person) and written back set-based (one
 * UPDATE … FROM unnest and one INSERT … SELECT unnest per batch instead of two statements per person).
 */
export async function benchNationalRecalculation(databaseUrl: string, seed: number): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const handle = await connect({ databaseUrl })
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  const today = LocalDate.now()
  try {
    // Tiers.
    const ids = (
      await handle.db
        .selectFrom('people')
        .select('id')
        .where('crn', 'like', `${crnPrefixOf(seed)}%`)
        .orderBy('id')
        .limit(quick ? 2_000 : 10_000_000)
        .execute()
    ).map(r => r.id)
    const ctx: RequestContext = { user: undefined, requestId: 'bench-national-tiers', ip: null }
    let started = performance.now()
    for (let k = 0; k < ids.length; k += 1000) {
      const slice = ids.slice(k, k + 1000)
      await handle.db.transaction().execute(trx => recalculateRisk(trx, ctx, slice, { today, trigger: 'BENCH' }))
    }
    let seconds = (performance.now() - started) / 1000
    console.log(
      `national tier recalculation: ${fmt(ids.length)} people in ${seconds.toFixed(1)} s = ${fmt(ids.length / seconds)} people/s; ` +
        `1,000,000 people ≈ ${(1_000_000 / (ids.length / seconds) / 60).toFixed(1)} min (budget 1 min)`,
    )

    // Release dates for every custodial case.
    started = performance.now()
    let people = 0
    let sentences = 0
    let problems = 0
    let after = 0
    for (;;) {
      const rows = await sql<{
        id: number
        person_id: number
        date_of_birth: string
        custodial_type: 'SDS' | 'SDS_PLUS' | null
        sentence_date: string
        length_value: number | null
        length_unit: 'days' | 'weeks' | 'months' | 'years' | null
        consecutive_to_sentence_id: number | null
        remand_days: number
        tagged_bail_days: number
        offence_date: string | null
        conviction_date: string | null
      }>`
        with batch as (
          select distinct person_id from sentences
          where sentence_type = 'custodial' and terminated_date is null and person_id > ${after}
          order by person_id limit 5000
        )
        select s.id, s.person_id, p.date_of_birth, s.custodial_type, s.sentence_date, s.length_value, s.length_unit,
          s.consecutive_to_sentence_id, s.remand_days, s.tagged_bail_days, o.offence_date, e.conviction_date
        from batch b
        join sentences s on s.person_id = b.person_id and s.sentence_type = 'custodial' and s.terminated_date is null
        join people p on p.id = s.person_id
        join events e on e.id = s.event_id
        left join offences o on o.event_id = s.event_id and o.is_main
        order by s.person_id, s.id
      `.execute(handle.db)
      if (rows.rows.length === 0) break
      const byPerson = new Map<number, typeof rows.rows>()
      for (const r of rows.rows) {
        const list = byPerson.get(r.person_id) ?? []
        list.push(r)
        byPerson.set(r.person_id, list)
      }
      const update = { ids: [] as number[], booking: [] as string[], dates: [] as (string | null)[], explanation: [] as (string | null)[], problem: [] as (string | null)[] }
      const insert = { person: [] as number[], ids: [] as string[], booking: [] as string[], dates: [] as (string | null)[], problem: [] as (string | null)[] }
      for (const [personId, list] of byPerson) {
        const current: CurrentCustodialSentence[] = list.map(r => ({
          ref: String(r.id),
          custodialType: r.custodial_type ?? 'SDS',
          sentenceDate: r.sentence_date,
          offenceDate: r.offence_date ?? r.conviction_date ?? r.sentence_date,
          length: { value: r.length_value ?? 0, unit: r.length_unit ?? 'days' },
          consecutiveTo: r.consecutive_to_sentence_id === null ? null : String(r.consecutive_to_sentence_id),
          remandDays: r.remand_days,
          taggedBailDays: r.tagged_bail_days,
        }))
        const booking = buildBooking(list[0].date_of_birth, current)
        const outcome = calculateKeyDates(booking, today)
        const bookingJson = JSON.stringify(booking)
        const dates = outcome.ok ? JSON.stringify(outcome.value.dates) : null
        const explanation = outcome.ok ? JSON.stringify({ explanations: outcome.value.explanations, regime: outcome.value.regime, hints: outcome.value.hints }) : null
        const problem = outcome.ok ? null : `The release dates could not be calculated: ${outcome.message}`
        if (!outcome.ok) problems++
        for (const r of list) {
          update.ids.push(r.id)
          update.booking.push(bookingJson)
          update.dates.push(dates)
          update.explanation.push(explanation)
          update.problem.push(problem)
        }
        insert.person.push(personId)
        insert.ids.push(JSON.stringify(list.map(r => r.id)))
        insert.booking.push(bookingJson)
        insert.dates.push(dates)
        insert.problem.push(problem)
        sentences += list.length
        people++
        after = personId
      }
      await handle.db.transaction().execute(async trx => {
        await sql`
          update sentences s set custodial_booking = v.booking::jsonb, key_dates = v.dates::jsonb, key_dates_explanation = v.explanation::jsonb,
            key_dates_problem = v.problem, key_dates_calculated_at = now(),
            expected_end_date = coalesce((v.dates::jsonb ->> 'SLED')::date, (v.dates::jsonb ->> 'LED')::date, (v.dates::jsonb ->> 'SED')::date, s.expected_end_date)
          from unnest(${update.ids}::bigint[], ${update.booking}::text[], ${update.dates}::text[], ${update.explanation}::text[], ${update.problem}::text[])
            as v(id, booking, dates, explanation, problem)
          where s.id = v.id
        `.execute(trx)
        await sql`
          insert into key_date_calculations (person_id, sentence_ids, booking, key_dates, problem, trigger)
          select v.person_id, array(select jsonb_array_elements_text(v.ids::jsonb)::bigint), v.booking::jsonb, v.dates::jsonb, v.problem, 'BENCH'
          from unnest(${insert.person}::bigint[], ${insert.ids}::text[], ${insert.booking}::text[], ${insert.dates}::text[], ${insert.problem}::text[])
            as v(person_id, ids, booking, dates, problem)
        `.execute(trx)
      })
    }
    seconds = (performance.now() - started) / 1000
    console.log(
      `national release-date recalculation: ${fmt(people)} custodial cases (${fmt(sentences)} sentences, ${fmt(problems)} refused) in ${seconds.toFixed(1)} s = ` +
        `${fmt(people / seconds)} cases/s (budget: every custodial case under 30 s)`,
    )
  } finally {
    await handle.close()
  }
}

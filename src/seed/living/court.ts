import type { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import type { HearingType, PsrType } from '../../db/schema.ts'
import { reportDueDate } from '../../domain/court-reports/index.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import * as q from './queries.ts'

/**
 * Today's court lists at the demo courts: people awaiting sentence back for sentence with their pre-sentence reports
 * due, a breach hearing, defendants listed with the details of an existing record but not yet matched, and new
 * defendants unknown to the service. Reports are due by the court-report timescales (src/domain/court-reports).
 */

interface CourtSeed {
  trx: Executor
  today: LocalDate
  courts: number[]
  courtTeam: number
  author: number
  officer: number | null
}

type Listed = Awaited<ReturnType<typeof q.listedDetails>>[number]

const NEW_DEFENDANTS: [string, string, string, HearingType, string, string][] = [
  ['Tyler', 'Hargreaves', '1999-04-12', 'first_appearance', 'Theft from a shop', '04600'],
  ['Kerry', 'Bradshaw', '1987-09-30', 'plea', 'Criminal damage', '14900'],
  ['Daniel', 'Okoye', '2001-02-17', 'trial', 'Assault occasioning actual bodily harm', '10400'],
  ['Shauna', 'McBride', '1994-07-08', 'first_appearance', 'Possession of a controlled drug', '19300'],
]

const TIMES = ['10:00', '10:30', '11:00', '11:30', '12:00', '14:00', '14:30', '15:00']

async function hearing(
  c: CourtSeed,
  at: { court: number; date: LocalDate; slot: number; type: HearingType },
  who: { person?: Listed; matched: boolean; listed?: [string, string, string, string, string] },
  outcome: 'adjourned_for_report' | null = null,
) {
  const p = who.person
  const [forename, surname, dob, charge, offence] = who.listed ?? [
    p?.forename ?? '',
    p?.surname ?? '',
    p?.dateOfBirth ?? '',
    'As listed',
    p?.offenceCode ?? '',
  ]
  const time = TIMES[at.slot % TIMES.length]
  return q.insertHearing(c.trx, {
    court_id: c.courts[at.court],
    hearing_date: at.date.toString(),
    session: time < '13:00' ? 'morning' : 'afternoon',
    hearing_time: time,
    court_room: String((at.slot % 3) + 1),
    hearing_type: at.type,
    listed_forename: forename,
    listed_surname: surname,
    listed_date_of_birth: dob || null,
    listed_pnc: p?.pnc ?? null,
    listed_address: null,
    charge,
    offence_code: offence || null,
    person_id: who.matched && p ? p.id : null,
    event_id: who.matched && p ? p.eventId : null,
    matched_by: who.matched ? c.officer : null,
    matched_at: who.matched ? londonInstant(at.date, 9, 0) : null,
    outcome,
    outcome_date: outcome ? at.date.toString() : null,
    created_by: c.officer,
  })
}

/** An earlier hearing adjourned for a report, the report (in progress or requested) and the hearing it is for. */
async function adjournedForReport(c: CourtSeed, p: Listed, type: PsrType, backOn: LocalDate, slot: number) {
  const requested = backOn.minusDays(type === 'standard' ? 21 : 10)
  const earlier = await hearing(
    c,
    { court: 0, date: requested, slot, type: 'first_appearance' },
    { person: p, matched: true },
    'adjourned_for_report',
  )
  const due = reportDueDate(type, requested, { adjournedTo: backOn })
  await q.insertReport(c.trx, {
    person_id: p.id,
    hearing_id: earlier,
    event_id: p.eventId,
    report_type: type,
    requested_date: requested.toString(),
    adjourned_to: backOn.toString(),
    due_date: due.dueDate.toString(),
    due_date_basis: due.basis,
    author_staff_id: c.author,
    team_id: c.courtTeam,
    status: slot % 2 === 0 ? 'in_progress' : 'requested',
    requested_by: c.officer,
  })
  await hearing(c, { court: slot === 2 ? 1 : 0, date: backOn, slot, type: 'sentence' }, { person: p, matched: true })
}

/** Today's lists (and the reports behind them) at the three demo courts. */
export async function seedCourtLists(
  c: CourtSeed,
  awaitingSentence: readonly number[],
  breach: { personId: number },
  existing: readonly number[],
) {
  const people = await q.listedDetails(c.trx, awaitingSentence)
  const [a, b, d, e, f, g] = people
  if (a) await adjournedForReport(c, a, 'short_format', c.today, 0)
  if (b) await adjournedForReport(c, b, 'standard', c.today, 1)
  if (d) await adjournedForReport(c, d, 'standard', c.today, 2)
  if (e) await adjournedForReport(c, e, 'short_format', c.today.plusDays(3), 3)
  // Listed with a record's exact details, for the court officer to match.
  if (f) await hearing(c, { court: 0, date: c.today, slot: 4, type: 'plea' }, { person: f, matched: false })
  if (g) await hearing(c, { court: 1, date: c.today, slot: 5, type: 'plea' }, { person: g, matched: false })
  const [breached] = await q.listedDetails(c.trx, [breach.personId])
  if (breached)
    await hearing(c, { court: 0, date: c.today, slot: 3, type: 'breach' }, { person: breached, matched: true })
  // Someone under supervision, charged again, listed but not yet matched.
  const [known] = await q.listedDetails(c.trx, existing.slice(0, 1))
  if (known) {
    const listed: [string, string, string, string, string] = [
      known.forename,
      known.surname,
      known.dateOfBirth ?? '',
      'Theft from a shop',
      '04600',
    ]
    await hearing(
      c,
      { court: 0, date: c.today, slot: 6, type: 'first_appearance' },
      { person: known, matched: false, listed },
    )
  }
  for (const [k, [forename, surname, dob, type, charge, offence]] of NEW_DEFENDANTS.entries()) {
    const court = k === 3 ? 2 : k % 2
    await hearing(
      c,
      { court, date: c.today, slot: k + 2, type },
      { matched: false, listed: [forename, surname, dob, charge, offence] },
    )
  }
}

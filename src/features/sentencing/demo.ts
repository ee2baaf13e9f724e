import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { systemClock } from '../../clock.ts'
import type { CaseStatus } from '../../db/schema.ts'
import {
  validateCommunityOrder,
  validateSuspendedSentence,
  type Length,
  type RequirementInput,
  type ValidRequirement,
} from '../../domain/sentencing/index.ts'
import { recalculateKeyDates } from './key-dates.ts'
import * as q from './queries.ts'

/**
 * Demo sentences (synthetic): makes the seeded people's records consistent with their case status. People with a
 * managing team get an event and a sentence (mostly community orders with requirements, a few suspended sentence
 * orders, a few custodial sentences with key dates); the unallocated person (index 35) is sentenced and awaiting
 * allocation; index 34 is known from an earlier, completed order and awaits sentence on a new conviction.
 * Deterministic: fixed dates, no randomness. Access limitations are left exactly as the seed made them.
 */

const COURTS = [
  { code: 'NTMC', name: "Northtown Magistrates' Court" },
  { code: 'NTCC', name: 'Northtown Crown Court' },
  { code: 'WBMC', name: "Westbury Magistrates' Court" },
]
/** Theft, burglary (domestic), violence, drug possession, criminal damage, drink driving, fraud. */
const OFFENCES = ['11800', '02800', '10400', '19300', '14900', '14102', '05000']
const SEED_CTX: RequestContext = { user: undefined, requestId: 'demo-seed', ip: null }

const d = (s: string) => LocalDate.parse(s)

interface DemoPerson {
  id: number
  index: number
  dateOfBirth: string
}

/** The seed's transaction and the demo courts' ids by their place in COURTS (cycling). */
interface Seed {
  trx: Executor
  courtId: (i: number) => number
}

/** Call at the end of the demo seed's transaction, after the 36 demo people exist (in CRN order: index = position). */
export async function seedDemoSentences(trx: Executor) {
  const people = (await q.listPeopleInIdOrder(trx)).map((p, index) => ({
    id: p.id,
    index,
    dateOfBirth: p.date_of_birth,
  }))
  const seed: Seed = { trx, courtId: await seedCourts(trx) }
  for (const p of people) await seedPerson(seed, p)
}

async function seedCourts(trx: Executor) {
  const unit = await q.findDeliveryUnitByCode(trx, 'PS-NW-N')
  await q.insertCourtsIfMissing(
    trx,
    COURTS.map(c => ({ ...c, delivery_unit_id: unit?.id ?? null })),
  )
  const courts = new Map(
    (
      await q.listCourtsByCode(
        trx,
        COURTS.map(c => c.code),
      )
    ).map(c => [c.code, c.id]),
  )
  return (i: number) => {
    const id = courts.get(COURTS[i % COURTS.length].code)
    if (id === undefined) throw new Error('The demo courts were not seeded')
    return id
  }
}

async function seedPerson(seed: Seed, p: DemoPerson) {
  const i = p.index
  // Sentence dates spread over 2025–2026, fixed.
  const sentenceDate = LocalDate.of(2025, 1, 6)
    .plusDays(i * 17)
    .toString()
  const conviction = d(sentenceDate).minusDays(21).toString()
  if (i === 34) return knownFromEarlierOrder(seed, p)
  const eventId = await demoEvent(seed, p, 1, conviction, 'sentenced')
  if (i === 35) {
    await communityOrder(seed, p.id, eventId, '2026-11-16', { value: 12, unit: 'months' }, [
      { type: 'unpaid_work', length: 100 },
      { type: 'rehabilitation_activity', length: 20 },
    ])
    await history(seed, p.id, eventId, [['awaiting_allocation', 'Community order recorded on event 1']])
  } else if (i % 9 === 2) {
    await custodialCase(seed, p, eventId, conviction)
  } else if (i % 7 === 5) {
    await suspendedOrder(seed, p, eventId, { sentenceDate, conviction })
  } else {
    const reqs: RequirementInput[] = [{ type: 'rehabilitation_activity', length: 10 + (i % 4) * 5 }]
    if (i % 2 === 0) reqs.push({ type: 'unpaid_work', length: 60 + (i % 5) * 30 })
    if (i % 6 === 1) reqs.push({ type: 'curfew', length: 3, hoursPerDay: 8, daysPerWeek: 7 })
    if (i % 5 === 3) reqs.push({ type: 'drug_rehabilitation', length: 6 })
    if (i % 8 === 6) reqs.push({ type: 'alcohol_treatment', length: 6 })
    await communityOrder(seed, p.id, eventId, sentenceDate, { value: 24, unit: 'months' }, reqs)
    await history(seed, p.id, eventId, [
      ['awaiting_allocation', 'Community order recorded on event 1'],
      ['allocated', 'Demo allocation'],
    ])
  }
}

/** Index 34: a completed order on event 1, and event 2 awaiting sentence. */
async function knownFromEarlierOrder(seed: Seed, p: DemoPerson) {
  const old = await demoEvent(seed, p, 1, '2022-03-01', 'terminated')
  await communityOrder(
    seed,
    p.id,
    old,
    '2022-03-22',
    { value: 12, unit: 'months' },
    [{ type: 'unpaid_work', length: 80 }],
    '2023-03-21',
  )
  const current = await demoEvent(seed, p, 2, '2026-10-26', 'pre_sentence')
  await history(seed, p.id, old, [
    ['awaiting_allocation', 'Community order recorded on event 1'],
    ['allocated', 'Demo allocation'],
    ['ended', 'Every order has ended (event 1 terminated)'],
  ])
  await history(seed, p.id, current, [['pre_sentence', 'Event 2 added']])
}

async function history(seed: Seed, personId: number, eventId: number | null, steps: [CaseStatus, string][]) {
  for (const [status, reason] of steps) {
    await q.insertStatusHistory(seed.trx, { person_id: personId, status, event_id: eventId, reason, changed_by: null })
  }
  await q.setPersonCaseStatus(seed.trx, personId, steps[steps.length - 1][0])
}

async function demoEvent(
  seed: Seed,
  p: DemoPerson,
  eventNumber: number,
  conviction: string,
  status: 'pre_sentence' | 'sentenced' | 'terminated',
) {
  const i = p.index
  const id = await q.insertEvent(seed.trx, {
    person_id: p.id,
    event_number: eventNumber,
    status,
    court_id: seed.courtId(i + eventNumber),
    conviction_date: conviction,
  })
  await q.insertOffence(seed.trx, {
    person_id: p.id,
    event_id: id,
    offence_code: OFFENCES[(i + eventNumber) % OFFENCES.length],
    offence_date: d(conviction)
      .minusDays(40 + i)
      .toString(),
    is_main: true,
  })
  if (i % 5 === 2) {
    await q.insertOffence(seed.trx, {
      person_id: p.id,
      event_id: id,
      offence_code: OFFENCES[(i + 3) % OFFENCES.length],
      is_main: false,
    })
  }
  return id
}

async function requirementsRows(seed: Seed, personId: number, sentenceId: number, reqs: ValidRequirement[]) {
  for (const r of reqs) {
    await q.insertRequirement(seed.trx, {
      person_id: personId,
      sentence_id: sentenceId,
      category: r.type,
      length: r.length,
      unit: r.unit,
      start_date: r.startDate.toString(),
      expected_end_date: r.expectedEndDate.toString(),
      details:
        r.hoursPerDay !== undefined ? JSON.stringify({ hoursPerDay: r.hoursPerDay, daysPerWeek: r.daysPerWeek }) : null,
    })
  }
}

async function communityOrder(
  seed: Seed,
  personId: number,
  eventId: number,
  sentenceDate: string,
  length: Length,
  reqs: RequirementInput[],
  terminated?: string,
) {
  const v = validateCommunityOrder({
    sentenceDate: d(sentenceDate),
    convictionDate: d(sentenceDate),
    length,
    requirements: reqs,
  })
  if (!v.ok) throw new Error(`Demo community order is not valid: ${JSON.stringify(v.errors)}`)
  const id = await q.insertSentence(seed.trx, {
    person_id: personId,
    event_id: eventId,
    sentence_type: 'community_order',
    sentence_date: sentenceDate,
    length_value: length.value,
    length_unit: length.unit,
    start_date: sentenceDate,
    expected_end_date: v.value.endDate.toString(),
    terminated_date: terminated ?? null,
    termination_reason: terminated ? 'completed' : null,
  })
  await requirementsRows(seed, personId, id, v.value.requirements)
  if (terminated) {
    const termination = { date: terminated, reason: 'order_terminated', by: null, at: null }
    await q.terminateRequirementsOfSentence(seed.trx, id, termination)
  }
}

/** Custodial: X100003, X100012 (with a second sentence consecutive to the first), X100021, X100030. */
async function custodialCase(seed: Seed, p: DemoPerson, eventId: number, conviction: string) {
  const i = p.index
  const custodial = (evId: number, date: string, length: Length, consecutiveTo: number | null) =>
    q.insertSentence(seed.trx, {
      person_id: p.id,
      event_id: evId,
      sentence_type: 'custodial',
      sentence_date: date,
      length_value: length.value,
      length_unit: length.unit,
      start_date: date,
      custodial_type: 'SDS',
      consecutive_to_sentence_id: consecutiveTo,
      remand_days: i % 2 === 0 ? 0 : 35,
    })
  const custodialDate = LocalDate.of(2026, 3, 2)
    .plusDays(i * 7)
    .toString()
  await q.setConvictionDate(seed.trx, eventId, d(custodialDate).minusDays(14).toString())
  const first = await custodial(eventId, custodialDate, { value: 18 + (i % 4) * 6, unit: 'months' }, null)
  if (i === 11) {
    const second = await demoEvent(seed, p, 2, conviction, 'sentenced')
    await custodial(second, custodialDate, { value: 6, unit: 'months' }, first)
  }
  await recalculateKeyDates(
    seed.trx,
    SEED_CTX,
    { id: p.id, date_of_birth: p.dateOfBirth },
    { today: d('2026-11-01'), now: systemClock.now(), trigger: 'demo seed' },
  )
  await history(seed, p.id, eventId, [['in_custody', 'Custodial sentence recorded on event 1']])
}

async function suspendedOrder(
  seed: Seed,
  p: DemoPerson,
  eventId: number,
  dates: { sentenceDate: string; conviction: string },
) {
  const i = p.index
  const reqs: RequirementInput[] = [
    { type: 'unpaid_work', length: 120 + (i % 3) * 20 },
    { type: 'rehabilitation_activity', length: 15 },
  ]
  const v = validateSuspendedSentence({
    sentenceDate: d(dates.sentenceDate),
    convictionDate: d(dates.conviction),
    custodialTerm: { value: 6, unit: 'months' },
    operationalPeriod: { value: 24, unit: 'months' },
    supervisionPeriod: { value: 18, unit: 'months' },
    requirements: reqs,
  })
  if (!v.ok) throw new Error(`Demo suspended sentence order is not valid: ${JSON.stringify(v.errors)}`)
  const id = await q.insertSentence(seed.trx, {
    person_id: p.id,
    event_id: eventId,
    sentence_type: 'suspended_sentence_order',
    sentence_date: dates.sentenceDate,
    length_value: 6,
    length_unit: 'months',
    start_date: dates.sentenceDate,
    expected_end_date: v.value.endDate.toString(),
    operational_period_value: 24,
    operational_period_unit: 'months',
    supervision_period_value: 18,
    supervision_period_unit: 'months',
    supervision_end_date: v.value.supervisionEndDate?.toString() ?? null,
  })
  await requirementsRows(seed, p.id, id, v.value.requirements)
  await history(seed, p.id, eventId, [
    ['awaiting_allocation', 'Suspended sentence order recorded on event 1'],
    ['allocated', 'Demo allocation'],
  ])
}

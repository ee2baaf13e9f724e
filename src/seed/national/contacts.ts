import { OUTCOMES, type OutcomeCode } from '../../domain/enforcement/outcomes.ts'
import { NOTES } from './names.ts'
import type { Rng } from './prng.ts'
import type { Batch } from './batch.ts'
import { APPOINTMENT_TYPES, DAY, OTHER_TYPES, OUTCOME_MIX, type Practitioner } from './reference.ts'

/**
 * Contacts: a supervised case's appointments and the contacts between them, and a few for cases without a
 * practitioner.
 */

const WORKDAY_TIMES = [
  9 * 60,
  9 * 60 + 30,
  10 * 60,
  10 * 60 + 30,
  11 * 60,
  11 * 60 + 30,
  13 * 60 + 30,
  14 * 60,
  14 * 60 + 30,
  15 * 60,
  15 * 60 + 30,
  16 * 60,
]

export function appointments(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  m: Practitioner,
  from: number,
  until: number,
  fixedGap: number,
  longRunning: boolean,
  today: number,
  rar: boolean,
  upw: boolean,
) {
  // A practitioner with `historyDays` (the demo region) keeps only that much history: fortnightly from its start.
  const earliest = m.historyDays === undefined ? from : Math.max(from, today - m.historyDays)
  let day = earliest + r.int(2, 6)
  let k = earliest > from ? 12 : 0
  while (day <= until) {
    const weekday = (day + 4) % 7 // 0 = Sunday (1970-01-01 was a Thursday)
    if (weekday === 0) day += 1
    else if (weekday === 6) day += 2
    const minutes = r.pick(WORKDAY_TIMES)
    const startsMs = day * DAY + minutes * 60_000
    let type = k === 0 ? 'IND' : r.weighted(APPOINTMENT_TYPES)
    if ((type === 'RAR' && !rar) || (type === 'UPW' && !upw)) type = 'OFFICE'
    const happened = day < today
    let outcome: OutcomeCode | null = null
    if (happened && !(day >= today - 14 && r.chance(m.pendingOutcomeChance ?? 0.4))) outcome = r.weighted(OUTCOME_MIX)
    const meaning = outcome ? OUTCOMES[outcome] : null
    b.add('contacts', [
      personId,
      eventId,
      type,
      true,
      new Date(startsMs),
      new Date(startsMs + (type === 'UPW' ? 7 * 3_600_000 : 3_600_000)),
      m.staffId,
      m.teamId,
      type === 'HOME_PLANNED' ? 'Home' : 'Probation office',
      true,
      false,
      type === 'RAR',
      r.chance(0.3) ? r.pick(NOTES) : null,
      outcome,
      meaning?.attended ?? null,
      meaning?.compliedOrAcceptable ?? null,
      outcome ? new Date(startsMs + 2 * 3_600_000) : null,
    ])
    // Other contacts between appointments.
    const gap = fixedGap || (longRunning || k < 12 ? 7 : 14)
    otherContacts(b, r, personId, eventId, m, startsMs, gap, today)
    day += gap
    k++
  }
}

/** Contacts that are not appointments (calls, notes, letters) between one appointment and the next. */
function otherContacts(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  m: Practitioner,
  startsMs: number,
  gap: number,
  today: number,
) {
  const others = r.weighted([
    [0, 35],
    [1, 40],
    [2, 20],
    [3, 5],
  ] as const)
  for (let j = 0; j < others; j++) {
    const at = startsMs + r.int(1, gap * 24 - 1) * 3_600_000
    if (at >= today * DAY) break
    const [t, , system] = r.weighted(OTHER_TYPES.map(x => [x, x[1]] as const))
    b.add('contacts', [
      personId,
      eventId,
      t,
      false,
      new Date(at),
      null,
      m.staffId,
      m.teamId,
      null,
      false,
      system,
      false,
      t === 'CASE_NOTE' || r.chance(0.3) ? r.pick(NOTES) : null,
      null,
      null,
      null,
      null,
    ])
  }
}

/** A few contacts for a finished event or a case awaiting sentence (no practitioner attached). */
export function contactsOf(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  _m: undefined,
  from: number,
  until: number,
  count: number,
  _today: number,
  rar: boolean,
  upw: boolean,
) {
  if (until <= from) return
  for (let k = 0; k < count; k++) {
    const day = r.int(from, until)
    const appointment = r.chance(0.6)
    let type = appointment ? r.weighted(APPOINTMENT_TYPES) : r.weighted(OTHER_TYPES.map(x => [x[0], x[1]] as const))
    if ((type === 'RAR' && !rar) || (type === 'UPW' && !upw)) type = 'OFFICE'
    const outcome = appointment ? r.weighted(OUTCOME_MIX) : null
    const meaning = outcome ? OUTCOMES[outcome] : null
    const at = new Date(day * DAY + r.pick(WORKDAY_TIMES) * 60_000)
    b.add('contacts', [
      personId,
      eventId,
      type,
      appointment,
      at,
      appointment ? new Date(at.getTime() + 3_600_000) : null,
      null,
      null,
      null,
      appointment,
      false,
      type === 'RAR',
      r.chance(0.3) ? r.pick(NOTES) : null,
      outcome,
      meaning?.attended ?? null,
      meaning?.compliedOrAcceptable ?? null,
      outcome ? at : null,
    ])
  }
}

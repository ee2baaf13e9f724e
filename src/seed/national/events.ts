import type { Rng } from './prng.ts'
import type { Batch } from './batch.ts'
import { appointments, contactsOf } from './contacts.ts'
import { isoDay, monthsDays, OFFENCES, REQUIREMENTS, type Practitioner } from './reference.ts'

/** Events: the conviction and main offence, the sentence and its requirements, and the contacts under it. */

function sentenceRow(
  b: Batch,
  r: Rng,
  personId: number,
  eventId: number,
  type: 'community_order' | 'suspended_sentence_order' | 'custodial',
  day: number,
  lengthMonths: number,
  end: number,
  terminated: string | null,
): number {
  const sso = type === 'suspended_sentence_order'
  return b.add('sentences', [
    personId,
    eventId,
    type,
    isoDay(day),
    lengthMonths,
    'months',
    isoDay(day),
    isoDay(end),
    type === 'custodial' ? (r.chance(0.9) ? 'SDS' : 'SDS_PLUS') : null,
    type === 'custodial' && r.chance(0.4) ? r.int(1, 120) : 0,
    sso ? r.int(12, 24) : null,
    sso ? 'months' : null,
    sso ? 12 : null,
    sso ? 'months' : null,
    terminated,
    terminated ? (r.chance(0.9) ? 'Completed' : 'Revoked') : null,
  ])
}

/** One to three requirements of a community sentence; says whether RAR and unpaid work are among them. */
function requirementRows(
  b: Batch,
  r: Rng,
  personId: number,
  sentenceId: number,
  day: number,
  end: number,
  terminated: string | null,
): { rar: boolean; upw: boolean } {
  let rar = false
  let upw = false
  const count = r.weighted([
    [1, 50],
    [2, 35],
    [3, 15],
  ] as const)
  const chosen = new Set<string>()
  for (let k = 0; k < count; k++) chosen.add(r.weighted(REQUIREMENTS))
  for (const category of chosen) {
    const [length, unit] =
      category === 'unpaid_work'
        ? [r.int(4, 30) * 10, 'hours']
        : category === 'rehabilitation_activity'
          ? [r.int(10, 40), 'days']
          : category === 'programme'
            ? [r.int(20, 30), 'days']
            : [r.int(3, 12), 'months']
    rar ||= category === 'rehabilitation_activity'
    upw ||= category === 'unpaid_work'
    b.add('requirements', [
      personId,
      sentenceId,
      category,
      length,
      unit,
      isoDay(day),
      isoDay(Math.min(end, day + monthsDays(12))),
      terminated,
      terminated ? 'Completed' : null,
    ])
  }
  return { rar, upw }
}

/** An event with its main offence, its sentence (if sentenced), requirements and contacts. */
export function eventRow(
  b: Batch,
  r: Rng,
  personId: number,
  eventNumber: number,
  status: 'pre_sentence' | 'sentenced' | 'terminated',
  court: number,
  day: number,
  type: 'community_order' | 'suspended_sentence_order' | 'custodial' | null,
  lengthMonths: number,
  finished: boolean,
  today: number,
  manager: Practitioner | undefined,
  longRunning: boolean,
): { eventId: number; offence: string } {
  const conviction = day - (type ? r.int(0, 42) : 0)
  const eventId = b.add('events', [personId, eventNumber, status, court, isoDay(conviction), isoDay(conviction)])
  const offence = r.pick(OFFENCES)
  b.add('offences', [personId, eventId, offence, isoDay(conviction - r.int(20, 300)), true])
  if (!type) {
    contactsOf(
      b,
      r,
      personId,
      eventId,
      undefined,
      day - 30,
      Math.min(today, day + 30),
      r.int(1, 3),
      today,
      false,
      false,
    )
    return { eventId, offence }
  }
  const end = day + monthsDays(lengthMonths)
  const terminated = finished ? isoDay(Math.min(today - 1, end)) : null
  const sentenceId = sentenceRow(b, r, personId, eventId, type, day, lengthMonths, end, terminated)
  const { rar, upw } =
    type === 'custodial'
      ? { rar: false, upw: false }
      : requirementRows(b, r, personId, sentenceId, day, end, terminated)
  if (finished) {
    contactsOf(b, r, personId, eventId, undefined, day, Math.min(today - 1, end), r.int(0, 12), today, rar, upw)
  } else if (manager) {
    // Supervision: weekly for twelve weeks then fortnightly (weekly throughout for long-running cases), from the
    // start (or release, on licence) to four weeks ahead; other contacts in between.
    const from = type === 'custodial' ? day + Math.floor((end - day) / 2) : day
    const inCustody = type === 'custodial' && from > today
    appointments(
      b,
      r,
      personId,
      eventId,
      manager,
      inCustody ? day : from,
      today + 28,
      inCustody ? 56 : 0,
      longRunning,
      today,
      rar,
      upw,
    )
  }
  return { eventId, offence }
}

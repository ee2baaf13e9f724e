import { makePnc } from '../../domain/identifiers/index.ts'
import { normaliseName } from '../../domain/names/normalise.ts'
import { FEMALE_FORENAMES, MALE_FORENAMES, pickSurname, REGIONS, STREETS } from './names.ts'
import { hash32, rng, type Rng } from './prng.ts'
import type { Batch } from './batch.ts'
import { eventRow } from './events.ts'
import {
  CRN_LETTERS,
  DAY,
  isoDay,
  monthsDays,
  type LoadOptions,
  type PersonMade,
  type Practitioner,
  type Shared,
  type Status,
} from './reference.ts'
import { registrationRows, riskItemsRow, roshRow, tierRow } from './risk.ts'

/** One person and their history: names, addresses, earlier and current events, allocation and risk. */

/** One person and their record: names, addresses, events, sentences, requirements, contacts, risk and allocation. */
export function person(
  b: Batch,
  o: LoadOptions,
  i: number,
  st: Status,
  manager: Practitioner | undefined,
  longRunning: boolean,
  nearest: Practitioner,
  s: Shared,
): { personId: number; eventId: number } {
  const r = rng(hash32(o.seed, i, 2))
  const today = s.asOfDay
  const custodial = st === 'on_licence' || st === 'in_custody'
  const who = personRow(b, r, o, i, st, custodial, manager, nearest, s)
  addressRows(b, r, who.personId, s.region ?? REGIONS[s.pduRegion[(manager ?? nearest).pdu]], today)

  const court = s.courtIds[(manager ?? nearest).pdu]
  const { past, currentStart, lengthMonths } = caseDates(r, st, custodial, longRunning, today)
  pastEvents(b, r, who.personId, past, court, currentStart, today)
  const current = eventRow(
    b,
    r,
    who.personId,
    past + 1,
    st === 'pre_sentence' ? 'pre_sentence' : st === 'ended' ? 'terminated' : 'sentenced',
    court,
    currentStart,
    currentType(r, st, custodial),
    custodial ? lengthMonths : r.int(12, 36),
    st === 'ended',
    today,
    manager,
    longRunning,
  )
  if (manager) allocationRows(b, r, who.personId, manager, current.eventId, currentStart, custodial, s)

  // Risk: RoSH for most people under supervision, registrations for some, assessment items and a tier for all.
  const supervised = manager !== undefined || st === 'awaiting_allocation'
  const overall = roshRow(
    b,
    r,
    who.personId,
    manager ? (s.managedRoshChance ?? 0.85) : st === 'ended' ? 0.2 : 0.3,
    currentStart,
    today,
  )
  if (supervised) registrationRows(b, r, who.personId, overall, currentStart, today)
  riskItemsRow(b, r, who, custodial, current.offence, currentStart, today)
  if (supervised && !s.tiersCalculatedLater) tierRow(b, r, who.personId, currentStart, today)
  return { personId: who.personId, eventId: current.eventId }
}

/** The person's own row and their names (an alias for some). */
function personRow(
  b: Batch,
  r: Rng,
  o: LoadOptions,
  i: number,
  st: Status,
  custodial: boolean,
  manager: Practitioner | undefined,
  nearest: Practitioner,
  s: Shared,
): PersonMade {
  const gender = r.weighted([
    ['male', 84],
    ['female', 15],
    ['other', 0.5],
    ['not_known', 0.5],
  ] as const)
  const forename = r.pick(gender === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES)
  const surname = pickSurname(r)
  const middle = r.chance(0.35) ? r.pick(MALE_FORENAMES) : null
  const age = r.weighted([
    [r.int(18, 30), 45],
    [r.int(31, 45), 35],
    [r.int(46, 75), 20],
  ] as const)
  const dobDay = s.asOfDay - Math.round(age * 365.25) - r.int(0, 364)
  const dob = isoDay(dobDay)
  const prefixIndex = CRN_LETTERS.indexOf(s.prefix)
  // The PNC year stands for the seed's letter; serials from 1,000,000 miss the demo's.
  const pnc = r.chance(0.7) ? makePnc(1990 + prefixIndex, 1_000_000 + i) : null
  const nomsNo = Math.floor(i / 10_000)
  const noms = custodial
    ? `${s.prefix}${String(i % 10_000).padStart(4, '0')}${String.fromCharCode(65 + Math.floor(nomsNo / 26))}${String.fromCharCode(65 + (nomsNo % 26))}`
    : null
  const personId = b.add('people', [
    `${s.prefix}${String(i).padStart(6, '0')}`,
    forename,
    middle,
    surname,
    dob,
    gender,
    pnc,
    noms,
    r.chance(0.7) ? `07700 9${String(hash32(o.seed, i, 9) % 100000).padStart(5, '0')}` : null,
    st === 'pre_sentence' ? null : s.providerId,
    st === 'awaiting_allocation' ? nearest.teamId : (manager?.teamId ?? null),
    manager?.staffId ?? null,
    st,
  ])
  const nameRow = (kind: string, f: string, sn: string) =>
    b.add('person_names', [
      personId,
      kind,
      f,
      sn,
      dob,
      normaliseName(`${f} ${sn}`),
      s.keys.get(normaliseName(sn)) ?? '',
    ])
  nameRow('name', forename, surname)
  if (r.chance(0.08))
    nameRow(
      'alias',
      r.chance(0.5) ? forename : r.pick(gender === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES),
      r.chance(0.5) ? surname : pickSurname(r),
    )
  return { personId, age, dobDay }
}

/** The main address, and a previous one for some. */
function addressRows(b: Batch, r: Rng, personId: number, region: { towns: string[]; postcode: string }, today: number) {
  const town = r.pick(region.towns)
  const moved = today - r.int(30, 2000)
  b.add('addresses', [
    personId,
    'main',
    String(r.int(1, 240)),
    r.pick(STREETS),
    town,
    `${region.postcode}${r.int(1, 30)} ${r.int(1, 9)}${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`,
    isoDay(moved),
    null,
  ])
  if (r.chance(0.3))
    b.add('addresses', [
      personId,
      'previous',
      `Flat ${r.int(1, 40)}`,
      r.pick(STREETS),
      r.pick(region.towns),
      `${region.postcode}${r.int(1, 30)} ${r.int(1, 9)}AB`,
      isoDay(moved - r.int(200, 3000)),
      isoDay(moved),
    ])
}

/** How many earlier events, and when the current one started (and a custodial sentence's length). */
function caseDates(r: Rng, st: Status, custodial: boolean, longRunning: boolean, today: number) {
  const past =
    st === 'ended'
      ? r.weighted([
          [0, 62],
          [1, 30],
          [2, 8],
        ] as const)
      : st === 'pre_sentence'
        ? r.weighted([
            [0, 60],
            [1, 30],
            [2, 10],
          ] as const)
        : r.weighted([
            [0, 50],
            [1, 30],
            [2, 15],
            [3, 5],
          ] as const)
  let currentStart: number
  let lengthMonths = 0
  if (st === 'allocated' || st === 'awaiting_allocation') {
    const months = longRunning ? r.int(60, 96) : st === 'awaiting_allocation' ? 0 : r.int(0, 30)
    currentStart =
      today - monthsDays(months) - r.int(st === 'awaiting_allocation' ? 1 : 0, st === 'awaiting_allocation' ? 12 : 29)
  } else if (custodial) {
    lengthMonths = longRunning
      ? r.int(96, 180)
      : r.weighted([
          [r.int(6, 24), 50],
          [r.int(25, 60), 35],
          [r.int(61, 144), 15],
        ] as const)
    const elapsed =
      st === 'on_licence'
        ? r.int(Math.ceil(lengthMonths * 0.55), Math.max(Math.ceil(lengthMonths * 0.55), lengthMonths - 1))
        : r.int(1, Math.max(1, Math.floor(lengthMonths * 0.45)))
    currentStart = today - monthsDays(elapsed) - r.int(0, 29)
  } else if (st === 'pre_sentence') {
    currentStart = today - r.int(1, 60)
  } else {
    currentStart = today - r.int(60, 3000)
  }
  return { past, currentStart, lengthMonths }
}

/** Earlier events, all finished, numbered 1 to `past`, going back in time from before the current one. */
function pastEvents(
  b: Batch,
  r: Rng,
  personId: number,
  past: number,
  court: number,
  currentStart: number,
  today: number,
) {
  let cursorDay = currentStart - r.int(200, 900)
  for (let k = 0; k < past; k++) {
    const sentenceDay = cursorDay - r.int(0, 400)
    cursorDay = sentenceDay - r.int(300, 1200)
    const type = r.weighted([
      ['community_order', 50],
      ['suspended_sentence_order', 20],
      ['custodial', 30],
    ] as const)
    eventRow(b, r, personId, k + 1, 'terminated', court, sentenceDay, type, r.int(6, 36), true, today, undefined, false)
  }
}

function currentType(r: Rng, st: Status, custodial: boolean) {
  if (st === 'allocated' || st === 'awaiting_allocation')
    return r.weighted([
      ['community_order', 70],
      ['suspended_sentence_order', 30],
    ] as const)
  if (custodial) return 'custodial'
  if (st === 'ended')
    return r.weighted([
      ['community_order', 50],
      ['suspended_sentence_order', 20],
      ['custodial', 30],
    ] as const)
  return null
}

function allocationRows(
  b: Batch,
  r: Rng,
  personId: number,
  manager: Practitioner,
  eventId: number,
  currentStart: number,
  custodial: boolean,
  s: Shared,
) {
  const allocatedDay = currentStart + r.int(1, 5)
  const cm = b.add('case_managers', [
    personId,
    s.providerId,
    manager.teamId,
    manager.staffId,
    new Date(allocatedDay * DAY + 10 * 3_600_000),
    'Allocated (synthetic)',
  ])
  b.add('allocations', [
    personId,
    eventId,
    'initial',
    s.providerId,
    manager.teamId,
    manager.staffId,
    cm,
    s.decisionOutcome ?? 'public',
    { outcome: s.decisionOutcome ?? 'public', reasons: [], synthetic: true },
    isoDay(currentStart),
    custodial ? 'licence' : 'order',
    isoDay(allocatedDay + 5),
    new Date(allocatedDay * DAY + 10 * 3_600_000),
  ])
}

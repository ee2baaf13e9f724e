import type { LocalDate } from '@js-joda/core'
import { normaliseName } from '../../domain/names/normalise.ts'
import { Batch, ORDER } from '../national/batch.ts'
import { appointments } from '../national/contacts.ts'
import { SURNAMES } from '../national/names.ts'
import { person } from '../national/person.ts'
import { hash32, rng } from '../national/prng.ts'
import { moveSequence, nextIdOf, surnameKeys } from '../national/queries.ts'
import { DAY, type LoadOptions, type Practitioner, type Shared, type Status } from '../national/reference.ts'
import { riskItemsRow, roshRow } from '../national/risk.ts'
import type { Sink } from '../national/sink.ts'
import type { LivingOrganisation, LivingPractitioner } from './organisation.ts'
import type { ManagedPerson } from './queries.ts'

/**
 * The living region's people, made by the national generator (src/seed/national) inside the demo's own
 * organisation: each practitioner's new cases (mostly community orders, some on licence, a few in custody),
 * cases awaiting allocation, people awaiting sentence and people whose orders have ended. The base demo's people
 * get the generator's appointments and risk assessments too. Dated relative to `today`.
 */

/** The living region's random streams: the same people every time, whatever the day. */
export const LIVING_SEED = 13
/** CRNs X500000…: apart from the base demo's (X100000…, the CRN sequence) and the national seeds' letters. */
const FIRST_INDEX = 500_000
/** A practitioner's appointments from the last fortnight still waiting for an outcome: about one in twenty. */
const PENDING = 0.05
/** Six months of each order's appointments and contacts (longer histories only slow the seed down). */
const HISTORY_DAYS = 182
const TOWNS = { towns: ['Northtown', 'Easton', 'Westbury', 'Southam'], postcode: 'NT' }

export interface MadePerson {
  personId: number
  eventId: number
  status: Status
  practitioner: LivingPractitioner | null
}

export interface LivingPeople {
  made: MadePerson[]
  awaitingAllocation: MadePerson[]
  awaitingSentence: MadePerson[]
}

// The fourteenth case is in custody too: pat.practitioner's second Through the Gate case (released on licence).
const statusOfCase = (k: number): Status =>
  k % 8 === 3 ? 'on_licence' : k % 13 === 6 || k === 13 ? 'in_custody' : 'allocated'

const asPractitioner = (p: LivingPractitioner): Practitioner => ({
  staffId: p.staffId,
  teamId: p.teamId,
  pdu: p.court,
  target: p.newCases,
  pendingOutcomeChance: PENDING,
  historyDays: HISTORY_DAYS,
})

/** Generates the people and writes them (and the base people's appointments and risk) through the sink. */
export async function generateLivingPeople(
  sink: Sink,
  org: LivingOrganisation,
  base: ManagedPerson[],
  today: LocalDate,
): Promise<LivingPeople> {
  const next: Record<string, number> = {}
  for (const table of ORDER) next[table] = await nextIdOf(sink, table)
  const batch = new Batch(next)
  const asOfDay = Math.floor(Date.parse(`${today.toString()}T00:00:00Z`) / DAY)
  const keys = await surnameKeys(sink, [...new Set(SURNAMES.map(s => normaliseName(s)))])
  const shared = (contracted: boolean): Shared => ({
    providerId: contracted ? org.contractedProvider : org.publicProvider,
    courtIds: org.courts,
    pduRegion: org.courts.map(() => 0),
    keys,
    asOfDay,
    prefix: 'X',
    region: TOWNS,
    decisionOutcome: contracted ? 'contracted' : 'public',
    managedRoshChance: 1,
    tiersCalculatedLater: true,
  })
  const o: LoadOptions = {
    seed: LIVING_SEED,
    scale: 0,
    asOf: today.toString(),
    prefix: 'X',
    passwordHash: '',
    log: () => {},
  }
  const made: MadePerson[] = []
  let i = FIRST_INDEX
  for (const p of org.practitioners) {
    const manager = asPractitioner(p)
    for (let k = 0; k < p.newCases; k++) {
      const status = statusOfCase(k)
      const ids = person(batch, o, i++, status, manager, false, manager, shared(p.contracted))
      made.push({ ...ids, status, practitioner: p })
    }
  }
  // Cases without a practitioner: the Northtown team A's queue, people awaiting sentence, orders that have ended.
  const nearest = asPractitioner(org.practitioners[0])
  const others = (status: Status, count: number) =>
    Array.from({ length: count }, () => {
      const ids = person(batch, o, i++, status, undefined, false, nearest, shared(false))
      return { ...ids, status, practitioner: null }
    })
  const awaitingAllocation = others('awaiting_allocation', 6)
  const awaitingSentence = others('pre_sentence', 8)
  const ended = others('ended', 4)
  baseHistories(batch, base, asOfDay)
  await batch.flush(sink)
  for (const table of ORDER) await moveSequence(sink, table, batch.lastIds()[table])
  return { made: [...made, ...awaitingAllocation, ...awaitingSentence, ...ended], awaitingAllocation, awaitingSentence }
}

/** The base demo's supervised people: twelve weeks of appointments (and four ahead), a RoSH and predictor inputs. */
function baseHistories(batch: Batch, base: ManagedPerson[], today: number) {
  for (const b of base) {
    const r = rng(hash32(LIVING_SEED, b.id, 7))
    const start = b.startDate
      ? Math.max(Math.floor(Date.parse(`${b.startDate}T00:00:00Z`) / DAY), today - 84)
      : today - 84
    const dobDay = Math.floor(Date.parse(`${b.dateOfBirth}T00:00:00Z`) / DAY)
    const custodial = b.sentenceType === 'custodial'
    if (!custodial && b.eventId !== null && b.staffId !== null && b.teamId !== null) {
      const m = { staffId: b.staffId, teamId: b.teamId, pdu: 0, target: 0, pendingOutcomeChance: PENDING }
      appointments(batch, r, b.id, b.eventId, m, start, today + 28, 0, false, today, false, false)
    }
    roshRow(batch, r, b.id, 1, start, today)
    const age = Math.floor((today - dobDay) / 365.25)
    riskItemsRow(batch, r, { personId: b.id, age, dobDay }, custodial, b.offenceCode ?? '11800', start, today)
  }
}

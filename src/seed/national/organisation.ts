import { FEMALE_FORENAMES, MALE_FORENAMES, pickSurname, REGIONS } from './names.ts'
import { hash32, rng } from './prng.ts'
import type { Batch } from './batch.ts'
import {
  BENCH_CASELOAD,
  BENCH_PRACTITIONERS,
  MANAGED,
  markerCode,
  PRACTITIONERS_PER_TEAM,
  statusOf,
  TEAMS_PER_PDU,
  type LoadOptions,
  type Practitioner,
} from './reference.ts'

/**
 * Pass 1 of the national seed: who is in which status, and the organisation (units, teams, staff, sign-ins) to hold
 * them.
 */

/** Pass 1: every person's status, and the caseload target of each practitioner needed to hold them. */
export function plan(seed: number, n: number): { status: Uint8Array; targets: number[] } {
  const status = new Uint8Array(n)
  let managed = 0
  for (let i = 0; i < n; i++) {
    status[i] = statusOf(seed, i)
    if (MANAGED.has(status[i])) managed++
  }
  const targets: number[] = []
  for (let k = 0, sum = 0; sum < managed; k++) {
    const t = k < BENCH_PRACTITIONERS ? BENCH_CASELOAD : rng(hash32(seed, k, 3)).int(40, 70)
    targets.push(t)
    sum += t
  }
  return { status, targets }
}

export interface Organisation {
  providerId: number
  courtIds: number[]
  pduRegion: number[]
  practitioners: Practitioner[]
}

/** Regions, PDUs with a court each, and delivery units; returns their ids. */
function seedUnits(batch: Batch, seed: number, providerId: number, pduCount: number) {
  const regionIds = REGIONS.slice(0, Math.min(REGIONS.length, pduCount)).map(r =>
    batch.add('regions', [providerId, `${markerCode(seed)}-${r.code}`, `${r.name} (synthetic)`]),
  )
  const pduIds: number[] = []
  const pduRegion: number[] = []
  const courtIds: number[] = []
  for (let p = 0; p < pduCount; p++) {
    const region = REGIONS[p % regionIds.length]
    const town = region.towns[Math.floor(p / regionIds.length) % region.towns.length]
    const suffix =
      p >= regionIds.length * region.towns.length
        ? ` ${Math.floor(p / (regionIds.length * region.towns.length)) + 1}`
        : ''
    const pdu = batch.add('delivery_units', [
      regionIds[p % regionIds.length],
      `${markerCode(seed)}-P${p + 1}`,
      `${town}${suffix} PDU`,
    ])
    pduIds.push(pdu)
    pduRegion.push(p % regionIds.length)
    courtIds.push(batch.add('courts', [`${markerCode(seed)}C${p + 1}`, `${town}${suffix} Magistrates' Court`, pdu]))
  }
  return { pduIds, pduRegion, courtIds }
}

/** The provider, its units and teams, a senior, a PSO and the practitioners of each team, and the sign-ins. */
export function seedOrganisation(batch: Batch, o: LoadOptions, targets: number[]): Organisation {
  const { seed } = o
  const providerId = batch.add('providers', [
    markerCode(seed),
    `Probity national synthetic dataset (seed ${seed}, scale ${o.scale})`,
    'public',
  ])
  const teamCount = Math.ceil(targets.length / PRACTITIONERS_PER_TEAM)
  const { pduIds, pduRegion, courtIds } = seedUnits(batch, seed, providerId, Math.ceil(teamCount / TEAMS_PER_PDU))
  const teamIds: number[] = []
  const seniors: number[] = []
  let staffNo = 0
  const staffRow = (forename: string, surname: string, grade: string, teamId: number) =>
    batch.add('staff', [`N${seed}S${String(++staffNo).padStart(6, '0')}`, forename, surname, grade, providerId, teamId])
  for (let t = 0; t < teamCount; t++) {
    const team = batch.add('teams', [
      pduIds[Math.floor(t / TEAMS_PER_PDU)],
      `${markerCode(seed)}-T${t + 1}`,
      `Team ${t + 1} (${Math.floor(t / TEAMS_PER_PDU) + 1})`,
    ])
    teamIds.push(team)
    const r = rng(hash32(seed, t, 4))
    seniors.push(staffRow(r.pick(FEMALE_FORENAMES), pickSurname(r), 'SPO', team))
    staffRow(r.pick(MALE_FORENAMES), pickSurname(r), 'PSO', team)
  }
  const practitioners: Practitioner[] = targets.map((target, k) => {
    const r = rng(hash32(seed, k, 5))
    const teamIndex = Math.floor(k / PRACTITIONERS_PER_TEAM)
    const staffId = staffRow(
      r.chance(0.6) ? r.pick(FEMALE_FORENAMES) : r.pick(MALE_FORENAMES),
      pickSurname(r),
      r.chance(0.7) ? 'PO' : 'PSO',
      teamIds[teamIndex],
    )
    return { staffId, teamId: teamIds[teamIndex], pdu: Math.floor(teamIndex / TEAMS_PER_PDU), target }
  })
  for (let k = 0; k < BENCH_PRACTITIONERS && k < practitioners.length; k++) {
    batch.add('users', [
      `nat${seed}.practitioner${k + 1}`,
      `National Practitioner ${k + 1}`,
      practitioners[k].staffId,
      o.passwordHash,
      ['practitioner'],
    ])
  }
  batch.add('users', [`nat${seed}.senior`, 'National Senior', seniors[0], o.passwordHash, ['senior']])
  return { providerId, courtIds, pduRegion, practitioners }
}

import type { LocalDate } from '@js-joda/core'
import { ETE_PROPORTION } from './hours.ts'

/**
 * Placing a person on an unpaid work session, and what a recorded attendance credits (issue 17 items 2–4;
 * ../shared/domain/rules-and-outcomes.md §2.1: group sessions of up to 10 people, up to 20% of the hours as
 * education, training or employment activity, the project suitable for the person's risk). Pure: no I/O.
 */

/** A refusal, on the form field it concerns. */
export interface PlacementRefusal {
  field: string
  message: string
}

/** The largest group a supervisor takes out (rules-and-outcomes.md §2.1: "big enough for 10 people"). */
export const MAX_GROUP_SIZE = 10

/** Registrations that make a project where children are present unsuitable (risk/registration-types.ts). */
export const CHILD_REGISTRATIONS: readonly string[] = ['RCPR', 'RCCO', 'RCHD']

/** Registrations that make a project where vulnerable adults are present unsuitable. */
export const ADULT_AT_RISK_REGISTRATIONS: readonly string[] = ['RVAD']

/** Registrations of a high or very high risk of serious harm. */
export const HIGH_ROSH_REGISTRATIONS: readonly string[] = ['RHRH', 'RVHR']

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/

/**
 * Minutes since midnight of an `HH:MM` time; NaN when it is not one.
 *
 * @example
 * minutesOfDay('09:30') // 570
 */
export function minutesOfDay(time: string): number {
  const m = HHMM.exec(time)
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN
}

/**
 * The minutes between two `HH:MM` times on one day (0 when the end is not after the start).
 *
 * @example
 * minutesBetween('09:00', '16:30') // 450
 */
export function minutesBetween(start: string, end: string): number {
  const d = minutesOfDay(end) - minutesOfDay(start)
  return Number.isFinite(d) && d > 0 ? d : 0
}

/**
 * Whether two time ranges of one day overlap (touching ends do not).
 *
 * @example
 * timesOverlap({ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }) // true
 */
export function timesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return minutesOfDay(a.start) < minutesOfDay(b.end) && minutesOfDay(b.start) < minutesOfDay(a.end)
}

/**
 * A session's default capacity: the project's, at most 10 for a group (rules-and-outcomes.md §2.1).
 *
 * @example
 * defaultSessionCapacity(12, 'group') // 10
 */
export function defaultSessionCapacity(projectCapacity: number, kind: 'group' | 'individual'): number {
  return kind === 'group' ? Math.min(projectCapacity, MAX_GROUP_SIZE) : projectCapacity
}

/**
 * Why a session's capacity is refused, or null: at least 1, at most 10 for a group, at most the project's capacity.
 *
 * @example
 * sessionCapacityProblem(11, 20, 'group') // 'A group session takes at most 10 people'
 */
export function sessionCapacityProblem(
  capacity: number,
  projectCapacity: number,
  kind: 'group' | 'individual',
): string | null {
  if (!Number.isInteger(capacity) || capacity < 1) return 'Enter how many people the session takes, 1 or more'
  if (kind === 'group' && capacity > MAX_GROUP_SIZE) return `A group session takes at most ${MAX_GROUP_SIZE} people`
  if (capacity > projectCapacity) return `The project takes at most ${projectCapacity} people`
  return null
}

/** The project's conditions that matter to the person's risk. */
export interface ProjectRiskFacts {
  publicContact: boolean
  childrenPresent: boolean
  vulnerableAdultsPresent: boolean
}

/** The person's risk: active registration codes and the latest RoSH to the public (null: not assessed). */
export interface PersonRiskFacts {
  registrations: readonly string[]
  roshPublic: 'low' | 'medium' | 'high' | 'very_high' | null
}

/**
 * Why the project is unsuitable for the person's risk, or null.
 *
 * @example
 * riskProblem({ publicContact: false, childrenPresent: true, vulnerableAdultsPresent: false },
 *   { registrations: ['RCCO'], roshPublic: 'low' }) // 'Children are present at this project and they have…'
 */
export function riskProblem(project: ProjectRiskFacts, person: PersonRiskFacts): string | null {
  const has = (codes: readonly string[]) => person.registrations.some(r => codes.includes(r))
  if (project.childrenPresent && has(CHILD_REGISTRATIONS))
    return 'Children are present at this project and they have a child protection or child concern registration'
  if (project.vulnerableAdultsPresent && has(ADULT_AT_RISK_REGISTRATIONS))
    return 'Vulnerable adults are present at this project and they have an adult at risk registration'
  const high = person.roshPublic === 'high' || person.roshPublic === 'very_high' || has(HIGH_ROSH_REGISTRATIONS)
  if (project.publicContact && high)
    return 'This project has contact with the public and they are a high or very high risk of serious harm to the public'
  return null
}

/** A weekly commitment (work, childcare…): ISO day of the week 1–7 and `HH:MM` times. */
export interface Commitment {
  kind: string
  dayOfWeek: number
  start: string
  end: string
}

/** A session's day and times. */
export interface SessionTimes {
  date: LocalDate
  start: string
  end: string
}

/**
 * The first commitment the session clashes with (same day of the week, overlapping times), or undefined.
 *
 * @example
 * clashingCommitment({ date: LocalDate.parse('2026-12-12'), start: '09:00', end: '16:00' },
 *   [{ kind: 'work', dayOfWeek: 6, start: '08:00', end: '12:00' }]) // the work commitment
 */
export function clashingCommitment(session: SessionTimes, commitments: readonly Commitment[]): Commitment | undefined {
  const day = session.date.dayOfWeek().value()
  return commitments.find(c => c.dayOfWeek === day && timesOverlap(session, c))
}

/**
 * A postcode's district (the outward code), upper case; null without one.
 *
 * @example
 * postcodeDistrict('nt1 2ab') // 'NT1'
 */
export function postcodeDistrict(postcode: string | null): string | null {
  const m = /^\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\s*[0-9][A-Za-z]{2}\s*$/.exec(postcode ?? '')
  return m ? m[1]!.toUpperCase() : null
}

/**
 * Whether an exclusion condition's text names the project's postcode district (kept simple: the district as a word,
 * e.g. "must not enter NT1"; a map of the zone is not read).
 *
 * @example
 * namesDistrict('Not to enter postcode area NT1 without approval', 'NT1 2AB') // true
 */
export function namesDistrict(conditionText: string, projectPostcode: string | null): boolean {
  const district = postcodeDistrict(projectPostcode)
  if (!district) return false
  return new RegExp(`(^|[^A-Z0-9])${district}([^A-Z0-9]|$)`).test(conditionText.toUpperCase())
}

/**
 * Whether an ETE session would take the ETE minutes over their share of the ordered hours.
 *
 * @example
 * eteShareExceeded({ eteMinutesCredited: 1080, sessionMinutes: 420, orderedHours: 100 }) // true (1500 > 1200)
 */
export function eteShareExceeded(
  a: { eteMinutesCredited: number; sessionMinutes: number; orderedHours: number },
  share: number = ETE_PROPORTION,
): boolean {
  return a.eteMinutesCredited + a.sessionMinutes > a.orderedHours * 60 * share
}

/** What allocating the person to the session is judged on. */
export interface PlacementFacts {
  session: SessionTimes & { capacity: number; allocated: number }
  project: ProjectRiskFacts & { postcode: string | null }
  person: PersonRiskFacts & { sessionsThatDay: number; commitments: readonly Commitment[]; exclusions: string[] }
  ete: { wanted: boolean; eteMinutesCredited: number; orderedHours: number }
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * Every reason the person may not be placed on the session, each on its field (`crn` for the person, `ete` for the
 * ETE share); empty when they may. `share` is the ETE proportion (20% unless said).
 *
 * @example
 * placementRefusals(facts) // [{ field: 'crn', message: 'The session is full: …' }]
 */
export function placementRefusals(f: PlacementFacts, share: number = ETE_PROPORTION): PlacementRefusal[] {
  const refusals: PlacementRefusal[] = []
  const crn = (message: string) => refusals.push({ field: 'crn', message })
  if (f.session.allocated >= f.session.capacity)
    crn(`The session is full: it takes ${f.session.capacity} and ${f.session.allocated} are allocated`)
  if (f.person.sessionsThatDay > 0) crn('They are already allocated to an unpaid work session that day')
  const risk = riskProblem(f.project, f.person)
  if (risk) crn(risk)
  const clash = clashingCommitment(f.session, f.person.commitments)
  if (clash)
    crn(
      `The session clashes with their ${clash.kind} commitment on ${DAYS[clash.dayOfWeek - 1]} ${clash.start} to ${clash.end}`,
    )
  if (f.person.exclusions.some(text => namesDistrict(text, f.project.postcode)))
    crn(`The project is in ${postcodeDistrict(f.project.postcode)}, an exclusion zone of their licence`)
  const sessionMinutes = minutesBetween(f.session.start, f.session.end)
  if (f.ete.wanted && eteShareExceeded({ ...f.ete, sessionMinutes }, share))
    refusals.push({
      field: 'ete',
      message: `This session would take their education, training or employment time over ${Math.round(share * 100)}% of the ${f.ete.orderedHours} hours ordered`,
    })
  return refusals
}

/** What the supervisor recorded for a person at a session. */
export type AttendanceOutcome = 'worked' | 'sent_home' | 'stood_down' | 'absent_acceptable' | 'absent_unacceptable'

/**
 * The minutes a record credits to the order: worked + travel − penalty, never below 0; nothing for an absence or a
 * session stood down; for someone sent home, the time worked before.
 *
 * @example
 * minutesCredited({ outcome: 'worked', worked: 420, travel: 30, penalty: 60 }) // 390
 */
export function minutesCredited(r: { outcome: AttendanceOutcome; worked: number; travel: number; penalty: number }) {
  if (r.outcome !== 'worked' && r.outcome !== 'sent_home') return 0
  return Math.max(0, r.worked + r.travel - r.penalty)
}

/**
 * Why a session may not be recorded yet, or null: not before the session's date.
 *
 * @example
 * recordingTooEarly(LocalDate.parse('2026-12-08'), LocalDate.parse('2026-12-07')) // 'You cannot record …'
 */
export function recordingTooEarly(sessionDate: LocalDate, today: LocalDate): string | null {
  return sessionDate.isAfter(today) ? 'You cannot record attendance before the day of the session' : null
}

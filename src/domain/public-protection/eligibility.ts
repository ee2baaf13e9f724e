import type { LocalDate } from '@js-joda/core'
import { addWorkingDays } from '../calendar/index.ts'
import { violentOrSexual } from '../recall/index.ts'
import { endDate, type Length } from '../sentencing/orders.ts'
import type { HospitalOrder, ProtectionFacts, ProtectionSentence } from './facts.ts'

/**
 * Eligibility for the Victim Contact Scheme and the MAPPA category, worked out from the record.
 *
 * Sources: shared/domain/rules-and-outcomes.md §3.4 "Victim Contact Scheme (VCS)": "Offender convicted of a violent
 * or sexual offence and sentenced to 12 months or more custody, or detained in hospital under the Mental Health Act
 * 1983"; §3.3 "Victim referral": the witness care unit refers "within 20 working days"; §3.5 "MAPPA": category 1
 * registered sexual offenders (Sexual Offences Act 2003 Part 2 notification), category 2 violent offenders sentenced to
 * 12 months or more custody or a hospital order, "also some sexual offenders not subject to notification and people
 * disqualified from working with children", category 3 other dangerous offenders by decision.
 *
 * Violent or sexual is the offence code's category (OGRS3, else SNSV; `violentOrSexual`), as for fixed-term recall.
 * A suspended sentence order is not "12 months or more custody": nobody is detained under it.
 */

export const VCS_SOURCE = 'rules-and-outcomes.md §3.4 "Victim Contact Scheme (VCS)"'
export const MAPPA_SOURCE = 'rules-and-outcomes.md §3.5 "MAPPA"'
/** §3.3 "Victim referral": the witness care unit refers an eligible victim within 20 working days. */
export const VCS_REFERRAL_WORKING_DAYS = 20
/** §3.4 and §3.5: "12 months or more" custody. */
export const QUALIFYING_CUSTODY: Length = { value: 12, unit: 'months' }

const SEXUAL_CATEGORIES = new Set(['Sexual (not against child)', 'Sexual (against child)'])

export interface VcsEligibility {
  eligible: boolean
  /** Why, in words, naming the offence and the sentence or order. */
  reason: string
  /** The date of the qualifying sentence or hospital order (the latest when several qualify). */
  qualifyingDate: LocalDate | null
  /** 20 working days after it: when a referral should have reached the victim liaison team. */
  referralDueBy: LocalDate | null
  source: string
}

export type MappaCategory = 1 | 2 | 3

export interface MappaEligibility {
  category: MappaCategory | null
  /** Every reason found, each naming its category, the chosen (lowest-numbered) category's first. */
  reasons: string[]
  source: string
}

interface Qualifying {
  date: LocalDate
  kind: 'violent' | 'sexual'
  text: string
}

/** Whether a custodial term is 12 months or more: the term ends no earlier than 12 months would. */
export function isQualifyingCustody(sentenceDate: LocalDate, length: Length): boolean {
  return !endDate(sentenceDate, length).isBefore(endDate(sentenceDate, QUALIFYING_CUSTODY))
}

const lengthText = (l: Length) => `${l.value} ${l.value === 1 ? l.unit.replace(/s$/, '') : l.unit}`
/** "6 December 2026": the reasons are shown to users as they are. */
const dayText = (d: LocalDate) => {
  const month = d.month().toString()
  return `${d.dayOfMonth()} ${month[0]}${month.slice(1).toLowerCase()} ${d.year()}`
}

function offenceOf(codes: readonly string[]) {
  const found = codes.map(violentOrSexual).find(o => o !== null)
  if (!found) return null
  return { ...found, kind: SEXUAL_CATEGORIES.has(found.category) ? ('sexual' as const) : ('violent' as const) }
}

function qualifyingSentence(s: ProtectionSentence): Qualifying | null {
  if (s.ended || s.type !== 'custodial' || !s.length || !isQualifyingCustody(s.sentenceDate, s.length)) return null
  const offence = offenceOf(s.offenceCodes)
  if (!offence) return null
  return {
    date: s.sentenceDate,
    kind: offence.kind,
    text: `a ${offence.kind} offence (${offence.code}, “${offence.category}”) with ${lengthText(s.length)} in custody, sentenced on ${dayText(s.sentenceDate)}`,
  }
}

function qualifyingHospitalOrder(h: HospitalOrder): Qualifying | null {
  const offence = offenceOf(h.offenceCodes)
  if (!offence) return null
  const kind = h.restricted ? 'a hospital order with a restriction order' : 'a hospital order'
  return {
    date: h.orderDate,
    kind: offence.kind,
    text: `a ${offence.kind} offence (${offence.code}, “${offence.category}”) with ${kind} made on ${dayText(h.orderDate)}`,
  }
}

function qualifying(facts: ProtectionFacts): Qualifying[] {
  return [...facts.sentences.map(qualifyingSentence), ...facts.hospitalOrders.map(qualifyingHospitalOrder)]
    .filter((q): q is Qualifying => q !== null)
    .sort((a, b) => b.date.compareTo(a.date))
}

/**
 * Whether the victims of this case are eligible for the Victim Contact Scheme, why, and when the referral is due.
 *
 * @example
 * vcsEligibility({ sentences: [{ sentenceId: 1, sentenceDate: LocalDate.parse('2026-03-02'), type: 'custodial',
 *   length: { value: 2, unit: 'years' }, offenceCodes: ['00101'], ended: false }], hospitalOrders: [],
 *   notification: null, childrenBarred: false, category3Decision: null })
 * // { eligible: true, reason: 'Convicted of a violent offence (00101, …) with 2 years in custody …', … }
 */
export function vcsEligibility(facts: ProtectionFacts): VcsEligibility {
  const found = qualifying(facts)[0]
  if (!found) {
    return {
      eligible: false,
      reason:
        'Not eligible: no violent or sexual offence with 12 months or more in custody or a hospital order. The victim liaison team may still offer contact at its discretion (for example to victims of domestic abuse).',
      qualifyingDate: null,
      referralDueBy: null,
      source: VCS_SOURCE,
    }
  }
  return {
    eligible: true,
    reason: `Eligible: convicted of ${found.text}.`,
    qualifyingDate: found.date,
    referralDueBy: addWorkingDays(found.date, VCS_REFERRAL_WORKING_DAYS),
    source: VCS_SOURCE,
  }
}

/**
 * The MAPPA category the record supports, with every reason; the lowest-numbered category wins (category 1 over 2
 * over 3), as a person is managed under one category.
 *
 * @example
 * mappaEligibility({ sentences: [], hospitalOrders: [], notification: { from: LocalDate.parse('2025-01-01'),
 *   until: null }, childrenBarred: false, category3Decision: null })
 * // { category: 1, reasons: ['Category 1: subject to the notification requirements …'], … }
 */
export function mappaEligibility(facts: ProtectionFacts): MappaEligibility {
  const reasons: { category: MappaCategory; text: string }[] = []
  if (facts.notification) {
    const until = facts.notification.until ? `until ${dayText(facts.notification.until)}` : 'indefinitely'
    reasons.push({
      category: 1,
      text: `Category 1: a registered sexual offender, subject to the notification requirements of the Sexual Offences Act 2003 Part 2 from ${dayText(facts.notification.from)} ${until}.`,
    })
  }
  for (const q of qualifying(facts)) {
    // A sexual offender under notification is category 1 already; one who is not is category 2 (§3.5).
    if (q.kind === 'sexual' && facts.notification) continue
    const who = q.kind === 'violent' ? 'a violent offender' : 'a sexual offender not subject to notification'
    reasons.push({ category: 2, text: `Category 2: ${who}, convicted of ${q.text}.` })
  }
  if (facts.childrenBarred) {
    reasons.push({ category: 2, text: 'Category 2: disqualified from working with children.' })
  }
  if (facts.category3Decision) {
    reasons.push({
      category: 3,
      text: `Category 3: assessed on ${dayText(facts.category3Decision.decidedOn)} as an other dangerous offender: ${facts.category3Decision.reason}`,
    })
  }
  reasons.sort((a, b) => a.category - b.category)
  return {
    category: reasons[0]?.category ?? null,
    reasons: reasons.length
      ? reasons.map(r => r.text)
      : [
          'Not eligible for MAPPA: no sexual offence notification, no violent or sexual offence with 12 months or more in custody or a hospital order, not disqualified from working with children, and no category 3 decision.',
        ],
    source: MAPPA_SOURCE,
  }
}

/** MAPPA management levels (§3.5). */
export const MAPPA_LEVELS: Record<1 | 2 | 3, string> = {
  1: 'Level 1: ordinary agency management',
  2: 'Level 2: active multi-agency management through MAPP meetings',
  3: 'Level 3: as level 2, with senior staff able to commit special resources',
}

/** The reason a level cannot be set, or null (a level needs a category: §3.5, "Bad input" in issue 15). */
export function mappaLevelRefusal(category: number | null, level: number | null): string | null {
  if (level !== null && ![1, 2, 3].includes(level)) return 'Choose MAPPA level 1, 2 or 3'
  if (level !== null && category === null) return 'Choose the MAPPA category before setting a level'
  return null
}

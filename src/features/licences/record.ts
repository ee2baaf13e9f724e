import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import {
  licencePeriod,
  type LicenceConditions,
  type LicenceKeyDates,
  type LicencePeriod,
} from '../../domain/licences/index.ts'
import { loadSentenceSummary } from '../sentencing/index.ts'
import { listVersions, releasedOn, type VersionRow } from './queries.ts'

/** Reading a person's licences: the custodial sentence a licence is for, its period, and every version. */

export interface LicenceSentence {
  sentenceId: number
  eventNumber: number
  typeText: string
  sentenceDate: string
  keyDates: { key: string; name: string; date: string }[]
  releasedOn: string | null
  period: LicencePeriod
}

export interface LicenceRecord {
  /** The latest current custodial sentence, or null when there is none to write a licence for. */
  sentence: LicenceSentence | null
  /** Every version of every licence of the person, newest first. */
  versions: VersionRow[]
  /** The approved version in force for the sentence (the latest approved), or null. */
  current: VersionRow | null
  /** The version being worked on (a draft, one waiting for approval, or one returned), or null. */
  open: VersionRow | null
}

const PERIOD_KEYS = ['CRD', 'ARD', 'SLED', 'LED', 'SED'] as const

/** The key dates the licence period is read from, as the release-date engine stored them. */
export function periodKeyDates(keyDates: { key: string; date: string }[]): LicenceKeyDates {
  const dates: LicenceKeyDates = {}
  for (const k of keyDates)
    if ((PERIOD_KEYS as readonly string[]).includes(k.key))
      dates[k.key as (typeof PERIOD_KEYS)[number]] = LocalDate.parse(k.date)
  return dates
}

/** The conditions stored on a version. */
export const conditionsOf = (v: VersionRow) => v.conditions as LicenceConditions

/**
 * The licence part of a record: the latest current custodial sentence with its key dates and licence period, and
 * every licence version. No access check: call it inside `openRecord`.
 */
export async function loadLicenceRecord(db: Executor, personId: number, today: string): Promise<LicenceRecord> {
  const [summary, versions] = await Promise.all([loadSentenceSummary(db, personId, today), listVersions(db, personId)])
  const custodial = summary.current.find(s => s.type === 'custodial') ?? null
  let sentence: LicenceSentence | null = null
  if (custodial) {
    const released = await releasedOn(db, custodial.sentenceId)
    sentence = {
      sentenceId: custodial.sentenceId,
      eventNumber: custodial.eventNumber,
      typeText: custodial.typeText,
      sentenceDate: custodial.sentenceDate,
      keyDates: custodial.keyDates,
      releasedOn: released,
      period: licencePeriod(periodKeyDates(custodial.keyDates), released ? LocalDate.parse(released) : null),
    }
  }
  const ofSentence = versions.filter(v => sentence && v.sentence_id === sentence.sentenceId)
  return {
    sentence,
    versions,
    current: ofSentence.find(v => v.status === 'approved') ?? null,
    open: ofSentence[0] && ['draft', 'submitted', 'returned'].includes(ofSentence[0].status) ? ofSentence[0] : null,
  }
}

import { LocalDate } from '@js-joda/core'
import {
  clockStatus,
  isInPreReleaseWindow,
  isScreeningPartTwoRequired,
  preReleaseWindow,
  screeningPartOneDue,
  screeningPartTwoDue,
  type ClockStatus,
  type PreReleaseWindow,
} from '../../domain/resettlement/index.ts'
import type { CustodialSentenceRow, CustodyRecordRow, ScreeningRow } from './queries.ts'

/**
 * Where one person's Through the Gate work stands (pure: rows and `today` in, clocks out): which custodial sentence
 * and custody record it is about, screening parts 1 and 2 with their due dates and status, and the pre-release window
 * from the key dates the sentencing feature stored. Used by the person's page and the work list alike.
 */

export interface ScreeningClock {
  /** Null when there is no clock: part 1 without a custody record (no reception date). */
  due: LocalDate | null
  /** The current (latest recorded) screening of this part, if any. */
  done: ScreeningRow | null
  /** Every recording of this part, in order (corrections are appended). */
  history: ScreeningRow[]
  status: ClockStatus | null
}

export interface ResettlementState {
  sentence: CustodialSentenceRow
  custody: CustodyRecordRow | null
  released: boolean
  partOne: ScreeningClock
  partTwo: ScreeningClock & { required: boolean }
  window: PreReleaseWindow | null
  inWindow: boolean
}

const date = (iso: string) => LocalDate.parse(String(iso).slice(0, 10))

/**
 * The sentence the resettlement work is about: the one of an open custody record (not yet released, latest reception)
 * when it is still current, else the newest current custodial sentence. Null when there is none.
 */
export function resettlementSentence(
  sentences: readonly CustodialSentenceRow[],
  records: readonly CustodyRecordRow[],
): { sentence: CustodialSentenceRow; custody: CustodyRecordRow | null } | null {
  const open = records.find(r => r.released_on === null && sentences.some(s => s.id === r.sentence_id))
  const sentence = open ? sentences.find(s => s.id === open.sentence_id) : sentences[0]
  if (!sentence) return null
  return { sentence, custody: open ?? records.find(r => r.sentence_id === sentence.id) ?? null }
}

function keyDatesOf(sentence: CustodialSentenceRow): Record<string, string> {
  const stored: unknown = sentence.key_dates
  if (typeof stored !== 'object' || stored === null) return {}
  return Object.fromEntries(Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/** The clocks of one sentence's resettlement work on `today`. */
export function resettlementState(
  chosen: { sentence: CustodialSentenceRow; custody: CustodyRecordRow | null },
  screeningRows: readonly ScreeningRow[],
  today: LocalDate,
): ResettlementState {
  const { sentence, custody } = chosen
  const rows = screeningRows.filter(s => s.sentence_id === sentence.id)
  const history = (part: 1 | 2) => rows.filter(r => Number(r.part) === part)
  const one = history(1)
  const two = history(2)
  const oneDone = one[one.length - 1] ?? null
  const twoDone = two[two.length - 1] ?? null
  const oneDue = custody ? screeningPartOneDue(date(custody.reception_date)) : null
  const required =
    sentence.length_value !== null && sentence.length_unit !== null
      ? isScreeningPartTwoRequired({
          sentenceDate: date(sentence.sentence_date),
          length: { value: sentence.length_value, unit: sentence.length_unit },
        })
      : false
  const oneDoneOn = oneDone ? date(oneDone.completed_on) : null
  const twoDue =
    required && (oneDue || oneDoneOn)
      ? screeningPartTwoDue({ partOneDue: oneDue ?? oneDoneOn!, partOneDoneOn: oneDoneOn })
      : null
  const status = (due: LocalDate | null, done: ScreeningRow | null) =>
    due ? clockStatus({ due, doneOn: done ? date(done.completed_on) : null, today }) : null
  const window = preReleaseWindow(keyDatesOf(sentence))
  const released = custody?.released_on != null
  return {
    sentence,
    custody,
    released,
    partOne: { due: oneDue, done: oneDone, history: one, status: status(oneDue, oneDone) },
    partTwo: { required, due: twoDue, done: twoDone, history: two, status: required ? status(twoDue, twoDone) : null },
    window,
    inWindow: !released && isInPreReleaseWindow(window, today),
  }
}

import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { lookupOffenceCode } from './offence-codes.ts'
import {
  recordedSentenceType,
  riskInputsFromRecord,
  type RecordedEvent,
  type RecordedSentence,
} from './record-inputs.ts'

const d = LocalDate.parse
const today = d('2026-11-20')

const sentence = (over: Partial<RecordedSentence> = {}): RecordedSentence => ({
  type: 'community_order',
  sentenceDate: d('2026-06-01'),
  startDate: null,
  expectedEndDate: d('2027-06-01'),
  terminatedDate: null,
  releaseDate: null,
  requirements: ['rehabilitation_activity'],
  ...over,
})
const event = (n: number, over: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventNumber: n,
  status: 'sentenced',
  convictionDate: d('2026-05-10'),
  offences: [{ code: '11800', main: true }],
  sentences: [],
  ...over,
})

describe('the tiers’ view of the current sentences (risk-and-tier.md §9.1)', () => {
  it.each([
    ['no events: the record cannot say', [], undefined],
    ['an order with a RAR', [event(1, { sentences: [sentence()] })], 'COMMUNITY_REHABILITATIVE'],
    [
      'unpaid work and a curfew only',
      [event(1, { sentences: [sentence({ requirements: ['unpaid_work', 'curfew'] })] })],
      'COMMUNITY_OTHER',
    ],
    ['custody wins', [event(1, { sentences: [sentence(), sentence({ type: 'custodial' })] })], 'CUSTODY'],
    [
      'a terminated order is not current',
      [event(1, { sentences: [sentence({ terminatedDate: d('2026-09-01') })] })],
      'NONE',
    ],
    [
      'an order past its end is not current',
      [event(1, { sentences: [sentence({ expectedEndDate: d('2026-11-19') })] })],
      'NONE',
    ],
    ['awaiting sentence only', [event(1, { status: 'pre_sentence' })], 'NONE'],
  ] as const)('%s', (_name, events, expected) => {
    expect(recordedSentenceType(events as unknown as RecordedEvent[], today)).toBe(expected)
  })
})

describe('inputs filled from the record (§2, §3.1, §6.1)', () => {
  it('takes the current event’s conviction, main offence and order start, and counts every conviction up to it', () => {
    const violent = ['10400', '00101', '00500'].find(c => lookupOffenceCode(c)?.violent)
    expect(violent).toBeDefined()
    const events = [
      event(1, {
        status: 'terminated',
        convictionDate: d('2019-03-01'),
        offences: [{ code: violent!, main: true }],
        sentences: [sentence({ sentenceDate: d('2019-03-20'), terminatedDate: d('2020-03-19') })],
      }),
      event(2, {
        convictionDate: d('2026-05-10'),
        offences: [
          { code: '19300', main: false },
          { code: '11800', main: true },
        ],
        sentences: [sentence({ sentenceDate: d('2026-06-01'), startDate: d('2026-06-03') })],
      }),
      event(3, { status: 'pre_sentence', convictionDate: null, offences: [] }),
    ]
    const r = riskInputsFromRecord(events, { inCustody: false }, today)
    expect(r.dateOfCurrentConviction?.value.toString()).toBe('2026-05-10')
    expect(r.currentOffenceCode?.value).toBe('11800')
    expect(r.dateAtStartOfFollowup?.value.toString()).toBe('2026-06-03')
    expect(r.supervisionStatus?.value).toBe('COMMUNITY')
    expect(r.totalNumberOfSanctionsForAllOffences).toEqual({ value: 2, source: 'convictions recorded: events 1, 2' })
    expect(r.totalNumberOfViolentSanctions?.value).toBe(1)
    expect(r.dateOfFirstSanction?.value.toString()).toBe('2019-03-01')
    expect(r.sentenceType?.value).toBe('COMMUNITY_REHABILITATIVE')
  })

  it('for custody, starts the follow-up at the release date, and leaves it to be asked when not known', () => {
    const custody = (releaseDate: LocalDate | null) => [
      event(1, { sentences: [sentence({ type: 'custodial', expectedEndDate: d('2028-01-01'), releaseDate })] }),
    ]
    const released = riskInputsFromRecord(custody(d('2027-01-15')), { inCustody: true }, today)
    expect(released.dateAtStartOfFollowup?.value.toString()).toBe('2027-01-15')
    expect(released.supervisionStatus?.value).toBe('CUSTODY')
    expect(riskInputsFromRecord(custody(null), { inCustody: true }, today).dateAtStartOfFollowup).toBeUndefined()
  })

  it('before sentence, uses the event awaiting sentence; with no conviction at all, gives only what it knows', () => {
    const awaiting = riskInputsFromRecord(
      [event(1, { status: 'pre_sentence', convictionDate: d('2026-10-26') })],
      { inCustody: false },
      today,
    )
    expect(awaiting.dateOfCurrentConviction?.value.toString()).toBe('2026-10-26')
    expect(awaiting.dateAtStartOfFollowup).toBeUndefined()
    expect(awaiting.supervisionStatus).toBeUndefined()
    expect(awaiting.totalNumberOfSanctionsForAllOffences?.value).toBe(1)
    expect(riskInputsFromRecord([], { inCustody: null }, today)).toEqual({})
  })
})

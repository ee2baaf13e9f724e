import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { recalculateKeyDates } from './key-dates.ts'
import { recalculateAllKeyDates } from './recalculate-all.ts'

/**
 * The batched nightly recalculation against the per-person `recalculateKeyDates` the pages call: for the same cases
 * (a single sentence, a consecutive chain with remand and tagged bail, SDS+ with a concurrent SDS, one consecutive to
 * a terminated sentence, an offence without a date, and two the calculator refuses) it must store exactly the same
 * values on the sentences and in `key_date_calculations`, and leave unchanged cases alone.
 */

let handle: DatabaseHandle
const ctx = { user: undefined, requestId: 'test', ip: null }
const today = LocalDate.parse('2026-11-22')
const ORIGINAL_END = '2099-12-31'

interface SentenceSpec {
  type?: 'custodial' | 'community_order'
  custodialType?: 'SDS' | 'SDS_PLUS'
  length?: [number, 'days' | 'weeks' | 'months' | 'years'] | null
  sentenceDate?: string
  offenceDate?: string | null
  /** Index (in this person's list) of the sentence this one runs after. */
  consecutiveTo?: number
  remandDays?: number
  taggedBailDays?: number
  terminated?: boolean
}

let serial = 0
/** A person with one event (conviction 2026-02-02, main offence dated `offenceDate`) per sentence. */
async function newCase(
  specs: SentenceSpec[],
  dateOfBirth = '1990-05-05',
): Promise<{ personId: number; sentenceIds: number[] }> {
  const db = handle.db
  serial++
  const { id: personId } = await db
    .insertInto('people')
    .values({
      crn: `R${String(serial).padStart(6, '0')}`,
      forename: 'Batch',
      surname: `Case${serial}`,
      date_of_birth: dateOfBirth,
      gender: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const sentenceIds: number[] = []
  for (const [k, s] of specs.entries()) {
    const { id: eventId } = await db
      .insertInto('events')
      .values({ person_id: personId, event_number: k + 1, status: 'sentenced', conviction_date: '2026-02-02' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('offences')
      .values({
        person_id: personId,
        event_id: eventId,
        offence_code: '11800',
        offence_date: s.offenceDate === undefined ? '2026-01-05' : s.offenceDate,
        is_main: true,
      })
      .execute()
    const length = s.length === undefined ? ([12, 'months'] as const) : s.length
    const { id } = await db
      .insertInto('sentences')
      .values({
        person_id: personId,
        event_id: eventId,
        sentence_type: s.type ?? 'custodial',
        sentence_date: s.sentenceDate ?? '2026-03-02',
        length_value: length?.[0] ?? null,
        length_unit: length?.[1] ?? null,
        custodial_type: (s.type ?? 'custodial') === 'custodial' ? (s.custodialType ?? 'SDS') : null,
        consecutive_to_sentence_id: s.consecutiveTo === undefined ? null : sentenceIds[s.consecutiveTo],
        remand_days: s.remandDays ?? 0,
        tagged_bail_days: s.taggedBailDays ?? 0,
        terminated_date: s.terminated ? '2026-04-01' : null,
        expected_end_date: ORIGINAL_END,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    sentenceIds.push(id)
  }
  return { personId, sentenceIds }
}

/** What both paths store: every sentence's key-date columns and each person's latest calculation. */
async function stored(personIds: number[]) {
  const sentences = await handle.db
    .selectFrom('sentences')
    .select([
      'id',
      'person_id',
      'custodial_booking',
      'key_dates',
      'key_dates_explanation',
      'key_dates_problem',
      'expected_end_date',
    ])
    .where('person_id', 'in', personIds)
    .orderBy('id')
    .execute()
  const latest = await handle.db
    .selectFrom('key_date_calculations')
    .distinctOn('person_id')
    .select(['person_id', 'sentence_ids', 'booking', 'key_dates', 'explanations', 'problem', 'calculated_by'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('id', 'desc')
    .execute()
  return { sentences, latest }
}

const lastHistoryId = async () =>
  Number(
    (
      await handle.db
        .selectFrom('key_date_calculations')
        .select(eb => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0,
  )
const historyCount = async () =>
  Number(
    (
      await handle.db
        .selectFrom('key_date_calculations')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const calculatedAt = async (): Promise<[number, string | null][]> =>
  (await handle.db.selectFrom('sentences').select(['id', 'key_dates_calculated_at']).orderBy('id').execute()).map(r => [
    r.id,
    r.key_dates_calculated_at === null ? null : new Date(r.key_dates_calculated_at).toISOString(),
  ])

let cases: Record<string, { personId: number; sentenceIds: number[] }>
let custodialPeople: number[]

beforeAll(async () => {
  handle = await createTestDatabase()
  cases = {
    single: await newCase([{ length: [12, 'months'] }]),
    consecutive: await newCase([
      { length: [12, 'months'], remandDays: 30 },
      { length: [6, 'months'], consecutiveTo: 0, taggedBailDays: 10, sentenceDate: '2026-03-09' },
    ]),
    sdsPlusConcurrent: await newCase(
      [{ custodialType: 'SDS_PLUS', length: [5, 'years'] }, { length: [2, 'years'] }],
      '2001-01-15',
    ),
    afterTerminated: await newCase([
      { length: [3, 'years'], terminated: true },
      { length: [9, 'months'], consecutiveTo: 0 },
    ]),
    noOffenceDate: await newCase([{ length: [26, 'weeks'], offenceDate: null }]),
    refusedNoLength: await newCase([{ length: null }]),
    community: await newCase([{ type: 'community_order', length: [12, 'months'] }]),
  }
  // Two sentences each consecutive to the other: the calculator refuses the loop.
  const loop = await newCase([{ length: [12, 'months'] }, { length: [6, 'months'], consecutiveTo: 0 }])
  await handle.db
    .updateTable('sentences')
    .set({ consecutive_to_sentence_id: loop.sentenceIds[1] })
    .where('id', '=', loop.sentenceIds[0])
    .execute()
  cases.refusedLoop = loop
  custodialPeople = Object.entries(cases)
    .filter(([name]) => name !== 'community')
    .map(([, c]) => c.personId)
}, 120_000)
afterAll(() => handle?.close())

describe('recalculateAllKeyDates', () => {
  it('stores exactly what the per-person recalculateKeyDates stores, for every custodial case, in batches', async () => {
    const all = Object.values(cases).map(c => c.personId)
    // The per-person path, as the pages run it.
    for (const personId of all) {
      const p = await handle.db
        .selectFrom('people')
        .select(['id', 'date_of_birth'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
      await handle.db
        .transaction()
        .execute(trx => recalculateKeyDates(trx, ctx, p, { today, now: new Date(), trigger: 'per person' }))
    }
    const perPerson = await stored(all)

    // What the pages stored makes sense (so that "the same" is not "the same nothing").
    const byId = new Map(perPerson.sentences.map(s => [s.id, s]))
    const [c1, c2] = cases.consecutive.sentenceIds
    expect((byId.get(c1)?.key_dates as Record<string, string>).SLED).toMatch(/^2027-/)
    expect(byId.get(c2)?.key_dates).toEqual(byId.get(c1)?.key_dates)
    expect(
      (byId.get(c2)?.custodial_booking as { sentences: { consecutiveTo: string | null }[] }).sentences[1].consecutiveTo,
    ).toBe(String(c1))
    expect(byId.get(cases.refusedNoLength.sentenceIds[0])?.key_dates_problem).toMatch(
      /^The release dates could not be calculated: .*empty/,
    )
    expect(byId.get(cases.refusedNoLength.sentenceIds[0])?.expected_end_date).toBe(ORIGINAL_END)
    expect(byId.get(cases.refusedLoop.sentenceIds[0])?.key_dates_problem).toMatch(/loop/)
    expect(byId.get(cases.afterTerminated.sentenceIds[0])?.key_dates).toBeNull()
    expect(byId.get(cases.community.sentenceIds[0])?.key_dates).toBeNull()
    expect(perPerson.latest.map(l => l.person_id)).toEqual(custodialPeople)

    // Forget it all (the history stays: it is append-only), then the nightly batch, two people a batch.
    await handle.db
      .updateTable('sentences')
      .set({
        custodial_booking: null,
        key_dates: null,
        key_dates_explanation: null,
        key_dates_problem: null,
        key_dates_calculated_at: null,
        expected_end_date: ORIGINAL_END,
      })
      .execute()
    const before = await historyCount()
    const lastBefore = await lastHistoryId()
    const run = await recalculateAllKeyDates(handle.db, ctx, { today, trigger: 'nightly', batchSize: 2 })
    expect(run).toMatchObject({
      calculatedOn: '2026-11-22',
      people: 7,
      sentences: 10,
      refused: 2,
      changed: 7,
      unchanged: 0,
      batches: 4,
    })
    expect(await historyCount()).toBe(before + 7)

    const batched = await stored(all)
    expect(batched.sentences).toEqual(perPerson.sentences)
    expect(batched.latest).toEqual(perPerson.latest)
    const added = await handle.db
      .selectFrom('key_date_calculations')
      .select(['person_id', 'trigger'])
      .where('id', '>', lastBefore)
      .orderBy('id')
      .execute()
    expect(added).toEqual(custodialPeople.map(person_id => ({ person_id, trigger: 'nightly' })))
    const audit = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('action', '=', 'KEY_DATES_RECALCULATED')
      .execute()
    expect(audit).toEqual([
      {
        action: 'KEY_DATES_RECALCULATED',
        detail: expect.objectContaining({ trigger: 'nightly', people: 7, changed: 7, refused: 2 }),
      },
    ])
  })

  it('does not rewrite a case whose key dates are unchanged, rewrites one that changed, and rewrites all with force', async () => {
    const history = await historyCount()
    const at = await calculatedAt()
    const again = await recalculateAllKeyDates(handle.db, ctx, { today, trigger: 'nightly', batchSize: 3 })
    expect(again).toMatchObject({ people: 7, sentences: 10, refused: 2, changed: 0, unchanged: 7, batches: 3 })
    expect(await historyCount()).toBe(history)
    expect(await calculatedAt()).toEqual(at)

    // A sentence changed behind the pages' back (a data correction): only that case is recalculated and stored.
    const [single] = cases.single.sentenceIds
    const sledBefore = (
      (await handle.db.selectFrom('sentences').select('key_dates').where('id', '=', single).executeTakeFirstOrThrow())
        .key_dates as Record<string, string>
    ).SLED
    await handle.db.updateTable('sentences').set({ length_value: 18 }).where('id', '=', single).execute()
    const corrected = await recalculateAllKeyDates(handle.db, ctx, { today, trigger: 'nightly' })
    expect(corrected).toMatchObject({ people: 7, changed: 1, unchanged: 6, batches: 1 })
    const row = await handle.db
      .selectFrom('sentences')
      .select(['key_dates', 'expected_end_date'])
      .where('id', '=', single)
      .executeTakeFirstOrThrow()
    const sled = (row.key_dates as Record<string, string>).SLED
    expect(sled > sledBefore).toBe(true)
    expect(row.expected_end_date).toBe(sled)
    const added = await handle.db
      .selectFrom('key_date_calculations')
      .select(['person_id', 'key_dates'])
      .where('id', '>', 0)
      .orderBy('id', 'desc')
      .limit(2)
      .execute()
    expect(added[0]).toEqual({ person_id: cases.single.personId, key_dates: row.key_dates })
    expect(added[1].person_id).not.toBe(cases.single.personId)
    expect(await historyCount()).toBe(history + 1)
    const now = new Map(await calculatedAt())
    for (const [id, when] of at) if (id !== single) expect(now.get(id), `sentence ${id}`).toEqual(when)

    const forced = await recalculateAllKeyDates(handle.db, ctx, { today, trigger: 'forced', force: true })
    expect(forced).toMatchObject({ people: 7, changed: 7, unchanged: 0 })
    expect(await historyCount()).toBe(history + 8)
  })

  it('refuses a batch size that is not a whole number of 1 or more', async () => {
    await expect(recalculateAllKeyDates(handle.db, ctx, { today, trigger: 'nightly', batchSize: 0 })).rejects.toThrow(
      /batchSize/,
    )
  })
})

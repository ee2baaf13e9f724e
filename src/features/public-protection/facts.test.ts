import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { mappaEligibility, vcsEligibility } from '../../domain/public-protection/index.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { loadProtectionFacts, loadProtectionFactsFor } from './index.ts'

const clock = fixedClock('2026-12-07T10:00:00Z')
const today = LocalDate.parse('2026-12-07')
let t: TestApp
let make: Factories

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
})
afterAll(async () => t.close())

describe('public protection facts from the record', () => {
  it('reads a custodial sentence with its offence: a violent offence with 2 years is eligible for both', async () => {
    const c = await make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
    const facts = await loadProtectionFacts(t.handle.db, c.personId, today)
    expect(facts.sentences).toMatchObject([{ type: 'custodial', offenceCodes: ['00101'], ended: false }])
    expect(vcsEligibility(facts).eligible).toBe(true)
    expect(mappaEligibility(facts).category).toBe(2)
  })

  it('reads notification, bars and hospital orders, leaving out ended and not-yet-started ones', async () => {
    const a = await make.sentenced('community')
    const b = await make.sentenced('community')
    const db = t.handle.db
    const insert = (
      personId: number,
      kind: 'notification' | 'children_barred' | 'hospital_order',
      start: string,
      eventId: number | null = null,
    ) =>
      db
        .insertInto('protection_orders')
        .values({ person_id: personId, kind, start_date: start, event_id: eventId })
        .returning('id')
        .executeTakeFirstOrThrow()
    await insert(a.personId, 'notification', '2026-01-01')
    const barred = await insert(a.personId, 'children_barred', '2026-01-01')
    await db
      .insertInto('protection_order_ends')
      .values({ order_id: barred.id, person_id: a.personId, ended_on: '2026-06-01', reason: 'Bar lifted' })
      .execute()
    await insert(b.personId, 'notification', '2027-01-01')
    await insert(b.personId, 'hospital_order', '2026-10-01', b.eventId)
    const facts = await loadProtectionFactsFor(db, [a.personId, b.personId], today)
    expect(facts.get(a.personId)).toMatchObject({ childrenBarred: false, notification: { until: null } })
    expect(mappaEligibility(facts.get(a.personId)!).category).toBe(1)
    expect(facts.get(b.personId)).toMatchObject({ notification: null, hospitalOrders: [{ offenceCodes: ['11800'] }] })
    // Burglary with a hospital order: not a violent or sexual offence.
    expect(vcsEligibility(facts.get(b.personId)!).eligible).toBe(false)
  })

  it('refuses to change or delete a recorded fact', async () => {
    const a = await make.sentenced('community')
    await t.handle.db
      .insertInto('protection_orders')
      .values({ person_id: a.personId, kind: 'children_barred', start_date: '2026-01-01' })
      .execute()
    await expect(
      t.handle.db.deleteFrom('protection_orders').where('person_id', '=', a.personId).execute(),
    ).rejects.toThrow(/append-only/)
  })
})

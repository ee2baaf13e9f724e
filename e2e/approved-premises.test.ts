import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BookingPage, PremisesListPage } from './support/approved-premises-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'

// Issue 16 items 1 and 3: approved premises staff (amy.ap, src/seed/demo.ts) find Northtown House and its
// wheelchair-accessible ground-floor bed, are told a departure before the arrival is wrong, book the bed for demo
// person X100003 from next week, and see the nights booked on the 12-week bed plan (the night of departure free).
const CRN = 'X100003'
const BED = 'NTAP-01 (room 1)'

// The harness runs on the real clock: every date is computed here from today, on the calendar.
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const arrival = today.plusDays(7)
const departure = today.plusDays(14)

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('approved premises: booking a bed and seeing it on the bed plan', () => {
  it('books the wheelchair-accessible bed for a person and shows the nights on the bed plan', async () => {
    await (await SignInPage.open(h.page)).signIn('amy.ap')
    await h.page.locator('[data-qa="nav-approved-premises"]').click()
    await h.page.waitForLoadState()
    const list = await PremisesListPage.verifyOnPage(h.page)
    await h.checkAtBothWidths()

    const premises = await list.open('Northtown House')
    expect((await premises.beds())[BED]).toContain('Wheelchair accessible')
    expect((await premises.beds())[BED]).toContain('Ground floor')
    await h.checkAtBothWidths()

    const form = await premises.book(BED)
    await form.fill({ crn: CRN, arrival: arrival.toString(), departure: arrival.minusDays(1).toString() })
    await form.save()
    expect(await form.errors()).toEqual(['The departure date must be after the arrival date'])
    await h.checkAtBothWidths()
    await form.fill({ crn: CRN, arrival: arrival.toString(), departure: departure.toString() })
    await form.save()
    expect(await form.errors()).toEqual([])

    const booking = await BookingPage.verifyOnPage(h.page)
    expect(await booking.banner()).toContain('Bed booked')
    expect(await booking.person()).toContain(CRN)
    await h.checkAtBothWidths()

    const plan = await booking.openBedPlan()
    expect(await plan.weeks()).toBe(12)
    expect(await plan.night(BED, arrival.minusDays(1).toString())).toMatch(/^Free/)
    expect(await plan.night(BED, arrival.toString())).toMatch(/^Booked/)
    expect(await plan.night(BED, departure.minusDays(1).toString())).toMatch(/^Booked/)
    expect(await plan.night(BED, departure.toString())).toMatch(/^Free/)
    await h.checkAtBothWidths()

    // A booked night links to its booking.
    await h.page.locator(`td[data-from="${arrival.toString()}"] a`).first().click()
    await h.page.waitForLoadState()
    await BookingPage.verifyOnPage(h.page)
    expect(await new BookingPage(h.page).person()).toContain(CRN)
  })
})

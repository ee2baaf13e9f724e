import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays } from '../src/domain/calendar/index.ts'
import { AllocationQueuePage, CaseloadPage } from './support/allocation-pages.ts'
import { CourtListPage, MatchPage } from './support/court-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'
import { RiskPage, RoshFormPage } from './support/risk-pages.ts'
import { SentencesPage } from './support/sentencing-pages.ts'
import { AppointmentsPage, ArrangePage } from './support/supervision-pages.ts'

// Issue 5, "How we will know": the whole path from the court list to the practitioner's caseload and the induction.
// Demo person X100035 (Kwame Brown, index 34, src/seed/demo.ts + src/features/sentencing/demo.ts): known from an
// earlier, completed order, and awaiting sentence on a new conviction (event 2, pre-sentence). No PNC, so the court
// listing matches him by name and date of birth.
const CRN = 'X100035'
const PERSON = { forename: 'Kwame', surname: 'Brown', dateOfBirth: '1997-11-08' }

// The harness runs on the real clock: every date the pages show is computed here from today, on the calendar.
const today = () => LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const shown = (d: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

async function signInAs(username: string) {
  await h.page.context().clearCookies()
  const signIn = await SignInPage.open(h.page)
  await signIn.signIn(username)
  expect(new URL(h.page.url()).pathname).toBe('/')
}

describe('from the court list to the first appointment', () => {
  it('matches a listed defendant, requests a report, refuses an early induction, sentences, allocates and books the induction', async () => {
    // ── The court officer: today's list, a defendant who is already known, a short-format report ──────────────
    await signInAs('chris.court')
    const list = await CourtListPage.open(h.page, 'NTMC')
    expect(await list.heading()).toContain("Northtown Magistrates' Court")
    await h.checkAccessibility()

    const form = await list.addDefendant()
    await h.checkAccessibility()
    await form.fill({
      hearingType: 'sentence',
      ...PERSON,
      time: '10:00',
      charge: 'Theft from a shop',
      offenceCode: '04600',
    })
    await form.save()
    // The match page lists the demo record first, with its reasons.
    const match = await MatchPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    const candidates = await match.candidates()
    // Two demo records are called Kwame Brown: the reasons tell them apart.
    expect(candidates.find(c => c.crn === CRN)).toEqual({
      crn: CRN,
      name: 'Kwame Brown',
      reasons: ['same date of birth', 'same name'],
    })
    expect(candidates.find(c => c.crn === 'X100017')?.reasons).toEqual(['same name', 'different date of birth'])
    const court = await match.confirm(CRN)
    expect(await court.banner()).toContain('Defendant matched to this record')
    await h.checkAccessibility()

    // The report is written by Pat Practitioner, who supervised his earlier order.
    const request = await court.requestReport()
    await h.checkAccessibility()
    const report = await request.request({ type: 'short_format', hearing: true, author: 'Pat Practitioner' })
    const requestedOn = today()
    expect(await report.dueDate()).toBe(shown(addWorkingDays(requestedOn, 5)))
    expect(await report.dueBasis()).toContain('5 working days')
    await h.checkAccessibility()

    // The court list now shows the defendant against his record.
    const again = await CourtListPage.open(h.page, 'NTMC')
    expect(await again.record('Kwame Brown')).toContain(CRN)
    await h.checkAccessibility()

    // ── The report's author: an induction cannot be booked before sentence; the RoSH assessment for the report ──
    await signInAs('pat.practitioner')
    await h.page.goto(`/people/${CRN}/appointments/new?type=induction&date=${addWorkingDays(today(), 1)}`)
    expect(await h.page.locator('h1').textContent()).toContain('Arrange an appointment')
    const refusal = (await h.page.locator('[data-qa="booking-refused"]').textContent())?.replace(/\s+/g, ' ') ?? ''
    expect(refusal).toContain('Kwame Brown has not been sentenced')
    expect(await h.page.locator('[data-qa="arrange-submit"]').count()).toBe(0)
    await h.checkAccessibility()

    const risk = await RiskPage.open(h.page, CRN)
    await h.checkAccessibility()
    await risk.follow('record-rosh')
    const rosh = await RoshFormPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    await rosh.level('public', 'high')
    await rosh.level('knownAdult', 'medium')
    await rosh.level('children', 'low')
    await rosh.level('staff', 'low')
    await rosh.save()
    await RiskPage.verifyOnPage(h.page)
    expect(await h.page.locator('[data-qa="rosh-overall"]').textContent()).toContain('High')
    await h.checkAccessibility()

    // ── A case worker records the community order ───────────────────────────────────────────────────────────────
    await signInAs('casey.admin')
    const sentences = await SentencesPage.open(h.page, CRN)
    expect(await sentences.supervisionRefusal()).toMatch(/sentence/i)
    await h.checkAccessibility()
    const sentenceForm = await sentences.recordSentence()
    await h.checkAccessibility()
    await sentenceForm.fill({
      eventNumber: 2,
      type: 'community_order',
      length: { value: 12, unit: 'months' },
      requirements: { unpaid_work: 100, rehabilitation_activity: 20 },
    })
    await sentenceForm.save()
    expect(await sentenceForm.errors()).toEqual([])
    const sentenced = await SentencesPage.verifyOnPage(h.page)
    expect(await sentenced.banner()).toContain('Sentence recorded')
    expect(await sentenced.firstOrderHeading()).toContain('Community order (12 months) – event 2')
    expect(await sentenced.requirementLength('unpaid_work')).toBe('100 hours')
    expect(await sentenced.requirementLength('rehabilitation_activity')).toBe('20 days')
    expect(await sentenced.caseStatus()).toBe('Sentenced, awaiting allocation')
    expect(await sentenced.supervisionRefusal()).toBeNull()
    await h.checkAccessibility()

    // ── The senior: the queue with the provider decision and its reasons; allocate to a practitioner with room ──
    await signInAs('sam.senior')
    const queue = await AllocationQueuePage.open(h.page)
    await h.checkAccessibility()
    expect(await queue.hasCase(CRN)).toBe(true)
    const queued = await queue.caseDetails(CRN)
    // The RoSH assessment for the report is high, so the public probation service keeps the case.
    expect(
      queued.reasons.some(r =>
        /^RoSH high \(RoSH assessment of .+\): high and very high RoSH cases stay with the public probation service$/.test(
          r,
        ),
      ),
    ).toBe(true)
    expect(queued.decision).toMatch(/^Public probation service/)
    expect(queued.rosh).toBe('High')
    expect(queued.sentenceDate).toBe(shown(today()))
    // The 2-working-day allocation clock runs from sentence.
    expect(queued.clock).toContain(shown(addWorkingDays(today(), 2)))

    const allocate = await queue.open(CRN)
    await h.checkAccessibility()
    const decision = await allocate.outcome()
    expect(decision).toMatch(/probation service/i)
    expect(queued.decision).toContain(decision)
    // Every criterion looked at, with its reason.
    expect(await allocate.reasons()).toEqual(expect.arrayContaining([...queued.reasons, 'No MAPPA registration']))
    expect(await allocate.isBlocked()).toBe(false)
    const workload = await allocate.workload('NWS001')
    expect(workload.points).toMatch(/^\d+ \/ \d+$/)
    expect(workload.overCapacity).toBe(false)
    expect(await allocate.induction()).toContain(shown(addWorkingDays(today(), 5)))
    await allocate.allocate('NWS001', 'New community order: induction this week.')
    expect(await allocate.confirmation()).toContain('Case allocated')
    await h.checkAccessibility()
    const after = await AllocationQueuePage.open(h.page)
    expect(await after.hasCase(CRN)).toBe(false)

    // ── The practitioner: the new case with its induction due date; follow the proposed induction and book it ───
    await signInAs('pat.practitioner')
    const caseload = await CaseloadPage.open(h.page)
    await h.checkAccessibility()
    const mine = await caseload.caseDetails(CRN)
    expect(mine).not.toBeNull()
    expect(mine!.isNew).toBe(true)
    const due = addWorkingDays(today(), 5)
    expect(mine!.inductionDue).toBe(shown(due))
    expect(mine!.rosh).toBe('High')
    expect(mine!.bookInductionHref).toBe(
      `/people/${CRN}/appointments/new?type=induction&date=${addWorkingDays(today(), 1)}`,
    )

    await h.page.locator(`[data-qa="caseload-row-${CRN}"] [data-qa="book-induction"]`).click()
    await h.page.waitForLoadState()
    const arrange = await ArrangePage.verifyOnPage(h.page)
    await h.checkAccessibility()
    expect(await h.page.locator('[data-qa="booking-refused"]').count()).toBe(0)
    expect(await h.page.locator('input[name="type"][value="IND"]').isChecked()).toBe(true)
    const proposed = LocalDate.of(
      Number(await h.page.locator('#date-year').inputValue()),
      Number(await h.page.locator('#date-month').inputValue()),
      Number(await h.page.locator('#date-day').inputValue()),
    )
    // Proposed for the next working day after allocation, inside the 5-working-day deadline.
    expect(proposed).toEqual(addWorkingDays(today(), 1))
    await h.page.getByLabel('Where').fill('Northtown probation office, room 2')
    await h.page.getByLabel('Time', { exact: true }).fill('10:00')
    await arrange.submit()
    const appointments = await AppointmentsPage.verifyOnPage(h.page)
    expect(await appointments.banner()).toContain('Appointments arranged')
    expect(await appointments.dates('upcoming')).toEqual([proposed.toString()])
    await h.checkAccessibility()
  })
})

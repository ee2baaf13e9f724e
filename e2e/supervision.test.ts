import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../test/support/pdf-text.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'
import { ActivityPage, AppointmentsPage, EnforcementPage, MyDayPage, TeamPage } from './support/supervision-pages.ts'

// Demo person X100015 (Connor Thomas, index 14): a community order from 1 September 2025 for 24 months (the demo seed's
// sentences, src/features/sentencing/demo.ts), managed by pat.practitioner.
const CRN = 'X100015'
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('a practitioner supervises a sentenced person', () => {
  it('arranges weekly appointments, records an unacceptable absence (warning letter, 7-day clock), then a second (breach with its deadlines); the senior sees it in the team view', async () => {
    const signIn = await SignInPage.open(h.page)
    await signIn.signIn('pat.practitioner')

    const appointments = await AppointmentsPage.open(h.page, CRN)
    await h.checkAccessibility()
    const form = await appointments.arrange()
    await h.checkAccessibility()
    // A week ago and early today, so two have happened by now; then two more.
    const first = today.minusDays(7)
    await form.fill({
      type: 'Planned office visit (NS)',
      location: 'Northtown probation office',
      date: first.toString(),
      time: '00:01',
      weekly: 4,
    })
    await form.submit()
    const list = await AppointmentsPage.verifyOnPage(h.page)
    expect(await list.banner()).toContain('Appointments arranged')
    await h.checkAccessibility()
    expect(await list.dates('needing-outcome')).toEqual([today.toString(), first.toString()])
    expect(await list.dates('upcoming')).toEqual([today.plusDays(7).toString(), today.plusDays(14).toString()])

    // First failure: one form, one submission.
    let appointment = await list.openAppointmentOn(first.toString())
    await h.checkAccessibility()
    appointment = await appointment.recordOutcome('Unacceptable absence', 'Did not attend; no contact since.')
    expect(await appointment.banner()).toContain('Outcome recorded')
    expect(await appointment.currentOutcome()).toContain('Unacceptable absence')
    await h.checkAccessibility()
    const actions = await appointment.actions()
    expect(Object.keys(actions)).toEqual(['warning_letter', 'explanation_window'])
    expect(actions.explanation_window).toMatch(/Their 7 days to explain – due \d+ \w+ \d{4}/)
    const letter = await h.page.request.get((await appointment.letterHref())!)
    expect(letter.headers()['content-type']).toBe('application/pdf')
    const text = await pdfText(await letter.body())
    expect(text).toContain('Connor Thomas')
    expect(text).toContain('unacceptable')

    // Second failure, after the warning: breach.
    const again = await AppointmentsPage.open(h.page, CRN)
    appointment = await again.openAppointmentOn(today.toString())
    appointment = await appointment.recordOutcome('Unacceptable absence')
    await h.checkAccessibility()
    expect(Object.keys(await appointment.actions())).toEqual([
      'breach_letter',
      'explanation_window',
      'breach_pack',
      'court_hearing',
    ])

    const enforcement = await EnforcementPage.open(h.page, CRN)
    await h.checkAccessibility()
    expect(await enforcement.breaches()).toEqual([{ kind: 'breach', status: 'initiated' }])
    const open = await enforcement.openActions()
    const pack = open.find(([type]) => type === 'breach_pack')
    expect(pack?.[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(LocalDate.parse(pack![1]).isAfter(today)).toBe(true)
    expect(open.map(([type]) => type)).toEqual(
      expect.arrayContaining(['warning_letter', 'explanation_window', 'breach_letter', 'court_hearing']),
    )
    expect(await enforcement.compliance('failures-12m')).toBe('2')

    const activity = await ActivityPage.open(h.page, CRN)
    await h.checkAccessibility()
    await activity.search('no contact since')
    expect(await activity.entries()).toHaveLength(1)
    await h.checkAccessibility()

    // The practitioner's day lists the actions due for this case.
    const day = await MyDayPage.open(h.page)
    await h.checkAccessibility()
    expect(await day.actionsDue()).toEqual(
      expect.arrayContaining([
        ['breach_pack', CRN],
        ['court_hearing', CRN],
      ]),
    )

    // The senior sees the breach in the team view, and follows it to the case.
    await h.page.goto('/account')
    await h.page.locator('[data-qa="sign-out"]').click()
    await h.page.waitForLoadState()
    await (await SignInPage.open(h.page)).signIn('sam.senior')
    const team = await TeamPage.open(h.page)
    await h.checkAccessibility()
    expect(await team.heading()).toContain('Northtown Team A')
    expect(await team.breaches()).toContainEqual({ crn: CRN, kind: 'breach', status: 'initiated' })
    await team.openBreachOf(CRN)
    const fromTeam = await EnforcementPage.verifyOnPage(h.page)
    expect(await fromTeam.breaches()).toEqual([{ kind: 'breach', status: 'initiated' }])
  })
})

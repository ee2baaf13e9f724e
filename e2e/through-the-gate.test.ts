import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../test/support/pdf-text.ts'
import { addWorkingDays } from '../src/domain/calendar/index.ts'
import { clockFrom } from '../src/clock.ts'
import { CaseloadPage } from './support/allocation-pages.ts'
import {
  CustodialSentenceForm,
  CustodyPage,
  firstAppointmentOnCaseload,
  openActionTexts,
  LicencePage,
  RecallPage,
  ResettlementPage,
} from './support/custody-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SentencesPage } from './support/sentencing-pages.ts'
import { AppointmentPage, AppointmentsPage, ArrangePage, EnforcementPage } from './support/supervision-pages.ts'

// Issue 14, "How we will know": through the gate, from the custodial sentence to the recall decision.
// Demo person X100035 (Kwame Brown, index 34, src/seed/demo.ts + src/features/sentencing/demo.ts): managed by
// pat.practitioner (Northtown Team A), known from an earlier order and awaiting sentence on event 2 (convicted
// 26 October 2026 of domestic burglary, 02800; no violent or sexual offence).
const CRN = 'X100035'
const NAME = 'Kwame Brown'

// The harness runs on the real clock: every date the pages show is computed here from today, on the calendar.
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
// The failures are office visits early today (00:00 to 00:45) that must already be past when their outcomes are
// recorded: run between midnight and 01:00, the server's clock waits at 01:00 UTC today (01:00 or 02:00 in London).
const oneAm = new Date(`${today.toString()}T01:00:00Z`).getTime()
const notBeforeOneAm = clockFrom(() => new Date(Math.max(Date.now(), oneAm)))
const shown = (d: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )
// Sentenced four weeks ago and received into prison the same day; released today.
const sentenced = today.minusDays(28)
const nextWorkingDay = addWorkingDays(today, 1)
const PRISON_NUMBER = 'A4821KB'
const CURFEW_ADDRESS = '14 Mill Lane, Northtown NT2 4AB'
const ZONE = 'the area of Southam town centre bounded by the ring road, shown on the attached map'
const GROUND = 'Breach of a licence condition (missed appointment, curfew, exclusion zone…)'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ clock: notBeforeOneAm })
  await h.cacheAssets()
})
afterAll(() => h?.close())

async function pdfAt(href: string | null) {
  expect(href).toBeTruthy()
  const response = await h.page.request.get(href!)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/pdf')
  return (await pdfText(await response.body())).replace(/\s+/g, ' ')
}

/** Arranges a single office visit today at `time` and records it as an unacceptable absence. */
async function failureAt(time: string, notes: string) {
  const arrange = await (await AppointmentsPage.open(h.page, CRN)).arrange()
  await arrange.fill({
    type: 'Planned office visit (NS)',
    location: 'Northtown probation office',
    date: `${today}`,
    time,
  })
  await h.page.getByLabel('How long').selectOption({ label: '15 minutes' })
  await arrange.submit()
  expect(await h.page.locator('.govuk-error-summary__list li').allTextContents()).toEqual([])
  const list = await AppointmentsPage.verifyOnPage(h.page)
  expect(await list.banner()).toContain('Appointments arranged')
  expect(await list.dates('needing-outcome')).toEqual([today.toString()])
  await h.page.locator('[data-qa="needing-outcome"] [data-qa="appointment-row"] a').click()
  await h.page.waitForLoadState()
  const appointment = await (await AppointmentPage.verifyOnPage(h.page)).recordOutcome('Unacceptable absence', notes)
  expect(await appointment.banner()).toContain('Outcome recorded')
  return appointment
}

describe('through the gate: custody, resettlement, licence, release, licence enforcement and recall', () => {
  it('records the custodial sentence and the custody record with its key dates and licence period', async () => {
    await h.signInAs('casey.admin')
    const form = await CustodialSentenceForm.open(h.page, CRN)
    await form.fill({
      eventNumber: 2,
      sentenceDate: sentenced.toString(),
      length: { value: 8, unit: 'months' },
      custodialType: 'Standard determinate sentence (SDS)',
    })
    await form.save()
    expect(await form.errors()).toEqual([])
    const sentences = await SentencesPage.verifyOnPage(h.page)
    expect(await sentences.banner()).toContain('Sentence recorded')
    expect(await sentences.caseStatus()).toBe('In custody')

    const custody = await CustodyPage.open(h.page, CRN)
    expect(await custody.releases()).toEqual([])
    const record = await custody.createRecord()
    await record.fill({
      prisonNumber: PRISON_NUMBER.toLowerCase(),
      prisonCode: 'MDI',
      prisonName: 'HMP Moorland',
      receptionDate: sentenced.toString(),
    })
    const created = await record.save()
    expect(await created.banner()).toBe('Custody record created')
    expect(await created.record()).toMatchObject({
      Prison: 'HMP Moorland (MDI)',
      'Prison number': PRISON_NUMBER,
      'Reception date': shown(sentenced),
    })
    // The key dates the release-date engine stored, and the licence period they give (CRD to SLED).
    const dates = await created.keyDates()
    expect(Object.keys(dates)).toEqual(expect.arrayContaining(['CRD', 'SLED']))
    expect(await created.licencePeriod()).toBe(`Licence: ${dates.CRD} (CRD) to ${dates.SLED} (SLED)`)
    await h.checkAtBothWidths()
  })

  it('records basic custody screening parts 1 and 2 inside their clocks, the needs, a resettlement plan and the release-day plan', async () => {
    await h.signInAs('pat.practitioner')
    let page = await ResettlementPage.open(h.page, CRN)
    // Part 1 is due 72 hours after reception; four weeks on, still not recorded, it is late.
    expect(await page.screening(1)).toEqual({
      due: shown(sentenced.plusDays(3)),
      doneOn: 'Not done',
      by: '',
      status: 'Late',
    })

    const partOneOn = sentenced.plusDays(1)
    page = await page.recordScreening(1, { on: partOneOn.toString(), by: 'Officer Dee Okafor, HMP Moorland reception' })
    expect(await page.banner()).toBe('Screening recorded')
    expect(await page.screening(1)).toEqual({
      due: shown(sentenced.plusDays(3)),
      doneOn: shown(partOneOn),
      by: 'Officer Dee Okafor, HMP Moorland reception',
      status: 'Done',
    })
    // Part 2 (8 months is under 4 years) is due 5 working days after part 1 was done.
    const partTwoDue = addWorkingDays(partOneOn, 5)
    expect((await page.screening(2)).due).toBe(shown(partTwoDue))
    const partTwoOn = sentenced.plusDays(3)
    page = await page.recordScreening(2, {
      on: partTwoOn.toString(),
      by: 'Pat Practitioner',
      notes: 'Seen in the resettlement unit.',
    })
    expect(await page.screening(2)).toEqual({
      due: shown(partTwoDue),
      doneOn: shown(partTwoOn),
      by: 'Pat Practitioner',
      status: 'Done',
    })

    page = await page.recordNeeds({
      Accommodation: 'No fixed address on release: the tenancy ended while on remand.',
      'Education, training and employment': 'Wants a CSCS card to go back to labouring.',
      Health: null,
    })
    expect(await page.banner()).toBe('Needs saved')
    expect(await page.needs()).toMatchObject({
      Accommodation: 'Yes',
      'Education, training and employment': 'Yes',
      Health: 'No',
      'Drugs and alcohol': 'Not recorded',
    })

    const actionDue = addWorkingDays(today, 5)
    page = await page.addAction({
      pathway: 'Accommodation',
      what: 'Referral for a supported housing place in Northtown',
      partner: 'Northtown Housing Trust',
      due: actionDue.toString(),
    })
    expect(await page.banner()).toBe('Action added to the resettlement plan')
    expect(await page.actions()).toEqual([
      {
        pathway: 'Accommodation',
        what: 'Referral for a supported housing place in Northtown',
        owner: 'Northtown Housing Trust (partner organisation)',
        due: shown(actionDue),
        status: 'Due',
      },
    ])

    page = await page.writeReleaseDayPlan({
      firstNight: CURFEW_ADDRESS,
      metBy: 'Jo Mentor, Northtown Through the Gate mentor',
      travel: 'Train warrant from Moorland to Northtown',
      firstAppointmentDate: nextWorkingDay.toString(),
      firstAppointmentPlace: 'Northtown probation office',
      medication: 'None',
      id: 'Birth certificate and a basic bank account card',
    })
    expect(await page.banner()).toBe('Release-day plan saved')
    expect(await page.releaseDayPlan()).toMatchObject({
      'Address for the first night': CURFEW_ADDRESS,
      'Who meets them': 'Jo Mentor, Northtown Through the Gate mentor',
      'First appointment': `${shown(nextWorkingDay)}, Northtown probation office`,
    })
    await h.checkAtBothWidths()
  })

  it('writes a licence with a curfew and an exclusion zone (a curfew over the limit refused), a senior approves it, and it prints', async () => {
    let licence = await LicencePage.open(h.page, CRN)
    expect((await licence.summary())['Licence in force']).toBe('None approved yet')
    const form = await licence.write()
    expect(await form.standardTicked()).toBeGreaterThan(0)
    await form.curfew({
      address: CURFEW_ADDRESS,
      from: '19:00',
      to: '16:00',
      justification: 'Burglaries were committed at night; a curfew keeps him at home then.',
    })
    await form.exclusionZone({
      description: ZONE,
      mapReference: 'Map NT-EZ-12',
      justification: 'The victims live inside this area.',
    })
    await form.save()
    // 21 hours a day: refused, the field named, nothing saved.
    expect(await form.errors()).toEqual([expect.stringMatching(/^The curfew is 21 hours a day: it must be no more/)])
    expect(await form.fieldError('curfew-endTime')).toMatch(/21 hours a day/)
    await h.checkAtBothWidths()
    await h.page.locator('#curfew-endTime').fill('07:00')
    await form.save()
    licence = await LicencePage.verifyOnPage(h.page)
    expect(await licence.banner()).toContain('Draft saved')
    expect(await licence.openVersionHeading()).toMatch(/version 1 Draft$/)
    licence = await licence.submitForApproval()
    expect(await licence.banner()).toBe('Submitted for approval by a senior')

    await h.signInAs('sam.senior')
    licence = await LicencePage.open(h.page, CRN)
    expect(await licence.openVersionHeading()).toMatch(/version 1/)
    licence = await licence.approve()
    expect(await licence.banner()).toBe('Approved: the licence is in force')
    expect((await licence.summary())['Licence in force']).toMatch(/^Version 1, approved by Sam Senior on /)
    const conditions = await licence.additionalConditions('licence-in-force')
    expect(conditions['Curfew arrangement']).toBe(
      `You must be at ${CURFEW_ADDRESS} between 19:00 and 07:00 every day, unless your supervising officer approves otherwise.`,
    )
    expect(conditions['Freedom of movement (exclusion zone)']).toContain(ZONE)
    await h.checkAtBothWidths()

    const text = await pdfAt(await licence.pdfHref('licence-in-force'))
    expect(text).toContain(NAME)
    expect(text).toContain(`between 19:00 and 07:00 every day`)
    expect(text).toContain('Map NT-EZ-12')
  })

  it('records the release: the licence starts and the case is on the caseload with the first appointment due the next working day', async () => {
    await h.signInAs('pat.practitioner')
    const release = await (await CustodyPage.open(h.page, CRN)).recordRelease()
    await h.checkAtBothWidths()
    await release.release({ date: today.toString(), type: 'Automatic or conditional release' })
    expect(await release.errors()).toEqual([])
    const custody = await CustodyPage.verifyOnPage(h.page)
    expect(await custody.banner()).toBe('Release recorded')
    expect(await custody.releases()).toEqual([
      `${shown(today)}: Automatic or conditional release. First appointment due by ${shown(nextWorkingDay)}`,
    ])
    expect(await custody.firstAppointmentDue()).toBe(shown(nextWorkingDay))
    await h.checkAtBothWidths()
    expect(await (await SentencesPage.open(h.page, CRN)).caseStatus()).toBe('On licence')

    await CaseloadPage.open(h.page)
    expect(await firstAppointmentOnCaseload(h.page, CRN)).toMatchObject({ dueBy: shown(nextWorkingDay) })
    // Beside the clock, what the release-day plan said of the first appointment.
    const planned = h.page.locator(`[data-qa="caseload-row-${CRN}"] [data-qa="first-appointment-planned"]`)
    expect(await planned.innerText()).toContain(`Release-day plan: ${shown(nextWorkingDay)}`)
    await h.page.locator(`[data-qa="caseload-row-${CRN}"] [data-qa="arrange-first-appointment"]`).click()
    await h.page.waitForLoadState()
    const arrange = await ArrangePage.verifyOnPage(h.page)
    await arrange.fill({
      type: 'Planned office visit (NS)',
      location: 'Northtown probation office',
      date: nextWorkingDay.toString(),
      time: '10:00',
    })
    await arrange.submit()
    const appointments = await AppointmentsPage.verifyOnPage(h.page)
    expect(await appointments.dates('upcoming')).toEqual([nextWorkingDay.toString()])
    // Arranged: the caseload no longer asks for it.
    await CaseloadPage.open(h.page)
    expect(await firstAppointmentOnCaseload(h.page, CRN)).toEqual({ shown: true, dueBy: null, clock: null })
  })

  it('escalates licence failures through first, second and final warnings, then to recall consideration', async () => {
    // Early today (already past: the server's clock is never before 01:00), so each can be given its outcome
    // now, and each failure comes after the warnings before it; each is decided on the licence path.
    const names = ['First', 'Second', 'Final']
    const times = ['00:00', '00:15', '00:30']
    for (const [n, name] of names.entries()) {
      const appointment = await failureAt(times[n], `Did not come to the office (${name.toLowerCase()}); no contact.`)
      expect(Object.keys(await appointment.actions())).toEqual(['warning_letter', 'explanation_window'])
      if (name === 'Final') await h.checkAtBothWidths()
      // Its letter names the warning and says what a licence failure leads to.
      const letter = await pdfAt(await appointment.letterHref())
      expect(letter).toContain(NAME)
      expect(letter).toContain(`${name} warning: you did not keep to your licence`)
      expect(letter).toContain('you may be recalled to prison')
      expect(letter).not.toContain('court')
      if (name === 'Final') expect(letter).toContain('This is your final warning.')
    }
    // The enforcement page says which warning each letter is.
    expect(await openActionTexts(h.page, CRN, 'warning_letter')).toEqual([
      expect.stringContaining('Send the first licence warning letter'),
      expect.stringContaining('Send the second licence warning letter'),
      expect.stringContaining('Send the final licence warning letter'),
    ])

    const fourth = await failureAt('00:45', 'Did not come again after the final warning.')
    expect(Object.keys(await fourth.actions())).toEqual(['recall_consultation', 'recall_request', 'no_recall_letter'])
    const enforcement = await EnforcementPage.open(h.page, CRN)
    expect(await enforcement.breaches()).toEqual([{ kind: 'recall', status: 'considered' }])
    await h.checkAtBothWidths()
  })

  it('takes the recall decision: Part A read back from the record, countersigned by a senior and for the ACO, sent to PPCS, returned to custody', async () => {
    await h.page.locator('[data-qa="recall-link"]').click()
    await h.page.waitForLoadState()
    let recall = await RecallPage.verifyOnPage(h.page)
    recall = await recall.raiseConcern(
      [GROUND],
      'Four missed appointments since release, the last after a final warning; not at the curfew address.',
    )
    expect(await recall.banner()).toBe('Recall step recorded')
    expect(await recall.next()).toMatch(/consult/i)
    recall = await recall.consult('Sam Senior', today.toString(), 'Agrees recall should be considered today.')
    recall = await recall.rationale(
      'Whereabouts unknown and risk to the victims in the exclusion zone is rising.',
      'Three warnings, a home visit and calls to his mentor.',
    )
    recall = await recall.decide('Standard recall', false, 'Risk cannot be managed in the community.')
    expect((await recall.summary()).Decision).toBe('Standard recall')
    recall = await recall.produce('part_a')
    await h.checkAtBothWidths()

    // Part A, filled in from the record.
    const partA = await pdfAt(await recall.partAHref())
    for (const expected of [
      'Part A: recall report',
      `Name: ${NAME}`,
      `CRN: ${CRN}`,
      `Prison number: ${PRISON_NUMBER}`,
      `Sentenced on ${shown(sentenced)} to 8 months`,
      '02800',
      `Released on ${shown(today)}`,
      GROUND,
      'not at the curfew address',
      `Sam Senior on ${shown(today)}`,
      'Whereabouts unknown',
      'Three warnings, a home visit',
      'Standard recall',
      `Decided by Pat Practitioner on ${shown(today)}`,
    ])
      expect(partA).toContain(expected)

    // The practitioner who decided cannot countersign; the senior does, then an administrator for the ACO.
    recall = await recall.produce('senior_countersignature')
    expect(await recall.errors()).toEqual(['The practitioner who recorded the decision cannot countersign it.'])
    await h.signInAs('sam.senior')
    recall = await (await RecallPage.open(h.page, CRN)).produce('senior_countersignature')
    expect((await recall.summary())['Countersigned by a senior']).toBe(shown(today))
    await h.signInAs('admin')
    recall = await (await RecallPage.open(h.page, CRN)).produce('aco_countersignature')
    expect((await recall.summary())['Countersigned for the assistant chief officer']).toBe(shown(today))
    // The Part A is still the one produced from the record.
    expect(await pdfAt(await recall.partAHref())).toContain(`Prison number: ${PRISON_NUMBER}`)

    await h.signInAs('pat.practitioner')
    recall = await (await RecallPage.open(h.page, CRN)).sentToPpcs(today.toString())
    expect((await recall.summary())['Sent to PPCS']).toBe(shown(today))
    recall = await recall.returnedToCustody(today.toString())
    expect(await recall.next()).toBeNull()
    expect(await recall.history()).toEqual(
      expect.arrayContaining([
        `${shown(today)} – Countersignature by a senior (Sam Senior): Countersigned by a senior`,
        `${shown(today)} – Second countersignature (for the assistant chief officer) (Ada Administrator): Countersigned for the assistant chief officer`,
        `${shown(today)} – Send to the Public Protection Casework Section (Pat Practitioner): Sent to the Public Protection Casework Section on ${shown(today)}`,
      ]),
    )
    await h.checkAtBothWidths()
    expect(await (await SentencesPage.open(h.page, CRN)).caseStatus()).toBe('Recalled to custody')
  })
})

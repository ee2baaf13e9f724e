import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../src/clock.ts'
import { addWorkingDays } from '../src/domain/calendar/index.ts'
import { makeVictimTasks } from '../src/features/victims/index.ts'
import { CustodialSentenceForm, CustodyPage, LicencePage } from './support/custody-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { PersonPage, SearchPage } from './support/pages.ts'
import { SentencesPage } from './support/sentencing-pages.ts'
import {
  EventForm,
  openEventNumberFor,
  VictimPage,
  VictimsWorkListPage,
  victimConditionsOnLicence,
  victimContactPanel,
  type Referral,
} from './support/victims-pages.ts'

// Issue 15, "How we will know": a violent offence with a 2-year custodial sentence makes the case eligible for the
// Victim Contact Scheme; the referral is recorded; the victim asks for an exclusion zone; the licence workflow shows
// the request without the victim's identity; the release date makes a task; the offender's manager finds the
// victim's name nowhere. Demo person X100035 (Kwame Brown, src/seed/demo.ts + src/features/sentencing/demo.ts):
// managed by pat.practitioner, with no violent or sexual offence until this journey adds one. val.vlo (Val Liaison)
// is the victim liaison officer, who has never managed the case (no conflict of interest).
const CRN = 'X100035'
const NAME = 'Kwame Brown'

// The harness runs on the real clock: every date the pages show is computed here from today, on the calendar.
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const shown = (d: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )
// Convicted and sentenced six weeks ago (received into prison the same day): the witness care unit's 20 working
// days to refer have run out, so the case is on the victim liaison team's list of overdue referrals.
const sentenced = today.minusDays(42)
const referralDueBy = addWorkingDays(sentenced, 20)
const OFFENCE = '00802' // wounding: the offence code's category is "Violence"

const VICTIM: Referral = {
  forename: 'Imogen',
  surname: 'Fairweather-Quist',
  addressLine1: '7 Larch Close',
  town: 'Hiddenton',
  postcode: 'HD3 9QP',
  phone: '07700 900417',
  preferredMethod: 'Letter',
  wishes: 'To be told of release and to ask for conditions that keep him away from her home',
  referredOn: today.toString(),
  referredBy: 'Northtown Witness Care Unit',
}
// The exclusion zone's wording: what the offender's manager and the licence will read (no name, no address).
const ZONE = 'Not to enter the area of Eastbridge bounded by the ring road and the river, shown on the attached map'

/** What would identify the victim, in any case and spacing: none of it may reach the offender's side. */
const IDENTIFYING = ['Imogen', 'Fairweather', 'Quist', 'Larch Close', 'Hiddenton', 'HD3 9QP', 'HD39QP', '07700 900417']

let h: Harness
let victimId: number
beforeAll(async () => {
  h = await startHarness()
  await h.cacheAssets()
})
afterAll(() => h?.close())

/** The words of the victim's identity found in the current page's HTML (text, attributes, hidden parts). */
async function identifyingOnPage() {
  const html = (await h.page.content()).toLowerCase().replace(/\s+/g, ' ')
  return IDENTIFYING.filter(s => html.includes(s.toLowerCase()))
}

describe('the Victim Contact Scheme: eligibility, referral, an exclusion zone, release, and the wall', () => {
  it('a violent offence with 2 years in custody, sentenced six weeks ago, is recorded with its custody record', async () => {
    expect(referralDueBy.isBefore(today)).toBe(true)
    await h.signInAs('casey.admin')
    const event = await EventForm.open(h.page, CRN)
    await event.fill({
      court: 'Northtown Crown Court',
      convictionDate: sentenced.toString(),
      mainOffenceCode: OFFENCE,
      mainOffenceDate: sentenced.minusDays(90).toString(),
    })
    await event.save()
    expect(await event.errors()).toEqual([])
    await SentencesPage.verifyOnPage(h.page)

    const form = await CustodialSentenceForm.open(h.page, CRN)
    await form.fill({
      eventNumber: await openEventNumberFor(h.page, OFFENCE),
      sentenceDate: sentenced.toString(),
      length: { value: 2, unit: 'years' },
      custodialType: 'Standard determinate sentence (SDS)',
    })
    await form.save()
    expect(await form.errors()).toEqual([])
    const sentences = await SentencesPage.verifyOnPage(h.page)
    expect(await sentences.banner()).toContain('Sentence recorded')
    expect(await sentences.caseStatus()).toBe('In custody')

    const record = await (await CustodyPage.open(h.page, CRN)).createRecord()
    await record.fill({
      prisonNumber: 'A5902KB',
      prisonCode: 'MDI',
      prisonName: 'HMP Moorland',
      receptionDate: sentenced.toString(),
    })
    expect(await (await record.save()).banner()).toBe('Custody record created')
  })

  it('the victim liaison officer sees the overdue referral with its reason, records it and the victim opting in', async () => {
    await h.signInAs('val.vlo')
    const list = await VictimsWorkListPage.open(h.page)
    const reason = `a violent offence (${OFFENCE}, “Violence”) with 2 years in custody, sentenced on ${shown(sentenced)}`
    expect(await list.overdue(CRN)).toEqual({
      offender: NAME,
      sentenced: shown(sentenced),
      dueBy: shown(referralDueBy),
      reason: expect.stringContaining(reason),
    })
    await h.checkAtBothWidths()

    const referral = await list.refer(CRN)
    expect(await referral.offender()).toBe(`Offender: ${NAME} (${CRN})`)
    await referral.fill(VICTIM)
    await h.checkAtBothWidths()
    await referral.submit()
    expect(await referral.errors()).toEqual([])

    let victim = await VictimPage.verifyOnPage(h.page)
    victimId = victim.id()
    expect(await victim.banner()).toBe('Referral recorded')
    expect(await victim.name()).toBe(`${VICTIM.forename} ${VICTIM.surname}`)
    expect(await victim.details()).toMatchObject({ Address: '7 Larch Close, Hiddenton, HD3 9QP' })
    expect(await victim.referral()).toMatchObject({
      'Referred on': shown(today),
      'Referred by': VICTIM.referredBy,
    })
    expect(await victim.offender()).toMatchObject({ Name: NAME, CRN })
    expect(await victim.eligibility()).toBe(
      `Eligible: convicted of ${reason}. The referral was due by ${shown(referralDueBy)}.`,
    )
    expect(await victim.decision()).toBe('No decision yet')
    // The check the offender's side must pass finds the victim here, on the victim's own page.
    expect(await identifyingOnPage()).toEqual(
      expect.arrayContaining(['Imogen', 'Fairweather', 'Larch Close', 'HD3 9QP']),
    )

    victim = await victim.recordDecision({ decision: 'Opted in', on: today.toString(), notes: 'Wants to be told.' })
    expect(await victim.banner()).toBe('Decision recorded')
    expect(await victim.decision()).toBe('Opted in')
    expect(await victim.decisions()).toEqual([expect.stringMatching(new RegExp(`^Opted in ${shown(today)} Wants`))])
    await h.checkAtBothWidths()

    // Referred: no longer overdue.
    expect(await (await VictimsWorkListPage.open(h.page)).overdue(CRN)).toBeNull()
  })

  it('the victim asks for an exclusion zone: wording that names the victim is refused, the request recorded', async () => {
    let conditions = await (await VictimPage.open(h.page, victimId)).conditions()
    await h.checkAtBothWidths()
    conditions = await conditions.request({
      condition: 'Freedom of movement (exclusion zone)',
      wording: `Not to enter Larch Close, where Ms ${VICTIM.surname} lives`,
    })
    expect(await conditions.fieldError('wording')).toContain('must not identify the victim')
    expect(await conditions.requests()).toEqual([])

    conditions = await conditions.request({ condition: 'Freedom of movement (exclusion zone)', wording: ZONE })
    expect(await conditions.banner()).toBe('Condition requested')
    expect(await conditions.requests()).toEqual([
      expect.stringMatching(new RegExp(`^Freedom of movement \\(exclusion zone\\) ${ZONE} Requested ${shown(today)}`)),
    ])
    await h.checkAtBothWidths()
    const victim = await conditions.back()
    expect(await victim.conditionRequests()).toEqual([`Freedom of movement (exclusion zone) ${ZONE}`])
  })

  it('the offender’s manager sees the requested condition on the licence and that a victim is in the scheme, never who', async () => {
    await h.signInAs('pat.practitioner')
    await LicencePage.open(h.page, CRN)
    expect(await victimConditionsOnLicence(h.page)).toEqual([
      `Freedom of movement (exclusion zone) (${shown(today)}) ${ZONE}`,
    ])
    expect(await identifyingOnPage()).toEqual([])

    await h.page.goto(`/people/${CRN}`)
    await PersonPage.verifyOnPage(h.page)
    expect(await victimContactPanel(h.page)).toBe('A victim is in the Victim Contact Scheme.')
    expect(await identifyingOnPage()).toEqual([])
  })

  it('the release makes a task for the victim liaison officer with the release date, never the offender’s address', async () => {
    const release = await (await CustodyPage.open(h.page, CRN)).recordRelease()
    await release.release({ date: today.toString(), type: 'Automatic or conditional release' })
    expect(await release.errors()).toEqual([])
    expect(await (await CustodyPage.verifyOnPage(h.page)).banner()).toBe('Release recorded')
    // Where the offender lives, as his manager sees it: the victim's side must never show it.
    const home = (await (await new PersonPage(h.page).openAddresses()).currentAddresses()).map(a =>
      a
        .split('\n')
        .map(line => line.trim())
        .filter(line => line.length > 3),
    )
    expect(home.length).toBeGreaterThan(0)
    // Its street and postcode (the town alone may be named elsewhere, a court's for one).
    const addressLines = home.flatMap(lines => [lines[0], lines.at(-1)!])

    // The server runs the task maker every minute (startVictimTaskMaker); the harness does not start it, so the
    // journey runs it once here, as the next minute would.
    expect((await makeVictimTasks(h.db, systemClock)).made).toBeGreaterThan(0)

    await h.signInAs('val.vlo')
    const list = await VictimsWorkListPage.open(h.page)
    // (A task for the sentence may be there too: it was recorded less than a minute before the referral, and the
    // task maker reads only the events of more than a minute ago, so it may have come after the victim was in.)
    expect(await list.tasks()).toEqual(
      expect.arrayContaining([
        {
          task: `Released on licence Released on: ${shown(today)}`,
          victim: `${VICTIM.forename} ${VICTIM.surname}`,
          offender: `${NAME} ${CRN}`,
          due: expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/),
        },
      ]),
    )
    const victim = await VictimPage.open(h.page, victimId)
    expect(await victim.openTasks()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Released on licence – due .* Released on: ${shown(today)}$`)),
      ]),
    )
    expect(await victim.offender()).toMatchObject({ Status: expect.stringContaining(`Released on ${shown(today)}`) })
    const task = await victim.openTask('Released on licence')
    expect(await task.facts()).toMatchObject({ Offender: `${NAME} (${CRN})`, 'Released on': shown(today) })
    await h.checkAtBothWidths()
    for (const url of [`/victims/${victimId}`, '/victims', h.page.url()]) {
      await h.page.goto(url)
      const html = await h.page.content()
      for (const line of addressLines) expect(html, `${url} shows the offender’s address`).not.toContain(line)
      expect(html).not.toContain('HMP Moorland')
    }
  })

  it('the offender’s manager can find the victim’s name nowhere: search, overview, licence, custody, activity, who has looked', async () => {
    await h.signInAs('pat.practitioner')
    const search = await SearchPage.open(h.page)
    for (const q of [VICTIM.surname, `${VICTIM.surname} ${VICTIM.forename}`, 'Fairweather']) {
      await search.search(q)
      expect(await h.page.locator('[data-qa="result-count"]').innerText()).toBe('No matching records')
      expect(await search.resultNames()).toEqual([])
    }

    for (const path of ['', '/licence', '/licence/conditions', '/custody', '/activity', '/sentences', '/addresses']) {
      await h.page.goto(`/people/${CRN}${path}`)
      await PersonPage.verifyOnPage(h.page)
      expect(await identifyingOnPage(), `/people/${CRN}${path}`).toEqual([])
    }
    // The licence page still carries the request: the check above looked at a page that has it.
    await LicencePage.open(h.page, CRN)
    expect(await victimConditionsOnLicence(h.page)).toHaveLength(1)

    // Nor does the offender's "who has looked" page (an administrator's) list the victim liaison officer's work.
    await h.signInAs('admin')
    await h.page.goto(`/people/${CRN}/audit`)
    await PersonPage.verifyOnPage(h.page)
    expect(await identifyingOnPage()).toEqual([])
    const looks = await h.page.content()
    expect(looks).toContain('Pat Practitioner') // the offender's manager's looks are listed
    expect(looks).not.toContain('Val Liaison')
  })
})

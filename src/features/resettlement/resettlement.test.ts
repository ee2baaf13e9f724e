import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * Through the Gate as the people using it would check it, on Monday 7 December 2026: the screening clocks from the
 * custody record's reception date (rules-and-outcomes.md §1.4, §3.3 "BCST"; part 2's 5 working days NOT VERIFIED),
 * needs by pathway, the resettlement plan's actions, the release-day plan, each form's bad input changing nothing,
 * the team's work list, and who may see and change it.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let pat: TestBrowser
let alex: TestBrowser
const db = () => t.handle.db

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** A custodial case of pat's, received into prison on `reception` (no custody record when null). */
async function custodialCase(reception: string | null): Promise<MadeSentence> {
  const c = await make.sentenced('custodial')
  if (reception)
    await db()
      .insertInto('custody_records')
      .values({ person_id: c.personId, sentence_id: c.sentenceId, prison_number: 'A1234BC', reception_date: reception })
      .execute()
  return c
}

async function setKeyDates(sentenceId: number, dates: Record<string, string>) {
  await db()
    .updateTable('sentences')
    .set({ key_dates: JSON.stringify(dates) })
    .where('id', '=', sentenceId)
    .execute()
}

const count = async (table: 'resettlement_screenings' | 'resettlement_needs' | 'release_day_plans', personId: number) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll<string>().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow()
    ).n,
  )

const actionCount = async (personId: number) =>
  (await db().selectFrom('resettlement_actions').select('id').where('person_id', '=', personId).execute()).length

/** The text of a table row marked `data-qa`, without tags. */
function row(body: string, qa: string): string {
  const match = new RegExp(`<tr[^>]*data-qa="${qa}"[\\s\\S]*?</tr>`).exec(body)
  return (match?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function expectErrors(response: { statusCode: number; body: string }, messages: string[]) {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(400)
  expect(response.body).toContain('govuk-error-summary')
  for (const m of messages) expect(response.body).toContain(m)
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[pat, alex] = await Promise.all([t.signIn('pat.practitioner'), t.signIn('alex.crc')])
}, 180_000)
afterAll(() => t.close())

describe('the resettlement page', () => {
  it('says there is no custody record yet and takes no clock from reception', async () => {
    const c = await custodialCase(null)
    const page = await pat.get(`/people/${c.crn}/resettlement`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('There is no custody record yet')
    expect(row(page.body, 'screening-part1')).toContain('No clock until the reception date is recorded')
    expect(row(page.body, 'screening-part2')).toContain('No clock until the reception date is recorded')
    expect(page.body).toMatch(/moj-sub-navigation__link[^>]*aria-current="page"[^>]*>\s*Resettlement/)
    const views = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'RESETTLEMENT_VIEW')
      .where('person_id', '=', c.personId)
      .execute()
    expect(views.map(v => v.detail)).toEqual([expect.objectContaining({ page: 'resettlement' })])
  })

  it('shows part 1 late three days after reception and part 2 due 5 working days after it (NOT VERIFIED)', async () => {
    // Received Thursday 3 December: part 1 due Sunday 6 December (72 hours); part 2 5 working days later, Friday 11.
    const c = await custodialCase('2026-12-03')
    const page = await pat.get(`/people/${c.crn}/resettlement`)
    expect(page.body).toContain('3 December 2026 (prison number A1234BC)')
    expect(row(page.body, 'screening-part1')).toBe('Part 1 (the prison’s) 6 December 2026 Not done Late')
    expect(row(page.body, 'screening-part2')).toBe('Part 2 11 December 2026 Not done Due')
    expect(page.body).toContain('Part 1 is the prison’s screening')
  })

  it('keeps each table in its own scrolling region, so the page is never wider than a phone', async () => {
    const c = await custodialCase('2026-12-03')
    const added = await pat.post(`/people/${c.crn}/resettlement/actions`, {
      actionPathway: 'accommodation',
      actionDescription: 'Refer to the housing charity',
      actionOwnerType: 'partner',
      actionOwnerOrganisation: 'Northtown Housing Trust',
      ...dateFields('actionDue', '2026-12-10'),
    })
    expect(added.statusCode).toBe(303)
    const page = await pat.get(`/people/${c.crn}/resettlement`)
    const tables = page.body.match(/<table\b[^>]*data-qa="[^"]+"/g) ?? []
    expect(tables.map(t => /data-qa="([^"]+)"/.exec(t)![1])).toEqual(['screening-table', 'needs-table', 'plan-table'])
    const scrolling = page.body.match(
      /<div class="probity-table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*<table\b/g,
    )
    expect(scrolling ?? []).toHaveLength(tables.length)
  })

  it('is in the sub-navigation of a custodial case and not of a community one', async () => {
    const custodial = await custodialCase(null)
    const community = await make.caseWithAppointments(1)
    const nav = (body: string) => /<nav class="moj-sub-navigation"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? ''
    expect(nav((await pat.get(`/people/${custodial.crn}`)).body)).toContain(`/people/${custodial.crn}/resettlement`)
    expect(nav((await pat.get(`/people/${community.crn}`)).body)).not.toContain('/resettlement')
    const page = await pat.get(`/people/${community.crn}/resettlement`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('There is no current custodial sentence')
    const refused = await pat.post(`/people/${community.crn}/resettlement/screenings`, {
      part: '1',
      ...dateFields('part1-completedOn', TODAY),
      'part1-completedBy': 'Officer Jones',
    })
    expectErrors(refused, ['There is no custodial sentence'])
    expect(await count('resettlement_screenings', community.personId)).toBe(0)
  })
})

describe('screening', () => {
  it('refuses bad input, naming the field, and saves nothing', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/screenings`
    expectErrors(await pat.post(url, { part: '1' }), ['Enter the date it was done', 'Enter who did the screening'])
    expectErrors(
      await pat.post(url, { part: '1', ...dateFields('part1-completedOn', '2026-12-08'), 'part1-completedBy': 'A' }),
      ['The date it was done must be today or in the past', 'href="#part1-completedOn-day"'],
    )
    expectErrors(
      await pat.post(url, { part: '1', ...dateFields('part1-completedOn', '2026-12-02'), 'part1-completedBy': 'A' }),
      ['must be on or after reception (3 December 2026)'],
    )
    expectErrors(
      await pat.post(url, {
        part: '2',
        'part2-completedOn-day': '31',
        'part2-completedOn-month': '2',
        'part2-completedOn-year': '2026',
        'part2-completedBy': 'B',
      }),
      ['The date it was done must be a real date'],
    )
    expect(await count('resettlement_screenings', c.personId)).toBe(0)
  })

  it('records part 1 (done late) and part 2 (in time), the clock moving with part 1', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/screenings`
    const one = await pat.post(url, {
      part: '1',
      ...dateFields('part1-completedOn', TODAY),
      'part1-completedBy': 'Officer Jones, HMP Northtown',
    })
    expect(one.statusCode, one.body.slice(0, 300)).toBe(303)
    let page = (await pat.get(String(one.headers.location))).body
    expect(page).toContain('Screening recorded')
    expect(row(page, 'screening-part1')).toBe(
      'Part 1 (the prison’s) 6 December 2026 7 December 2026 Officer Jones, HMP Northtown Done late',
    )
    // Part 1 done on Monday 7 December: part 2 due 5 working days later, Monday 14 December.
    expect(row(page, 'screening-part2')).toBe('Part 2 14 December 2026 Not done Due')
    const two = await pat.post(url, {
      part: '2',
      ...dateFields('part2-completedOn', TODAY),
      'part2-completedBy': 'Pat',
    })
    expect(two.statusCode).toBe(303)
    page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, 'screening-part2')).toBe('Part 2 14 December 2026 7 December 2026 Pat Done')
    const events = await db()
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', c.personId)
      .where('event_type', '=', 'resettlement.screening-recorded')
      .execute()
    expect(events).toHaveLength(2)
  })

  it('keeps a correction beside the first recording', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/screenings`
    for (const [day, by] of [
      ['2026-12-04', 'Officer Jones'],
      ['2026-12-05', 'Officer Smith'],
    ] as const)
      expect(
        (await pat.post(url, { part: '1', ...dateFields('part1-completedOn', day), 'part1-completedBy': by }))
          .statusCode,
      ).toBe(303)
    const page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, 'screening-part1')).toContain('5 December 2026 Officer Smith Done')
    expect(page).toContain('Part 1 was recorded before: done 4 December 2026 by Officer Jones')
    expect(await count('resettlement_screenings', c.personId)).toBe(2)
  })

  it('needs no part 2 for a sentence over 4 years, and refuses one', async () => {
    const c = await custodialCase('2026-12-03')
    await db()
      .updateTable('sentences')
      .set({ length_value: 5, length_unit: 'years' })
      .where('id', '=', c.sentenceId)
      .execute()
    const page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, 'screening-part2')).toBe('Part 2 Not needed: the sentence is over 4 years')
    const refused = await pat.post(`/people/${c.crn}/resettlement/screenings`, {
      part: '2',
      ...dateFields('part2-completedOn', TODAY),
      'part2-completedBy': 'Pat',
    })
    expectErrors(refused, ['Part 2 is only for sentences of 4 years or less'])
    expect(await count('resettlement_screenings', c.personId)).toBe(0)
  })
})

describe('needs by pathway', () => {
  it('refuses a need without notes and an answer missing, saving nothing', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/needs`
    expectErrors(await pat.post(url, { 'need-accommodation': 'yes', 'need-health': 'no' }), [
      'Say what the need is for accommodation',
    ])
    expectErrors(await pat.post(url, {}), ['Answer at least one pathway'])
    expectErrors(await pat.post(url, { 'needNotes-finance': 'Debts' }), [
      'Select yes or no for Finance, benefit and debt, ID and bank account',
    ])
    expect(await count('resettlement_needs', c.personId)).toBe(0)
  })

  it('records needs, adds nothing for an unchanged answer and keeps the earlier answer on a change', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/needs`
    const first = { 'need-accommodation': 'yes', 'needNotes-accommodation': 'No fixed abode', 'need-health': 'no' }
    expect((await pat.post(url, first)).statusCode).toBe(303)
    expect((await pat.post(url, first)).statusCode).toBe(303)
    expect(await count('resettlement_needs', c.personId)).toBe(2)
    expect((await pat.post(url, { ...first, 'needNotes-accommodation': 'Hostel place offered' })).statusCode).toBe(303)
    const page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, 'need-accommodation')).toContain('Accommodation Yes Hostel place offered')
    expect(row(page, 'need-health')).toContain('Health No')
    expect(row(page, 'need-ete')).toContain('Not recorded')
    expect(page).toContain('Accommodation: Yes – No fixed abode')
    expect(await count('resettlement_needs', c.personId)).toBe(3)
  })
})

describe('the resettlement plan', () => {
  it('refuses an action without a pathway, owner or future due date, saving nothing', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/actions`
    expectErrors(await pat.post(url, {}), [
      'Select the pathway',
      'Enter what is to be done',
      'Select who owns the action',
      'Enter the due date',
    ])
    expectErrors(
      await pat.post(url, {
        actionPathway: 'accommodation',
        actionDescription: 'Refer to housing',
        actionOwnerType: 'partner',
        ...dateFields('actionDue', '2026-12-04'),
      }),
      ['Enter the partner organisation'],
    )
    expectErrors(
      await pat.post(url, {
        actionPathway: 'accommodation',
        actionDescription: 'Refer to housing',
        actionOwnerType: 'partner',
        actionOwnerOrganisation: 'Shelter',
        ...dateFields('actionDue', '2026-12-04'),
      }),
      ['The due date must be today or in the future'],
    )
    expectErrors(
      await pat.post(url, {
        actionPathway: 'housing',
        actionDescription: 'Refer',
        actionOwnerType: 'staff',
        actionOwnerStaff: '999999',
        ...dateFields('actionDue', '2026-12-10'),
      }),
      ['Select the pathway'],
    )
    expectErrors(
      await pat.post(url, {
        actionPathway: 'health',
        actionDescription: 'Register with a GP',
        actionOwnerType: 'staff',
        actionOwnerStaff: '999999',
        ...dateFields('actionDue', '2026-12-10'),
      }),
      ['Select a member of staff from the list'],
    )
    expect(await actionCount(c.personId)).toBe(0)
  })

  it('adds actions owned by a partner or a member of staff, and closes one once, never overwriting it', async () => {
    const c = await custodialCase('2026-12-03')
    const url = `/people/${c.crn}/resettlement/actions`
    const patStaff = await db().selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()
    // The owners offered are the case's team and the user's (Northtown Team A), not the whole provider.
    const form = (await pat.get(`/people/${c.crn}/resettlement`)).body
    const owners = /<select[^>]*name="actionOwnerStaff"[\s\S]*?<\/select>/.exec(form)?.[0] ?? ''
    expect(owners).toContain('Sam Senior')
    expect(owners).toContain('Pat Practitioner')
    expect(owners).not.toContain('Lee Okoro') // Southam Team 1
    expect(owners).not.toContain('Alex Contracted') // another provider
    const added = [
      await pat.post(url, {
        actionPathway: 'accommodation',
        actionDescription: 'Refer to the housing charity',
        actionOwnerType: 'partner',
        actionOwnerOrganisation: 'Northtown Housing Trust',
        ...dateFields('actionDue', '2026-12-10'),
      }),
      await pat.post(url, {
        actionPathway: 'finance',
        actionDescription: 'Open a bank account',
        actionOwnerType: 'staff',
        actionOwnerStaff: String(patStaff.id),
        ...dateFields('actionDue', TODAY),
      }),
    ]
    expect(added.map(a => a.statusCode)).toEqual([303, 303])
    const ids = (
      await db()
        .selectFrom('resettlement_actions')
        .select('id')
        .where('person_id', '=', c.personId)
        .orderBy('id')
        .execute()
    ).map(a => Number(a.id))
    let page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, `action-${ids[0]}`)).toBe(
      'Accommodation Refer to the housing charity Northtown Housing Trust (partner organisation) 10 December 2026 Due',
    )
    expect(row(page, `action-${ids[1]}`)).toBe(
      'Finance, benefit and debt, ID and bank account Open a bank account Pat Practitioner 7 December 2026 Due',
    )
    const close = `/people/${c.crn}/resettlement/actions/${ids[0]}/done`
    expectErrors(await pat.post(close, dateFields(`done-${ids[0]}`, '2026-12-08')), [
      'The date it was done must be today or in the past',
    ])
    expectErrors(await pat.post(close, dateFields(`done-${ids[0]}`, '2026-12-01')), [
      'must be on or after the day it was planned',
    ])
    expect(
      (await pat.post(close, { ...dateFields(`done-${ids[0]}`, TODAY), [`doneNotes-${ids[0]}`]: 'Place offered' }))
        .statusCode,
    ).toBe(303)
    expect((await pat.post(close, dateFields(`done-${ids[0]}`, TODAY))).statusCode).toBe(409)
    page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(row(page, `action-${ids[0]}`)).toContain('Refer to the housing charity Place offered')
    expect(row(page, `action-${ids[0]}`)).toContain('Done on 7 December 2026')
    await expect(
      sql`update resettlement_actions set description = 'changed' where id = ${ids[0]}`.execute(db()),
    ).rejects.toThrow(/append-only/)
  })

  it('shows an open action late the day after its due date (written before today, due yesterday)', async () => {
    const c = await custodialCase('2026-12-03')
    const ctxUser = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'pat.practitioner')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('resettlement_actions')
      .values({
        person_id: c.personId,
        sentence_id: c.sentenceId,
        pathway: 'health',
        description: 'Register with a GP',
        owner_organisation: 'Northtown Surgery',
        due_date: '2026-12-06',
        created_by: Number(ctxUser.id),
      })
      .execute()
    const page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(page).toMatch(/Register with a GP[\s\S]*?6 December 2026[\s\S]*?govuk-tag--red[^>]*>\s*Late/)
  })
})

describe('the pre-release window and the release-day plan', () => {
  it('shows the 12 weeks from the stored key dates, refuses bad input and keeps every version', async () => {
    const c = await custodialCase('2026-10-01')
    await setKeyDates(c.sentenceId, { CRD: '2027-01-15', HDCED: '2026-12-20', SLED: '2027-10-08' })
    let page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    expect(page).toContain(
      'run from 27 September 2026 (12 weeks before the HDCED, 20 December 2026) to the CRD, 15 January 2027',
    )
    expect(page).toContain('They are in the pre-release weeks now.')
    const url = `/people/${c.crn}/resettlement/release-day-plan`
    expectErrors(await pat.post(url, {}), [
      'Enter the address for the first night',
      'Enter who meets them at the gate, or that no one does',
      'Enter how they travel from the prison',
      'Enter the first appointment date',
      'Enter where the first appointment is',
    ])
    const plan = {
      firstNightAddress: '12 Hostel Road, Northtown',
      metBy: 'Sister (Jo)',
      travel: 'Train to Northtown, warrant issued',
      ...dateFields('firstAppointmentDate', '2026-12-21'),
      firstAppointmentPlace: 'Northtown probation office',
      medication: '7 days of prescriptions',
    }
    expectErrors(await pat.post(url, { ...plan, ...dateFields('firstAppointmentDate', '2026-12-01') }), [
      'The first appointment date must be today or in the future',
    ])
    expect(await count('release_day_plans', c.personId)).toBe(0)
    expect((await pat.post(url, plan)).statusCode).toBe(303)
    expect((await pat.post(url, { ...plan, metBy: 'No one' })).statusCode).toBe(303)
    page = (await pat.get(`/people/${c.crn}/resettlement`)).body
    const summary = /data-qa="release-day-plan"[\s\S]*?<\/dl>/.exec(page)![0]
    expect(summary).toContain('No one')
    expect(summary).toContain('21 December 2026, Northtown probation office')
    expect(summary).toContain('None recorded')
    expect(page).toContain('Earlier versions of the plan')
    expect(page).toMatch(/met by Sister \(Jo\)/)
    expect(await count('release_day_plans', c.personId)).toBe(2)
  })
})

describe('the work list', () => {
  it('shows the team’s late and due screening, open actions and pre-release cases without a plan', async () => {
    const late = await custodialCase('2026-12-03')
    const window = await custodialCase('2026-09-01')
    await setKeyDates(window.sentenceId, { CRD: '2027-01-15' })
    const planned = await custodialCase('2026-09-01')
    await setKeyDates(planned.sentenceId, { CRD: '2027-01-15' })
    await db()
      .insertInto('release_day_plans')
      .values({
        person_id: planned.personId,
        sentence_id: planned.sentenceId,
        first_night_address: 'Home',
        met_by: 'Mother',
        travel: 'Car',
        first_appointment_date: '2027-01-15',
        first_appointment_place: 'Office',
      })
      .execute()
    const action = await pat.post(`/people/${late.crn}/resettlement/actions`, {
      actionPathway: 'ete',
      actionDescription: 'Book a CV workshop',
      actionOwnerType: 'partner',
      actionOwnerOrganisation: 'Jobs Charity',
      ...dateFields('actionDue', '2026-12-09'),
    })
    expect(action.statusCode).toBe(303)
    const list = await pat.get('/resettlement')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('Northtown Team A')
    expect(row(list.body, `screening-${late.crn}-1`)).toBe(
      `Terry ${late.surname} ${late.crn} Basic custody screening part 1 (the prison’s) 6 December 2026 Late`,
    )
    expect(row(list.body, `screening-${late.crn}-2`)).toContain('Basic custody screening part 2 11 December 2026 Due')
    expect(row(list.body, `action-${late.crn}`)).toContain(
      'Book a CV workshop Education, training and employment Jobs Charity 9 December 2026 Due',
    )
    expect(row(list.body, `pre-release-${window.crn}`)).toContain('15 January 2027 (CRD) 23 October 2026')
    expect(list.body).not.toContain(`pre-release-${planned.crn}`)
    expect(list.body).toMatch(
      /<a[^>]*aria-current="page"[^>]*data-qa="nav-resettlement"|<a[^>]*data-qa="nav-resettlement"[^>]*aria-current="page"/,
    )
    const audited = await db()
      .selectFrom('audit_events')
      .select('shown_person_ids')
      .where('action', '=', 'RESETTLEMENT_LIST_VIEW')
      .where('username', '=', 'pat.practitioner')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((audited.shown_person_ids ?? []).map(Number)).toEqual(
      expect.arrayContaining([late.personId, window.personId]),
    )
    // The prison team's list: narrowed to the prison each person is held in now (their latest move).
    const moveTo = async (c: { personId: number }, code: string, name: string, on: string) => {
      const record = await db()
        .selectFrom('custody_records')
        .select('id')
        .where('person_id', '=', c.personId)
        .executeTakeFirstOrThrow()
      await db()
        .insertInto('custody_locations')
        .values({ custody_record_id: record.id, prison_code: code, prison_name: name, moved_on: on })
        .execute()
    }
    await moveTo(late, 'LEI', 'HMP Leeds', '2026-12-03')
    await moveTo(late, 'MDI', 'HMP Moorland', '2026-12-04')
    await moveTo(window, 'LEI', 'HMP Leeds', '2026-09-01')
    const moorland = await pat.get('/resettlement?prison=mdi')
    expect(moorland.statusCode).toBe(200)
    expect(moorland.body).toContain('Held in HMP Moorland.')
    expect(row(moorland.body, `screening-${late.crn}-1`)).toContain(`${late.crn}, HMP Moorland`)
    expect(moorland.body).not.toContain(`pre-release-${window.crn}`)
    expect(moorland.body).toMatch(/<option value="LEI">HMP Leeds<\/option>/)
    expect(moorland.body).toMatch(/<option value="MDI" selected>HMP Moorland<\/option>/)
    const leeds = await pat.get('/resettlement?prison=LEI')
    expect(row(leeds.body, `pre-release-${window.crn}`)).toContain(`${window.crn}, HMP Leeds`)
    expect(leeds.body).not.toContain(`screening-${late.crn}-1`)

    // Once part 1 is recorded it leaves the list; another provider's practitioner sees none of it.
    await pat.post(`/people/${late.crn}/resettlement/screenings`, {
      part: '1',
      ...dateFields('part1-completedOn', TODAY),
      'part1-completedBy': 'Officer Jones',
    })
    const after = await pat.get('/resettlement')
    expect(after.body).not.toContain(`screening-${late.crn}-1`)
    expect(row(after.body, `screening-${late.crn}-2`)).toContain('14 December 2026 Due')
    const other = await alex.get('/resettlement?scope=provider')
    expect(other.statusCode).toBe(200)
    for (const c of [late, window]) expect(other.body).not.toContain(c.crn)
  })
})

describe('the API', () => {
  it('tells a prison system where the work stands and takes part 1 from it, refusing bad input with the field', async () => {
    const c = await custodialCase('2026-12-03')
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const before = await api.get(`/api/v1/people/${c.crn}/resettlement`)
    expect(before.statusCode, before.body).toBe(200)
    expect(before.json()).toMatchObject({
      crn: c.crn,
      sentenceId: c.sentenceId,
      released: false,
      screeningPartOne: { due: '2026-12-06', status: 'late', completedOn: null },
      actions: [],
      releaseDayPlan: null,
    })
    const url = `/api/v1/people/${c.crn}/resettlement/screenings`
    const future = await api.post(url, { part: 1, completedOn: '2026-12-08', completedBy: 'Officer Jones' })
    expect(future.statusCode).toBe(400)
    expect(JSON.stringify(future.json())).toContain('completedOn')
    const unreal = await api.post(url, { part: 1, completedOn: '2026-02-30', completedBy: 'Officer Jones' })
    expect(unreal.statusCode).toBe(400)
    expect(await count('resettlement_screenings', c.personId)).toBe(0)
    const done = await api.post(url, { part: 1, completedOn: TODAY, completedBy: 'Officer Jones, HMP Northtown' })
    expect(done.statusCode, done.body).toBe(201)
    expect(done.json().screeningPartOne).toEqual({
      due: '2026-12-06',
      status: 'done_late',
      completedOn: TODAY,
      completedBy: 'Officer Jones, HMP Northtown',
    })
    expect(done.json().screeningPartTwo).toMatchObject({ due: '2026-12-14', status: 'due', required: true })
    const other = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await other.get(`/api/v1/people/${c.crn}/resettlement`)).statusCode).toBe(403)
    expect((await other.post(url, { part: 2, completedOn: TODAY, completedBy: 'Alex' })).statusCode).toBe(403)
    expect(await count('resettlement_screenings', c.personId)).toBe(1)
  })
})

describe('access', () => {
  it('refuses another provider’s practitioner the page and every form, saving nothing', async () => {
    const c = await custodialCase('2026-12-03')
    expect((await alex.get(`/people/${c.crn}/resettlement`)).statusCode).toBe(403)
    const posts: [string, Record<string, string>][] = [
      ['screenings', { part: '1', ...dateFields('part1-completedOn', TODAY), 'part1-completedBy': 'X' }],
      ['needs', { 'need-health': 'no' }],
      ['release-day-plan', { firstNightAddress: 'X' }],
      ['actions', { actionPathway: 'health' }],
    ]
    for (const [path, form] of posts) {
      const response = await alex.post(`/people/${c.crn}/resettlement/${path}`, form)
      expect(response.statusCode, path).toBe(403)
      expect(response.body, path).not.toContain(c.surname)
    }
    expect(await count('resettlement_screenings', c.personId)).toBe(0)
    expect(await count('resettlement_needs', c.personId)).toBe(0)
  })

  it('lets a reader without the right to change the record see the page without its forms', async () => {
    const c = await custodialCase('2026-12-03')
    await make.accessGrant(c.personId, { to: 'alex.crc' })
    const page = await alex.get(`/people/${c.crn}/resettlement`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Basic custody screening')
    expect(page.body).not.toContain('data-qa="needs-form"')
    expect(page.body).not.toContain('data-qa="action-form"')
  })
})

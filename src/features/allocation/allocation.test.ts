import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays } from '../../domain/calendar/index.ts'
import { insertPerson } from '../people/queries.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

let t: TestApp
let sam: TestBrowser
let pat: TestBrowser
let alex: TestBrowser
let admin: TestBrowser
let ids: { pdu: number; crcProvider: number; npsProvider: number; staff: Record<string, number> }
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const db = () => t.handle.db

/** A person sentenced today to a community order at a court of the Northtown PDU, waiting for allocation. */
async function sentencedCase(
  surname: string,
  risk: { rsr?: number; rosh?: 'low' | 'medium' | 'high'; roshFlag?: 'RHRH' | 'RMRH'; tier?: string } = {},
) {
  const { id, crn } = await insertPerson(
    db(),
    { forename: 'Test', surname, date_of_birth: '1990-05-05', gender: 'male' },
    'X',
  )
  const court = await db()
    .insertInto('courts')
    .values({ code: `C${id}`, name: 'Northtown Magistrates', delivery_unit_id: ids.pdu })
    .returning('id')
    .executeTakeFirstOrThrow()
  const event = await db()
    .insertInto('events')
    .values({
      person_id: id,
      event_number: 1,
      status: 'sentenced',
      court_id: court.id,
      conviction_date: today.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('sentences')
    .values({
      person_id: id,
      event_id: event.id,
      sentence_type: 'community_order',
      sentence_date: today.toString(),
      length_value: 12,
      length_unit: 'months',
    })
    .execute()
  await db().updateTable('people').set({ case_status: 'awaiting_allocation' }).where('id', '=', id).execute()
  if (risk.rsr !== undefined) {
    await db()
      .insertInto('risk_scores')
      .values({
        person_id: id,
        algorithm: 'RSR',
        algorithm_version: 't',
        calculated_on: today.toString(),
        score: risk.rsr,
        band: null,
        inputs: '{}',
        output: '{}',
      })
      .execute()
  }
  if (risk.rosh) {
    const l = risk.rosh
    await db()
      .insertInto('rosh_assessments')
      .values({
        person_id: id,
        assessment_date: today.toString(),
        public_level: l,
        known_adult_level: l,
        children_level: l,
        staff_level: l,
        overall_level: l,
      })
      .execute()
  }
  if (risk.roshFlag) {
    await db()
      .insertInto('registrations')
      .values({ person_id: id, type_code: risk.roshFlag, registered_date: today.minusMonths(2).toString() })
      .execute()
  }
  if (risk.tier) {
    await db()
      .insertInto('tier_calculations')
      .values({
        person_id: id,
        algorithm: 'tier-v2-protect-change',
        algorithm_version: 't',
        calculated_on: today.toString(),
        tier: risk.tier,
        inputs: '{}',
        output: '{}',
      })
      .execute()
  }
  return { id, crn }
}

const version = async (personId: number) =>
  String(
    (await db().selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version,
  )
const outbox = (personId: number) =>
  db()
    .selectFrom('outbox_events')
    .select(['event_type', 'payload'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp()
  ;[sam, pat, alex, admin] = await Promise.all(
    ['sam.senior', 'pat.practitioner', 'alex.crc', 'admin'].map(u => t.signIn(u)),
  )
  const pdu = await db()
    .selectFrom('delivery_units')
    .select('id')
    .where('code', '=', 'PS-NW-N')
    .executeTakeFirstOrThrow()
  const providers = await db().selectFrom('providers').select(['id', 'code']).execute()
  const staff = await db().selectFrom('staff').select(['id', 'code']).execute()
  ids = {
    pdu: pdu.id,
    npsProvider: providers.find(p => p.code === 'PS')!.id,
    crcProvider: providers.find(p => p.code === 'NWCRC')!.id,
    staff: Object.fromEntries(staff.map(s => [s.code, s.id])),
  }
}, 60_000)
afterAll(() => t.close())

describe('the unallocated-cases queue', () => {
  it('shows a sentenced case with tier, RoSH, sentence date, time left and the provider decision with its reasons', async () => {
    const { crn } = await sentencedCase('Queueing', { rsr: 7.4, rosh: 'medium', tier: 'B2' })
    const page = await sam.get('/allocations?pdu=PS-NW-N')
    expect(page.statusCode).toBe(200)
    const row = page.body.slice(page.body.indexOf(`data-qa="queue-row-${crn}"`)).split('</tr>')[0]
    expect(row).toContain('Test Queueing')
    expect(row).toMatch(/data-qa="tier">B2</)
    expect(row).toMatch(/data-qa="rosh">Medium</)
    expect(row).toContain('2 working days left')
    expect(row).toContain('Public probation service')
    expect(row).toContain('RSR 7.4% is at or above the 6.9% threshold')
    const audited = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'ALLOCATION_QUEUE_VIEW')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(audited.detail)).toContain(crn)
  })

  it('filters by team: a case of the PDU without a team appears in each of its teams, not in another PDU', async () => {
    const { crn } = await sentencedCase('Teamless')
    expect((await sam.get('/allocations?team=PS-NW-N-A')).body).toContain(crn)
    expect((await sam.get('/allocations?team=CRC-NW-E-1')).body).not.toContain(crn)
    expect((await sam.get('/allocations?pdu=PS-NW-N')).body).toContain(crn)
    const other = await sam.get('/allocations?pdu=CRC-NW-E')
    expect(other.statusCode).toBe(200)
    expect(other.body).not.toContain(crn)
  })
})

describe('allocating', () => {
  it('allocates to a practitioner with capacity, moves the case on, and the practitioner sees it with the induction due date', async () => {
    const { id, crn } = await sentencedCase('Allocated', { rsr: 8.1, tier: 'B1' })
    const page = await sam.get(`/allocations/${crn}?team=PS-NW-N-A`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('RSR 8.1% is at or above the 6.9% threshold')
    const patRow = page.body.slice(page.body.indexOf('data-qa="practitioner-NWS001"')).split('</tr>')[0]
    expect(patRow).toMatch(/data-qa="points">\d+ \/ 2405</)
    expect(patRow).toMatch(/data-qa="percent">\d+%</)
    expect(patRow).not.toContain('Over capacity')

    const response = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.NWS001),
      notes: 'Experienced with RAR',
      version: await version(id),
      team: 'PS-NW-N-A',
    })
    expect(response.statusCode).toBe(303)
    const person = await db()
      .selectFrom('people')
      .select(['managing_provider_id', 'managing_staff_id', 'case_status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(person).toEqual({
      managing_provider_id: ids.npsProvider,
      managing_staff_id: ids.staff.NWS001,
      case_status: 'allocated',
    })
    const due = addWorkingDays(today, 5).toString()
    const allocation = await db()
      .selectFrom('allocations')
      .selectAll()
      .where('person_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(allocation).toMatchObject({
      kind: 'initial',
      decision_outcome: 'public',
      induction_due_date: due,
      notes: 'Experienced with RAR',
    })
    const status = await db().selectFrom('case_status_history').select('status').where('person_id', '=', id).execute()
    expect(status.map(s => s.status)).toContain('allocated')
    const events = await outbox(id)
    expect(events.map(e => e.event_type)).toEqual(['person.allocated'])
    expect(events[0].payload).toMatchObject({
      crn,
      kind: 'initial',
      inductionDueDate: due,
      decision: { outcome: 'public' },
    })

    const caseload = await pat.get('/caseload')
    expect(caseload.statusCode).toBe(200)
    const row = caseload.body.slice(caseload.body.indexOf(`data-qa="caseload-row-${crn}"`)).split('</tr>')[0]
    expect(row).toContain('New case')
    expect(row).toMatch(/data-qa="tier">B1</)
    const dueText = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${due}T00:00:00Z`))
    expect(row).toContain(`Due by <span data-qa="induction-due">${dueText}</span>`)
    expect(row).toContain(`/people/${crn}/appointments/new?type=induction&amp;date=${addWorkingDays(today, 1)}`)
  })

  it('after allocating to another provider the senior sees the confirmation and the next case, not a 403 (issue 13)', async () => {
    const { id, crn } = await sentencedCase('Elsewhere', { rosh: 'low', rsr: 1.0 })
    const next = await sentencedCase('Nextinline', { rosh: 'low', rsr: 1.0 })
    const response = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.CRC001),
      version: await version(id),
    })
    expect(response.statusCode).toBe(303)
    const landed = await sam.get(response.headers.location!)
    expect(landed.statusCode).toBe(200)
    const banner =
      /<div class="govuk-notification-banner govuk-notification-banner--success"[\s\S]*?<\/div>\s*<\/div>/.exec(
        landed.body,
      )?.[0]
    const crc = await db()
      .selectFrom('providers')
      .select('name')
      .where('id', '=', ids.crcProvider)
      .executeTakeFirstOrThrow()
    expect(banner).toContain(`Allocated to Alex Contracted at ${crc.name.replace(/'/g, '&#39;')}`)
    expect(banner).toContain(`Test Elsewhere (${crn})`)
    // The queue no longer lists the case, and offers the next one.
    expect(landed.body).not.toContain(`data-qa="queue-row-${crn}"`)
    expect(landed.body).toContain(`data-qa="queue-row-${next.crn}"`)
    expect(landed.body).toMatch(/data-qa="next-case" href="\/allocations\/[A-Z]\d{6}"/)
    // The banner is only for the senior who allocated: someone else given the link sees no one's allocation.
    const other = await admin.get(response.headers.location!)
    expect(other.statusCode).toBe(200)
    expect(other.body).not.toContain('Allocated to Alex Contracted')
  })

  it('refuses a practitioner outside the case’s provider, with the reason, and changes nothing', async () => {
    const { id, crn } = await sentencedCase('Refused', { rosh: 'high' })
    const response = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.CRC001),
      version: await version(id),
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain(
      'Alex Contracted works for Northshire Rehabilitation Company (demo), which is not the public probation service this case must go to',
    )
    expect(response.body).toContain('RoSH high')
    const person = await db()
      .selectFrom('people')
      .select(['managing_staff_id', 'case_status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(person).toEqual({ managing_staff_id: null, case_status: 'awaiting_allocation' })
    expect(await outbox(id)).toEqual([])
  })

  it('lets only seniors allocate: a practitioner sees the decision but is refused', async () => {
    const { id, crn } = await sentencedCase('Practitioner')
    const page = await pat.get(`/allocations/${crn}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Only a senior (team manager) can allocate cases')
    const response = await pat.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.CRC001),
      version: await version(id),
    })
    expect(response.statusCode).toBe(403)
  })
})

describe('conflicting RoSH information', () => {
  it('blocks allocation until a senior resolves it, then follows the resolution', async () => {
    const { id, crn } = await sentencedCase('Conflicted', { rosh: 'medium', roshFlag: 'RHRH', rsr: 1.2 })
    const queue = await sam.get('/allocations?pdu=PS-NW-N')
    const row = queue.body.slice(queue.body.indexOf(`data-qa="queue-row-${crn}"`)).split('</tr>')[0]
    expect(row).toContain('Risk conflict')
    expect(row).toMatch(/RoSH assessment of .* says medium; RoSH flag registered on .* says high/)

    const refused = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.CRC001),
      version: await version(id),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('The RoSH information conflicts')

    expect((await pat.post(`/allocations/${crn}/resolve-risk`, { source: 'assessment', reason: 'x' })).statusCode).toBe(
      403,
    )
    const noReason = await sam.post(`/allocations/${crn}/resolve-risk`, { source: 'assessment' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why this RoSH information is right')

    const resolved = await sam.post(`/allocations/${crn}/resolve-risk`, {
      source: 'assessment',
      reason: 'The flag predates the full assessment',
    })
    expect(resolved.statusCode).toBe(303)
    const page = await sam.get(`/allocations/${crn}`)
    expect(page.body).toContain('Contracted provider (CRC)')
    expect(page.body).toContain('Sam Senior resolved conflicting RoSH information')
    expect(page.body).toContain('The flag predates the full assessment')

    const allocated = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.CRC001),
      version: await version(id),
    })
    expect(allocated.statusCode).toBe(303)
    const events = await outbox(id)
    expect(events.map(e => e.event_type)).toEqual(['person.allocation.risk-resolved', 'person.allocated'])
  })
})

describe('the pre-sentence report in the decision', () => {
  const longToday = () =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${today}T00:00:00Z`),
    )

  it('a completed report saying high against a medium assessment blocks allocation until a senior chooses the report', async () => {
    const { id, crn } = await sentencedCase('Reported', { rosh: 'medium', rsr: 1.2 })
    // Before any report the medium assessment decides: the contracted provider.
    expect((await sam.get(`/allocations/${crn}`)).body).toContain('RoSH medium (RoSH assessment of')

    const chris = await t.signIn('chris.court')
    const requested = await chris.post(`/people/${crn}/court/reports`, { reportType: 'oral' })
    expect(requested.statusCode, requested.body).toBe(303)
    const url = requested.headers.location!.split('?')[0]
    const draft = await chris.post(url, {
      basedOn: '0',
      offenceAnalysis: 'Assault occasioning actual bodily harm.',
      proposal: 'A community order with a programme requirement.',
      roshLevel: 'high',
      proposedSentence: 'community_order',
      proposedProvider: 'public',
    })
    expect(draft.statusCode, draft.body).toBe(303)
    // A draft does not count: only a completed report feeds the decision.
    expect((await sam.get(`/allocations/${crn}`)).body).not.toContain('The RoSH information conflicts')
    expect((await chris.post(`${url}/complete`, { basedOn: '1' })).statusCode).toBe(303)
    const reports = (
      await apiClient(t, await issueTestToken(t, 'sam.senior')).get(`/api/v1/people/${crn}/court/reports`)
    ).json().reports
    expect(reports).toMatchObject([
      { status: 'completed', roshLevel: 'high', proposedSentence: 'community_order', proposedProvider: 'public' },
    ])

    const queue = await sam.get('/allocations?pdu=PS-NW-N')
    const row = queue.body.slice(queue.body.indexOf(`data-qa="queue-row-${crn}"`)).split('</tr>')[0]
    expect(row).toContain('Risk conflict')
    expect(row).toContain(`Pre-sentence report of ${longToday()} says high`)
    const casePage = await sam.get(`/allocations/${crn}`)
    expect(casePage.body).toContain('The RoSH information conflicts')
    expect(casePage.body).toMatch(/<input[^>]*name="source"[^>]*value="court_report"/)
    const refused = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.NWS001),
      version: await version(id),
    })
    expect(refused.statusCode).toBe(400)
    expect(await db().selectFrom('case_managers').select('id').where('person_id', '=', id).execute()).toEqual([])

    const resolved = await sam.post(`/allocations/${crn}/resolve-risk`, {
      source: 'court_report',
      reason: 'The report writer assessed the index offence',
    })
    expect(resolved.statusCode, resolved.body).toBe(303)
    const resolution = await db()
      .selectFrom('allocation_risk_resolutions')
      .select(['chosen_source', 'rosh_level'])
      .where('person_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(resolution).toEqual({ chosen_source: 'court_report', rosh_level: 'high' })
    const page = await sam.get(`/allocations/${crn}`)
    expect(page.body).toContain('Public probation service')
    expect(page.body).toContain(`in favour of the pre-sentence report of ${longToday()}`)
    expect(page.body).toContain(`Pre-sentence report of ${longToday()}: RoSH high`)
    expect(page.body).toContain(
      `The pre-sentence report of ${longToday()} proposed management by the public probation service`,
    )
    const allocated = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.NWS001),
      version: await version(id),
    })
    expect(allocated.statusCode, allocated.body).toBe(303)
    expect((await outbox(id)).map(e => e.event_type)).toContain('person.allocated')
  })
})

describe('reallocation and transfer', () => {
  it('reallocation ends the previous manager and keeps the history', async () => {
    const { id, crn } = await sentencedCase('Reallocated', { rosh: 'high' })
    expect(
      (await sam.post(`/allocations/${crn}`, { staffId: String(ids.staff.NWS001), version: await version(id) }))
        .statusCode,
    ).toBe(303)
    const again = await sam.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.NWS006),
      notes: 'Pat is going on leave',
      version: await version(id),
    })
    expect(again.statusCode).toBe(303)
    const managers = await db()
      .selectFrom('case_managers')
      .select(['staff_id', 'ended_at'])
      .where('person_id', '=', id)
      .orderBy('id')
      .execute()
    expect(managers.map(m => [m.staff_id, m.ended_at === null])).toEqual([
      [ids.staff.NWS001, false],
      [ids.staff.NWS006, true],
    ])
    const history = await pat.get(`/people/${crn}/allocations`)
    expect(history.statusCode).toBe(200)
    expect(history.body).toContain('Allocations')
    expect(history.body.match(/data-qa="history-row"/g)).toHaveLength(2)
    expect(history.body).toContain('Robin Officer')
    expect(history.body).toContain('Pat is going on leave')
    expect(history.body).toContain('Reallocation')
    expect((await outbox(id)).map(e => e.event_type)).toEqual(['person.allocated', 'person.allocated'])
  })

  it('a stale version is refused as a conflict', async () => {
    const { id, crn } = await sentencedCase('Stale', { rosh: 'high' })
    const old = await version(id)
    expect(
      (await sam.post(`/allocations/${crn}`, { staffId: String(ids.staff.NWS001), version: old })).statusCode,
    ).toBe(303)
    expect(
      (await sam.post(`/allocations/${crn}`, { staffId: String(ids.staff.NWS006), version: old })).statusCode,
    ).toBe(409)
  })

  it('a transfer to another provider keeps one record and the former manager keeps read access to what they managed', async () => {
    const { id, crn } = await sentencedCase('Transferred', { rosh: 'low', rsr: 1.0 })
    expect(
      (await sam.post(`/allocations/${crn}`, { staffId: String(ids.staff.CRC001), version: await version(id) }))
        .statusCode,
    ).toBe(303)
    // Reallocation cannot leave the provider: it says to transfer.
    const cross = await admin.post(`/allocations/${crn}`, {
      staffId: String(ids.staff.NWS001),
      version: await version(id),
    })
    expect(cross.statusCode).toBe(400)
    expect(cross.body).toContain('To move the case to another provider, transfer it')
    // The risk rises: the decision now names the public provider, so the case moves there.
    await db()
      .insertInto('rosh_assessments')
      .values({
        person_id: id,
        assessment_date: today.toString(),
        public_level: 'high',
        known_adult_level: 'low',
        children_level: 'low',
        staff_level: 'low',
        overall_level: 'high',
      })
      .execute()
    await db().deleteFrom('rosh_assessments').where('person_id', '=', id).where('overall_level', '=', 'low').execute()
    const noReason = await admin.post(`/allocations/${crn}/transfer`, {
      staffId: String(ids.staff.NWS001),
      version: await version(id),
    })
    expect(noReason.statusCode).toBe(400)
    const moved = await admin.post(`/allocations/${crn}/transfer`, {
      staffId: String(ids.staff.NWS001),
      notes: 'RoSH now high',
      version: await version(id),
    })
    expect(moved.statusCode).toBe(303)
    const person = await db()
      .selectFrom('people')
      .select(['id', 'managing_provider_id'])
      .where('crn', '=', crn)
      .execute()
    expect(person).toEqual([{ id, managing_provider_id: ids.npsProvider }])
    expect((await outbox(id)).map(e => e.event_type)).toEqual(['person.allocated', 'person.transferred'])
    // The former manager at the contracted provider keeps the overview (what they managed) for a period, not the
    // allocation history recorded since, and cannot change the record.
    expect((await alex.get(`/people/${crn}`)).statusCode).toBe(200)
    expect((await alex.get(`/people/${crn}/allocations`)).statusCode).toBe(403)
    expect(
      (await alex.post(`/allocations/${crn}`, { staffId: String(ids.staff.CRC001), version: await version(id) }))
        .statusCode,
    ).toBe(403)
  })
})

describe('the allocation API', () => {
  it('lists a team’s queue, allocates and returns the history', async () => {
    const { id, crn } = await sentencedCase('Api', { rsr: 9 })
    const api = apiClient(t, await issueTestToken(t, 'sam.senior'))
    const queue = await api.get('/api/v1/allocations?team=PS-NW-N-A')
    expect(queue.statusCode).toBe(200)
    const item = queue.json().cases.find((c: { crn: string }) => c.crn === crn)
    expect(item).toMatchObject({
      decision: { outcome: 'public' },
      allocationDueDate: addWorkingDays(today, 2).toString(),
    })
    expect(item.decision.reasons.map((r: { code: string }) => r.code)).toContain('rsr_high')

    const refused = await api.post(`/api/v1/allocations/${crn}`, {
      staffCode: 'CRC001',
      version: Number(await version(id)),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.fields[0]).toMatchObject({
      field: 'staffId',
      message: expect.stringContaining('not the public probation service'),
    })

    const created = await api.post(`/api/v1/allocations/${crn}`, {
      staffCode: 'NWS001',
      version: Number(await version(id)),
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ kind: 'initial', inductionDueDate: addWorkingDays(today, 5).toString() })

    const history = await api.get(`/api/v1/people/${crn}/allocations`)
    expect(history.statusCode).toBe(200)
    expect(history.json().history[0]).toMatchObject({
      staffCode: 'NWS001',
      kind: 'initial',
      endedAt: null,
      decision: { outcome: 'public' },
    })

    const asPractitioner = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const { crn: other, id: otherId } = await sentencedCase('ApiRefused', { rsr: 9 })
    expect(
      (
        await asPractitioner.post(`/api/v1/allocations/${other}`, {
          staffCode: 'NWS001',
          version: Number(await version(otherId)),
        })
      ).statusCode,
    ).toBe(403)
  })
})

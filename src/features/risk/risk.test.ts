import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

// Demo person index 2 (CRN X100003): male, managed by pat.practitioner's team at the Probation Service.
const CRN = 'X100003'
const RISK = `/people/${CRN}/risk`

let t: TestApp
let pat: TestBrowser
let personId: number
beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  personId = (await t.handle.db.selectFrom('people').select('id').where('crn', '=', CRN).executeTakeFirstOrThrow()).id
})
afterAll(() => t.close())

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
const [ty, tm, td] = today.split('-')
const todayFields = (name: string) => ({
  [`${name}-day`]: String(Number(td)),
  [`${name}-month`]: String(Number(tm)),
  [`${name}-year`]: ty,
})

const latestTier = async (algorithm: string) =>
  t.handle.db
    .selectFrom('tier_calculations')
    .select(['tier', 'algorithm_version', 'inputs', 'output'])
    .where('person_id', '=', personId)
    .where('algorithm', 'like', `${algorithm}%`)
    .orderBy('id', 'desc')
    .executeTakeFirst()

/** Items a practitioner would copy from an OASys assessment: enough for OGRS3, OGP, OVP and RSR. */
const ITEMS = {
  ...todayFields('assessmentDate'),
  sentenceType: 'COMMUNITY_REHABILITATIVE',
  'dateOfCurrentConviction-day': '10',
  'dateOfCurrentConviction-month': '1',
  'dateOfCurrentConviction-year': '2025',
  'dateAtStartOfFollowup-day': '10',
  'dateAtStartOfFollowup-month': '1',
  'dateAtStartOfFollowup-year': '2025',
  currentOffenceCode: '02700',
  supervisionStatus: 'COMMUNITY',
  totalNumberOfSanctionsForAllOffences: '4',
  totalNumberOfViolentSanctions: '1',
  'dateOfFirstSanction-day': '1',
  'dateOfFirstSanction-month': '6',
  'dateOfFirstSanction-year': '2005',
  previousConvictions: 'NONE',
  isCurrentlyOfNoFixedAbodeOrTransientAccommodation: 'no',
  suitabilityOfAccommodation: '0',
  isUnemployed: 'yes',
  currentRelationshipWithPartner: '1',
  evidenceOfDomesticAbuse: 'no',
  regularOffendingActivities: '1',
  currentDrugMisuse: '0',
  motivationToTackleDrugMisuse: '0',
  currentAlcoholUseProblems: '1',
  excessiveAlcoholUse: '0',
  hasCurrentPsychiatricTreatment: 'no',
  impulsivityProblems: '1',
  temperControl: '1',
  problemSolvingSkills: '1',
  awarenessOfConsequences: '1',
  understandsOtherPeoplesViews: '0',
  proCriminalAttitudes: '1',
  doesRecogniseImpactOfOffendingOnOthers: 'yes',
  didOffenceInvolveCarryingOrUsingWeapon: 'no',
  hasEverCommittedSexualOffence: 'no',
  'need-ATTITUDES': 'STANDARD',
  'need-THINKING_AND_BEHAVIOUR': 'STANDARD',
  basedOnVersion: '0',
}

describe('the Risk page', () => {
  it('lists what the predictors need before anything is recorded, and audits the view', async () => {
    const page = await pat.get(RISK)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('No RoSH assessment recorded')
    // The record gives the conviction, offence and sentence (src/features/sentencing/demo.ts); OASys answers it cannot.
    expect(page.body).toMatch(/data-qa="needs">Needs: [^<]*assessment date/i)
    expect(page.body).not.toMatch(/data-qa="needs">Needs: [^<]*date of current conviction/i)
    const views = await t.handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', '=', 'RISK_VIEW')
      .execute()
    expect(views.length).toBeGreaterThan(0)
  })

  it('records the assessment items: RSR, OGRS3, OGP and OVP are stored with algorithm, version and input snapshot', async () => {
    const form = await pat.get(`${RISK}/assessment-items`)
    expect(form.statusCode).toBe(200)
    const saved = await pat.post(`${RISK}/assessment-items`, ITEMS)
    expect(saved.statusCode).toBe(303)
    const scores = await t.handle.db.selectFrom('risk_scores').selectAll().where('person_id', '=', personId).execute()
    expect(scores.map(s => s.algorithm).sort()).toEqual(
      ['ARP', 'CSRP', 'DC-SRP', 'IIC-SRP', 'OGP', 'OGRS3', 'OVP', 'RSR', 'SVRP', 'VRP'].sort(),
    )
    const rsr = scores.find(s => s.algorithm === 'RSR')!
    expect(rsr.algorithm_version).toBeTruthy()
    expect(rsr.calculated_on).toBe(today)
    // The main offence of the current event on the record, not the code typed on an older page (02700).
    expect((rsr.inputs as Record<string, unknown>).currentOffenceCode).toBe('19300')
    expect((rsr.output as { explanation: { terms: unknown[] } }).explanation.terms.length).toBeGreaterThan(0)
    // Date of birth came from the record, not the form.
    expect((scores.find(s => s.algorithm === 'OGRS3')!.inputs as Record<string, unknown>).dateOfBirth).toBeTruthy()

    expect(saved.headers.location).toBe(`${RISK}?done=items`)
    const page = await pat.get(`${RISK}?done=items`)
    expect(page.body).toContain('Assessment items recorded')
    expect(page.body).toMatch(/data-qa="predictor-RSR"[\s\S]*?data-qa="score">[0-9.]+%/)
    expect(page.body).toContain('How RSR was calculated')
    expect(page.body).toContain('data-qa="timeline"')
    // Tier v2 with a rehabilitative sentence and needs: change level from needs and OGRS.
    expect(page.body).toMatch(/data-qa="tier-value">[A-D][0-3]</)
  })

  it('stores the OASys v4 scores with their inputs, gives a real tier v3 and shows v4 beside v1', async () => {
    const saved = await pat.post(`${RISK}/assessment-items`, {
      ...ITEMS,
      currentRelationshipStatus: 'IN_RELATIONSHIP_LIVING_TOGETHER',
      drugsMisused: ['hasCannabisUsage'],
      basedOnVersion: '1',
    })
    expect(saved.statusCode).toBe(303)
    const latest = async (algorithm: string) =>
      t.handle.db
        .selectFrom('risk_scores')
        .selectAll()
        .where('person_id', '=', personId)
        .where('algorithm', '=', algorithm)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    const arp = await latest('ARP')
    // Every dynamic ARP item is answered now (relationship status 6.8 was the missing one), so the dynamic model.
    expect(arp.score_type).toBe('DYNAMIC')
    expect(Number(arp.score)).toBeGreaterThan(0)
    expect(arp.algorithm_version).toMatch(/^4\.1\.2/)
    expect((arp.inputs as Record<string, unknown>).currentRelationshipStatus).toBe('IN_RELATIONSHIP_LIVING_TOGETHER')
    expect((arp.inputs as Record<string, unknown>).hasCannabisUsage).toBe(true)
    const terms = (arp.output as { explanation: { terms: { id: string; contribution: number }[]; total: number } })
      .explanation
    expect(terms.terms.reduce((sum, term) => sum + term.contribution, 0)).toBeCloseTo(terms.total, 9)
    const csrp = await latest('CSRP')
    // No sexual history: CSRP is the SVRP score alone.
    expect(Number(csrp.score)).toBeCloseTo(Number((await latest('SVRP')).score), 9)

    const tier = await latestTier('tier-v3')
    expect(tier?.tier).toMatch(/^[A-G]$/)
    const inputs = tier!.inputs as { arp: { score: number; type: string }; csrp: { score: number } }
    expect(inputs.arp).toEqual({ score: Number(arp.score), type: 'DYNAMIC' })
    expect(inputs.csrp.score).toBe(Number(csrp.score))

    const page = await pat.get(RISK)
    expect(page.body).toContain('data-qa="predictors-v4"')
    expect(page.body).toMatch(/data-qa="predictor-RSR"[\s\S]*data-qa="predictor-ARP"[\s\S]*data-qa="predictor-CSRP"/)
    expect(page.body).toMatch(/data-qa="predictor-ARP"[\s\S]*?\(dynamic\)[\s\S]*?data-qa="score">[0-9.]+%/)
    expect(page.body).toContain('How ARP was calculated')
    expect(page.body).not.toMatch(/data-qa="tier-value">MISSING/)
  })

  it('refuses a drug that is not on the list and changes nothing', async () => {
    const before = await t.handle.db
      .selectFrom('risk_assessment_items')
      .select(t.handle.db.fn.countAll().as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    const refused = await pat.post(`${RISK}/assessment-items`, {
      ...ITEMS,
      drugsMisused: ['hasGlueUsage'],
      basedOnVersion: '2',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(refused.body).toContain('Select drugs from the list')
    const after = await t.handle.db
      .selectFrom('risk_assessment_items')
      .select(t.handle.db.fn.countAll().as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('recording RoSH high for the public changes the tier and the outbox says so', async () => {
    const before = await latestTier('tier-v2')
    const saved = await pat.post(`${RISK}/rosh`, {
      ...todayFields('assessmentDate'),
      'level-public': 'high',
      'level-knownAdult': 'medium',
      'level-children': 'low',
      'level-staff': 'low',
      'level-prisoners': 'not_assessed',
      whoIsAtRisk: 'Members of the public in the town centre',
    })
    expect(saved.statusCode).toBe(303)
    const rosh = await t.handle.db
      .selectFrom('rosh_assessments')
      .selectAll()
      .where('person_id', '=', personId)
      .execute()
    expect(rosh).toHaveLength(1)
    expect(rosh[0].overall_level).toBe('high')
    const after = await latestTier('tier-v2')
    expect(after!.tier).not.toBe(before!.tier)
    expect(after!.tier.startsWith('B')).toBe(true)
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select(['event_type', 'payload'])
      .where('person_id', '=', personId)
      .execute()
    expect(events.map(e => e.event_type)).toContain('person.tier.changed')
    const page = await pat.get(RISK)
    expect(page.body).toContain('data-qa="rosh-overall">High')
    expect(page.body).toContain('RoSH high (RHRH')
  })

  it('adding a MAPPA registration (category 1, level 2) changes the stored tier and the page explains it', async () => {
    const before = await latestTier('tier-v2')
    const saved = await pat.post(`${RISK}/registrations`, {
      typeCode: 'MAPP',
      mappaCategory: '1',
      mappaLevel: '2',
      ...todayFields('registeredDate'),
      'nextReviewDate-day': '1',
      'nextReviewDate-month': '1',
      'nextReviewDate-year': String(Number(ty) + 1),
    })
    expect(saved.statusCode).toBe(303)
    const after = await latestTier('tier-v2')
    expect(after!.tier).not.toBe(before!.tier)
    expect(after!.tier.startsWith('A')).toBe(true)
    const reg = await t.handle.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    expect([reg.mappa_category, reg.mappa_level]).toEqual([1, 2])
    const page = await pat.get(RISK)
    expect(page.body).toContain(`data-qa="tier-value">${after!.tier}<`)
    expect(page.body).toMatch(/MAPPA level M2 \(latest MAPPA registration with a level, [0-9-]+\): 150 protect points/)
    expect(page.body).toContain('Category 1, level 2')
    // The rules version is a date: in words, as every date on a page.
    expect(page.body).toContain('rules version 17 August 2026')
    expect(page.body).not.toMatch(/rules version \d{4}-/)
  })

  it('deregistering keeps the registration in the history with its date and reason', async () => {
    await pat.post(`${RISK}/registrations`, {
      typeCode: 'RCPR',
      'registeredDate-day': '1',
      'registeredDate-month': '2',
      'registeredDate-year': '2024',
      'nextReviewDate-day': '1',
      'nextReviewDate-month': '8',
      'nextReviewDate-year': '2024',
    })
    const rcpr = await t.handle.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', personId)
      .where('type_code', '=', 'RCPR')
      .executeTakeFirstOrThrow()
    const overdue = await pat.get(RISK)
    expect(overdue.body).toContain('data-qa="review-overdue"')
    expect((await pat.get(`${RISK}/registrations/${rcpr.id}/deregister`)).statusCode).toBe(200)
    const done = await pat.post(`${RISK}/registrations/${rcpr.id}/deregister`, {
      ...todayFields('deregisteredDate'),
      reason: 'Child protection plan ended',
      version: String(rcpr.version),
    })
    expect(done.statusCode).toBe(303)
    const rows = await t.handle.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', personId)
      .where('type_code', '=', 'RCPR')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0].deregistered_date).toBe(today)
    expect(rows[0].deregistration_reason).toBe('Child protection plan ended')
    const page = await pat.get(RISK)
    expect(page.body).toMatch(/data-qa="deregistered"[\s\S]*Child protection plan ended/)
    expect(page.body).not.toContain('data-qa="registration-RCPR"')
    // Deregistering twice is refused, not silently repeated.
    expect(
      (
        await pat.post(`${RISK}/registrations/${rcpr.id}/deregister`, {
          ...todayFields('deregisteredDate'),
          reason: 'again',
          version: String(rcpr.version),
        })
      ).statusCode,
    ).toBe(409)
  })

  it('refuses an impossible date or an unknown level with 400 and the error summary, storing nothing', async () => {
    const count = async () =>
      (await t.handle.db.selectFrom('rosh_assessments').select('id').where('person_id', '=', personId).execute())
        .length +
      (await t.handle.db.selectFrom('registrations').select('id').where('person_id', '=', personId).execute()).length +
      (await t.handle.db.selectFrom('tier_calculations').select('id').where('person_id', '=', personId).execute())
        .length
    const before = await count()
    const rosh = await pat.post(`${RISK}/rosh`, {
      'assessmentDate-day': '31',
      'assessmentDate-month': '2',
      'assessmentDate-year': '2025',
      'level-public': 'extreme',
      'level-knownAdult': 'low',
      'level-children': 'low',
      'level-staff': 'low',
    })
    expect(rosh.statusCode).toBe(400)
    expect(rosh.body).toContain('govuk-error-summary')
    expect(rosh.body).toContain('Assessment date must be a real date')
    expect(rosh.body).toContain('Select low, medium, high or very high for the risk to public')
    const reg = await pat.post(`${RISK}/registrations`, {
      typeCode: 'MAPP',
      mappaCategory: '5',
      ...todayFields('registeredDate'),
    })
    expect(reg.statusCode).toBe(400)
    expect(reg.body).toContain('MAPPA category must be 1, 2 or 3')
    expect(reg.body).toContain('Select the MAPPA level')
    const items = await pat.post(`${RISK}/assessment-items`, {
      ...ITEMS,
      arpPercent: '150',
      arpType: 'STATIC',
      basedOnVersion: '1',
      'dateOfMostRecentSexualOffence-day': '1',
      'dateOfMostRecentSexualOffence-month': '13',
      'dateOfMostRecentSexualOffence-year': '2020',
    })
    expect(items.statusCode).toBe(400)
    expect(items.body).toContain('must be a percentage from 0 to 100')
    expect(items.body).toContain('govuk-error-summary')
    expect(await count()).toBe(before)
  })

  it("refuses another provider's practitioner (403) and changes nothing", async () => {
    const alex = await t.signIn('alex.crc')
    expect((await alex.get(RISK)).statusCode).toBe(403)
    expect((await alex.get(`${RISK}/rosh`)).statusCode).toBe(403)
    const before = await t.handle.db
      .selectFrom('rosh_assessments')
      .select('id')
      .where('person_id', '=', personId)
      .execute()
    const post = await alex.post(`${RISK}/rosh`, {
      ...todayFields('assessmentDate'),
      'level-public': 'low',
      'level-knownAdult': 'low',
      'level-children': 'low',
      'level-staff': 'low',
    })
    expect(post.statusCode).toBe(403)
    const after = await t.handle.db
      .selectFrom('rosh_assessments')
      .select('id')
      .where('person_id', '=', personId)
      .execute()
    expect(after).toHaveLength(before.length)
  })

  it("is linked from the person record's navigation", async () => {
    const overview = await pat.get(`/people/${CRN}`)
    expect(overview.statusCode).toBe(200)
    expect(overview.body).toContain(`href="${RISK}"`)
  })

  it('lets a read-only auditor see the page without the change buttons', async () => {
    const auditor = await t.signIn('auditor')
    const page = await auditor.get(RISK)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('data-qa="record-rosh"')
  })
})

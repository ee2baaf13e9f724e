import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../src/access/audit.ts'
import type { CurrentUser } from '../src/access/current-user.ts'
import { systemClock } from '../src/clock.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import { firstAppointmentDue } from '../src/domain/custody/index.ts'
import { isScreeningPartTwoRequired, RESETTLEMENT_PATHWAYS } from '../src/domain/resettlement/index.ts'
import { ValidationError } from '../src/errors.ts'
import { insertRelease } from '../src/features/custody/queries.ts'
import { recalculateKeyDates } from '../src/features/sentencing/key-dates.ts'
import { createServices, type Services } from '../src/services.ts'
import { loadCurrentUser } from '../src/web/plugins/authentication.ts'

/**
 * Issue 14's records for the HTTP benchmark's custody, resettlement, licence and recall journeys. The national
 * dataset has people in custody and on licence but none of these records, so the benchmark writes them for the
 * custodial cases of its five practitioners (≈ 120 people at any scale: they have 60 cases each), through the
 * features' services as the pages would (each change one transaction with its access check, audit row and outbox
 * event), in the practitioner's name, the team's senior approving and countersigning, an administrator standing for
 * the assistant chief officer:
 *
 * - the key dates (sentencing's per-person `recalculateKeyDates`: the seed stores none; the licence period and the
 *   custody page read them);
 * - a custody record received on the sentence date, two moves between prisons, the offender managers and handover;
 *   for people on licence, the release on their CRD (custody's `insertRelease` query: the lifecycle already says
 *   on licence, so the release service, which moves a case out of custody, would refuse it);
 * - basic custody screening part 1 and, for sentences of 4 years or less, part 2; needs in every pathway; a plan of
 *   three actions (a member of staff's and two partner organisations'), one done; for every other person in
 *   custody, a release-day plan;
 * - a licence (the standard conditions, a curfew, an exclusion zone, no contact, drug testing) submitted and approved;
 *   on licence, a variation (curfew removed, a programme added) submitted and approved;
 * - for every other person on licence, a recall: concern, consultation, rationale, decision (fixed-term where
 *   eligible, else standard; every fourth no recall, closed with its letter), then Part A, both countersignatures and
 *   the hand-off to PPCS. The return to custody is not recorded, so no case changes status.
 *
 * Idempotent: a case whose current custodial sentence already has a custody record is left as it is (a reused
 * BENCH_DATABASE_URL is set up once).
 */

type Command<F extends (...args: never[]) => unknown, I extends number> =
  Extract<Parameters<F>[I], { ok: true }> extends { value: infer V } ? V : never
type CustodyService = Services['custody']
type ResettlementService = Services['resettlement']
type RecallCommand = Parameters<Services['recall']['recordStep']>[2]
type LicenceDraft = Parameters<Services['licences']['saveDraft']>[2]

const ok = <T>(value: T) => ({ ok: true as const, value })

const PRISONS = [
  ['MDI', 'HMP Moorland'],
  ['LEI', 'HMP Leeds'],
  ['DMI', 'HMP Durham'],
  ['HEI', 'HMP Hewell'],
  ['BMI', 'HMP Birmingham'],
  ['NMI', 'HMP Nottingham'],
  ['BLI', 'HMP Bristol'],
  ['WWI', 'HMP Wandsworth'],
] as const

const STANDARD = [
  'good_behaviour',
  'no_offence',
  'keep_in_touch',
  'receive_visits',
  'reside_approved_address',
  'approved_work',
  'no_travel_outside_uk',
]

/** A case to set up: the person, their newest current custodial sentence and their case manager. */
interface Case {
  personId: number
  crn: string
  dateOfBirth: string
  caseStatus: 'in_custody' | 'on_licence'
  staffId: number
  sentenceId: number
  sentenceDate: string
  lengthValue: number | null
  lengthUnit: string | null
  hasKeyDates: boolean
}

export interface CustodyWork {
  /** Every custodial case of the practitioners with a custody record, and their case manager's staff id. */
  custody: { crn: string; staffId: number; caseStatus: string }[]
  /** Of those, the ones with a licence (a version in any state), and the ones with a recall. */
  licences: { crn: string; staffId: number }[]
  recalls: { crn: string; staffId: number }[]
  /** Cases set up by this run (0 when the database already had them), and how long it took. */
  created: number
  seconds: number
  /** Steps the rules refused (for example a licence period the key dates do not give), by step. */
  refused: Record<string, number>
}

const dateOf = (iso: string) => LocalDate.parse(String(iso).slice(0, 10))
const earliest = (a: LocalDate, b: LocalDate) => (a.isBefore(b) ? a : b)

/** A prison number in the A1234BC format, different for each person. */
function prisonNumber(personId: number): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXYZ'
  const l = (n: number) => letters[n % letters.length]
  return `${l(personId)}${String(personId % 10_000).padStart(4, '0')}${l(Math.floor(personId / 10_000))}${l(Math.floor(personId / 7))}`
}

/** The cases to set up: the practitioners' cases in custody or on licence whose sentence has no custody record. */
async function casesToSetUp(db: Kysely<Database>, staffIds: number[]): Promise<Case[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('sentences as s', 's.person_id', 'p.id')
    .select([
      'p.id as personId',
      'p.crn',
      'p.date_of_birth as dateOfBirth',
      'p.case_status as caseStatus',
      'p.managing_staff_id as staffId',
      's.id as sentenceId',
      's.sentence_date as sentenceDate',
      's.length_value as lengthValue',
      's.length_unit as lengthUnit',
      's.key_dates as keyDates',
    ])
    .where('p.managing_staff_id', 'in', staffIds)
    .where('p.case_status', 'in', ['in_custody', 'on_licence'])
    .where('p.deleted_at', 'is', null)
    .where('s.sentence_type', '=', 'custodial')
    .where('s.terminated_date', 'is', null)
    .orderBy('p.id')
    .orderBy('s.sentence_date', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
  const recorded = new Set(
    (
      await db
        .selectFrom('custody_records')
        .select('sentence_id')
        .where('person_id', 'in', rows.length ? rows.map(r => r.personId) : [0])
        .execute()
    ).map(r => r.sentence_id),
  )
  const newest = new Map<number, (typeof rows)[number]>()
  for (const r of rows) if (!newest.has(r.personId)) newest.set(r.personId, r)
  return [...newest.values()]
    .filter(r => !recorded.has(r.sentenceId))
    .map(r => ({
      personId: r.personId,
      crn: r.crn,
      dateOfBirth: r.dateOfBirth,
      caseStatus: r.caseStatus as Case['caseStatus'],
      staffId: r.staffId!,
      sentenceId: r.sentenceId,
      sentenceDate: r.sentenceDate,
      lengthValue: r.lengthValue,
      lengthUnit: r.lengthUnit,
      hasKeyDates: r.keyDates !== null,
    }))
}

async function userCtx(db: Kysely<Database>, username: string): Promise<RequestContext | undefined> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
  const user: CurrentUser | undefined = row ? await loadCurrentUser(db, row.id, 'session') : undefined
  return user ? { user, requestId: `bench-setup-${username}`, ip: null } : undefined
}

/** Runs `work` on every item, `concurrency` at a time. */
async function eachConcurrently<T>(items: T[], concurrency: number, work: (item: T, k: number) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const k = next++
        await work(items[k], k)
      }
    }),
  )
}

interface Actors {
  practitioner: RequestContext
  senior: RequestContext | undefined
  aco: RequestContext | undefined
}

/** The writes of one case, in the order the work happens. */
class CaseSetUp {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly services: Services,
    private readonly refused: Record<string, number>,
  ) {}

  /** Runs one step; a refusal by the rules (ValidationError) is counted and the case goes on without it. */
  private async step<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      this.refused[name] = (this.refused[name] ?? 0) + 1
      return undefined
    }
  }

  async run(c: Case, k: number, who: Actors) {
    const today = systemClock.today()
    const { practitioner } = who
    if (!c.hasKeyDates)
      await this.db
        .transaction()
        .execute(trx =>
          recalculateKeyDates(
            trx,
            practitioner,
            { id: c.personId, date_of_birth: c.dateOfBirth },
            { today, now: new Date(), trigger: 'BENCH' },
          ),
        )
    const reception = earliest(dateOf(c.sentenceDate), today)
    const recordId = await this.custody(c, k, reception, practitioner)
    await this.resettlement(c, k, reception, practitioner)
    const crd = await this.keyDate(c.sentenceId, 'CRD')
    const versionId = await this.licence(c, who, null)
    if (c.caseStatus === 'on_licence' && crd && !crd.isAfter(today) && !crd.isBefore(reception))
      await this.db.transaction().execute(trx =>
        insertRelease(trx, {
          recordId,
          personId: c.personId,
          releasedOn: crd.toString(),
          releaseType: 'automatic',
          firstAppointmentDue: firstAppointmentDue(crd).toString(),
          userId: practitioner.user!.id,
        }),
      )
    if (c.caseStatus === 'on_licence' && versionId !== undefined) {
      await this.licence(c, who, 'Curfew no longer needed: twelve weeks compliant; referred to a programme instead')
      if (k % 2 === 0) await this.recall(c, k, who)
    }
  }

  private async keyDate(sentenceId: number, key: string): Promise<LocalDate | null> {
    const row = await this.db
      .selectFrom('sentences')
      .select('key_dates')
      .where('id', '=', sentenceId)
      .executeTakeFirstOrThrow()
    const dates = row.key_dates as Record<string, unknown> | null
    const iso = dates?.[key]
    return typeof iso === 'string' ? dateOf(iso) : null
  }

  private async custody(c: Case, k: number, reception: LocalDate, ctx: RequestContext): Promise<number> {
    const custody: CustodyService = this.services.custody
    const prison = (n: number) => ({
      prisonCode: PRISONS[n % PRISONS.length][0],
      prisonName: PRISONS[n % PRISONS.length][1],
    })
    const record: Command<CustodyService['createRecord'], 2> = {
      sentenceId: c.sentenceId,
      prisonNumber: prisonNumber(c.personId),
      receptionDate: reception,
      ...prison(k),
    }
    const { recordId } = await custody.createRecord(ctx, c.crn, ok(record))
    const days = systemClock.today().toEpochDay() - reception.toEpochDay()
    for (const [n, share] of [
      [1, 0.2],
      [2, 0.5],
    ] as const) {
      const movedOn = reception.plusDays(Math.floor(days * share))
      const move: Command<CustodyService['recordMove'], 3> = { movedOn, ...prison(k + n * 3), openConditions: false }
      await custody.recordMove(ctx, c.crn, recordId, ok(move))
    }
    const managers: Command<CustodyService['setManagers'], 3> = {
      prisonOffenderManager: `POM ${['Okafor', 'Lindqvist', 'Patel', 'Byrne'][k % 4]}`,
      communityManagerStaffId: c.staffId,
      handoverDate: reception.plusMonths(c.caseStatus === 'on_licence' ? 2 : 6),
    }
    await custody.setManagers(ctx, c.crn, recordId, ok(managers))
    return recordId
  }

  private async resettlement(c: Case, k: number, reception: LocalDate, ctx: RequestContext) {
    const today = systemClock.today()
    const resettlement: ResettlementService = this.services.resettlement
    const partOne: Command<ResettlementService['recordScreening'], 3> = {
      part: 1,
      completedOn: earliest(reception.plusDays(2), today),
      completedBy: 'Reception officer, prison resettlement team',
      notes: 'First night in custody screening done; no immediate risks identified.',
    }
    await this.step('screening part 1', () => resettlement.recordScreening(ctx, c.crn, 1, ok(partOne)))
    const partTwoNeeded =
      c.lengthValue !== null &&
      c.lengthUnit !== null &&
      isScreeningPartTwoRequired({
        sentenceDate: dateOf(c.sentenceDate),
        length: { value: c.lengthValue, unit: c.lengthUnit as 'days' | 'weeks' | 'months' | 'years' },
      })
    if (partTwoNeeded && k % 3 !== 2) {
      const partTwo = { ...partOne, part: 2 as const, completedOn: earliest(reception.plusDays(8), today) }
      await this.step('screening part 2', () =>
        resettlement.recordScreening(ctx, c.crn, 2, ok({ ...partTwo, completedBy: 'Resettlement worker' })),
      )
    }
    const needs: Command<ResettlementService['recordNeeds'], 2> = {
      answers: RESETTLEMENT_PATHWAYS.map((p, n) =>
        (n + k) % 3 === 0
          ? { pathway: p.code, need: true, notes: `${p.text}: help needed before release, see the plan.` }
          : { pathway: p.code, need: false, notes: null },
      ),
    }
    await resettlement.recordNeeds(ctx, c.crn, ok(needs))
    const actions: Command<ResettlementService['addAction'], 2>[] = [
      {
        pathway: 'accommodation',
        description: 'Refer to the local authority housing team under the duty to refer',
        owner: { staffId: c.staffId },
        due: today.plusDays(14 + (k % 20)),
      },
      {
        pathway: 'finance',
        description: 'Open a basic bank account and apply for a birth certificate',
        owner: { organisation: 'Citizens Advice' },
        due: today.plusDays(28 + (k % 30)),
      },
      {
        pathway: 'drugs_alcohol',
        description: 'Arrange a community substance misuse appointment for the week of release',
        owner: { organisation: 'Change Grow Live' },
        due: today.plusDays(42 + (k % 40)),
      },
    ]
    for (const action of actions) await resettlement.addAction(ctx, c.crn, ok(action))
    const first = await this.db
      .selectFrom('resettlement_actions')
      .select('id')
      .where('person_id', '=', c.personId)
      .orderBy('id')
      .executeTakeFirst()
    if (first)
      await resettlement.closeAction(
        ctx,
        c.crn,
        first.id,
        ok({ doneOn: today, notes: 'Referral made; reply awaited.' }),
      )
    if (c.caseStatus === 'in_custody' && k % 2 === 0) {
      const plan: Command<ResettlementService['recordReleaseDayPlan'], 2> = {
        firstNightAddress: 'Approved premises, 14 Station Road',
        metBy: 'Sister, at the gate',
        travel: 'Travel warrant by train; met at the station',
        firstAppointmentDate: today.plusDays(30 + (k % 60)),
        firstAppointmentPlace: 'Probation office, reporting centre',
        medication: 'Seven days of prescribed medication from healthcare',
        idDocuments: 'Birth certificate applied for; prison discharge letter',
      }
      await resettlement.recordReleaseDayPlan(ctx, c.crn, ok(plan))
    }
  }

  /** Writes, submits and approves a licence (`reason` null) or a variation of it. The version id, if approved. */
  private async licence(c: Case, who: Actors, reason: string | null): Promise<number | undefined> {
    const licences = this.services.licences
    const justification = 'Index offence and the risk assessment'
    const draft: LicenceDraft = {
      standard: STANDARD,
      additional: [
        ...(reason
          ? [{ type: 'programmes', fields: { programme: 'Thinking Skills Programme' }, justification }]
          : [
              {
                type: 'curfew',
                fields: { address: 'The approved address', startTime: '19:00', endTime: '07:00' },
                justification: 'Offences committed at night',
              },
            ]),
        {
          type: 'exclusion_zone',
          fields: { description: 'The town centre shown on the attached map', mapReference: `EZ-${c.personId}` },
          justification: 'The victim lives and works there',
        },
        { type: 'no_contact_named_person', fields: { person: 'The victim' }, justification },
        { type: 'drug_testing', fields: { place: 'The probation office' }, justification },
      ],
      variationReason: reason,
    }
    // Refused when the sentence has expired by its stored key dates (the seed has a few such cases on licence).
    const saved = await this.step('licence draft', () => licences.saveDraft(who.practitioner, c.crn, draft))
    if (!saved) return undefined
    const { versionId } = saved
    await licences.submit(who.practitioner, c.crn, versionId)
    if (!who.senior) return undefined
    const approved = await this.step('licence approval', () => licences.approve(who.senior!, c.crn, versionId))
    return approved ? versionId : undefined
  }

  private async recall(c: Case, k: number, who: Actors) {
    const today = systemClock.today()
    const recall = this.services.recall
    const record = (ctx: RequestContext, command: RecallCommand) => recall.recordStep(ctx, c.crn, command)
    const { practitioner, senior, aco } = who
    await record(practitioner, {
      step: 'concern',
      grounds: ['licence_breach', 'risk_behaviour'],
      concern: 'Missed two appointments and broke the curfew; contact with the victim reported by the police.',
    })
    await record(practitioner, {
      step: 'consultation',
      senior: senior?.user?.displayName ?? 'The team senior',
      on: today,
      notes: 'Agreed the risk is escalating.',
    })
    await record(practitioner, {
      step: 'rationale',
      rationale: 'Risk of serious harm to the victim can no longer be managed in the community.',
      alternatives: 'Final warning given; curfew tightened; an additional reporting day.',
    })
    if (k % 8 === 0) {
      await record(practitioner, { step: 'decision', decision: 'no_recall', extendedSentence: false, reason: null })
      return
    }
    const decided = await this.step('fixed-term recall', () =>
      record(practitioner, { step: 'decision', decision: 'fixed_term', extendedSentence: false, reason: null }),
    )
    if (!decided)
      await record(practitioner, {
        step: 'decision',
        decision: 'standard',
        extendedSentence: false,
        reason: 'Not eligible for a fixed-term recall',
      })
    await record(practitioner, { step: 'part_a' })
    if (!senior || !aco) return
    await record(senior, { step: 'senior_countersignature' })
    await record(aco, { step: 'aco_countersignature' })
    await record(practitioner, { step: 'sent_to_ppcs', on: today })
  }
}

/**
 * Sets up issue 14's records for the practitioners' custodial cases (those not set up yet), then lists the cases the
 * journeys visit. `senior`: the team's senior (approves licences, first countersignature); an administrator of the
 * installation gives the second countersignature.
 */
export async function prepareCustodyWork(
  db: Kysely<Database>,
  config: Config,
  who: { practitioners: string[]; senior: string },
): Promise<CustodyWork> {
  const started = performance.now()
  const services = createServices({ config, db, clock: systemClock })
  const practitioners = new Map<number, RequestContext>()
  for (const username of who.practitioners) {
    const ctx = await userCtx(db, username)
    if (ctx?.user?.staffId) practitioners.set(ctx.user.staffId, ctx)
  }
  const senior = await userCtx(db, who.senior)
  const admin = await db
    .selectFrom('users')
    .select('username')
    .where(eb => eb(eb.val('admin'), '=', eb.fn.any('roles')))
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst()
  const aco = admin ? await userCtx(db, admin.username) : undefined
  const staffIds = [...practitioners.keys()]
  const cases = await casesToSetUp(db, staffIds)
  const refused: Record<string, number> = {}
  const setUp = new CaseSetUp(db, services, refused)
  await eachConcurrently(cases, 4, (c, k) =>
    setUp.run(c, k, { practitioner: practitioners.get(c.staffId)!, senior, aco }),
  )
  const custody = await db
    .selectFrom('custody_records as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id as personId', 'p.crn', 'p.managing_staff_id as staffId', 'p.case_status as caseStatus'])
    .where('p.managing_staff_id', 'in', staffIds)
    .orderBy('p.id')
    .execute()
  const ids = custody.map(r => r.personId)
  const personIdsIn = async (rows: Promise<{ person_id: number }[]>) => new Set((await rows).map(r => r.person_id))
  const licenced = await personIdsIn(
    db
      .selectFrom('licence_versions')
      .select('person_id')
      .distinct()
      .where('person_id', 'in', [0, ...ids])
      .execute(),
  )
  const recalled = await personIdsIn(
    db
      .selectFrom('recalls')
      .select('person_id')
      .distinct()
      .where('person_id', 'in', [0, ...ids])
      .execute(),
  )
  const visit = (r: (typeof custody)[number]) => ({ crn: r.crn, staffId: r.staffId! })
  return {
    custody: custody.map(r => ({ crn: r.crn, staffId: r.staffId!, caseStatus: r.caseStatus })),
    licences: custody.filter(r => licenced.has(r.personId)).map(visit),
    recalls: custody.filter(r => recalled.has(r.personId)).map(visit),
    created: cases.length,
    seconds: (performance.now() - started) / 1000,
    refused,
  }
}

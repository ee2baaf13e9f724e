import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import {
  parseDeregistrationForm,
  parseItemsForm,
  parseRegistrationForm,
  parseRoshForm,
  type DeregistrationForm,
  type ItemsFormValues,
  type RegistrationForm,
  type RoshForm,
} from './forms.ts'
import type { AssessmentItems } from './items.ts'
import { riskPerson, type RiskDeps } from './pages.ts'
import { fromRecord } from './calculate.ts'
import {
  deregister,
  findRegistration,
  insertItems,
  insertRegistration,
  insertRosh,
  latestItems,
  loadRiskFacts,
} from './queries.ts'
import { recalculateRisk, type Recalculation } from './recalculate.ts'

type Person = Awaited<ReturnType<typeof riskPerson>>

/** What a change wrote, for its audit row and outbox event. */
interface Written {
  subjectId?: number
  detail: Record<string, unknown>
  event: string
}

/** Writes a change, recalculates, audits and publishes, all in one transaction. */
async function change(
  { withPerson, clock }: RiskDeps,
  ctx: RequestContext,
  crn: string,
  action: string,
  write: (trx: Executor, p: Person, today: LocalDate) => Promise<Written>,
): Promise<Recalculation> {
  return withPerson(ctx, crn, 'update', async (trx, access) => {
    const p = await riskPerson(trx, access.personId)
    const { subjectId, detail, event } = await write(trx, p, clock.today())
    await audit(trx, ctx, { action, personId: p.id, subject: p.crn, detail: { ...detail, id: subjectId } })
    await publish(trx, event, p.id, { crn: p.crn, id: subjectId ?? null })
    const [recalculation] = await recalculateRisk(trx, ctx, [p.id], { today: clock.today(), trigger: action })
    return recalculation
  })
}

/** Records a RoSH assessment. */
export async function recordRosh(deps: RiskDeps, ctx: RequestContext, crn: string, form: RoshForm) {
  return change(deps, ctx, crn, 'ROSH_RECORD', async (trx, p, today) => {
    const parsed = parseRoshForm(form, today, LocalDate.parse(p.date_of_birth))
    if (!parsed.ok) throw new ValidationError(parsed.errors)
    const c = parsed.value
    const id = await insertRosh(trx, {
      person_id: p.id,
      assessment_date: c.assessmentDate.toString(),
      public_level: c.levels.public,
      known_adult_level: c.levels.knownAdult,
      children_level: c.levels.children,
      staff_level: c.levels.staff,
      prisoners_level: c.levels.prisoners,
      overall_level: c.overall,
      who_is_at_risk: c.whoIsAtRisk,
      nature_of_harm: c.natureOfHarm,
      when_most_likely: c.whenMostLikely,
      assessed_by: ctx.user?.id ?? null,
    })
    return {
      subjectId: id,
      detail: { overall: c.overall, date: c.assessmentDate.toString() },
      event: 'person.rosh.recorded',
    }
  })
}

/** Adds a registration (the date registered must be after the date of birth). */
export async function addRegistration(deps: RiskDeps, ctx: RequestContext, crn: string, form: RegistrationForm) {
  return change(deps, ctx, crn, 'REGISTRATION_ADD', async (trx, p, today) => {
    const parsed = parseRegistrationForm(form, today)
    if (!parsed.ok) throw new ValidationError(parsed.errors)
    const c = parsed.value
    if (c.registeredDate.isBefore(LocalDate.parse(p.date_of_birth))) {
      throw new ValidationError([
        { field: 'registeredDate-day', message: 'Date registered must be after the date of birth' },
      ])
    }
    const id = await insertRegistration(trx, {
      person_id: p.id,
      type_code: c.typeCode,
      mappa_category: c.mappaCategory,
      mappa_level: c.mappaLevel,
      registered_date: c.registeredDate.toString(),
      next_review_date: c.nextReviewDate?.toString() ?? null,
      notes: c.notes,
      registered_by: ctx.user?.id ?? null,
    })
    return {
      subjectId: id,
      detail: { type: c.typeCode, mappaCategory: c.mappaCategory, mappaLevel: c.mappaLevel },
      event: 'person.registration.added',
    }
  })
}

/** Ends a registration, keeping it in the history with the date and reason. */
export async function deregisterRegistration(
  deps: RiskDeps,
  ctx: RequestContext,
  crn: string,
  registrationId: number,
  form: DeregistrationForm,
) {
  return change(deps, ctx, crn, 'REGISTRATION_DEREGISTER', async (trx, p, today) => {
    const r = await findRegistration(trx, p.id, registrationId)
    if (!r) throw new NotFoundError('No such registration')
    if (r.deregistered_date) throw new ConflictError('This registration has already been deregistered.')
    const parsed = parseDeregistrationForm(form, today, LocalDate.parse(r.registered_date))
    if (!parsed.ok) throw new ValidationError(parsed.errors)
    const c = parsed.value
    const ok = await deregister(trx, p.id, r.id, c.version, {
      date: c.date.toString(),
      reason: c.reason,
      userId: ctx.user?.id ?? null,
      at: deps.clock.now(),
    })
    if (!ok) throw new ConflictError()
    return {
      subjectId: r.id,
      detail: { type: r.type_code, date: c.date.toString() },
      event: 'person.registration.deregistered',
    }
  })
}

/** Records a new version of the assessment items (refused when someone else recorded one in between). */
export async function recordItems(deps: RiskDeps, ctx: RequestContext, crn: string, form: ItemsFormValues) {
  return change(deps, ctx, crn, 'RISK_ITEMS_RECORD', async (trx, p, today) => {
    // What the record gives is not asked, and not taken from the form (a page opened before the record knew).
    const facts = (await loadRiskFacts(trx, [p.id])).get(p.id)
    const recorded = new Set(Object.keys(facts ? fromRecord(facts, today) : {}))
    const parsed = parseItemsForm(form, today, LocalDate.parse(p.date_of_birth), recorded)
    if (!parsed.ok) throw new ValidationError(parsed.errors)
    const c = parsed.value
    const latest = await latestItems(trx, p.id)
    const current = latest?.version ?? 0
    if (c.basedOnVersion !== current) throw new ConflictError()
    try {
      await insertItems(trx, {
        person_id: p.id,
        version: current + 1,
        assessment_date: c.assessmentDate.toString(),
        items: c.items satisfies AssessmentItems,
        recorded_by: ctx.user?.id ?? null,
      })
    } catch (e) {
      // Two recordings racing for the same version: the unique index keeps one, the other is told to check.
      if ((e as { code?: unknown }).code === '23505') throw new ConflictError()
      throw e
    }
    return {
      detail: { version: current + 1, items: Object.keys(c.items).length },
      event: 'person.risk-items.recorded',
    }
  })
}

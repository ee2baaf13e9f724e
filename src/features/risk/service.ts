import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPersonAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson } from '../../access/policy.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { calculateRisk } from './calculate.ts'
import {
  parseDeregistrationForm,
  parseItemsForm,
  parseRegistrationForm,
  parseRoshForm,
  type FormBody,
} from './forms.ts'
import type { AssessmentItems } from './items.ts'
import {
  deregister,
  findPersonForRisk,
  findRegistration,
  insertItems,
  insertRegistration,
  insertRosh,
  latestItems,
  loadRiskFacts,
  registrationList,
  roshHistory,
  scoreHistory,
  tierHistory,
} from './queries.ts'
import { recalculateRisk, type Recalculation } from './recalculate.ts'

export const RISK_VIEW = 'RISK_VIEW'

type Person = NonNullable<Awaited<ReturnType<typeof findPersonForRisk>>>

/**
 * The Risk part of a person's record: reading it (audited), recording RoSH, registrations and assessment items, and
 * recalculating predictors and tiers in the same transaction as each change.
 */
export function createRiskService({ db, clock }: Dependencies) {
  const today = () =>
    LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(clock.now()))

  /** Finds the person and applies the access policy; throws NotFound / Forbidden. */
  async function person(trx: Executor, ctx: RequestContext, crn: string, need: 'read' | 'update'): Promise<Person> {
    const p = await findPersonForRisk(trx, crn.toUpperCase())
    if (!p) throw new NotFoundError('No person with that CRN')
    const facts = await loadPersonAccess(trx, p.id)
    const decision = need === 'read' ? canReadPerson(ctx.user, facts!) : canUpdatePerson(ctx.user, facts!)
    if (!decision.allowed) throw new ForbiddenError(decision.reason)
    return p
  }

  /** Writes a change, recalculates, audits and publishes, all in one transaction. */
  async function change(
    ctx: RequestContext,
    crn: string,
    action: string,
    write: (
      trx: Executor,
      p: Person,
    ) => Promise<{ subjectId?: number; detail: Record<string, unknown>; event: string }>,
  ): Promise<Recalculation> {
    return db.transaction().execute(async trx => {
      const p = await person(trx, ctx, crn, 'update')
      const { subjectId, detail, event } = await write(trx, p)
      await audit(trx, ctx, { action, personId: p.id, subject: p.crn, detail: { ...detail, id: subjectId } })
      await publish(trx, event, p.id, { crn: p.crn, id: subjectId ?? null })
      const [recalculation] = await recalculateRisk(trx, ctx, [p.id], { today: today(), trigger: action })
      return recalculation
    })
  }

  return {
    today,

    /** Everything the Risk page shows. Audited as RISK_VIEW. */
    async riskPage(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        const access = await loadPersonAccess(trx, p.id)
        const canUpdate = canUpdatePerson(ctx.user, access!).allowed
        const [rosh, registrations, scores, tiers, facts] = await Promise.all([
          roshHistory(trx, p.id),
          registrationList(trx, p.id),
          scoreHistory(trx, p.id),
          tierHistory(trx, p.id),
          loadRiskFacts(trx, [p.id]),
        ])
        // What is missing is worked out afresh (cheap, pure), so "needs: …" is right even before anything is stored.
        const outcome = calculateRisk(facts.get(p.id)!, today())
        await audit(trx, ctx, { action: RISK_VIEW, personId: p.id, subject: p.crn, detail: { page: 'risk' } })
        return { person: p, canUpdate, rosh, registrations, scores, tiers, outcome, today: today().toString() }
      })
    },

    /** A form page's context: the person (change access needed) and today's date. Audited as RISK_VIEW. */
    async formPage(ctx: RequestContext, crn: string, form: string, registrationId?: number) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'update')
        const registration =
          registrationId === undefined ? undefined : await findRegistration(trx, p.id, registrationId)
        if (registrationId !== undefined && !registration) throw new NotFoundError('No such registration')
        const items = form === 'items' ? await latestItems(trx, p.id) : undefined
        await audit(trx, ctx, {
          action: RISK_VIEW,
          personId: p.id,
          subject: p.crn,
          detail: { page: form, registrationId },
        })
        return { person: p, registration, items, today: today() }
      })
    },

    async recordRosh(ctx: RequestContext, crn: string, body: FormBody) {
      return change(ctx, crn, 'ROSH_RECORD', async (trx, p) => {
        const parsed = parseRoshForm(body, today(), LocalDate.parse(p.date_of_birth))
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        const c = parsed.value
        const id = await insertRosh(trx, {
          person_id: p.id,
          assessment_date: c.assessmentDate.toString(),
          public_level: c.levels.public!,
          known_adult_level: c.levels.knownAdult!,
          children_level: c.levels.children!,
          staff_level: c.levels.staff!,
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
    },

    async addRegistration(ctx: RequestContext, crn: string, body: FormBody) {
      return change(ctx, crn, 'REGISTRATION_ADD', async (trx, p) => {
        const parsed = parseRegistrationForm(body, today())
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
    },

    async deregister(ctx: RequestContext, crn: string, registrationId: number, body: FormBody) {
      return change(ctx, crn, 'REGISTRATION_DEREGISTER', async (trx, p) => {
        const r = await findRegistration(trx, p.id, registrationId)
        if (!r) throw new NotFoundError('No such registration')
        if (r.deregistered_date) throw new ConflictError('This registration has already been deregistered.')
        const parsed = parseDeregistrationForm(body, today(), LocalDate.parse(r.registered_date))
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        const c = parsed.value
        const ok = await deregister(trx, p.id, r.id, c.version, {
          date: c.date.toString(),
          reason: c.reason,
          userId: ctx.user?.id ?? null,
        })
        if (!ok) throw new ConflictError()
        return {
          subjectId: r.id,
          detail: { type: r.type_code, date: c.date.toString() },
          event: 'person.registration.deregistered',
        }
      })
    },

    async recordItems(ctx: RequestContext, crn: string, body: FormBody) {
      return change(ctx, crn, 'RISK_ITEMS_RECORD', async (trx, p) => {
        const parsed = parseItemsForm(body, today(), LocalDate.parse(p.date_of_birth))
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
    },
  }
}

export type RiskService = ReturnType<typeof createRiskService>

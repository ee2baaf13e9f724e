import { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import {
  defaultSessionCapacity,
  minutesBetween,
  placementRefusals,
  sessionCapacityProblem,
  type Commitment,
} from '../../domain/unpaid-work/placement.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { bookUnpaidWorkSession, londonInstant, recordUnpaidWorkOutcome } from '../supervision/index.ts'
import type { UpwDeps } from './context.ts'
import { canManageUpw, openProject } from './projects.ts'
import { createRecordingUseCases, maySupervise, openSession, UPW_PERSON } from './recording.ts'
import * as pq from './queries/projects.ts'
import * as q from './queries/sessions.ts'
import type { AllocateCommand, ReasonCommand, SessionCommand } from './sessions-forms.ts'
import { moveNominationWithProject } from './nominations.ts'

/**
 * Unpaid work sessions (issue 17 items 2–3; rules-and-outcomes.md §2.1): creating a session of a project (the first
 * one moves its nomination to "scheduled"), the register page, allocating a person within the placement rules
 * (src/domain/unpaid-work/placement.ts: each refusal on its field, nothing saved), removing an allocation, and
 * standing a whole session down (no one's fault: every allocation recorded stood down, no hours lost). An allocation
 * is an "Unpaid work session" appointment on the person's record (supervision/unpaid-work.ts).
 */

/** The session's start and end as instants (Europe/London wall-clock times). */
export function sessionInstants(s: { session_date: string; start_time: string; end_time: string }) {
  const date = LocalDate.parse(s.session_date)
  const at = (t: string) => londonInstant(date, Number(t.slice(0, 2)), Number(t.slice(3, 5)))
  return { startsAt: at(s.start_time), endsAt: at(s.end_time) }
}

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }])
}

function checkSessionCommand(project: pq.ProjectRow, c: SessionCommand, supervisors: { id: number }[]) {
  const capacity = c.capacity ?? defaultSessionCapacity(project.capacity, project.placement_kind)
  const problem = sessionCapacityProblem(capacity, project.capacity, project.placement_kind)
  if (problem) refuse('capacity', problem)
  if (c.supervisorUserId !== null && !supervisors.some(s => Number(s.id) === c.supervisorUserId))
    refuse('supervisor', 'Choose a supervisor from your provider')
  const date = c.date.toString()
  if (date < project.start_date || (project.end_date && date > project.end_date))
    refuse('date-day', 'The session must be within the project’s dates')
  if (project.completed_at) refuse('date-day', 'This project is complete')
  return capacity
}

/** The facts allocation is judged on, for the person on the requirement chosen. */
async function placementFacts(
  trx: Executor,
  s: q.SessionRow,
  personId: number,
  requirement: { id: number; length: number | null },
  ete: boolean,
) {
  const [allocated, sessionsThatDay, commitments, risk, licence, eteMinutes] = await Promise.all([
    q.countAllocated(trx, s.id),
    q.sessionsOnDate(trx, personId, s.session_date),
    q.commitmentsOf(trx, personId),
    q.riskFacts(trx, personId),
    q.approvedLicenceConditions(trx, personId),
    q.eteMinutesCredited(trx, requirement.id),
  ])
  // ETE already booked but not yet recorded counts towards the share too.
  const pending = (await q.pendingEteSessions(trx, requirement.id)).reduce(
    (sum, x) => sum + minutesBetween(x.start_time, x.end_time),
    0,
  )
  return {
    session: {
      date: LocalDate.parse(s.session_date),
      start: s.start_time,
      end: s.end_time,
      capacity: s.capacity,
      allocated,
    },
    project: {
      publicContact: s.public_contact,
      childrenPresent: s.children_present,
      vulnerableAdultsPresent: s.vulnerable_adults_present,
      postcode: s.postcode,
    },
    person: {
      ...risk,
      sessionsThatDay,
      commitments: commitments.map((c): Commitment => ({
        kind: c.kind,
        dayOfWeek: c.day_of_week,
        start: c.start_time,
        end: c.end_time,
      })),
      exclusions: exclusionTexts(licence),
    },
    ete: { wanted: ete, eteMinutesCredited: eteMinutes + pending, orderedHours: requirement.length ?? 0 },
  }
}

/** The words of the licence's exclusion zone conditions (every field's text). */
function exclusionTexts(conditions: unknown): string[] {
  const additional = (conditions as { additional?: unknown } | null)?.additional
  if (!Array.isArray(additional)) return []
  return additional
    .filter(
      (c): c is { type: string; fields?: Record<string, unknown> } =>
        (c as { type?: unknown })?.type === 'exclusion_zone',
    )
    .flatMap(c => Object.values(c.fields ?? {}).filter((v): v is string => typeof v === 'string'))
}

function chooseRequirement(requirements: Awaited<ReturnType<typeof q.upwRequirements>>, wanted: number | null) {
  if (requirements.length === 0) return refuse('crn', 'They have no unpaid work requirement in force')
  const chosen =
    wanted === null && requirements.length === 1 ? requirements[0] : requirements.find(r => r.id === wanted)
  if (!chosen) return refuse('requirement', 'Choose which unpaid work requirement this session is for')
  return chosen
}

export function createSessionsUseCases(deps: UpwDeps) {
  const { db, clock } = deps
  return {
    /** The new session form: the project, its provider's supervisors and the default capacity. */
    async newForm(ctx: RequestContext, projectId: number) {
      const project = await openProject(db, ctx, projectId)
      const supervisors = await pq.supervisorsOf(db, project.provider_id)
      return { project, supervisors, defaultCapacity: defaultSessionCapacity(project.capacity, project.placement_kind) }
    },

    create: (ctx: RequestContext, projectId: number, command: Parsed<SessionCommand>) =>
      createSession(deps, ctx, projectId, command),

    /** The register: who is allocated (named only to those who may read them) and what was recorded. */
    async page(ctx: RequestContext, id: number) {
      return db.transaction().execute(async trx => {
        const session = await openSession(trx, ctx, id)
        const rows = await q.register(trx, id)
        const facts = await loadPeopleAccess(
          trx,
          rows.map(r => r.person_id),
          { now: clock.now(), formerManagerMonths: 0 },
        )
        const people = rows.map(r => {
          const f = facts.get(r.person_id)
          return { ...r, visible: f !== undefined && canReadPerson(ctx.user, f).allowed }
        })
        const shown = people.filter(p => p.visible).map(p => p.person_id)
        await audit(trx, ctx, {
          action: 'UPW_SESSION_VIEW',
          detail: { sessionId: id },
          ...(shown.length ? { shownPersonIds: shown } : {}),
        })
        const canRecord = await maySupervise(trx, ctx, session)
        return { session, people, canManage: canManageUpw(ctx), canRecord, today: clock.today() }
      })
    },

    /** The allocation form: the session, and the requirements of the person typed (when they may be read). */
    async allocateForm(ctx: RequestContext, id: number, crn?: string) {
      const session = await openSession(db, ctx, id)
      const requirements = crn
        ? await deps
            .withPerson(ctx, crn, UPW_PERSON, (trx, access) => q.upwRequirements(trx, access.personId))
            .catch((e: unknown) => {
              if (e instanceof NotFoundError || e instanceof ForbiddenError) return []
              throw e
            })
        : []
      return { session, requirements }
    },

    allocate: (ctx: RequestContext, id: number, command: Parsed<AllocateCommand>) => allocate(deps, ctx, id, command),
    removeAllocation: (
      ctx: RequestContext,
      ids: { sessionId: number; allocationId: number },
      command: Parsed<ReasonCommand>,
    ) => removeAllocation(deps, ctx, ids, command),
    standDown: (ctx: RequestContext, id: number, command: Parsed<ReasonCommand>) => standDown(deps, ctx, id, command),
    recording: createRecordingUseCases(deps),
  }
}

/** Allocates the person to the session within the placement rules, booking the appointment on their record. */
async function allocate(deps: UpwDeps, ctx: RequestContext, id: number, command: Parsed<AllocateCommand>) {
  await openSession(deps.db, ctx, id)
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.withPerson(ctx, c.crn, UPW_PERSON, async (trx, access) => {
    await q.lockSession(trx, id)
    const s = await q.findSession(trx, id)
    if (!s) throw new NotFoundError('There is no such session')
    if (s.stood_down_at) refuse('crn', 'This session has been stood down')
    const requirement = chooseRequirement(await q.upwRequirements(trx, access.personId), c.requirementId)
    const refusals = placementRefusals(await placementFacts(trx, s, access.personId, requirement, c.ete))
    if (refusals.length) throw new ValidationError(refusals)
    const by = ctx.user?.id ?? null
    const allocationId = await q.insertAllocation(trx, {
      session_id: id,
      person_id: access.personId,
      requirement_id: requirement.id,
      ete: c.ete,
      created_by: by,
    })
    const contactId = await bookUnpaidWorkSession(trx, ctx, access.personId, {
      requirementId: requirement.id,
      ...sessionInstants(s),
      location: s.pick_up_point ?? s.address,
      notes: `Unpaid work: ${s.project_name}${c.ete ? ' (education, training or employment)' : ''}`,
    })
    await q.setAllocationContact(trx, allocationId, contactId)
    const detail = { sessionId: id, allocationId, requirementId: requirement.id, ete: c.ete, contactId }
    await audit(trx, ctx, { action: 'UPW_ALLOCATE', personId: access.personId, subject: access.crn, detail })
    await publish(trx, 'upw.allocated', access.personId, { crn: access.crn, ...detail, date: s.session_date })
    return { allocationId }
  })
}

/** Removes an allocation with a reason (kept, marked removed); its appointment is withdrawn if not yet outcomed. */
async function removeAllocation(
  deps: UpwDeps,
  ctx: RequestContext,
  ids: { sessionId: number; allocationId: number },
  command: Parsed<ReasonCommand>,
) {
  await openSession(deps.db, ctx, ids.sessionId)
  const found = await q.findAllocation(deps.db, ids.sessionId, ids.allocationId)
  if (!found || found.removed_at) throw new NotFoundError('There is no such allocation')
  if (!command.ok) throw new ValidationError(command.errors)
  const { reason } = command.value
  return deps.withPerson(ctx, found.crn, UPW_PERSON, async (trx, access) => {
    await q.lockSession(trx, ids.sessionId)
    if (await q.currentAttendance(trx, found.id))
      refuse('removeReason', 'Attendance is recorded for them: correct the record instead')
    const now = deps.clock.now()
    await q.removeAllocation(trx, found.id, reason, ctx.user?.id ?? null, now)
    if (found.contact_id) await q.withdrawAppointment(trx, found.contact_id, `Removed from the session: ${reason}`, now)
    const detail = { sessionId: ids.sessionId, allocationId: found.id, reason }
    await audit(trx, ctx, { action: 'UPW_ALLOCATION_REMOVE', personId: access.personId, subject: access.crn, detail })
    await publish(trx, 'upw.allocation-removed', access.personId, { crn: access.crn, ...detail })
    return { sessionId: ids.sessionId }
  })
}

/**
 * Stands the whole session down: each allocated person without a record gets one "stood down" (no hours lost), and
 * their appointment an acceptable absence ("stood down": no enforcement).
 */
async function standDown(deps: UpwDeps, ctx: RequestContext, id: number, command: Parsed<ReasonCommand>) {
  await openSession(deps.db, ctx, id)
  if (!command.ok) throw new ValidationError(command.errors)
  const { reason } = command.value
  return deps.db.transaction().execute(async trx => {
    await q.lockSession(trx, id)
    const s = await q.findSession(trx, id)
    if (!s) throw new NotFoundError('There is no such session')
    if (s.stood_down_at) refuse('standDownReason', 'This session is already stood down')
    await q.standDownSession(trx, id, reason, deps.clock.now())
    const by = ctx.user?.id ?? null
    for (const a of await q.register(trx, id)) {
      if (a.attendance_id) continue
      await q.insertAttendance(trx, {
        allocation_id: a.id,
        session_id: id,
        person_id: a.person_id,
        requirement_id: a.requirement_id,
        outcome: 'stood_down',
        ete: a.ete,
        reason,
        recorded_by: by,
      })
      if (a.contact_id)
        await recordUnpaidWorkOutcome(deps, trx, ctx, a.person_id, a.contact_id, {
          outcome: 'acceptable_absence',
          reason: 'stood_down',
          notes: `Session stood down: ${reason}`,
        })
      await audit(trx, ctx, {
        action: 'UPW_SESSION_STAND_DOWN',
        personId: a.person_id,
        subject: a.crn,
        detail: { sessionId: id, reason },
      })
    }
    await publish(trx, 'upw.session.stood-down', null, { sessionId: id, projectId: s.project_id, reason })
    return { sessionId: id }
  })
}

/** Creates a session; the project's first moves its nomination to scheduled. */
async function createSession(deps: UpwDeps, ctx: RequestContext, projectId: number, command: Parsed<SessionCommand>) {
  const { db } = deps
  await openProject(db, ctx, projectId)
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return db.transaction().execute(async trx => {
    await pq.lockProject(trx, projectId)
    const project = await pq.findProject(trx, projectId)
    if (!project) throw new NotFoundError('There is no such project')
    const capacity = checkSessionCommand(project, c, await pq.supervisorsOf(trx, project.provider_id))
    const first = (await pq.countSessions(trx, projectId)) === 0
    const by = ctx.user?.id ?? null
    const id = await q.insertSession(trx, {
      project_id: projectId,
      provider_id: project.provider_id,
      session_date: c.date.toString(),
      start_time: c.start,
      end_time: c.end,
      supervisor_user_id: c.supervisorUserId,
      capacity,
      pick_up_point: c.pickUpPoint,
      created_by: by,
    })
    if (first && project.nomination_id)
      await moveNominationWithProject(trx, ctx, deps.clock.now(), {
        nominationId: project.nomination_id,
        status: 'scheduled',
        reason: `First session on ${c.date.toString()}`,
      })
    await audit(trx, ctx, { action: 'UPW_SESSION_CREATE', detail: { projectId, sessionId: id } })
    await publish(trx, 'upw.session.created', null, { projectId, sessionId: id, date: c.date.toString() })
    return { sessionId: id }
  })
}

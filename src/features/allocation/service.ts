import { LocalDate } from '@js-joda/core'
import type { Insertable } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { changeCaseManager } from '../../access/case-managers.ts'
import { loadPeopleAccess, loadPersonAccess, type Executor } from '../../access/person-access.ts'
import { canReadPerson, canUpdatePerson } from '../../access/policy.ts'
import type { Role } from '../../access/roles.ts'
import type { AllocationsTable, CaseStatus, RoshLevelColumn } from '../../db/schema.ts'
import {
  allocationClock,
  casePoints,
  decideProvider,
  PROVIDER_KIND_TEXT,
  proposeInduction,
  ROSH_TEXT,
  workloadOf,
  type AllocationFacts,
  type CaseType,
  type Clock as DueClock,
  type InductionProposal,
  type ProviderDecision,
  type RoshSourceKind,
} from '../../domain/allocation/index.ts'
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { applyCaseStatusChange } from '../sentencing/lifecycle.ts'
import {
  allocationHistory,
  casesOf,
  currentSentences,
  findPerson,
  insertResolution,
  latestRosh,
  latestTierV2,
  listStaff,
  listTeams,
  loadAllocationFacts,
  unallocatedPeople,
  type PersonRow,
  type SentenceRow,
  type StaffRow,
  type TeamRow,
} from './queries.ts'

/**
 * Allocation: the unallocated-cases queue, the provider decision with its reasons, resolving conflicting RoSH
 * information, allocating and reallocating to a practitioner, transferring to another provider, the allocation
 * history and the practitioner's caseload.
 *
 * Who may allocate: seniors (team managers) and administrators. A senior may make the first allocation to any
 * provider of the kind the provider decision names (the court-side Case Allocation System allocated to CRCs too);
 * reallocating and transferring need the right to change the record (the managing provider's senior).
 */

export const ALLOCATOR_ROLES: readonly Role[] = ['senior', 'admin']
/** A case counts as new in the caseload for this many days after it was allocated to the practitioner. */
export const NEW_CASE_DAYS = 14
const MAX_NOTES = 4000

export type FormBody = Record<string, string | string[] | undefined>
const text = (body: FormBody | undefined, key: string) => {
  const v = body?.[key]
  return ((Array.isArray(v) ? v[v.length - 1] : v) ?? '').trim()
}
const id = (value: string) => (/^[0-9]{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null)

const CASE_TYPE: Record<CaseStatus, CaseType> = {
  pre_sentence: 'community',
  awaiting_allocation: 'community',
  allocated: 'community',
  in_custody: 'custody',
  on_licence: 'licence',
  ended: 'community',
}

export interface QueueRow {
  crn: string
  name: string
  tier: string | null
  rosh: RoshLevelColumn | null
  roshText: string | null
  sentenceDate: string | null
  sentenceType: string | null
  courtName: string | null
  clock: (Omit<DueClock, 'dueBy'> & { dueBy: string }) | null
  decision: ProviderDecision
  outcomeText: string
}

function outcomeText(decision: ProviderDecision): string {
  return decision.outcome === 'blocked' ? 'Blocked: conflicting RoSH information' : PROVIDER_KIND_TEXT[decision.outcome]
}

function clockView(sentence: SentenceRow | undefined, today: LocalDate) {
  if (!sentence) return null
  const c = allocationClock(LocalDate.parse(sentence.sentenceDate), today)
  return { ...c, dueBy: c.dueBy.toString() }
}

/** The release date a licence case's induction counts from: the recorded key dates, else today. */
function releaseDateOf(sentence: SentenceRow | undefined, today: LocalDate): LocalDate {
  const keys = (sentence?.keyDates ?? {}) as Record<string, unknown>
  for (const key of ['CRD', 'ARD', 'releaseDate']) {
    const v = keys[key]
    const value =
      typeof v === 'string'
        ? v
        : typeof v === 'object' && v && 'date' in v
          ? String((v as { date: unknown }).date)
          : null
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) return LocalDate.parse(value)
  }
  return today
}

export function createAllocationService({ db, clock }: Dependencies) {
  const today = () =>
    LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(clock.now()))
  const isAllocator = (ctx: RequestContext) => !!ctx.user && ctx.user.roles.some(r => ALLOCATOR_ROLES.includes(r))

  async function person(trx: Executor, ctx: RequestContext, crn: string, need: 'read' | 'update'): Promise<PersonRow> {
    const p = await findPerson(trx, crn.toUpperCase())
    if (!p) throw new NotFoundError('There is no person with that CRN')
    const facts = await loadPersonAccess(trx, p.id)
    const decision = need === 'read' ? canReadPerson(ctx.user, facts!) : canUpdatePerson(ctx.user, facts!)
    if (!decision.allowed) throw new ForbiddenError(decision.reason)
    return p
  }

  function requireAllocator(ctx: RequestContext) {
    if (!isAllocator(ctx))
      throw new ForbiddenError('Only a senior (team manager) can allocate cases or resolve risk information')
  }

  /** Is the case waiting for its first practitioner? */
  const isUnallocated = (p: PersonRow) =>
    p.caseStatus === 'awaiting_allocation' ||
    ((p.caseStatus === 'in_custody' || p.caseStatus === 'on_licence') && p.staffId === null)

  /** Everything about one case the allocation page and the allocation commands need. */
  async function caseFacts(trx: Executor, p: PersonRow) {
    const [facts, sentences, tiers] = await Promise.all([
      loadAllocationFacts(trx, [p.id]),
      currentSentences(trx, [p.id]),
      latestTierV2(trx, [p.id]),
    ])
    const f = facts.get(p.id)!
    const decision = decideProvider(f)
    return { facts: f, decision, sentence: sentences[0] as SentenceRow | undefined, tier: tiers.get(p.id) ?? null }
  }

  function inductionFor(p: PersonRow, sentence: SentenceRow | undefined, on: LocalDate): InductionProposal | null {
    if (p.caseStatus === 'awaiting_allocation' || p.caseStatus === 'allocated')
      return proposeInduction({ kind: 'order', allocatedOn: on })
    if (p.caseStatus === 'on_licence')
      return proposeInduction({ kind: 'licence', releaseDate: releaseDateOf(sentence, on), allocatedOn: on })
    return null // In custody: the induction follows release.
  }

  /** The practitioners of a team with their workload and capacity, and what this case would add. */
  async function practitioners(trx: Executor, teamId: number, addPoints: number) {
    const staff = (await listStaff(trx, { teamId })).filter(
      s => workloadOf([], s.grade, s.contractedHours).capacity > 0,
    )
    const cases = await casesOf(
      trx,
      staff.map(s => s.id),
    )
    const tiers = await latestTierV2(
      trx,
      cases.map(c => c.id),
    )
    return staff.map(s => {
      const mine = cases
        .filter(c => c.staffId === s.id)
        .map(c => ({ tier: tiers.get(c.id) ?? null, caseType: CASE_TYPE[c.caseStatus] }))
      const w = workloadOf(mine, s.grade, s.contractedHours)
      return {
        id: s.id,
        code: s.code,
        name: `${s.forename} ${s.surname}`,
        grade: s.grade,
        contractedHours: s.contractedHours ?? 37,
        cases: w.cases,
        points: w.points,
        capacity: w.capacity,
        percent: w.percent,
        percentAfter: w.capacity > 0 ? Math.round(((w.points + addPoints) / w.capacity) * 100) : null,
        hasCapacity: w.hasRoomFor(addPoints),
      }
    })
  }

  function providerRefusal(staff: StaffRow, decision: ProviderDecision): string | null {
    if (decision.outcome === 'blocked') return decision.conflict.text
    if (staff.providerKind === decision.outcome) return null
    const why = decision.reasons.filter(r => r.public === (decision.outcome === 'public')).map(r => r.text)
    return (
      `${staff.forename} ${staff.surname} works for ${staff.providerName}, which is not the ${PROVIDER_KIND_TEXT[decision.outcome].toLowerCase()} ` +
      `this case must go to. ${why.length ? `Reasons: ${why.join('; ')}.` : ''}`.trim()
    )
  }

  async function staffProblems(trx: Executor, body: FormBody, problems: FieldError[]) {
    const staffId = id(text(body, 'staffId'))
    const staff = staffId === null ? undefined : (await listStaff(trx, { staffId }))[0]
    if (!staff) problems.push({ field: 'staffId', message: 'Select the practitioner to allocate the case to' })
    else if (!staff.active)
      problems.push({
        field: 'staffId',
        message: `${staff.forename} ${staff.surname} is no longer active. Choose someone else`,
      })
    else if (staff.teamId === null)
      problems.push({
        field: 'staffId',
        message: `${staff.forename} ${staff.surname} is not in a team. Choose someone else`,
      })
    return staff
  }

  /** Allocates (first time or again) or transfers, with audit and outbox, in the caller's transaction. */
  async function assign(
    trx: Executor,
    ctx: RequestContext,
    p: PersonRow,
    kind: AllocationsTable['kind'],
    staff: StaffRow,
    decision: ProviderDecision & { outcome: 'public' | 'contracted' },
    sentence: SentenceRow | undefined,
    body: FormBody,
  ) {
    const now = clock.now()
    const on = today()
    const notes = text(body, 'notes')
    const { caseManagerId, previousCaseManagerId } = await changeCaseManager(trx, {
      personId: p.id,
      version: Number(text(body, 'version')),
      providerId: staff.providerId,
      teamId: staff.teamId,
      staffId: staff.id,
      reason:
        kind === 'initial'
          ? 'Initial allocation'
          : kind === 'transfer'
            ? `Transfer: ${notes}`
            : `Reallocation${notes ? `: ${notes}` : ''}`,
      userId: ctx.user?.id ?? null,
      now,
    })
    const induction = kind === 'initial' ? inductionFor(p, sentence, on) : null
    const clockAtAllocation = sentence ? allocationClock(LocalDate.parse(sentence.sentenceDate), on) : null
    const row: Insertable<AllocationsTable> = {
      person_id: p.id,
      event_id: sentence?.eventId ?? null,
      kind,
      provider_id: staff.providerId,
      team_id: staff.teamId!,
      staff_id: staff.id,
      case_manager_id: caseManagerId,
      previous_case_manager_id: previousCaseManagerId,
      decision_outcome: decision.outcome,
      decision: JSON.stringify({ outcome: decision.outcome, roshLevel: decision.roshLevel, reasons: decision.reasons }),
      notes: notes || null,
      notes_sensitive: text(body, 'notesSensitive') === 'yes',
      sentence_date: sentence?.sentenceDate ?? null,
      allocation_due_date: clockAtAllocation?.dueBy.toString() ?? null,
      induction_kind: induction?.kind ?? null,
      induction_due_date: induction?.dueBy.toString() ?? null,
      induction_proposed_date: induction?.proposed.toString() ?? null,
      allocated_by: ctx.user?.id ?? null,
      allocated_at: now,
    }
    const allocationId = (await trx.insertInto('allocations').values(row).returning('id').executeTakeFirstOrThrow()).id
    // The lifecycle decides: awaiting allocation becomes allocated; a case in custody or on licence keeps its status.
    if (kind === 'initial') {
      await applyCaseStatusChange(trx, ctx, p.id, 'allocated', {
        eventId: sentence?.eventId ?? null,
        reason: `Allocated to ${staff.forename} ${staff.surname}`,
      })
    }
    const from = { providerId: p.providerId, teamId: p.teamId, staffId: p.staffId }
    const to = { providerId: staff.providerId, teamId: staff.teamId, staffId: staff.id, staffCode: staff.code }
    const action =
      kind === 'initial' ? 'PERSON_ALLOCATED' : kind === 'transfer' ? 'PERSON_TRANSFERRED' : 'PERSON_REALLOCATED'
    await audit(trx, ctx, {
      action,
      personId: p.id,
      subject: p.crn,
      detail: { allocationId, from, to, decision: decision.outcome },
    })
    const payload = {
      crn: p.crn,
      allocationId,
      kind,
      from,
      to,
      decision: { outcome: decision.outcome, reasons: decision.reasons.map(r => r.code) },
      inductionDueDate: induction?.dueBy.toString() ?? null,
      at: now.toISOString(),
    }
    await publish(trx, kind === 'transfer' ? 'person.transferred' : 'person.allocated', p.id, payload)
    return { allocationId, induction, kind }
  }

  return {
    today,

    /**
     * The unallocated-cases queue, for a delivery unit (PDU) and optionally one team, oldest sentence first. Only
     * cases the user may read are listed; the rest are counted. Audited as ALLOCATION_QUEUE_VIEW.
     */
    async queue(ctx: RequestContext, filter: { pdu?: string; team?: string }) {
      return db.transaction().execute(async trx => {
        const teams = await listTeams(trx)
        const own = ctx.user?.teamId ? teams.find(t => t.id === ctx.user!.teamId) : undefined
        const team = filter.team ? teams.find(t => t.code === filter.team) : undefined
        if (filter.team && !team) throw new NotFoundError(`There is no team with the code ${filter.team}`)
        const pduCode = team?.pduCode ?? (filter.pdu !== undefined ? filter.pdu : own?.pduCode)
        const pduId = pduCode ? teams.find(t => t.pduCode === pduCode)?.pduId : undefined
        if (pduCode && pduId === undefined)
          throw new NotFoundError(`There is no delivery unit with the code ${pduCode}`)

        const people = await unallocatedPeople(trx, team ? { team: { id: team.id, pduId: team.pduId } } : { pduId })
        const ids = people.map(p => p.id)
        const [sentences, access] = await Promise.all([currentSentences(trx, ids), loadPeopleAccess(trx, ids)])
        const sentenceOf = new Map(sentences.map(s => [s.personId, s]))
        const inScope = people.filter(p => {
          const pdu = sentenceOf.get(p.id)?.courtDeliveryUnitId ?? p.teamDeliveryUnitId
          if (team) return p.teamId === team.id || (p.teamId === null && pdu === team.pduId)
          return pduId === undefined || pdu === pduId
        })
        const visible = inScope.filter(p => canReadPerson(ctx.user, access.get(p.id)!).allowed)
        const visibleIds = visible.map(p => p.id)
        const [facts, tiers, rosh] = await Promise.all([
          loadAllocationFacts(trx, visibleIds),
          latestTierV2(trx, visibleIds),
          latestRosh(trx, visibleIds),
        ])
        const now = today()
        const rows: QueueRow[] = visible.map(p => {
          const s = sentenceOf.get(p.id)
          const decision = decideProvider(facts.get(p.id)!)
          const level = decision.roshLevel ?? rosh.get(p.id) ?? null
          return {
            crn: p.crn,
            name: `${p.forename} ${p.surname}`,
            tier: tiers.get(p.id) ?? null,
            rosh: level,
            roshText: level ? ROSH_TEXT[level] : null,
            sentenceDate: s?.sentenceDate ?? null,
            sentenceType: s?.sentenceType ?? null,
            courtName: s?.courtName ?? null,
            clock: clockView(s, now),
            decision,
            outcomeText: outcomeText(decision),
          }
        })
        rows.sort(
          (a, b) => (a.sentenceDate ?? '9999').localeCompare(b.sentenceDate ?? '9999') || a.crn.localeCompare(b.crn),
        )
        await audit(trx, ctx, {
          action: 'ALLOCATION_QUEUE_VIEW',
          detail: { pdu: pduCode ?? null, team: team?.code ?? null, crns: rows.map(r => r.crn) },
        })
        const pdus = [
          ...new Map(
            teams.map(t => [t.pduCode, { code: t.pduCode, name: t.pduName, providerName: t.providerName }]),
          ).values(),
        ]
        return {
          rows,
          hidden: inScope.length - visible.length,
          pdu: pduCode ? pdus.find(u => u.code === pduCode)! : null,
          team: team ?? null,
          pdus,
          teams: teams.filter(t => !pduCode || t.pduCode === pduCode),
          today: now.toString(),
        }
      })
    },

    /**
     * One case: the provider decision and its reasons, the clock, any RoSH conflict, the teams that may take it and
     * the chosen team's practitioners with their workload. Audited as ALLOCATION_VIEW.
     */
    async casePage(ctx: RequestContext, crn: string, options: { team?: string } = {}) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        const { facts, decision, sentence, tier } = await caseFacts(trx, p)
        const now = today()
        const unallocated = isUnallocated(p)
        const allocated = p.staffId !== null && !unallocated
        const sentenced = sentence !== undefined && p.caseStatus !== 'pre_sentence' && p.caseStatus !== 'ended'
        const teams = await listTeams(trx)
        // First allocation and transfer: teams of the kind of provider decided; reallocation: the managing provider's.
        const eligible = (t: TeamRow) =>
          unallocated
            ? decision.outcome !== 'blocked' && t.providerKind === decision.outcome
            : t.providerId === p.providerId
        const teamChoices = teams.filter(eligible)
        const transferChoices =
          allocated && decision.outcome !== 'blocked'
            ? teams.filter(t => t.providerKind === decision.outcome && t.providerId !== p.providerId)
            : []
        const chosen =
          (options.team ? [...teamChoices, ...transferChoices].find(t => t.code === options.team) : undefined) ??
          teamChoices.find(t => t.id === (allocated ? p.teamId : ctx.user?.teamId)) ??
          teamChoices[0]
        const mode = unallocated
          ? 'initial'
          : chosen && chosen.providerId !== p.providerId
            ? 'transfer'
            : 'reallocation'
        const points = casePoints(tier, CASE_TYPE[p.caseStatus === 'awaiting_allocation' ? 'allocated' : p.caseStatus])
        const team = chosen && sentenced ? await practitioners(trx, chosen.id, points) : []
        const induction = unallocated ? inductionFor(p, sentence, now) : null
        const history = await allocationHistory(trx, p.id)
        await audit(trx, ctx, { action: 'ALLOCATION_VIEW', personId: p.id, subject: p.crn })
        return {
          person: p,
          facts,
          decision,
          outcomeText: outcomeText(decision),
          sentence: sentence ?? null,
          sentenced,
          tier,
          casePoints: points,
          clock: unallocated ? clockView(sentence, now) : null,
          unallocated,
          allocated,
          canAllocate: isAllocator(ctx) && sentenced && decision.outcome !== 'blocked',
          canResolve: isAllocator(ctx) && decision.outcome === 'blocked',
          isAllocator: isAllocator(ctx),
          mode,
          teamChoices: allocated ? [...teamChoices, ...transferChoices] : teamChoices,
          team: chosen ?? null,
          practitioners: team,
          induction: induction && {
            ...induction,
            dueBy: induction.dueBy.toString(),
            proposed: induction.proposed.toString(),
          },
          history,
          today: now.toString(),
        }
      })
    },

    /** A senior records which RoSH source is right and why; the decision then uses it. Audited and published. */
    async resolveConflict(ctx: RequestContext, crn: string, body: FormBody) {
      return db.transaction().execute(async trx => {
        requireAllocator(ctx)
        const p = await person(trx, ctx, crn, 'update')
        const { decision } = await caseFacts(trx, p)
        if (decision.outcome !== 'blocked') {
          throw new ValidationError([
            {
              field: 'source',
              message:
                'There is no conflicting RoSH information to resolve: the record may have changed. Reload the page',
            },
          ])
        }
        const chosen = text(body, 'source') as RoshSourceKind
        const reason = text(body, 'reason')
        const source = decision.conflict.sources.find(s => s.kind === chosen)
        const problems: FieldError[] = []
        if (!source) problems.push({ field: 'source', message: 'Select which RoSH information is right' })
        if (!reason) problems.push({ field: 'reason', message: 'Enter why this RoSH information is right' })
        else if (reason.length > MAX_NOTES)
          problems.push({ field: 'reason', message: `Reason must be ${MAX_NOTES} characters or fewer` })
        if (problems.length) throw new ValidationError(problems)
        const resolutionId = await insertResolution(trx, {
          person_id: p.id,
          conflict_key: decision.conflict.key,
          sources: decision.conflict.sources,
          chosen_source: source!.kind,
          rosh_level: source!.level,
          reason,
          resolved_by: ctx.user?.id ?? null,
        })
        await audit(trx, ctx, {
          action: 'ALLOCATION_RISK_RESOLVED',
          personId: p.id,
          subject: p.crn,
          detail: { resolutionId, chosen: source!.kind, level: source!.level, sources: decision.conflict.sources },
        })
        await publish(trx, 'person.allocation.risk-resolved', p.id, {
          crn: p.crn,
          chosen: source!.kind,
          level: source!.level,
        })
        return { resolutionId }
      })
    },

    /**
     * Allocates the case to a practitioner: the first time (to the kind of provider decided) or again within the
     * managing provider. Refuses a practitioner outside the case's provider with the reason.
     */
    async allocate(ctx: RequestContext, crn: string, body: FormBody) {
      return db.transaction().execute(async trx => {
        requireAllocator(ctx)
        const p = await person(trx, ctx, crn, 'update')
        const { decision, sentence } = await caseFacts(trx, p)
        const problems: FieldError[] = []
        const staff = await staffProblems(trx, body, problems)
        const notes = text(body, 'notes')
        if (notes.length > MAX_NOTES)
          problems.push({ field: 'notes', message: `Allocation notes must be ${MAX_NOTES} characters or fewer` })
        const unallocated = isUnallocated(p)
        if (!sentence || (!unallocated && p.caseStatus !== 'allocated')) {
          problems.push({
            field: 'staffId',
            message: 'Only a sentenced case can be allocated: there is no order or licence to manage yet',
          })
        } else if (staff && problems.length === 0) {
          if (unallocated) {
            const refusal = providerRefusal(staff, decision)
            if (refusal) problems.push({ field: 'staffId', message: refusal })
          } else if (staff.providerId !== p.providerId) {
            problems.push({
              field: 'staffId',
              message: `${staff.forename} ${staff.surname} works for ${staff.providerName}, not ${p.providerName}, which manages this case. To move the case to another provider, transfer it`,
            })
          } else if (staff.id === p.staffId) {
            problems.push({
              field: 'staffId',
              message: `${staff.forename} ${staff.surname} already manages this case. Choose someone else`,
            })
          }
        }
        if (problems.length) throw new ValidationError(problems)
        const outcome = unallocated
          ? (decision as ProviderDecision & { outcome: 'public' | 'contracted' })
          : { ...decision, outcome: staff!.providerKind === 'public' ? 'public' : 'contracted' }
        return assign(
          trx,
          ctx,
          p,
          unallocated ? 'initial' : 'reallocation',
          staff!,
          outcome as ProviderDecision & { outcome: 'public' | 'contracted' },
          sentence,
          body,
        )
      })
    },

    /**
     * Moves an allocated case to another provider, keeping one record: the history moves with the person and the
     * former manager keeps read access through their ended `case_managers` row. The target must be the kind of
     * provider the decision names. Publishes `person.transferred`.
     */
    async transfer(ctx: RequestContext, crn: string, body: FormBody) {
      return db.transaction().execute(async trx => {
        requireAllocator(ctx)
        const p = await person(trx, ctx, crn, 'update')
        const { decision, sentence } = await caseFacts(trx, p)
        const problems: FieldError[] = []
        const staff = await staffProblems(trx, body, problems)
        if (!text(body, 'notes'))
          problems.push({ field: 'notes', message: 'Enter why the case is moving to another provider' })
        else if (text(body, 'notes').length > MAX_NOTES)
          problems.push({ field: 'notes', message: `Reason must be ${MAX_NOTES} characters or fewer` })
        if (p.providerId === null || p.staffId === null)
          problems.push({ field: 'staffId', message: 'The case has not been allocated yet: allocate it instead' })
        else if (staff && problems.length === 0) {
          if (staff.providerId === p.providerId) {
            problems.push({
              field: 'staffId',
              message: `${staff.forename} ${staff.surname} works for ${p.providerName}, which already manages this case. Reallocate instead`,
            })
          } else {
            const refusal = providerRefusal(staff, decision)
            if (refusal) problems.push({ field: 'staffId', message: refusal })
          }
        }
        if (problems.length) throw new ValidationError(problems)
        return assign(
          trx,
          ctx,
          p,
          'transfer',
          staff!,
          decision as ProviderDecision & { outcome: 'public' | 'contracted' },
          sentence,
          body,
        )
      })
    },

    /** Every manager the person has had, with each allocation's reasons, notes and induction due date. Audited. */
    async history(ctx: RequestContext, crn: string) {
      return db.transaction().execute(async trx => {
        const p = await person(trx, ctx, crn, 'read')
        const rows = await allocationHistory(trx, p.id)
        await audit(trx, ctx, { action: 'ALLOCATION_HISTORY_VIEW', personId: p.id, subject: p.crn })
        return {
          person: p,
          rows: rows.map(r => ({
            ...r,
            decision: r.decision as {
              outcome: string
              reasons: { code: string; text: string; public: boolean }[]
            } | null,
            // Sensitive notes are shown only to those who may change the record.
            notes: r.notesSensitive && !isAllocator(ctx) ? null : r.notes,
          })),
        }
      })
    },

    /** A member of staff's id from their code (the API names staff by code). */
    async staffIdByCode(code: string): Promise<number | null> {
      const row = await db.selectFrom('staff').select('id').where('code', '=', code).executeTakeFirst()
      return row?.id ?? null
    },
  }
}

export type AllocationService = ReturnType<typeof createAllocationService>
export type { AllocationFacts }

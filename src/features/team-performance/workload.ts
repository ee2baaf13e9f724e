import type { RequestContext } from '../../access/audit.ts'
import { audit, publish } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import type { Dependencies } from '../../dependencies.ts'
import { CASE_TYPE, settingsFrom, workloadWith, type WorkloadSettings } from '../../domain/allocation/index.ts'
import type { CaseStatus } from '../../domain/case-lifecycle/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import * as q from './queries/workload.ts'
import { mayRecordReductions, performanceScope } from './scope.ts'
import type { ReductionCommand, SettingsCommand } from './forms.ts'

/**
 * Workload (issue 19 item 5): each team's practitioners with their cases, points and capacity under the settings in
 * force, and an alert above the threshold; reductions and settings, both appended, never changed. This is not a
 * ranking: practitioners are listed by name, never by load, and nothing here orders or compares them.
 */

/** The settings in force on `today`: the latest national row effective on or before it, else the default. */
export function settingsInForce(history: q.SettingsRow[], today: string): WorkloadSettings {
  return settingsFrom(history.find(h => h.effectiveFrom <= today)?.settings)
}

export function createWorkloadUseCases({ db, clock }: Dependencies) {
  const today = () => clock.today().toString()

  async function teamWorkload(team: q.TeamChoice, settings: WorkloadSettings) {
    const staff = await q.staffOfTeam(db, team.id)
    const ids = staff.map(s => s.id)
    const [cases, reductions] = await Promise.all([q.casesOfStaff(db, ids), q.reductionHoursOn(db, ids, today())])
    // By name (staffOfTeam orders by surname, forename): never by load or performance.
    const practitioners = staff.map(s => {
      const own = cases
        .filter(c => c.staffId === s.id)
        .map(c => ({ tier: c.tier, caseType: CASE_TYPE[c.caseStatus as CaseStatus] ?? 'community' }))
      const reductionHours = reductions.get(s.id) ?? 0
      return {
        staff: s,
        reductionHours,
        workload: workloadWith(settings, own, s.grade, s.contractedHours, reductionHours),
      }
    })
    return { team, practitioners }
  }

  return {
    /** The teams in the user's scope and the chosen one's (or the first's) workload. */
    async workload(ctx: RequestContext, teamId: number | null) {
      const scope = performanceScope(ctx.user)
      const teams = await q.teamsInScope(db, scope.teamId)
      const team = teamId === null ? teams[0] : teams.find(t => t.id === teamId)
      if (!team) throw new NotFoundError('There is no such team')
      const history = await q.settingsHistory(db)
      const settings = settingsInForce(history, today())
      const mayReduce = mayRecordReductions(ctx.user, team.id)
      return { teams, settings, mayReduce, ...(await teamWorkload(team, settings)) }
    },

    /** One practitioner's reductions (history) for the form; only for those who may record them. */
    async reductions(ctx: RequestContext, staffCode: string) {
      const staff = await q.findStaffByCode(db, staffCode)
      if (!staff) throw new NotFoundError('There is no member of staff with that code')
      performanceScope(ctx.user)
      if (!mayRecordReductions(ctx.user, staff.teamId))
        throw new ForbiddenError('You can record reductions for your own team’s staff only')
      return { staff, history: await q.reductionsOf(db, staff.id) }
    },

    async recordReduction(ctx: RequestContext, staffCode: string, command: ReductionCommand): Promise<number> {
      const { staff } = await this.reductions(ctx, staffCode)
      return db.transaction().execute(async trx => {
        const id = await q.insertReduction(trx, { staffId: staff.id, ...command, recordedBy: ctx.user?.id ?? 0 })
        const detail = { staff: staff.code, ...command }
        await audit(trx, ctx, { action: 'WORKLOAD_REDUCTION_RECORD', detail })
        await publish(trx, 'probity.workload.reduction-recorded', null, { id, ...detail })
        return id
      })
    },

    /** The settings in force and every change, latest effective first. */
    async settings(ctx: RequestContext) {
      performanceScope(ctx.user)
      const history = await q.settingsHistory(db)
      return {
        inForce: settingsInForce(history, today()),
        history: history.map(h => ({ ...h, settings: settingsFrom(h.settings) })),
        mayChange: hasPermission(ctx.user, 'performance:manage'),
      }
    },

    async changeSettings(ctx: RequestContext, command: SettingsCommand): Promise<number> {
      if (!hasPermission(ctx.user, 'performance:manage')) throw new ForbiddenError('You cannot change the settings')
      return db.transaction().execute(async trx => {
        const id = await q.insertSettings(trx, { ...command, recordedBy: ctx.user?.id ?? 0 })
        const detail = { effectiveFrom: command.effectiveFrom, reason: command.reason, settings: command.settings }
        await audit(trx, ctx, { action: 'WORKLOAD_SETTINGS_CHANGE', detail })
        await publish(trx, 'probity.workload.settings-changed', null, { id, ...detail })
        return id
      })
    },
  }
}

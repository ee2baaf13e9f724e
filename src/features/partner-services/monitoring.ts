import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { londonDate } from '../../clock.ts'
import { fundingEndsSoon } from '../../domain/partner-services/eligibility.ts'
import {
  monitoringFigures,
  type Achievement,
  type Figures,
  type MonitoredReferral,
  type MonitoredSession,
} from '../../domain/partner-services/monitoring.ts'
import { ForbiddenError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { monitoringProvider, type PartnerDeps } from './context.ts'
import type { MonitoringQuery } from './monitoring-forms.ts'
import * as q from './queries/monitoring.ts'

/**
 * Monitoring for contract managers (issue 18 item 5): for the referrals sent in a period (optionally from one
 * probation provider, team or to one partner organisation), the figures of each service and each partner
 * organisation (`monitoringFigures`), the services closed to referrals and those whose funding ends in the next
 * 3 months. Team and provider level only: nothing names a practitioner or a person. A senior sees their own
 * provider's referrals (`monitoringProvider`), whatever provider they ask for.
 */

export interface MonitoringRow {
  readonly id: number
  readonly name: string
  /** The organisation's name, for a service row. */
  readonly organisation: string | null
  /** The waiting time the service states, in weeks (service rows). */
  readonly waitingWeeks: number | null
  readonly figures: Figures
}

const ACHIEVEMENTS: readonly string[] = ['achieved', 'partially_achieved', 'not_achieved']

/** Each desired outcome's achievement in a report's `outcomes` JSON. */
function achievementsOf(outcomes: unknown): Achievement[] {
  const value = typeof outcomes === 'string' ? (JSON.parse(outcomes) as unknown) : outcomes
  if (!Array.isArray(value)) return []
  return value
    .map(o => (o as { achievement?: string } | null)?.achievement ?? '')
    .filter((a): a is Achievement => ACHIEVEMENTS.includes(a))
}

function scopeOf(ctx: RequestContext, asked: number | null): number | null {
  const provider = monitoringProvider(ctx)
  if (provider === 'none') throw new ForbiddenError('You need to belong to a provider to see its monitoring')
  return provider ?? asked
}

async function gather(deps: PartnerDeps, ctx: RequestContext, m: MonitoringQuery) {
  const { db } = deps
  const providerId = scopeOf(ctx, m.providerId)
  const window = {
    sentFrom: new Date(`${m.from.minusDays(1).toString()}T00:00:00Z`),
    sentBefore: new Date(`${m.to.plusDays(2).toString()}T00:00:00Z`),
  }
  const rows = (
    await q.referralsSent(db, { ...window, providerId, teamId: m.teamId, organisationId: m.organisationId })
  )
    .map(r => ({ ...r, sentOn: londonDate(new Date(r.sent_at)) }))
    .filter(r => !r.sentOn.isBefore(m.from) && !r.sentOn.isAfter(m.to))
  const ids = rows.map(r => Number(r.id))
  const [sessionRows, reports, services] = await Promise.all([
    q.sessionsOf(db, ids),
    q.endOfServiceReportsOf(db, ids),
    q.monitoredServices(db, m.organisationId),
  ])
  const referrals = rows.map(r => ({
    id: Number(r.id),
    serviceId: Number(r.service_id),
    organisationId: Number(r.organisation_id),
    status: r.status,
    sentOn: r.sentOn,
    acceptedOn: r.accepted_at ? londonDate(new Date(r.accepted_at)) : null,
  }))
  const sessions: MonitoredSession[] = sessionRows.map(s => ({
    referralId: Number(s.referral_id),
    date: LocalDate.parse(String(s.session_date).slice(0, 10)),
    attended: s.attended,
  }))
  const achievements = new Map(reports.map(r => [Number(r.referral_id), achievementsOf(r.outcomes)]))
  return { providerId, referrals, sessions, achievements, services }
}

function figuresOf(
  group: readonly MonitoredReferral[],
  sessions: readonly MonitoredSession[],
  achievements: Map<number, Achievement[]>,
) {
  return monitoringFigures(
    group,
    sessions,
    group.flatMap(r => achievements.get(r.id) ?? []),
  )
}

async function report(deps: PartnerDeps, ctx: RequestContext, query: Parsed<MonitoringQuery>) {
  if (!query.ok) throw new ValidationError(query.errors)
  const m = query.value
  const { providerId, referrals, sessions, achievements, services } = await gather(deps, ctx, m)
  const today = deps.clock.today()
  const serviceIds = [...new Set(referrals.map(r => r.serviceId))]
  const byService: MonitoringRow[] = services
    .filter(s => serviceIds.includes(Number(s.id)))
    .map(s => ({
      id: Number(s.id),
      name: s.name,
      organisation: s.organisation_name,
      waitingWeeks: s.waiting_weeks,
      figures: figuresOf(
        referrals.filter(r => r.serviceId === Number(s.id)),
        sessions,
        achievements,
      ),
    }))
  const organisations = new Map(services.map(s => [Number(s.organisation_id), s.organisation_name]))
  const byOrganisation: MonitoringRow[] = [...new Set(referrals.map(r => r.organisationId))]
    .map(id => ({
      id,
      name: organisations.get(id) ?? `Organisation ${id}`,
      organisation: null,
      waitingWeeks: null,
      figures: figuresOf(
        referrals.filter(r => r.organisationId === id),
        sessions,
        achievements,
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
  const active = services.filter(s => s.active)
  const fundingEnds = (s: (typeof services)[number]) =>
    s.funding_ends_on ? LocalDate.parse(String(s.funding_ends_on).slice(0, 10)) : null
  return {
    query: m,
    providerId,
    total: figuresOf(referrals, sessions, achievements),
    byService,
    byOrganisation,
    closed: active.filter(s => !s.accepting),
    fundingEnding: active.filter(s => fundingEndsSoon(fundingEnds(s), today)),
  }
}

export type MonitoringReport = Awaited<ReturnType<typeof report>>

export function createMonitoringUseCases(deps: PartnerDeps) {
  const { db } = deps
  return {
    report: (ctx: RequestContext, query: Parsed<MonitoringQuery>) => report(deps, ctx, query),
    /** The filter's choices: providers (only the user's own for a senior), teams and partner organisations. */
    async choices(ctx: RequestContext) {
      const own = scopeOf(ctx, null)
      const [providers, teams, organisations] = await Promise.all([
        q.providerChoices(db),
        q.teamChoices(db, own),
        q.organisationChoices(db),
      ])
      return {
        providers: own === null ? providers : providers.filter(p => Number(p.id) === own),
        teams,
        organisations,
        fixedProvider: own,
      }
    },
  }
}

import type { Executor } from '../../../access/person-access.ts'

/**
 * Monitoring's SQL (issue 18 item 5): the referrals sent in a window (by provider, the referrer's team and partner
 * organisation), their sessions and end-of-service reports, and the services closed or losing funding. Nothing
 * names a person or a practitioner: rows carry ids to count, never names.
 */

export interface MonitoringFilter {
  /** Sent at or after this instant and before `sentBefore` (a slightly wider window; the use case trims by date). */
  readonly sentFrom: Date
  readonly sentBefore: Date
  readonly providerId: number | null
  readonly teamId: number | null
  readonly organisationId: number | null
}

export async function referralsSent(db: Executor, f: MonitoringFilter) {
  let q = db
    .selectFrom('referrals')
    .select([
      'referrals.id',
      'referrals.service_id',
      'referrals.organisation_id',
      'referrals.status',
      'referrals.sent_at',
      'referrals.accepted_at',
    ])
    .where('referrals.sent_at', '>=', f.sentFrom)
    .where('referrals.sent_at', '<', f.sentBefore)
  if (f.providerId !== null) q = q.where('referrals.provider_id', '=', f.providerId)
  if (f.organisationId !== null) q = q.where('referrals.organisation_id', '=', f.organisationId)
  if (f.teamId !== null) {
    const teamId = f.teamId
    q = q.where(eb =>
      eb.exists(
        eb
          .selectFrom('users')
          .innerJoin('staff', 'staff.id', 'users.staff_id')
          .whereRef('users.id', '=', 'referrals.referred_by')
          .where('staff.team_id', '=', teamId)
          .select('users.id'),
      ),
    )
  }
  return q.orderBy('referrals.id').execute()
}

/** The current record of each session of these referrals (a corrected record replaced by its correction). */
export async function sessionsOf(db: Executor, referralIds: readonly number[]) {
  if (!referralIds.length) return []
  return db
    .selectFrom('referral_sessions as s')
    .select(['s.referral_id', 's.session_number', 's.session_date', 's.attended'])
    .where('s.referral_id', 'in', [...referralIds])
    .where(eb =>
      eb.not(
        eb.exists(
          eb.selectFrom('referral_sessions as later').whereRef('later.replaces_id', '=', 's.id').select('later.id'),
        ),
      ),
    )
    .execute()
}

export async function endOfServiceReportsOf(db: Executor, referralIds: readonly number[]) {
  if (!referralIds.length) return []
  return db
    .selectFrom('referral_end_of_service_reports')
    .select(['referral_id', 'outcomes'])
    .where('referral_id', 'in', [...referralIds])
    .execute()
}

/** Active services with their organisation (for names, the closed list and funding ending). */
export async function monitoredServices(db: Executor, organisationId: number | null) {
  let q = db
    .selectFrom('partner_services')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'partner_services.organisation_id')
    .select([
      'partner_services.id',
      'partner_services.name',
      'partner_services.organisation_id',
      'partner_services.waiting_weeks',
      'partner_services.accepting',
      'partner_services.closed_reason',
      'partner_services.funding_ends_on',
      'partner_services.active',
      'partner_organisations.name as organisation_name',
    ])
  if (organisationId !== null) q = q.where('partner_services.organisation_id', '=', organisationId)
  return q.orderBy('partner_organisations.name').orderBy('partner_services.name').execute()
}

export async function providerChoices(db: Executor) {
  return db.selectFrom('providers').select(['id', 'name']).where('active', '=', true).orderBy('name').execute()
}

/** Teams (with their provider), for the team filter. */
export async function teamChoices(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('teams')
    .innerJoin('delivery_units', 'delivery_units.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'delivery_units.region_id')
    .select(['teams.id', 'teams.name', 'regions.provider_id'])
    .where('teams.active', '=', true)
  if (providerId !== null) q = q.where('regions.provider_id', '=', providerId)
  return q.orderBy('teams.name').execute()
}

export async function organisationChoices(db: Executor) {
  return db.selectFrom('partner_organisations').select(['id', 'name']).orderBy('name').execute()
}

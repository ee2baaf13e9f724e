import type { Kysely } from 'kysely'
import type { Database, ReferralStatus } from '../../src/db/schema.ts'
import type { SharedSummary } from '../../src/domain/partner-services/shared-summary.ts'

/**
 * Referrals for the partner portal's tests (issue 18), inserted as the practitioner's "send" would leave them: the
 * referral with its frozen shared summary, its status history row and its desired outcomes, on the sentenced case's
 * order and its rehabilitation activity requirement. `approvePlan` stands in for the practitioner's approval.
 */

let made = 0

export interface ReferralInput {
  personId: number
  eventId: number | null
  /** The service's name in the demo directory: 'Accommodation support' (NHT) or 'Women’s centre' (WWC). */
  service: string
  name: string
  /** What was shared: the defaults share no address. */
  shared?: Partial<SharedSummary>
  outcomes?: string[]
  status?: ReferralStatus
  sentAt?: string
  completionDeadline?: string
  reason?: string
}

export function summaryOf(name: string, more: Partial<SharedSummary> = {}): SharedSummary {
  return {
    person: { name, dateOfBirth: '1990-04-12', gender: 'male', phone: '07700 900123' },
    address: null,
    rosh: { level: 'medium', riskTo: [{ group: 'Known adult', level: 'medium' }], assessedOn: '2026-11-01' },
    flags: [{ label: 'Risk to staff', riskToStaff: true }],
    riskToStaff: true,
    practitioner: { name: 'Pat Practitioner', email: 'pat.practitioner@probation.example', team: 'Northtown Team A' },
    sentence: { description: 'Community order, 12 months', endDate: '2027-10-08' },
    ...more,
  }
}

export async function insertReferral(db: Kysely<Database>, o: ReferralInput) {
  const service = await db
    .selectFrom('partner_services')
    .select(['id', 'organisation_id'])
    .where('name', '=', o.service)
    .executeTakeFirstOrThrow()
  const requirement = o.eventId
    ? await db
        .selectFrom('requirements as q')
        .innerJoin('sentences as s', 's.id', 'q.sentence_id')
        .select('q.id')
        .where('s.event_id', '=', o.eventId)
        .where('q.category', '=', 'rehabilitation_activity')
        .executeTakeFirst()
    : undefined
  const pat = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'pat.practitioner')
    .executeTakeFirstOrThrow()
  const reference = `TP${String(++made).padStart(4, '0')}${String.fromCharCode(65 + (made % 26))}Z`
  const row = await db
    .insertInto('referrals')
    .values({
      reference,
      person_id: o.personId,
      event_id: o.eventId,
      requirement_id: requirement ? Number(requirement.id) : null,
      service_id: Number(service.id),
      organisation_id: Number(service.organisation_id),
      status: o.status ?? 'sent',
      reason: o.reason ?? 'Homeless since release: needs a tenancy',
      rar_days: 5,
      completion_deadline: o.completionDeadline ?? '2027-03-31',
      further_information: 'Prefers morning appointments',
      shared: JSON.stringify(summaryOf(o.name, o.shared)),
      share_address: !!o.shared?.address,
      sensitive_check_confirmed: true,
      referred_by: Number(pat.id),
      sent_at: o.sentAt ?? '2026-12-01T10:00:00Z',
      ...(o.status && o.status !== 'sent' ? { accepted_at: o.sentAt ?? '2026-12-01T12:00:00Z' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const id = Number(row.id)
  await db
    .insertInto('referral_status_history')
    .values({ referral_id: id, status: 'sent', reason: null, changed_by: Number(pat.id) })
    .execute()
  const outcomes = o.outcomes ?? ['Has a tenancy', 'Knows how to manage rent']
  for (const [i, description] of outcomes.entries())
    await db
      .insertInto('referral_desired_outcomes')
      .values({ referral_id: id, position: i + 1, description })
      .execute()
  return { id, reference }
}

/** The practitioner approves the referral's latest action plan version (helper B's button, for these tests). */
export async function approvePlan(db: Kysely<Database>, referralId: number, at = '2026-12-03T09:00:00Z') {
  const pat = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'pat.practitioner')
    .executeTakeFirstOrThrow()
  const latest = await db
    .selectFrom('referral_action_plans')
    .select(['id'])
    .where('referral_id', '=', referralId)
    .orderBy('version_number', 'desc')
    .executeTakeFirstOrThrow()
  await db
    .updateTable('referral_action_plans')
    .set({ approved_at: at, approved_by: Number(pat.id) })
    .where('id', '=', latest.id)
    .execute()
}

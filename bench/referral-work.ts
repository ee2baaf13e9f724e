import type { Kysely } from 'kysely'
import type { RequestContext } from '../src/access/audit.ts'
import { systemClock } from '../src/clock.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import { ValidationError } from '../src/errors.ts'
import { createServices } from '../src/services.ts'
import { loadCurrentUser } from '../src/web/plugins/authentication.ts'

/**
 * Issue 18's referrals for the HTTP benchmark's "case's referrals" and "referral page" journeys: for each of the
 * given cases (the case manager's), one referral through the feature's own use case to the first service in the
 * directory that takes it (the demo's "Accommodation support" where it exists), unless the case already has one. A
 * refusal (a RoSH above the service's, a limited-access record…) is counted and the case left without. Idempotent: a
 * reused BENCH_DATABASE_URL sends nothing twice.
 */

export interface ReferralWork {
  /** [crn, referral id] of the cases with a referral. */
  referrals: [string, number][]
  sent: number
  refused: Record<string, number>
}

async function contextOf(db: Kysely<Database>, username: string): Promise<RequestContext> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  return { user: await loadCurrentUser(db, user.id, 'session'), requestId: `bench-setup-${username}`, ip: null }
}

export async function prepareReferralWork(
  db: Kysely<Database>,
  config: Config,
  caseManager: string,
  crns: readonly string[],
): Promise<ReferralWork> {
  const services = createServices({ db, config, clock: systemClock })
  const ctx = await contextOf(db, caseManager)
  const open = await db
    .selectFrom('partner_services')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where('accepting', '=', true)
    .orderBy(eb => eb.case().when('name', '=', 'Accommodation support').then(0).else(1).end())
    .orderBy('id')
    .execute()
  const work: ReferralWork = { referrals: [], sent: 0, refused: {} }
  const deadline = systemClock.today().plusWeeks(8).toString()
  for (const crn of crns) {
    const existing = await db
      .selectFrom('referrals')
      .innerJoin('people', 'people.id', 'referrals.person_id')
      .select('referrals.id')
      .where('people.crn', '=', crn)
      .executeTakeFirst()
    if (existing) {
      work.referrals.push([crn, Number(existing.id)])
      continue
    }
    await ensureRosh(db, crn)
    const id = await firstTaken(
      services,
      ctx,
      crn,
      open.map(o => Number(o.id)),
      deadline,
      work.refused,
    )
    if (id !== undefined) {
      work.referrals.push([crn, id])
      work.sent++
    }
  }
  return work
}

/**
 * The bench's cases come from the national dataset, most without a RoSH assessment, and every demo service that takes
 * referrals limits the RoSH it accepts: a case with none is refused (src/domain/partner-services/eligibility.ts). Give
 * such a case a medium RoSH summary first, as a practitioner would complete one before referring.
 */
async function ensureRosh(db: Kysely<Database>, crn: string) {
  const person = await db.selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()
  const has = await db.selectFrom('rosh_assessments').select('id').where('person_id', '=', person.id).executeTakeFirst()
  if (has) return
  await db
    .insertInto('rosh_assessments')
    .values({
      person_id: person.id,
      assessment_date: systemClock.today().minusDays(7).toString(),
      public_level: 'medium',
      known_adult_level: 'low',
      children_level: 'low',
      staff_level: 'low',
      overall_level: 'medium',
      nature_of_harm: 'Bench: a RoSH summary before referral',
    })
    .execute()
}

/** Sends to the first service that takes the case (with RAR days where its order has a RAR requirement). */
async function firstTaken(
  services: ReturnType<typeof createServices>,
  ctx: RequestContext,
  crn: string,
  serviceIds: number[],
  deadline: string,
  refused: Record<string, number>,
): Promise<number | undefined> {
  for (const serviceId of serviceIds) {
    for (const rarDays of [null, 1]) {
      const command = {
        reference: null,
        reason: 'Bench referral: needs support',
        desiredOutcomes: ['Has a settled home'],
        completionDeadline: deadline,
        rarDays,
        furtherInformation: null,
        shareAddress: false,
        sensitiveInformationChecked: true,
      }
      try {
        return (await services.partnerServices.referrals.send(ctx, crn, serviceId, command)).id
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        if (rarDays === null && e.errors.every(x => x.field === 'rarDays')) continue
        const key = e.errors.map(x => x.message).join('; ')
        refused[key] = (refused[key] ?? 0) + 1
        break
      }
    }
  }
  return undefined
}

import type { Kysely } from 'kysely'
import type { RequestContext } from '../src/access/audit.ts'
import { systemClock } from '../src/clock.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import { mappaEligibility } from '../src/domain/public-protection/index.ts'
import { ValidationError } from '../src/errors.ts'
import { loadProtectionFactsFor } from '../src/features/public-protection/index.ts'
import { makeVictimTasks } from '../src/features/victims/index.ts'
import { createServices, type Services } from '../src/services.ts'
import { loadCurrentUser } from '../src/web/plugins/authentication.ts'
import { ensureBenchUser } from './bench-users.ts'

/**
 * Issue 15's records for the HTTP benchmark's victim and MAPPA journeys. The national dataset has no victims and no
 * MAPPA decisions, so the benchmark writes them once, through the features' services, for the custodial cases
 * bench/custody-work.ts set up (the five practitioners' cases in custody and on licence):
 *
 * - a victim liaison officer with a staff record in the first practitioner's team (`nat<seed>.bench-vlo`, role
 *   `victim_liaison`): for every second of those cases (up to VICTIMS), a victim referred by the witness care unit,
 *   given to the officer, opted in, with a phone contact; then the task maker turns the cases' key events (custody
 *   moves, releases, licences, recalls written by custody-work.ts) into the officer's tasks;
 * - MAPPA for the cases the record makes eligible (`mappaEligibility`, up to MAPPA_CASES): the level set by the
 *   team's senior and a MAPP meeting recorded by the case manager, with the agencies, minutes and two actions.
 *
 * Idempotent: nothing is written when the officer already has victims (a reused BENCH_DATABASE_URL is set up once).
 */

const VICTIMS = 40
const MAPPA_CASES = 40

type Command<F extends (...args: never[]) => unknown, I extends number> =
  Extract<Parameters<F>[I], { ok: true }> extends { value: infer V } ? V : never
const ok = <T>(value: T) => ({ ok: true as const, value })

export interface ProtectionWork {
  officer: string
  victims: number[]
  mappa: { crn: string; staffId: number }[]
  created: number
  seconds: number
  refused: Record<string, number>
}

async function userCtx(db: Kysely<Database>, username: string): Promise<RequestContext | undefined> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
  const user = row ? await loadCurrentUser(db, row.id, 'session') : undefined
  return user ? { user, requestId: `bench-setup-${username}`, ip: null } : undefined
}

/** Runs one step; a refusal by the rules (ValidationError) is counted and the case goes on without it. */
async function step<T>(refused: Record<string, number>, name: string, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    refused[name] = (refused[name] ?? 0) + 1
    return undefined
  }
}

async function victim(
  services: Services,
  vlo: RequestContext,
  crn: string,
  k: number,
  refused: Record<string, number>,
) {
  const today = systemClock.today()
  const referral: Command<Services['victims']['recordReferral'], 1> = {
    crn,
    forename: 'Bench',
    surname: `Victim${k}`,
    dateOfBirth: null,
    details: {
      addressLine1: `${k + 1} Bench Lane`,
      addressLine2: null,
      town: 'Benchton',
      postcode: 'BE1 1NC',
      phone: '07700 900000',
      email: null,
      preferredMethod: 'letter',
      noContactWish: false,
      wishes: 'To be told of release and the licence conditions.',
    },
    referredOn: today.minusDays(30),
    referredBy: 'Bench Witness Care Unit',
  }
  const made = await step(refused, 'referral', () => services.victims.recordReferral(vlo, ok(referral), 'form'))
  if (!made) return undefined
  const { victimId } = made
  await step(refused, 'officer', () =>
    services.victims.assignOfficer(vlo, victimId, ok({ officerUserId: vlo.user!.id })),
  )
  await step(refused, 'decision', () =>
    services.victims.recordDecision(
      vlo,
      victimId,
      ok({ decision: 'opt_in', decidedOn: today.minusDays(20), notes: null }),
    ),
  )
  await step(refused, 'contact', () =>
    services.victims.recordContact(
      vlo,
      victimId,
      ok({ contactOn: today.minusDays(20), method: 'phone', summary: 'Explained the scheme; opted in.' }),
    ),
  )
  return victimId
}

async function mappaCase(
  services: Services,
  who: { manager: RequestContext; senior: RequestContext },
  c: { crn: string; category: 1 | 2 | 3 },
  refused: Record<string, number>,
) {
  const today = systemClock.today()
  const level = await step(refused, 'level', () =>
    services.mappa.setLevel(
      who.senior,
      c.crn,
      ok({
        category: c.category,
        level: 2,
        reason: 'Active multi-agency management.',
        nextReview: today.plusWeeks(12),
      }),
    ),
  )
  if (!level) return false
  await step(refused, 'meeting', () =>
    services.mappa.recordMeeting(
      who.manager,
      c.crn,
      ok({
        date: today,
        level: 2 as const,
        agencies: ['police' as const, 'probation' as const, 'housing' as const],
        otherAgency: null,
        minutes: 'Reviewed the risk management plan.',
        actions: [
          {
            description: 'Joint home visit',
            ownerAgency: 'police' as const,
            ownerStaffId: null,
            due: today.plusDays(14),
          },
          {
            description: 'Confirm the address',
            ownerAgency: 'housing' as const,
            ownerStaffId: who.manager.user!.staffId,
            due: today.plusDays(28),
          },
        ],
      }),
    ),
  )
  return true
}

/** Writes the victims and MAPPA records (once) and says which victims and MAPPA cases the journeys visit. */
export async function prepareProtectionWork(
  db: Kysely<Database>,
  config: Config,
  who: { officer: string; practitioners: string[]; senior: string },
  custodial: { crn: string; staffId: number }[],
): Promise<ProtectionWork> {
  const started = performance.now()
  const ids = new Map(
    custodial.length
      ? (
          await db
            .selectFrom('people')
            .select(['id', 'crn'])
            .where(
              'crn',
              'in',
              custodial.map(c => c.crn),
            )
            .execute()
        ).map(p => [p.crn, p.id])
      : [],
  )
  const cases = custodial.map(c => ({ ...c, personId: ids.get(c.crn)! }))
  const services = createServices({ config, db, clock: systemClock })
  await ensureBenchUser(db, {
    username: who.officer,
    practitioner: who.practitioners[0]!,
    staffCode: 'BENCHVLO',
    surname: 'Liaison',
    grade: 'VLO',
    role: 'victim_liaison',
  })
  const vlo = (await userCtx(db, who.officer))!
  const senior = await userCtx(db, who.senior)
  const managers = new Map<number, RequestContext>()
  for (const username of who.practitioners) {
    const ctx = await userCtx(db, username)
    if (ctx?.user?.staffId) managers.set(ctx.user.staffId, ctx)
  }
  const already = await db
    .selectFrom('victim_officer_assignments')
    .select('victim_id')
    .where('officer_user_id', '=', vlo.user!.id)
    .execute()
  const refused: Record<string, number> = {}
  let created = 0
  const today = systemClock.today()
  const facts = await loadProtectionFactsFor(
    db,
    cases.map(c => c.personId),
    today,
  )
  const eligible = cases
    .map(c => ({ ...c, category: mappaEligibility(facts.get(c.personId)!).category }))
    .filter((c): c is typeof c & { category: 1 | 2 | 3 } => c.category !== null)
    .slice(0, MAPPA_CASES)
  if (already.length === 0) {
    for (const [k, c] of cases
      .filter((_, k) => k % 2 === 0)
      .slice(0, VICTIMS)
      .entries()) {
      if (await victim(services, vlo, c.crn, k, refused)) created++
    }
    for (const c of eligible) {
      const manager = managers.get(c.staffId)
      if (manager && senior) await mappaCase(services, { manager, senior }, c, refused)
    }
    // The task maker (the server runs it every minute) turns the cases' key events into the officer's tasks.
    await makeVictimTasks(db, systemClock)
  }
  const victims = await db
    .selectFrom('victim_officer_assignments')
    .select('victim_id')
    .where('officer_user_id', '=', vlo.user!.id)
    .orderBy('victim_id')
    .execute()
  const withLevel = cases.length
    ? await db
        .selectFrom('mappa_reviews')
        .select('person_id')
        .where(
          'person_id',
          'in',
          cases.map(c => c.personId),
        )
        .execute()
    : []
  const levelled = new Set(withLevel.map(r => r.person_id))
  return {
    officer: who.officer,
    victims: [...new Set(victims.map(v => v.victim_id))],
    mappa: cases.filter(c => levelled.has(c.personId)).map(c => ({ crn: c.crn, staffId: c.staffId })),
    created,
    seconds: (performance.now() - started) / 1000,
    refused,
  }
}

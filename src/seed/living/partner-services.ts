import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { ValidationError } from '../../errors.ts'
import { createPartnerServicesService } from '../../features/partner-services/index.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import * as q from './queries.ts'

/**
 * The living region's partner referrals (issue 18), through the feature's services once the region has committed:
 * pat.practitioner refers two of their cases with a rehabilitation activity requirement to Northtown Housing Trust's
 * "Accommodation support" (src/seed/partner-services.ts). pip.partner finds one new, to accept or decline; the other
 * was accepted, its action plan approved, and today's first session recorded as attended (a RAR day on the order).
 */

const RESERVED_CRNS = ['X100003', 'X500003', 'X500006', 'X500011', 'X500013', 'X500108']
const SERVICE = 'Accommodation support'

/**
 * Seeds the scene above once (the living region is seeded once); refused cases are skipped.
 *
 * @example
 * await seedPartnerReferrals(db, clock)
 */
export async function seedPartnerReferrals(db: Kysely<Database>, clock: Clock): Promise<void> {
  const users = await q.userIdsByName(db, ['pat.practitioner', 'pip.partner'])
  const as = async (username: string): Promise<RequestContext | undefined> => {
    const id = users.get(username)
    const user = id === undefined ? undefined : await loadCurrentUser(db, id, 'session')
    return user ? { user, requestId: 'demo-seed', ip: null } : undefined
  }
  const [pat, pip] = [await as('pat.practitioner'), await as('pip.partner')]
  const serviceId = await q.partnerServiceId(db, SERVICE)
  if (!pat || !pip || serviceId === undefined) return
  const ps = createPartnerServicesService({ db, clock, config: loadConfig({}) })
  const today = clock.today()
  const sent: { crn: string; id: number }[] = []
  for (const crn of await q.referralCandidates(db, 'NWS001', RESERVED_CRNS)) {
    if (sent.length === 2) break
    for (const rarDays of [5, null]) {
      try {
        const referral = await ps.referrals.send(pat, crn, serviceId, {
          reference: null,
          reason: 'Staying with friends since the order began; needs a settled address to keep their job',
          desiredOutcomes: ['A settled home with a tenancy in their name', 'Keeps up with rent and bills'],
          completionDeadline: today.plusWeeks(12).toString(),
          rarDays,
          furtherInformation: null,
          shareAddress: false,
          sensitiveInformationChecked: true,
        })
        sent.push({ crn, id: referral.id })
        break
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
      }
    }
  }
  const second = sent[1]
  if (second) await workOn(ps, { pat, pip }, second, today)
}

async function workOn(
  ps: ReturnType<typeof createPartnerServicesService>,
  who: { pat: RequestContext; pip: RequestContext },
  referral: { crn: string; id: number },
  today: ReturnType<Clock['today']>,
) {
  const page = await ps.referrals.referral(who.pat, referral.crn, referral.id)
  const reference = page.referral.reference
  await ps.portal.accept(who.pip, reference)
  await ps.portal.submitActionPlan(who.pip, reference, {
    ok: true,
    value: {
      editing: null,
      newVersion: false,
      activities: ['Housing options appointment and a housing register application', 'Budgeting for a tenancy'],
      numberOfSessions: 4,
    },
  })
  const plans = (await ps.referrals.referral(who.pat, referral.crn, referral.id)).records.plans
  const latest = plans[plans.length - 1]
  if (latest) await ps.referrals.approvePlan(who.pat, referral.crn, referral.id, Number(latest.id))
  await ps.portal.recordSession(who.pip, reference, null, {
    ok: true,
    value: {
      date: today,
      startTime: '10:00',
      endTime: '11:00',
      attended: 'yes',
      notes: 'Went through the housing register form together',
      nonAttendanceReason: null,
    },
  })
}

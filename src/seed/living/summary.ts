import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import * as q from './queries.ts'
import { unpaidWorkSummary } from './unpaid-work.ts'

/**
 * What to try as each demo role, with the live numbers of the seeded region (start-up output of `npm start` and
 * `probity seed`).
 */
export async function livingSummary(db: Kysely<Database>, clock: Clock): Promise<string[]> {
  const today = clock.today()
  const staff = await q.idsByCode(db, 'staff', ['NWS001', 'CRC001', 'NWS101'])
  const day = async (code: string) => {
    const staffId = staff.get(code) ?? 0
    const [todays, needing, cases] = await Promise.all([
      q.countAppointments(db, staffId, {
        from: londonInstant(today, 0, 0),
        to: londonInstant(today.plusDays(1), 0, 0),
      }),
      q.countAppointments(db, staffId, { to: clock.now(), needingOutcome: true }),
      q.countCaseload(db, staffId),
    ])
    return `${cases} cases; My day has ${todays} appointments today, ${needing} need outcomes`
  }
  const vlo = (await q.userIdsByName(db, ['val.vlo'])).get('val.vlo') ?? 0
  const [pat, alex, lee, hearings, reports, queue, licences, protection, upw] = await Promise.all([
    day('NWS001'),
    day('CRC001'),
    day('NWS101'),
    q.countHearingsOn(db, today.toString()),
    q.countReportsDueBy(db, today.plusDays(3).toString()),
    q.countAwaitingAllocation(db),
    q.crnsAwaitingLicenceApproval(db),
    q.protectionCounts(db, vlo, today.toString()),
    unpaidWorkSummary(db, today),
  ])
  const reviews = `${protection.reviews} MAPPA review${protection.reviews === 1 ? '' : 's'} overdue`
  const sessions = upw.sessions.length
    ? upw.sessions
        .map(s => `${s.name} with ${s.allocated} ${s.allocated === 1 ? 'person' : 'people'} to record`)
        .join(', ')
    : 'none'
  const nominations = `${upw.toAcknowledge} Community Payback nomination${upw.toAcknowledge === 1 ? '' : 's'} to acknowledge (${upw.overdue} overdue)`
  const approve = licences.length > 0 ? `; a licence to approve at /people/${licences[0]}/licence` : ''
  return [
    `  pat.practitioner   practitioner: ${pat}; a warning letter sent, a breach at court today, a recall`,
    `                     MAPPA (/mappa): the delivery unit's nominal list, ${reviews}; a level 2 case with a MAPP meeting and actions`,
    `                     Through the Gate (/resettlement): screening and plan actions due, releases within 12 weeks, a release on licence with the first appointment to arrange`,
    `  sam.senior         senior: ${queue} cases in the allocation queue, some past their allocation clock; the team page${approve}; /mappa (${reviews})`,
    `                     unpaid work (/unpaid-work): ${nominations}, the orders at risk`,
    `  chris.court        court officer: ${hearings} hearings on today's court lists, ${reports} pre-sentence reports due within 3 days`,
    `  alex.crc           practitioner (contracted company): ${alex}`,
    `  lee.practitioner   practitioner (Southam): ${lee}; one restricted case only Lee may open`,
    `  kim.senior         senior (contracted company): the Easton team's caseloads and enforcement`,
    `  val.vlo            victim liaison officer (/victims): ${protection.mine} victim${protection.mine === 1 ? '' : 's'} in the scheme, ${protection.tasks} open task${protection.tasks === 1 ? '' : 's'}, eligible cases whose referral is overdue`,
    `  vic.manager        victim liaison manager (/victims): ${protection.unassigned} victim${protection.unassigned === 1 ? '' : 's'} without an officer, and the overdue referrals`,
    `  amy.ap             approved premises staff (/approved-premises): Northtown House's bed plan with bookings and a bed out of service, a resident who has arrived,`,
    `                     an application awaiting assessment (/approved-premises/applications)`,
    `  una.upw            unpaid work supervisor (/unpaid-work): today's sessions: ${sessions}; last week's recorded, an unacceptable absence sent to the case manager`,
    `  pip.partner        partner caseworker, Northtown Housing Trust (/partner): only the referrals sent to the trust, one new and one in progress`,
    `  casey.admin        case administrator; morgan.contracts contract manager (/partner-services: the directory and monitoring)`,
    `                     morgan.contracts: /contracts, contract NWCRC-CPA-NW with its terms, history, supply chain and quarterly statements (page, CSV, PDF)`,
    `                     morgan.contracts: /contracts/convictions, a PNC extract import of past cohorts' convictions and cautions with its reconciliation report`,
    `                     morgan.contracts and sam.senior: /performance, service levels with the cases behind each miss, and workload`,
    `  admin / auditor    administration; who has looked at which record`,
    `  (no sign-in)       /outcomes: proven reoffending, service levels and Community Payback hours, small counts suppressed`,
  ]
}

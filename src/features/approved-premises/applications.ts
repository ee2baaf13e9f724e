import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import {
  APPLICATION_STATUS_TEXT,
  applicationMove,
  offenceNotes,
  type ApplicationDecision,
  type ApplicationStatus,
} from '../../domain/approved-premises/index.ts'
import { releaseTypeText } from '../../domain/custody/index.ts'
import { licenceWording, type LicenceConditions } from '../../domain/licences/index.ts'
import { pathwayText } from '../../domain/resettlement/index.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { wholeRecord, type PersonAccessMode } from '../../access/with-person.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { registerType } from '../risk/index.ts'
import { loadSentenceSummary } from '../sentencing/index.ts'
import { canManage, premisesProvider, type ApDeps } from './context.ts'
import type { AnswerCommand, ApplicationCommand, DecisionCommand, WithdrawCommand } from './application-forms.ts'
import * as q from './queries/applications.ts'

/**
 * Approved premises applications (issue 16 item 2; reference-systems.md §2.5, CAS1 apply and assess). The community
 * manager (who may change the record) applies from the person's record: the page is pre-filled from the record and
 * only what the record cannot know is asked; the pre-filled summary is stored with the application as it was when
 * submitted. The approved premises team of the application's region (`premises:manage`, their provider's regions, or
 * their team's region) assesses it: accept, ask for information (the manager answers and it returns to assessment)
 * or reject with the reason. Every decision is appended; the team reads the person through the application (the
 * snapshot, audited), not the national record.
 */

/** What the record said when the application was made: shown read-only, stored as jsonb with the application. */
export interface ApplicationSummary {
  person: { name: string; crn: string; dateOfBirth: string; gender: string }
  sentence: { text: string; sentenceDate: string; lengthText: string | null } | null
  release: { type: string | null; date: string | null; released: boolean }
  keyDates: { name: string; date: string }[]
  rosh: {
    overall: string
    assessed: string
    levels: { who: string; level: string }[]
    natureOfHarm: string | null
  } | null
  flags: string[]
  offences: { code: string; description: string | null; date: string | null; main: boolean; notes: string[] }[]
  mappa: { category: number; level: number } | null
  licenceConditions: string[]
  needs: string[]
}

const LEVEL: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' }
const RELEASE_KEYS = ['CRD', 'ARD', 'PED', 'HDCED']

/** The record's facts an application is pre-filled from, as of `today`. */
export async function loadApplicationSummary(
  trx: Transaction<Database>,
  personId: number,
  today: LocalDate,
): Promise<ApplicationSummary> {
  const [person, sentences, rosh, registrations, offences, mappa, licence, needs] = await Promise.all([
    q.applicantOf(trx, personId),
    loadSentenceSummary(trx, personId, today.toString()),
    q.latestRosh(trx, personId),
    q.activeRegistrations(trx, personId),
    q.offencesOf(trx, personId),
    q.latestMappa(trx, personId),
    q.approvedLicence(trx, personId),
    q.resettlementNeeds(trx, personId),
  ])
  const custodial = sentences.current.find(s => s.keyDates.length > 0) ?? sentences.latest
  const custody = custodial ? await q.custodyOf(trx, personId, custodial.sentenceId) : undefined
  const releaseKey = custodial?.keyDates.find(k => RELEASE_KEYS.includes(k.key))
  const mappaRegistration = registrations.find(r => r.mappa_category !== null && r.mappa_level !== null)
  const conditions = licence ? licenceWording(licence.conditions as LicenceConditions) : null
  return {
    person: {
      name: `${person.forename} ${person.surname}`,
      crn: person.crn,
      dateOfBirth: person.date_of_birth,
      gender: person.gender,
    },
    sentence: custodial
      ? { text: custodial.typeText, sentenceDate: custodial.sentenceDate, lengthText: custodial.lengthText }
      : null,
    release: custody?.released_on
      ? {
          type: custody.release_type ? releaseTypeText(custody.release_type) : null,
          date: custody.released_on,
          released: true,
        }
      : { type: releaseKey?.name ?? null, date: releaseKey?.date ?? null, released: false },
    keyDates: (custodial?.keyDates ?? []).map(k => ({ name: k.name, date: k.date })),
    rosh: rosh
      ? {
          overall: LEVEL[rosh.overall_level] ?? rosh.overall_level,
          assessed: rosh.assessment_date,
          levels: [
            { who: 'Public', level: LEVEL[rosh.public_level] ?? rosh.public_level },
            { who: 'Known adult', level: LEVEL[rosh.known_adult_level] ?? rosh.known_adult_level },
            { who: 'Children', level: LEVEL[rosh.children_level] ?? rosh.children_level },
            { who: 'Staff', level: LEVEL[rosh.staff_level] ?? rosh.staff_level },
          ],
          natureOfHarm: rosh.nature_of_harm,
        }
      : null,
    flags: registrations.map(r => registerType(r.type_code)?.description ?? r.type_code),
    offences: offences.map(o => ({
      code: o.offence_code,
      description: o.description,
      date: o.offence_date,
      main: o.is_main,
      notes: offenceNotes(o.offence_code),
    })),
    mappa: mappa
      ? { category: mappa.category, level: mappa.level }
      : mappaRegistration
        ? { category: mappaRegistration.mappa_category!, level: mappaRegistration.mappa_level! }
        : null,
    licenceConditions: conditions ? [...conditions.additional.map(c => `${c.category}: ${c.wording}`)] : [],
    needs: needs.map(n => (n.notes ? `${pathwayText(n.pathway)}: ${n.notes}` : pathwayText(n.pathway))),
  }
}

export interface NewApplicationPage {
  crn: string
  summary: ApplicationSummary
  /** The default arrival: the expected release date, when it is still to come. */
  defaultArrival: string | null
  applications: { id: number; status: ApplicationStatus; statusText: string; arrival: string }[]
}

/** The new application, pre-filled from the record: only the person's case manager (who may change it) applies. */
export function newApplicationPage(deps: ApDeps, ctx: RequestContext, crn: string): Promise<NewApplicationPage> {
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const today = deps.clock.today()
    const summary = await loadApplicationSummary(trx, person.personId, today)
    const release = summary.release.date && !summary.release.released ? summary.release.date : null
    const applications = await q.applicationsOfPerson(trx, person.personId)
    return {
      crn: person.crn,
      summary,
      defaultArrival: release && !LocalDate.parse(release).isBefore(today) ? release : null,
      applications: applications.map(a => ({
        id: a.id,
        status: a.status,
        statusText: APPLICATION_STATUS_TEXT[a.status],
        arrival: a.arrival_date,
      })),
    }
  })
}

/** Submits the application with the record's summary as it is now; audited, `ap.application.submitted` published. */
export function submitApplication(
  deps: ApDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<ApplicationCommand>,
): Promise<{ applicationId: number }> {
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const applicant = await q.applicantOf(trx, person.personId)
    const regionId =
      applicant.region_id ?? (ctx.user?.teamId ? await q.regionOfTeam(trx, ctx.user.teamId) : null) ?? null
    if (regionId === null)
      throw new ValidationError([
        { field: 'reasons', message: 'The case has no managing team: allocate it before applying for a placement' },
      ])
    const summary = await loadApplicationSummary(trx, person.personId, deps.clock.today())
    const applicationId = await q.insertApplication(trx, {
      person_id: person.personId,
      region_id: regionId,
      summary: JSON.stringify(summary),
      reasons: c.reasons,
      exclusion_zones: c.exclusionZones,
      areas_to_avoid: c.areasToAvoid,
      preferred_area: c.preferredArea,
      access_needs: c.accessNeeds,
      health_needs: c.healthNeeds,
      essential_characteristics: c.essential,
      room_sharing: c.roomSharing,
      previous_placements: c.previousPlacements,
      move_on_plan: c.moveOnPlan,
      arrival_date: c.arrival.toString(),
      departure_date: c.departure.toString(),
      submitted_by: ctx.user?.id ?? null,
    })
    await q.insertApplicationEvent(trx, {
      application_id: applicationId,
      kind: 'submitted',
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      applicationId,
      arrivalDate: c.arrival.toString(),
      departureDate: c.departure.toString(),
      essential: c.essential,
    }
    await audit(trx, ctx, {
      action: 'AP_APPLICATION_SUBMITTED',
      personId: person.personId,
      subject: person.crn,
      detail,
    })
    await publish(trx, 'ap.application.submitted', person.personId, { crn: person.crn, ...detail })
    return { applicationId }
  })
}

/**
 * The approved premises team reads and decides an application of their region as readers of the record: an
 * exclusion or restriction keeps them out as it keeps anyone out (refusals audited by `withPerson`).
 */
export const APPLICATION_READ: PersonAccessMode = {
  name: 'approved premises application',
  decide: (user, facts) => wholeRecord(canReadPerson(user, facts)),
}

/** The statuses on the team's list. */
const LISTED: ApplicationStatus[] = ['awaiting_assessment', 'information_requested', 'accepted']

/** The regions an approved premises user assesses: their provider's (every one for a national role), or their team's. */
async function staffScope(deps: ApDeps, ctx: RequestContext) {
  const provider = premisesProvider(ctx)
  if (provider === 'none' || !canManage(ctx))
    throw new ForbiddenError('Only approved premises staff can assess applications')
  const regionId = ctx.user?.teamId ? await q.regionOfTeam(deps.db, ctx.user.teamId) : null
  return { providerId: provider, regionId }
}

/** Whether the application is in the staff member's regions. */
function inScope(scope: { providerId: number | null; regionId: number | null }, row: q.ApplicationRow): boolean {
  return (
    (scope.providerId === null || scope.providerId === row.provider_id) &&
    (scope.regionId === null || scope.regionId === row.region_id)
  )
}

/** An application as the team's list shows it: the name only where the user may read the record. */
export type ListedApplication = q.ApplicationRow & { visible: boolean }

/**
 * The team's applications awaiting assessment, awaiting information, and accepted awaiting a placement. A name is
 * shown only where the record's limited access lets the user read it ("Restricted record" otherwise), and the list's
 * look is audited with the people it named, so each one's "who has looked" page finds it (finding 14).
 */
export async function applicationList(deps: ApDeps, ctx: RequestContext): Promise<ListedApplication[]> {
  const scope = await staffScope(deps, ctx)
  return deps.db.transaction().execute(async trx => {
    const rows = await q.listApplications(trx, scope, LISTED)
    const facts = await loadPeopleAccess(
      trx,
      rows.map(r => r.person_id),
      { now: deps.clock.now(), formerManagerMonths: 0 },
    )
    const listed = rows.map(r => {
      const f = facts.get(r.person_id)
      const decision = f ? canReadPerson(ctx.user, f) : undefined
      return { ...r, visible: decision?.allowed === true && !decision.scope }
    })
    const shown = [...new Set(listed.filter(r => r.visible).map(r => r.person_id))]
    await audit(trx, ctx, {
      action: 'AP_APPLICATIONS_LIST_VIEW',
      detail: { count: listed.length },
      ...(shown.length ? { shownPersonIds: shown } : {}),
    })
    return listed
  })
}

export interface ApplicationPage {
  application: q.ApplicationRow
  summary: ApplicationSummary
  events: q.ApplicationEventRow[]
  /** Who is looking: the approved premises team (may decide) or the person's case manager (may answer). */
  viewer: 'staff' | 'manager'
}

/**
 * The application for the team of its region (the person read through the application: audited) or for the person's
 * case manager; anyone else is refused (another provider's staff, a practitioner without the case).
 */
export async function applicationPage(deps: ApDeps, ctx: RequestContext, id: number): Promise<ApplicationPage> {
  const found = await q.findApplication(deps.db, id)
  if (!found) throw new NotFoundError('There is no such application')
  if (canManage(ctx)) {
    const scope = await staffScope(deps, ctx)
    if (!inScope(scope, found)) throw new ForbiddenError('This application is for another region’s approved premises')
    return deps.withPerson(ctx, found.crn, APPLICATION_READ, async trx => {
      await audit(trx, ctx, {
        action: 'AP_APPLICATION_VIEWED',
        personId: found.person_id,
        subject: found.crn,
        detail: { applicationId: id },
      })
      return { ...(await pageOf(trx, id)), viewer: 'staff' as const }
    })
  }
  return deps.withPerson(ctx, found.crn, 'update', async trx => ({ ...(await pageOf(trx, id)), viewer: 'manager' }))
}

async function pageOf(trx: Transaction<Database>, id: number) {
  const application = await q.findApplication(trx, id)
  if (!application) throw new NotFoundError('There is no such application')
  return {
    application,
    summary: application.summary as ApplicationSummary,
    events: await q.applicationEvents(trx, id),
  }
}

const DECISION_ACTION = {
  accept: 'AP_APPLICATION_ACCEPTED',
  request_information: 'AP_APPLICATION_INFORMATION_REQUESTED',
  reject: 'AP_APPLICATION_REJECTED',
} as const
const DECISION_KIND = {
  accept: 'accepted',
  request_information: 'information_requested',
  reject: 'rejected',
} as const

/** The team's decision: accept, ask for information (with the question) or reject (with the reason); appended. */
export async function decideApplication(
  deps: ApDeps,
  ctx: RequestContext,
  id: number,
  command: Parsed<DecisionCommand>,
): Promise<{ applicationId: number }> {
  const scope = await staffScope(deps, ctx)
  const found = await q.findApplication(deps.db, id)
  if (!found) throw new NotFoundError('There is no such application')
  if (!inScope(scope, found)) throw new ForbiddenError('This application is for another region’s approved premises')
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.withPerson(ctx, found.crn, APPLICATION_READ, async trx => {
    const text = c.decision === 'accept' ? null : c.text
    await move(trx, ctx, found, c.decision, { kind: DECISION_KIND[c.decision], text }, DECISION_ACTION[c.decision])
    return { applicationId: id }
  })
}

/** The case manager's answer to the team's request for information: it returns to assessment. */
export async function answerApplication(
  deps: ApDeps,
  ctx: RequestContext,
  id: number,
  command: Parsed<AnswerCommand>,
): Promise<{ applicationId: number }> {
  const found = await q.findApplication(deps.db, id)
  if (!found) throw new NotFoundError('There is no such application')
  return deps.withPerson(ctx, found.crn, 'update', async trx => {
    if (!command.ok) throw new ValidationError(command.errors)
    const text = command.value.answer
    await move(trx, ctx, found, 'answer', { kind: 'information_given', text }, 'AP_APPLICATION_INFORMATION_GIVEN')
    return { applicationId: id }
  })
}

/**
 * The case manager withdraws an application not yet placed (a placement found elsewhere, the release moved), with the
 * reason: it leaves the team's list, and the team's read of the record through it ends. `ap.application.withdrawn`.
 */
export async function withdrawApplication(
  deps: ApDeps,
  ctx: RequestContext,
  id: number,
  command: Parsed<WithdrawCommand>,
): Promise<{ applicationId: number }> {
  const found = await q.findApplication(deps.db, id)
  if (!found) throw new NotFoundError('There is no such application')
  return deps.withPerson(ctx, found.crn, 'update', async trx => {
    if (!command.ok) throw new ValidationError(command.errors)
    const text = command.value.reason
    await move(trx, ctx, found, 'withdraw', { kind: 'withdrawn', text }, 'AP_APPLICATION_WITHDRAWN')
    await publish(trx, 'ap.application.withdrawn', found.person_id, { crn: found.crn, applicationId: id, reason: text })
    return { applicationId: id }
  })
}

/**
 * Moves the application by `decision` if its status allows (judged on the row as it is now), appending the event
 * and auditing it; a decision the status does not allow is refused on the `decision` field.
 */
export async function move(
  trx: Transaction<Database>,
  ctx: RequestContext,
  application: q.ApplicationRow,
  decision: ApplicationDecision,
  event: {
    kind: 'accepted' | 'information_requested' | 'rejected' | 'information_given' | 'placed' | 'withdrawn'
    text: string | null
    bookingId?: number
  },
  action: string,
): Promise<void> {
  const now = await q.findApplication(trx, application.id)
  if (!now) throw new NotFoundError('There is no such application')
  const moved = applicationMove(now.status, decision)
  if (!moved.ok)
    throw new ValidationError([
      {
        field: decision === 'answer' ? 'answer' : decision === 'withdraw' ? 'withdrawReason' : 'decision',
        message: moved.problem,
      },
    ])
  if (!(await q.updateApplicationStatus(trx, now.id, now.version, moved.to))) throw new ConflictError()
  await q.insertApplicationEvent(trx, {
    application_id: now.id,
    kind: event.kind,
    text: event.text,
    booking_id: event.bookingId ?? null,
    recorded_by: ctx.user?.id ?? null,
  })
  await audit(trx, ctx, {
    action,
    personId: now.person_id,
    subject: now.crn,
    detail: { applicationId: now.id, status: moved.to, ...(event.bookingId ? { bookingId: event.bookingId } : {}) },
  })
}

export { staffScope as applicationStaffScope, inScope as applicationInScope }

/** The application use cases, bound to the service's dependencies (spread into the approved premises service). */
export function applicationUseCases(deps: ApDeps) {
  type Ctx = RequestContext
  return {
    newApplication: (ctx: Ctx, crn: string) => newApplicationPage(deps, ctx, crn),
    submitApplication: (ctx: Ctx, crn: string, command: Parsed<ApplicationCommand>) =>
      submitApplication(deps, ctx, crn, command),
    applicationList: (ctx: Ctx) => applicationList(deps, ctx),
    application: (ctx: Ctx, id: number) => applicationPage(deps, ctx, id),
    decideApplication: (ctx: Ctx, id: number, command: Parsed<DecisionCommand>) =>
      decideApplication(deps, ctx, id, command),
    answerApplication: (ctx: Ctx, id: number, command: Parsed<AnswerCommand>) =>
      answerApplication(deps, ctx, id, command),
    withdrawApplication: (ctx: Ctx, id: number, command: Parsed<WithdrawCommand>) =>
      withdrawApplication(deps, ctx, id, command),
  }
}

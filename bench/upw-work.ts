import type { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import sharp from 'sharp'
import type { RequestContext } from '../src/access/audit.ts'
import { systemClock } from '../src/clock.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/schema.ts'
import { ValidationError } from '../src/errors.ts'
import { createServices } from '../src/services.ts'
import { loadCurrentUser } from '../src/web/plugins/authentication.ts'
import { ensureBenchUser } from './bench-users.ts'

/**
 * Issue 17's records for the HTTP benchmark's unpaid work and Community Payback journeys. The national dataset has no
 * unpaid work, so the benchmark writes, once, through the features' services, in the demo's public provider (PS):
 * PROJECTS projects in the Northtown area (a pin each inside the provider's demo area), created by the senior
 * (`sam.senior`, upw:manage) with the demo's unpaid work supervisor (`una.upw`) as supervisor; a session a week on
 * each, from 4 weeks ago to 9 days ahead, supervised by `una.upw`; up to PER_SESSION people with an unpaid work
 * requirement of the provider (no limited access) allocated to each, within the placement rules (a refusal is counted
 * and the person skipped); every allocation of a session on or before today recorded by `una.upw` (worked 7 hours,
 * now and then an acceptable absence); the last project, whose sessions are all in the past, completed with an
 * "after" photo (a JPEG made here with sharp) uploaded by `una.upw` and approved by `sam.senior`, so the public map
 * has a pin with a photo; and NOMINATIONS public nominations with a pin in the area (the staff nominations list).
 *
 * Idempotent step by step: a project is made when none of its name exists, a session's people are allocated when it
 * has none, a past allocation is recorded when it has no record, and the project is completed, its photo uploaded and
 * approved, only when not yet done (a reused BENCH_DATABASE_URL is set up once, and a day later records the sessions
 * that have become past).
 */

export const BENCH_UPW_SUPERVISOR = 'una.upw'
export const BENCH_UPW_MANAGER = 'sam.senior'
const MANAGER = BENCH_UPW_MANAGER
/** The case manager whose allocated cases the person's unpaid work journey opens (the demo's practitioner). */
export const BENCH_UPW_CASE_MANAGER = 'pat.practitioner'

const PROJECTS = 4
const PER_SESSION = 5
const NOMINATIONS = 8
/** How the benchmark's projects and nominations are told apart from any others. */
const MARK = 'Bench UPW'
const NOMINATION_MARK = 'Bench nomination'

export interface UpwWork {
  projects: number[]
  /** Sessions with people allocated: the register's. */
  sessions: number[]
  /** Allocations of sessions up to today: the recording page's. */
  recordings: { sessionId: number; allocationId: number }[]
  /** CRNs allocated to a session and managed by BENCH_UPW_CASE_MANAGER: the person's unpaid work page's. */
  people: string[]
  completedProjectId: number
  nominations: number
  allocated: number
  recorded: number
  /** Allocations and records refused by the rules, by message. */
  refused: Record<string, number>
  seconds: number
}

type Services = ReturnType<typeof createServices>
type Ctx = RequestContext

export async function prepareUpwWork(db: Kysely<Database>, config: Config): Promise<UpwWork> {
  const started = performance.now()
  const services = createServices({ db, config, clock: systemClock })
  await ensureBenchUser(db, {
    username: BENCH_UPW_SUPERVISOR,
    practitioner: BENCH_UPW_CASE_MANAGER,
    staffCode: 'BENCHUPW',
    surname: 'Payback',
    grade: 'UPWS',
    role: 'upw_supervisor',
  })
  const [una, sam] = [await contextOf(db, BENCH_UPW_SUPERVISOR), await contextOf(db, MANAGER)]
  const refused: Record<string, number> = {}
  const projects = await prepareProjects(db, services, sam, una.user!.id)
  await prepareSessions(db, services, sam, projects, una.user!.id)
  const allocated = await prepareAllocations(db, services, sam, projects, refused)
  const recorded = await prepareRecords(db, services, una, projects, refused)
  const completedProjectId = projects[projects.length - 1]
  await prepareCompletion(db, services, { una, sam }, completedProjectId)
  const nominations = await prepareNominations(db, services)
  const found = await benchRecords(db, projects)
  return {
    projects,
    ...found,
    completedProjectId,
    nominations,
    allocated,
    recorded,
    refused,
    seconds: (performance.now() - started) / 1000,
  }
}

async function contextOf(db: Kysely<Database>, username: string): Promise<Ctx> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  return { user: await loadCurrentUser(db, user.id, 'session'), requestId: `bench-setup-${username}`, ip: null }
}

const count = (refused: Record<string, number>, e: unknown) => {
  if (!(e instanceof ValidationError)) throw e
  const key = e.errors.map(x => x.message).join('; ')
  refused[key] = (refused[key] ?? 0) + 1
}

/** The day a project's `week`th session falls on: weekly from 4 weeks ago, a day apart between projects. */
const sessionDay = (today: LocalDate, project: number, week: number) => today.plusDays(-28 + 7 * week + project)
/** The last project's sessions stay in the past, so it can be completed. */
const weeksOf = (project: number) => (project === PROJECTS - 1 ? [0, 1, 2, 3] : [0, 1, 2, 3, 4, 5])

/** The projects, once each (by name), started five weeks ago; their ids in order. */
async function prepareProjects(db: Kysely<Database>, services: Services, sam: Ctx, unaId: number) {
  const today = systemClock.today()
  const ids: number[] = []
  for (let k = 0; k < PROJECTS; k++) {
    const name = `${MARK} ${k + 1}: ${['Northtown Park paths', 'Canal towpath clearance', 'Mill Street underpass murals', 'Riverside community garden'][k]}`
    const existing = await db.selectFrom('upw_projects').select('id').where('name', '=', name).executeTakeFirst()
    if (existing) {
      ids.push(existing.id)
      continue
    }
    const { projectId } = await services.unpaidWork.projects.create(sam, {
      ok: true,
      value: {
        name,
        projectType: ['clearing', 'grounds_maintenance', 'graffiti_removal', 'conservation'][k],
        placementKind: 'group',
        beneficiaryName: 'Northtown Borough Council',
        beneficiaryContact: null,
        address: `${k + 1} Mill Street, Northtown`,
        postcode: `NT${k + 1} 2AB`,
        latitude: 53.78 + k * 0.02,
        longitude: -2.72 + k * 0.03,
        facilities: ['toilets', 'drinking_water'],
        risks: [],
        riskNotes: null,
        capacity: 6,
        supervisorIds: [unaId],
        travelTimeCredited: false,
        startDate: today.minusDays(35),
        endDate: null,
        publicDescription: 'Paths cleared and cut back so everyone can use them again.',
        nominationId: null,
      },
    })
    ids.push(projectId)
  }
  return ids
}

/** A session a week on each project that has none yet, supervised by una.upw. */
async function prepareSessions(db: Kysely<Database>, services: Services, sam: Ctx, projects: number[], unaId: number) {
  const today = systemClock.today()
  for (const [k, projectId] of projects.entries()) {
    const has = await db.selectFrom('upw_sessions').select('id').where('project_id', '=', projectId).executeTakeFirst()
    if (has) continue
    for (const week of weeksOf(k))
      await services.unpaidWork.sessions.create(sam, projectId, {
        ok: true,
        value: {
          date: sessionDay(today, k, week),
          start: '09:00',
          end: '16:00',
          supervisorUserId: unaId,
          capacity: null,
          pickUpPoint: 'Northtown Probation Office, 12 Mill Street',
        },
      })
  }
}

/** The provider's people with an unpaid work requirement in force and no limited access. */
async function candidates(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('providers as v', 'v.id', 'p.managing_provider_id')
    .innerJoin('requirements as r', 'r.person_id', 'p.id')
    .select('p.crn')
    .distinct()
    .where('v.code', '=', 'PS')
    .where('p.deleted_at', 'is', null)
    .where('r.category', '=', 'unpaid_work')
    .where('r.terminated_date', 'is', null)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .orderBy('p.crn')
    .execute()
  return rows.map(r => r.crn)
}

/** Up to PER_SESSION people on each session with nobody allocated yet (rotating through the candidates). */
async function prepareAllocations(
  db: Kysely<Database>,
  services: Services,
  sam: Ctx,
  projects: number[],
  refused: Record<string, number>,
) {
  const people = await candidates(db)
  if (!people.length) throw new Error('unpaid work: no person of PS has an unpaid work requirement in force')
  const empty = await db
    .selectFrom('upw_sessions as s')
    .select('s.id')
    .where('s.project_id', 'in', projects)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('upw_allocations as a').select('a.id').whereRef('a.session_id', '=', 's.id'))),
    )
    .orderBy('s.session_date')
    .orderBy('s.id')
    .execute()
  let made = 0
  for (const [i, session] of empty.entries()) {
    for (let k = 0; k < PER_SESSION && k < people.length; k++) {
      const crn = people[(i * 3 + k) % people.length]
      try {
        const form = await services.unpaidWork.sessions.allocateForm(sam, session.id, crn)
        const requirementId = form.requirements[0]?.id ?? null
        await services.unpaidWork.sessions.allocate(sam, session.id, {
          ok: true,
          value: { crn, requirementId, ete: false },
        })
        made++
      } catch (e) {
        count(refused, e)
      }
    }
  }
  return made
}

/** Records, as una.upw, every allocation of a session up to today that has no record yet. */
async function prepareRecords(
  db: Kysely<Database>,
  services: Services,
  una: Ctx,
  projects: number[],
  refused: Record<string, number>,
) {
  const waiting = await db
    .selectFrom('upw_allocations as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .select(['a.id', 'a.session_id'])
    .where('s.project_id', 'in', projects)
    .where('s.session_date', '<=', systemClock.today().toString())
    .where('a.removed_at', 'is', null)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('upw_attendances as t').select('t.id').whereRef('t.allocation_id', '=', 'a.id'))),
    )
    .orderBy('a.id')
    .execute()
  let made = 0
  for (const a of waiting) {
    const absent = a.id % 7 === 0
    try {
      await services.unpaidWork.sessions.recording.record(
        una,
        { sessionId: a.session_id, allocationId: a.id },
        {
          ok: true,
          value: {
            outcome: absent ? 'absent_acceptable' : 'worked',
            forBehaviour: false,
            reason: absent ? 'Ill, with a note from the GP' : null,
            timeIn: absent ? null : '09:00',
            timeOut: absent ? null : '16:00',
            minutesWorked: absent ? 0 : 420,
            travelMinutes: 0,
            penaltyMinutes: 0,
            workQuality: absent ? null : 'good',
            behaviour: absent ? null : 'good',
            hiVisWorn: absent ? null : true,
            notes: null,
          },
        },
      )
      made++
    } catch (e) {
      count(refused, e)
    }
  }
  return made
}

/** A JPEG of a green field under a blue sky, made here (nothing read from disk). */
async function benchPhoto(): Promise<Buffer> {
  const sky = await sharp({ create: { width: 800, height: 240, channels: 3, background: '#7fb3e6' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#3f8f3a' } })
    .composite([{ input: sky, top: 0, left: 0 }])
    .jpeg({ quality: 80 })
    .toBuffer()
}

/** The last project completed, with an "after" photo uploaded by una.upw and approved by sam.senior. */
async function prepareCompletion(db: Kysely<Database>, services: Services, as: { una: Ctx; sam: Ctx }, id: number) {
  const upw = services.unpaidWork
  const project = await db
    .selectFrom('upw_projects')
    .select('completed_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (!project.completed_at) await upw.projects.complete(as.sam, id)
  const photos = await db
    .selectFrom('cp_photos')
    .select(['id', 'approved_at', 'rejected_at'])
    .where('project_id', '=', id)
    .execute()
  if (!photos.length) {
    const bytes = await benchPhoto()
    await upw.nominations.uploadPhotos(as.una, id, {
      ok: true,
      value: {
        kind: 'after',
        caption: 'The path after the work',
        files: [{ field: 'photos', filename: 'after.jpg', bytes }],
      },
    })
  }
  const unchecked = await db
    .selectFrom('cp_photos')
    .select('id')
    .where('project_id', '=', id)
    .where('approved_at', 'is', null)
    .where('rejected_at', 'is', null)
    .execute()
  for (const photo of unchecked)
    await upw.nominations.checkPhoto(as.sam, photo.id, { ok: true, value: { decision: 'approve', reason: null } })
}

/** NOMINATIONS public nominations with a pin in Northtown (routed to PS), the missing ones. */
async function prepareNominations(db: Kysely<Database>, services: Services) {
  const existing = await db
    .selectFrom('cp_nominations')
    .select('id')
    .where('title', 'like', `${NOMINATION_MARK}%`)
    .execute()
  for (let k = existing.length; k < NOMINATIONS; k++)
    await services.communityPayback.nominate(
      {
        organisationName: 'Friends of Northtown Park',
        contactName: 'Jo Bench',
        email: `bench.nominator${k + 1}@example.com`,
        phone: null,
        title: `${NOMINATION_MARK} ${k + 1}: clear the overgrown path`,
        whatNeedsDoing: 'Cut back the brambles along the path and clear the litter from the verges.',
        communityBenefit: 'Families and wheelchair users can use the path to the school again.',
        address: `${k + 1} Park Lane, Northtown`,
        postcode: 'NT1 4PL',
        latitude: 53.8 + k * 0.005,
        longitude: -2.7 + k * 0.005,
        toilets: false,
        handWashing: false,
        drinkingWater: false,
        parking: k % 2 === 0,
        accessibility: null,
        consentToContact: true,
      },
      [],
    )
  return NOMINATIONS
}

/** What the journeys visit: the sessions with people, the allocations up to today, the case manager's people. */
async function benchRecords(db: Kysely<Database>, projects: number[]) {
  const allocations = await db
    .selectFrom('upw_allocations as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('users as u', 'u.staff_id', 'p.managing_staff_id')
    .select(['a.id', 'a.session_id', 's.session_date', 'p.crn', 'u.username'])
    .where('s.project_id', 'in', projects)
    .where('a.removed_at', 'is', null)
    .orderBy('a.id')
    .execute()
  const today = systemClock.today().toString()
  return {
    sessions: [...new Set(allocations.map(a => a.session_id))],
    recordings: allocations
      .filter(a => a.session_date <= today)
      .map(a => ({ sessionId: a.session_id, allocationId: a.id })),
    people: [...new Set(allocations.filter(a => a.username === BENCH_UPW_CASE_MANAGER).map(a => a.crn))],
  }
}

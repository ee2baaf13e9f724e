import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import { clockFrom, type Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'

/**
 * What the Community Payback tests share: a clock the test moves on (form tokens must not be sent back too quickly),
 * a member of the public (no sign-in, their own address, their own cookies), a multipart nomination, and a project
 * with work recorded.
 */

/** A clock the test moves forward. */
export function movableClock(start: string): Clock & { advance(seconds: number): void } {
  let at = new Date(start).getTime()
  return { ...clockFrom(() => new Date(at)), advance: seconds => void (at += seconds * 1000) }
}

export interface Photo {
  readonly name: string
  readonly type: string
  readonly content: Buffer
}

/** A browser with no sign-in, from one address. */
export function publicVisitor(app: FastifyInstance, ip: string) {
  const cookies: Record<string, string> = {}
  const cookieHeader = () =>
    Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ')
  const keep = (response: LightMyRequestResponse) => {
    for (const c of response.cookies as { name: string; value: string }[]) cookies[c.name] = c.value
    return response
  }
  return {
    cookies,
    get: async (url: string) =>
      keep(await app.inject({ method: 'GET', url, remoteAddress: ip, headers: { cookie: cookieHeader() } })),
    postForm: async (url: string, form: Record<string, string>) =>
      keep(
        await app.inject({
          method: 'POST',
          url,
          remoteAddress: ip,
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
    postMultipart: async (url: string, form: Record<string, string | string[]>, photos: readonly Photo[] = []) => {
      const data = new FormData()
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one)
      for (const p of photos) data.append('photos', new Blob([new Uint8Array(p.content)], { type: p.type }), p.name)
      const request = new Request('http://localhost/', { method: 'POST', body: data })
      return keep(
        await app.inject({
          method: 'POST',
          url,
          remoteAddress: ip,
          headers: { cookie: cookieHeader(), 'content-type': request.headers.get('content-type')! },
          payload: Buffer.from(await request.arrayBuffer()),
        }),
      )
    },
  }
}

/** A hidden input's value on a page. */
export function hidden(html: string, name: string): string {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''
}

/** A nomination's fields, everything filled in; `overrides` change some. */
export function nominationFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    organisationName: 'Friends of Northtown Park',
    contactName: 'Jo Bloggs',
    email: 'jo@example.org',
    phone: '01632 960 001',
    title: 'Clear the canal path',
    whatNeedsDoing: 'Cut back brambles and pick up litter along 200 metres of towpath.',
    communityBenefit: 'Walkers and wheelchair users can use the path again.',
    address: 'Canal towpath by Mill Lane, Northtown',
    postcode: 'NT3 4AB',
    facilities: ['toilets', 'parking'],
    accessibility: 'Flat path, gate at the Mill Lane end.',
    consentToContact: 'yes',
    ...overrides,
  }
}

/** An "after" photo of a project, approved (on `today`) or not yet checked. */
async function insertProjectPhoto(
  db: Kysely<Database>,
  projectId: number,
  content: Buffer,
  today: string,
  approved: boolean,
) {
  return db
    .insertInto('cp_photos')
    .values({
      project_id: projectId,
      kind: 'after',
      content,
      mime_type: 'image/jpeg',
      width: 40,
      height: 30,
      byte_size: content.length,
      caption: approved ? 'The cleared path' : 'Not checked yet',
      approved_at: approved ? new Date(`${today}T09:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/**
 * A project with a past session: one person's attendance recorded (and corrected, so only the correction counts),
 * a session to come (which must never show), and photos (one approved, one not).
 */
export async function projectWithWork(
  db: Kysely<Database>,
  o: {
    providerId: number
    personId: number
    requirementId: number
    name: string
    description: string
    today: string
    past: string
    future: string
    completed?: Date
    photo: Buffer
  },
) {
  const project = await db
    .insertInto('upw_projects')
    .values({
      provider_id: o.providerId,
      name: o.name,
      project_type: 'environmental',
      beneficiary_name: 'Northtown Parks Trust',
      beneficiary_contact: 'parks-secret-contact@example.org',
      address: '1 Park Road, Northtown',
      postcode: 'NT1 1AA',
      latitude: 53.8,
      longitude: -2.7,
      capacity: 6,
      start_date: o.past,
      public_description: o.description,
      risk_notes: 'RISK-NOTE-NOT-PUBLIC',
      completed_at: o.completed ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const session = async (date: string, start: string) =>
    (
      await db
        .insertInto('upw_sessions')
        .values({
          project_id: project.id,
          provider_id: o.providerId,
          session_date: date,
          start_time: start,
          end_time: '16:00',
          capacity: 6,
          pick_up_point: 'PICKUP-NOT-PUBLIC',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const pastSession = await session(o.past, '09:00')
  await session(o.future, '09:17')
  const allocation = await db
    .insertInto('upw_allocations')
    .values({ session_id: pastSession, person_id: o.personId, requirement_id: o.requirementId })
    .returning('id')
    .executeTakeFirstOrThrow()
  const attendance = {
    allocation_id: allocation.id,
    session_id: pastSession,
    person_id: o.personId,
    requirement_id: o.requirementId,
    outcome: 'worked' as const,
  }
  const first = await db
    .insertInto('upw_attendances')
    .values({ ...attendance, minutes_worked: 600, minutes_credited: 600 })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('upw_attendances')
    .values({ ...attendance, minutes_worked: 390, minutes_credited: 390, replaces_id: first.id })
    .execute()
  const approved = await insertProjectPhoto(db, Number(project.id), o.photo, o.today, true)
  const unapproved = await insertProjectPhoto(db, Number(project.id), o.photo, o.today, false)
  return { projectId: Number(project.id), approvedPhoto: Number(approved.id), unapprovedPhoto: Number(unapproved.id) }
}

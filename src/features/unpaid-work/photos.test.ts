import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Project photos as staff would check them (issue 17 items 7 and 8): an upload is re-encoded with no EXIF or GPS
 * left, a file that is not a photo refuses the whole upload with nothing saved, a photo is published only once a
 * manager of the provider approves it, a rejection needs a reason, and another provider's staff see neither the
 * project's photos nor their content.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let una: TestBrowser
let sam: TestBrowser
let alex: TestBrowser
let nps: number
let crc: number
const db = () => t.handle.db

type Part = { name: string; value: string } | { name: string; filename: string; type: string; content: Buffer }

/** Posts a multipart form as a browser would, with the CSRF token first. */
async function postMultipart(b: TestBrowser, url: string, parts: Part[]) {
  const boundary = '----probity-test-boundary'
  const chunks: Buffer[] = []
  for (const part of [{ name: '_csrf', value: b.csrfToken }, ...parts]) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`
    if ('filename' in part) head += `; filename="${part.filename}"\r\nContent-Type: ${part.type}`
    chunks.push(
      Buffer.from(`${head}\r\n\r\n`),
      'content' in part ? part.content : Buffer.from(part.value),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  const cookie = Object.entries(b.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
  })
}

async function project(providerId: number, name: string) {
  const { id } = await db()
    .insertInto('upw_projects')
    .values({
      provider_id: providerId,
      name,
      project_type: 'environmental',
      beneficiary_name: 'Northtown Canal Trust',
      address: 'Canal towpath, Northtown',
      capacity: 6,
      start_date: '2026-11-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** A JPEG carrying EXIF: the camera and a GPS-like comment. */
const jpegWithExif = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#36c' } })
    .jpeg()
    .withExifMerge({ IFD0: { Make: 'SpyCam', Model: 'Tracker 3000', ImageDescription: 'GPS 53.48 -2.23' } })
    .toBuffer()

const photosOf = (projectId: number) =>
  db().selectFrom('cp_photos').selectAll().where('project_id', '=', projectId).orderBy('id').execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  const providers = await db().selectFrom('providers').select(['id', 'code']).execute()
  nps = Number(providers.find(p => p.code === 'PS')!.id)
  crc = Number(providers.find(p => p.code === 'NWCRC')!.id)
  una = await t.signIn('una.upw')
  sam = await t.signIn('sam.senior')
  alex = await t.signIn('alex.crc')
})
afterAll(() => t.close())

describe("a project's photos", () => {
  it('are uploaded with the EXIF stripped, waiting for the check', async () => {
    const id = await project(nps, 'Canal towpath clearance')
    const original = await jpegWithExif()
    expect((await sharp(original).metadata()).exif).toBeDefined()
    await una.get(`/unpaid-work/projects/${id}/photos`)
    const sent = await postMultipart(una, `/unpaid-work/projects/${id}/photos`, [
      { name: 'kind', value: 'before' },
      { name: 'caption', value: 'The towpath before clearing' },
      { name: 'photos', filename: 'before.jpg', type: 'image/jpeg', content: original },
    ])
    expect(sent.statusCode, sent.body.slice(0, 400)).toBe(303)
    const [stored] = await photosOf(id)
    expect(stored).toMatchObject({ kind: 'before', caption: 'The towpath before clearing', mime_type: 'image/jpeg' })
    const meta = await sharp(stored!.content).metadata()
    expect(meta.exif).toBeUndefined()
    expect(stored!.content.includes(Buffer.from('SpyCam'))).toBe(false)
    expect(stored!.approved_at).toBeNull()

    const page = await una.get(`/unpaid-work/projects/${id}/photos?done=uploaded`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Waiting for the check')
    const content = await una.get(`/unpaid-work/photos/${stored!.id}/content`)
    expect(content.statusCode).toBe(200)
    expect(content.headers['content-type']).toBe('image/jpeg')
    expect(content.headers['x-content-type-options']).toBe('nosniff')
  })

  it('refuses a file that is not a photo and saves none of the upload', async () => {
    const id = await project(nps, 'Church hall painting')
    await una.get(`/unpaid-work/projects/${id}/photos`)
    const sent = await postMultipart(una, `/unpaid-work/projects/${id}/photos`, [
      { name: 'kind', value: 'after' },
      { name: 'photos', filename: 'good.jpg', type: 'image/jpeg', content: await jpegWithExif() },
      { name: 'photos', filename: 'notes.jpg', type: 'image/jpeg', content: Buffer.from('<script>alert(1)</script>') },
    ])
    expect(sent.statusCode).toBe(400)
    expect(sent.body).toContain('govuk-error-summary')
    expect(sent.body).toContain('notes.jpg: The selected file must be a JPG, PNG or WebP photo')
    expect(await photosOf(id)).toHaveLength(0)

    const huge = await postMultipart(una, `/unpaid-work/projects/${id}/photos`, [
      { name: 'kind', value: 'after' },
      { name: 'photos', filename: 'huge.jpg', type: 'image/jpeg', content: Buffer.alloc(27 * 1024 * 1024, 1) },
    ])
    expect(huge.statusCode).toBe(400)
    expect(huge.body).toContain('Upload 5 photos or fewer, each smaller than 5 MB')
    expect(await photosOf(id)).toHaveLength(0)

    const small = await jpegWithExif()
    const six = await postMultipart(una, `/unpaid-work/projects/${id}/photos`, [
      { name: 'kind', value: 'after' },
      ...[1, 2, 3, 4, 5, 6].map(i => ({ name: 'photos', filename: `p${i}.jpg`, type: 'image/jpeg', content: small })),
    ])
    expect(six.statusCode).toBe(400)
    expect(six.body).toContain('Select 5 photos or fewer')
    expect(await photosOf(id)).toHaveLength(0)

    const none = await postMultipart(una, `/unpaid-work/projects/${id}/photos`, [{ name: 'kind', value: 'after' }])
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Select at least one photo')
  })

  it("are not another provider's to see or add to", async () => {
    const id = await project(nps, 'Park benches')
    await db()
      .insertInto('cp_photos')
      .values({
        project_id: id,
        kind: 'during',
        content: await sharp(await jpegWithExif()).toBuffer(),
        mime_type: 'image/jpeg',
        width: 40,
        height: 30,
        byte_size: 100,
      })
      .execute()
    const [photo] = await photosOf(id)
    expect((await alex.get(`/unpaid-work/projects/${id}/photos`)).statusCode).toBe(404)
    expect((await alex.get(`/unpaid-work/photos/${photo!.id}/content`)).statusCode).toBe(404)
    // alex.crc reads unpaid work but may not record it.
    await alex.get('/unpaid-work/nominations')
    const refused = await postMultipart(alex, `/unpaid-work/projects/${id}/photos`, [{ name: 'kind', value: 'after' }])
    expect(refused.statusCode).toBe(403)
  })
})

describe('the publication check', () => {
  it("lists the provider's unchecked photos with the guidance; approves one, rejects one with a reason", async () => {
    const mine = await project(nps, 'Riverside litter pick')
    const theirs = await project(crc, 'Contracted garden')
    const insert = (projectId: number, caption: string) =>
      db()
        .insertInto('cp_photos')
        .values({
          project_id: projectId,
          kind: 'after',
          caption,
          content: Buffer.from('x'),
          mime_type: 'image/jpeg',
          width: 1,
          height: 1,
          byte_size: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const a = Number((await insert(mine, 'Clean riverbank')).id)
    const b = Number((await insert(mine, 'Team at work')).id)
    const c = Number((await insert(theirs, 'Their garden')).id)

    const page = await sam.get('/unpaid-work/photos')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Reject any photo that shows a face, a person on probation')
    expect(page.body).toContain(`data-qa="photo-${a}"`)
    expect(page.body).toContain(`data-qa="photo-${b}"`)
    expect(page.body).not.toContain(`data-qa="photo-${c}"`)
    expect((await una.get('/unpaid-work/photos')).statusCode).toBe(403)

    expect((await sam.post(`/unpaid-work/photos/${a}`, { decision: 'approve' })).statusCode).toBe(303)
    const noReason = await sam.post(`/unpaid-work/photos/${b}`, { decision: 'reject', reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why the photo cannot be published')
    const reason = 'Shows a face'
    expect((await sam.post(`/unpaid-work/photos/${b}`, { decision: 'reject', reason })).statusCode).toBe(303)
    expect((await sam.post(`/unpaid-work/photos/${c}`, { decision: 'approve' })).statusCode).toBe(404)

    const rows = await db().selectFrom('cp_photos').selectAll().where('id', 'in', [a, b, c]).orderBy('id').execute()
    expect(rows[0]!.approved_at).not.toBeNull()
    expect(rows[1]).toMatchObject({ approved_at: null, rejected_reason: reason })
    expect(rows[2]!.approved_at).toBeNull()
    const after = await sam.get('/unpaid-work/photos')
    expect(after.body).not.toContain(`data-qa="photo-${a}"`)
    expect(after.body).not.toContain(`data-qa="photo-${b}"`)
    const again = await sam.post(`/unpaid-work/photos/${a}`, { decision: 'reject', reason: 'Changed my mind' })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('This photo has already been checked')
  })
})

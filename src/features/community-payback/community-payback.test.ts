import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { createFactories } from '../../../test/factories/index.ts'
import { hidden, movableClock, nominationFields, projectWithWork, publicVisitor, type Photo } from './testing.ts'

const clock = movableClock('2026-12-07T10:00:00Z')
let t: TestApp
let providers: Record<string, number>
let ipCount = 0
/** Every test its own address, so the per-address rate limits count only its own requests. */
const nextIp = () => `10.9.${Math.floor(++ipCount / 250)}.${(ipCount % 250) + 1}`

beforeAll(async () => {
  t = await createTestApp({ clock })
  const rows = await t.handle.db.selectFrom('providers').select(['id', 'code']).execute()
  providers = Object.fromEntries(rows.map(r => [r.code, Number(r.id)]))
})
afterAll(async () => t.close())

const SCRIPT = '<script>alert("x")</script>'

async function jpegWithExif(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' }, IFD3: { GPSLatitudeRef: 'N' } })
    .toBuffer()
}

/** A member of the public opens the form, takes a while to fill it in, and sends it. */
async function nominate(
  fields: Record<string, string | string[]>,
  photos: Photo[] = [],
  o: { ip?: string; wait?: number } = {},
) {
  const visitor = publicVisitor(t.app, o.ip ?? nextIp())
  const form = await visitor.get('/community-payback/nominate')
  expect(form.statusCode).toBe(200)
  clock.advance(o.wait ?? 20)
  const token = { _csrf: hidden(form.body, '_csrf'), formToken: hidden(form.body, 'formToken') }
  return {
    response: await visitor.postMultipart('/community-payback/nominate', { ...token, ...fields }, photos),
    visitor,
  }
}

const countNominations = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('cp_nominations')
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const nominationByTitle = (title: string) =>
  t.handle.db.selectFrom('cp_nominations').selectAll().where('title', '=', title).executeTakeFirst()

describe('the public face', () => {
  it('has a home page with its own CSP, no staff link and no staff session', async () => {
    const page = await publicVisitor(t.app, nextIp()).get('/community-payback')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Community Payback</h1>')
    for (const href of [
      '/community-payback/nominate',
      '/community-payback/status',
      '/community-payback/map',
      '/community-payback/projects',
    ])
      expect(page.body).toContain(`href="${href}"`)
    const links = [...page.body.matchAll(/href="([^"]+)"/g)].map(m => m[1]!)
    expect(
      links.filter(
        l => l.startsWith('/') && !l.startsWith('/community-payback') && !l.startsWith('/assets/') && l !== '/outcomes',
      ),
    ).toEqual([])
    expect(page.body).not.toMatch(/sign in|sign-in/i)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|nonce-/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain('https://tile.openstreetmap.org')
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/)
    expect(page.headers['cache-control']).toBe('public, max-age=60')
    expect(String(page.headers['set-cookie'] ?? '')).not.toContain('probity_session')
  })

  it('never answers a staff page to the public', async () => {
    const visitor = publicVisitor(t.app, nextIp())
    for (const url of ['/caseload', '/people/X100001', '/unpaid-work', '/api/v1/people']) {
      const response = await visitor.get(url)
      expect([302, 401], url).toContain(response.statusCode)
      if (response.statusCode === 302) expect(response.headers.location).toMatch(/^\/sign-in/)
    }
  })
})

describe('nominating work', () => {
  it('routes a nomination with a pin to the provider whose area holds it, and says what happens next', async () => {
    const before = await countNominations()
    const { response, visitor } = await nominate(
      nominationFields({ title: 'Pinned in Northtown', latitude: '53.8', longitude: '-2.7', postcode: 'EA1 1AA' }),
    )
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
    const reference = /^\/community-payback\/nominate\/(CP-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(
      response.headers.location!,
    )?.[1]
    expect(reference).toBeDefined()
    expect(reference).not.toMatch(/[01IO]/)
    const saved = await nominationByTitle('Pinned in Northtown')
    expect(saved).toMatchObject({
      reference,
      provider_id: providers.PS,
      status: 'received',
      toilets: true,
      parking: true,
    })
    expect(saved!.hand_washing).toBe(false)
    expect(await countNominations()).toBe(before + 1)
    const history = await t.handle.db
      .selectFrom('cp_nomination_status_history')
      .selectAll()
      .where('nomination_id', '=', saved!.id)
      .execute()
    expect(history.map(h => h.status)).toEqual(['received'])
    const event = await t.handle.db
      .selectFrom('outbox_events')
      .selectAll()
      .where('event_type', '=', 'cp.nomination.received')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const payload = typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload
    expect(payload).toEqual({ reference, providerId: providers.PS })
    expect(event.person_id).toBeNull()
    const confirmation = await visitor.get(response.headers.location!)
    expect(confirmation.statusCode).toBe(200)
    expect(confirmation.body).toContain(reference)
    expect(confirmation.body).toContain('within 2 working days')
  })

  it('leaves a pin outside every area unrouted, and routes one without a pin by its postcode district', async () => {
    await nominate(nominationFields({ title: 'Pinned in the sea', latitude: '54.5', longitude: '-4.5' }))
    expect((await nominationByTitle('Pinned in the sea'))?.provider_id).toBeNull()
    await nominate(nominationFields({ title: 'Easton, no pin', postcode: 'EA1 2AB' }))
    expect((await nominationByTitle('Easton, no pin'))?.provider_id).toBe(providers.NWCRC)
    await nominate(nominationFields({ title: 'Nowhere known', postcode: 'ZZ9 9ZZ' }))
    expect((await nominationByTitle('Nowhere known'))?.provider_id).toBeNull()
  })

  it('stores photos without their EXIF (camera, GPS)', async () => {
    const original = await jpegWithExif()
    expect(original.includes(Buffer.from('PhoneMaker'))).toBe(true)
    const { response } = await nominate(nominationFields({ title: 'With a photo' }), [
      { name: 'site.jpg', type: 'image/jpeg', content: original },
    ])
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
    const saved = await nominationByTitle('With a photo')
    const photos = await t.handle.db
      .selectFrom('cp_photos')
      .selectAll()
      .where('nomination_id', '=', saved!.id)
      .execute()
    expect(photos).toHaveLength(1)
    expect(photos[0]).toMatchObject({
      kind: 'nomination',
      mime_type: 'image/jpeg',
      width: 40,
      height: 30,
      approved_at: null,
    })
    const content = Buffer.from(photos[0]!.content)
    expect((await sharp(content).metadata()).exif).toBeUndefined()
    expect(content.includes(Buffer.from('PhoneMaker'))).toBe(false)
  })

  it('refuses an oversized photo, a file that is not a photo and a body over the limit, on the form, saving nothing', async () => {
    const before = await countNominations()
    const cases: [string, Photo[]][] = [
      [
        'six photos',
        await Promise.all(
          Array.from({ length: 6 }, async (_, i) => ({
            name: `s${i}.jpg`,
            type: 'image/jpeg',
            content: await jpegWithExif(),
          })),
        ),
      ],
      ['too big', [{ name: 'big.jpg', type: 'image/jpeg', content: Buffer.alloc(5 * 1024 * 1024 + 10, 1) }]],
      ['not an image', [{ name: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('<script>x()</script>') }]],
      [
        'whole body too big',
        Array.from({ length: 6 }, (_, i) => ({
          name: `p${i}.jpg`,
          type: 'image/jpeg',
          content: Buffer.alloc(5 * 1024 * 1024, 2),
        })),
      ],
    ]
    for (const [what, photos] of cases) {
      const { response } = await nominate(nominationFields({ title: `Refused: ${what}` }), photos)
      expect(response.statusCode, what).toBe(400)
      expect(response.body, what).toContain('govuk-error-summary')
      expect(response.body, what).toContain('href="#photos"')
      expect(response.body, what).toContain('Send nomination')
    }
    expect(await countNominations()).toBe(before)
  })

  it('refuses a missing, forged or old form token, one sent back too fast, and a filled honeypot, saving nothing', async () => {
    const before = await countNominations()
    const visitor = publicVisitor(t.app, nextIp())
    const form = await visitor.get('/community-payback/nominate')
    const csrf = hidden(form.body, '_csrf')
    const token = hidden(form.body, 'formToken')
    const [issued] = token.split('.')
    const attempts: [string, Record<string, string>, number][] = [
      ['too fast', { formToken: token }, 0],
      ['missing', {}, 10],
      ['forged', { formToken: `${issued}.${'A'.repeat(43)}` }, 10],
      ['honeypot', { formToken: token, website: 'http://spam.example' }, 10],
      ['old', { formToken: token }, 3 * 60 * 60],
    ]
    for (const [what, extra, wait] of attempts) {
      clock.advance(wait)
      const response = await visitor.postMultipart('/community-payback/nominate', {
        _csrf: csrf,
        ...nominationFields({ title: `Token ${what}` }),
        ...extra,
      })
      expect(response.statusCode, what).toBe(400)
      expect(response.body, what).toContain('data-qa="form-problem"')
      expect(response.body, what).toContain(`Token ${what}`)
    }
    expect(await countNominations()).toBe(before)
  })

  it('escapes what was typed on the pages that show it', async () => {
    const { response, visitor } = await nominate(
      nominationFields({
        title: SCRIPT,
        organisationName: SCRIPT,
        contactName: SCRIPT,
        email: 'x<script>@example.org',
      }),
    )
    // The email with a < in it is refused; the form comes back with everything escaped.
    expect(response.statusCode).toBe(400)
    expect(response.body).not.toContain(SCRIPT)
    expect(response.body).toContain('&lt;script&gt;')
    const { response: sent } = await nominate(
      nominationFields({ title: SCRIPT, organisationName: SCRIPT, whatNeedsDoing: SCRIPT }),
    )
    expect(sent.statusCode).toBe(303)
    const confirmation = await visitor.get(sent.headers.location!)
    expect(confirmation.body).not.toContain(SCRIPT)
    const reference = sent.headers.location!.split('/').pop()!
    const status = await follow(reference, 'jo@example.org')
    expect(status.statusCode).toBe(200)
    expect(status.body).not.toContain(SCRIPT)
    expect(status.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
  })

  it('turns a flood of nominations from one address away with 429', async () => {
    const ip = nextIp()
    const visitor = publicVisitor(t.app, ip)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const response = await visitor.postMultipart('/community-payback/nominate', nominationFields())
      statuses.push(response.statusCode)
    }
    expect(statuses.slice(0, 5).every(s => s !== 429)).toBe(true)
    expect(statuses.slice(5)).toEqual([429, 429])
  })
})

async function follow(reference: string, email: string) {
  const visitor = publicVisitor(t.app, nextIp())
  const form = await visitor.get('/community-payback/status')
  clock.advance(10)
  return visitor.postForm('/community-payback/status', {
    _csrf: hidden(form.body, '_csrf'),
    formToken: hidden(form.body, 'formToken'),
    reference,
    email,
  })
}

describe('following a nomination', () => {
  it('shows the status and its dates for the reference and email, and the same refusal for a wrong pair', async () => {
    const { response } = await nominate(nominationFields({ title: 'To follow', email: 'Follow.Me@example.org' }))
    const reference = response.headers.location!.split('/').pop()!
    const found = await follow(reference.toLowerCase(), 'follow.me@EXAMPLE.org')
    expect(found.statusCode).toBe(200)
    expect(found.body).toContain('To follow')
    expect(found.body).toContain('data-qa="status"')
    expect(found.body).toMatch(/Received: 7 December 2026/)
    expect(found.headers['cache-control']).toBe('no-store')
    const wrongEmail = await follow(reference, 'someone.else@example.org')
    const unknown = await follow('CP-2222-2222', 'follow.me@example.org')
    for (const refused of [wrongEmail, unknown]) {
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toContain('We could not find a nomination with that reference and email address')
      expect(refused.body).not.toContain('To follow')
    }
  })
})

describe('the work done', () => {
  let made: Awaited<ReturnType<typeof projectWithWork>>
  let notYet: number
  let crn: string
  let surname: string

  beforeAll(async () => {
    const factories = createFactories(t.handle.db, { clock })
    const person = await factories.sentenced('community')
    crn = person.crn
    surname = person.surname
    const requirement = await t.handle.db
      .selectFrom('requirements')
      .select('id')
      .where('person_id', '=', person.personId)
      .executeTakeFirstOrThrow()
    made = await projectWithWork(t.handle.db, {
      providerId: providers.PS!,
      personId: person.personId,
      requirementId: Number(requirement.id),
      name: `Park restoration ${SCRIPT}`,
      description: 'Paths cleared and benches painted.',
      today: '2026-12-07',
      past: '2026-11-20',
      future: '2026-12-20',
      completed: new Date('2026-12-01T15:00:00Z'),
      photo: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer(),
    })
    const future = await t.handle.db
      .insertInto('upw_projects')
      .values({
        provider_id: providers.PS!,
        name: 'Not started yet',
        project_type: 'environmental',
        beneficiary_name: 'X',
        address: 'Y',
        capacity: 4,
        start_date: '2026-12-20',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    notYet = Number(future.id)
  })

  it('lists a completed project with its hours, area, value and approved photo, and nothing personal', async () => {
    const visitor = publicVisitor(t.app, nextIp())
    for (const url of [
      '/community-payback/map',
      '/community-payback/projects',
      `/community-payback/projects/${made.projectId}`,
    ]) {
      const page = await visitor.get(url)
      expect(page.statusCode, url).toBe(200)
      expect(page.headers['cache-control'], url).toBe('public, max-age=60')
      expect(page.body, url).toContain('Park restoration &lt;script&gt;')
      expect(page.body, url).not.toContain(SCRIPT)
      // 390 minutes: the corrected record counts, the one it replaced does not.
      expect(page.body, url).toContain('6.5')
      for (const secret of [
        crn,
        surname,
        'Not started yet',
        '2026-12-20',
        '20 December 2026',
        '09:17',
        'PICKUP-NOT-PUBLIC',
        'RISK-NOTE-NOT-PUBLIC',
        'parks-secret-contact',
      ])
        expect(page.body, `${url} ${secret}`).not.toContain(secret)
    }
    const map = await visitor.get('/community-payback/map')
    expect(map.body).toContain('Northtown and district (demo)')
    expect(map.body).toContain('£79.37') // 6.5 hours × £12.21
    expect(map.body).toContain('National Living Wage')
    const project = await visitor.get(`/community-payback/projects/${made.projectId}`)
    expect(project.body).toContain(`src="/community-payback/photos/${made.approvedPhoto}"`)
    expect(project.body).not.toContain(`/community-payback/photos/${made.unapprovedPhoto}`)
    expect(project.body).toContain('1 December 2026')
  })

  it('exports the same as CSV and GeoJSON, with no personal data', async () => {
    const visitor = publicVisitor(t.app, nextIp())
    const csv = await visitor.get('/community-payback/projects.csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain(
      `"${made.projectId}","Environmental","Park restoration ${SCRIPT.replace(/"/g, '""')}","Northtown and district (demo)","2026-11-20","2026-12-01","6.5","Paths cleared and benches painted.","53.8","-2.7"`,
    )
    const geojson = await visitor.get('/community-payback/projects.geojson')
    const data = JSON.parse(geojson.body) as {
      type: string
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[]
    }
    expect(data.type).toBe('FeatureCollection')
    const feature = data.features.find(f => f.properties.id === made.projectId)
    expect(feature?.geometry.coordinates).toEqual([-2.7, 53.8])
    expect(feature?.properties).toMatchObject({
      hours: 6.5,
      completedDate: '2026-12-01',
      photos: [`/community-payback/photos/${made.approvedPhoto}`],
    })
    for (const body of [csv.body, geojson.body])
      for (const secret of [
        crn,
        surname,
        'Not started yet',
        '2026-12-20',
        '09:17',
        'PICKUP-NOT-PUBLIC',
        'parks-secret-contact',
      ])
        expect(body).not.toContain(secret)
  })

  it('serves an approved photo of a public project, and 404 for one not approved or a project not public', async () => {
    const visitor = publicVisitor(t.app, nextIp())
    const photo = await visitor.get(`/community-payback/photos/${made.approvedPhoto}`)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')
    expect(photo.headers['x-content-type-options']).toBe('nosniff')
    for (const url of [
      `/community-payback/photos/${made.unapprovedPhoto}`,
      `/community-payback/projects/${notYet}`,
      '/community-payback/no-such-page',
    ]) {
      const response = await visitor.get(url)
      expect(response.statusCode, url).toBe(404)
      expect(response.body, url).toContain('Page not found')
      expect(response.body, url).not.toContain('Probity')
    }
  })

  it('serves the map script and Leaflet from the site itself', async () => {
    const visitor = publicVisitor(t.app, nextIp())
    for (const asset of ['leaflet.js', 'leaflet.css', 'map.js', 'images/marker-icon.png']) {
      const response = await visitor.get(`/community-payback/assets/${asset}`)
      expect(response.statusCode, asset).toBe(200)
      expect(response.headers['cache-control'], asset).toBe('public, max-age=86400')
    }
    expect((await visitor.get('/community-payback/assets/../package.json')).statusCode).toBe(404)
  })

  // Issue 21 item 4: the map is the same for everyone, so it is kept as bytes, compressed once.
  it('sends the map compressed to a browser that asks, the same page, and a 304 to a browser that has it', async () => {
    const ip = nextIp()
    const ask = (headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: '/community-payback/map', remoteAddress: ip, headers })
    const plain = await ask()
    const br = await ask({ 'accept-encoding': 'gzip, deflate, br' })
    const gzip = await ask({ 'accept-encoding': 'gzip' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(br.headers['content-encoding']).toBe('br')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    for (const response of [plain, br, gzip]) {
      expect(response.headers.vary).toMatch(/accept-encoding/i)
      expect(response.headers['cache-control']).toBe('public, max-age=60')
      // A shared cache must not hand one visitor's cookie to the next.
      expect(response.headers['set-cookie']).toBeUndefined()
    }
    // Each copy has its own ETag, and any of them names the page the browser has.
    const etags = [plain, br, gzip].map(r => String(r.headers.etag))
    expect(new Set(etags).size).toBe(3)
    for (const etag of etags) {
      const again = await ask({ 'accept-encoding': 'gzip, br', 'if-none-match': etag })
      expect(again.statusCode, etag).toBe(304)
      expect(again.body).toBe('')
      expect(again.headers['cache-control']).toBe('public, max-age=60')
    }
    expect((await ask({ 'if-none-match': '"other"' })).statusCode).toBe(200)

    // A change to a project shows on the map once the minute's copy has gone, with a new ETag.
    const description = 'Paths cleared, benches painted and bulbs planted.'
    await t.handle.db
      .updateTable('upw_projects')
      .set({ public_description: description })
      .where('id', '=', made.projectId)
      .execute()
    expect((await ask({ 'if-none-match': etags[0]! })).statusCode).toBe(304)
    clock.advance(61)
    const changed = await ask({ 'if-none-match': etags[0]! })
    expect(changed.statusCode).toBe(200)
    expect(changed.body).toContain(description)
    expect(changed.headers.etag).not.toBe(etags[0])
  })
})

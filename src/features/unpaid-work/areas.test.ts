import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Community Payback area boundaries as an administrator would check them (issue 17 item 10): a bad GeoJSON is refused
 * with the problem named and nothing saved; a good one, pasted or as a file, becomes the provider's current boundary
 * and the previous one is kept, superseded. Only an administrator reaches the page.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let admin: TestBrowser
let crc: number
const db = () => t.handle.db

const square = (lon: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, 53],
      [lon + 0.5, 53],
      [lon + 0.5, 53.5],
      [lon, 53.5],
      [lon, 53],
    ],
  ],
})

async function postBoundary(fields: Record<string, string>, file?: string) {
  const boundary = '----probity-areas'
  let body = ''
  for (const [name, value] of Object.entries({ _csrf: admin.csrfToken, ...fields }))
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  if (file !== undefined)
    body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="area.geojson"\r\nContent-Type: application/geo+json\r\n\r\n${file}\r\n`
  body += `--${boundary}--\r\n`
  const cookie = Object.entries(admin.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')
  return t.app.inject({
    method: 'POST',
    url: '/unpaid-work/areas',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  })
}

const areasOf = (providerId: number) =>
  db()
    .selectFrom('cp_areas')
    .select(['name', 'superseded_at', 'geometry'])
    .where('provider_id', '=', providerId)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  crc = Number(
    (await db().selectFrom('providers').select('id').where('code', '=', 'NWCRC').executeTakeFirstOrThrow()).id,
  )
  admin = await t.signIn('admin')
})
afterAll(() => t.close())

describe('area boundaries', () => {
  it('refuses a bad boundary with the problem named, saving nothing', async () => {
    const before = await areasOf(crc)
    await admin.get('/unpaid-work/areas')
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 51],
          [1, 51],
          [1, 52],
          [0, 52],
        ],
      ],
    }
    const refused = await postBoundary({ provider: String(crc), name: 'Northshire', geojson: JSON.stringify(open) })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(refused.body).toContain('is not closed: its last position must be its first')
    const outside = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 51],
          [200, 51],
          [1, 52],
          [0, 51],
        ],
      ],
    }
    const far = await postBoundary({ provider: String(crc), name: 'Northshire', geojson: JSON.stringify(outside) })
    expect(far.body).toContain('longitude of 200: it must be from -180 to 180')
    const nothing = await postBoundary({ provider: '', name: '' })
    expect(nothing.statusCode).toBe(400)
    expect(nothing.body).toContain('Choose the provider the boundary is for')
    expect(nothing.body).toContain('Enter a name for the boundary')
    expect(nothing.body).toContain('Choose a GeoJSON file or paste the boundary')
    expect(await areasOf(crc)).toHaveLength(before.length)
  })

  it('takes a pasted boundary, then a file that supersedes it (the old one kept)', async () => {
    const before = (await areasOf(crc)).length
    await admin.get('/unpaid-work/areas')
    const pasted = await postBoundary({
      provider: String(crc),
      name: 'Northshire 2026',
      geojson: JSON.stringify(square(-2)),
    })
    expect(pasted.statusCode, pasted.body.slice(0, 500)).toBe(303)
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { postcodeDistricts: ['NS1'] }, geometry: square(-3) },
        { type: 'Feature', properties: {}, geometry: square(-2) },
      ],
    }
    const file = await postBoundary({ provider: String(crc), name: 'Northshire 2027' }, JSON.stringify(collection))
    expect(file.statusCode, file.body.slice(0, 500)).toBe(303)
    const areas = await areasOf(crc)
    expect(areas).toHaveLength(before + 2)
    const current = areas.filter(a => a.superseded_at === null)
    expect(current.map(a => a.name)).toEqual(['Northshire 2027'])
    expect(areas.find(a => a.name === 'Northshire 2026')!.superseded_at).not.toBeNull()
    expect(current[0]!.geometry).toMatchObject({ type: 'MultiPolygon', postcodeDistricts: ['NS1'] })

    const page = await admin.get('/unpaid-work/areas?done=boundary')
    const row =
      /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">Northshire Rehabilitation[\s\S]*?<\/tr>/.exec(
        page.body,
      )![0]
    expect(row).toContain('Northshire 2027')
    expect(row).toContain('Ada Administrator')
    expect(row).toMatch(/>2<\/td>/)
  })

  it('is for administrators only', async () => {
    const sam = await t.signIn('sam.senior')
    expect((await sam.get('/unpaid-work/areas')).statusCode).toBe(403)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieHeader, createTestApp, type TestApp, type TestBrowser } from './testing.ts'

/**
 * Multipart forms go through @fastify/multipart at the root (src/web/plugins/uploads.ts): the CSRF check and the input
 * guard see a multipart form's text fields like a URL-encoded form's, and only a route that declares it takes files.
 */

let t: TestApp
let sam: TestBrowser

beforeAll(async () => {
  t = await createTestApp()
  sam = await t.signIn('sam.senior')
})
afterAll(() => t.close())

async function postMultipart(url: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  if (file) data.append('photos', new Blob([new Uint8Array(file.bytes)], { type: 'image/jpeg' }), file.name)
  const request = new Request('http://localhost/', { method: 'POST', body: data })
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(sam.cookies), 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  })
}

describe('multipart forms', () => {
  it('are refused without the CSRF token, like any form', async () => {
    const project = await t.handle.db.selectFrom('upw_projects').select('id').executeTakeFirst()
    const url = `/unpaid-work/projects/${project?.id ?? 1}/photos`
    const response = await postMultipart(url, { kind: 'after' }, { name: 'a.jpg', bytes: Buffer.from('x') })
    expect(response.statusCode).toBe(403)
  })

  it('refuse a file sent to a form that takes none, and say which field', async () => {
    const response = await postMultipart(
      '/people/X100002/unpaid-work/commitments',
      { _csrf: sam.csrfToken, kind: 'work' },
      { name: 'a.jpg', bytes: Buffer.from('not wanted') },
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('This form does not take files')
  })

  it('have their text fields checked by the input guard', async () => {
    const response = await postMultipart('/people/X100002/unpaid-work/commitments', {
      _csrf: sam.csrfToken,
      notes: 'a\u0000b',
    })
    expect(response.statusCode).toBe(400)
  })
})

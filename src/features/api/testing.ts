import type { LightMyRequestResponse } from 'fastify'
import { randomToken, sha256 } from '../../web/plugins/authentication.ts'
import type { TestApp } from '../../web/testing.ts'

/**
 * Issues an API token for a demo user the way the admin page does (only the token's SHA-256 is stored), for
 * tests. Returns the token to send as `Authorization: Bearer <token>`.
 */
export async function issueTestToken(
  t: TestApp,
  username: string,
  options: { revoked?: boolean; scopes?: ('case' | 'victims' | 'partner')[] } = {},
): Promise<string> {
  const db = t.handle.db
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
  const token = randomToken()
  await db
    .insertInto('api_tokens')
    .values({
      name: `test token for ${username}`,
      token_hash: sha256(token),
      token_prefix: token.slice(0, 6),
      user_id: user.id,
      created_by: admin.id,
      revoked_at: options.revoked ? new Date() : null,
      ...(options.scopes ? { scopes: options.scopes } : {}),
    })
    .execute()
  return token
}

/** A small client for the API: JSON in and out with a Bearer token (or none). */
export function apiClient(t: TestApp, token?: string) {
  const headers = token ? { authorization: `Bearer ${token}` } : {}
  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) })
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body: unknown) => send('POST', url, body),
    patch: (url: string, body: unknown) => send('PATCH', url, body),
  }
}

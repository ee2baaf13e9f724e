import { Type } from 'typebox'
import { Id } from '../../web/schemas.ts'
import { ORG_LEVELS } from './queries.ts'

/** What every administration route shares: its access rule, its path schemas and the banners after a change. */

export const ADMIN = { access: 'admin' } as const

export const LevelParams = Type.Object({ level: Type.Enum(ORG_LEVELS) })
export const LevelIdParams = Type.Object({ level: Type.Enum(ORG_LEVELS), id: Id })

/** Confirmation messages after a change (post/redirect/get), keyed so nothing the user typed is echoed from the URL. */
const DONE: Record<string, string> = {
  'org-created': 'Organisation added',
  'org-updated': 'Organisation changed',
  'team-contact-saved': 'Letter contact details saved. New letters from the team will show them',
  'staff-created': 'Member of staff added',
  'staff-updated': 'Member of staff changed',
  'user-created': 'User added. They can now sign in with the password you set',
  'user-updated': 'User changed',
  'user-disabled': 'User disabled and signed out everywhere',
  'user-enabled': 'User enabled',
  'user-unlocked': 'User unlocked',
  'password-reset': 'Password reset. The user has been signed out everywhere',
  'manager-changed': 'Case manager changed',
  'limit-added': 'Access list changed',
  'limit-removed': 'Removed from the access list',
  'messages-saved': 'Messages saved',
  'token-revoked': 'API token revoked',
}

/** The banner for a `?done=` key; nothing for an unknown one. */
export function done(key: string | undefined): string | undefined {
  return key && Object.hasOwn(DONE, key) ? DONE[key] : undefined
}

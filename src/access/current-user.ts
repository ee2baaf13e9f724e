import type { Role } from './roles.ts'

/** The signed-in user (or the user an API token acts as), as the access policy sees them. */
export interface CurrentUser {
  readonly id: number
  readonly username: string
  readonly displayName: string
  readonly roles: readonly Role[]
  readonly staffId: number | null
  readonly providerId: number | null
  /** The name of the user's provider (their organisation, shown in the header); absent for an API token's caller. */
  readonly providerName?: string | null
  readonly teamId: number | null
  /** A partner organisation's user (role 'partner', issue 18): the organisation whose referrals they see. */
  readonly partnerOrganisationId?: number | null
  /** How the user reached us: a browser session or an API token. */
  readonly via: 'session' | 'api-token'
  /**
   * What an API token was issued for ('case', 'victims'); absent for a browser session. A token reaches victim data
   * only with 'victims', and the offender record only with 'case' (issue 15: victim data on its own API scope).
   */
  readonly scopes?: readonly ('case' | 'victims' | 'partner')[]
}

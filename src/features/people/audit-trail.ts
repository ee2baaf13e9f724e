import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError } from '../../errors.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import type { AuditTrailEntry } from './service.ts'

/** Who has looked at or changed a record, and which lists (search results, caseloads…) showed it. */

const CRN = /^[A-Z][0-9]{6}$/
const NO_RECORD = 'There is no record with this CRN'

export interface AuditTrail {
  crn: string
  /** The record's id, for the route's own audit of this look (`config.audit`). */
  personId: number
  entries: (AuditTrailEntry & {
    /** Set when a list showed the person, rather than a look at or change to the record: what showed them. */
    appearance: string | null
  })[]
}

const textOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)

/**
 * What a list row of the audit says about one person it showed (issue 12, finding 14). Search terms are shown as
 * typed: they are what the user asked, and the audit trail is read only by auditors and administrators.
 */
export function appearanceText(action: string, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>
  switch (action) {
    case 'PERSON_SEARCH': {
      const q = textOf(d.q)
      const dob = textOf(d.dob)
      const asked = [q ? `‘${q}’` : null, dob ? `date of birth ${dob}` : null].filter(Boolean).join(' and ')
      return `Appeared in search results for ${asked || 'a search'}`
    }
    case 'CASELOAD_VIEW':
      return 'Appeared in their caseload'
    case 'MY_DAY_VIEW':
      return 'Appeared in their day (appointments and actions)'
    case 'TEAM_VIEW':
      return `Appeared in the caseload of team ${textOf(d.team) ?? ''}`.trim()
    case 'ALLOCATION_QUEUE_VIEW': {
      const where = textOf(d.team) ? `team ${d.team}` : textOf(d.pdu) ? `delivery unit ${d.pdu}` : 'every delivery unit'
      return `Appeared in the allocation queue of ${where}`
    }
    default:
      return `Appeared in a list (${action})`
  }
}

/**
 * Who has looked at or changed this record (newest first, up to `limit`). Only for `person:audit` roles;
 * limited access does not hide the trail from them. Looking is itself audited (PERSON_AUDIT_VIEW) by the route
 * that shows it (`config.audit`), once the page is produced.
 */
export async function getAuditTrail(
  deps: PeopleDeps,
  crn: string,
  ctx: RequestContext,
  options: { limit?: number } = {},
): Promise<AuditTrail> {
  requirePermission(ctx, 'person:audit')
  const wanted = crn.trim().toUpperCase()
  if (!CRN.test(wanted)) throw new NotFoundError(NO_RECORD)
  return deps.db.transaction().execute(async trx => {
    const person = await q.findPersonIdByCrn(trx, wanted)
    if (!person) throw new NotFoundError(NO_RECORD)
    const rows = await q.listPersonAuditEvents(trx, person.id, Math.min(options.limit ?? 500, 5000))
    return {
      crn: person.crn,
      personId: person.id,
      entries: rows.map(r => ({
        at: r.at,
        username: r.username,
        action: r.action,
        requestId: r.request_id,
        detail: r.detail,
        appearance: r.person_id === person.id ? null : appearanceText(r.action, r.detail),
      })),
    }
  })
}

import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError } from '../../errors.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import type { AuditTrailEntry } from './service.ts'

/** Who has looked at or changed a record. */

const CRN = /^[A-Z][0-9]{6}$/
const NO_RECORD = 'There is no record with this CRN'

export interface AuditTrail {
  crn: string
  /** The record's id, for the route's own audit of this look (`config.audit`). */
  personId: number
  entries: AuditTrailEntry[]
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
      })),
    }
  })
}

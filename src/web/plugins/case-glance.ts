import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { loadPersonAccessByCrn } from '../../access/person-access.ts'
import { canReadPerson, DEFAULT_FORMER_MANAGER_MONTHS, hasPermission } from '../../access/policy.ts'
import { wholeRecord } from '../../access/with-person.ts'
import { systemClock, type Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import {
  caseGlanceView,
  loadCaseGlance,
  navigationOnly,
  type CaseGlance,
  type GlanceRow,
  type GlanceViewer,
} from '../../features/case-summary/index.ts'
import { crnParamOf } from '../request-context.ts'

/**
 * The case at a glance on every page of a person's record (`/people/:crn/...`), loaded once per request — read by
 * the access guard in its access-facts statement (`glanceWanted`), else in one statement here — once the access
 * guard has let the request through, and handed to the templates as `glance` by
 * `reply.render` (the person layout shows it with the record's sub-navigation).
 *
 * - Only where the page itself is allowed: the guard has already refused anyone who may not open it, and a former
 *   case manager (reading under a time-limited scope) gets only the risk summary's part of it.
 * - "Who has looked at this record" (`person:audit`) is not opened by the guard: the glance is shown there only to
 *   someone who may read the whole record, else the page shows the CRN and the sub-navigation alone.
 * - A form sent back with its errors (POST) gets the sub-navigation only, and the page's own heading: no query is
 *   spent on the many POSTs that redirect.
 * - Files (documents, PDFs, CSV exports) are not pages and get nothing.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The case at a glance of this page's person, when it is a page of a person's record. */
    caseGlance?: CaseGlance
    /**
     * The glance row the access guard read in the same statement as the access facts (`glanceWanted`), set only once
     * the guard has let the request through; null when no such person.
     */
    caseGlanceRow?: GlanceRow | null
  }
}

/** Routes under `/people/:crn` that answer with a file, not a page. */
const NOT_A_PAGE = /(\/pdf|\/documents\/:id|\.csv|\/export|\/download)$/

const READS = new Set(['person:read', 'person:update'])

/**
 * Whether this request is a page that shows the whole glance to a reader the guard checks (a GET of a person's
 * page under `person:read` or `person:update`): the guard then reads the glance row with the access facts.
 */
export function glanceWanted(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? ''
  const access = request.routeOptions.config.access ?? 'public'
  return request.method === 'GET' && url.startsWith('/people/:crn') && !NOT_A_PAGE.test(url) && READS.has(access)
}

export default fp<{ db: Kysely<Database>; clock?: Clock; formerManagerMonths?: number }>(
  async (app, { db, clock = systemClock, formerManagerMonths = DEFAULT_FORMER_MANAGER_MONTHS }) => {
    app.addHook('preHandler', async request => {
      const url = request.routeOptions.url ?? ''
      const access = request.routeOptions.config.access ?? 'public'
      if (!url.startsWith('/people/:crn') || NOT_A_PAGE.test(url) || !request.user) return
      const canAudit = hasPermission(request.user, 'person:audit')
      if (READS.has(access) && request.auditedPerson) {
        const viewer = { limited: request.auditedPerson.basis === 'former manager', canAudit }
        const at = { today: clock.today(), routeUrl: url, viewer }
        if (request.method !== 'GET') request.caseGlance = navigationOnly(request.auditedPerson.crn, url, viewer)
        else if (request.caseGlanceRow !== undefined)
          request.caseGlance = request.caseGlanceRow ? caseGlanceView(request.caseGlanceRow, at) : undefined
        else request.caseGlance = await loadCaseGlance(db, request.auditedPerson.personId, at)
      } else if (access === 'person:audit' && request.method === 'GET') {
        request.caseGlance = await trailReadersGlance(request, url, canAudit)
      }
    })

    /** On the audit trail: the whole glance for whoever may read the whole record; the sub-navigation otherwise. */
    async function trailReadersGlance(request: FastifyRequest, url: string, canAudit: boolean) {
      const crn = crnParamOf(request)
      if (!crn) return undefined
      const facts = await loadPersonAccessByCrn(db, crn, { now: clock.now(), formerManagerMonths })
      if (!facts) return undefined
      const viewer: GlanceViewer = { limited: false, canAudit }
      if (!wholeRecord(canReadPerson(request.user, facts)).allowed) return navigationOnly(crn, url, viewer)
      return loadCaseGlance(db, facts.personId, { today: clock.today(), routeUrl: url, viewer })
    }
  },
  { name: 'case-glance', dependencies: ['access-guard'] },
)

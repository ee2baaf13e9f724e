import type { RequestContext } from '../../access/audit.ts'
import type { IsoDate } from '../../db/schema.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { FieldProblems, readDate, text, type FormBody } from '../../web/forms.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import type { AuditTrailEntry } from './service.ts'

/**
 * Who has looked at or changed a record, and which lists (search results, caseloads…) showed it: grouped (one user's
 * repeated looks of one kind on one day are one row), narrowed by who, organisation and dates, a page at a time.
 */

const CRN = /^[A-Z][0-9]{6}$/
const NO_RECORD = 'There is no record with this CRN'
/** Rows on a page of the trail. */
export const AUDIT_PAGE_SIZE = 50
/** The most rows an export holds (an auditor narrows the dates for more). */
export const AUDIT_EXPORT_LIMIT = 20_000

export type AuditTrailFilter = q.AuditTrailFilter

export interface AuditTrail {
  crn: string
  /** The record's id, for the route's own audit of this look (`config.audit`). */
  personId: number
  entries: AuditTrailEntry[]
  /** How many rows the whole (filtered) trail has, and which page of it `entries` is. */
  total: number
  page: number
  pageSize: number
  /** The filter's choices: everyone in this record's trail, and their organisations. */
  people: { id: number; name: string; username: string; providerId: number | null; organisation: string | null }[]
}

/**
 * Reads the trail's filter from the page's query (GET form): who looked (a user id), organisation (a provider id),
 * and a date range from the GOV.UK date inputs `from` and `to`. Throws `ValidationError` naming the field at fault.
 *
 * @example
 * auditFilterFromQuery({ 'from-day': '1', 'from-month': '12', 'from-year': '2026' }) // { from: '2026-12-01' }
 */
export function auditFilterFromQuery(query: FormBody): AuditTrailFilter {
  const problems = new FieldProblems()
  const idOf = (key: string, message: string) => {
    const value = text(query, key)
    if (value === '') return undefined
    if (!/^[0-9]{1,9}$/.test(value)) problems.add(key, message)
    return Number(value)
  }
  const userId = idOf('who', 'Choose who looked from the list')
  const providerId = idOf('organisation', 'Choose an organisation from the list')
  const from = readDate(query, 'from', 'The start date', problems, { from: 2000, to: 2100 })
  const to = readDate(query, 'to', 'The end date', problems, { from: 2000, to: 2100 })
  if (from && to && to.isBefore(from))
    problems.add('to-day', 'The end date must be the same as or after the start date')
  if (problems.errors.length) throw new ValidationError(problems.errors)
  return {
    ...(userId !== undefined ? { userId } : {}),
    ...(providerId !== undefined ? { providerId } : {}),
    ...(from ? { from: from.toString() as IsoDate } : {}),
    ...(to ? { to: to.toString() as IsoDate } : {}),
  }
}

/** The page number asked for: a whole number from 1, else the first page. */
export function auditPageOf(value: string | undefined): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1
}

/**
 * Who has looked at or changed this record (newest first): one page of the grouped trail, or with `all` every row
 * (up to `AUDIT_EXPORT_LIMIT`, for the export). Only for `person:audit` roles; limited access does not hide the trail
 * from them. Looking is itself audited (PERSON_AUDIT_VIEW, PERSON_AUDIT_EXPORT) by the route (`config.audit`).
 */
export async function getAuditTrail(
  deps: PeopleDeps,
  crn: string,
  ctx: RequestContext,
  options: { filter?: AuditTrailFilter; page?: number; all?: boolean } = {},
): Promise<AuditTrail> {
  requirePermission(ctx, 'person:audit')
  const wanted = crn.trim().toUpperCase()
  if (!CRN.test(wanted)) throw new NotFoundError(NO_RECORD)
  const filter = options.filter ?? {}
  return deps.db.transaction().execute(async trx => {
    const person = await q.findPersonIdByCrn(trx, wanted)
    if (!person) throw new NotFoundError(NO_RECORD)
    const total = await q.countPersonAuditTrail(trx, person.id, filter)
    const pageSize = options.all ? AUDIT_EXPORT_LIMIT : AUDIT_PAGE_SIZE
    const lastPage = Math.max(1, Math.ceil(total / pageSize))
    const page = options.all ? 1 : Math.min(options.page ?? 1, lastPage)
    const rows = await q.listPersonAuditTrail(trx, person.id, filter, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    })
    const people = await q.listPersonAuditPeople(trx, person.id)
    return {
      crn: person.crn,
      personId: person.id,
      total,
      page,
      pageSize,
      entries: rows.map(r => ({
        firstAt: r.first_at,
        lastAt: r.last_at,
        times: r.times,
        username: r.username,
        name: r.display_name,
        roles: r.roles ?? [],
        organisation: r.provider_name,
        action: r.action,
        detail: r.detail,
        about: r.about,
      })),
      people: people.map(p => ({
        id: Number(p.user_id),
        name: p.display_name,
        username: p.username,
        providerId: p.provider_id === null ? null : Number(p.provider_id),
        organisation: p.provider_name,
      })),
    }
  })
}

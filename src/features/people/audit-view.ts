import { dateParts, text, type FormBody } from '../../web/forms.ts'
import type { AuditTrail } from './audit-trail.ts'
import { auditRows } from './audit-words.ts'

/**
 * The "who has looked" page's view model: the rows in plain words, the filter form (who looked, organisation, dates)
 * as asked, MoJ pagination keeping the filter in each link, and the export link for the same filter.
 */
export function auditTrailView(trail: AuditTrail, query: FormBody, valid: boolean) {
  const kept = filterQuery(query)
  const href = (page: number) => `?${withPage(kept, page)}`
  const pages = Math.max(1, Math.ceil(trail.total / trail.pageSize))
  const from = trail.total === 0 ? 0 : (trail.page - 1) * trail.pageSize + 1
  const organisations = new Map<number, string>()
  for (const p of trail.people) if (p.providerId !== null) organisations.set(p.providerId, p.organisation ?? '')
  const who = text(query, 'who')
  const organisation = text(query, 'organisation')
  return {
    crn: trail.crn,
    rows: valid ? auditRows(trail.entries) : [],
    total: trail.total,
    filtered: [...kept.keys()].length > 0,
    filters: { from: dateParts(query, 'from'), to: dateParts(query, 'to') },
    whoItems: [
      { value: '', text: 'Anyone' },
      ...trail.people.map(p => ({
        value: String(p.id),
        text: `${p.name} (${p.username})`,
        selected: String(p.id) === who,
      })),
    ],
    organisationItems: [
      { value: '', text: 'Any organisation' },
      ...[...organisations].map(([id, name]) => ({
        value: String(id),
        text: name,
        selected: String(id) === organisation,
      })),
    ],
    csvHref: `/people/${trail.crn}/audit.csv${kept.size ? `?${kept.toString()}` : ''}`,
    pagination: {
      previous: trail.page > 1 ? { href: href(trail.page - 1) } : undefined,
      next: trail.page < pages ? { href: href(trail.page + 1) } : undefined,
      items: pageItems(trail.page, pages).map(n =>
        n === null ? { type: 'dots' } : { text: String(n), href: href(n), selected: n === trail.page },
      ),
      results: { from, to: from === 0 ? 0 : from + trail.entries.length - 1, count: trail.total },
    },
  }
}

const FILTER_KEYS = ['who', 'organisation', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year']

/** The filter's non-blank fields, in a stable order. */
function filterQuery(query: FormBody): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const value = text(query, key)
    if (value) params.set(key, value)
  }
  return params
}

function withPage(params: URLSearchParams, page: number) {
  const next = new URLSearchParams(params)
  next.set('page', String(page))
  return next.toString()
}

/** The page numbers to link: the first, the last, and two either side of the current one; null for a gap. */
function pageItems(current: number, pages: number): (number | null)[] {
  if (pages <= 1) return []
  const shown = [...new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2])]
    .filter(n => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  const items: (number | null)[] = []
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - shown[i - 1]! > 1) items.push(null)
    items.push(n)
  }
  return items
}

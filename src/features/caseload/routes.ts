import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ROSH_TEXT } from '../../domain/allocation/index.ts'
import { allocationPaths, caseloadPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { FLAGS, parseCaseloadQuery, ROSH_FILTERS, SORTS, TIER_FILTERS, type CaseloadQuery, type Sort } from './list.ts'
import type { CaseloadService } from './service.ts'

/**
 * The practitioner's caseload (`/caseload`) and day (`/my-day`), and the senior's team view (`/team?team=`). Plain GET
 * links and forms: sorting and filtering work without JavaScript. Reading needs `person:read`; the service filters
 * every row through the person-level policy and audits what it shows.
 */

const word = Type.String({ maxLength: 40 })
const words = Type.Array(word, { maxItems: 10 })
const ListQuery = Type.Object({
  sort: Type.Optional(word),
  order: Type.Optional(word),
  tier: Type.Optional(words),
  rosh: Type.Optional(words),
  flag: Type.Optional(words),
  team: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{0,40}$' })),
})

const READ = { access: 'person:read' } as const

const SORT_TEXT: Record<Sort, string> = {
  name: 'Name',
  tier: 'Tier',
  rosh: 'RoSH',
  next: 'Next appointment',
  last: 'Last appointment',
}
const FLAG_TEXT: Record<string, string> = {
  new: 'New case',
  breach: 'Breach or recall in progress',
  'overdue-outcome': 'Outcome overdue',
}
const TIER_TEXT: Record<string, string> = { A: 'A', B: 'B', C: 'C', D: 'D', none: 'Not tiered' }

/** The links and checkboxes of a sortable, filterable list, keeping the other parameters. */
function listControls(base: string, query: CaseloadQuery, extra: Record<string, string> = {}) {
  const href = (over: Partial<CaseloadQuery>) => {
    const q = { ...query, ...over }
    const params = new URLSearchParams(extra)
    for (const t of q.tier) params.append('tier', t)
    for (const r of q.rosh) params.append('rosh', r)
    for (const f of q.flags) params.append('flag', f)
    params.set('sort', q.sort)
    params.set('order', q.order)
    return `${base}?${params.toString()}`
  }
  return {
    headers: SORTS.map(s => {
      const active = query.sort === s
      return {
        key: s,
        text: SORT_TEXT[s],
        ariaSort: active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
        href: href({ sort: s, order: active && query.order === 'asc' ? 'desc' : 'asc' }),
      }
    }),
    filters: {
      tier: TIER_FILTERS.map(t => ({ value: t, text: TIER_TEXT[t], checked: query.tier.includes(t) })),
      rosh: ROSH_FILTERS.map(r => ({
        value: r,
        text: r === 'none' ? 'Not recorded' : ROSH_TEXT[r].replace(/^./, c => c.toUpperCase()),
        checked: query.rosh.includes(r),
      })),
      flag: FLAGS.map(f => ({ value: f, text: FLAG_TEXT[f], checked: query.flags.includes(f) })),
    },
    filtering: query.tier.length + query.rosh.length + query.flags.length > 0,
    action: base,
    hidden: extra,
    clearHref: `${base}?${new URLSearchParams({ ...extra, sort: query.sort, order: query.order }).toString()}`,
    query,
  }
}

export const caseloadRoutes: FastifyPluginAsyncTypebox<{ caseload: CaseloadService }> = async (app, { caseload }) => {
  app.get('/caseload', { config: READ, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = parseCaseloadQuery(request.query)
    const view = await caseload.caseload(ctxOf(request), query)
    return reply.render('caseload/views/caseload.njk', {
      pageTitle: 'My caseload',
      ...view,
      list: listControls(caseloadPaths.caseload, query),
      paths: { ...allocationPaths, ...caseloadPaths },
    })
  })

  app.get('/my-day', { config: READ }, async (request, reply) => {
    const view = await caseload.myDay(ctxOf(request))
    return reply.render('caseload/views/my-day.njk', { pageTitle: 'My day', ...view, paths: caseloadPaths })
  })

  app.get('/team', { config: READ, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = parseCaseloadQuery(request.query)
    const view = await caseload.team(ctxOf(request), request.query.team || undefined, query)
    return reply.render('caseload/views/team.njk', {
      pageTitle: view.team ? `Team view – ${view.team.name}` : 'Team view',
      ...view,
      teamItems: [
        ...(view.team ? [] : [{ value: '', text: 'Choose a team', selected: true }]),
        ...view.teams.map(t => ({ value: t.code, text: t.name, selected: t.code === view.team?.code })),
      ],
      list: listControls(caseloadPaths.team, query, view.team ? { team: view.team.code } : {}),
      paths: caseloadPaths,
    })
  })
}

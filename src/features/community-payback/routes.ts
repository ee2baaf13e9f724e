import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ProbityError, ValidationError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { communityPaybackPaths as paths } from '../../web/paths.ts'
import { isUploadLimitError, uploadedFiles } from '../../web/plugins/uploads.ts'
import { Id } from '../../web/schemas.ts'
import { facilitiesOf, parseFollow, parseNomination } from './forms.ts'
import { MAX_PHOTOS, type Upload } from './nominate.ts'
import { answersByVersion, publicAnswer, sendPublicAnswer } from '../../web/public-answers.ts'
import { projectsCsv, projectsGeoJson, type PublicWork } from './public-map.ts'
import type { CommunityPaybackService } from './service.ts'

/**
 * The public Community Payback site (issue 17 items 6–9) under /community-payback: no sign-in, no staff session,
 * no link to a staff page. Every route is `public`, rate-limited per address, and answered with this site's own
 * Content-Security-Policy (the map's tiles are its only outside origin; no inline script). Reads are cacheable for a
 * minute; the forms carry a signed form token and a honeypot (forms.ts) as well as the app's CSRF check.
 *
 * The nomination form is multipart (photos), read by @fastify/multipart before the app's CSRF check
 * (src/web/plugins/uploads.ts), so that check sees the form's `_csrf` field like any other form's.
 */

type Options = { communityPayback: CommunityPaybackService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]
type Service = CommunityPaybackService

const here = dirname(fileURLToPath(import.meta.url))
const leafletDist = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist')

/** Rate limits per client address (issue 17: the public face must not be floodable). */
const NOMINATE_LIMIT = { max: 5, timeWindow: '10 minutes' }
const STATUS_LIMIT = { max: 20, timeWindow: '1 minute' }
const READ_LIMIT = { max: 300, timeWindow: '1 minute' }
const READ = { access: 'public', rateLimit: READ_LIMIT } as const
/** How long anyone may keep a public read (seconds): the public work is reloaded as often (public-map.ts). */
const MAX_AGE = 60
/** The reads anyone may cache for a minute (the forms and a nomination's status are never cached). */
const CACHEABLE = new Set<string>([
  paths.home,
  paths.map,
  paths.projects,
  paths.csv,
  paths.geojson,
  '/community-payback/projects/:id',
  '/community-payback/photos/:id',
])

/** The nomination's photos (read by src/web/plugins/uploads.ts, @fastify/multipart, within its limits). */
const photosOf = (request: FastifyRequest): Upload[] =>
  uploadedFiles(request, 'photos').map(f => ({ filename: f.filename, content: f.bytes }))
const Form = formBody(10_000)
const TOO_LARGE: FieldError = {
  field: 'photos',
  message: `Each photo must be smaller than 5 MB, and select up to ${MAX_PHOTOS} photos`,
}

const ASSETS_ROUTE = '/community-payback/assets/*'
/** The files served under /community-payback/assets/: Leaflet's, and this site's own. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'leaflet.js': { file: join(leafletDist, 'leaflet.js'), type: 'text/javascript; charset=utf-8' },
  'leaflet.css': { file: join(leafletDist, 'leaflet.css'), type: 'text/css; charset=utf-8' },
  'map.js': { file: join(here, 'public', 'map.js'), type: 'text/javascript; charset=utf-8' },
  'community-payback.css': { file: join(here, 'public', 'community-payback.css'), type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    ['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png'].map(name => [
      `images/${name}`,
      { file: join(leafletDist, 'images', name), type: 'image/png' },
    ]),
  ),
}

/** The tile server's origin for the CSP (`{s}` subdomains become a wildcard). */
function tileOrigin(tileUrl: string): string {
  return /^https:\/\/[^/]+/.exec(tileUrl.replace('{s}', '*'))?.[0] ?? ''
}

/** This site's headers and its error pages. */
function publicFace(app: App, cp: Service) {
  const csp = [
    "default-src 'self'",
    `img-src 'self' data: ${tileOrigin(cp.map.tileUrl)}`.trim(),
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', csp)
    reply.header('x-content-type-options', 'nosniff')
    if (request.method !== 'GET' && request.method !== 'HEAD') return
    // A 304 (the client has the page) is as cacheable as the page it stands for.
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return
    if (request.routeOptions.url === ASSETS_ROUTE) reply.header('cache-control', 'public, max-age=86400')
    else if (CACHEABLE.has(request.routeOptions.url ?? '')) reply.header('cache-control', `public, max-age=${MAX_AGE}`)
  })
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (isUploadLimitError(error) && request.url.startsWith(paths.nominate)) {
      reply.status(400)
      return renderNominate(reply, cp, {}, [TOO_LARGE])
    }
    const status = error instanceof ProbityError ? error.status : (error.statusCode ?? 500)
    if (status >= 500) request.log.error({ err: { type: error.name, message: error.message } }, 'request failed')
    const heading =
      status === 404 ? 'Page not found' : status === 429 ? 'Too many requests' : 'Sorry, there is a problem'
    const message =
      status === 404
        ? 'If you typed the web address, check it is correct.'
        : status === 429
          ? 'You have sent too many requests. Wait a few minutes and try again.'
          : status >= 500
            ? 'Sorry, there is a problem with the service. Try again later.'
            : 'Go back, refresh the page and try again.'
    return reply.status(status).render('community-payback/views/not-found.njk', { heading, message })
  })
}

async function assetRoutes(app: App) {
  const loaded = new Map<string, Buffer>()
  app.get(
    ASSETS_ROUTE,
    { config: { access: 'public', rateLimit: READ_LIMIT }, schema: { params: Type.Object({ '*': Type.String() }) } },
    async (request, reply) => {
      const asset = Object.hasOwn(ASSETS, request.params['*']) ? ASSETS[request.params['*']] : undefined
      if (!asset) return reply.status(404).render('community-payback/views/not-found.njk', {})
      let content = loaded.get(asset.file)
      if (!content) loaded.set(asset.file, (content = await readFile(asset.file)))
      return reply.type(asset.type).send(content)
    },
  )
}

function renderNominate(reply: FastifyReply, cp: Service, values: FormBody, errors?: FieldError[]) {
  return reply.render('community-payback/views/nominate.njk', {
    values,
    errors,
    facilities: facilitiesOf(values),
    formToken: cp.formToken(),
    map: cp.map,
  })
}

function nominationRoutes(app: App, cp: Service) {
  app.get(paths.nominate, { config: READ }, async (_request, reply) => renderNominate(reply, cp, {}))
  app.post(
    paths.nominate,
    { config: { access: 'public', rateLimit: NOMINATE_LIMIT, uploads: true }, schema: { body: Form } },
    async (request, reply) => {
      const body = request.body
      const rerender = async (errors: FieldError[]) => renderNominate(reply, cp, body, errors)
      const refusal = cp.formRefusal(body)
      const parsed = refusal
        ? { ok: false as const, errors: [{ field: 'formToken', message: refusal }] }
        : parseNomination(body)
      if (!parsed.ok) {
        reply.status(400)
        return rerender(parsed.errors)
      }
      return submitForm(reply, () => cp.nominate(parsed.value, photosOf(request)), {
        rerender,
        redirect: result => paths.confirmation(result.reference),
      })
    },
  )
  app.get(
    '/community-payback/nominate/:reference',
    {
      config: { access: 'public', rateLimit: STATUS_LIMIT },
      schema: { params: Type.Object({ reference: Type.String({ pattern: '^CP-[0-9A-Z]{4}-[0-9A-Z]{4}$' }) }) },
    },
    async (request, reply) =>
      reply.render('community-payback/views/confirmation.njk', { reference: request.params.reference }),
  )
}

function statusRoutes(app: App, cp: Service) {
  const render = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.render('community-payback/views/status.njk', { formToken: cp.formToken(), values: {}, ...context })
  app.get(paths.status, { config: { access: 'public', rateLimit: STATUS_LIMIT } }, async (_request, reply) =>
    render(reply, {}),
  )
  app.post(
    paths.status,
    { config: { access: 'public', rateLimit: STATUS_LIMIT }, schema: { body: Form } },
    async (request, reply) => {
      const body = request.body
      const refusal = cp.formRefusal(body)
      if (refusal)
        return render(reply.status(400), { values: body, errors: [{ field: 'formToken', message: refusal }] })
      const parsed = parseFollow(body)
      if (!parsed.ok) return render(reply.status(400), { values: body, errors: parsed.errors })
      try {
        return render(reply, { progress: await cp.follow(parsed.value) })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return render(reply.status(400), { values: body, errors: error.errors })
      }
    },
  )
}

/**
 * The pages and files that are the same for everyone (issue 21 item 4), made once per version of the public work and
 * kept as bytes with their compressed copies (src/web/public-answers.ts); none reads the request or sets a cookie.
 * The work is reloaded from the database every minute (public-map.ts), which makes a new version: the map follows
 * changes to projects within a minute, plus the minute a browser may keep it (`max-age=60`). A change is not pushed to
 * the cache instead because staff change projects in another feature and, with several workers, in another process;
 * an unchanged reload gives the same bytes and so the same ETag, and browsers keep getting 304s.
 */
function publicAnswers(app: App, cp: Service) {
  const html = 'text/html; charset=utf-8'
  const page = (template: string, context: Record<string, unknown> = {}) =>
    publicAnswer(app.renderPublicPage(template, context), html)
  const home = page('community-payback/views/home.njk')
  return {
    home: () => home,
    map: answersByVersion((work: PublicWork) =>
      page('community-payback/views/projects.njk', { work, map: cp.map, showMap: true }),
    ),
    projects: answersByVersion((work: PublicWork) =>
      page('community-payback/views/projects.njk', { work, showMap: false }),
    ),
    csv: answersByVersion((work: PublicWork) => publicAnswer(projectsCsv(work), 'text/csv; charset=utf-8')),
    geojson: answersByVersion((work: PublicWork) =>
      publicAnswer(JSON.stringify(projectsGeoJson(work)), 'application/geo+json'),
    ),
  }
}

function workRoutes(app: App, cp: Service) {
  const work = cp.publicWork
  const answers = publicAnswers(app, cp)
  app.get(paths.home, { config: READ }, async (request, reply) =>
    sendPublicAnswer(request, reply, await answers.home()),
  )
  app.get(paths.map, { config: READ }, async (request, reply) =>
    sendPublicAnswer(request, reply, await answers.map(await work.work())),
  )
  app.get(paths.projects, { config: READ }, async (request, reply) =>
    sendPublicAnswer(request, reply, await answers.projects(await work.work())),
  )
  app.get(paths.csv, { config: READ }, async (request, reply) =>
    sendPublicAnswer(
      request,
      reply.header('content-disposition', 'attachment; filename="community-payback-projects.csv"'),
      await answers.csv(await work.work()),
    ),
  )
  app.get(paths.geojson, { config: READ }, async (request, reply) =>
    sendPublicAnswer(request, reply, await answers.geojson(await work.work())),
  )
  app.get(
    '/community-payback/projects/:id',
    { config: READ, schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const project = await work.project(Number(request.params.id))
      if (!project) return reply.status(404).render('community-payback/views/not-found.njk', {})
      return reply.render('community-payback/views/project.njk', { project })
    },
  )
  app.get(
    '/community-payback/photos/:id',
    { config: READ, schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const photo = await work.photo(Number(request.params.id))
      if (!photo) return reply.status(404).render('community-payback/views/not-found.njk', {})
      return reply.type(photo.mimeType).send(photo.content)
    },
  )
  // Any other address under the site gets this site's own "page not found" (not the staff one).
  app.get(
    '/community-payback/*',
    { config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (_request, reply) => reply.status(404).render('community-payback/views/not-found.njk', {}),
  )
}

/** The public Community Payback site: see the top of this file. */
export const communityPaybackRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { communityPayback }) => {
  publicFace(app, communityPayback)
  await assetRoutes(app)
  nominationRoutes(app, communityPayback)
  statusRoutes(app, communityPayback)
  workRoutes(app, communityPayback)
}

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import nunjucks from 'nunjucks'
import type { FastifyReply } from 'fastify'
import type {} from '@fastify/helmet'
import type { Config } from '../../config.ts'
import { registerFilters } from '../filters.ts'

/**
 * Nunjucks, set up once. Search paths: shared views (layout, error pages), every feature's own views,
 * GOV.UK Frontend and MoJ Frontend. Autoescape is on: anything a user typed is escaped unless a template
 * deliberately says otherwise (none do).
 */

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page with the layout's context (user, CSRF token, CSP nonce) added. */
    render(template: string, context?: Record<string, unknown>): FastifyReply
  }
  interface FastifyInstance {
    /** Renders a public page that uses nothing of the request (no user, CSRF token or nonce), to be kept as bytes. */
    renderPublicPage(template: string, context?: Record<string, unknown>): string
  }
}

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
export const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

export function createNunjucks(config: Config): nunjucks.Environment {
  const paths = [
    join(here, '..', 'views'),
    join(here, '..', '..', 'features'),
    join(packageDir('govuk-frontend'), 'dist'),
    packageDir('@ministryofjustice/frontend'),
  ]
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: config.env !== 'production' }), {
    autoescape: true,
    throwOnUndefined: false,
  })
  registerFilters(env)
  env.addGlobal('serviceName', 'Probity')
  return env
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const env = createNunjucks(config)
    // The public face's pages that are the same for everyone are rendered once per version (src/web/public-answers.ts).
    app.decorate('renderPublicPage', (template: string, context: Record<string, unknown> = {}) =>
      env.render(template, context),
    )
    app.decorateReply('render', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request
      // @fastify/helmet sets the nonces on every request; null until its hook has run (an error before it).
      const nonce = this.cspNonce?.script
      const html = env.render(template, {
        ...context,
        user: request.user,
        csrfToken: request.csrfToken(this),
        cspNonce: nonce,
        currentPath: request.url,
        // The case at a glance, on the pages of a person's record (plugins/case-glance.ts).
        glance: request.caseGlance,
      })
      return this.type('text/html; charset=utf-8').send(html)
    })
  },
  { name: 'views', dependencies: ['csrf'] },
)

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { adminPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { IdParams } from '../../web/schemas.ts'
import { teamContactForm } from './forms.ts'
import { ADMIN } from './pages.ts'
import type { AdminService } from './service.ts'

type Options = { admin: AdminService }

/** A team's letter contact details: the letterhead and "How to contact us" of its letters. */
export const teamContactRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { admin }) => {
  const contactForm = async (
    reply: FastifyReply,
    teamId: number,
    view: { values?: FormBody; errors?: FieldError[] } = {},
  ) => {
    const team = await admin.teamContact(teamId)
    return reply.render('admin/views/team-contact.njk', {
      pageTitle: `Letter contact details: ${team.name}`,
      team,
      values: view.values ?? {
        officeName: team.office_name ?? '',
        address: team.office_address ?? '',
        phone: team.office_phone ?? '',
        email: team.office_email ?? '',
      },
      errors: view.errors,
    })
  }

  app.get('/organisations/teams/:id/contact', { config: ADMIN, schema: { params: IdParams } }, async (request, reply) =>
    contactForm(reply, Number(request.params.id)),
  )

  app.post(
    '/organisations/teams/:id/contact',
    { config: ADMIN, schema: { params: IdParams, body: formBody() } },
    async (request, reply) => {
      const teamId = Number(request.params.id)
      const details = teamContactForm(request.body)
      return submitForm(reply, () => admin.setTeamContact(ctxOf(request), teamId, details), {
        rerender: errors => contactForm(reply, teamId, { values: request.body, errors }),
        redirect: () => `${adminPaths.organisations}?done=team-contact-saved`,
      })
    },
  )
}

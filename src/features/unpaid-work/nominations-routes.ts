import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { RequestContext } from '../../access/audit.ts'
import type { NominationStatus } from '../../db/schema.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { formBody, submitForm, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { isUploadLimitError, uploadedFiles } from '../../web/plugins/uploads.ts'
import { ctxOf } from '../../web/request-context.ts'
import { Id, IdParams, textQuery } from '../../web/schemas.ts'
import {
  MAX_PHOTOS,
  parseBoundaryForm,
  parseNominationStatusForm,
  parsePhotoCheckForm,
  parsePhotoUploadForm,
  parseTakeNominationForm,
} from './nominations-forms.ts'
import {
  STATUS_WORDS,
  areasView,
  nominationsListView,
  nominationView,
  photosToCheckView,
  projectPhotosView,
} from './nominations-presenters.ts'
import type { UnpaidWorkService } from './service.ts'

/**
 * Community Payback's staff pages (issue 17 items 7–10): the nominations list (upw:read) and a nomination's page with
 * its photos, and the status changes upw:manage makes; a project's photos (upload: upw:record); the publication check
 * of photos (upw:manage); a photo's content for staff of its provider; and the area boundaries (admin). None shows a
 * person on probation. Uploads (photos, a boundary file) are multipart forms read by @fastify/multipart
 * (src/web/plugins/uploads.ts: text fields into the body, files aside; 5 files of 5 MB at most).
 */

type Options = { unpaidWork: UnpaidWorkService }
type App = Parameters<FastifyPluginAsyncTypebox<Options>>[0]
type Service = UnpaidWorkService['nominations']

const Form = formBody(2000)
const BoundaryForm = formBody(1_048_576)
const NominationPhotoParams = Type.Object({ id: Id, photoId: Id })

const DONE: Record<string, string> = {
  acknowledge: 'Nomination acknowledged',
  being_assessed: 'Nomination marked as being assessed',
  not_suitable: 'Nomination marked as not suitable',
  accepted: 'Nomination accepted: create the project for it',
  taken: 'Nomination taken for your provider',
  uploaded: 'Photos uploaded: they are published once checked',
  approve: 'Photo approved for publication',
  reject: 'Photo rejected: it will not be published',
  boundary: 'Boundary uploaded: it replaces the provider’s previous one',
}
const doneText = (done?: string) => (done ? DONE[done] : undefined)

/** A multipart form's text fields and files (read by src/web/plugins/uploads.ts, @fastify/multipart). */
const uploadOf = (request: FastifyRequest, fields: FormBody) => ({ fields, files: uploadedFiles(request) })

async function renderNomination(
  reply: FastifyReply,
  cp: Service,
  ctx: RequestContext,
  id: number,
  done?: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = nominationView(await cp.nomination(ctx, id), sentBack?.body)
  return reply.render('unpaid-work/views/nomination.njk', {
    pageTitle: `Nomination ${view.reference}`,
    errors: sentBack?.errors,
    done: doneText(done),
    ...view,
  })
}

const statusOf = (value?: string): NominationStatus | null =>
  value && value in STATUS_WORDS ? (value as NominationStatus) : null

async function renderList(
  reply: FastifyReply,
  cp: Service,
  ctx: RequestContext,
  done?: string,
  errors?: FieldError[],
  status: NominationStatus | null = null,
) {
  const view = nominationsListView(await cp.list(ctx, status))
  return reply.render('unpaid-work/views/nominations.njk', {
    pageTitle: 'Community Payback nominations',
    errors,
    done: doneText(done),
    ...view,
  })
}

function nominationRoutes(app: App, cp: Service) {
  app.get(
    paths.nominations,
    { config: { access: 'upw:read' }, schema: { querystring: textQuery(['done', 'status'], 40) } },
    async (request, reply) =>
      renderList(reply, cp, ctxOf(request), request.query.done, undefined, statusOf(request.query.status)),
  )
  app.get(
    '/unpaid-work/nominations/:id',
    { config: { access: 'upw:read' }, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) =>
      renderNomination(reply, cp, ctxOf(request), Number(request.params.id), request.query.done),
  )
  app.post(
    '/unpaid-work/nominations/:id/status',
    { config: { access: 'upw:manage' }, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => cp.changeStatus(ctx, id, parseNominationStatusForm(body)), {
        rerender: errors => renderNomination(reply, cp, ctx, id, undefined, { errors, body }),
        redirect: r => `${paths.nomination(id)}?done=${r.action}`,
      })
    },
  )
  app.post(
    '/unpaid-work/nominations/:id/take',
    { config: { access: 'upw:manage' }, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const body = request.body
      return submitForm(reply, () => cp.take(ctx, id, parseTakeNominationForm(body)), {
        rerender: errors => renderList(reply, cp, ctx, undefined, errors),
        redirect: () => `${paths.nomination(id)}?done=taken`,
      })
    },
  )
  app.get(
    '/unpaid-work/nominations/:id/photos/:photoId',
    { config: { access: 'upw:read' }, schema: { params: NominationPhotoParams } },
    async (request, reply) => {
      const photo = await cp.nominationPhoto(ctxOf(request), Number(request.params.id), Number(request.params.photoId))
      return sendPhoto(reply, photo.content, photo.mime_type)
    },
  )
}

function sendPhoto(reply: FastifyReply, content: Buffer, mimeType: string) {
  return reply
    .header('content-type', mimeType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', 'inline')
    .send(content)
}

async function renderProjectPhotos(
  reply: FastifyReply,
  cp: Service,
  ctx: RequestContext,
  projectId: number,
  done?: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = projectPhotosView(await cp.projectPhotos(ctx, projectId), sentBack?.body)
  return reply.render('unpaid-work/views/project-photos.njk', {
    pageTitle: `Photos – ${view.project.name}`,
    errors: sentBack?.errors,
    done: doneText(done),
    ...view,
  })
}

async function renderPhotosToCheck(
  reply: FastifyReply,
  cp: Service,
  ctx: RequestContext,
  done?: string,
  errors?: FieldError[],
) {
  const view = photosToCheckView(await cp.photosToCheck(ctx))
  return reply.render('unpaid-work/views/photos.njk', {
    pageTitle: 'Photos to check',
    errors,
    done: doneText(done),
    ...view,
  })
}

function photoRoutes(app: App, cp: Service) {
  app.get(
    '/unpaid-work/projects/:id/photos',
    { config: { access: 'upw:read' }, schema: { params: IdParams, querystring: textQuery(['done'], 40) } },
    async (request, reply) =>
      renderProjectPhotos(reply, cp, ctxOf(request), Number(request.params.id), request.query.done),
  )
  app.post(
    '/unpaid-work/projects/:id/photos',
    { config: { access: 'upw:record', uploads: true }, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const id = Number(request.params.id)
      const upload = uploadOf(request, request.body)
      return submitForm(reply, () => cp.uploadPhotos(ctx, id, parsePhotoUploadForm(upload)), {
        rerender: errors => renderProjectPhotos(reply, cp, ctx, id, undefined, { errors, body: upload.fields }),
        redirect: () => `${paths.projectPhotos(id)}?done=uploaded`,
      })
    },
  )
  app.get(
    paths.photos,
    { config: { access: 'upw:manage' }, schema: { querystring: textQuery(['done'], 40) } },
    async (request, reply) => renderPhotosToCheck(reply, cp, ctxOf(request), request.query.done),
  )
  app.post(
    '/unpaid-work/photos/:id',
    { config: { access: 'upw:manage' }, schema: { params: IdParams, body: Form } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const body = request.body
      return submitForm(reply, () => cp.checkPhoto(ctx, Number(request.params.id), parsePhotoCheckForm(body)), {
        rerender: errors => renderPhotosToCheck(reply, cp, ctx, undefined, errors),
        redirect: r => `${paths.photos}?done=${r.decision}`,
      })
    },
  )
  app.get(
    '/unpaid-work/photos/:id/content',
    { config: { access: 'upw:read' }, schema: { params: IdParams } },
    async (request, reply) => {
      const photo = await cp.photoContent(ctxOf(request), Number(request.params.id))
      return sendPhoto(reply, photo.content, photo.mimeType)
    },
  )
}

async function renderAreas(
  reply: FastifyReply,
  cp: Service,
  done?: string,
  sentBack?: { errors: FieldError[]; body: FormBody },
) {
  const view = areasView(await cp.areas(), sentBack?.body)
  return reply.render('unpaid-work/views/areas.njk', {
    pageTitle: 'Community Payback areas',
    errors: sentBack?.errors,
    done: doneText(done),
    ...view,
  })
}

function areaRoutes(app: App, cp: Service) {
  app.get(
    paths.areas,
    { config: { access: 'admin' }, schema: { querystring: textQuery(['done'], 40) } },
    async (request, reply) => renderAreas(reply, cp, request.query.done),
  )
  app.post(
    paths.areas,
    { config: { access: 'admin', uploads: true }, schema: { body: BoundaryForm } },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const upload = uploadOf(request, request.body)
      return submitForm(reply, () => cp.uploadBoundary(ctx, parseBoundaryForm(upload)), {
        rerender: errors => renderAreas(reply, cp, undefined, { errors, body: upload.fields }),
        redirect: () => `${paths.areas}?done=boundary`,
      })
    },
  )
}

export const nominationsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { unpaidWork }) => {
  // Too large to read: said as the form's own error (the page cannot be drawn again before the access check).
  app.setErrorHandler(async (error: FastifyError, request) => {
    if (!isUploadLimitError(error)) throw error
    const areas = request.url.startsWith(paths.areas)
    throw new ValidationError([
      areas
        ? { field: 'geojson', message: 'The boundary must be 1 MB or smaller' }
        : { field: 'photos', message: `Upload ${MAX_PHOTOS} photos or fewer, each smaller than 5 MB` },
    ])
  })
  nominationRoutes(app, unpaidWork.nominations)
  photoRoutes(app, unpaidWork.nominations)
  areaRoutes(app, unpaidWork.nominations)
}

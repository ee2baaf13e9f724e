import { audit, type RequestContext } from '../../access/audit.ts'
import { cleanImage, type CleanImage } from '../community-payback/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { upwProvider, type UpwDeps } from './context.ts'
import type { PhotoCheckCommand, PhotoUploadCommand } from './nominations-forms.ts'
import * as q from './queries/photos.ts'

/**
 * Project photos (issue 17 items 7 and 8): staff of the project's provider upload before, during and after photos,
 * each checked to be a real JPEG, PNG or WebP and re-encoded by `cleanImage` so no EXIF, GPS or camera details
 * survive (one refused file refuses the upload: nothing is saved). Nothing is public until a upw:manage user of the
 * provider approves it in the publication check (a photo showing a face or a person on probation is rejected, with a
 * reason). Every decision is audited (no person on probation is shown: the audit names the photo).
 */

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }])
}

const inScope = (ctx: RequestContext, providerId: number | null): boolean => {
  const scope = upwProvider(ctx)
  return scope === null || (scope !== 'none' && providerId !== null && Number(providerId) === scope)
}

async function projectInScope(deps: UpwDeps, ctx: RequestContext, projectId: number) {
  const project = await q.projectOf(deps.db, projectId)
  if (!project || !inScope(ctx, project.provider_id)) throw new NotFoundError('Project not found')
  return project
}

async function projectPhotos(deps: UpwDeps, ctx: RequestContext, projectId: number) {
  const project = await projectInScope(deps, ctx, projectId)
  return { project, photos: await q.photosOfProject(deps.db, projectId) }
}

async function uploadPhotos(
  deps: UpwDeps,
  ctx: RequestContext,
  projectId: number,
  command: Parsed<PhotoUploadCommand>,
) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  const project = await projectInScope(deps, ctx, projectId)
  const cleaned: Extract<CleanImage, { ok: true }>[] = []
  for (const file of c.files) {
    const result = await cleanImage(file.bytes)
    if (!result.ok) refuse('photos', `${file.filename || 'A file'}: ${result.problem}`)
    else cleaned.push(result)
  }
  const now = deps.clock.now()
  const by = ctx.user?.id ?? null
  await deps.db.transaction().execute(async trx => {
    await q.insertPhotos(
      trx,
      cleaned.map(image => ({
        project_id: project.id,
        kind: c.kind,
        content: image.content,
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        byte_size: image.content.length,
        caption: c.caption,
        uploaded_by: by,
        uploaded_at: now,
      })),
    )
    const detail = { projectId: project.id, kind: c.kind, photos: cleaned.length }
    await audit(trx, ctx, { action: 'UPW_PHOTOS_UPLOADED', subject: `project ${project.id}`, detail })
  })
  return { projectId: project.id, uploaded: cleaned.length }
}

async function photosToCheck(deps: UpwDeps, ctx: RequestContext) {
  const scope = upwProvider(ctx)
  return { photos: scope === 'none' ? [] : await q.photosToCheck(deps.db, scope) }
}

async function checkPhoto(deps: UpwDeps, ctx: RequestContext, photoId: number, command: Parsed<PhotoCheckCommand>) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  return deps.db.transaction().execute(async trx => {
    const photo = await q.lockPhoto(trx, photoId)
    if (!photo || !inScope(ctx, photo.provider_id)) throw new NotFoundError('Photo not found')
    if (photo.approved_at || photo.rejected_at) refuse('decision', 'This photo has already been checked')
    const now = deps.clock.now()
    const by = ctx.user?.id ?? null
    if (c.decision === 'approve') await q.approvePhoto(trx, photoId, now, by)
    else await q.rejectPhoto(trx, photoId, now, by, c.reason!)
    const detail = { photoId, projectId: photo.project_id, decision: c.decision }
    await audit(trx, ctx, { action: 'CP_PHOTO_CHECKED', subject: `photo ${photoId}`, detail })
    return { photoId, decision: c.decision }
  })
}

/** A photo's content for staff of its provider (its project's, or its nomination's). */
async function photoContent(deps: UpwDeps, ctx: RequestContext, photoId: number) {
  const photo = await q.photoContent(deps.db, photoId)
  const providerId = photo ? (photo.project_id ? photo.project_provider_id : photo.nomination_provider_id) : null
  if (!photo || !inScope(ctx, providerId)) throw new NotFoundError('Photo not found')
  return { content: photo.content, mimeType: photo.mime_type }
}

export function createPhotosUseCases(deps: UpwDeps) {
  return {
    projectPhotos: (ctx: RequestContext, projectId: number) => projectPhotos(deps, ctx, projectId),
    uploadPhotos: (ctx: RequestContext, projectId: number, c: Parsed<PhotoUploadCommand>) =>
      uploadPhotos(deps, ctx, projectId, c),
    photosToCheck: (ctx: RequestContext) => photosToCheck(deps, ctx),
    checkPhoto: (ctx: RequestContext, photoId: number, c: Parsed<PhotoCheckCommand>) =>
      checkPhoto(deps, ctx, photoId, c),
    photoContent: (ctx: RequestContext, photoId: number) => photoContent(deps, ctx, photoId),
  }
}

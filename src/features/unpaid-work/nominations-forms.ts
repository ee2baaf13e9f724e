import { FieldProblems, parsedOr, requiredText, text, type FormBody, type Parsed } from '../../web/forms.ts'

/**
 * Community Payback staff forms → typed commands (issue 17 items 7–10): a nomination's status change (acknowledge,
 * being assessed, not suitable with a reason, accept), taking an unrouted nomination, a project's photos with their
 * kind and caption, the publication check of a photo, and a provider's area boundary (a file or pasted text). Every
 * change carries the `version` the page was drawn from (a stale one is refused by the use case).
 */

const readVersion = (body: FormBody, p: FieldProblems): number => {
  const v = text(body, 'version')
  if (!/^\d{1,10}$/.test(v)) p.add('version', 'This page is out of date: refresh it and try again')
  return Number(v)
}

export const NOMINATION_ACTIONS = ['acknowledge', 'being_assessed', 'not_suitable', 'accepted'] as const
export type NominationAction = (typeof NOMINATION_ACTIONS)[number]

export interface NominationStatusCommand {
  action: NominationAction
  reason: string | null
  version: number
}

export function parseNominationStatusForm(body: FormBody): Parsed<NominationStatusCommand> {
  const p = new FieldProblems()
  const action = NOMINATION_ACTIONS.find(a => a === text(body, 'action'))
  if (!action) p.add('action', 'Choose what to do with the nomination')
  let reason: string | null = text(body, 'reason') || null
  if (action === 'not_suitable') {
    reason = requiredText(body, 'reason', 'Enter why the work is not suitable', 'The reason', 2000, p)
  } else if (reason && reason.length > 2000) p.add('reason', 'The note must be 2000 characters or fewer')
  const version = readVersion(body, p)
  return parsedOr(p, () => ({ action: action!, reason, version }))
}

export interface TakeNominationCommand {
  /** The provider to route it to: the user's own when they have one. */
  providerId: number | null
  version: number
}

export function parseTakeNominationForm(body: FormBody): Parsed<TakeNominationCommand> {
  const p = new FieldProblems()
  const provider = text(body, 'provider')
  if (provider && !/^\d{1,15}$/.test(provider)) p.add('provider', 'Choose the provider to route it to')
  const version = readVersion(body, p)
  return parsedOr(p, () => ({ providerId: provider ? Number(provider) : null, version }))
}

/** A file as the upload plugin hands it over (src/web/plugins/uploads.ts). */
export type { UploadedFile } from '../../web/plugins/uploads.ts'
import type { UploadedFile } from '../../web/plugins/uploads.ts'

/** A multipart form: its text fields (as a URL-encoded form's) and its files. */
export interface MultipartBody {
  readonly fields: FormBody
  readonly files: readonly UploadedFile[]
}

export const PHOTO_KINDS = [
  { value: 'before', text: 'Before the work' },
  { value: 'during', text: 'During the work' },
  { value: 'after', text: 'After the work' },
] as const
export type PhotoKind = (typeof PHOTO_KINDS)[number]['value']

export const MAX_PHOTOS = 5

export interface PhotoUploadCommand {
  kind: PhotoKind
  caption: string | null
  files: readonly UploadedFile[]
}

export function parsePhotoUploadForm(body: MultipartBody): Parsed<PhotoUploadCommand> {
  const p = new FieldProblems()
  const kind = PHOTO_KINDS.find(k => k.value === text(body.fields, 'kind'))?.value
  if (!kind) p.add('kind', 'Choose when the photos were taken')
  const caption = text(body.fields, 'caption')
  if (caption.length > 500) p.add('caption', 'The caption must be 500 characters or fewer')
  const files = body.files.filter(f => f.field === 'photos' && f.bytes.length > 0)
  if (files.length === 0) p.add('photos', 'Select at least one photo')
  else if (files.length > MAX_PHOTOS) p.add('photos', `Select ${MAX_PHOTOS} photos or fewer`)
  return parsedOr(p, () => ({ kind: kind!, caption: caption || null, files }))
}

export interface PhotoCheckCommand {
  decision: 'approve' | 'reject'
  reason: string | null
}

export function parsePhotoCheckForm(body: FormBody): Parsed<PhotoCheckCommand> {
  const p = new FieldProblems()
  const decision = text(body, 'decision')
  if (decision !== 'approve' && decision !== 'reject') p.add('decision', 'Choose to approve or reject the photo')
  const reason =
    decision === 'reject'
      ? requiredText(body, 'reason', 'Enter why the photo cannot be published', 'The reason', 2000, p)
      : null
  return parsedOr(p, () => ({ decision: decision as PhotoCheckCommand['decision'], reason }))
}

export interface BoundaryCommand {
  providerId: number
  name: string
  /** The GeoJSON text: the file's when one was chosen, else the pasted text. */
  geojson: string
}

export function parseBoundaryForm(body: MultipartBody): Parsed<BoundaryCommand> {
  const p = new FieldProblems()
  const provider = text(body.fields, 'provider')
  if (!/^\d{1,15}$/.test(provider)) p.add('provider', 'Choose the provider the boundary is for')
  const name = requiredText(body.fields, 'name', 'Enter a name for the boundary', 'The name', 200, p)
  const file = body.files.find(f => f.field === 'file' && f.bytes.length > 0)
  const geojson = file ? file.bytes.toString('utf8') : text(body.fields, 'geojson')
  if (!geojson) p.add('geojson', 'Choose a GeoJSON file or paste the boundary')
  return parsedOr(p, () => ({ providerId: Number(provider), name, geojson }))
}

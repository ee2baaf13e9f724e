import multipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ValidationError } from '../../errors.ts'

/**
 * Multipart forms (photo and boundary uploads, issue 17) through @fastify/multipart. Registered at the root, before
 * the input guard and the CSRF check, because both are root `preValidation` hooks and a hook added inside a feature's
 * plugin would run after them: so the multipart body is read first, its text fields become the body like any form's
 * (the CSRF check finds `_csrf`, the input guard checks every value), and the files are kept beside the request, never
 * in the body, so no guard walks their bytes. Only a route that declares `config: { uploads: true }` takes files; a
 * file sent to any other route is refused. Limits: 10 files of at most 5 MB each, 60 parts, 1 MB a text field; a
 * request over them fails with one of the plugin's limit errors (`isUploadLimitError`), which the upload routes
 * answer on the form.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes files in a multipart form (read them with `uploadedFiles`). */
    uploads?: boolean
  }
}

/** A file sent with a form: the form field it came in, the name the sender gave it, and its bytes (not yet trusted). */
export interface UploadedFile {
  field: string
  filename: string
  bytes: Buffer
}

// The outer bound: each form says how many files it takes (5 photos) on the form itself, so a few more are let through
// to be refused there with the field's message; beyond these limits the request is refused before any form sees it.
export const UPLOAD_LIMITS = { fileSize: 5 * 1024 * 1024, files: 10, parts: 60, fields: 60, fieldSize: 1_100_000 }

const filesOf = new WeakMap<FastifyRequest, UploadedFile[]>()

/**
 * The non-empty files sent with this request's form, optionally only those of one field.
 *
 * @example
 * const photos = uploadedFiles(request, 'photos')
 */
export function uploadedFiles(request: FastifyRequest, field?: string): UploadedFile[] {
  const files = filesOf.get(request) ?? []
  return field === undefined ? files : files.filter(f => f.field === field)
}

const LIMIT_ERRORS = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'])

/** Whether an error is @fastify/multipart refusing a form over the limits (answered on the form, not as a 413). */
export function isUploadLimitError(error: { code?: string }): boolean {
  return LIMIT_ERRORS.has(error.code ?? '')
}

async function keepFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  if (!this.routeOptions.config.uploads) {
    part.file.resume()
    throw new ValidationError([{ field: part.fieldname, message: 'This form does not take files' }])
  }
  const bytes = await part.toBuffer()
  if (bytes.length > 0) {
    const files = filesOf.get(this) ?? []
    files.push({ field: part.fieldname, filename: part.filename, bytes })
    filesOf.set(this, files)
  }
  // The body names the file and never holds its bytes.
  Object.assign(part, { value: part.filename })
}

export default fp(
  async app => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: UPLOAD_LIMITS,
      throwFileSizeLimit: true,
      onFile: keepFile,
    })
  },
  { name: 'uploads' },
)

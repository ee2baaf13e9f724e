import sharp from 'sharp'

/** The largest photo accepted, before it is re-encoded (issue 17 item 6: size-limited uploads). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
/** The longest side a stored photo keeps: enough for a map pop-up and a project page, no more. */
const MAX_SIDE = 1600
const FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

export type CleanImage =
  | { ok: true; content: Buffer; mimeType: (typeof FORMATS)[keyof typeof FORMATS]; width: number; height: number }
  | { ok: false; problem: string }

/**
 * Checks that an upload really is a JPEG, PNG or WebP photo by reading its content (never its name or the type the
 * browser claimed), then re-encodes it so nothing but the pixels survives: EXIF, GPS position, camera make and model,
 * XMP and ICC profiles are all dropped (sharp keeps no metadata unless asked to). The orientation is applied first so
 * a phone photo stays the right way up. Oversized photos are scaled down to 1600 px on the longest side.
 *
 * @example
 * const result = await cleanImage(upload)
 * if (!result.ok) throw new ValidationError([{ field: 'photos', message: result.problem }])
 */
export async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  if (bytes.length === 0) return { ok: false, problem: 'The selected file is empty' }
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, problem: 'The selected file must be smaller than 5 MB' }
  let format: string | undefined
  try {
    format = (await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata()).format
  } catch {
    return { ok: false, problem: 'The selected file must be a JPG, PNG or WebP photo' }
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp')
    return { ok: false, problem: 'The selected file must be a JPG, PNG or WebP photo' }
  try {
    const image = sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    const encoded =
      format === 'png'
        ? image.png()
        : format === 'webp'
          ? image.webp({ quality: 82 })
          : image.jpeg({ quality: 82, mozjpeg: true })
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    return { ok: true, content: data, mimeType: FORMATS[format], width: info.width, height: info.height }
  } catch {
    return { ok: false, problem: 'The selected file could not be read as a photo' }
  }
}

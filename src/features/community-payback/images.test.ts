import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { cleanImage, MAX_PHOTO_BYTES } from './images.ts'

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 28/1 0/1' },
    })
    .toBuffer()
}

describe('cleaning an uploaded photo', () => {
  it('keeps the pixels and drops the camera and GPS details', async () => {
    const original = await photoWithGps()
    expect((await sharp(original).metadata()).exif).toBeDefined()
    expect(original.includes(Buffer.from('PhoneMaker'))).toBe(true)
    const result = await cleanImage(original)
    if (!result.ok) throw new Error(result.problem)
    expect(result.mimeType).toBe('image/jpeg')
    expect([result.width, result.height]).toEqual([40, 30])
    const meta = await sharp(result.content).metadata()
    expect(meta.exif).toBeUndefined()
    expect(result.content.includes(Buffer.from('PhoneMaker'))).toBe(false)
  })

  it('refuses what is not a photo, whatever it is called', async () => {
    const script = Buffer.from('<script>alert(1)</script>')
    expect(await cleanImage(script)).toEqual({
      ok: false,
      problem: 'The selected file must be a JPG, PNG or WebP photo',
    })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>x()</script></svg>')
    expect((await cleanImage(svg)).ok).toBe(false)
    expect(await cleanImage(Buffer.alloc(0))).toEqual({ ok: false, problem: 'The selected file is empty' })
  })

  it('refuses a file over the size limit before reading it', async () => {
    expect(await cleanImage(Buffer.alloc(MAX_PHOTO_BYTES + 1))).toEqual({
      ok: false,
      problem: 'The selected file must be smaller than 5 MB',
    })
  })
})

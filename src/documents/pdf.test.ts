import { describe, expect, it } from 'vitest'
import { pdfText } from '../../test/support/pdf-text.ts'
import { renderPdf } from './pdf.ts'

describe('renderPdf', () => {
  it('produces a real PDF whose text reads back, accents included', async () => {
    const bytes = await renderPdf({ title: 'Test letter' }, doc =>
      doc.fontSize(12).text("Dear Zoë O'Brien, your appointment is on 1 December 2026."),
    )
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(await pdfText(bytes)).toContain("Dear Zoë O'Brien, your appointment is on 1 December 2026.")
  })
})

import PDFDocument from 'pdfkit'

export type PdfDocument = InstanceType<typeof PDFDocument>

/**
 * Renders a PDF (A4, standard Helvetica so nothing needs installing) and returns its bytes. Letters and
 * reports build their content in `draw`; stored documents keep the bytes so a letter is never regenerated
 * differently later.
 *
 * @example
 * const bytes = await renderPdf({ title: 'Warning letter' }, doc => doc.fontSize(12).text('Dear …'))
 */
export async function renderPdf(
  meta: { title: string; author?: string },
  draw: (doc: PdfDocument) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: meta.title, Author: meta.author ?? 'Probity' } })
  const chunks: Buffer[] = []
  doc.on('data', chunk => chunks.push(chunk as Buffer))
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  draw(doc)
  doc.end()
  await finished
  return Buffer.concat(chunks)
}

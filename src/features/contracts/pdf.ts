import { renderPdf } from '../../documents/pdf.ts'
import { statementLines } from './statement-lines.ts'
import type { Statement } from './statements.ts'

/** The quarter's statement as a PDF: the same figures and explanations as the page, section by section. */
export async function statementPdf(s: Statement): Promise<Buffer> {
  const title = `Statement ${s.contract.reference} ${s.quarter}`
  return renderPdf({ title }, doc => {
    doc.font('Helvetica-Bold').fontSize(18).text(title)
    doc.moveDown(0.3)
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(`${s.contract.provider_name}, ${s.contract.region_name}: ${s.period.from} to ${s.period.to}`)
    if (s.cohort.figures.provisional) doc.font('Helvetica-Bold').text('PROVISIONAL: the figures can still change')
    let section = ''
    for (const line of statementLines(s)) {
      if (line.section !== section) {
        section = line.section
        doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).text(section)
      }
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(`${line.name}: ${line.value}`)
      doc.font('Helvetica').fontSize(10).text(line.explanation)
    }
  })
}

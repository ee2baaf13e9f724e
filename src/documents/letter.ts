import { formatDate } from '../web/filters.ts'
import { renderPdf, type PdfDocument } from './pdf.ts'

/**
 * The frame every letter to a person shares: the office's letterhead (organisation, office, address, phone, email)
 * at the top, the person's name and address, the date in words ("11 December 2026"), our reference and a heading;
 * then the letter's own words; then "How to contact us". Where the office has set no contact details, the letter
 * names the team and tells the person to ask their probation officer, never an empty "contact us".
 */

/** Who the letter is from and how to reach them. */
export interface Letterhead {
  /** The provider, e.g. "Probation Service". */
  organisation: string
  /** The office's name, or the team's name when the office has set none. */
  office: string
  /** The office's address, one line each; empty when not set. */
  addressLines: string[]
  phone: string | null
  email: string | null
}

export interface LetterFrame {
  /** The PDF's title. */
  title: string
  letterhead: Letterhead
  recipient: { name: string; addressLines: string[] }
  /** The letter's date, `YYYY-MM-DD`; printed in words. */
  date: string
  reference: string
  heading: string
  /** Who signs it: their name and the line under it. */
  signedBy: { name: string; role: string }
}

/** Whether the letterhead says how to reach the office (an address and a phone number). */
export const hasContactDetails = (h: Letterhead) => h.addressLines.length > 0 && h.phone !== null

function letterhead(doc: PdfDocument, h: Letterhead) {
  doc.fontSize(12).font('Helvetica-Bold').text(h.organisation, { align: 'right' })
  doc.fontSize(10).font('Helvetica').text(h.office, { align: 'right' })
  for (const line of h.addressLines) doc.text(line, { align: 'right' })
  if (h.phone) doc.text(`Phone: ${h.phone}`, { align: 'right' })
  if (h.email) doc.text(`Email: ${h.email}`, { align: 'right' })
}

/** "How to contact us": the office's phone, email and address, or (none set) ask your probation officer. */
function contactBlock(doc: PdfDocument, f: LetterFrame) {
  const h = f.letterhead
  doc.moveDown()
  doc.fontSize(12).font('Helvetica-Bold').text('How to contact us')
  doc.fontSize(11).font('Helvetica')
  if (!hasContactDetails(h)) {
    doc.text(`Ask your probation officer, ${f.signedBy.name}, at ${h.office}.`)
    doc.text('You can ask them at your next appointment.')
    return
  }
  doc.text(`Phone: ${h.phone}`)
  if (h.email) doc.text(`Email: ${h.email}`)
  doc.text(`Write to or visit: ${[h.office, ...h.addressLines].join(', ')}`)
  doc.text(`Please give our reference: ${f.reference}`)
}

/**
 * Renders a letter: the frame around the words `body` writes.
 *
 * @example
 * const bytes = await renderLetter(frame, doc => doc.text('You must come to this appointment.'))
 */
export function renderLetter(f: LetterFrame, body: (doc: PdfDocument) => void): Promise<Buffer> {
  return renderPdf({ title: f.title, author: f.signedBy.name }, doc => {
    letterhead(doc, f.letterhead)
    doc.moveDown(2)
    doc.fontSize(11).text(f.recipient.name)
    for (const line of f.recipient.addressLines) doc.text(line)
    doc.moveDown()
    doc.text(`Date: ${formatDate(f.date)}`)
    doc.text(`Our reference: ${f.reference}`)
    doc.moveDown()
    doc.fontSize(14).font('Helvetica-Bold').text(f.heading)
    doc.moveDown(0.5)
    doc.fontSize(11).font('Helvetica')
    doc.text(`Dear ${f.recipient.name},`)
    doc.moveDown()
    body(doc)
    contactBlock(doc, f)
    doc.moveDown()
    doc.text('Yours sincerely,')
    doc.moveDown(2)
    doc.text(f.signedBy.name)
    doc.text(f.signedBy.role)
    doc.text(f.letterhead.office)
  })
}

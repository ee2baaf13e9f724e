import { hasContactDetails, type Letterhead } from '../../documents/letter.ts'
import { renderPdf, type PdfDocument } from '../../documents/pdf.ts'
import { formatDate } from '../../web/filters.ts'

/**
 * Letters to a victim in the Victim Contact Scheme (rules-and-outcomes.md §3.4: information at key stages such as
 * release, representations on victim-related licence conditions, told the conditions and when they end; the
 * offender's location never disclosed). Plain words, dates in words, the officer's letterhead (as src/documents/letter.ts
 * prints it), and a contact block for a victim (the person letters' "ask at your next appointment" is not theirs).
 * Nothing here says where the offender lives or is held.
 */

export const VICTIM_LETTER_KINDS = [
  { value: 'introduction', text: 'Introduction to the scheme' },
  { value: 'release', text: 'Release information' },
  { value: 'conditions', text: 'Licence conditions' },
] as const
export type VictimLetterKind = (typeof VICTIM_LETTER_KINDS)[number]['value']

export const isVictimLetterKind = (v: string): v is VictimLetterKind => VICTIM_LETTER_KINDS.some(k => k.value === v)
export const letterKindText = (v: string) => VICTIM_LETTER_KINDS.find(k => k.value === v)?.text ?? v

export interface VictimLetter {
  kind: VictimLetterKind
  /** The letter's date, `YYYY-MM-DD`. */
  date: string
  reference: string
  victim: { name: string; addressLines: string[] }
  officer: { name: string; letterhead: Letterhead }
  offenderName: string
  sentencedOn: string | null
  releasedOn: string | null
  expectedRelease: string | null
  licenceEnds: string | null
  conditions: { title: string; wording: string; inForce: boolean }[]
}

const para = (doc: PdfDocument, ...lines: string[]) => {
  for (const line of lines) doc.text(line)
  doc.moveDown()
}

function introduction(doc: PdfDocument, l: VictimLetter) {
  para(
    doc,
    'I am your victim liaison officer.',
    l.sentencedOn
      ? `I am writing about ${l.offenderName}, who was sentenced on ${formatDate(l.sentencedOn)}.`
      : `I am writing about ${l.offenderName}.`,
  )
  para(doc, 'You can join the Victim Contact Scheme. If you join, we will:')
  for (const line of [
    'tell you about key stages of the sentence, such as a move to open conditions or release',
    'ask what conditions on the licence would protect you, such as no contact or an exclusion zone',
    'tell you which of those conditions are set, and when the licence ends',
    'pass on your views if the Parole Board looks at the case',
  ])
    doc.text(`• ${line}`, { indent: 10 })
  doc.moveDown()
  para(doc, 'We will never tell you where the offender is held or where they will live.')
  para(doc, 'You do not have to join. You can change your mind at any time.')
}

function release(doc: PdfDocument, l: VictimLetter) {
  if (l.releasedOn) para(doc, `${l.offenderName} was released on licence on ${formatDate(l.releasedOn)}.`)
  else if (l.expectedRelease)
    para(doc, `${l.offenderName} is expected to be released on licence on or around ${formatDate(l.expectedRelease)}.`)
  else para(doc, `We do not know yet when ${l.offenderName} will be released.`, 'We will write to you when we do.')
  if (l.licenceEnds) para(doc, `The licence ends on ${formatDate(l.licenceEnds)}.`)
  para(
    doc,
    'On licence, the probation service supervises them.',
    'They must keep to the conditions of the licence.',
    'If they do not, they can be recalled to prison.',
  )
  para(doc, 'We cannot tell you where they will live.')
}

function conditions(doc: PdfDocument, l: VictimLetter) {
  if (l.conditions.length === 0) {
    para(doc, 'You have not asked for any conditions on the licence.', 'Tell me if you would like to.')
  } else {
    para(doc, 'You asked for these conditions on the licence:')
    for (const c of l.conditions) {
      doc.font('Helvetica-Bold').text(c.title)
      doc.font('Helvetica').text(c.wording, { indent: 10 })
      doc.text(
        c.inForce ? 'This condition is on the licence.' : 'We have asked for this. It is not on the licence yet.',
        {
          indent: 10,
        },
      )
      doc.moveDown(0.5)
    }
    doc.moveDown(0.5)
  }
  if (l.licenceEnds) para(doc, `The conditions last until the licence ends on ${formatDate(l.licenceEnds)}.`)
}

const HEADINGS: Record<VictimLetterKind, string> = {
  introduction: 'The Victim Contact Scheme',
  release: 'Release information',
  conditions: 'Licence conditions to protect you',
}

function letterhead(doc: PdfDocument, h: Letterhead) {
  doc.fontSize(12).font('Helvetica-Bold').text(h.organisation, { align: 'right' })
  doc.fontSize(10).font('Helvetica').text(h.office, { align: 'right' })
  for (const line of h.addressLines) doc.text(line, { align: 'right' })
  if (h.phone) doc.text(`Phone: ${h.phone}`, { align: 'right' })
  if (h.email) doc.text(`Email: ${h.email}`, { align: 'right' })
}

/** How the victim reaches their officer: the office's phone, email and address, or (none set) the officer by name. */
function contactBlock(doc: PdfDocument, l: VictimLetter) {
  const h = l.officer.letterhead
  doc.moveDown().fontSize(12).font('Helvetica-Bold').text('How to contact me').fontSize(11).font('Helvetica')
  if (hasContactDetails(h)) {
    doc.text(`Phone: ${h.phone}`)
    if (h.email) doc.text(`Email: ${h.email}`)
    doc.text(`Write to: ${[l.officer.name, h.office, ...h.addressLines].join(', ')}`)
  } else doc.text(`Write to me, ${l.officer.name}, at ${h.office}, ${h.organisation}.`)
  doc.text(`Please give our reference: ${l.reference}`)
}

/**
 * The letter as a PDF.
 *
 * @example
 * const bytes = await victimLetterPdf({ kind: 'release', releasedOn: '2026-12-04', … })
 */
export function victimLetterPdf(l: VictimLetter): Promise<Buffer> {
  return renderPdf({ title: letterKindText(l.kind), author: l.officer.name }, doc => {
    letterhead(doc, l.officer.letterhead)
    doc.moveDown(2).fontSize(11).text(l.victim.name)
    for (const line of l.victim.addressLines) doc.text(line)
    doc
      .moveDown()
      .text(`Date: ${formatDate(l.date)}`)
      .text(`Our reference: ${l.reference}`)
      .moveDown()
    doc.fontSize(14).font('Helvetica-Bold').text(HEADINGS[l.kind]).moveDown(0.5)
    doc.fontSize(11).font('Helvetica').text(`Dear ${l.victim.name},`).moveDown()
    if (l.kind === 'introduction') introduction(doc, l)
    else if (l.kind === 'release') release(doc, l)
    else conditions(doc, l)
    contactBlock(doc, l)
    doc.moveDown().text('Yours sincerely,').moveDown(2)
    doc.text(l.officer.name).text('Victim liaison officer').text(l.officer.letterhead.office)
  })
}

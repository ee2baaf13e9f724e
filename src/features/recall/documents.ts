import { renderPdf, type PdfDocument } from '../../documents/pdf.ts'
import { formatDate } from '../../web/filters.ts'

/**
 * The recall documents, pre-filled from the record: the Part A recall report (reference-systems.md §6 row 47) and the
 * decision-not-to-recall letter. Their bytes are stored with the recall, so what was sent can be printed again.
 */

export interface PartA {
  person: { name: string; crn: string; dateOfBirth: string | null; pnc: string | null; prisonNumber: string | null }
  sentence: { date: string; length: string; offences: string[]; licenceEnds: string | null; releasedOn: string | null }
  grounds: string[]
  concern: string
  consultation: { senior: string; on: string; notes: string | null }
  rationale: string
  alternatives: string
  decision: string
  decisionReason: string | null
  fixedTerm: string | null
  decidedBy: string
  decidedOn: string
  /** Who countersigned and when; null while a signature is still to be given. */
  countersignatures?: { senior: Signature | null; aco: Signature | null }
}

export interface Signature {
  name: string
  on: string
}

const signed = (s: Signature | null | undefined) => (s ? `signed by ${s.name} on ${date(s.on)}` : 'to be signed')

const section = (doc: PdfDocument, heading: string, ...lines: string[]) => {
  doc.font('Helvetica-Bold').fontSize(12).text(heading)
  doc.font('Helvetica').fontSize(11)
  for (const line of lines) doc.text(line)
  doc.moveDown()
}

const date = (iso: string | null) => (iso ? formatDate(iso) : 'not recorded')

export function partAReport(a: PartA): Promise<Buffer> {
  return renderPdf({ title: `Part A recall report – ${a.person.crn}` }, doc => {
    doc.font('Helvetica-Bold').fontSize(16).text('Part A: recall report')
    doc.font('Helvetica').fontSize(11).text('For the Public Protection Casework Section (PPCS)').moveDown()
    section(
      doc,
      'The person',
      `Name: ${a.person.name}`,
      `CRN: ${a.person.crn}`,
      `Date of birth: ${date(a.person.dateOfBirth)}`,
      `PNC: ${a.person.pnc ?? 'not recorded'}`,
      `Prison number: ${a.person.prisonNumber ?? 'not recorded'}`,
    )
    section(
      doc,
      'The sentence',
      `Sentenced on ${date(a.sentence.date)} to ${a.sentence.length}`,
      `Offences: ${a.sentence.offences.join('; ') || 'not recorded'}`,
      `Released on ${date(a.sentence.releasedOn)}; licence ends ${date(a.sentence.licenceEnds)}`,
    )
    section(doc, 'Grounds for recall', ...a.grounds, a.concern)
    section(
      doc,
      'Consultation with a senior',
      `${a.consultation.senior} on ${date(a.consultation.on)}`,
      a.consultation.notes ?? '',
    )
    section(doc, 'Rationale', a.rationale)
    section(doc, 'Alternatives to recall tried', a.alternatives)
    section(
      doc,
      'Recommendation',
      a.decision,
      ...(a.fixedTerm ? [a.fixedTerm] : []),
      ...(a.decisionReason ? [a.decisionReason] : []),
      `Decided by ${a.decidedBy} on ${date(a.decidedOn)}`,
    )
    section(
      doc,
      'Countersignatures',
      `Senior (first countersignature): ${signed(a.countersignatures?.senior)}`,
      'Assistant chief officer (second countersignature, given by a senior or an administrator standing for the ACO): ' +
        signed(a.countersignatures?.aco),
    )
  })
}

export interface NoRecallLetter {
  name: string
  crn: string
  letterDate: string
  rationale: string
  sender: string
}

export function noRecallLetter(l: NoRecallLetter): Promise<Buffer> {
  return renderPdf({ title: `Decision not to recall – ${l.crn}` }, doc => {
    doc.font('Helvetica-Bold').fontSize(14).text('Decision not to recall you to prison')
    doc.font('Helvetica').fontSize(11).moveDown()
    doc.text(formatDate(l.letterDate)).text(`Reference: ${l.crn}`).moveDown()
    doc.text(`Dear ${l.name},`).moveDown()
    doc.text('We looked at whether to recall you to prison.')
    doc.text('We have decided not to recall you this time.').moveDown()
    doc.text(`Why: ${l.rationale}`).moveDown()
    doc.text('You must keep to all your licence conditions.')
    doc.text('If you break them again, you may be recalled to prison.').moveDown()
    doc.text('Yours sincerely,').text(l.sender)
  })
}

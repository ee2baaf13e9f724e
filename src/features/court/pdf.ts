import { renderPdf } from '../../documents/pdf.ts'
import { conclusionText, type ReportSections } from './reference-data.ts'
import type { PersonSummary, ReportSummary } from './types.ts'

const SECTION_TITLES: [keyof ReportSections, string][] = [
  ['offenceAnalysis', 'Offence analysis'],
  ['thePerson', 'The person'],
  ['risk', 'Risk of harm and reoffending'],
  ['proposal', 'Sentencing proposal'],
  ['sources', 'Sources of information'],
]

const ukDate = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      )
    : ''

/** The pre-sentence report as the court receives it. A draft says so on every page's heading. */
export async function renderReportPdf(input: {
  person: PersonSummary
  report: ReportSummary
  sections: ReportSections
  versionNumber: number
  completedAt: Date | null
  completedBy: string | null
}): Promise<Uint8Array> {
  const { person, report, sections } = input
  const name = [person.forename, person.middleNames, person.surname].filter(Boolean).join(' ')
  return renderPdf({ title: `Pre-sentence report – ${name}`, author: input.completedBy ?? 'Probity' }, doc => {
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(input.completedAt ? 'Pre-sentence report' : 'Pre-sentence report (DRAFT)')
    doc.moveDown(0.5)
    doc.font('Helvetica').fontSize(11)
    const rows: [string, string][] = [
      ['Name', name],
      ['Date of birth', ukDate(person.dateOfBirth)],
      ['CRN', person.crn],
      ['Type of report', report.reportTypeText],
      [
        'Court',
        report.court
          ? `${report.court}${report.hearingDate ? `, hearing of ${ukDate(report.hearingDate)}` : ''}`
          : 'Not recorded',
      ],
      ['Requested', ukDate(report.requestedDate)],
      ['Due', ukDate(report.dueDate)],
      ['Author', report.author ?? 'Not assigned'],
    ]
    for (const [label, value] of rows) {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value)
    }
    for (const [key, title] of SECTION_TITLES) {
      doc.moveDown()
      doc.font('Helvetica-Bold').fontSize(14).text(title)
      doc.moveDown(0.3)
      doc
        .font('Helvetica')
        .fontSize(11)
        .text(sections[key]?.trim() || 'Not written.')
      const conclusions = conclusionText(sections)
      const structured: [string, string | null][] =
        key === 'risk'
          ? [['Risk of serious harm assessed in this report', conclusions.roshLevel ?? 'Not given']]
          : key === 'proposal'
            ? [
                ['Proposed sentence', conclusions.proposedSentence ?? 'Not given'],
                ['Proposed to be managed by', conclusions.proposedProvider],
              ]
            : []
      for (const [label, value] of structured) {
        if (value === null) continue
        doc.moveDown(0.3)
        doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value)
      }
    }
    doc.moveDown()
    doc
      .fontSize(9)
      .fillColor('#505a5f')
      .text(
        input.completedAt
          ? `Completed by ${input.completedBy ?? 'Probity'} on ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(input.completedAt)} (version ${input.versionNumber}).`
          : `Draft, version ${input.versionNumber}. Not for the court until completed.`,
      )
  })
}

import { renderPdf } from '../../documents/pdf.ts'
import { STANDARD_CONDITIONS_SOURCE } from '../../domain/licences/index.ts'
import { formatDate } from '../../web/filters.ts'
import type { VersionView } from './presenters.ts'
import type { PersonRow } from './queries.ts'

/** The licence as it is printed for the person to sign: a version not yet approved says DRAFT in its heading. */
export async function renderLicencePdf(person: PersonRow, version: VersionView): Promise<Buffer> {
  const name = [person.forename, person.middle_names, person.surname].filter(Boolean).join(' ')
  const approved = version.status === 'approved'
  return renderPdf({ title: `Licence – ${name}`, author: version.decidedBy ?? 'Probity' }, doc => {
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(approved ? 'Licence' : `Licence (DRAFT – ${version.statusText.toLowerCase()})`)
    doc.moveDown(0.5).font('Helvetica').fontSize(11)
    const rows: [string, string][] = [
      ['Name', name],
      ['Date of birth', formatDate(person.date_of_birth)],
      ['CRN', person.crn],
      ['Version', `${version.versionNumber} (${version.kindText.toLowerCase()})`],
      ['Licence period', version.periodText ?? 'Set when the licence is approved'],
    ]
    if (version.variationReason) rows.push(['Reason for the variation', version.variationReason])
    for (const [label, value] of rows)
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value)
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text('Standard conditions')
    doc.moveDown(0.3).font('Helvetica').fontSize(11).text('While under supervision you must:')
    version.standard.forEach((text, i) => doc.text(`${i + 1}. ${text}`, { indent: 10 }))
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text('Additional conditions')
    doc.moveDown(0.3).font('Helvetica').fontSize(11)
    if (version.additional.length === 0) doc.text('None.')
    version.additional.forEach((c, i) => {
      doc.font('Helvetica-Bold').text(`${version.standard.length + i + 1}. ${c.category}`)
      doc.font('Helvetica').text(c.wording, { indent: 10 })
    })
    doc.moveDown()
    doc
      .fontSize(9)
      .fillColor('#505a5f')
      .text(
        approved
          ? `Approved by ${version.decidedBy ?? 'a senior'} on ${version.decidedAtText ?? ''}.`
          : 'Not in force until approved by a senior.',
      )
      .text(`Standard conditions: ${STANDARD_CONDITIONS_SOURCE}.`)
  })
}

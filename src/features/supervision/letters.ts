import { renderPdf, type PdfDocument } from '../../documents/pdf.ts'
import { formatDate } from '../../web/filters.ts'

/**
 * Letters to the person, filled from the record: appointment letters, warning letters and breach letters. Each is a
 * PDF whose bytes are stored with the record (documents table), so what was sent can always be printed again.
 *
 * The warning letter says what rules-and-outcomes.md §3.1 requires a warning to say: it describes the failure,
 * states it is unacceptable, says a further failure within 12 months beginning with the warning date makes the
 * person liable to be brought before a court, and gives the date by which to explain (the 7 days).
 */

export interface LetterPerson {
  name: string
  crn: string
  addressLines: string[]
}

export interface LetterSender {
  name: string
  team: string | null
  provider: string | null
}

function header(doc: PdfDocument, person: LetterPerson, sender: LetterSender, letterDate: string, title: string) {
  doc.fontSize(10).text(sender.provider ?? 'Probation Service', { align: 'right' })
  if (sender.team) doc.text(sender.team, { align: 'right' })
  doc.moveDown(2)
  doc.fontSize(11).text(person.name)
  for (const line of person.addressLines) doc.text(line)
  doc.moveDown()
  doc.text(`Date: ${formatDate(letterDate)}`)
  doc.text(`Our reference: ${person.crn}`)
  doc.moveDown()
  doc.fontSize(14).text(title)
  doc.moveDown(0.5)
  doc.fontSize(11)
}

function signOff(doc: PdfDocument, sender: LetterSender) {
  doc.moveDown()
  doc.text('Yours sincerely,')
  doc.moveDown(2)
  doc.text(sender.name)
  doc.text('Probation practitioner')
}

export interface AppointmentLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  appointments: { type: string; date: string; time: string; location: string; withWhom: string }[]
}

export function appointmentLetter(l: AppointmentLetter): Promise<Buffer> {
  return renderPdf({ title: 'Appointment letter', author: l.sender.name }, doc => {
    header(doc, l.person, l.sender, l.letterDate, l.appointments.length > 1 ? 'Your appointments' : 'Your appointment')
    doc.text(`Dear ${l.person.name},`)
    doc.moveDown()
    doc.text(
      l.appointments.length > 1
        ? 'You must attend each of the appointments below as part of your supervision.'
        : 'You must attend the appointment below as part of your supervision.',
    )
    doc.moveDown()
    for (const a of l.appointments) {
      doc.text(`${a.type}: ${formatDate(a.date)} at ${a.time}`)
      doc.text(`Place: ${a.location}`)
      doc.text(`With: ${a.withWhom}`)
      doc.moveDown(0.5)
    }
    doc.moveDown()
    doc.text(
      'If you cannot attend, contact us before the appointment and tell us why. You may be asked for evidence, ' +
        'for example a letter from your doctor or employer. Missing an appointment without an acceptable reason is ' +
        'a failure to comply and may lead to a warning or to being returned to court.',
    )
    signOff(doc, l.sender)
  })
}

export interface WarningLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  failure: { type: string; date: string; time: string; outcome: string }
  order: string
  explainBy: string
  windowEnds: string | null
}

export function warningLetter(l: WarningLetter): Promise<Buffer> {
  return renderPdf({ title: 'Warning letter', author: l.sender.name }, doc => {
    header(doc, l.person, l.sender, l.letterDate, 'Warning: failure to comply with your order')
    doc.text(`Dear ${l.person.name},`)
    doc.moveDown()
    doc.text(
      `You did not comply with your ${l.order}. On ${formatDate(l.failure.date)} at ${l.failure.time} you were ` +
        `required to attend a ${l.failure.type.toLowerCase()} and the outcome was recorded as: ${l.failure.outcome}.`,
    )
    doc.moveDown()
    doc.text('This failure is unacceptable. This letter is a formal warning.')
    doc.moveDown()
    doc.text(
      `If you fail to comply again within 12 months beginning with the date of this warning` +
        `${l.windowEnds ? ` (that is, on or before ${formatDate(l.windowEnds)})` : ''}, you will be liable to be ` +
        'brought back before the court, which may impose a more demanding sentence.',
    )
    doc.moveDown()
    doc.text(
      `If you had a reasonable excuse, you must contact us and give us your explanation and any evidence by ` +
        `${formatDate(l.explainBy)}.`,
    )
    signOff(doc, l.sender)
  })
}

export interface BreachLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  order: string
  failures: { type: string; date: string; outcome: string }[]
  warningDate: string | null
}

export function breachLetter(l: BreachLetter): Promise<Buffer> {
  return renderPdf({ title: 'Breach letter', author: l.sender.name }, doc => {
    header(doc, l.person, l.sender, l.letterDate, 'Breach of your order: return to court')
    doc.text(`Dear ${l.person.name},`)
    doc.moveDown()
    doc.text(
      `You have failed again to comply with your ${l.order}` +
        `${l.warningDate ? ` after the warning given on ${formatDate(l.warningDate)}` : ''}. The failures are:`,
    )
    doc.moveDown(0.5)
    for (const f of l.failures) doc.text(`• ${formatDate(f.date)}: ${f.type} – ${f.outcome}`)
    doc.moveDown()
    doc.text(
      'We are starting breach proceedings: you will be brought back before the court, which will decide what happens ' +
        'next. We will tell you the date and place of the hearing. You must keep attending your appointments until then.',
    )
    signOff(doc, l.sender)
  })
}

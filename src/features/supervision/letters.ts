import type { PdfDocument } from '../../documents/pdf.ts'
import { renderLetter, type Letterhead } from '../../documents/letter.ts'
import { formatDate } from '../../web/filters.ts'

/**
 * Letters to the person, filled from the record: appointment letters, warning letters and breach letters. Each is a
 * PDF whose bytes are stored with the record (documents table), so what was sent can always be printed again. Each
 * carries the team's letterhead and "How to contact us" (src/documents/letter.ts), dates in words, and plain words:
 * short sentences a reader of 9 to 11 can follow (src/documents/readability.ts measures them in the tests).
 *
 * The warning letter says what rules-and-outcomes.md §3.1 requires a warning to say: it describes the failure,
 * states it is unacceptable, says a further failure within 12 months beginning with the warning date makes the
 * person liable to be brought before a court, and gives the date by which to explain (the 7 days). A licence warning
 * (first, second, final: §3.2) says instead that breaking the licence again can lead to recall to prison, and a PSS
 * warning names the magistrates' court and its powers (§3.2 "PSS breach").
 */

export interface LetterPerson {
  name: string
  crn: string
  addressLines: string[]
}

export interface LetterSender {
  /** The practitioner who signs the letter. */
  name: string
  letterhead: Letterhead
}

const frame = (person: LetterPerson, sender: LetterSender, date: string, title: string, heading: string) => ({
  title,
  letterhead: sender.letterhead,
  recipient: { name: person.name, addressLines: person.addressLines },
  date,
  reference: person.crn,
  heading,
  signedBy: { name: sender.name, role: 'Probation officer' },
})

const para = (doc: PdfDocument, ...lines: string[]) => {
  for (const line of lines) doc.text(line)
  doc.moveDown()
}

export interface AppointmentLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  appointments: { type: string; date: string; time: string; location: string; withWhom: string }[]
}

export function appointmentLetter(l: AppointmentLetter): Promise<Buffer> {
  const many = l.appointments.length > 1
  const heading = many ? 'Your appointments' : 'Your appointment'
  return renderLetter(frame(l.person, l.sender, l.letterDate, 'Appointment letter', heading), doc => {
    para(doc, many ? 'You must come to all of these appointments.' : 'You must come to this appointment.')
    for (const a of l.appointments) {
      doc.font('Helvetica-Bold').text(`${formatDate(a.date)} at ${a.time}`)
      doc.font('Helvetica').text(`What: ${a.type}`)
      doc.text(`Where: ${a.location}`)
      if (a.withWhom) doc.text(`Who with: ${a.withWhom}`)
      doc.moveDown(0.5)
    }
    doc.moveDown(0.5)
    para(doc, 'Bring this letter with you.')
    para(
      doc,
      'If you cannot come, tell us before the appointment.',
      'Tell us why you cannot come.',
      'We may ask for proof, like a note from your doctor or your boss.',
    )
    para(doc, 'If you miss an appointment without a good reason, you may get a warning.', 'You could go back to court.')
  })
}

/**
 * What a further failure leads to, as the letter says it: the court for an order (§3.1 "Statutory warning"); recall
 * to prison for a licence, with the first, second or final warning named (§3.2 "Licence warnings"); the magistrates'
 * court and its PSS powers for post-sentence supervision (§3.2 "PSS breach": no recall).
 */
export type WarningConsequence = { kind: 'court' } | { kind: 'recall'; warningNumber: number } | { kind: 'pss_court' }

export interface WarningLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  failure: { type: string; date: string; time: string; outcome: string }
  order: string
  explainBy: string
  windowEnds: string | null
  /** Defaults to the court (a community order or SSO). */
  consequence?: WarningConsequence
}

const WARNING_NAMES = ['first', 'second', 'final']

function warningHeading(l: WarningLetter): string {
  const c = l.consequence
  if (c?.kind === 'recall') {
    const name = WARNING_NAMES[Math.min(c.warningNumber, 3) - 1] ?? 'final'
    return `${name[0].toUpperCase()}${name.slice(1)} warning: you did not keep to your licence`
  }
  return `Warning: you did not keep to your ${l.order}`
}

function consequenceLines(l: WarningLetter): string[] {
  const c = l.consequence ?? { kind: 'court' }
  if (c.kind === 'recall') {
    return [
      c.warningNumber >= 3
        ? 'This is your final warning.'
        : 'Do not miss another appointment or break your licence again.',
      'If you break your licence conditions again, you may be recalled to prison.',
      'Recall means you go back to prison to serve more of your sentence.',
    ]
  }
  const window = [
    'Do not miss another appointment or break the rules again in the next 12 months.',
    l.windowEnds ? `That means up to and including ${formatDate(l.windowEnds)}.` : 'The 12 months start today.',
  ]
  if (c.kind === 'pss_court') {
    return [
      ...window,
      'If you do, you may have to go to the magistrates’ court.',
      'The court could send you to prison for up to 14 days or give you a fine.',
      'Or it could give you unpaid work or a curfew.',
    ]
  }
  return [...window, 'If you do, you may have to go back to court.', 'The court could give you a harder sentence.']
}

export function warningLetter(l: WarningLetter): Promise<Buffer> {
  return renderLetter(frame(l.person, l.sender, l.letterDate, 'Warning letter', warningHeading(l)), doc => {
    para(
      doc,
      `You had an appointment on ${formatDate(l.failure.date)} at ${l.failure.time}.`,
      `It was: ${l.failure.type.toLowerCase()}.`,
      `What happened: ${l.failure.outcome.toLowerCase()}.`,
    )
    para(doc, 'We have decided this was unacceptable.', 'This letter is a formal warning.')
    para(doc, ...consequenceLines(l))
    para(
      doc,
      'Did you have a good reason?',
      `If you did, tell us by ${formatDate(l.explainBy)}.`,
      'Send us any proof you have.',
    )
  })
}

export interface BreachLetter {
  person: LetterPerson
  sender: LetterSender
  letterDate: string
  order: string
  failures: { type: string; date: string; outcome: string }[]
  warningDate: string | null
  /** The day by which to give a good reason: 7 days from the letter. */
  explainBy: string | null
}

export function breachLetter(l: BreachLetter): Promise<Buffer> {
  return renderLetter(frame(l.person, l.sender, l.letterDate, 'Breach letter', 'You are going back to court'), doc => {
    para(
      doc,
      `You have not kept to your ${l.order}.`,
      l.warningDate
        ? `We gave you a warning on ${formatDate(l.warningDate)}, and it has happened again.`
        : 'This is serious, so we are not giving you a warning first.',
    )
    doc.text('These are the times:')
    for (const f of l.failures) doc.text(`• ${formatDate(f.date)}: ${f.type.toLowerCase()}. ${f.outcome}.`)
    doc.moveDown()
    para(
      doc,
      'So we are taking you back to court.',
      'The court will decide what happens next.',
      'We will tell you the date and place of the court hearing.',
    )
    para(doc, 'You must still come to all your appointments until then.')
    if (l.explainBy)
      para(
        doc,
        'Did you have a good reason?',
        `If you did, tell us by ${formatDate(l.explainBy)}.`,
        'Send us any proof you have.',
      )
  })
}

import type { Executor } from '../../access/person-access.ts'
import type { RoshLevelColumn } from '../../db/schema.ts'
import type { FieldError } from '../../errors.ts'
import { lookupOffenceCode } from '../../domain/risk/index.ts'
import { formatDate } from '../../web/filters.ts'
import { findCurrentAddressLines } from '../people/index.ts'
import { registerType, registrationList, roshHistory, scoreHistory, tierHistory } from '../risk/index.ts'
import * as q from './queries.ts'
import {
  type CONCLUSION_FIELDS,
  PROPOSED_PROVIDER_OPTIONS,
  PROPOSED_SENTENCE_OPTIONS,
  REPORT_SECTIONS,
  ROSH_LEVEL_OPTIONS,
  SECTION_MAX,
  SUPERVISED_SENTENCES,
  type ReportSections,
} from './reference-data.ts'
import type { PersonSummary } from './types.ts'

/** A report's content: the record facts it is pre-filled from, the first draft, and sections as saved or posted. */

/**
 * What the report is pre-filled from: the person's current address, the offences of the event the report is for (the
 * event linked to the report or its hearing, else the one awaiting sentence), the court and hearing, previous
 * convictions and orders, and the current risk.
 */
export async function recordFacts(
  trx: Executor,
  personId: number,
  report: { event_id: number | null; hearing_id: number | null },
) {
  const [events, sentences, rosh, registrations, scores, tiers, hearing, address] = await Promise.all([
    q.eventsForPerson(trx, personId),
    q.sentencesForPerson(trx, personId),
    roshHistory(trx, personId),
    registrationList(trx, personId),
    scoreHistory(trx, personId),
    tierHistory(trx, personId),
    report.hearing_id ? q.findHearing(trx, report.hearing_id) : Promise.resolve(undefined),
    findCurrentAddressLines(trx, personId),
  ])
  const eventId = report.event_id ?? hearing?.event_id ?? events.find(e => e.status === 'pre_sentence')?.id ?? null
  const current = events.find(e => e.id === eventId) ?? null
  const offences = eventId ? await q.offencesOnEvent(trx, eventId) : []
  const latestScores = new Map<string, (typeof scores)[number]>()
  for (const s of scores) if (!latestScores.has(s.algorithm)) latestScores.set(s.algorithm, s)
  return {
    address: address ? addressText(address) : null,
    event: current
      ? { number: current.event_number, convicted: current.conviction_date, court: current.court_name }
      : null,
    offences: offences.map(o => ({
      code: o.offence_code,
      description: o.description ?? offenceCategory(o.offence_code),
      date: o.offence_date,
      main: o.is_main,
      count: o.offence_count,
    })),
    charge: hearing
      ? {
          text: hearing.charge,
          offenceCode: hearing.offence_code,
          court: hearing.court_name,
          date: hearing.hearing_date,
        }
      : null,
    previousConvictions: events
      .filter(e => e.id !== eventId && e.conviction_date)
      .map(e => ({
        number: e.event_number,
        convicted: e.conviction_date as string,
        court: e.court_name,
        offence: e.offence_code
          ? `${e.offence_code} ${e.offence_description ?? offenceCategory(e.offence_code) ?? ''}`.trim()
          : null,
      })),
    previousOrders: sentences.map(s => ({
      type: s.sentence_type.replace(/_/g, ' '),
      date: s.sentence_date,
      length: s.length_value ? `${s.length_value} ${s.length_unit}` : null,
      ended: s.terminated_date,
      terminationReason: s.termination_reason,
    })),
    rosh: rosh[0]
      ? { code: rosh[0].overall_level, level: rosh[0].overall_level.replace('_', ' '), date: rosh[0].assessment_date }
      : null,
    registrations: registrations
      .filter(r => r.deregistered_date === null)
      .map(r => ({
        code: r.type_code,
        text: registerType(r.type_code)?.description ?? r.type_code,
        mappa: r.mappa_category ? `category ${r.mappa_category}, level ${r.mappa_level ?? '?'}` : null,
        since: r.registered_date,
      })),
    scores: [...latestScores.values()].map(s => ({
      algorithm: s.algorithm.toUpperCase(),
      score: s.score,
      band: s.band,
      on: s.calculated_on,
    })),
    tier: tiers[0] ? { tier: tiers[0].tier, on: tiers[0].calculated_on } : null,
  }
}
export type RecordFacts = Awaited<ReturnType<typeof recordFacts>>

/** An offence code's category in words (the offence list has no descriptions), or null for an unknown code. */
function offenceCategory(code: string): string | null {
  const found = lookupOffenceCode(code)
  return found ? (found.ogrs3Category ?? found.snsvCategory) : null
}

const addressText = (a: NonNullable<Awaited<ReturnType<typeof findCurrentAddressLines>>>) =>
  a.status === 'no_fixed_abode'
    ? 'No fixed abode'
    : [a.building, a.street, a.district, a.town, a.county, a.postcode].filter(Boolean).join(', ')

/** Dates in prose, as the court reads them: "11 December 2026". */
const day = (iso: string | null | undefined) => formatDate(iso)

/** The offences section: the event's offences (else the listed charge), with the conviction and court. */
function offenceLines(facts: RecordFacts): string[] {
  const lines = facts.offences.map(
    o =>
      `${o.main ? 'Main offence' : 'Other offence'}: ${o.code}${o.description ? ` ${o.description}` : ''}${o.date ? ` (committed ${day(o.date)})` : ''}${o.count > 1 ? `, ${o.count} counts` : ''}`,
  )
  if (lines.length === 0 && facts.charge?.text)
    lines.push(
      `Charge as listed: ${facts.charge.text}${facts.charge.offenceCode ? ` (offence code ${facts.charge.offenceCode})` : ''}`,
    )
  if (facts.event?.convicted)
    lines.push(`Convicted on ${day(facts.event.convicted)}${facts.event.court ? ` at ${facts.event.court}` : ''}.`)
  if (facts.charge) lines.push(`Hearing: ${facts.charge.court}, ${day(facts.charge.date)}.`)
  return lines
}

/** The person section: who they are, where they live, previous convictions and orders. */
function personLines(person: PersonSummary, facts: RecordFacts): string[] {
  const previous = facts.previousConvictions.length
    ? facts.previousConvictions.map(
        c =>
          `- ${day(c.convicted)}${c.court ? `, ${c.court}` : ''}${c.offence ? `: ${c.offence}` : ''} (event ${c.number})`,
      )
    : ['None on the record.']
  const orders = facts.previousOrders.length
    ? facts.previousOrders.map(
        o =>
          `- ${o.type}, ${day(o.date)}${o.length ? `, ${o.length}` : ''}${o.ended ? `, ended ${day(o.ended)}${o.terminationReason ? ` (${o.terminationReason.replace(/_/g, ' ')})` : ''}` : ', current'}`,
      )
    : ['No previous orders on the record.']
  const name = [person.forename, person.middleNames, person.surname].filter(Boolean).join(' ')
  return [
    `${name}, born ${day(person.dateOfBirth)}.`,
    ...(facts.address ? [`Address: ${facts.address}.`] : []),
    `Previous convictions (${facts.previousConvictions.length}):`,
    ...previous,
    'Previous orders:',
    ...orders,
  ]
}

/** The risk section: the latest RoSH, registrations, scores and tier, each with its date. */
function riskLines(facts: RecordFacts): string[] {
  return [
    facts.rosh
      ? `Risk of serious harm: ${facts.rosh.level} (assessed ${day(facts.rosh.date)}).`
      : 'No RoSH assessment on the record.',
    ...facts.registrations.map(r => `Registered: ${r.text}${r.mappa ? ` (${r.mappa})` : ''} since ${day(r.since)}.`),
    ...facts.scores.map(
      s =>
        `${s.algorithm}: ${s.score === null ? 'not scored' : `${s.score}%`}${s.band ? ` (${s.band.toLowerCase().replace(/_/g, ' ')})` : ''}, calculated ${day(s.on)}.`,
    ),
    ...(facts.tier ? [`Tier: ${facts.tier.tier} (calculated ${day(facts.tier.on)}).`] : []),
  ]
}

/** The first draft, written from the record so nothing is typed twice; dates in prose. */
export function prefill(person: PersonSummary, facts: RecordFacts): ReportSections {
  const sources = [
    `Probity case record, CRN ${person.crn}.`,
    ...(facts.charge ? [`Court listing: ${facts.charge.court}, ${day(facts.charge.date)}.`] : []),
    ...(facts.rosh ? [`RoSH assessment of ${day(facts.rosh.date)}.`] : []),
    ...(facts.previousConvictions.length ? ['Previous convictions on the case record.'] : []),
    ...(facts.previousOrders.length ? ['Previous orders on the case record.'] : []),
  ]
  return {
    offenceAnalysis: offenceLines(facts).join('\n'),
    thePerson: personLines(person, facts).join('\n'),
    risk: riskLines(facts).join('\n'),
    proposal: '',
    sources: sources.join('\n'),
    // The level the latest assessment gave: the writer confirms or changes it.
    roshLevel: facts.rosh?.code ?? '',
    proposedSentence: '',
    proposedProvider: '',
  }
}

/** A saved version's sections; versions saved before the conclusions existed get the assessment's RoSH level. */
export function savedSections(
  saved: unknown,
  facts: { rosh: { code: RoshLevelColumn } | null } | null,
): ReportSections {
  const s = saved as Partial<ReportSections>
  return {
    ...(s as ReportSections),
    roshLevel: s.roshLevel ?? facts?.rosh?.code ?? '',
    proposedSentence: s.proposedSentence ?? '',
    proposedProvider: s.proposedProvider ?? '',
  }
}

export function parseSections(input: Partial<Record<string, unknown>>, errors: FieldError[]): ReportSections {
  const sections = {} as ReportSections
  for (const s of REPORT_SECTIONS) {
    const value = input[s.key]
    const text = typeof value === 'string' ? value.replace(/\r\n/g, '\n') : ''
    if (value !== undefined && typeof value !== 'string')
      errors.push({ field: s.key, message: `${s.title} must be text` })
    if (text.length > SECTION_MAX)
      errors.push({
        field: s.key,
        message: `${s.title} must be ${SECTION_MAX.toLocaleString('en-GB')} characters or fewer`,
      })
    sections[s.key] = text
  }
  const choice = <T extends string>(
    field: (typeof CONCLUSION_FIELDS)[number],
    options: { code: T }[],
    label: string,
  ): T | '' => {
    const value = input[field]
    if (value === undefined || value === null || value === '') return ''
    if (typeof value !== 'string' || !options.some(o => o.code === value)) {
      errors.push({ field, message: `Select ${label} from the list` })
      return ''
    }
    return value as T
  }
  sections.roshLevel = choice('roshLevel', ROSH_LEVEL_OPTIONS, 'the RoSH level the report assesses')
  sections.proposedSentence = choice('proposedSentence', PROPOSED_SENTENCE_OPTIONS, 'the proposed sentence')
  sections.proposedProvider = choice('proposedProvider', PROPOSED_PROVIDER_OPTIONS, 'who should manage the order')
  // A provider is only proposed for an order served in the community.
  if (sections.proposedSentence && !SUPERVISED_SENTENCES.includes(sections.proposedSentence))
    sections.proposedProvider = ''
  return sections
}

import { ChronoUnit, LocalDate } from '@js-joda/core'
import { releaseTypeText } from '../../domain/custody/index.ts'
import { additionalConditionType } from '../../domain/licences/index.ts'
import { RECALL_DECISIONS } from '../../domain/recall/index.ts'

/**
 * Which events in the offender's record the victim is entitled to hear of (rules-and-outcomes.md §3.4: key stages
 * such as a move to open conditions and release, the licence conditions and their end date), and the facts a task
 * carries for the victim liaison officer. Pure: built from the outbox event's payload, never from where the offender
 * lives or is held (a move keeps its date, never the prison).
 */

/** The outbox events that make a task. */
export const KEY_EVENT_TYPES = [
  'person.sentenced',
  'person.custody.moved',
  'person.parole.hearing-listed',
  'person.parole.decided',
  'person.released',
  'licence.approved',
  'licence.varied',
  'recall.decided',
  'recall.returned-to-custody',
] as const

export type VictimTaskKind =
  'sentence' | 'custody_move' | 'parole' | 'release' | 'licence_conditions' | 'recall' | 'licence_end'

/** A condition the officer asked for, as it stands now (not withdrawn). */
export interface RequestedCondition {
  code: string
  wording: string
}

/** What a task tells the officer: what happened, its dates, and the victim-related conditions in force. */
export interface VictimTaskFacts {
  heading: string
  /** The outbox event type, or `licence.end`. */
  event: string
  dates: { label: string; date: string }[]
  notes: string[]
  conditions: { code: string; title: string; wording: string }[]
}

export interface TaskSpec {
  kind: VictimTaskKind
  facts: VictimTaskFacts
  /** Days from today the officer has to act. */
  dueInDays: number
}

/** How long the officer has for each kind of task (days). */
export const TASK_DUE_DAYS: Record<VictimTaskKind, number> = {
  sentence: 10,
  custody_move: 5,
  parole: 5,
  release: 1,
  licence_conditions: 5,
  recall: 2,
  licence_end: 5,
}

/** How soon before the licence ends the officer is told (days). */
export const LICENCE_END_NOTICE_DAYS = 28

export const TASK_KIND_TEXT: Record<VictimTaskKind, string> = {
  sentence: 'Sentence',
  custody_move: 'Move in custody',
  parole: 'Parole',
  release: 'Release',
  licence_conditions: 'Licence conditions',
  recall: 'Recall',
  licence_end: 'End of licence',
}

type Payload = Record<string, unknown>

const str = (p: Payload, key: string): string | null => (typeof p[key] === 'string' ? (p[key] as string) : null)
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v)

function dates(...pairs: [string, string | null | undefined][]) {
  return pairs.filter((p): p is [string, string] => isDate(p[1] ?? null)).map(([label, date]) => ({ label, date }))
}

const facts = (heading: string, event: string, f: Partial<VictimTaskFacts>): VictimTaskFacts => ({
  heading,
  event,
  dates: f.dates ?? [],
  notes: f.notes ?? [],
  conditions: f.conditions ?? [],
})

/** The title of a victim-related condition, as the licence names its category. */
export const conditionTitle = (code: string) => additionalConditionType(code)?.category ?? code

/** The requested conditions whose kind is among the licence's additional conditions. */
export function conditionsInForce(requested: readonly RequestedCondition[], additional: unknown) {
  const codes = Array.isArray(additional) ? additional.filter((a): a is string => typeof a === 'string') : []
  return requested
    .filter(r => codes.includes(r.code))
    .map(r => ({ code: r.code, title: conditionTitle(r.code), wording: r.wording }))
}

function sentenceSpec(p: Payload): TaskSpec | null {
  if (str(p, 'sentenceType') !== 'custodial') return null
  const keyDates = (p.keyDates && typeof p.keyDates === 'object' ? p.keyDates : {}) as Record<string, unknown>
  const key = (k: string) => (typeof keyDates[k] === 'string' ? (keyDates[k] as string) : null)
  return {
    kind: 'sentence',
    dueInDays: TASK_DUE_DAYS.sentence,
    facts: facts('Sentenced to custody', 'person.sentenced', {
      dates: dates(
        ['Sentenced on', str(p, 'sentenceDate')],
        ['Earliest release (parole eligibility)', key('PED')],
        ['Expected release', key('CRD') ?? key('ARD')],
        ['Licence ends', key('SLED') ?? key('LED')],
      ),
    }),
  }
}

function releaseSpec(p: Payload): TaskSpec {
  const type = str(p, 'releaseType')
  return {
    kind: 'release',
    dueInDays: TASK_DUE_DAYS.release,
    facts: facts('Released on licence', 'person.released', {
      dates: dates(['Released on', str(p, 'releasedOn')]),
      notes: type ? [`Release: ${releaseTypeText(type).toLowerCase()}`] : [],
    }),
  }
}

function licenceSpec(type: string, p: Payload, requested: readonly RequestedCondition[]): TaskSpec {
  const varied = type === 'licence.varied'
  const inForce = conditionsInForce(requested, p.additional)
  return {
    kind: 'licence_conditions',
    dueInDays: TASK_DUE_DAYS.licence_conditions,
    facts: facts(varied ? 'Licence conditions varied' : 'Licence conditions set', type, {
      dates: dates(['Licence starts', str(p, 'periodStart')], ['Licence ends', str(p, 'periodEnd')]),
      notes: [
        inForce.length
          ? 'These victim-related conditions you asked for are in force.'
          : 'None of the victim-related conditions you asked for is in force.',
      ],
      conditions: inForce,
    }),
  }
}

function recallSpec(type: string, p: Payload, on: string): TaskSpec | null {
  if (type === 'recall.decided') {
    const decision = str(p, 'decision')
    if (!decision || decision === 'no_recall') return null
    const text = RECALL_DECISIONS.find(d => d.code === decision)?.text ?? decision
    const days = typeof p.fixedTermDays === 'number' ? ` of ${p.fixedTermDays} days` : ''
    return {
      kind: 'recall',
      dueInDays: TASK_DUE_DAYS.recall,
      facts: facts('Recalled to prison', type, { dates: dates(['Decided on', on]), notes: [`${text}${days}`] }),
    }
  }
  return {
    kind: 'recall',
    dueInDays: TASK_DUE_DAYS.recall,
    facts: facts('Returned to custody on recall', type, {
      dates: dates(['Returned to custody on', str(p, 'returnedOn')], ['Re-release due', str(p, 'reReleaseDate')]),
    }),
  }
}

/** A move within custody: a move to open conditions is a step towards release the victim is told of; never where. */
function moveSpec(type: string, p: Payload): TaskSpec {
  const open = p.openConditions === true
  return {
    kind: 'custody_move',
    dueInDays: TASK_DUE_DAYS.custody_move,
    facts: facts(open ? 'Moved to open conditions' : 'Moved within custody', type, {
      dates: dates(['Moved on', str(p, 'movedOn')]),
      notes: [
        open
          ? 'A move to open conditions is a step towards release: tell the victim. Never say where.'
          : 'If this is a move towards release, tell the victim. Never say where.',
      ],
    }),
  }
}

const PAROLE_DECISION_TEXT: Record<string, string> = {
  release: 'The Parole Board directed release',
  no_release: 'The Parole Board did not direct release',
  open_conditions: 'The Parole Board recommended a move to open conditions',
}

/** A parole hearing listed, or its decision: the victim may make a statement before it and is told the outcome. */
function paroleSpec(type: string, p: Payload): TaskSpec {
  const decision = str(p, 'decision')
  const kind = str(p, 'kind') === 'paper' ? 'paper review' : 'oral hearing'
  if (type === 'person.parole.decided')
    return {
      kind: 'parole',
      dueInDays: TASK_DUE_DAYS.parole,
      facts: facts('Parole decision', type, {
        dates: dates(['Hearing on', str(p, 'hearingOn')], ['Decided on', str(p, 'decidedOn')]),
        notes: [
          (decision && PAROLE_DECISION_TEXT[decision]) || 'The Parole Board decided',
          'Tell the victim the outcome before it is public.',
        ],
      }),
    }
  return {
    kind: 'parole',
    dueInDays: TASK_DUE_DAYS.parole,
    facts: facts(`Parole ${kind} listed`, type, {
      dates: dates(['Hearing on', str(p, 'hearingOn')]),
      notes: ['The victim may make a victim personal statement and ask for licence conditions before the hearing.'],
    }),
  }
}

/**
 * The task an outbox event makes, or null when it makes none (a community sentence, a decision not to recall).
 *
 * @example
 * taskFor('person.released', { releasedOn: '2026-12-04', releaseType: 'automatic' }, '2026-12-04', [])?.kind // 'release'
 */
export function taskFor(
  type: string,
  payload: unknown,
  eventDate: string,
  requested: readonly RequestedCondition[],
): TaskSpec | null {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Payload
  switch (type) {
    case 'person.sentenced':
      return sentenceSpec(p)
    case 'person.custody.moved':
      return moveSpec(type, p)
    case 'person.parole.hearing-listed':
    case 'person.parole.decided':
      return paroleSpec(type, p)
    case 'person.released':
      return releaseSpec(p)
    case 'licence.approved':
    case 'licence.varied':
      return licenceSpec(type, p, requested)
    case 'recall.decided':
    case 'recall.returned-to-custody':
      return recallSpec(type, p, eventDate)
    default:
      return null
  }
}

/**
 * The end-of-licence task, when the licence ends within the notice period from today (and has not ended).
 *
 * @example
 * licenceEndTask('2026-12-20', LocalDate.parse('2026-12-07'), [])?.kind // 'licence_end'
 */
export function licenceEndTask(
  licenceEnds: string | null,
  today: LocalDate,
  requested: readonly RequestedCondition[],
): TaskSpec | null {
  if (!isDate(licenceEnds)) return null
  const end = LocalDate.parse(licenceEnds)
  if (end.isBefore(today) || end.isAfter(today.plusDays(LICENCE_END_NOTICE_DAYS))) return null
  return {
    kind: 'licence_end',
    dueInDays: Math.min(TASK_DUE_DAYS.licence_end, ChronoUnit.DAYS.between(today, end)),
    facts: facts('The licence is ending', 'licence.end', {
      dates: dates(['Licence ends', licenceEnds]),
      notes: requested.length ? ['The victim-related conditions end with the licence.'] : [],
      conditions: requested.map(r => ({ code: r.code, title: conditionTitle(r.code), wording: r.wording })),
    }),
  }
}

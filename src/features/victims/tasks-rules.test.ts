import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { identifiesVictim } from './conditions-rules.ts'
import { licenceEndTask, taskFor } from './tasks-rules.ts'

/** The pure rules: which events make a task and with what facts, the licence end window, and what names the victim. */

describe('taskFor', () => {
  it('makes a task of a custodial sentence with its release dates, and none of a community sentence', () => {
    const spec = taskFor(
      'person.sentenced',
      { sentenceType: 'custodial', sentenceDate: '2026-10-08', keyDates: { CRD: '2027-10-07', SLED: '2028-10-07' } },
      '2026-10-08',
      [],
    )
    expect(spec?.facts.dates).toEqual([
      { label: 'Sentenced on', date: '2026-10-08' },
      { label: 'Expected release', date: '2027-10-07' },
      { label: 'Licence ends', date: '2028-10-07' },
    ])
    expect(taskFor('person.sentenced', { sentenceType: 'community_order' }, '2026-10-08', [])).toBeNull()
  })

  it('keeps a move’s date and never the prison', () => {
    const spec = taskFor('person.custody.moved', { prisonCode: 'MDI', movedOn: '2026-12-01' }, '2026-12-01', [])
    expect(spec?.kind).toBe('custody_move')
    expect(JSON.stringify(spec)).not.toContain('MDI')
  })

  it('says a move to open conditions is a step towards release', () => {
    const open = taskFor('person.custody.moved', { movedOn: '2026-12-01', openConditions: true }, '2026-12-01', [])
    const closed = taskFor('person.custody.moved', { movedOn: '2026-12-01', openConditions: false }, '2026-12-01', [])
    expect(open?.facts.heading).toBe('Moved to open conditions')
    expect(closed?.facts.heading).toBe('Moved within custody')
  })

  it('makes a task of a parole hearing listed and of its decision, with the outcome', () => {
    const listed = taskFor(
      'person.parole.hearing-listed',
      { hearingOn: '2027-01-12', kind: 'oral', decision: null, decidedOn: null },
      '2026-12-01',
      [],
    )
    expect(listed?.kind).toBe('parole')
    expect(listed?.facts.heading).toBe('Parole oral hearing listed')
    expect(listed?.facts.dates).toEqual([{ label: 'Hearing on', date: '2027-01-12' }])
    const decided = taskFor(
      'person.parole.decided',
      { hearingOn: '2026-11-20', kind: 'paper', decision: 'no_release', decidedOn: '2026-11-25' },
      '2026-11-25',
      [],
    )
    expect(decided?.facts.heading).toBe('Parole decision')
    expect(decided?.facts.notes[0]).toBe('The Parole Board did not direct release')
    expect(decided?.facts.dates.map(d => d.date)).toEqual(['2026-11-20', '2026-11-25'])
  })

  it('lists only the requested conditions the approved licence includes', () => {
    const spec = taskFor('licence.varied', { additional: ['curfew', 'exclusion_zone'] }, '2026-12-01', [
      { code: 'exclusion_zone', wording: 'Not to enter Hiddenton' },
      { code: 'no_contact_named_person', wording: 'Not to contact the victim' },
    ])
    expect(spec?.facts.heading).toBe('Licence conditions varied')
    expect(spec?.facts.conditions.map(c => c.code)).toEqual(['exclusion_zone'])
  })

  it('makes no task of a decision not to recall', () => {
    expect(taskFor('recall.decided', { decision: 'no_recall' }, '2026-12-01', [])).toBeNull()
    expect(
      taskFor('recall.decided', { decision: 'fixed_term', fixedTermDays: 28 }, '2026-12-01', [])?.facts.notes,
    ).toEqual(['Fixed-term recall of 28 days'])
  })
})

describe('licenceEndTask', () => {
  const today = LocalDate.parse('2026-12-07')
  it('is made within 28 days of the end, not before it and not after the licence ended', () => {
    expect(licenceEndTask('2027-01-04', today, [])?.kind).toBe('licence_end')
    expect(licenceEndTask('2027-01-05', today, [])).toBeNull()
    expect(licenceEndTask('2026-12-06', today, [])).toBeNull()
    expect(licenceEndTask(null, today, [])).toBeNull()
  })
})

describe('identifiesVictim', () => {
  const victim = { forename: 'Ann', surname: 'Lee', addressLine1: '1 Secret Lane', postcode: 'NE1 4XY' }
  it.each([
    ['Not to contact Ms LEE', true],
    ['Not to sleep over', false],
    ['Not to go to 1 secret lane', true],
    ['Keep out of ne14xy', true],
    ['Ann asked to be told', false],
  ])('%s → %s (surname, first address line and postcode)', (text, expected) => {
    expect(identifiesVictim(text, victim)).toBe(expected)
  })
  it('also checks the forename when asked (shared notes)', () => {
    expect(identifiesVictim('Ann asked to be told', victim, { forename: true })).toBe(true)
  })
})

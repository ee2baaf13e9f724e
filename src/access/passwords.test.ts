import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../seed/demo.ts'
import { passwordProblems, PUBLISHED_DEMO_PASSWORD } from './passwords.ts'

/** Issue 12, finding 11: the strength estimator, with the service's own words, refuses guessable passwords. */
describe('password rules', () => {
  it('knows the password the demo publishes', () => {
    expect(PUBLISHED_DEMO_PASSWORD).toBe(DEMO_PASSWORD)
  })

  it.each([
    ['the published demo password', DEMO_PASSWORD],
    ['the demo password without spaces', 'correcthorsebatterystaple'],
    ['the service and a year', 'Probation2026'],
    ['the service name twice', 'ProbityProbity'],
    ['a keyboard run', 'qwertyuiop12'],
    ['a repeat', 'aaaaaaaaaaaa'],
    ['a common password', 'password1234'],
  ])('refuses %s, saying why', (_what, password) => {
    const problems = passwordProblems(password, 'sam.senior')
    expect(problems).toHaveLength(1)
    expect(problems[0]!.field).toBe('password')
    expect(problems[0]!.message).toMatch(/^Password is too easy to guess\. .+/)
  })

  it("refuses the user's own name in a password", () => {
    const [problem] = passwordProblems('Samantha Senior 1975', 'sam.senior', 'password', ['Samantha Senior'])
    expect(problem?.message).toMatch(/too easy to guess/)
  })

  it("explains with the estimator's warning when it has one", () => {
    expect(passwordProblems('aaaaaaaaaaaa')[0]!.message).toContain('Repeated characters')
  })

  it('accepts a strong passphrase', () => {
    expect(passwordProblems('tangerine ferry cobalt nine', 'sam.senior')).toEqual([])
    expect(passwordProblems('lantern orchard pebble', 'pat.practitioner')).toEqual([])
  })

  it('still asks for 12 characters or more first', () => {
    expect(passwordProblems('short')[0]!.message).toContain('12 characters or more')
  })
})

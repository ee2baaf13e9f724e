import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { provisionalStatus, type ProvisionalInputs } from './provisional-status.ts'
import { STEPS, type StepResults } from './tier-v3-types.ts'

interface ComponentCase {
  id: string
  calculation?: string
  inputs: ProvisionalInputs & { stepResults: StepResults }
  expected: { provisional: boolean }
}
const components = JSON.parse(
  readFileSync(new URL('../../../test/vectors/risk-components.json', import.meta.url), 'utf8'),
) as { cases: ComponentCase[] }
const provisionalCases = components.cases.filter(c => c.calculation === 'v3-provisional-step')

describe('v3 provisional rule against risk-components.json (§9.2)', () => {
  it('has the 24 provisional-step cases, naming only known steps', () => {
    expect(provisionalCases).toHaveLength(24)
    for (const c of provisionalCases) {
      for (const step of Object.keys(c.inputs.stepResults)) expect(STEPS).toContain(step)
    }
  })

  it.each(provisionalCases.map(c => [c.id, c] as const))('%s', (_id, c) => {
    const { stepResults, ...inputs } = c.inputs
    const result = provisionalStatus(inputs, stepResults)
    expect(result.provisional).toBe(c.expected.provisional)
    expect(result.lines.length).toBeGreaterThan(0)
  })
})

describe('v3 provisional rule, each clause on its own', () => {
  const dyn = (score: number) => ({ score, type: 'DYNAMIC' as const })
  const stat = (score: number) => ({ score, type: 'STATIC' as const })

  it('does not count the reoffending step toward the RoSH-missing clause when a predictor is static', () => {
    // Step results given directly: the static clause is satisfied (D reaches the best-column D), so only the
    // RoSH-missing clause decides, and it must ignore REOFFENDING because ARP is static.
    const steps: StepResults = { REOFFENDING: 'A', SEXUAL_REOFFENDING: 'D' }
    expect(provisionalStatus({ rosh: null, mappaPresent: false, arp: stat(0), csrp: dyn(0) }, steps).provisional).toBe(
      true,
    )
    expect(provisionalStatus({ rosh: null, mappaPresent: false, arp: dyn(0), csrp: dyn(0) }, steps).provisional).toBe(
      false,
    )
  })

  it('uses the best ARP column for a static ARP and the best CSRP row for a static CSRP', () => {
    // Static ARP with CSRP 1.0: best column gives B, so C from another step is not enough but B is.
    expect(
      provisionalStatus({ rosh: 'LOW', mappaPresent: false, arp: stat(0), csrp: dyn(1) }, { STALKING: 'C' })
        .provisional,
    ).toBe(true)
    expect(
      provisionalStatus({ rosh: 'LOW', mappaPresent: false, arp: stat(0), csrp: dyn(1) }, { LIFER_IPP: 'B' })
        .provisional,
    ).toBe(false)
    // Static CSRP with ARP 50: best row gives B.
    expect(
      provisionalStatus({ rosh: 'LOW', mappaPresent: false, arp: dyn(50), csrp: stat(0) }, { LIFER_IPP: 'B' })
        .provisional,
    ).toBe(false)
    expect(
      provisionalStatus({ rosh: 'LOW', mappaPresent: false, arp: dyn(50), csrp: stat(0) }, { MAPPA_ROSH: 'C' })
        .provisional,
    ).toBe(true)
  })

  it('is not provisional with dynamic predictors and a recorded RoSH, and says so', () => {
    const result = provisionalStatus(
      { rosh: 'MEDIUM', mappaPresent: false, arp: dyn(0), csrp: dyn(0) },
      { REOFFENDING: 'G' },
    )
    expect(result.provisional).toBe(false)
    expect(result.lines[0].text).toBe('not provisional: ARP and CSRP are dynamic and RoSH is recorded')
  })
})

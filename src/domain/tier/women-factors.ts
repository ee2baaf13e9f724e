import type { ExplanationLine } from './explanation.ts'
import type { Assessment } from './tier-v2-types.ts'

/**
 * True when Delius records the person as female, the only case the women's additional factors apply (§9.1).
 *
 * @example
 * isFemale('FEMALE') // true
 */
export function isFemale(gender: string): boolean {
  return gender.trim().toLowerCase() === 'female'
}

/**
 * Women's additional protect points (§9.1): from the assessment, (parenting responsibilities 6.9 answered yes ? 1 : 0)
 * + (impulsivity 11.2 > 0 or temper control 11.4 > 0 ? 1 : 0), times 2 — the two self-control answers count once,
 * not cumulatively; plus 2 for previous enforcement activity (breach or recall). Men and other genders score 0.
 * Returns the points and the explanation lines.
 *
 * @example
 * womenFactorPoints('Female', { needs: {}, womenFactors: { TEMPER_CONTROL: 1, PARENTING_RESPONSIBILITIES: 'YES' } }, false)
 *   .points // 4
 */
export function womenFactorPoints(
  gender: string,
  assessment: Assessment | null,
  previousEnforcementActivity: boolean,
): { points: number; lines: ExplanationLine[] } {
  if (!isFemale(gender)) {
    const anyAnswer = assessment && Object.keys(assessment.womenFactors).length > 0
    return {
      points: 0,
      lines:
        anyAnswer || previousEnforcementActivity
          ? [
              {
                rule: 'v2.protect.women',
                input: gender,
                points: 0,
                text: `gender ${gender}: additional factors for women (parenting, self-control, breach/recall) not applied: 0 protect points`,
                spec: '§9.1',
              },
            ]
          : [],
    }
  }
  const lines: ExplanationLine[] = []
  let points = 0
  if (assessment) {
    const wf = assessment.womenFactors
    const parenting = wf.PARENTING_RESPONSIBILITIES === 'YES' ? 1 : 0
    const selfControl = (wf.IMPULSIVITY ?? 0) > 0 || (wf.TEMPER_CONTROL ?? 0) > 0 ? 1 : 0
    lines.push({
      rule: 'v2.protect.women.parenting',
      input: wf.PARENTING_RESPONSIBILITIES ?? null,
      points: parenting * 2,
      text: `parenting responsibilities (OASys 6.9) ${wf.PARENTING_RESPONSIBILITIES ?? 'not answered'}: ${parenting * 2} protect points`,
      spec: '§9.1',
    })
    lines.push({
      rule: 'v2.protect.women.self-control',
      input: { IMPULSIVITY: wf.IMPULSIVITY ?? null, TEMPER_CONTROL: wf.TEMPER_CONTROL ?? null },
      points: selfControl * 2,
      text:
        `impulsivity (11.2) ${wf.IMPULSIVITY ?? 'not answered'}, temper control (11.4) ${wf.TEMPER_CONTROL ?? 'not answered'}: ` +
        (selfControl
          ? '2 protect points (either answer above 0 counts once)'
          : '0 protect points (an answer above 0 would add 2)'),
      spec: '§9.1',
    })
    points += (parenting + selfControl) * 2
  } else {
    lines.push({
      rule: 'v2.protect.women.assessment',
      input: null,
      points: 0,
      text: 'no valid OASys assessment: parenting and self-control factors for women cannot score (0 protect points)',
      spec: '§9.1',
    })
  }
  const breach = previousEnforcementActivity ? 2 : 0
  lines.push({
    rule: 'v2.protect.women.breach-recall',
    input: previousEnforcementActivity,
    points: breach,
    text: previousEnforcementActivity
      ? 'previous enforcement activity (breach or recall): 2 protect points'
      : 'no previous enforcement activity (breach or recall): 0 protect points',
    spec: '§9.1',
  })
  return { points: points + breach, lines }
}

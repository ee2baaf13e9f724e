import type { LocalDate } from '@js-joda/core'
import { TIER_V2_ALGORITHM } from './algorithm.ts'
import { IOM_POINTS, changeLevelFor, needPoints, ogrsPoints, NEED_WEIGHTS } from './change-points.ts'
import type { ExplanationLine } from './explanation.ts'
import { mandateForChange } from './mandate-for-change.ts'
import { mappaPoints, nextProtectThreshold, protectLevelFor, roshPoints, rsrPoints } from './protect-points.ts'
import { COMPLEXITY_CODES, summariseRegistrations } from './registrations.ts'
import { parseTierV2Inputs } from './tier-v2-input.ts'
import { NEEDS, type ChangeLevel, type TierV2Inputs, type TierV2Result } from './tier-v2-types.ts'
import { womenFactorPoints } from './women-factors.ts'

const SPEC = '§9.1'

/**
 * Tier v2 (risk-and-tier.md §9.1): protect level A–D from RSR, RoSH, MAPPA, complexity registrations and the women's
 * factors; change level 0–3 from mandate for change, OASys needs, OGRS and IOM; `S` suffix when unsupervised.
 * Validates first (throws ValidationError, never scores bad input). `calculationDate` is recorded with the result
 * (v2 has no date-dependent rule since hmpps-tier dropped the 55-week assessment age limit in March 2026).
 *
 * @example
 * const result = calculateTierV2(
 *   { gender: 'Male', rsr: 7.2, ogrs: 40, registrations: [{ code: 'RMRH' }], previousEnforcementActivity: false,
 *     convictions: [{ sentenceCode: 'SC', terminated: false, requirements: [] }],
 *     assessment: { needs: { ATTITUDES: 'SEVERE' }, womenFactors: {} } },
 *   LocalDate.parse('2026-11-22'),
 * )
 * result.tierScore // 'B1'
 */
export function calculateTierV2(inputs: TierV2Inputs, calculationDate: LocalDate): TierV2Result {
  const v = parseTierV2Inputs(inputs)
  const explanation: ExplanationLine[] = []
  const regs = summariseRegistrations(v.registrations)

  // ---- protect axis ----
  const rsr = v.rsr ?? 0
  const rsrPts = rsrPoints(rsr)
  explanation.push({
    rule: 'v2.protect.rsr',
    input: v.rsr,
    points: rsrPts,
    text: rsrText(v.rsr, rsrPts),
    spec: SPEC,
  })

  const roshPts = roshPoints(regs.rosh?.level ?? null)
  explanation.push({
    rule: 'v2.protect.rosh',
    input: regs.rosh?.code ?? null,
    points: roshPts,
    text: regs.rosh
      ? `RoSH ${regs.rosh.level.toLowerCase().replace('_', ' ')} (${regs.rosh.code}, latest RoSH registration, ${regs.rosh.date}): ${roshPts} protect points`
      : 'no RoSH registration: 0 protect points',
    spec: SPEC,
  })

  const overlap = Math.min(rsrPts, roshPts)
  if (overlap > 0) {
    explanation.push({
      rule: 'v2.protect.rsr-rosh-overlap',
      input: { rsrPoints: rsrPts, roshPoints: roshPts },
      points: -overlap,
      text: `RSR and RoSH measure the same harm, so only the larger counts: ${rsrPts} vs ${roshPts}, −${overlap} protect points`,
      spec: SPEC,
    })
  }

  const mappaPts = mappaPoints(regs.mappa?.level ?? null)
  explanation.push({
    rule: 'v2.protect.mappa',
    input: regs.mappa?.level ?? null,
    points: mappaPts,
    text: regs.mappa
      ? `MAPPA level ${regs.mappa.level} (latest MAPPA registration with a level, ${regs.mappa.date}): ${mappaPts} protect points`
      : 'no MAPPA registration with level M1–M3: 0 protect points',
    spec: SPEC,
  })

  const complexityPts = regs.complexityFactors.length * 2
  for (const code of regs.complexityFactors) {
    explanation.push({
      rule: 'v2.protect.complexity',
      input: code,
      points: 2,
      text: `complexity factor ${code} (${COMPLEXITY_CODES[code]}): 2 protect points`,
      spec: SPEC,
    })
  }

  const women = womenFactorPoints(v.gender, v.assessment, v.previousEnforcementActivity)
  explanation.push(...women.lines)

  if (regs.historicIgnored > 0) {
    explanation.push({
      rule: 'v2.registrations.historic',
      input: regs.historicIgnored,
      text: `${regs.historicIgnored} historic (HREG) registration(s) ignored`,
      spec: SPEC,
    })
  }

  const protectPoints = rsrPts + roshPts - overlap + mappaPts + complexityPts + women.points
  const protectLevel = protectLevelFor(protectPoints)
  const nextProtect = nextProtectThreshold(protectLevel)
  explanation.push({
    rule: 'v2.protect.level',
    input: protectPoints,
    text:
      `protect points ${protectPoints} → protect level ${protectLevel} (A ≥ 150, B 20–149, C 10–19, D < 10)` +
      (nextProtect ? `; ${nextProtect.points - protectPoints} more would make it ${nextProtect.level}` : ''),
    spec: SPEC,
  })

  // ---- change axis ----
  const mandate = mandateForChange(v.convictions)
  let changePoints = 0
  let changeLevel: ChangeLevel
  if (!mandate.mandate) {
    changeLevel = 0
    explanation.push({
      rule: 'v2.change.mandate',
      input: false,
      points: 0,
      text: `no mandate for change: change level 0 because ${mandate.reason}; needs, OGRS and IOM are not scored`,
      spec: SPEC,
    })
  } else if (!v.assessment) {
    changeLevel = 2
    explanation.push({
      rule: 'v2.change.mandate',
      input: true,
      text: `mandate for change: ${mandate.reason}`,
      spec: SPEC,
    })
    explanation.push({
      rule: 'v2.change.no-assessment',
      input: null,
      points: 0,
      text: 'no valid OASys assessment: change level 2 with 0 points; a completed assessment would score needs, OGRS and IOM',
      spec: SPEC,
    })
  } else {
    explanation.push({
      rule: 'v2.change.mandate',
      input: true,
      text: `mandate for change: ${mandate.reason}`,
      spec: SPEC,
    })
    for (const need of NEEDS) {
      const severity = v.assessment.needs[need]
      if (!severity) continue
      const pts = needPoints(need, severity)
      changePoints += pts
      explanation.push({
        rule: 'v2.change.need',
        input: { need, severity },
        points: pts,
        text: `need ${need} ${severity}: weight ${NEED_WEIGHTS[need]} × ${severity === 'SEVERE' ? 2 : severity === 'STANDARD' ? 1 : 0} = ${pts} change points`,
        spec: SPEC,
      })
    }
    const ogrs = v.ogrs ?? 0
    const ogrsPts = ogrsPoints(ogrs)
    changePoints += ogrsPts
    explanation.push({
      rule: 'v2.change.ogrs',
      input: v.ogrs,
      points: ogrsPts,
      text:
        v.ogrs === null
          ? 'no OGRS score (treated as 0): 0 change points'
          : `OGRS ${ogrs}%: ⌊${ogrs} / 10⌋ = ${ogrsPts} change points`,
      spec: SPEC,
    })
    const iomPts = regs.iomNominal ? IOM_POINTS : 0
    changePoints += iomPts
    explanation.push({
      rule: 'v2.change.iom',
      input: regs.iomNominal,
      points: iomPts,
      text: regs.iomNominal
        ? 'IOM nominal (IIOM registration): 2 change points'
        : 'not an IOM nominal (no IIOM registration): 0 change points',
      spec: SPEC,
    })
    changeLevel = changeLevelFor(changePoints)
    const next = changeLevel === 1 ? 10 : changeLevel === 2 ? 20 : null
    explanation.push({
      rule: 'v2.change.level',
      input: changePoints,
      text:
        `change points ${changePoints} → change level ${changeLevel} (3 ≥ 20, 2 10–19, 1 < 10)` +
        (next ? `; ${next - changePoints} more would make it ${changeLevel + 1}` : ''),
      spec: SPEC,
    })
  }

  const tierScore = `${protectLevel}${changeLevel}${regs.unsupervised ? 'S' : ''}`
  explanation.push({
    rule: 'v2.tier-score',
    input: { protectLevel, changeLevel, unsupervised: regs.unsupervised },
    text:
      `tier ${tierScore}: protect ${protectLevel}, change ${changeLevel}` +
      (regs.unsupervised ? ', S because of a PRC (unsupervised / two-thirds) registration' : ''),
    spec: SPEC,
  })

  return {
    algorithm: TIER_V2_ALGORITHM,
    calculationDate: calculationDate.toString(),
    protectPoints,
    protectLevel,
    changePoints,
    changeLevel,
    mandateForChange: mandate.mandate,
    unsupervised: regs.unsupervised,
    tierScore,
    explanation,
  }
}

function rsrText(rsr: number | null, points: number): string {
  if (rsr === null) return 'no RSR score (treated as 0): 0 protect points'
  if (points === 20) return `RSR ${rsr}% ≥ 7.00: 20 protect points`
  if (points === 10) return `RSR ${rsr}% in 3.00–6.99: 10 protect points (7.00 or more would score 20)`
  if (rsr > 6.99 && rsr < 7)
    return `RSR ${rsr}% lies between the 6.99 and 7.00 ranges (Delius stores 2 dp): 0 protect points`
  if (rsr > 99.99) return `RSR ${rsr}% is above 99.99, outside the scored range: 0 protect points`
  return `RSR ${rsr}% below 3.00: 0 protect points (3.00 or more would score 10)`
}

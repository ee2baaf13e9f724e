import v4 from '../data/coefficients-v4.json' with { type: 'json' }

/**
 * The v4 predictor coefficient tables ("OGRS4 family", OASys 4.1.2; risk-and-tier.md §7), loaded once from
 * `data/coefficients-v4.json` (a copy of `test/vectors/coefficients-v4.json`).
 */
export const V4 = v4

/** The three linear-score models of §7.1. */
export type LinearModelName = 'ARP' | 'VRP' | 'SVRP'
export type V4ScoreType = 'STATIC' | 'DYNAMIC'

/** The 24 v4 offence categories of §7.1 (the keys of every offence table). */
export const V4_OFFENCE_CATEGORIES: readonly string[] = Object.keys(v4.models.ARP.offence.static)

/** One model (static or dynamic) of one predictor, as the JSON holds it, with the fields every model may have. */
export interface LinearModel {
  intercept: number
  female: number
  first_sanction: number
  second_sanction: number
  sanction_occasions: number
  copas_g_male?: number
  copas_sq_male?: number
  copas_g_female?: number
  copas_sq_female?: number
  copas_v_male?: number
  copas_v_female?: number
  never_violent_male?: number
  never_violent_female?: number
  once_violent?: number
  violent_sanctions?: number
  violent_rate?: number
  items?: Record<string, number>
  ageAtStartOfFollowupPolynomial_male: number[]
  ageAtStartOfFollowupPolynomial_female: number[]
  offenceFreeMonthsPolynomial: number[]
  secondSanctionYearsGap_male: number
  secondSanctionYearsGap_female: number
}

/**
 * The coefficients of one predictor's static or dynamic model and its offence table (§7.1).
 *
 * @example
 * linearModel('ARP', 'STATIC').model.intercept // 5.01702292499072
 */
export function linearModel(
  name: LinearModelName,
  type: V4ScoreType,
): { model: LinearModel; offence: Record<string, number> } {
  const m = v4.models[name]
  return type === 'STATIC'
    ? { model: m.static as LinearModel, offence: m.offence.static }
    : { model: m.dynamic as LinearModel, offence: m.offence.dynamic }
}

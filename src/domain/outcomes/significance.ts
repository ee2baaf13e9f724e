/**
 * The significance tests payment by results needs (rules-and-outcomes.md §1.2: "payment only on statistically
 * significant change vs the baseline"; issue 19: two-sided, 5 % by default): a normal approximation for a count of
 * reoffenders against each person's expected probability, and for a mean number of reoffences against the baseline's.
 */

/**
 * The standard normal cumulative distribution Φ(z), from the complementary error function (W. J. Cody's rational
 * Chebyshev approximation as in Numerical Recipes' erfc, absolute error below 1.2e-7).
 *
 * @example
 * normalCdf(1.959964) // ≈ 0.975
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.5 * x)
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return z >= 0 ? 1 - erfc / 2 : erfc / 2
}

/**
 * The two-sided p-value of a z statistic.
 *
 * @example
 * twoSidedP(1.96) // ≈ 0.05
 */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))))
}

export interface TestResult {
  /** The z statistic: negative when fewer reoffended (or fewer reoffences) than expected. */
  readonly z: number
  readonly pValue: number
  /** p < alpha. */
  readonly significant: boolean
}

/**
 * Are `observed` reoffenders significantly different from what the people's expected probabilities say? Under the
 * null each person reoffends independently with their probability, so the count has mean Σp and variance Σp(1−p).
 *
 * @example
 * countTest(30, Array(100).fill(0.4), 0.05) // { z: -2.04, pValue: 0.041, significant: true }
 */
export function countTest(observed: number, expected: readonly number[], alpha: number): TestResult {
  const mean = expected.reduce((s, p) => s + p, 0)
  const variance = expected.reduce((s, p) => s + p * (1 - p), 0)
  if (variance <= 0) return { z: 0, pValue: 1, significant: false }
  const z = (observed - mean) / Math.sqrt(variance)
  const pValue = twoSidedP(z)
  return { z, pValue, significant: pValue < alpha }
}

/**
 * Is the mean of `values` (reoffences per reoffender) significantly different from `baseline`? A z test with the
 * sample's variance, or the baseline's as a Poisson variance when the sample has no spread; fewer than two values is
 * never significant.
 *
 * @example
 * meanTest([1, 2, 1, 1, 2, 1, 1, 1], 3.0, 0.05) // significant: true (mean 1.25)
 */
export function meanTest(values: readonly number[], baseline: number, alpha: number): TestResult {
  const n = values.length
  if (n < 2) return { z: 0, pValue: 1, significant: false }
  const mean = values.reduce((s, v) => s + v, 0) / n
  const spread = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)
  const variance = spread > 0 ? spread : baseline
  if (variance <= 0) return { z: 0, pValue: 1, significant: false }
  const z = (mean - baseline) / Math.sqrt(variance / n)
  const pValue = twoSidedP(z)
  return { z, pValue, significant: pValue < alpha }
}

/**
 * One line of a tier's explanation: an input, the rule it met and what it contributed. A practitioner reads
 * `text`; software can use `rule`, `input`, `points` and `tier`. `spec` names the section of
 * shared/domain/risk-and-tier.md that the rule comes from, so a disputed tier can be checked against it.
 *
 * @example
 * const line: ExplanationLine = {
 *   rule: 'v2.protect.mappa',
 *   input: 'M2',
 *   points: 150,
 *   text: 'MAPPA level M2: 150 protect points',
 *   spec: '§9.1',
 * }
 */
export interface ExplanationLine {
  /** Stable identifier of the rule, e.g. `v2.protect.rsr`, `v3.step.lifer-ipp`, `v3.provisional.static`. */
  rule: string
  /** The input value the rule read (JSON-safe), or null when the input was absent. */
  input: unknown
  /** Points this rule added (v2 only; negative for the RSR/RoSH overlap deduction). */
  points?: number
  /** Tier this rule produced (v3 steps), or null when the rule did not apply. */
  tier?: string | null
  /** Plain-English sentence: the input, the rule and the effect, and what would change it where useful. */
  text: string
  /** Section of risk-and-tier.md the rule is taken from. */
  spec: string
}

/** Identifies the rule set a stored tier was produced by, so it can be replayed with the same rules later. */
export interface AlgorithmId {
  name: string
  version: string
  /** Where the rules were transcribed from (public source and commit). */
  source: string
  spec: string
}

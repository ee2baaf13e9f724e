/** One refused input: which field (a dotted path such as `inputs.registrations[2].level`) and why. */
export interface FieldError {
  field: string
  message: string
}

/**
 * Thrown when tier inputs are missing or impossible. The calculators never score such input: a tier built
 * on a guessed value would be stored and acted on as if it were true (risk-and-tier.md §9). Same shape as the
 * project's other ValidationErrors (`errors: { field, message }[]`), so callers handle them alike.
 *
 * @example
 * try {
 *   calculateTierV2(inputs, LocalDate.parse('2026-11-22'))
 * } catch (e) {
 *   if (e instanceof ValidationError) console.log(e.errors) // [{ field: 'inputs.ogrs', message: '...' }]
 * }
 */
export class ValidationError extends Error {
  readonly errors: FieldError[]

  constructor(errors: FieldError[]) {
    super(`invalid tier input: ${errors.map(i => `${i.field}: ${i.message}`).join('; ')}`)
    this.name = 'ValidationError'
    this.errors = errors
  }
}

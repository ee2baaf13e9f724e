/** One reason an input was refused: the field it concerns and a sentence a practitioner can act on. */
export interface FieldError {
  field: string
  message: string
  /** Stable machine code, following the MoJ risk actuarial API names where one exists (e.g. `MISSING_MANDATORY_INPUT`). */
  code?: string
}

/**
 * Thrown instead of a score when inputs are missing or impossible (spec §3.6, §6.4, §7.1 "Validation").
 * A predictor never scores a person it has refused: the caller gets every reason at once.
 *
 * @example
 * try { calculateOgrs3(input) } catch (e) { if (e instanceof ValidationError) console.log(e.errors) }
 */
export class ValidationError extends Error {
  readonly errors: FieldError[]

  constructor(errors: FieldError[]) {
    super(errors.map(e => `${e.field}: ${e.message}`).join('; '))
    this.name = 'ValidationError'
    this.errors = errors
  }
}

/**
 * Collects field errors while a predictor checks its inputs, then throws them together.
 *
 * @example
 * const v = new Problems(); if (x === undefined) v.missing('x'); v.throwIfAny()
 */
export class Problems {
  readonly errors: FieldError[] = []

  /** Records a missing mandatory input (ARNS `MISSING_MANDATORY_INPUT`). */
  missing(field: string): void {
    this.errors.push({ field, message: 'is required for this predictor', code: 'MISSING_MANDATORY_INPUT' })
  }

  add(field: string, message: string, code?: string): void {
    this.errors.push(code === undefined ? { field, message } : { field, message, code })
  }

  get any(): boolean {
    return this.errors.length > 0
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError([...this.errors])
  }
}

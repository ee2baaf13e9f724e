/** One field at fault, with a message a user can act on. */
export interface FieldError {
  field: string
  message: string
}

export type ErrorCode = 'validation' | 'not_found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'rate_limited'

/** The base of Probity's typed errors: each maps to one HTTP status in the one error handler. */
export class ProbityError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** Input was wrong; nothing was changed. Carries the fields at fault. */
export class ValidationError extends ProbityError {
  constructor(readonly errors: FieldError[]) {
    super('validation', 400, errors.map(e => `${e.field}: ${e.message}`).join('; '))
  }
}

export class NotFoundError extends ProbityError {
  constructor(message = 'Not found') {
    super('not_found', 404, message)
  }
}

/** The access policy refused. `reason` is safe to show to the user. */
export class ForbiddenError extends ProbityError {
  constructor(readonly reason = 'You do not have permission to do this') {
    super('forbidden', 403, reason)
  }
}

export class UnauthenticatedError extends ProbityError {
  constructor() {
    super('unauthenticated', 401, 'Sign in to continue')
  }
}

/** Someone else changed the record since it was read (stale `version`). */
export class ConflictError extends ProbityError {
  constructor(
    message = 'This record was changed by someone else while you were editing it. Check the latest details and try again.',
  ) {
    super('conflict', 409, message)
  }
}

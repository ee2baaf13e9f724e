import type { LocalDate } from '@js-joda/core'

/** The result of starting or moving a tracked process: the new process, or every reason it was refused. */
export type TransitionResult<P> = { ok: true; process: P } | { ok: false; errors: string[] }

/**
 * Checks the common rules of a step in a tracked process: the status is known, the move is allowed from the current
 * status, and the step is not dated before the previous one. Returns the problems (empty when allowed).
 *
 * @example
 * checkTransition({ a: ['b'], b: [] }, { status: 'a', on: LocalDate.of(2025, 1, 2) }, { status: 'b', on: LocalDate.of(2025, 1, 1) })
 * // ['b on 2025-01-01 is before the previous step (a on 2025-01-02)']
 */
export function checkTransition<S extends string>(
  transitions: Readonly<Record<S, readonly S[]>>,
  current: { status: S; on: LocalDate },
  next: { status: string; on: LocalDate },
): string[] {
  if (!Object.hasOwn(transitions, next.status)) return [`Unknown status ${JSON.stringify(next.status)}`]
  const errors: string[] = []
  const allowed = transitions[current.status]
  if (!allowed.includes(next.status as S)) {
    errors.push(
      `Cannot move from ${current.status} to ${next.status}` +
        (allowed.length === 0 ? ` (${current.status} is final)` : ` (allowed: ${allowed.join(', ')})`),
    )
  }
  if (next.on.isBefore(current.on)) {
    errors.push(`${next.status} on ${next.on} is before the previous step (${current.status} on ${current.on})`)
  }
  return errors
}

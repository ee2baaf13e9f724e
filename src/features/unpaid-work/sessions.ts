import type { UpwDeps } from './context.ts'

/** Placeholder: filled in by the sessions work of issue 17. */
export function createSessionsUseCases(deps: UpwDeps) {
  void deps
  return {}
}

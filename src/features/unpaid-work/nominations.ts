import type { UpwDeps } from './context.ts'

/** Placeholder: filled in by the nominations work of issue 17. */
export function createNominationsUseCases(deps: UpwDeps) {
  void deps
  return {}
}

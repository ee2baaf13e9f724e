import type { UpwDeps } from './context.ts'

/** Placeholder: filled in by the team work of issue 17. */
export function createTeamUseCases(deps: UpwDeps) {
  void deps
  return {}
}

import type { UpwDeps } from './context.ts'

/** Placeholder: filled in by the projects work of issue 17. */
export function createProjectsUseCases(deps: UpwDeps) {
  void deps
  return {}
}

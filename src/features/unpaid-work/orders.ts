import type { UpwDeps } from './context.ts'

/** Placeholder: filled in by the orders work of issue 17. */
export function createOrdersUseCases(deps: UpwDeps) {
  void deps
  return {}
}

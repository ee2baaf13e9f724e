import type { Dependencies } from '../../dependencies.ts'

/**
 * Contracts and payment by results (issue 19 items 1 and 3): contracts per provider and contract package area with
 * their terms and supply chain as data with history, and a statement per contract and quarter.
 */
export function createContractsService({ db, clock }: Dependencies) {
  void db
  return {
    /** Today in Europe/London, from the service's clock. */
    today: () => clock.today(),
  }
}

export type ContractsService = ReturnType<typeof createContractsService>

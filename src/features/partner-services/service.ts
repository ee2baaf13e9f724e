import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { PartnerDeps } from './context.ts'

/**
 * Partner services and the supply chain (issue 18): the directory of organisations and services
 * (`directory.ts`), referrals from a case (`referrals.ts`), the partner organisation's portal (`portal.ts`) and
 * monitoring for contract managers (`monitoring.ts`). Each part opens its own transactions; a person's record is
 * opened with `withPerson` (probation staff) or through the referral (partner staff), audited and published in the
 * same transaction.
 */
export function createPartnerServicesService({ db, clock, config }: Dependencies) {
  const deps: PartnerDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  return {
    deps,
  }
}

export type PartnerServicesService = ReturnType<typeof createPartnerServicesService>

import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { PartnerDeps } from './context.ts'
import { createDirectoryUseCases } from './directory.ts'
import { createMonitoringUseCases } from './monitoring.ts'
import { createPortalUseCases } from './portal.ts'
import { createReferralsUseCases } from './referrals.ts'

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
    /** Today in Europe/London, from the service's clock (the monitoring form's default period ends today). */
    today: () => clock.today(),
    directory: createDirectoryUseCases(deps),
    monitoring: createMonitoringUseCases(deps),
    portal: createPortalUseCases(deps),
    referrals: createReferralsUseCases(deps),
  }
}

export type PartnerServicesService = ReturnType<typeof createPartnerServicesService>

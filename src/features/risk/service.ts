import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { addRegistration, deregisterRegistration, recordItems, recordRosh } from './changes.ts'
import type { DeregistrationForm, ItemsFormValues, RegistrationForm, RoshForm } from './forms.ts'
import { formPage, riskPage, type RiskDeps } from './pages.ts'

export { RISK_VIEW } from './pages.ts'

/**
 * The Risk part of a person's record: reading it (audited), recording RoSH, registrations and assessment items, and
 * recalculating predictors and tiers in the same transaction as each change. Each change takes the form as entered
 * (typed, read by the route) and validates it against the person's record and today's date.
 */
export function createRiskService({ db, clock }: Dependencies) {
  const deps: RiskDeps = { withPerson: personAccess(db), clock }
  return {
    today: () => clock.today(),
    /** Everything the Risk page shows. Its view is audited (RISK_VIEW) by the route. */
    riskPage: (ctx: RequestContext, crn: string) => riskPage(deps, ctx, crn),
    /** A form page's context: the person (change access needed) and today's date. Audited as RISK_VIEW. */
    formPage: (ctx: RequestContext, crn: string, form: string, registrationId?: number) =>
      formPage(deps, ctx, crn, form, registrationId),
    recordRosh: (ctx: RequestContext, crn: string, form: RoshForm) => recordRosh(deps, ctx, crn, form),
    addRegistration: (ctx: RequestContext, crn: string, form: RegistrationForm) =>
      addRegistration(deps, ctx, crn, form),
    deregister: (ctx: RequestContext, crn: string, registrationId: number, form: DeregistrationForm) =>
      deregisterRegistration(deps, ctx, crn, registrationId, form),
    recordItems: (ctx: RequestContext, crn: string, form: ItemsFormValues) => recordItems(deps, ctx, crn, form),
  }
}

export type RiskService = ReturnType<typeof createRiskService>

import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { approveVersion, returnVersion, saveDraft, submitDraft } from './changes.ts'
import type { LicenceDraftInput, ReturnInput } from './commands.ts'
import type { LicencesDeps } from './context.ts'
import { conditionsFormPage, licencePage, licencesForApi, versionPdf } from './pages.ts'

/**
 * Licences: drafted before release by the community manager from structured conditions, submitted, approved (or
 * returned) by a senior, printed, and varied after approval, every version kept. Each change is one transaction with
 * its audit row (and the outbox event `licence.approved` or `licence.varied`); bad input throws ValidationError with
 * every field at fault and changes nothing.
 */
export function createLicencesService({ db, clock }: Dependencies) {
  const deps: LicencesDeps = { withPerson: personAccess(db), clock }
  return {
    page: (ctx: RequestContext, crn: string) => licencePage(deps, ctx, crn),
    formPage: (ctx: RequestContext, crn: string) => conditionsFormPage(deps, ctx, crn),
    pdf: (ctx: RequestContext, crn: string, versionId: number) => versionPdf(deps, ctx, crn, versionId),
    forApi: (ctx: RequestContext, crn: string) => licencesForApi(deps, ctx, crn),
    saveDraft: (ctx: RequestContext, crn: string, input: LicenceDraftInput) => saveDraft(deps, ctx, crn, input),
    submit: (ctx: RequestContext, crn: string, versionId: number) => submitDraft(deps, ctx, crn, versionId),
    approve: (ctx: RequestContext, crn: string, versionId: number) => approveVersion(deps, ctx, crn, versionId),
    returnToAuthor: (ctx: RequestContext, crn: string, versionId: number, input: ReturnInput) =>
      returnVersion(deps, ctx, crn, versionId, input),
  }
}

export type LicencesService = ReturnType<typeof createLicencesService>

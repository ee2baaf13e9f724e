import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError } from '../../errors.ts'
import { approvedPremisesPlacement } from '../approved-premises/index.ts'
import { victimConditionRequests } from '../victims/index.ts'
import { isApprover, openRecord, type LicencesDeps, type LicencePerson } from './context.ts'
import { renderLicencePdf } from './pdf.ts'
import { licencePageView, versionView } from './presenters.ts'
import { loadLicenceRecord } from './record.ts'

/** Reading: the Licence page, the conditions form, a version's PDF and the API's list. The routes declare the audit. */

const header = (p: LicencePerson) => ({
  crn: p.crn,
  name: `${p.forename} ${p.surname}`,
  forename: p.forename,
  surname: p.surname,
})

/** The Licence page: the licence in force with its period, the version being worked on, and every version. */
export function licencePage(deps: LicencesDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    const record = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    return {
      person: header(p),
      canUpdate: p.canUpdate,
      canApprove: p.canUpdate && isApprover(ctx),
      ...licencePageView(record),
      // Asked for by the victim liaison officer: the kind and wording only, never the victim (issue 15 item 4).
      victimConditions: await victimConditionRequests(trx, p.id),
      placement: await approvedPremisesPlacement(trx, p.id, deps.clock.today()),
    }
  })
}

/** What the conditions form needs (change access): the sentence, and the conditions to start from. */
export function conditionsFormPage(deps: LicencesDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const record = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    const startFrom = record.open ?? record.current
    return {
      person: header(p),
      sentence: record.sentence,
      isVariation: record.current !== null,
      waiting: record.open?.status === 'submitted',
      startFrom: startFrom ? versionView(startFrom).conditions : null,
      variationReason: record.open?.kind === 'variation' ? record.open.variation_reason : null,
      victimConditions: await victimConditionRequests(trx, p.id),
      // A booked approved premises placement: a new licence starts with it as the residence condition (issue 16).
      placement: await approvedPremisesPlacement(trx, p.id, deps.clock.today()),
    }
  })
}

/** One version of the licence as a PDF. */
export function versionPdf(deps: LicencesDeps, ctx: RequestContext, crn: string, versionId: number) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    const record = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    const version = record.versions.find(v => v.id === versionId)
    if (!version) throw new NotFoundError('No such licence version')
    const bytes = await renderLicencePdf(p, versionView(version))
    return { filename: `licence-${p.crn}-v${version.version_number}.pdf`, bytes }
  })
}

/** Every version of the person's licences, with the licence in force and its period (for the API). */
export function licencesForApi(deps: LicencesDeps, ctx: RequestContext, crn: string) {
  return openRecord(deps, ctx, crn, 'read', async (trx, p) => {
    const view = licencePageView(await loadLicenceRecord(trx, p.id, deps.clock.today().toString()))
    const strip = ({ conditions: _c, ...v }: ReturnType<typeof versionView>) => v
    return {
      crn: p.crn,
      period: view.period?.ok ? { start: view.period.start, end: view.period.end, basis: view.period.basis } : null,
      periodProblem: view.period && !view.period.ok ? view.period.text : null,
      current: view.inForce ? strip(view.inForce) : null,
      versions: view.history.map(strip),
    }
  })
}

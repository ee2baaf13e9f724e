import type { RequestContext } from '../../access/audit.ts'
import {
  ADDITIONAL_CONDITION_CODES,
  conditionChanges,
  validateConditions,
  type AdditionalConditionCode,
  type LicenceConditions,
} from '../../domain/licences/index.ts'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { LicenceDraftInput, ReturnInput } from './commands.ts'
import { recordChange } from '../../access/audit.ts'
import { openRecord, requireApprover, type LicencesDeps } from './context.ts'
import * as q from './queries.ts'
import { conditionsOf, loadLicenceRecord, type LicenceRecord } from './record.ts'

/** Changing a licence: a draft (first licence or variation), its submission, and a senior's approval or return. */

const MAX_REASON = 2000

const isCode = (code: string): code is AdditionalConditionCode =>
  (ADDITIONAL_CONDITION_CODES as readonly string[]).includes(code)

/** The draft's conditions, checked by src/domain/licences, or every field at fault. */
function checkDraft(
  input: LicenceDraftInput,
  record: LicenceRecord,
): { conditions: LicenceConditions; reason: string | null } {
  const errors: FieldError[] = []
  if (!record.sentence)
    errors.push({ field: 'sentence', message: 'There is no current custodial sentence to write a licence for' })
  const unknown = input.additional.find(a => !isCode(a.type))
  if (unknown) errors.push({ field: 'additional', message: `${unknown.type} is not an additional condition` })
  const conditions: LicenceConditions = {
    standard: [...new Set(input.standard)],
    additional: input.additional
      .filter(a => isCode(a.type))
      .map(a => ({
        type: a.type as AdditionalConditionCode,
        fields: Object.fromEntries(Object.entries(a.fields).map(([k, v]) => [k, v.trim()])),
        justification: a.justification.trim(),
      })),
  }
  errors.push(...validateConditions(conditions))
  const reason = input.variationReason?.trim() || null
  if (record.current && !reason)
    errors.push({ field: 'variationReason', message: 'Give the reason for varying the licence' })
  if (reason && reason.length > MAX_REASON)
    errors.push({ field: 'variationReason', message: `The reason must be ${MAX_REASON} characters or fewer` })
  if (errors.length) throw new ValidationError(errors)
  return { conditions, reason: record.current ? reason : null }
}

/**
 * Saves a draft licence (before the first approval) or a draft variation (after it) as a new version; a previous
 * draft or returned version is marked replaced, never overwritten. Refused while a version waits for approval.
 */
export function saveDraft(deps: LicencesDeps, ctx: RequestContext, crn: string, input: LicenceDraftInput) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const record = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    const { conditions, reason } = checkDraft(input, record)
    const sentenceId = record.sentence!.sentenceId
    const by = ctx.user?.id ?? null
    const licenceId =
      (await q.findLicenceOfSentence(trx, sentenceId))?.id ??
      (await q.insertLicence(trx, { personId: p.id, sentenceId, by }))
    await q.lockLicence(trx, licenceId)
    const again = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    if (again.open?.status === 'submitted')
      throw new ConflictError(
        'A version of this licence is waiting for approval: it must be approved or returned first.',
      )
    await q.replaceOpenVersions(trx, licenceId)
    const versionNumber = await q.nextVersionNumber(trx, licenceId)
    const kind = again.current ? 'variation' : 'initial'
    const versionId = await q.insertVersion(trx, {
      licenceId,
      personId: p.id,
      versionNumber,
      kind,
      conditions,
      variationReason: reason,
      by,
    })
    await recordChange(trx, ctx, p, {
      action: 'LICENCE_DRAFT_SAVE',
      detail: { licenceId, versionId, versionNumber, kind, additional: conditions.additional.map(a => a.type) },
    })
    return { versionId, versionNumber, kind }
  })
}

/** The version `versionId` of the person, or NotFound. */
async function versionOf(record: LicenceRecord, versionId: number) {
  const version = record.versions.find(v => v.id === versionId)
  if (!version) throw new NotFoundError('No such licence version')
  return version
}

/** Submits a draft for a senior's approval. */
export function submitDraft(deps: LicencesDeps, ctx: RequestContext, crn: string, versionId: number) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const version = await versionOf(await loadLicenceRecord(trx, p.id, deps.clock.today().toString()), versionId)
    if (!(await q.markSubmitted(trx, version.id, { userId: ctx.user?.id ?? null, at: deps.clock.now() })))
      throw new ConflictError('Only a draft can be submitted for approval.')
    await recordChange(trx, ctx, p, {
      action: 'LICENCE_SUBMIT',
      detail: { licenceId: version.licence_id, versionId, versionNumber: version.version_number, kind: version.kind },
    })
    return { versionId }
  })
}

/**
 * A senior approves a submitted licence or variation: it comes into force with its period from the key dates
 * (refused, naming `period`, when the key dates give none). Publishes `licence.approved` (the first licence) or
 * `licence.varied` (a variation, with what it changed).
 */
export function approveVersion(deps: LicencesDeps, ctx: RequestContext, crn: string, versionId: number) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    requireApprover(ctx)
    const record = await loadLicenceRecord(trx, p.id, deps.clock.today().toString())
    const version = await versionOf(record, versionId)
    if (version.status !== 'submitted') throw new ConflictError('Only a licence waiting for approval can be approved.')
    const period = record.sentence?.period
    if (!period?.ok || record.sentence?.sentenceId !== version.sentence_id)
      throw new ValidationError([
        {
          field: 'period',
          message: period && !period.ok ? period.reason : 'The sentence of this licence is no longer current',
        },
      ])
    const basis = `${period.startBasis} to ${period.endBasis}`
    const decided = await q.markDecided(
      trx,
      version.id,
      {
        status: 'approved',
        periodStart: period.start.toString(),
        periodEnd: period.end.toString(),
        periodBasis: basis,
      },
      { userId: ctx.user?.id ?? null, at: deps.clock.now() },
    )
    if (!decided) throw new ConflictError()
    const before = record.current
    const detail = {
      licenceId: version.licence_id,
      versionId,
      versionNumber: version.version_number,
      sentenceId: version.sentence_id,
      periodStart: period.start.toString(),
      periodEnd: period.end.toString(),
      standard: conditionsOf(version).standard,
      additional: conditionsOf(version).additional.map(a => a.type),
      ...(before
        ? { reason: version.variation_reason, changes: conditionChanges(conditionsOf(before), conditionsOf(version)) }
        : {}),
    }
    await recordChange(trx, ctx, p, {
      action: 'LICENCE_APPROVE',
      eventType: version.kind === 'variation' ? 'licence.varied' : 'licence.approved',
      detail,
    })
    return { versionId, kind: version.kind }
  })
}

/** A senior returns a submitted licence or variation to its author with the reason; it stays in the history. */
export function returnVersion(
  deps: LicencesDeps,
  ctx: RequestContext,
  crn: string,
  versionId: number,
  input: ReturnInput,
) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    requireApprover(ctx)
    const reason = input.reason.trim()
    if (!reason)
      throw new ValidationError([{ field: 'returnReason', message: 'Give the reason for returning the licence' }])
    if (reason.length > MAX_REASON)
      throw new ValidationError([
        { field: 'returnReason', message: `The reason must be ${MAX_REASON} characters or fewer` },
      ])
    const version = await versionOf(await loadLicenceRecord(trx, p.id, deps.clock.today().toString()), versionId)
    const decided = await q.markDecided(
      trx,
      version.id,
      { status: 'returned', reason },
      {
        userId: ctx.user?.id ?? null,
        at: deps.clock.now(),
      },
    )
    if (!decided) throw new ConflictError('Only a licence waiting for approval can be returned.')
    await recordChange(trx, ctx, p, {
      action: 'LICENCE_RETURN',
      detail: { licenceId: version.licence_id, versionId, versionNumber: version.version_number, reason },
    })
    return { versionId }
  })
}

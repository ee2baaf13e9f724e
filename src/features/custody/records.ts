import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { recordChange } from '../../access/audit.ts'
import { withCustodyCase, type CustodyDeps } from './context.ts'
import type { CustodyRecordCommand, ManagersCommand, MoveCommand, ParoleHearingCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The custody record's changes: creating it (with the reception prison as its first location), recording a move
 * (appended), and setting the offender managers and handover date (the record holds the current values, every change
 * is appended to their history). Each audited with an outbox event, in one transaction; bad input changes nothing.
 */

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }])
}

/** Creates the custody record of a current custodial sentence, received on or after the sentence date. */
export function createCustodyRecord(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<CustodyRecordCommand>,
) {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const sentence = (await q.custodialSentences(trx, person.id)).find(s => s.id === c.sentenceId)
    if (!sentence || sentence.terminated_date) refuse('sentenceId', 'Select a current custodial sentence')
    const records = await q.custodyRecords(trx, person.id)
    if (records.some(r => r.sentence_id === c.sentenceId))
      refuse('sentenceId', 'This sentence already has a custody record: record a move instead')
    const errors: FieldError[] = []
    if (c.receptionDate.isBefore(LocalDate.parse(sentence!.sentence_date)))
      errors.push({
        field: 'receptionDate-day',
        message: `The reception date must be on or after the sentence date (${sentence!.sentence_date})`,
      })
    else if (c.receptionDate.isAfter(deps.clock.today()))
      errors.push({ field: 'receptionDate-day', message: 'The reception date must be today or in the past' })
    if (errors.length) throw new ValidationError(errors)
    const userId = ctx.user?.id ?? null
    const recordId = await q.insertCustodyRecord(trx, {
      personId: person.id,
      sentenceId: c.sentenceId,
      prisonNumber: c.prisonNumber,
      receptionDate: c.receptionDate.toString(),
      userId,
    })
    await q.insertLocation(trx, {
      recordId,
      prisonCode: c.prisonCode,
      prisonName: c.prisonName,
      movedOn: c.receptionDate.toString(),
      userId,
    })
    await recordChange(trx, ctx, person, {
      action: 'CUSTODY_RECORD_CREATE',
      eventType: 'person.custody.received',
      detail: {
        custodyRecordId: recordId,
        sentenceId: c.sentenceId,
        prisonNumber: c.prisonNumber,
        prisonCode: c.prisonCode,
        receptionDate: c.receptionDate.toString(),
      },
    })
    return { recordId }
  })
}

async function recordOf(trx: Parameters<typeof q.custodyRecords>[0], personId: number, recordId: number) {
  const record = (await q.custodyRecords(trx, personId)).find(r => r.id === recordId)
  if (!record) throw new NotFoundError('There is no such custody record')
  return record
}

/** Appends a move between prisons: not before the reception, not in the future. */
export function recordMove(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  recordId: number,
  command: Parsed<MoveCommand>,
) {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const record = await recordOf(trx, person.id, recordId)
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    if (c.movedOn.isBefore(LocalDate.parse(record.reception_date)))
      refuse('movedOn-day', `The date of the move must be on or after the reception date (${record.reception_date})`)
    if (c.movedOn.isAfter(deps.clock.today()))
      refuse('movedOn-day', 'The date of the move must be today or in the past')
    await q.insertLocation(trx, {
      recordId,
      prisonCode: c.prisonCode,
      prisonName: c.prisonName,
      movedOn: c.movedOn.toString(),
      openConditions: c.openConditions,
      userId: ctx.user?.id ?? null,
    })
    await recordChange(trx, ctx, person, {
      action: 'CUSTODY_MOVE',
      eventType: 'person.custody.moved',
      detail: {
        custodyRecordId: recordId,
        prisonCode: c.prisonCode,
        movedOn: c.movedOn.toString(),
        openConditions: c.openConditions,
      },
    })
  })
}

/** Sets the prison and community offender managers and the handover date (not before reception); history kept. */
export function setManagers(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  recordId: number,
  command: Parsed<ManagersCommand>,
) {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const record = await recordOf(trx, person.id, recordId)
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const errors: FieldError[] = []
    if (
      c.communityManagerStaffId !== null &&
      (person.managing_provider_id === null ||
        !(await q.isStaffOfProvider(trx, c.communityManagerStaffId, person.managing_provider_id)))
    )
      errors.push({ field: 'communityManagerStaffId', message: 'Select a member of staff of the managing provider' })
    if (c.handoverDate?.isBefore(LocalDate.parse(record.reception_date)))
      errors.push({
        field: 'handoverDate-day',
        message: `The handover date must be on or after the reception date (${record.reception_date})`,
      })
    if (errors.length) throw new ValidationError(errors)
    const managers = {
      prisonOffenderManager: c.prisonOffenderManager,
      communityManagerStaffId: c.communityManagerStaffId,
      handoverDate: c.handoverDate?.toString() ?? null,
    }
    await q.setManagers(trx, recordId, managers, ctx.user?.id ?? null)
    await recordChange(trx, ctx, person, {
      action: 'CUSTODY_MANAGERS_SET',
      eventType: 'person.custody.managers_changed',
      detail: {
        custodyRecordId: recordId,
        previous: {
          prisonOffenderManager: record.prison_offender_manager,
          communityManagerStaffId: record.community_manager_staff_id,
          handoverDate: record.handover_date,
        },
        ...managers,
      },
    })
  })
}

/**
 * Records a parole hearing listed (a date, oral or paper) or its decision: appended, so the listing and each decision
 * stay in the history. A decision is made on or after the hearing date and not in the future; a listing may be in the
 * future. Victims in the scheme are told of both (the victims feature reads the events).
 */
export function recordParoleHearing(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  recordId: number,
  command: Parsed<ParoleHearingCommand>,
) {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const record = await recordOf(trx, person.id, recordId)
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    if (c.hearingOn.isBefore(LocalDate.parse(record.reception_date)))
      refuse(
        'hearingOn-day',
        `The date of the hearing must be on or after the reception date (${record.reception_date})`,
      )
    if (c.decidedOn && c.decidedOn.isBefore(c.hearingOn))
      refuse('decidedOn-day', 'The date of the decision must be on or after the date of the hearing')
    if (c.decidedOn && c.decidedOn.isAfter(deps.clock.today()))
      refuse('decidedOn-day', 'The date of the decision must be today or in the past')
    const row = {
      hearingOn: c.hearingOn.toString(),
      kind: c.kind,
      decision: c.decision,
      decidedOn: c.decidedOn?.toString() ?? null,
    }
    await q.insertParoleHearing(trx, { personId: person.id, recordId, ...row, userId: ctx.user?.id ?? null })
    await recordChange(trx, ctx, person, {
      action: c.decision ? 'PAROLE_DECISION' : 'PAROLE_HEARING',
      eventType: c.decision ? 'person.parole.decided' : 'person.parole.hearing-listed',
      detail: { custodyRecordId: recordId, ...row },
    })
  })
}

import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import {
  firstAppointmentDue,
  licenceExpiry,
  pssPeriod,
  pssStartsNow,
  releaseRefusals,
  releaseTrigger,
  releaseTypeText,
  type ReleaseRefusal,
} from '../../domain/custody/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { applyCaseStatusChange } from '../sentencing/index.ts'
import { recordChange } from '../../access/audit.ts'
import { storedKeyDates, withCustodyCase, type CustodyDeps } from './context.ts'
import type { ReleaseCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * Recording the actual release from custody (issue 14 item 6), and the move from licence to post-sentence
 * supervision (item 4). The rules are src/domain/custody's; the lifecycle change is the sentencing feature's
 * `applyCaseStatusChange`, in the same transaction as the custody record's stamp, the release row with its
 * first-appointment clock, the audit row and the outbox event.
 */

export interface ReleaseResult {
  custodyRecordId: number
  releasedOn: string
  releaseType: string
  firstAppointmentDue: string
  caseStatus: string
}

/**
 * Records a release: refused field by field (`releaseDate`, `releaseType`) before the sentence or reception, after
 * the licence expiry, in the future, or when the case is not in custody (not recalled, for a re-release).
 */
export function recordRelease(
  deps: CustodyDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<ReleaseCommand>,
): Promise<ReleaseResult> {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const sentences = await q.custodialSentences(trx, person.id)
    const current = new Map(sentences.filter(s => !s.terminated_date).map(s => [s.id, s]))
    // A first release leaves the custody not yet released; a re-release the one the person was recalled to.
    const record = (await q.custodyRecords(trx, person.id)).find(
      r => current.has(r.sentence_id) && (c.type === 're_release' || r.released_on === null),
    )
    const sentence = record ? current.get(record.sentence_id) : undefined
    const expiry = licenceExpiry(storedKeyDates(sentence?.key_dates))
    const refusals: ReleaseRefusal[] = releaseRefusals({
      releasedOn: c.releasedOn,
      type: c.type,
      caseStatus: person.case_status,
      sentenceDate: LocalDate.parse(sentence?.sentence_date ?? c.releasedOn.toString()),
      receptionDate: LocalDate.parse(record?.reception_date ?? c.releasedOn.toString()),
      licenceExpiry: expiry?.date ?? null,
      today: deps.clock.today(),
    })
    if (!record && !refusals.some(r => r.field === 'releaseType'))
      refusals.unshift({
        field: 'releaseDate',
        message: 'There is no custody record to release from: create the custody record first',
      })
    if (refusals.length) throw new ValidationError(refusals)
    const due = firstAppointmentDue(c.releasedOn)
    const status = await applyCaseStatusChange(trx, ctx, person.id, releaseTrigger(c.type), {
      reason: `${c.type === 're_release' ? 'Re-released' : 'Released'} on licence on ${c.releasedOn.toString()}: ${releaseTypeText(c.type).toLowerCase()}`,
    })
    const result: ReleaseResult = {
      custodyRecordId: record!.id,
      releasedOn: c.releasedOn.toString(),
      releaseType: c.type,
      firstAppointmentDue: due.toString(),
      caseStatus: status.to,
    }
    await q.insertRelease(trx, {
      recordId: record!.id,
      personId: person.id,
      releasedOn: result.releasedOn,
      releaseType: c.type,
      firstAppointmentDue: result.firstAppointmentDue,
      userId: ctx.user?.id ?? null,
    })
    await recordChange(trx, ctx, person, {
      action: 'PERSON_RELEASE',
      eventType: 'person.released',
      detail: { ...result, sentenceId: record!.sentence_id },
    })
    return result
  })
}

/**
 * Moves one person from licence to post-sentence supervision when their licence end (SLED/LED) has passed and a later
 * TUSED is stored (src/domain/custody `pssStartsNow`), applying the lifecycle's `pss_started` with its audit row and
 * the outbox event `person.pss_started`. Otherwise changes nothing. Call it inside a transaction (a nightly run calls
 * it for each person on licence, with the clock's today).
 *
 * @example
 * await db.transaction().execute(trx => startPostSentenceSupervision(trx, ctx, personId, clock.today()))
 */
export async function startPostSentenceSupervision(
  db: Executor,
  ctx: RequestContext,
  personId: number,
  today: LocalDate,
): Promise<{ started: boolean }> {
  const person = await q.findPerson(db, personId)
  if (!person) throw new NotFoundError('There is no such person')
  const sentence = (await q.custodialSentences(db, personId)).find(s => !s.terminated_date && s.key_dates !== null)
  const dates = storedKeyDates(sentence?.key_dates)
  if (!pssStartsNow({ caseStatus: person.case_status, dates, today })) return { started: false }
  const period = pssPeriod(dates)!
  await applyCaseStatusChange(db, ctx, personId, 'pss_started', {
    reason: `The licence ended on ${period.from.minusDays(1).toString()}: post-sentence supervision to ${period.to.toString()}`,
  })
  await recordChange(db, ctx, person, {
    action: 'PSS_STARTED',
    eventType: 'person.pss_started',
    detail: { from: period.from.toString(), to: period.to.toString(), sentenceId: sentence!.id },
  })
  return { started: true }
}

export interface PssRun {
  checked: number
  started: number
  seconds: number
}

/**
 * The nightly post-sentence supervision run (`probity recalculate pss`): every person on licence with a stored TUSED
 * is given to `startPostSentenceSupervision`, each in its own transaction so one refusal stops nobody else's start.
 * Running it twice on a day starts nobody twice (a started case is no longer on licence).
 */
export async function startAllPostSentenceSupervision(
  db: Kysely<Database>,
  ctx: RequestContext,
  today: LocalDate,
  batchSize = 1_000,
): Promise<PssRun> {
  const began = performance.now()
  let checked = 0
  let started = 0
  for (let after = 0; ;) {
    const ids = await q.onLicenceWithTused(db, after, batchSize)
    if (ids.length === 0) break
    for (const id of ids) {
      checked++
      const run = await db.transaction().execute(trx => startPostSentenceSupervision(trx, ctx, id, today))
      if (run.started) started++
    }
    after = ids.at(-1)!
  }
  return { checked, started, seconds: (performance.now() - began) / 1000 }
}

import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { CUSTODIAL_TYPES, validateCustodial, type CustodialType, type Length } from '../../domain/sentencing/index.ts'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import { parseLength } from './checks.ts'
import type { CustodialAmendment } from './commands.ts'
import { recalculateKeyDates } from './key-dates.ts'
import { recordChange } from '../../access/audit.ts'
import { openRecord, type SentencingDeps } from './open-record.ts'
import * as q from './queries.ts'

/** Amending a current custodial sentence (type, length, remand, tagged bail): the key dates are recalculated. */

interface CheckedAmendment {
  custodialType: CustodialType
  length: Length
  remandDays: number
  taggedBailDays: number
}

async function findCurrentCustodial(trx: Executor, personId: number, sentenceId: number) {
  const s = await q.findSentence(trx, personId, sentenceId)
  if (!s) throw new NotFoundError('No such sentence')
  if (s.sentence_type !== 'custodial') throw new NotFoundError('Only a custodial sentence can be amended here')
  if (s.terminated_date) throw new ConflictError('A terminated sentence cannot be amended.')
  return s
}

/** The amended sentence checked by the same rule as a new one, against its event's conviction and main offence. */
async function checkAmendment(trx: Executor, s: q.StoredSentence, input: CustodialAmendment) {
  const errors: FieldError[] = []
  const length = parseLength(input.length, 'length', errors)
  const main = await q.findMainOffence(trx, s.event_id)
  const event = await q.findEvent(trx, s.event_id)
  const convictionDate = LocalDate.parse(event.conviction_date ?? s.sentence_date)
  const wanted = input.custodialType ?? s.custodial_type ?? ''
  const r = validateCustodial({
    sentenceDate: LocalDate.parse(s.sentence_date),
    convictionDate,
    custodialType: wanted,
    length,
    offenceDate: main?.offence_date ? LocalDate.parse(main.offence_date) : convictionDate,
    remandDays: input.remandDays ?? 0,
    taggedBailDays: input.taggedBailDays ?? 0,
  })
  if (!r.ok) errors.push(...r.errors)
  const custodialType = CUSTODIAL_TYPES.find(t => t.code === wanted)?.code
  if (errors.length || !length || !custodialType) throw new ValidationError(errors)
  const amendment: CheckedAmendment = {
    custodialType,
    length,
    remandDays: input.remandDays ?? 0,
    taggedBailDays: input.taggedBailDays ?? 0,
  }
  return { amendment, eventNumber: event.event_number }
}

/** Amends a current custodial sentence (type, length, remand, tagged bail) and recalculates the key dates. */
export function amendCustodial(
  deps: SentencingDeps,
  ctx: RequestContext,
  crn: string,
  sentenceId: number,
  input: CustodialAmendment,
) {
  return openRecord(deps, ctx, crn, 'update', async (trx, p) => {
    const s = await findCurrentCustodial(trx, p.id, sentenceId)
    const { amendment: a, eventNumber } = await checkAmendment(trx, s, input)
    const before = {
      custodialType: s.custodial_type,
      length: `${s.length_value} ${s.length_unit}`,
      remandDays: s.remand_days,
      taggedBailDays: s.tagged_bail_days,
    }
    if (!(await q.amendCustodialSentence(trx, { id: s.id, version: input.version }, a))) throw new ConflictError()
    const options = { today: deps.clock.today(), now: deps.clock.now(), trigger: `sentence ${s.id} amended` }
    const calc = await recalculateKeyDates(trx, ctx, p, options)
    await recordChange(trx, ctx, p, {
      action: 'SENTENCE_AMEND',
      eventType: 'person.sentence.amended',
      detail: {
        sentenceId: s.id,
        eventNumber,
        before,
        after: {
          custodialType: input.custodialType ?? s.custodial_type,
          length: `${a.length.value} ${a.length.unit}`,
          remandDays: a.remandDays,
          taggedBailDays: a.taggedBailDays,
        },
        keyDates: calc.dates,
      },
    })
    return { sentenceId: s.id, keyDates: calc.dates }
  })
}

import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { personAccess, type WithPerson } from '../../access/with-person.ts'
import type { Database } from '../../db/schema.ts'
import type { Dependencies } from '../../dependencies.ts'
import {
  countersignRefusal,
  fixedTermDays,
  fixedTermEligibility,
  fixedTermReRelease,
  nextStage,
  RECALL_DECISIONS,
  RECALL_GROUNDS,
  releaseKind,
  stageRefusal,
  type RecallProgress,
  type RecallStage,
} from '../../domain/recall/index.ts'
import { lengthText, type Length } from '../../domain/sentencing/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { applyCaseStatusChange } from '../sentencing/index.ts'
import { followRecallWorkflow } from '../supervision/index.ts'
import { noRecallLetter, partAReport } from './documents.ts'
import type { RecallCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The recall decision workflow (issue 14 item 5; reference-systems.md §6 row 47, rules-and-outcomes.md §3.2): the
 * practitioner's concern opens a recall on a licence case; consultation with a senior, the rationale and the
 * alternatives tried, the decision (fixed-term refused when ineligible, with the reason), Part A pre-filled from the
 * record, two countersignatures, sent to PPCS, and the return to custody (lifecycle `recalled`) follow in order.
 */

type Trx = Transaction<Database>
type Person = Awaited<ReturnType<typeof q.findPerson>>

export const RECALL_VIEW = 'RECALL_VIEW'
const STEP_ACTION = 'RECALL_STEP'

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }])
}

export function progressOf(r: q.RecallRow): RecallProgress {
  return {
    consulted: r.consulted_on !== null,
    rationale: r.rationale !== null,
    decision: r.decision,
    partA: r.part_a_on !== null,
    seniorSigned: r.senior_signed_on !== null,
    acoSigned: r.aco_signed_on !== null,
    sentToPpcs: r.sent_to_ppcs_on !== null,
    returned: r.returned_on !== null,
  }
}

/** The sentence's length as the domain reads it, or null when not recorded. */
function lengthOf(s: { length_value: number | null; length_unit: string | null }): Length | null {
  return s.length_value !== null && s.length_unit !== null
    ? { value: s.length_value, unit: s.length_unit as Length['unit'] }
    : null
}

/** The licence's end from the stored key dates (SLED, else LED): read, never recalculated. */
function licenceEnd(keyDates: unknown): LocalDate | null {
  const dates =
    (keyDates as { dates?: Record<string, string> } | null)?.dates ?? (keyDates as Record<string, string> | null)
  const iso = dates?.SLED ?? dates?.LED
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? LocalDate.parse(iso) : null
}

async function sentenceFacts(trx: Trx, p: Person, sentenceId: number | null, previousOf: q.RecallRow[]) {
  const sentence = await q.currentCustodialSentence(trx, p.id)
  if (!sentence || (sentenceId !== null && sentence.id !== sentenceId)) return null
  const [offences, custody] = await Promise.all([
    q.offencesOfEvent(trx, sentence.event_id),
    q.custodyRecord(trx, sentence.id),
  ])
  const previousRecalls = previousOf.filter(r => r.sentence_id === sentence.id && r.returned_on !== null).length
  return { sentence, offences, custody, previousRecalls }
}

/** What the recall page shows: the recalls with their steps, the next step, and fixed-term eligibility. */
async function pageOf(deps: Dependencies, trx: Trx, p: Person, canUpdate: boolean) {
  const recalls = await q.listRecalls(trx, p.id)
  const steps = await q.stepsOf(trx, p.id)
  const facts = await sentenceFacts(trx, p, null, recalls)
  const current = recalls.find(r => r.closed_on === null) ?? null
  const eligibility = facts
    ? fixedTermEligibility({
        offenceCodes: facts.offences.map(o => o.offence_code),
        extendedSentence: current?.extended_sentence ?? false,
        previousRecalls: facts.previousRecalls,
        releasedBy: releaseKind(facts.custody?.release_type ?? null),
      })
    : null
  return {
    person: p,
    canUpdate,
    today: deps.clock.today().toString(),
    mayOpen: p.case_status === 'on_licence' && current === null && facts !== null,
    current,
    next: current ? nextStage(progressOf(current)) : null,
    recalls: recalls.map(r => ({ ...r, steps: steps.filter(s => s.recall_id === r.id) })),
    eligibility,
  }
}

/** A countersignature as Part A prints it: the signer's name and the day, or null while not given. */
async function signatureOf(trx: Trx, userId: number | null, on: string | null) {
  return userId && on ? { name: (await q.userName(trx, userId)) ?? 'not recorded', on } : null
}

export function createRecallService(deps: Dependencies & { withPerson?: WithPerson }) {
  const withPerson = deps.withPerson ?? personAccess(deps.db)
  const steps = new RecallSteps(deps)
  const open = <T>(
    ctx: RequestContext,
    crn: string,
    mode: 'read' | 'update',
    work: (trx: Trx, p: Person, canUpdate: boolean) => Promise<T>,
  ) =>
    withPerson(ctx, crn, mode, async (trx, access) =>
      work(trx, await q.findPerson(trx, access.personId), access.canUpdate),
    )

  return {
    /** The recall page: the person's recalls with their steps, the next step, and fixed-term eligibility. */
    page(ctx: RequestContext, crn: string) {
      return open(ctx, crn, 'read', (trx, p, canUpdate) => pageOf(deps, trx, p, canUpdate))
    },

    /** Records one step of the current recall (or opens one with the concern). Out of order → the field `step`. */
    recordStep(ctx: RequestContext, crn: string, c: RecallCommand) {
      return open(ctx, crn, 'update', async (trx, p) => {
        const recalls = await q.listRecalls(trx, p.id)
        const current = recalls.find(r => r.closed_on === null) ?? null
        if (c.step === 'concern') return steps.openRecall(trx, ctx, p, c, current, recalls)
        if (!current) return refuse('step', 'There is no recall being considered: record your concern first.')
        const refusal = stageRefusal(progressOf(current), c.step as RecallStage)
        if (refusal) return refuse('step', refusal)
        const facts = await sentenceFacts(
          trx,
          p,
          current.sentence_id,
          recalls.filter(r => r.id !== current.id),
        )
        if (!facts) return refuse('step', 'The custodial sentence of this recall is no longer current.')
        await steps.applyStep(trx, ctx, p, current, c, facts)
        return { crn: p.crn, recallId: current.id }
      })
    },

    /** The stored Part A report (or, for no recall, the decision-not-to-recall letter). */
    pdf(ctx: RequestContext, crn: string, recallId: number) {
      return open(ctx, crn, 'read', async (trx, p) => {
        const r = (await q.listRecalls(trx, p.id)).find(x => x.id === recallId)
        const bytes = r?.part_a_signed_pdf ?? r?.part_a_pdf ?? r?.no_recall_letter_pdf
        if (!r || !bytes) throw new NotFoundError('There is no such recall document')
        await audit(trx, ctx, { action: 'RECALL_DOCUMENT_VIEW', personId: p.id, subject: p.crn, detail: { recallId } })
        return { bytes, filename: `${r.part_a_pdf ? 'part-a' : 'decision-not-to-recall'}-${p.crn}-${r.id}.pdf` }
      })
    },

    /** The person's recalls for the API. (The route audits the read.) */
    list(ctx: RequestContext, crn: string) {
      return open(ctx, crn, 'read', async (trx, p) => (await q.listRecalls(trx, p.id)).map(apiRecall))
    },
  }
}

/** The steps of a recall, one method each (the service's methods call them inside their transaction). */
class RecallSteps {
  constructor(private readonly deps: Dependencies) {}

  async openRecall(
    trx: Trx,
    ctx: RequestContext,
    p: Person,
    c: Extract<RecallCommand, { step: 'concern' }>,
    current: q.RecallRow | null,
    recalls: q.RecallRow[],
  ) {
    if (current) return refuse('step', 'A recall is already being considered: finish it first.')
    if (p.case_status !== 'on_licence') {
      return refuse(
        'concern',
        p.case_status === 'on_pss'
          ? 'Post-sentence supervision cannot be enforced by recall: its failures go to the magistrates’ court.'
          : 'Only a case on licence can be recalled.',
      )
    }
    const facts = await sentenceFacts(trx, p, null, recalls)
    if (!facts) return refuse('concern', 'There is no current custodial sentence to recall on.')
    const today = this.deps.clock.today().toString()
    const id = await q.insertRecall(trx, {
      person_id: p.id,
      sentence_id: facts.sentence.id,
      grounds: c.grounds,
      concern: c.concern,
      raised_by: ctx.user?.id ?? null,
      raised_on: today,
    })
    const grounds = c.grounds.map(g => RECALL_GROUNDS.find(x => x.code === g)?.text).join('; ')
    await this.record(trx, ctx, p, id, 'concern', `${grounds}. ${c.concern}`)
    await publish(trx, 'recall.considered', p.id, { crn: p.crn, recallId: id, grounds: c.grounds })
    return { crn: p.crn, recallId: id }
  }

  async record(trx: Trx, ctx: RequestContext, p: Person, recallId: number, step: string, notes: string | null) {
    await q.appendStep(trx, {
      recall_id: recallId,
      person_id: p.id,
      step,
      step_on: this.deps.clock.today().toString(),
      notes,
      recorded_by: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, { action: STEP_ACTION, personId: p.id, subject: p.crn, detail: { recallId, step } })
  }

  async fill(trx: Trx, r: q.RecallRow, guard: keyof q.RecallRow, values: Parameters<typeof q.fillStep>[3]) {
    if (!(await q.fillStep(trx, r.id, guard as never, values)))
      refuse('step', 'This step has just been recorded by someone else.')
  }

  async applyStep(
    trx: Trx,
    ctx: RequestContext,
    p: Person,
    r: q.RecallRow,
    c: Exclude<RecallCommand, { step: 'concern' }>,
    facts: NonNullable<Awaited<ReturnType<typeof sentenceFacts>>>,
  ) {
    const today = this.deps.clock.today().toString()
    const userId = ctx.user?.id ?? null
    switch (c.step) {
      case 'consultation':
        if (c.on.isAfter(this.deps.clock.today()))
          refuse('consultedOn-day', 'The date of the consultation must be today or in the past')
        await this.fill(trx, r, 'consulted_on', {
          consulted_senior: c.senior,
          consulted_on: c.on.toString(),
          consultation_notes: c.notes,
        })
        return this.record(trx, ctx, p, r.id, c.step, `Consulted ${c.senior}. ${c.notes ?? ''}`.trim())
      case 'rationale':
        await this.fill(trx, r, 'rationale', { rationale: c.rationale, alternatives: c.alternatives })
        return this.record(trx, ctx, p, r.id, c.step, c.rationale)
      case 'decision':
        return this.decide(trx, ctx, p, r, c, facts)
      case 'part_a': {
        const bytes = await this.partA(trx, p, r, facts)
        await this.fill(trx, r, 'part_a_on', { part_a_pdf: bytes, part_a_on: today })
        return this.record(trx, ctx, p, r.id, c.step, 'Part A produced from the record')
      }
      case 'senior_countersignature':
      case 'aco_countersignature': {
        const which = c.step === 'senior_countersignature' ? 'senior' : 'aco'
        const why = countersignRefusal(
          which,
          { userId: userId ?? -1, roles: ctx.user?.roles ?? [] },
          { decidedBy: r.decided_by, seniorSignedBy: r.senior_signed_by },
        )
        if (why) refuse('step', why)
        if (which === 'senior')
          await this.fill(trx, r, 'senior_signed_on', { senior_signed_by: userId, senior_signed_on: today })
        else {
          // The Part A that goes to PPCS shows both countersignatures; the first one produced is kept as it was.
          const signedPartA = await this.partA(trx, p, { ...r, aco_signed_by: userId, aco_signed_on: today }, facts)
          await this.fill(trx, r, 'aco_signed_on', {
            aco_signed_by: userId,
            aco_signed_on: today,
            part_a_signed_pdf: signedPartA,
          })
        }
        return this.record(
          trx,
          ctx,
          p,
          r.id,
          c.step,
          which === 'senior' ? 'Countersigned by a senior' : 'Countersigned for the assistant chief officer',
        )
      }
      case 'sent_to_ppcs':
        if (c.on.isAfter(this.deps.clock.today()) || c.on.isBefore(LocalDate.parse(r.aco_signed_on as string)))
          refuse('sentOn-day', 'The date sent to PPCS must be between the second countersignature and today')
        await this.fill(trx, r, 'sent_to_ppcs_on', { sent_to_ppcs_on: c.on.toString() })
        await publish(trx, 'recall.sent-to-ppcs', p.id, { crn: p.crn, recallId: r.id, sentOn: c.on.toString() })
        return this.record(trx, ctx, p, r.id, c.step, `Sent to the Public Protection Casework Section on ${c.on}`)
      case 'custody_return':
        return this.returned(trx, ctx, p, r, c.on, facts)
    }
  }

  async decide(
    trx: Trx,
    ctx: RequestContext,
    p: Person,
    r: q.RecallRow,
    c: Extract<RecallCommand, { step: 'decision' }>,
    facts: NonNullable<Awaited<ReturnType<typeof sentenceFacts>>>,
  ) {
    const today = this.deps.clock.today().toString()
    let days: number | null = null
    if (c.decision === 'fixed_term') {
      const eligibility = fixedTermEligibility({
        offenceCodes: facts.offences.map(o => o.offence_code),
        extendedSentence: c.extendedSentence,
        previousRecalls: facts.previousRecalls,
        releasedBy: releaseKind(facts.custody?.release_type ?? null),
      })
      if (!eligibility.eligible) {
        throw new ValidationError([
          {
            field: 'decision',
            message: `A fixed-term recall is not possible. ${eligibility.exclusions.map(e => e.reason).join(' ')}`,
          },
        ])
      }
      const length = lengthOf(facts.sentence)
      if (!length) refuse('decision', 'The sentence has no length recorded, so the fixed term cannot be set.')
      days = fixedTermDays(LocalDate.parse(facts.sentence.sentence_date), length as Length)
    }
    const letter =
      c.decision === 'no_recall'
        ? await noRecallLetter({
            name: `${p.forename} ${p.surname}`,
            crn: p.crn,
            letterDate: today,
            rationale: r.rationale ?? '',
            sender: ctx.user?.displayName ?? 'Probation officer',
          })
        : null
    await this.fill(trx, r, 'decision', {
      decision: c.decision,
      decision_reason: c.reason,
      extended_sentence: c.extendedSentence,
      fixed_term_days: days,
      decided_by: ctx.user?.id ?? null,
      decided_on: today,
      no_recall_letter_pdf: letter,
      closed_on: c.decision === 'no_recall' ? today : null,
    })
    const text = RECALL_DECISIONS.find(d => d.code === c.decision)?.text ?? c.decision
    await this.record(trx, ctx, p, r.id, 'decision', days ? `${text}: ${days} days` : text)
    await followRecallWorkflow(trx, ctx, p.id, this.deps.clock.today(), {
      step: 'decided',
      decision: c.decision,
      note: days ? `${text}: ${days} days` : text,
    })
    await publish(trx, 'recall.decided', p.id, {
      crn: p.crn,
      recallId: r.id,
      decision: c.decision,
      fixedTermDays: days,
    })
  }

  async partA(trx: Trx, p: Person, r: q.RecallRow, facts: NonNullable<Awaited<ReturnType<typeof sentenceFacts>>>) {
    const length = lengthOf(facts.sentence)
    return partAReport({
      person: {
        name: `${p.forename} ${p.surname}`,
        crn: p.crn,
        dateOfBirth: p.date_of_birth,
        pnc: p.pnc,
        prisonNumber: facts.custody?.prison_number ?? null,
      },
      sentence: {
        date: facts.sentence.sentence_date,
        length: length ? lengthText(length) : 'length not recorded',
        offences: facts.offences.map(o => `${o.offence_code}${o.description ? ` ${o.description}` : ''}`),
        licenceEnds: licenceEnd(facts.sentence.key_dates)?.toString() ?? null,
        releasedOn: facts.custody?.released_on ?? null,
      },
      grounds: r.grounds.map(g => RECALL_GROUNDS.find(x => x.code === g)?.text ?? g),
      concern: r.concern,
      consultation: { senior: r.consulted_senior ?? '', on: r.consulted_on ?? '', notes: r.consultation_notes },
      rationale: r.rationale ?? '',
      alternatives: r.alternatives ?? '',
      decision: RECALL_DECISIONS.find(d => d.code === r.decision)?.text ?? '',
      decisionReason: r.decision_reason,
      fixedTerm: r.fixed_term_days ? `Fixed term: ${r.fixed_term_days} days from the return to custody` : null,
      decidedBy: (await q.userName(trx, r.decided_by)) ?? 'not recorded',
      decidedOn: r.decided_on ?? '',
      countersignatures: {
        senior: await signatureOf(trx, r.senior_signed_by, r.senior_signed_on),
        aco: await signatureOf(trx, r.aco_signed_by, r.aco_signed_on),
      },
    })
  }

  async returned(
    trx: Trx,
    ctx: RequestContext,
    p: Person,
    r: q.RecallRow,
    on: LocalDate,
    facts: NonNullable<Awaited<ReturnType<typeof sentenceFacts>>>,
  ) {
    if (on.isAfter(this.deps.clock.today()) || on.isBefore(LocalDate.parse(r.sent_to_ppcs_on as string)))
      refuse('returnedOn-day', 'The date returned to custody must be between the day it was sent to PPCS and today')
    const reRelease = r.fixed_term_days
      ? fixedTermReRelease(on, r.fixed_term_days, licenceEnd(facts.sentence.key_dates))
      : null
    await this.fill(trx, r, 'returned_on', {
      returned_on: on.toString(),
      re_release_date: reRelease?.date.toString() ?? null,
      closed_on: this.deps.clock.today().toString(),
    })
    await applyCaseStatusChange(trx, ctx, p.id, 'recalled', {
      eventId: facts.sentence.event_id,
      reason: `Recalled to custody on ${on}${reRelease ? `; fixed-term re-release on ${reRelease.date}` : ''}`,
    })
    await this.record(
      trx,
      ctx,
      p,
      r.id,
      'custody_return',
      reRelease ? reRelease.explanation : `Returned to custody on ${on}`,
    )
    await followRecallWorkflow(trx, ctx, p.id, on, {
      step: 'returned_to_custody',
      note: reRelease ? reRelease.explanation : `Returned to custody on ${on}`,
    })
    await publish(trx, 'recall.returned-to-custody', p.id, {
      crn: p.crn,
      recallId: r.id,
      returnedOn: on.toString(),
      reReleaseDate: reRelease?.date.toString() ?? null,
    })
  }
}

export type RecallService = ReturnType<typeof createRecallService>

/** One recall as the API shows it. */
export function apiRecall(r: q.RecallRow) {
  return {
    id: r.id,
    raisedOn: r.raised_on,
    grounds: r.grounds,
    concern: r.concern,
    consultedSenior: r.consulted_senior,
    consultedOn: r.consulted_on,
    rationale: r.rationale,
    alternatives: r.alternatives,
    decision: r.decision,
    decidedOn: r.decided_on,
    fixedTermDays: r.fixed_term_days,
    partAOn: r.part_a_on,
    seniorSignedOn: r.senior_signed_on,
    acoSignedOn: r.aco_signed_on,
    sentToPpcsOn: r.sent_to_ppcs_on,
    returnedOn: r.returned_on,
    reReleaseDate: r.re_release_date,
    closedOn: r.closed_on,
    nextStep: nextStage(progressOf(r)),
  }
}

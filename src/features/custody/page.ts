import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { clockOf } from '../../domain/allocation/index.ts'
import { licencePeriod, noPssReason, pssPeriod, releaseTypeText, type Period } from '../../domain/custody/index.ts'
import { KEY_DATE_NAMES, lengthText } from '../../domain/sentencing/index.ts'
import { storedKeyDates, withCustodyCase, type CustodyDeps } from './context.ts'
import { PAROLE_DECISIONS, PAROLE_KINDS } from './forms.ts'
import * as q from './queries.ts'

/**
 * The custody page (and the API's custody read): for each custodial sentence, its custody record (prison, prison
 * number, reception, moves, managers with their history, releases), the key dates the sentencing feature stored, the
 * licence and post-sentence supervision periods, and the first appointment due after the latest release. The look
 * is audited by the route (CUSTODY_VIEW).
 */

const KEY_ORDER = Object.keys(KEY_DATE_NAMES)

export interface PeriodView {
  fromKey: string
  from: string
  toKey: string
  to: string
}

const periodView = (p: Period | null): PeriodView | null =>
  p ? { fromKey: p.fromKey, from: p.from.toString(), toKey: p.toKey, to: p.to.toString() } : null

const fullName = (forename: string | null, surname: string | null) =>
  forename ? `${forename} ${surname ?? ''}`.trim() : null

export function custodyPage(deps: CustodyDeps, ctx: RequestContext, crn: string) {
  return withCustodyCase(deps, ctx, crn, 'read', async (trx, { person, canUpdate }) => {
    const today = deps.clock.today()
    const [sentences, records] = await Promise.all([
      q.custodialSentences(trx, person.id),
      q.custodyRecords(trx, person.id),
    ])
    const ids = records.map(r => r.id)
    const [moves, changes, releases, parole] = await Promise.all([
      q.locations(trx, ids),
      q.managerChanges(trx, ids),
      q.releases(trx, ids),
      q.paroleHearings(trx, ids),
    ])
    const latestRelease = releases.at(-1) ?? null
    const firstAppointment =
      latestRelease && (person.case_status === 'on_licence' || person.case_status === 'on_pss')
        ? {
            releasedOn: latestRelease.released_on,
            dueBy: latestRelease.first_appointment_due,
            arranged: await q.hasAppointmentSince(trx, person.id, latestRelease.released_on),
            clock: clockOf(LocalDate.parse(latestRelease.first_appointment_due), today),
          }
        : null
    const custodialSentences = sentences.map(s => sentenceView(s, records, { moves, changes, releases, parole }, today))
    return {
      person: { id: person.id, crn: person.crn, name: `${person.forename} ${person.surname}` },
      caseStatus: person.case_status,
      canUpdate,
      today: today.toString(),
      sentences: custodialSentences,
      firstAppointment,
    }
  })
}

/** One custodial sentence with its key dates, periods and custody record (moves, managers and their history, releases). */
function sentenceView(s: q.CustodialSentenceRow, records: q.CustodyRecordRow[], history: History, today: LocalDate) {
  const dates = storedKeyDates(s.key_dates)
  const record = records.find(r => r.sentence_id === s.id) ?? null
  return {
    id: s.id,
    eventNumber: s.event_number,
    sentenceDate: s.sentence_date,
    lengthText: s.length_value && s.length_unit ? lengthText({ value: s.length_value, unit: s.length_unit }) : null,
    terminated: s.terminated_date !== null,
    keyDates: dates
      ? Object.entries(dates)
          .sort(([a], [b]) => rank(a) - rank(b))
          .map(([key, date]) => ({ key, name: KEY_DATE_NAMES[key] ?? key, date }))
      : [],
    keyDatesProblem: s.key_dates_problem,
    licence: periodView(licencePeriod(dates)),
    pss: periodView(pssPeriod(dates)),
    noPss: noPssReason({
      sentenceDate: LocalDate.parse(s.sentence_date),
      term: s.length_value && s.length_unit ? { value: s.length_value, unit: s.length_unit } : null,
      dates,
      today,
    }),
    record: record ? recordView(record, history) : null,
  }
}

type History = {
  moves: q.LocationRow[]
  changes: q.ManagerChangeRow[]
  releases: q.ReleaseRow[]
  parole: q.ParoleHearingRow[]
}

/** One custody record: the prison now, moves, managers and their history, parole hearings and releases. */
function recordView(record: q.CustodyRecordRow, { moves, changes, releases, parole }: History) {
  const recordMoves = moves.filter(m => m.custody_record_id === record.id)
  const current = recordMoves.at(-1)
  return {
    id: record.id,
    prisonNumber: record.prison_number,
    receptionDate: record.reception_date,
    prison: current ? { code: current.prison_code, name: current.prison_name } : null,
    moves: recordMoves.map(m => ({
      prisonCode: m.prison_code,
      prisonName: m.prison_name,
      movedOn: m.moved_on,
      openConditions: m.open_conditions,
    })),
    parole: parole
      .filter(h => h.custody_record_id === record.id)
      .map(h => ({
        hearingOn: h.hearing_on,
        kindText: PAROLE_KINDS[h.kind],
        decisionText: h.decision ? PAROLE_DECISIONS[h.decision] : null,
        decidedOn: h.decided_on,
      })),
    prisonOffenderManager: record.prison_offender_manager,
    communityManager: record.community_manager_staff_id
      ? {
          staffId: record.community_manager_staff_id,
          name: fullName(record.manager_forename, record.manager_surname),
        }
      : null,
    handoverDate: record.handover_date,
    managerHistory: changes
      .filter(c => c.custody_record_id === record.id)
      .map(c => ({
        prisonOffenderManager: c.prison_offender_manager,
        communityManager: fullName(c.manager_forename, c.manager_surname),
        handoverDate: c.handover_date,
        changedAt: c.changed_at,
        changedBy: c.changed_by_name,
      })),
    releases: releases
      .filter(r => r.custody_record_id === record.id)
      .map(r => ({
        releasedOn: r.released_on,
        type: r.release_type,
        typeText: releaseTypeText(r.release_type),
        firstAppointmentDue: r.first_appointment_due,
      })),
  }
}

const rank = (key: string) => {
  const i = KEY_ORDER.indexOf(key)
  return i >= 0 ? i : KEY_ORDER.length
}

export type CustodyPage = Awaited<ReturnType<typeof custodyPage>>

/** What a form page needs: the person, the custodial sentences without a record, a record, and the provider's staff. */
export function formPage(deps: CustodyDeps, ctx: RequestContext, crn: string, recordId?: number) {
  return withCustodyCase(deps, ctx, crn, 'update', async (trx, { person }) => {
    const [sentences, records] = await Promise.all([
      q.custodialSentences(trx, person.id),
      q.custodyRecords(trx, person.id),
    ])
    const record = recordId === undefined ? null : (records.find(r => r.id === recordId) ?? null)
    return {
      person: { id: person.id, crn: person.crn, name: `${person.forename} ${person.surname}` },
      caseStatus: person.case_status,
      withoutRecord: sentences.filter(s => !s.terminated_date && !records.some(r => r.sentence_id === s.id)),
      record,
      hasRecord: recordId === undefined || record !== null,
      staff: person.managing_provider_id ? await q.staffOfProvider(trx, person.managing_provider_id) : [],
    }
  })
}

export type FormPage = Awaited<ReturnType<typeof formPage>>

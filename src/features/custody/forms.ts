import type { LocalDate } from '@js-joda/core'
import { isPrisonNumber, isReleaseType, normalisePrisonNumber, type ReleaseType } from '../../domain/custody/index.ts'
import {
  CASE_YEARS,
  checked,
  FieldProblems,
  parsedOr,
  readDate,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * Custody's forms → typed commands. Each form has its own page, so its fields' names are the error summary's links.
 * What needs the record (a date after the sentence or the reception, the case's status) is judged by the service.
 */

export interface PrisonCommand {
  prisonCode: string
  prisonName: string
}

/** A prison: its code (letters, e.g. MDI) and its name. */
function readPrison(body: FormBody, p: FieldProblems): PrisonCommand {
  const prisonCode = requiredText(body, 'prisonCode', 'Enter the prison code', 'The prison code', 10, p).toUpperCase()
  if (prisonCode && prisonCode.length <= 10 && !/^[A-Z0-9]{2,10}$/.test(prisonCode))
    p.add('prisonCode', 'The prison code must be letters and numbers only, like MDI')
  const prisonName = requiredText(body, 'prisonName', 'Enter the prison name', 'The prison name', 200, p)
  return { prisonCode, prisonName }
}

export interface CustodyRecordCommand extends PrisonCommand {
  sentenceId: number
  prisonNumber: string
  receptionDate: LocalDate
}

export function parseCustodyRecordForm(body: FormBody): Parsed<CustodyRecordCommand> {
  const p = new FieldProblems()
  const sentenceId = Number(text(body, 'sentenceId'))
  if (!Number.isSafeInteger(sentenceId) || sentenceId < 1) p.add('sentenceId', 'Select the custodial sentence')
  const typed = requiredText(body, 'prisonNumber', 'Enter the prison number', 'The prison number', 20, p)
  const prisonNumber = normalisePrisonNumber(typed)
  if (typed && typed.length <= 20 && !isPrisonNumber(prisonNumber))
    p.add('prisonNumber', 'Enter the prison number in the format A1234BC')
  const prison = readPrison(body, p)
  const receptionDate = requiredDate(body, 'receptionDate', 'The reception date', p)
  return parsedOr(p, () => ({ sentenceId, prisonNumber, receptionDate: receptionDate!, ...prison }))
}

export interface MoveCommand extends PrisonCommand {
  movedOn: LocalDate
  /** A move to an open prison (category D): victims in the scheme are told of it. */
  openConditions: boolean
}

export function parseMoveForm(body: FormBody): Parsed<MoveCommand> {
  const p = new FieldProblems()
  const prison = readPrison(body, p)
  const movedOn = requiredDate(body, 'movedOn', 'The date of the move', p)
  return parsedOr(p, () => ({ ...prison, movedOn: movedOn!, openConditions: checked(body, 'openConditions') }))
}

export const PAROLE_KINDS = { oral: 'Oral hearing', paper: 'Paper review' } as const
export const PAROLE_DECISIONS = {
  release: 'Release directed',
  no_release: 'No release',
  open_conditions: 'Move to open conditions recommended',
} as const

export interface ParoleHearingCommand {
  hearingOn: LocalDate
  kind: keyof typeof PAROLE_KINDS
  decision: keyof typeof PAROLE_DECISIONS | null
  decidedOn: LocalDate | null
}

/** A parole hearing listed (no decision yet) or its decision (with the date it was made). */
export function parseParoleHearingForm(body: FormBody): Parsed<ParoleHearingCommand> {
  const p = new FieldProblems()
  const hearingOn = requiredDate(body, 'hearingOn', 'The date of the hearing', p)
  const kind = text(body, 'kind')
  if (!Object.hasOwn(PAROLE_KINDS, kind)) p.add('kind', 'Select an oral hearing or a paper review')
  const decision = text(body, 'decision') || null
  if (decision !== null && !Object.hasOwn(PAROLE_DECISIONS, decision)) p.add('decision', 'Select the decision')
  const decidedOn = readDate(body, 'decidedOn', 'The date of the decision', p, CASE_YEARS)
  if (decision !== null && decidedOn === undefined) p.add('decidedOn-day', 'Enter the date of the decision')
  if (decision === null && decidedOn) p.add('decision', 'Select the decision, or leave its date blank')
  return parsedOr(p, () => ({
    hearingOn: hearingOn!,
    kind: kind as ParoleHearingCommand['kind'],
    decision: decision as ParoleHearingCommand['decision'],
    decidedOn: decidedOn ?? null,
  }))
}

export interface ManagersCommand {
  prisonOffenderManager: string | null
  communityManagerStaffId: number | null
  handoverDate: LocalDate | null
}

export function parseManagersForm(body: FormBody): Parsed<ManagersCommand> {
  const p = new FieldProblems()
  const pom = text(body, 'prisonOffenderManager')
  if (pom.length > 200) p.add('prisonOffenderManager', 'The prison offender manager must be 200 characters or fewer')
  const staff = text(body, 'communityManagerStaffId')
  const staffId = staff ? Number(staff) : null
  if (staffId !== null && (!Number.isSafeInteger(staffId) || staffId < 1))
    p.add('communityManagerStaffId', 'Select the community offender manager')
  const handover = readDate(body, 'handoverDate', 'The handover date', p, CASE_YEARS)
  if (!pom && staffId === null && handover === undefined)
    p.add(
      'prisonOffenderManager',
      'Enter the prison offender manager, the community offender manager or the handover date',
    )
  return parsedOr(p, () => ({
    prisonOffenderManager: pom || null,
    communityManagerStaffId: staffId,
    handoverDate: handover ?? null,
  }))
}

export interface ReleaseCommand {
  releasedOn: LocalDate
  type: ReleaseType
}

export function parseReleaseForm(body: FormBody): Parsed<ReleaseCommand> {
  const p = new FieldProblems()
  const releasedOn = requiredDate(body, 'releaseDate', 'The release date', p)
  const type = text(body, 'releaseType')
  if (!isReleaseType(type)) p.add('releaseType', 'Select the type of release')
  return parsedOr(p, () => ({ releasedOn: releasedOn!, type: type as ReleaseType }))
}

import type { LocalDate } from '@js-joda/core'
import { FieldProblems, parsedOr, readDate, text, type FormBody, type Parsed } from '../../web/forms.ts'

/**
 * The monitoring filter (issue 18 item 5) from the query string: a period (GOV.UK date inputs `from` and `to`;
 * blank: the last 3 months to today) and optionally a probation provider, a team and a partner organisation.
 */

export interface MonitoringQuery {
  from: LocalDate
  to: LocalDate
  providerId: number | null
  teamId: number | null
  organisationId: number | null
}

const ID = /^\d{1,15}$/
const YEARS = { from: 2000, to: 2100 }

function optionalId(body: FormBody, name: string, message: string, p: FieldProblems): number | null {
  const value = text(body, name)
  if (!value) return null
  if (!ID.test(value)) {
    p.add(name, message)
    return null
  }
  return Number(value)
}

export function parseMonitoringQuery(body: FormBody, today: LocalDate): Parsed<MonitoringQuery> {
  const p = new FieldProblems()
  const from = readDate(body, 'from', 'The start of the period', p, YEARS)
  const to = readDate(body, 'to', 'The end of the period', p, YEARS)
  const end = to ?? today
  const start = from ?? end.minusMonths(3)
  if (from && to && to.isBefore(from)) p.add('to-day', 'The end of the period must be on or after its start')
  if (from && to && from.plusYears(5).isBefore(to)) p.add('to-day', 'The period must be 5 years or shorter')
  const providerId = optionalId(body, 'provider', 'Choose a provider from the list', p)
  const teamId = optionalId(body, 'team', 'Choose a team from the list', p)
  const organisationId = optionalId(body, 'organisation', 'Choose a partner organisation from the list', p)
  return parsedOr(p, () => ({ from: start, to: end, providerId, teamId, organisationId }))
}

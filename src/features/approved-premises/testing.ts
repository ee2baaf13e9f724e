import { LocalDate } from '@js-joda/core'
import { expect } from 'vitest'

/**
 * What the approved premises feature's tests share: a GOV.UK date input's fields, the error summary a refused form
 * answers with, a bed's night on the bed plan page, and a textarea's value as the browser shows it.
 */

/** The three fields of a GOV.UK date input named `name`, as a browser posts them for `iso` (`YYYY-MM-DD`). */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** A refused form: 400, the GOV.UK error summary, and each message. */
export function expectErrors(response: { statusCode: number; body: string }, messages: string[]): void {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(400)
  expect(response.body).toContain('govuk-error-summary')
  for (const m of messages) expect(response.body).toContain(m)
}

/** The status of one bed's night on the bed plan page (a cell spans the nights in a row with the same status). */
export function night(body: string, bedId: number, date: string): string | undefined {
  const day = LocalDate.parse(date)
  for (const [row] of body.matchAll(new RegExp(`<tr[^>]*data-qa="plan-bed-${bedId}"[\\s\\S]*?</tr>`, 'g'))) {
    for (const [, status, span, from] of row.matchAll(
      /class="probity-night probity-night--([a-z-]+)"(?: colspan="(\d+)")? data-from="([\d-]+)"/g,
    )) {
      const first = LocalDate.parse(from!)
      if (!day.isBefore(first) && day.isBefore(first.plusDays(Number(span ?? 1)))) return status
    }
  }
  return undefined
}

/** A textarea's value as the browser would show it (entities decoded). */
export function textarea(body: string, id: string): string | undefined {
  const m = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(body)
  return m?.[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim()
}

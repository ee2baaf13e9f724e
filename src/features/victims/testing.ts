import { expect } from 'vitest'
import type { TestBrowser } from '../../web/testing.ts'

/**
 * What the victims feature's tests share: a GOV.UK date input's fields, a page's text, and a referral from the
 * witness care unit through the real form.
 */

/** The three fields of a GOV.UK date input named `name`, as a browser posts them for `iso` (`YYYY-MM-DD`). */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** A page's text as a reader sees it: tags dropped, whitespace collapsed. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

let referred = 0

/**
 * Refers a victim of the case `crn` through the referral form as `officer`, with a surname no other victim has
 * (`surnamePrefix`, a number, "q"), living at 1 Secret Lane, Hiddenton NE1 4XY, preferring letters, referred on
 * 20 November 2026; `extra` adds or replaces fields. Expects the redirect to the victim's page.
 */
export async function referVictim(
  officer: TestBrowser,
  crn: string,
  {
    surnamePrefix = 'Victim',
    forename = 'Vera',
    extra = {},
  }: { surnamePrefix?: string; forename?: string; extra?: Record<string, string> } = {},
): Promise<{ victimId: number; surname: string }> {
  const surname = `${surnamePrefix}${++referred}q`
  const response = await officer.post('/victims/referrals', {
    crn,
    forename,
    surname,
    addressLine1: '1 Secret Lane',
    town: 'Hiddenton',
    postcode: 'NE1 4XY',
    preferredMethod: 'letter',
    ...dateFields('referredOn', '2026-11-20'),
    referredBy: 'Northtown Witness Care Unit',
    ...extra,
  })
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
  return { victimId: Number(/\/victims\/(\d+)/.exec(response.headers.location as string)![1]), surname }
}

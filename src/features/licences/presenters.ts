import { licenceWording } from '../../domain/licences/index.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import type { VersionRow } from './queries.ts'
import { conditionsOf, type LicenceRecord, type LicenceSentence } from './record.ts'

/** View models of the licence pages and the API, pure. */

export const STATUS_TEXT: Record<VersionRow['status'], { text: string; tag: string }> = {
  draft: { text: 'Draft', tag: 'govuk-tag--grey' },
  submitted: { text: 'Waiting for approval', tag: 'govuk-tag--blue' },
  approved: { text: 'Approved', tag: 'govuk-tag--green' },
  returned: { text: 'Returned', tag: 'govuk-tag--red' },
  replaced: { text: 'Replaced by a later draft', tag: 'govuk-tag--grey' },
}

const BASIS_TEXT: Record<string, string> = {
  release: 'the release recorded',
  CRD: 'the conditional release date (CRD)',
  ARD: 'the automatic release date (ARD)',
  SLED: 'the sentence and licence expiry date (SLED)',
  LED: 'the licence expiry date (LED)',
}

/** The licence period in words, or why there is none. */
export function periodView(sentence: LicenceSentence | null) {
  if (!sentence) return null
  const p = sentence.period
  if (!p.ok) return { ok: false as const, text: p.reason }
  return {
    ok: true as const,
    start: p.start.toString(),
    end: p.end.toString(),
    text: `${formatDate(p.start.toString())} to ${formatDate(p.end.toString())}`,
    basis: `From ${BASIS_TEXT[p.startBasis]} to ${BASIS_TEXT[p.endBasis]}`,
  }
}

/** One version as the pages, the PDF and the API show it. */
export function versionView(v: VersionRow) {
  const wording = licenceWording(conditionsOf(v))
  return {
    id: v.id,
    licenceId: v.licence_id,
    sentenceId: v.sentence_id,
    versionNumber: v.version_number,
    kind: v.kind,
    kindText: v.kind === 'variation' ? 'Variation' : 'Licence',
    status: v.status,
    statusText: STATUS_TEXT[v.status].text,
    statusTag: STATUS_TEXT[v.status].tag,
    variationReason: v.variation_reason,
    returnReason: v.return_reason,
    createdAt: new Date(v.created_at).toISOString(),
    createdAtText: formatDateTime(v.created_at),
    createdBy: v.created_by_name,
    submittedAt: v.submitted_at ? new Date(v.submitted_at).toISOString() : null,
    submittedBy: v.submitted_by_name,
    decidedAt: v.decided_at ? new Date(v.decided_at).toISOString() : null,
    decidedAtText: v.decided_at ? formatDateTime(v.decided_at) : null,
    decidedBy: v.decided_by_name,
    period: v.period_start && v.period_end ? { start: v.period_start, end: v.period_end, basis: v.period_basis } : null,
    periodText: v.period_start && v.period_end ? `${formatDate(v.period_start)} to ${formatDate(v.period_end)}` : null,
    standard: wording.standard,
    additional: wording.additional,
    conditions: conditionsOf(v),
  }
}
export type VersionView = ReturnType<typeof versionView>

/** The Licence page's model. */
export function licencePageView(record: LicenceRecord) {
  return {
    sentence: record.sentence,
    period: periodView(record.sentence),
    // Named apart from the person layout's own `current` (the section it highlights), which would hide it.
    inForce: record.current ? versionView(record.current) : null,
    open: record.open ? versionView(record.open) : null,
    history: record.versions.map(versionView),
  }
}

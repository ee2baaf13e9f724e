import type { HearingOutcome, HearingType, PsrProposedSentence, PsrStatus, RoshLevelColumn } from '../../db/schema.ts'
import { REPORT_TYPE_TEXT } from '../../domain/court-reports/index.ts'

/** Court work's codes and the words pages, the API and the PDF show for them. */

export const HEARING_TYPES: readonly { code: HearingType; text: string }[] = [
  { code: 'first_appearance', text: 'First appearance' },
  { code: 'plea', text: 'Plea' },
  { code: 'trial', text: 'Trial' },
  { code: 'sentence', text: 'Sentence' },
  { code: 'adjourned', text: 'Adjourned hearing' },
  { code: 'breach', text: 'Breach' },
  { code: 'other', text: 'Other' },
]
export const HEARING_OUTCOMES: readonly { code: HearingOutcome; text: string }[] = [
  { code: 'adjourned_for_report', text: 'Adjourned for a pre-sentence report' },
  { code: 'adjourned', text: 'Adjourned' },
  { code: 'sentenced', text: 'Sentenced' },
  { code: 'remanded_in_custody', text: 'Remanded in custody' },
  { code: 'remanded_on_bail', text: 'Remanded on bail' },
  { code: 'committed_to_crown_court', text: 'Committed to the Crown Court' },
  { code: 'dismissed', text: 'Dismissed or discharged' },
  { code: 'other', text: 'Other' },
]
export const SESSIONS = [
  { code: 'morning', text: 'Morning' },
  { code: 'afternoon', text: 'Afternoon' },
] as const
export const REPORT_TYPE_OPTIONS = (['short_format', 'standard', 'oral'] as const).map(code => ({
  code,
  text: REPORT_TYPE_TEXT[code],
}))
export const REPORT_STATUS_TEXT: Record<PsrStatus, string> = {
  requested: 'Requested',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
}

/** The sections of a pre-sentence report, in the order the court reads them. */
export const REPORT_SECTIONS = [
  { key: 'offenceAnalysis', title: 'Offence analysis' },
  { key: 'thePerson', title: 'The person' },
  { key: 'risk', title: 'Risk of harm and reoffending' },
  { key: 'proposal', title: 'Sentencing proposal' },
  { key: 'sources', title: 'Sources of information' },
] as const
export type SectionKey = (typeof REPORT_SECTIONS)[number]['key']

/**
 * The report's structured conclusions, answered in the risk and proposal sections: optional while drafting (kept in
 * each saved version), required to complete; on completion they are written to the report row, where allocation reads
 * them. '' is "not answered yet".
 */
export const ROSH_LEVEL_OPTIONS: { code: RoshLevelColumn; text: string }[] = [
  { code: 'low', text: 'Low' },
  { code: 'medium', text: 'Medium' },
  { code: 'high', text: 'High' },
  { code: 'very_high', text: 'Very high' },
]
export const PROPOSED_SENTENCE_OPTIONS: { code: PsrProposedSentence; text: string }[] = [
  { code: 'community_order', text: 'Community order' },
  { code: 'suspended_sentence_order', text: 'Suspended sentence order' },
  { code: 'custody', text: 'Immediate custody' },
  { code: 'fine', text: 'Fine' },
  { code: 'discharge', text: 'Discharge (absolute or conditional)' },
  { code: 'other', text: 'Other (described in the proposal)' },
]
export const PROPOSED_PROVIDER_OPTIONS: { code: 'public' | 'contracted'; text: string }[] = [
  { code: 'public', text: 'Public probation service' },
  { code: 'contracted', text: 'Contracted provider (CRC)' },
]
/** Sentences served in the community, for which the report proposes who should manage the order. */
export const SUPERVISED_SENTENCES: readonly string[] = ['community_order', 'suspended_sentence_order']
export const CONCLUSION_FIELDS = ['roshLevel', 'proposedSentence', 'proposedProvider'] as const
export interface ReportConclusions {
  roshLevel: RoshLevelColumn | ''
  proposedSentence: PsrProposedSentence | ''
  proposedProvider: 'public' | 'contracted' | ''
}
export type ReportSections = Record<SectionKey, string> & ReportConclusions
export const conclusionText = (sections: {
  roshLevel?: unknown
  proposedSentence?: unknown
  proposedProvider?: unknown
}) => ({
  roshLevel: ROSH_LEVEL_OPTIONS.find(o => o.code === sections.roshLevel)?.text ?? null,
  proposedSentence: PROPOSED_SENTENCE_OPTIONS.find(o => o.code === sections.proposedSentence)?.text ?? null,
  proposedProvider: PROPOSED_PROVIDER_OPTIONS.find(o => o.code === sections.proposedProvider)?.text ?? null,
})
export const SECTION_MAX = 20_000

export const codeText = (list: readonly { code: string; text: string }[], code: string | null) =>
  list.find(c => c.code === code)?.text ?? code ?? ''

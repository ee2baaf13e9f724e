/**
 * The recall decision workflow's order and who may countersign. Sources: reference-systems.md §6 row 47 ("Recall
 * decision support: SPO consultation, Part A, countersignatures, decision-not-to-recall letter, PPCS handoff") and
 * §2.6 (Make a recall decision); rules-and-outcomes.md §3.2 "Recall grounds" (decision by PPCS).
 */

/** rules-and-outcomes.md §3.2 "Recall grounds". */
export const RECALL_GROUNDS = [
  { code: 'further_offence', text: 'Further offence or charge' },
  { code: 'risk_behaviour', text: 'Behaviour indicating a risk of offending' },
  { code: 'licence_breach', text: 'Breach of a licence condition (missed appointment, curfew, exclusion zone…)' },
] as const
export type RecallGround = (typeof RECALL_GROUNDS)[number]['code']

/** The decision (rules-and-outcomes.md §3.2 "Recall types"; reference-systems.md §2.6). */
export const RECALL_DECISIONS = [
  { code: 'standard', text: 'Standard recall' },
  { code: 'fixed_term', text: 'Fixed-term recall' },
  { code: 'emergency', text: 'Emergency recall' },
  { code: 'no_recall', text: 'No recall (decision-not-to-recall letter)' },
] as const
export type RecallDecision = (typeof RECALL_DECISIONS)[number]['code']

export function isRecallGround(v: string): v is RecallGround {
  return RECALL_GROUNDS.some(g => g.code === v)
}
export function isRecallDecision(v: string): v is RecallDecision {
  return RECALL_DECISIONS.some(d => d.code === v)
}

/** The steps, in the order they are taken. A recall goes on from the decision to Part A; no recall ends with its letter. */
export const RECALL_STAGES = [
  'consultation',
  'rationale',
  'decision',
  'part_a',
  'senior_countersignature',
  'aco_countersignature',
  'sent_to_ppcs',
  'custody_return',
  'closed',
] as const
export type RecallStage = (typeof RECALL_STAGES)[number]

export const STAGE_TEXT: Record<RecallStage, string> = {
  consultation: 'Consult a senior',
  rationale: 'Record the rationale and the alternatives tried',
  decision: 'Record the decision',
  part_a: 'Produce the Part A report',
  senior_countersignature: 'Countersignature by a senior',
  aco_countersignature: 'Second countersignature (for the assistant chief officer)',
  sent_to_ppcs: 'Send to the Public Protection Casework Section',
  custody_return: 'Record the return to custody',
  closed: 'Closed',
}

/** What has been recorded on a recall so far. */
export interface RecallProgress {
  consulted: boolean
  rationale: boolean
  decision: RecallDecision | null
  partA: boolean
  seniorSigned: boolean
  acoSigned: boolean
  sentToPpcs: boolean
  returned: boolean
}

/**
 * The next step of a recall, from what has been recorded: the concern opens it; then consultation, rationale,
 * decision; a recall then needs Part A, the two countersignatures, the PPCS handoff and the return to custody; no
 * recall is closed by its decision (the decision-not-to-recall letter is produced with it).
 *
 * @example
 * nextStage({ consulted: true, rationale: false, decision: null, partA: false, seniorSigned: false, acoSigned: false, sentToPpcs: false, returned: false })
 * // 'rationale'
 */
export function nextStage(p: RecallProgress): RecallStage {
  if (!p.consulted) return 'consultation'
  if (!p.rationale) return 'rationale'
  if (p.decision === null) return 'decision'
  if (p.decision === 'no_recall') return 'closed'
  if (!p.partA) return 'part_a'
  if (!p.seniorSigned) return 'senior_countersignature'
  if (!p.acoSigned) return 'aco_countersignature'
  if (!p.sentToPpcs) return 'sent_to_ppcs'
  if (!p.returned) return 'custody_return'
  return 'closed'
}

/**
 * Null when `stage` is the next step, else why it is refused ("Record the rationale and the alternatives tried first").
 *
 * @example
 * stageRefusal(progress, 'decision') // 'Record the rationale and the alternatives tried first.'
 */
export function stageRefusal(p: RecallProgress, stage: RecallStage): string | null {
  const next = nextStage(p)
  if (next === stage) return null
  if (next === 'closed') return 'This recall is closed: nothing more can be recorded on it.'
  if (RECALL_STAGES.indexOf(stage) < RECALL_STAGES.indexOf(next)) return `${STAGE_TEXT[stage]}: already done.`
  return `${STAGE_TEXT[next]} first.`
}

/** A user as the countersignature rule sees them. */
export interface Signer {
  userId: number
  roles: readonly string[]
}

/**
 * Who may countersign Part A (reference-systems.md §6 row 47: "countersignatures"; §2.6 SPO_SIGNED, ACO_SIGNED).
 * The first countersignature is a senior's (the SPO). Probity has no assistant chief officer role, so the second is
 * given by a senior or an administrator standing for the ACO — never the one who signed first. Neither may be the
 * practitioner who recorded the decision. Null when allowed, else the reason.
 *
 * @example
 * countersignRefusal('senior', { userId: 2, roles: ['practitioner'] }, { decidedBy: 1, seniorSignedBy: null })
 * // 'Only a senior may give the first countersignature.'
 */
export function countersignRefusal(
  which: 'senior' | 'aco',
  signer: Signer,
  r: { decidedBy: number | null; seniorSignedBy: number | null },
): string | null {
  if (signer.userId === r.decidedBy) return 'The practitioner who recorded the decision cannot countersign it.'
  if (which === 'senior') {
    return signer.roles.includes('senior') ? null : 'Only a senior may give the first countersignature.'
  }
  if (!signer.roles.includes('senior') && !signer.roles.includes('admin')) {
    return 'Only a senior or an administrator, standing for the assistant chief officer, may give the second countersignature.'
  }
  if (signer.userId === r.seniorSignedBy) return 'The second countersignature must be by someone other than the first.'
  return null
}

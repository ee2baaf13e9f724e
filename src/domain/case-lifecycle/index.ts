/**
 * The case lifecycle: where a person's case is between court and the end of their orders, and which changes are
 * allowed. Pure: the status and a trigger in, the next status (or the reason it is refused) out. Stored as
 * `people.case_status`, every change appended to `case_status_history` (see src/features/sentencing/lifecycle.ts).
 *
 * Source: issue 5 item 4 (pre-sentence, sentenced awaiting allocation, allocated, in custody, on licence, ended) and the
 * nDelius model in /work/shared/domain/reference-systems.md (EVENT → DISPOSAL → ORDER_MANAGER; custody → licence).
 * A custodial sentence puts the case in custody whatever it was; a community order or suspended sentence order needs
 * allocation unless the case is already managed; release moves custody to licence; the end of every order ends it.
 */

export type CaseStatus =
  | 'pre_sentence'
  | 'awaiting_allocation'
  | 'allocated'
  | 'in_custody'
  | 'on_licence'
  /** Back in custody on a recall from licence, until re-released (issue 14). */
  | 'recalled'
  /** Post-sentence supervision after the licence, to the top-up supervision end date (ORA 2014; issue 14). */
  | 'on_pss'
  | 'ended'

export const CASE_STATUSES: readonly CaseStatus[] = [
  'pre_sentence',
  'awaiting_allocation',
  'allocated',
  'in_custody',
  'on_licence',
  'recalled',
  'on_pss',
  'ended',
]

export const CASE_STATUS_TEXT: Record<CaseStatus, string> = {
  pre_sentence: 'Pre-sentence',
  awaiting_allocation: 'Sentenced, awaiting allocation',
  allocated: 'Allocated',
  in_custody: 'In custody',
  on_licence: 'On licence',
  recalled: 'Recalled to custody',
  on_pss: 'On post-sentence supervision',
  ended: 'Ended',
}

/** What happened to the case. */
export type LifecycleTrigger =
  /** A new event (conviction) awaiting sentence. */
  | 'event_added'
  /** A community order or suspended sentence order was recorded. */
  | 'community_sentence'
  /** A custodial sentence was recorded. */
  | 'custodial_sentence'
  /** A practitioner was allocated to manage the case. */
  | 'allocated'
  /** Released from custody on licence. */
  | 'released'
  /** Recalled to custody from licence (a recall decision; rules-and-outcomes.md §3.2). */
  | 'recalled'
  /** Re-released on licence after a recall (fixed-term automatically, standard on review). */
  | 're_released'
  /** The licence ended at SLED/LED and post-sentence supervision began, to the TUSED (ORA 2014, §1.4 and §3.2). */
  | 'pss_started'
  /** Every order and licence has been terminated or has expired. */
  | 'all_orders_ended'

export type TransitionOutcome =
  { allowed: true; status: CaseStatus; changed: boolean } | { allowed: false; reason: string }

/**
 * The allowed transitions, as a table: for each trigger, the next status from each current status. A status absent
 * from a row means the trigger is refused from it (with the reason in `REFUSALS`).
 */
export const TRANSITIONS: Record<LifecycleTrigger, Partial<Record<CaseStatus, CaseStatus>>> = {
  event_added: {
    pre_sentence: 'pre_sentence',
    awaiting_allocation: 'awaiting_allocation',
    allocated: 'allocated',
    in_custody: 'in_custody',
    on_licence: 'on_licence',
    recalled: 'recalled',
    on_pss: 'on_pss',
    // A new conviction after every order has ended starts the case again.
    ended: 'pre_sentence',
  },
  community_sentence: {
    pre_sentence: 'awaiting_allocation',
    ended: 'awaiting_allocation',
    awaiting_allocation: 'awaiting_allocation',
    // Already managed: the new order joins the existing case manager's case.
    allocated: 'allocated',
    on_licence: 'on_licence',
    on_pss: 'on_pss',
    // A community sentence for someone serving custody is supervised after release; they stay in custody.
    in_custody: 'in_custody',
    recalled: 'recalled',
  },
  custodial_sentence: {
    pre_sentence: 'in_custody',
    awaiting_allocation: 'in_custody',
    allocated: 'in_custody',
    in_custody: 'in_custody',
    on_licence: 'in_custody',
    recalled: 'in_custody',
    on_pss: 'in_custody',
    ended: 'in_custody',
  },
  allocated: {
    awaiting_allocation: 'allocated',
    allocated: 'allocated',
    // A case in custody gets its community offender manager while it stays in custody.
    in_custody: 'in_custody',
    on_licence: 'on_licence',
    recalled: 'recalled',
    on_pss: 'on_pss',
  },
  released: {
    in_custody: 'on_licence',
  },
  recalled: {
    on_licence: 'recalled',
  },
  re_released: {
    recalled: 'on_licence',
  },
  pss_started: {
    on_licence: 'on_pss',
  },
  all_orders_ended: {
    awaiting_allocation: 'ended',
    allocated: 'ended',
    in_custody: 'ended',
    on_licence: 'ended',
    recalled: 'ended',
    on_pss: 'ended',
    ended: 'ended',
  },
}

const REFUSALS: Record<LifecycleTrigger, string> = {
  event_added: 'A new event cannot be added now.',
  community_sentence: 'A community sentence cannot be recorded now.',
  custodial_sentence: 'A custodial sentence cannot be recorded now.',
  allocated: 'Only a sentenced case can be allocated: there is no order or licence to manage yet.',
  released: 'Only a case in custody can be released on licence.',
  recalled:
    'Only a case on licence can be recalled: post-sentence supervision has no recall, its failures go to court.',
  re_released: 'Only a recalled case can be re-released.',
  pss_started: 'Post-sentence supervision follows a licence: the case is not on licence.',
  all_orders_ended: 'The case has not been sentenced, so there are no orders to end.',
}

/**
 * The next status after a trigger, or the reason the change is refused.
 *
 * @example
 * transition('pre_sentence', 'community_sentence') // { allowed: true, status: 'awaiting_allocation', changed: true }
 * transition('pre_sentence', 'allocated')          // { allowed: false, reason: 'Only a sentenced case can be allocated: …' }
 */
export function transition(current: CaseStatus, trigger: LifecycleTrigger): TransitionOutcome {
  const next = TRANSITIONS[trigger][current]
  if (!next) return { allowed: false, reason: REFUSALS[trigger] }
  return { allowed: true, status: next, changed: next !== current }
}

/** The facts that decide whether supervision appointments may be booked. */
export interface SupervisionFacts {
  /** The person's name, for the reason shown to a user. */
  name: string
  status: CaseStatus
  /** A current (not terminated, not expired) community order or suspended sentence order. */
  hasCurrentCommunitySentence: boolean
  /** A current custodial sentence (the licence follows it on release). */
  hasCurrentCustodialSentence: boolean
}

export type SupervisionDecision = { allowed: true } | { allowed: false; reason: string }

/**
 * May supervision appointments (induction, supervision, programme sessions) be booked for this person? Only when
 * there is something to supervise: a current community order or suspended sentence order, or a licence.
 *
 * @example
 * maySupervise({ name: 'John Smith', status: 'pre_sentence', hasCurrentCommunitySentence: false, hasCurrentCustodialSentence: false })
 * // { allowed: false, reason: 'John Smith has not been sentenced: there is no community order, suspended sentence order or licence to supervise' }
 */
export function maySupervise(facts: SupervisionFacts): SupervisionDecision {
  const { name, status } = facts
  switch (status) {
    case 'pre_sentence':
      return {
        allowed: false,
        reason: `${name} has not been sentenced: there is no community order, suspended sentence order or licence to supervise`,
      }
    case 'recalled':
      return { allowed: false, reason: `${name} has been recalled to custody: supervision resumes on re-release` }
    case 'on_pss':
      return { allowed: true }
    case 'in_custody':
      return facts.hasCurrentCommunitySentence
        ? { allowed: false, reason: `${name} is in custody: supervision appointments can be booked from their release` }
        : { allowed: false, reason: `${name} is in custody: the licence, and its supervision, starts on release` }
    case 'ended':
      return { allowed: false, reason: `${name}'s orders have all ended: there is nothing left to supervise` }
    case 'awaiting_allocation':
    case 'allocated':
      return facts.hasCurrentCommunitySentence
        ? { allowed: true }
        : {
            allowed: false,
            reason: `${name} has no current community order or suspended sentence order to supervise`,
          }
    case 'on_licence':
      return facts.hasCurrentCustodialSentence || facts.hasCurrentCommunitySentence
        ? { allowed: true }
        : { allowed: false, reason: `${name} has no current licence or order to supervise` }
  }
}

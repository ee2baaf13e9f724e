import { describe, expect, it } from 'vitest'
import { CASE_STATUSES, maySupervise, transition, type CaseStatus, type LifecycleTrigger } from './index.ts'

describe('case lifecycle transitions', () => {
  it.each<[CaseStatus, LifecycleTrigger, CaseStatus]>([
    ['pre_sentence', 'community_sentence', 'awaiting_allocation'],
    ['pre_sentence', 'custodial_sentence', 'in_custody'],
    ['awaiting_allocation', 'allocated', 'allocated'],
    ['awaiting_allocation', 'custodial_sentence', 'in_custody'],
    ['allocated', 'community_sentence', 'allocated'],
    ['allocated', 'custodial_sentence', 'in_custody'],
    ['in_custody', 'released', 'on_licence'],
    ['in_custody', 'allocated', 'in_custody'],
    ['in_custody', 'community_sentence', 'in_custody'],
    ['on_licence', 'custodial_sentence', 'in_custody'],
    ['on_licence', 'all_orders_ended', 'ended'],
    ['allocated', 'all_orders_ended', 'ended'],
    ['ended', 'community_sentence', 'awaiting_allocation'],
    ['ended', 'event_added', 'pre_sentence'],
    ['allocated', 'event_added', 'allocated'],
    // Issue 14: sentenced → in custody → released on licence → recalled → re-released → PSS → ended.
    ['on_licence', 'recalled', 'recalled'],
    ['recalled', 're_released', 'on_licence'],
    ['on_licence', 'pss_started', 'on_pss'],
    ['on_pss', 'all_orders_ended', 'ended'],
    ['recalled', 'all_orders_ended', 'ended'],
    ['recalled', 'allocated', 'recalled'],
  ])('%s + %s → %s', (from, trigger, to) => {
    expect(transition(from, trigger)).toEqual({ allowed: true, status: to, changed: from !== to })
  })

  it.each<[CaseStatus, LifecycleTrigger, RegExp]>([
    ['pre_sentence', 'allocated', /Only a sentenced case can be allocated/],
    ['ended', 'allocated', /Only a sentenced case can be allocated/],
    ['pre_sentence', 'released', /Only a case in custody can be released/],
    ['allocated', 'released', /Only a case in custody can be released/],
    ['on_licence', 'released', /Only a case in custody can be released/],
    ['pre_sentence', 'all_orders_ended', /has not been sentenced/],
    // No executive recall from post-sentence supervision: its failures go to the magistrates' court (§3.2).
    ['on_pss', 'recalled', /post-sentence supervision has no recall/],
    ['in_custody', 'recalled', /Only a case on licence can be recalled/],
    ['on_licence', 're_released', /Only a recalled case can be re-released/],
    ['in_custody', 'pss_started', /follows a licence/],
  ])('%s + %s is refused', (from, trigger, reason) => {
    const outcome = transition(from, trigger)
    expect(outcome.allowed).toBe(false)
    if (!outcome.allowed) expect(outcome.reason).toMatch(reason)
  })

  it('a custodial sentence leads to custody from every status', () => {
    for (const s of CASE_STATUSES) expect(transition(s, 'custodial_sentence')).toMatchObject({ status: 'in_custody' })
  })
})

describe('may supervision appointments be booked?', () => {
  const facts = (status: CaseStatus, community = false, custodial = false) => ({
    name: 'John Smith',
    status,
    hasCurrentCommunitySentence: community,
    hasCurrentCustodialSentence: custodial,
  })

  it('refuses before sentence, saying why', () => {
    expect(maySupervise(facts('pre_sentence'))).toEqual({
      allowed: false,
      reason:
        'John Smith has not been sentenced: there is no community order, suspended sentence order or licence to supervise',
    })
  })

  it.each<[CaseStatus, boolean, boolean, boolean]>([
    ['awaiting_allocation', true, false, true],
    ['allocated', true, false, true],
    ['allocated', false, false, false],
    ['on_licence', false, true, true],
    ['on_licence', false, false, false],
    ['in_custody', false, true, false],
    ['in_custody', true, true, false],
    ['ended', false, false, false],
  ])('%s (community %s, custodial %s) → allowed %s', (status, community, custodial, allowed) => {
    const decision = maySupervise(facts(status, community, custodial))
    expect(decision.allowed).toBe(allowed)
    if (!decision.allowed) expect(decision.reason).toMatch(/^John Smith/)
  })
})

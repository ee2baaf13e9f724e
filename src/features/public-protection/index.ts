/**
 * Public protection facts: what Victim Contact Scheme and MAPPA eligibility are worked out from. The victims and
 * MAPPA features read them through here; the rules are in src/domain/public-protection.
 */
export { loadProtectionFacts, loadProtectionFactsFor } from './facts.ts'

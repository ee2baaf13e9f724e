import type { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import type { AllocationFacts } from '../../domain/allocation/index.ts'
import { mappaEligibility } from '../../domain/public-protection/index.ts'
import { loadProtectionFactsFor } from '../public-protection/index.ts'

/**
 * Allocation uses MAPPA eligibility, not only a typed flag (issue 15 item 5): a person with no active MAPP
 * registration whose record makes them eligible for a MAPPA category (src/domain/public-protection `mappaEligibility`,
 * rules-and-outcomes.md §3.5) gets a MAPPA fact carrying the reasons, so the provider decision keeps the case with
 * the public provider and says why ("eligible for MAPPA category 2: …"). Fills in `facts` and returns it.
 */
export async function addMappaEligibility(
  db: Executor,
  facts: Map<number, AllocationFacts>,
  today: LocalDate,
): Promise<Map<number, AllocationFacts>> {
  const unregistered = [...facts].filter(([, f]) => !f.mappa).map(([id]) => id)
  if (unregistered.length === 0) return facts
  const protection = await loadProtectionFactsFor(db, unregistered, today)
  for (const id of unregistered) {
    const found = protection.get(id)
    const eligibility = found ? mappaEligibility(found) : null
    if (!eligibility || eligibility.category === null) continue
    const prefix = `Category ${eligibility.category}: `
    const why = eligibility.reasons
      .filter(r => r.startsWith(prefix))
      .map(r => r.slice(prefix.length))
      .join(' ')
    facts.get(id)!.mappa = { category: eligibility.category, level: null, date: today.toString(), eligibility: why }
  }
  return facts
}

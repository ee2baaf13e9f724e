/**
 * Register types a practitioner can add, with the codes nDelius and hmpps-tier use
 * (shared/domain/reference-systems.md §3.4 "Registration (register type) codes"). The group is how the Risk page
 * and nDelius's risk flags present them.
 */
export interface RegisterType {
  code: string
  description: string
  group: 'RoSH' | 'Public protection' | 'Safeguarding' | 'Information'
}

export const REGISTER_TYPES: readonly RegisterType[] = [
  { code: 'MAPP', description: 'MAPPA', group: 'Public protection' },
  { code: 'INLL', description: 'Lifer or IPP', group: 'Public protection' },
  { code: 'SPO', description: 'Stalking', group: 'Public protection' },
  { code: 'RTAO', description: 'Terrorism Act offender', group: 'Public protection' },
  { code: 'STRG', description: 'Street gangs', group: 'Public protection' },
  { code: 'RPIR', description: 'Public interest case', group: 'Public protection' },
  // Shared with a partner organisation with a referral (issue 18): its staff's safety panel shows them.
  { code: 'RSTO', description: 'Risk to staff', group: 'Public protection' },
  { code: 'WEAP', description: 'Weapons', group: 'Public protection' },
  { code: 'RVHR', description: 'Very high RoSH', group: 'RoSH' },
  { code: 'RHRH', description: 'High RoSH', group: 'RoSH' },
  { code: 'RMRH', description: 'Medium RoSH', group: 'RoSH' },
  { code: 'RLRH', description: 'Low RoSH', group: 'RoSH' },
  { code: 'ADVP', description: 'Domestic abuse perpetrator', group: 'Safeguarding' },
  { code: 'REG30', description: 'Domestic abuse history', group: 'Safeguarding' },
  { code: 'RCPR', description: 'Child protection', group: 'Safeguarding' },
  { code: 'RCCO', description: 'Child concerns', group: 'Safeguarding' },
  { code: 'RCHD', description: 'Risk to children', group: 'Safeguarding' },
  { code: 'RVAD', description: 'Adult at risk', group: 'Safeguarding' },
  { code: 'RVLN', description: 'Vulnerability', group: 'Safeguarding' },
  { code: 'RMDO', description: 'Mental health issues', group: 'Safeguarding' },
  { code: 'ALSH', description: 'Attempted suicide or self-harm', group: 'Safeguarding' },
  { code: 'IIOM', description: 'Integrated offender management (IOM) nominal', group: 'Information' },
  { code: 'PRC', description: 'Unsupervised (after the two-thirds point)', group: 'Information' },
]

const BY_CODE = new Map(REGISTER_TYPES.map(t => [t.code, t]))

/** The register type for a code, or undefined when Probity does not know it. */
export function registerType(code: string): RegisterType | undefined {
  return BY_CODE.get(code)
}

export const MAPPA_CODE = 'MAPP'
/** RoSH register code for each overall RoSH level: a RoSH assessment counts as this registration for the tier. */
export const ROSH_REGISTER_CODE = { very_high: 'RVHR', high: 'RHRH', medium: 'RMRH', low: 'RLRH' } as const

/**
 * The resettlement pathways a person's needs are recorded against before release.
 *
 * Source: `shared/domain/rules-and-outcomes.md` §1.4 "TTG scope" (accommodation; employment, training and education;
 * finance, benefit and debt; support for sex workers and victims of domestic abuse) and
 * `shared/domain/reference-systems.md` §2.6 "RP pathways" (accommodation; attitudes, thinking and behaviour; children,
 * families and communities; drugs and alcohol; education, skills and work; finance and ID (bank account, ID
 * documents); health). The list is the union of both, in the words of issue 14.
 */

export const RESETTLEMENT_PATHWAYS = [
  { code: 'accommodation', text: 'Accommodation' },
  { code: 'ete', text: 'Education, training and employment' },
  { code: 'finance', text: 'Finance, benefit and debt, ID and bank account' },
  { code: 'health', text: 'Health' },
  { code: 'drugs_alcohol', text: 'Drugs and alcohol' },
  { code: 'children_families', text: 'Children, families and communities' },
  { code: 'attitudes', text: 'Attitudes, thinking and behaviour' },
  { code: 'sex_work_domestic_abuse', text: 'Support for those who have been sex workers or victims of domestic abuse' },
] as const

export type PathwayCode = (typeof RESETTLEMENT_PATHWAYS)[number]['code']

/**
 * Whether a value is one of the pathways' codes.
 *
 * @example
 * isPathway('accommodation') // true
 * isPathway('housing') // false
 */
export function isPathway(value: string): value is PathwayCode {
  return RESETTLEMENT_PATHWAYS.some(p => p.code === value)
}

/**
 * A pathway's words, for a page.
 *
 * @example
 * pathwayText('ete') // 'Education, training and employment'
 */
export function pathwayText(code: string): string {
  return RESETTLEMENT_PATHWAYS.find(p => p.code === code)?.text ?? code
}

import { describe, expect, it } from 'vitest'
import { isPathway, pathwayText, RESETTLEMENT_PATHWAYS } from './index.ts'

// rules-and-outcomes.md §1.4 "TTG scope" and reference-systems.md §2.6 "RP pathways".
describe('resettlement pathways', () => {
  it('are the eight pathways of issue 14, in order', () => {
    expect(RESETTLEMENT_PATHWAYS.map(p => p.text)).toEqual([
      'Accommodation',
      'Education, training and employment',
      'Finance, benefit and debt, ID and bank account',
      'Health',
      'Drugs and alcohol',
      'Children, families and communities',
      'Attitudes, thinking and behaviour',
      'Support for those who have been sex workers or victims of domestic abuse',
    ])
  })
  it('recognise their codes and nothing else', () => {
    expect(isPathway('drugs_alcohol')).toBe(true)
    expect(isPathway('housing')).toBe(false)
    expect(pathwayText('finance')).toBe('Finance, benefit and debt, ID and bank account')
  })
})

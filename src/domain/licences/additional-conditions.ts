/**
 * The additional licence conditions Probity offers, one type per category of the published policy
 * (`LICENCE_SOURCES.additionalCategories`: reference-systems.md §2.6 and §6 row 45), each with the fields its wording
 * needs. The wording is Probity's plain-English template for the category, with `{field}` filled from the condition's
 * fields; a practitioner who needs other wording uses the bespoke condition.
 */

/** One input a condition needs. `optional` fields may be left blank. */
export interface ConditionField {
  readonly name: string
  readonly label: string
  readonly kind: 'text' | 'textarea' | 'time' | 'choice'
  readonly optional?: boolean
  readonly hint?: string
  readonly choices?: readonly { value: string; text: string }[]
}

export interface AdditionalConditionType {
  readonly code: AdditionalConditionCode
  /** The policy category, as practitioners know it. */
  readonly category: string
  readonly fields: readonly ConditionField[]
  /** The licence wording, with `{field}` placeholders. */
  readonly wording: string
}

export const ADDITIONAL_CONDITION_CODES = [
  'residence_at_place',
  'restriction_of_residency',
  'no_contact_named_person',
  'make_contact',
  'programmes',
  'possession',
  'disclosure',
  'curfew',
  'exclusion_zone',
  'supervision',
  'restricted_conduct',
  'drug_testing',
  'electronic_monitoring',
  'polygraph',
  'bespoke',
] as const

export type AdditionalConditionCode = (typeof ADDITIONAL_CONDITION_CODES)[number]

const EM_TYPES = [
  { value: 'curfew', text: 'Curfew' },
  { value: 'exclusion_zone', text: 'Exclusion zone' },
  { value: 'location', text: 'Location (trail) monitoring' },
  { value: 'alcohol', text: 'Alcohol monitoring' },
] as const

/**
 * Every additional condition type, in the order the licence form and the licence list them.
 *
 * @example
 * ADDITIONAL_CONDITIONS.find(c => c.code === 'curfew')?.fields.map(f => f.name) // ['address', 'startTime', 'endTime']
 */
export const ADDITIONAL_CONDITIONS: readonly AdditionalConditionType[] = [
  {
    code: 'residence_at_place',
    category: 'Residence at a specific place',
    fields: [{ name: 'address', label: 'Address', kind: 'textarea' }],
    wording:
      'You must reside at {address} and must not leave it to live elsewhere without the prior approval of your ' +
      'supervising officer.',
  },
  {
    code: 'restriction_of_residency',
    category: 'Restriction of residency',
    fields: [
      {
        name: 'restriction',
        label: 'Who or where they must not live with or in',
        kind: 'textarea',
        hint: 'For example, any household containing a child under 18 without approval',
      },
    ],
    wording: 'You must not reside in {restriction} without the prior approval of your supervising officer.',
  },
  {
    code: 'no_contact_named_person',
    category: 'Contact with a named person (non-contact)',
    fields: [{ name: 'person', label: 'Name of the person', kind: 'text' }],
    wording:
      'You must not seek to approach or communicate with {person}, directly or indirectly, without the prior approval ' +
      'of your supervising officer.',
  },
  {
    code: 'make_contact',
    category: 'Making or maintaining contact with a person',
    fields: [
      { name: 'person', label: 'Person, service or agency', kind: 'text' },
      { name: 'purpose', label: 'Purpose of the contact', kind: 'text' },
    ],
    wording: 'You must attend all appointments arranged for you with {person} for {purpose}, and co-operate fully.',
  },
  {
    code: 'programmes',
    category: 'Participation in programmes or activities',
    fields: [{ name: 'programme', label: 'Programme or activity', kind: 'text' }],
    wording: 'You must take part in, and co-operate fully with, {programme} as directed by your supervising officer.',
  },
  {
    code: 'possession',
    category: 'Possession, ownership, control or use of items',
    fields: [{ name: 'items', label: 'Items they must not have', kind: 'textarea' }],
    wording:
      'You must not own, possess, control or use {items} without the prior approval of your supervising officer.',
  },
  {
    code: 'disclosure',
    category: 'Disclosure of information',
    fields: [{ name: 'information', label: 'What they must tell their supervising officer', kind: 'textarea' }],
    wording: 'You must tell your supervising officer about {information}.',
  },
  {
    code: 'curfew',
    category: 'Curfew arrangement',
    fields: [
      { name: 'address', label: 'Curfew address', kind: 'textarea' },
      { name: 'startTime', label: 'Curfew starts (24-hour clock, HH:MM)', kind: 'time' },
      { name: 'endTime', label: 'Curfew ends (24-hour clock, HH:MM)', kind: 'time' },
    ],
    wording:
      'You must be at {address} between {startTime} and {endTime} every day, unless your supervising officer ' +
      'approves otherwise.',
  },
  {
    code: 'exclusion_zone',
    category: 'Freedom of movement (exclusion zone)',
    fields: [
      { name: 'description', label: 'Description of the exclusion zone', kind: 'textarea' },
      {
        name: 'mapReference',
        label: 'Map reference (optional)',
        kind: 'text',
        optional: true,
        hint: 'The reference of the map attached to the licence',
      },
    ],
    wording:
      'You must not enter the area described as {description}{mapReference}, without the prior approval of your ' +
      'supervising officer.',
  },
  {
    code: 'supervision',
    category: 'Supervision in the community',
    fields: [{ name: 'arrangement', label: 'Reporting arrangement', kind: 'textarea' }],
    wording: 'You must report to {arrangement}, as directed by your supervising officer.',
  },
  {
    code: 'restricted_conduct',
    category: 'Restriction of specified conduct or acts',
    fields: [{ name: 'conduct', label: 'The conduct they must not engage in', kind: 'textarea' }],
    wording: 'You must not {conduct}.',
  },
  {
    code: 'drug_testing',
    category: 'Drug testing',
    fields: [{ name: 'place', label: 'Where they must attend for testing', kind: 'text' }],
    wording:
      'You must attend {place}, as reasonably required by your supervising officer, to give a sample of oral fluid or ' +
      'urine to test for specified Class A and specified Class B drugs.',
  },
  {
    code: 'electronic_monitoring',
    category: 'Electronic monitoring',
    fields: [{ name: 'monitoring', label: 'What is monitored', kind: 'choice', choices: EM_TYPES }],
    wording:
      'You will be subject to electronic monitoring ({monitoring}). You must allow the monitoring equipment to be ' +
      'installed, keep it charged and working, and not tamper with it.',
  },
  {
    code: 'polygraph',
    category: 'Polygraph',
    fields: [],
    wording:
      'You must comply with any instruction given by your supervising officer requiring you to attend polygraph ' +
      'testing, and participate fully in it.',
  },
  {
    code: 'bespoke',
    category: 'Bespoke condition',
    fields: [{ name: 'wording', label: 'Wording of the condition', kind: 'textarea' }],
    wording: '{wording}',
  },
]

/**
 * The additional condition type of `code`, or undefined.
 *
 * @example
 * additionalConditionType('polygraph')?.category // 'Polygraph'
 */
export function additionalConditionType(code: string): AdditionalConditionType | undefined {
  return ADDITIONAL_CONDITIONS.find(c => c.code === code)
}

/** The text of the electronic-monitoring choice `value`, or the value itself. */
export function monitoringText(value: string): string {
  return EM_TYPES.find(t => t.value === value)?.text.toLowerCase() ?? value
}

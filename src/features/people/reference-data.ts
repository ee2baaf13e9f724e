/**
 * Code lists for the person record. Codes follow the nDelius lists where they are known
 * (shared/domain/reference-systems.md §3.3: address status, personal circumstance, disability, equality
 * fields); descriptions are in practitioners' words. Each list is `{ code, text }` so pages can use it as
 * GOV.UK select or radio items and the API can publish it.
 */

export interface Code {
  readonly code: string
  readonly text: string
}

export const GENDERS = [
  { code: 'male', text: 'Male' },
  { code: 'female', text: 'Female' },
  { code: 'other', text: 'Other' },
  { code: 'not_known', text: 'Not known' },
] as const satisfies readonly Code[]
export type Gender = (typeof GENDERS)[number]['code']

/** Address status (nDelius: Main, Previous, Bail, Secondary; no fixed abode is a status here). */
export const ADDRESS_STATUSES = [
  { code: 'main', text: 'Main address' },
  { code: 'no_fixed_abode', text: 'No fixed abode' },
  { code: 'bail', text: 'Bail address' },
  { code: 'secondary', text: 'Secondary address' },
  { code: 'previous', text: 'Previous address (history)' },
] as const satisfies readonly Code[]
export type AddressStatus = (typeof ADDRESS_STATUSES)[number]['code']

export const ADDRESS_TYPES = [
  { code: 'HOME_OWNER', text: 'Owner occupier' },
  { code: 'RENTED_PRIVATE', text: 'Private rented' },
  { code: 'RENTED_SOCIAL', text: 'Social housing' },
  { code: 'FAMILY_FRIENDS', text: 'With family or friends' },
  { code: 'APPROVED_PREMISES', text: 'Approved premises' },
  { code: 'CAS', text: 'Community accommodation (CAS)' },
  { code: 'HOSTEL', text: 'Hostel or supported housing' },
  { code: 'PRISON', text: 'Prison' },
  { code: 'OTHER', text: 'Other' },
] as const satisfies readonly Code[]

export const CIRCUMSTANCE_TYPES = [
  { code: 'ACCOMMODATION', text: 'Accommodation' },
  { code: 'EMPLOYMENT', text: 'Employment, training and education' },
  { code: 'BENEFITS', text: 'Benefits' },
  { code: 'DEPENDANTS', text: 'Dependants or caring responsibilities' },
  { code: 'RELATIONSHIP', text: 'Relationship' },
  { code: 'PREGNANCY', text: 'Pregnancy or maternity' },
  { code: 'VETERAN', text: 'Armed forces veteran' },
  { code: 'CARE_LEAVER', text: 'Care leaver' },
  { code: 'SUBSTANCE', text: 'Substance misuse' },
  { code: 'HEALTH', text: 'Physical or mental health' },
  { code: 'IMMIGRATION', text: 'Immigration status' },
  { code: 'OTHER', text: 'Other' },
] as const satisfies readonly Code[]

export const DISABILITY_TYPES = [
  { code: 'LEARNING_DIFFICULTY', text: 'Learning difficulty (for example dyslexia)' },
  { code: 'LEARNING_DISABILITY', text: 'Learning disability' },
  { code: 'MENTAL_HEALTH', text: 'Mental health condition' },
  { code: 'AUTISM', text: 'Autism or neurodivergence' },
  { code: 'VISUAL', text: 'Visual impairment' },
  { code: 'HEARING', text: 'Hearing impairment' },
  { code: 'SPEECH', text: 'Speech impairment' },
  { code: 'MOBILITY', text: 'Mobility' },
  { code: 'DEXTERITY', text: 'Dexterity' },
  { code: 'PROGRESSIVE', text: 'Progressive or long-term condition' },
  { code: 'READING', text: 'Reading or literacy difficulty' },
  { code: 'OTHER', text: 'Other' },
  { code: 'REFUSED', text: 'Prefers not to say' },
] as const satisfies readonly Code[]

/** Ethnicity: the 2021 census categories used across government. */
export const ETHNICITIES = [
  { code: 'A1', text: 'Asian or Asian British: Indian' },
  { code: 'A2', text: 'Asian or Asian British: Pakistani' },
  { code: 'A3', text: 'Asian or Asian British: Bangladeshi' },
  { code: 'A4', text: 'Asian or Asian British: Chinese' },
  { code: 'A9', text: 'Asian or Asian British: any other background' },
  { code: 'B1', text: 'Black or Black British: Caribbean' },
  { code: 'B2', text: 'Black or Black British: African' },
  { code: 'B9', text: 'Black or Black British: any other background' },
  { code: 'M1', text: 'Mixed: White and Black Caribbean' },
  { code: 'M2', text: 'Mixed: White and Black African' },
  { code: 'M3', text: 'Mixed: White and Asian' },
  { code: 'M9', text: 'Mixed: any other background' },
  { code: 'W1', text: 'White: English, Welsh, Scottish, Northern Irish or British' },
  { code: 'W2', text: 'White: Irish' },
  { code: 'W3', text: 'White: Gypsy or Irish Traveller' },
  { code: 'W4', text: 'White: Roma' },
  { code: 'W9', text: 'White: any other background' },
  { code: 'O1', text: 'Other ethnic group: Arab' },
  { code: 'O9', text: 'Other ethnic group: any other' },
  { code: 'NS', text: 'Prefers not to say' },
] as const satisfies readonly Code[]

export const RELIGIONS = [
  { code: 'NONE', text: 'No religion' },
  { code: 'BUDDHIST', text: 'Buddhist' },
  { code: 'CHRISTIAN', text: 'Christian' },
  { code: 'HINDU', text: 'Hindu' },
  { code: 'JEWISH', text: 'Jewish' },
  { code: 'MUSLIM', text: 'Muslim' },
  { code: 'SIKH', text: 'Sikh' },
  { code: 'OTHER', text: 'Other religion or belief' },
  { code: 'NS', text: 'Prefers not to say' },
] as const satisfies readonly Code[]

export const SEXUAL_ORIENTATIONS = [
  { code: 'HETEROSEXUAL', text: 'Heterosexual or straight' },
  { code: 'GAY_LESBIAN', text: 'Gay or lesbian' },
  { code: 'BISEXUAL', text: 'Bisexual' },
  { code: 'OTHER', text: 'Other sexual orientation' },
  { code: 'NS', text: 'Prefers not to say' },
] as const satisfies readonly Code[]

export function isCode(list: readonly Code[], value: string): boolean {
  return list.some(c => c.code === value)
}

export function codeText(list: readonly Code[], value: string | null | undefined): string {
  if (!value) return ''
  return list.find(c => c.code === value)?.text ?? value
}

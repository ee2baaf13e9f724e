import type {
  AddressInput,
  AliasInput,
  CircumstanceInput,
  ContactDetailsInput,
  DisabilityInput,
  EqualityInput,
  NewPersonInput,
} from './service.ts'

/**
 * HTML forms → the service's typed input. Pages use GOV.UK date inputs (day, month, year boxes); the service
 * takes `YYYY-MM-DD`, so the boxes are joined here and the service says whether the date is real.
 */

export type FormBody = Record<string, string | undefined>

/** The three GOV.UK date boxes as `Y-M-D`, '' when all are empty (so "Enter …" is reported, not "real date"). */
export function dateFromParts(body: FormBody, name: string): string {
  const [d, m, y] = ['day', 'month', 'year'].map(p => (body[`${name}-${p}`] ?? '').trim())
  if (!d && !m && !y) return ''
  return `${y}-${m}-${d}`
}

/** What the date boxes should show again after an error, or when editing an ISO date. */
export function dateParts(body: FormBody | undefined, name: string, iso?: string | null) {
  if (body && [`${name}-day`, `${name}-month`, `${name}-year`].some(k => k in body)) {
    return { day: body[`${name}-day`] ?? '', month: body[`${name}-month`] ?? '', year: body[`${name}-year`] ?? '' }
  }
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' }
}

export function version(body: FormBody): number {
  return Number(body.version ?? NaN)
}

export const newPersonFromForm = (b: FormBody): NewPersonInput => ({
  forename: b.forename ?? '',
  middleNames: b.middleNames,
  surname: b.surname ?? '',
  preferredName: b.preferredName,
  dateOfBirth: dateFromParts(b, 'dateOfBirth'),
  gender: b.gender ?? '',
  pnc: b.pnc,
  cro: b.cro,
  noms: b.noms,
  phone: b.phone,
  mobile: b.mobile,
  email: b.email,
})

export const contactDetailsFromForm = (b: FormBody): ContactDetailsInput => ({
  version: version(b),
  phone: b.phone,
  mobile: b.mobile,
  email: b.email,
})

export const addressFromForm = (b: FormBody): AddressInput => ({
  version: version(b),
  status: b.status ?? '',
  addressType: b.addressType,
  building: b.building,
  street: b.street,
  district: b.district,
  town: b.town,
  county: b.county,
  postcode: b.postcode,
  telephone: b.telephone,
  startDate: dateFromParts(b, 'startDate'),
  endDate: dateFromParts(b, 'endDate'),
  notes: b.notes,
})

export const aliasFromForm = (b: FormBody): AliasInput => ({
  version: version(b),
  forename: b.forename ?? '',
  surname: b.surname ?? '',
  dateOfBirth: dateFromParts(b, 'dateOfBirth'),
})

export const circumstanceFromForm = (b: FormBody): CircumstanceInput => ({
  version: version(b),
  type: b.type ?? '',
  subType: b.subType,
  startDate: dateFromParts(b, 'startDate'),
  endDate: dateFromParts(b, 'endDate'),
  notes: b.notes,
})

export const disabilityFromForm = (b: FormBody): DisabilityInput => ({
  version: version(b),
  type: b.type ?? '',
  adjustments: b.adjustments,
  startDate: dateFromParts(b, 'startDate'),
  endDate: dateFromParts(b, 'endDate'),
  notes: b.notes,
})

export const equalityFromForm = (b: FormBody): EqualityInput => ({
  version: version(b),
  ethnicity: b.ethnicity,
  religion: b.religion,
  sexualOrientation: b.sexualOrientation,
  nationality: b.nationality,
  firstLanguage: b.firstLanguage,
  interpreterRequired: b.interpreterRequired === 'yes',
})

import { isoDateFrom, text, type FormBody } from '../../web/forms.ts'
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
 * HTML forms → the service's typed commands, read with the shared readers (`src/web/forms.ts`). Pages use GOV.UK
 * date inputs (day, month, year boxes); the service takes `YYYY-MM-DD`, so the boxes are joined here ('' when all
 * are empty, 'invalid' when they cannot form a date) and the service says what is wrong with the date, under the
 * field names the pages show.
 */

/** The record's version the form was read at; NaN (a stale version: nothing changes) when missing. */
export function version(body: FormBody): number {
  const value = text(body, 'version')
  return value === '' ? NaN : Number(value)
}

export const newPersonFromForm = (b: FormBody): NewPersonInput => ({
  forename: text(b, 'forename'),
  middleNames: text(b, 'middleNames'),
  surname: text(b, 'surname'),
  preferredName: text(b, 'preferredName'),
  dateOfBirth: isoDateFrom(b, 'dateOfBirth'),
  gender: text(b, 'gender'),
  pnc: text(b, 'pnc'),
  cro: text(b, 'cro'),
  noms: text(b, 'noms'),
  phone: text(b, 'phone'),
  mobile: text(b, 'mobile'),
  email: text(b, 'email'),
})

/** "Create anyway": the user has seen the possible duplicates and says this is someone else. */
export const confirmedNotDuplicate = (b: FormBody): boolean => text(b, 'confirmNotDuplicate') === 'yes'

export const contactDetailsFromForm = (b: FormBody): ContactDetailsInput => ({
  version: version(b),
  phone: text(b, 'phone'),
  mobile: text(b, 'mobile'),
  email: text(b, 'email'),
})

export const addressFromForm = (b: FormBody): AddressInput => ({
  version: version(b),
  status: text(b, 'status'),
  addressType: text(b, 'addressType'),
  building: text(b, 'building'),
  street: text(b, 'street'),
  district: text(b, 'district'),
  town: text(b, 'town'),
  county: text(b, 'county'),
  postcode: text(b, 'postcode'),
  telephone: text(b, 'telephone'),
  startDate: isoDateFrom(b, 'startDate'),
  endDate: isoDateFrom(b, 'endDate'),
  notes: text(b, 'notes'),
})

export const aliasFromForm = (b: FormBody): AliasInput => ({
  version: version(b),
  forename: text(b, 'forename'),
  surname: text(b, 'surname'),
  dateOfBirth: isoDateFrom(b, 'dateOfBirth'),
})

export const circumstanceFromForm = (b: FormBody): CircumstanceInput => ({
  version: version(b),
  type: text(b, 'type'),
  subType: text(b, 'subType'),
  startDate: isoDateFrom(b, 'startDate'),
  endDate: isoDateFrom(b, 'endDate'),
  notes: text(b, 'notes'),
})

export const disabilityFromForm = (b: FormBody): DisabilityInput => ({
  version: version(b),
  type: text(b, 'type'),
  adjustments: text(b, 'adjustments'),
  startDate: isoDateFrom(b, 'startDate'),
  endDate: isoDateFrom(b, 'endDate'),
  notes: text(b, 'notes'),
})

export const equalityFromForm = (b: FormBody): EqualityInput => ({
  version: version(b),
  ethnicity: text(b, 'ethnicity'),
  religion: text(b, 'religion'),
  sexualOrientation: text(b, 'sexualOrientation'),
  nationality: text(b, 'nationality'),
  firstLanguage: text(b, 'firstLanguage'),
  interpreterRequired: text(b, 'interpreterRequired') === 'yes',
})

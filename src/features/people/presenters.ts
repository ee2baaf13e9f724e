import type { FastifyRequest } from 'fastify'
import { hasPermission } from '../../access/policy.ts'
import {
  ADDRESS_STATUSES,
  ADDRESS_TYPES,
  CIRCUMSTANCE_TYPES,
  codeText,
  DISABILITY_TYPES,
  ETHNICITIES,
  GENDERS,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
} from './reference-data.ts'
import type { PersonRecord } from './service.ts'

/** What the person pages show besides the record: the code lists and the record's texts. */

type CodeList = readonly { code: string; text: string }[]

export const referenceData = {
  /** GOV.UK radio items for a code list. */
  radioItems: (list: CodeList, selected?: string) =>
    list.map(c => ({ value: c.code, text: c.text, checked: c.code === selected })),
  /** GOV.UK select items with a blank first choice. */
  selectItems: (list: CodeList, selected?: string, blank = 'Select one') => [
    { value: '', text: blank, selected: !selected },
    ...list.map(c => ({ value: c.code, text: c.text, selected: c.code === selected })),
  ],
  genders: GENDERS,
  addressStatuses: ADDRESS_STATUSES,
  addressTypes: ADDRESS_TYPES,
  circumstanceTypes: CIRCUMSTANCE_TYPES,
  disabilityTypes: DISABILITY_TYPES,
  ethnicities: ETHNICITIES,
  religions: RELIGIONS,
  sexualOrientations: SEXUAL_ORIENTATIONS,
}

/** The record's layout: the person, the section shown, the code lists and the texts of the person's codes. */
export function personContext(request: FastifyRequest, person: PersonRecord, section: string) {
  return {
    person,
    section,
    canAudit: hasPermission(request.user, 'person:audit'),
    genderText: codeText(GENDERS, person.gender),
    equalityText: {
      ethnicity: codeText(ETHNICITIES, person.equality.ethnicity),
      religion: codeText(RELIGIONS, person.equality.religion),
      sexualOrientation: codeText(SEXUAL_ORIENTATIONS, person.equality.sexualOrientation),
    },
    ...referenceData,
  }
}

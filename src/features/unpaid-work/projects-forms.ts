import type { LocalDate } from '@js-joda/core'
import {
  FieldProblems,
  list,
  parsedOr,
  readDate,
  requiredDate,
  requiredText,
  text,
  type FormBody,
  type Parsed,
} from '../../web/forms.ts'

/**
 * The project form → a typed command (issue 17 item 1): what the project is, where (address, postcode and an
 * optional latitude and longitude), its facilities and risks, capacity, supervisors, whether travel time is credited,
 * its dates and the description shown on the public map. Dates are GOV.UK date inputs (error on `<name>-day`).
 */

export const PROJECT_TYPES = [
  { value: 'graffiti_removal', text: 'Graffiti removal' },
  { value: 'clearing', text: 'Clearing' },
  { value: 'decorating', text: 'Decorating' },
  { value: 'grounds_maintenance', text: 'Grounds maintenance' },
  { value: 'conservation', text: 'Conservation' },
  { value: 'litter_picking', text: 'Litter picking' },
  { value: 'charity_shop', text: 'Charity shop placement' },
  { value: 'other', text: 'Other' },
] as const

export const FACILITIES = [
  { value: 'toilets', text: 'Toilets' },
  { value: 'hand_washing', text: 'Hand-washing' },
  { value: 'drinking_water', text: 'Drinking water' },
  { value: 'shelter', text: 'Shelter' },
] as const

export const RISKS = [
  { value: 'public_contact', text: 'Contact with the public' },
  { value: 'children_present', text: 'Children present' },
  { value: 'vulnerable_adults_present', text: 'Vulnerable adults present' },
] as const

export type Facility = (typeof FACILITIES)[number]['value']
export type Risk = (typeof RISKS)[number]['value']

export interface ProjectCommand {
  name: string
  projectType: string
  placementKind: 'group' | 'individual'
  beneficiaryName: string
  beneficiaryContact: string | null
  address: string
  postcode: string | null
  latitude: number | null
  longitude: number | null
  facilities: Facility[]
  risks: Risk[]
  riskNotes: string | null
  capacity: number
  supervisorIds: number[]
  travelTimeCredited: boolean
  startDate: LocalDate
  endDate: LocalDate | null
  publicDescription: string | null
  nominationId: number | null
}

const YEARS = { from: 2000, to: 2100 }
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/

const optional = (body: FormBody, name: string, max: number, label: string, p: FieldProblems): string | null => {
  const value = text(body, name)
  if (value.length > max) p.add(name, `${label} must be ${max} characters or fewer`)
  return value || null
}

/** A decimal degree within ±`limit`, or null when blank; an error on the field otherwise. */
function degrees(body: FormBody, name: string, label: string, limit: number, p: FieldProblems): number | null {
  const value = text(body, name)
  if (!value) return null
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(value) || Math.abs(Number(value)) > limit) {
    p.add(
      name,
      `${label} must be a number between -${limit} and ${limit}, like ${limit === 90 ? '53.4808' : '-2.2426'}`,
    )
    return null
  }
  return Number(value)
}

function whereFields(body: FormBody, p: FieldProblems) {
  const address = requiredText(body, 'address', 'Enter the address of the project', 'The address', 1000, p)
  const postcode = text(body, 'postcode').toUpperCase().replace(/\s+/g, ' ')
  if (postcode && !POSTCODE.test(postcode)) p.add('postcode', 'Enter a real postcode, like NT1 2AB')
  const latitude = degrees(body, 'latitude', 'Latitude', 90, p)
  const longitude = degrees(body, 'longitude', 'Longitude', 180, p)
  if (
    (latitude === null) !== (longitude === null) &&
    !p.errors.some(e => e.field === 'latitude' || e.field === 'longitude')
  )
    p.add(latitude === null ? 'latitude' : 'longitude', 'Enter both the latitude and the longitude, or neither')
  return { address, postcode: postcode || null, latitude, longitude }
}

export function parseProjectForm(body: FormBody): Parsed<ProjectCommand> {
  const p = new FieldProblems()
  const name = requiredText(body, 'name', 'Enter the name of the project', 'The name', 200, p)
  const projectType = PROJECT_TYPES.find(t => t.value === text(body, 'projectType'))?.value
  if (!projectType) p.add('projectType', 'Choose the type of work')
  const kind = text(body, 'placementKind')
  if (kind !== 'group' && kind !== 'individual') p.add('placementKind', 'Choose a group or an individual placement')
  const beneficiaryName = requiredText(body, 'beneficiaryName', 'Enter who benefits', 'The beneficiary', 200, p)
  const beneficiaryContact = optional(body, 'beneficiaryContact', 500, 'The contact', p)
  const where = whereFields(body, p)
  const facilities = FACILITIES.map(f => f.value).filter(f => list(body, 'facilities').includes(f))
  const risks = RISKS.map(r => r.value).filter(r => list(body, 'risks').includes(r))
  const riskNotes = optional(body, 'riskNotes', 2000, 'Risk notes', p)
  const capacityText = text(body, 'capacity')
  if (!/^\d{1,2}$/.test(capacityText) || Number(capacityText) < 1 || Number(capacityText) > 30)
    p.add('capacity', 'Enter how many people the project takes, from 1 to 30')
  const supervisorIds = list(body, 'supervisors')
    .filter(id => /^\d{1,15}$/.test(id))
    .map(Number)
  const travel = text(body, 'travelTimeCredited')
  if (travel !== 'yes' && travel !== 'no') p.add('travelTimeCredited', 'Say whether travel time is credited')
  const startDate = requiredDate(body, 'start', 'The start date', p, YEARS)
  const endDate = readDate(body, 'end', 'The end date', p, YEARS) ?? null
  if (startDate && endDate && endDate.isBefore(startDate))
    p.add('end-day', 'The end date must be on or after the start date')
  const publicDescription = optional(body, 'publicDescription', 1000, 'The public description', p)
  const nomination = text(body, 'nomination')
  return parsedOr(p, () => ({
    name,
    projectType: projectType!,
    placementKind: kind as 'group' | 'individual',
    beneficiaryName,
    beneficiaryContact,
    ...where,
    facilities,
    risks,
    riskNotes,
    capacity: Number(capacityText),
    supervisorIds,
    travelTimeCredited: travel === 'yes',
    startDate: startDate!,
    endDate,
    publicDescription,
    nominationId: /^\d{1,15}$/.test(nomination) ? Number(nomination) : null,
  }))
}

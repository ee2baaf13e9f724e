import type { RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import { recordChange } from '../../access/audit.ts'
import { claimVersion, endAfterStart } from './changes.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import { withPersonRow } from './record.ts'
import { CIRCUMSTANCE_TYPES, DISABILITY_TYPES, ETHNICITIES, RELIGIONS, SEXUAL_ORIENTATIONS } from './reference-data.ts'
import type {
  AliasInput,
  ChangeResult,
  CircumstanceInput,
  ContactDetailsInput,
  DisabilityInput,
  EqualityInput,
} from './service.ts'
import * as v from './validation.ts'

/** Changes to the record's details: contact details, equality, aliases, circumstances and disabilities. */

export async function updateContactDetails(
  deps: PeopleDeps,
  crn: string,
  input: ContactDetailsInput,
  ctx: RequestContext,
): Promise<ChangeResult> {
  requirePermission(ctx, 'person:update')
  const errors: v.Errors = []
  const fields = {
    phone: v.phone(errors, 'phone', input.phone, 'a telephone number'),
    mobile: v.phone(errors, 'mobile', input.mobile, 'a mobile number'),
    email: v.email(errors, 'email', input.email),
  }
  if (errors.length) throw new ValidationError(errors)
  return withPersonRow(deps, ctx, crn, 'update', async (trx, person, access) => {
    const version = await claimVersion(trx, deps.clock, person.id, input.version)
    await q.updatePersonFields(trx, person.id, fields)
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(k => fields[k] !== person[k])
    await recordChange(
      trx,
      ctx,
      { id: access.personId, crn: access.crn },
      {
        action: 'PERSON_CONTACT_DETAILS_UPDATE',
        eventType: 'person.contact-details.changed',
        detail: {
          fields: changed,
        },
      },
    )
    return { crn: access.crn, version }
  })
}

export async function updateEquality(
  deps: PeopleDeps,
  crn: string,
  input: EqualityInput,
  ctx: RequestContext,
): Promise<ChangeResult> {
  requirePermission(ctx, 'person:update')
  const errors: v.Errors = []
  const fields = {
    ethnicity: v.optionalCode(errors, 'ethnicity', input.ethnicity, ETHNICITIES, 'an ethnicity'),
    religion: v.optionalCode(errors, 'religion', input.religion, RELIGIONS, 'a religion or belief'),
    sexual_orientation: v.optionalCode(
      errors,
      'sexualOrientation',
      input.sexualOrientation,
      SEXUAL_ORIENTATIONS,
      'a sexual orientation',
    ),
    nationality: v.optionalText(errors, 'nationality', input.nationality, 'nationality'),
    first_language: v.optionalText(errors, 'firstLanguage', input.firstLanguage, 'first language'),
    interpreter_required: input.interpreterRequired === true,
  }
  if (errors.length) throw new ValidationError(errors)
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const version = await claimVersion(trx, deps.clock, person.personId, input.version)
    await q.updatePersonFields(trx, person.personId, fields)
    // Equality data is sensitive: the audit and the event say that it changed, not what it is.
    await recordChange(
      trx,
      ctx,
      { id: person.personId, crn: person.crn },
      { action: 'PERSON_EQUALITY_UPDATE', eventType: 'person.equality.changed', detail: {} },
    )
    return { crn: person.crn, version }
  })
}

/** Adds an alias: another name the person is known by, searchable like their own. */
export async function addAlias(
  deps: PeopleDeps,
  crn: string,
  input: AliasInput,
  ctx: RequestContext,
): Promise<ChangeResult> {
  requirePermission(ctx, 'person:update')
  const errors: v.Errors = []
  const forename = v.requiredText(errors, 'forename', input.forename, 'a first name')
  const surname = v.requiredText(errors, 'surname', input.surname, 'a last name')
  const dob = v.optionalDate(errors, 'dateOfBirth', input.dateOfBirth, 'the date of birth')
  if (dob && dob > deps.clock.today().toString())
    errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' })
  if (errors.length) throw new ValidationError(errors)
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const version = await claimVersion(trx, deps.clock, person.personId, input.version)
    await q.insertPersonName(trx, person.personId, 'alias', forename, surname, dob)
    await recordChange(
      trx,
      ctx,
      { id: person.personId, crn: person.crn },
      { action: 'PERSON_ALIAS_ADD', eventType: 'person.alias.added', detail: {} },
    )
    return { crn: person.crn, version }
  })
}

export async function addCircumstance(
  deps: PeopleDeps,
  crn: string,
  input: CircumstanceInput,
  ctx: RequestContext,
): Promise<ChangeResult> {
  requirePermission(ctx, 'person:update')
  const errors: v.Errors = []
  const row = {
    circumstance_type: v.requiredCode(errors, 'type', input.type, CIRCUMSTANCE_TYPES, 'the type of circumstance'),
    sub_type: v.optionalText(errors, 'subType', input.subType, 'detail'),
    start_date: v.requiredDate(errors, 'startDate', input.startDate, 'the start date'),
    end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
    notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
  }
  endAfterStart(errors, row.start_date, row.end_date)
  if (errors.length) throw new ValidationError(errors)
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const version = await claimVersion(trx, deps.clock, person.personId, input.version)
    const id = await q.insertCircumstance(trx, { ...row, person_id: person.personId, created_by: ctx.user?.id ?? null })
    await recordChange(
      trx,
      ctx,
      { id: person.personId, crn: person.crn },
      {
        action: 'PERSON_CIRCUMSTANCE_ADD',
        eventType: 'person.circumstance.added',
        detail: {
          circumstanceId: id,
          type: row.circumstance_type,
        },
      },
    )
    return { crn: person.crn, version }
  })
}

export async function addDisability(
  deps: PeopleDeps,
  crn: string,
  input: DisabilityInput,
  ctx: RequestContext,
): Promise<ChangeResult> {
  requirePermission(ctx, 'person:update')
  const errors: v.Errors = []
  const row = {
    disability_type: v.requiredCode(errors, 'type', input.type, DISABILITY_TYPES, 'the type of disability'),
    adjustments: v.optionalText(errors, 'adjustments', input.adjustments, 'adjustments', 4000),
    start_date: v.requiredDate(errors, 'startDate', input.startDate, 'the start date'),
    end_date: v.optionalDate(errors, 'endDate', input.endDate, 'the end date'),
    notes: v.optionalText(errors, 'notes', input.notes, 'notes', 4000),
  }
  endAfterStart(errors, row.start_date, row.end_date)
  if (errors.length) throw new ValidationError(errors)
  return deps.withPerson(ctx, crn, 'update', async (trx, person) => {
    const version = await claimVersion(trx, deps.clock, person.personId, input.version)
    const id = await q.insertDisability(trx, { ...row, person_id: person.personId, created_by: ctx.user?.id ?? null })
    await recordChange(
      trx,
      ctx,
      { id: person.personId, crn: person.crn },
      { action: 'PERSON_DISABILITY_ADD', eventType: 'person.disability.added', detail: { disabilityId: id } },
    )
    return { crn: person.crn, version }
  })
}

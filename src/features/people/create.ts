import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ValidationError } from '../../errors.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import { GENDERS, type Gender } from './reference-data.ts'
import { presentResults } from './search.ts'
import type { CreatePersonResult, NewPersonInput } from './service.ts'
import * as v from './validation.ts'

/** Creating a person's record, after looking for a record they may already have. */

/**
 * Creates a person. Unless `confirmNotDuplicate`, first looks for likely duplicates (same PNC or prison
 * number, or same date of birth and a similar name) and, if any, creates nothing and returns them.
 */
export async function createPerson(
  deps: PeopleDeps,
  input: NewPersonInput,
  ctx: RequestContext,
  options: { confirmNotDuplicate?: boolean } = {},
): Promise<CreatePersonResult> {
  requirePermission(ctx, 'person:create')
  const today = deps.clock.today()
  const person = validateNewPerson(input, today.toString(), today.year())
  return deps.db.transaction().execute(async trx => {
    const duplicateIds = await q.findPossibleDuplicates(trx, {
      pnc: person.pnc,
      noms: person.noms,
      dateOfBirth: person.date_of_birth,
      forename: person.forename,
      surname: person.surname,
    })
    if (duplicateIds.length > 0 && !options.confirmNotDuplicate) {
      return { outcome: 'possible-duplicates' as const, duplicates: await presentResults(trx, ctx, duplicateIds) }
    }
    await refuseTakenIdentifiers(trx, person)
    const { id, crn } = await q.insertPerson(trx, person, deps.config.crnPrefix)
    await audit(trx, ctx, {
      action: 'PERSON_CREATE',
      personId: id,
      subject: crn,
      detail: { confirmedNotDuplicate: duplicateIds.length > 0 },
    })
    await publish(trx, 'person.created', id, { crn })
    return { outcome: 'created' as const, crn, personId: id }
  })
}

/** PNC and prison numbers identify one person: confirming past the warning cannot create a second record. */
async function refuseTakenIdentifiers(trx: Executor, person: { pnc: string | null; noms: string | null }) {
  const taken: v.Errors = []
  if (person.pnc && (await q.findByIdentifier(trx, 'pnc', person.pnc)).length) {
    taken.push({
      field: 'pnc',
      message: 'Another record already has this PNC number. Check the number, or open the existing record.',
    })
  }
  if (person.noms && (await q.findByIdentifier(trx, 'noms', person.noms)).length) {
    taken.push({
      field: 'noms',
      message: 'Another record already has this prison number. Check the number, or open the existing record.',
    })
  }
  if (taken.length) throw new ValidationError(taken)
}

function validateNewPerson(input: NewPersonInput, today: string, currentYear: number) {
  const errors: v.Errors = []
  const person = {
    forename: v.requiredText(errors, 'forename', input.forename, 'a first name'),
    middle_names: v.optionalText(errors, 'middleNames', input.middleNames, 'middle names'),
    surname: v.requiredText(errors, 'surname', input.surname, 'a last name'),
    preferred_name: v.optionalText(errors, 'preferredName', input.preferredName, 'preferred name'),
    date_of_birth: v.dateOfBirth(errors, 'dateOfBirth', input.dateOfBirth, today),
    gender: v.requiredCode(errors, 'gender', input.gender, GENDERS, 'a gender') as Gender,
    pnc: v.pnc(errors, 'pnc', input.pnc, currentYear),
    cro: v.cro(errors, 'cro', input.cro),
    noms: v.noms(errors, 'noms', input.noms),
    phone: v.phone(errors, 'phone', input.phone, 'a telephone number'),
    mobile: v.phone(errors, 'mobile', input.mobile, 'a mobile number'),
    email: v.email(errors, 'email', input.email),
  }
  if (errors.length) throw new ValidationError(errors)
  return person
}

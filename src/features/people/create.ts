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
  try {
    return await insertNewPerson(deps, person, ctx, options)
  } catch (error) {
    throw identifierTakenMeanwhile(error) ?? error
  }
}

async function insertNewPerson(
  deps: PeopleDeps,
  person: ReturnType<typeof validateNewPerson>,
  ctx: RequestContext,
  options: { confirmNotDuplicate?: boolean },
): Promise<CreatePersonResult> {
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

const PNC_TAKEN = {
  field: 'pnc',
  message: 'Another record already has this PNC number. Check the number, or open the existing record.',
}
const NOMS_TAKEN = {
  field: 'noms',
  message: 'Another record already has this prison number. Check the number, or open the existing record.',
}

/** PNC and prison numbers identify one person: confirming past the warning cannot create a second record. */
async function refuseTakenIdentifiers(trx: Executor, person: { pnc: string | null; noms: string | null }) {
  const taken: v.Errors = []
  if (person.pnc && (await q.findByIdentifier(trx, 'pnc', person.pnc)).length) taken.push(PNC_TAKEN)
  if (person.noms && (await q.findByIdentifier(trx, 'noms', person.noms)).length) taken.push(NOMS_TAKEN)
  if (taken.length) throw new ValidationError(taken)
}

/** The unique constraints on identifiers (`2026_11_22_0001_foundation.ts`) and the field error each means. */
const IDENTIFIER_CONSTRAINTS: Record<string, v.Errors[number]> = {
  people_pnc_key: PNC_TAKEN,
  people_noms_idx: NOMS_TAKEN,
}

/**
 * Someone else saved a record with this PNC or prison number between the check and the insert (two creates at
 * once): PostgreSQL's unique violation (23505), as the same field error the check gives. (Its `detail` names the
 * value, so it must not travel on to the logs.)
 */
function identifierTakenMeanwhile(error: unknown): ValidationError | undefined {
  const e = error as { code?: unknown; constraint?: unknown }
  const taken =
    e?.code === '23505' && typeof e.constraint === 'string' ? IDENTIFIER_CONSTRAINTS[e.constraint] : undefined
  return taken ? new ValidationError([taken]) : undefined
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

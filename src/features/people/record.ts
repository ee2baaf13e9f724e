import type { Transaction } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import { canDecideAccess, canUpdatePerson, type PersonAccessFacts } from '../../access/policy.ts'
import type { PersonAccess, PersonAccessMode } from '../../access/with-person.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import { victimSchemeSummary } from '../victims/index.ts'
import { requirePermission, type PeopleDeps } from './deps.ts'
import * as q from './queries.ts'
import { ADDRESS_STATUSES, ADDRESS_TYPES, CIRCUMSTANCE_TYPES, DISABILITY_TYPES } from './reference-data.ts'
import type { AddressView, PersonRecord } from './service.ts'

/** The person record and its details (aliases, addresses, circumstances, disabilities), as one view model. */

type Trx = Transaction<Database>
export type PersonRow = q.PersonDetailsRow

/**
 * Opens the record with `withPerson` (policy, refusal audited, unknown CRN is NotFoundError) and loads the person's
 * own columns in the same transaction.
 */
export function withPersonRow<T>(
  deps: PeopleDeps,
  ctx: RequestContext,
  crn: string,
  mode: PersonAccessMode,
  work: (trx: Trx, person: PersonRow, access: PersonAccess) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await q.findPersonById(trx, access.personId)
    if (!person) throw new NotFoundError('There is no record with this CRN')
    return work(trx, person, access)
  })
}

/** How to read the record: for reading or for an edit form, audited here or by the route, with the overview's extras. */
export interface RecordRead {
  mode: 'read' | 'update'
  /** Audit the view as PERSON_VIEW with this page; left out when the route declares the audit (`config.audit`). */
  auditPage?: string
  /** Add what needs attention on the case (the overview page). */
  overview?: boolean
}

export async function readRecord(
  deps: PeopleDeps,
  ctx: RequestContext,
  crn: string,
  how: RecordRead,
): Promise<PersonRecord> {
  requirePermission(ctx, how.mode === 'read' ? 'person:read' : 'person:update')
  // The overview filters itself to a former case manager's scope; other reads need the whole record.
  const mode = how.mode === 'read' && how.overview ? 'read-scoped' : how.mode
  return withPersonRow(deps, ctx, crn, mode, async (trx, person, access) => {
    if (how.auditPage !== undefined) {
      await audit(trx, ctx, {
        action: 'PERSON_VIEW',
        personId: person.id,
        subject: person.crn,
        detail: { page: how.auditPage },
      })
    }
    const before = access.scope?.recordedBefore
    const record = await loadRecord(trx, ctx, person, access.facts, before)
    if (before) return formerManagersView(record, before)
    if (!how.overview) return record
    const viewer = { mayDecideAccess: canDecideAccess(ctx.user, access.facts).allowed }
    return {
      ...record,
      attention: await deps.needsAttention(trx, person, deps.clock.now(), viewer),
      // That a victim is in the Victim Contact Scheme and what their officer shared: nothing else (issue 15 item 1).
      victimContact: await victimSchemeSummary(trx, person.id),
    }
  })
}

async function loadRecord(
  trx: Trx,
  ctx: RequestContext,
  person: PersonRow,
  facts: PersonAccessFacts,
  /** Only what was recorded before this instant (a former case manager's view). */
  before?: Date,
): Promise<PersonRecord> {
  const recorded = <T extends { created_at: Date }>(rows: T[]) =>
    before ? rows.filter(r => r.created_at < before) : rows
  const details = await q.loadRecordDetails(trx, person.id)
  if (!details) throw new NotFoundError('There is no record with this CRN')
  const [names, addresses, circumstances, disabilities] = [
    recorded(details.names),
    recorded(details.addresses),
    recorded(details.circumstances),
    recorded(details.disabilities),
  ]
  const update = canUpdatePerson(ctx.user, facts)
  const views = addresses.map(addressView)
  return {
    ...personFields(person),
    aliases: names
      .filter(n => n.kind === 'alias')
      .map(n => ({
        id: n.id,
        forename: n.forename,
        surname: n.surname,
        dateOfBirth: n.date_of_birth,
        addedAt: n.created_at,
      })),
    addresses: {
      current: views.filter(a => a.endDate === null && a.status !== 'previous'),
      previous: views.filter(a => a.endDate !== null || a.status === 'previous'),
    },
    circumstances: circumstances.map(c => ({
      id: c.id,
      type: CIRCUMSTANCE_TYPES.find(t => t.code === c.circumstance_type)?.text ?? c.circumstance_type,
      subType: c.sub_type,
      startDate: c.start_date,
      endDate: c.end_date,
      notes: c.notes,
    })),
    disabilities: disabilities.map(d => ({
      id: d.id,
      type: DISABILITY_TYPES.find(t => t.code === d.disability_type)?.text ?? d.disability_type,
      adjustments: d.adjustments,
      startDate: d.start_date,
      endDate: d.end_date,
      notes: d.notes,
    })),
    manager: person.managing_provider_id ? details.manager : null,
    canUpdate: update.allowed,
    updateRefusal: update.allowed ? null : update.reason,
  }
}

/**
 * What a former case manager sees of the record: what was recorded before the case left them, and nothing that says
 * where the person is or how to reach them now (addresses in use, contact details), nor the work due today.
 */
function formerManagersView(record: PersonRecord, before: Date): PersonRecord {
  return {
    ...record,
    contact: { phone: null, mobile: null, email: null },
    addresses: { current: [], previous: record.addresses.previous },
    canUpdate: false,
    recordedBefore: before,
  }
}

/** The person's own fields (names, identifiers, contact, equality) as the record shows them. */
function personFields(person: PersonRow) {
  return {
    id: person.id,
    crn: person.crn,
    version: person.version,
    forename: person.forename,
    middleNames: person.middle_names,
    surname: person.surname,
    preferredName: person.preferred_name,
    dateOfBirth: person.date_of_birth,
    gender: person.gender,
    pnc: person.pnc,
    cro: person.cro,
    noms: person.noms,
    contact: { phone: person.phone, mobile: person.mobile, email: person.email },
    equality: {
      ethnicity: person.ethnicity,
      religion: person.religion,
      sexualOrientation: person.sexual_orientation,
      nationality: person.nationality,
      firstLanguage: person.first_language,
      interpreterRequired: person.interpreter_required,
    },
  }
}

function addressView(a: q.AddressListRow): AddressView {
  return {
    id: a.id,
    status: a.status,
    statusText: ADDRESS_STATUSES.find(s => s.code === a.status)?.text ?? a.status,
    addressType: a.address_type ? (ADDRESS_TYPES.find(t => t.code === a.address_type)?.text ?? a.address_type) : null,
    lines: [a.building, a.street, a.district, a.town, a.county].filter((l): l is string => Boolean(l)),
    postcode: a.postcode,
    telephone: a.telephone,
    startDate: a.start_date,
    endDate: a.end_date,
    notes: a.notes,
    supersededBy: a.superseded_by,
    parts: {
      addressTypeCode: a.address_type,
      building: a.building,
      street: a.street,
      district: a.district,
      town: a.town,
      county: a.county,
    },
  }
}

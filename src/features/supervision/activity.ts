import type { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { viewed, withSupervisedPerson, type Person, type SupervisionDeps } from './context.ts'
import type { ActivityQuery, ActivityRequest, ContactCommand } from './forms.ts'
import { activity, insertContact, type ActivityFilter } from './queries.ts'
import { CONTACT_TYPES, contactType } from './reference-data.ts'
import { londonInstant } from './time.ts'

/** The activity log (every contact, filtered and searched) and recording a contact that is not an appointment. */

/** Entries on one page of the activity log. */
export const ACTIVITY_PAGE_SIZE = 50

/** A system-generated contact in the activity log (a letter produced, a breach initiated). */
export async function systemContact(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  type: string,
  notes: string,
  links: { eventId?: number | null } = {},
): Promise<number> {
  return insertContact(trx, {
    person_id: p.id,
    event_id: links.eventId ?? null,
    contact_type: type,
    is_appointment: false,
    starts_at: deps.clock.now(),
    national_standard: false,
    system_generated: true,
    notes,
    created_by: ctx.user?.id ?? null,
  })
}

/** The activity log, filtered, with note search (parameterised; what is typed is matched literally). Audited. */
export function activityPage(deps: SupervisionDeps, ctx: RequestContext, crn: string, request: ActivityRequest) {
  // A former case manager sees only what was recorded while they managed the case (`scope`).
  return withSupervisedPerson(deps, ctx, crn, 'read-scoped', async (trx, p, canUpdate, scope) => {
    const { filters: f, errors, pageNumber } = request
    // Pages of 50: a long-running case has hundreds of contacts, and rendering them all is what made the
    // page slow (docs/performance.md). One extra row tells whether there is a next page.
    const found = await activity(
      trx,
      p.id,
      { ...activityFilter(f), recordedBefore: scope?.recordedBefore },
      {
        limit: ACTIVITY_PAGE_SIZE + 1,
        offset: (pageNumber - 1) * ACTIVITY_PAGE_SIZE,
      },
    )
    const rows = found.slice(0, ACTIVITY_PAGE_SIZE)
    await viewed(trx, ctx, p, 'activity', {
      pageNumber,
      filters: { ...f, from: f.from?.toString() ?? null, to: f.to?.toString() ?? null, q: f.q ? '(search)' : '' },
    })
    return {
      person: p,
      canUpdate,
      filters: f,
      errors,
      rows,
      pageNumber,
      hasNextPage: found.length > ACTIVITY_PAGE_SIZE,
    }
  })
}

/** The "record a contact" form's context. Audited. */
export function contactFormPage(deps: SupervisionDeps, ctx: RequestContext, crn: string) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    await viewed(trx, ctx, p, 'record-contact')
    return { person: p }
  })
}

/** Records a contact that is not an appointment (phone call, email, MAPPA, safeguarding…). */
export function recordContact(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  command: Parsed<ContactCommand>,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const type = contactType(c.type)
    if (!type) throw new ValidationError([{ field: 'type', message: 'Choose a type of contact from the list' }])
    const startsAt = contactInstant(c, deps.clock.now(), deps.clock.today())
    if (startsAt > deps.clock.now())
      throw new ValidationError([{ field: 'time', message: 'The time must be in the past' }])
    const id = await insertContact(trx, {
      person_id: p.id,
      contact_type: type.code,
      is_appointment: false,
      starts_at: startsAt,
      staff_id: ctx.user?.staffId ?? null,
      team_id: ctx.user?.teamId ?? null,
      national_standard: type.nationalStandard,
      sensitive: c.sensitive,
      notes: c.notes,
      created_by: ctx.user?.id ?? null,
    })
    await audit(trx, ctx, {
      action: 'CONTACT_RECORD',
      personId: p.id,
      subject: p.crn,
      detail: { contactId: id, type: type.code },
    })
    await publish(trx, 'contact.recorded', p.id, { crn: p.crn, contactId: id, type: type.code })
    return { crn: p.crn, id }
  })
}

/**
 * When a contact happened. The time is optional: left blank, a contact recorded for today happened "now" (the
 * moment it is recorded, never later), and one on an earlier day is put at midday, as it always has been.
 */
function contactInstant(c: ContactCommand, now: Date, today: LocalDate): Date {
  if (c.time) return londonInstant(c.date, c.time.hour, c.time.minute)
  return c.date.equals(today) ? now : londonInstant(c.date, 12, 0)
}

function activityFilter(f: ActivityQuery): ActivityFilter {
  return {
    types: f.category ? CONTACT_TYPES.filter(t => t.category === f.category).map(t => t.code) : undefined,
    outcome: f.outcome || undefined,
    nationalStandard: f.nationalStandard ? f.nationalStandard === 'yes' : undefined,
    systemGenerated: f.system ? f.system === 'yes' : undefined,
    from: f.from ? londonInstant(f.from, 0, 0) : undefined,
    to: f.to ? londonInstant(f.to.plusDays(1), 0, 0) : undefined,
    text: f.q || undefined,
  }
}

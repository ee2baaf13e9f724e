import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { londonDate } from '../../clock.ts'
import { clockOf } from '../../domain/allocation/index.ts'
import type { Dependencies } from '../../dependencies.ts'
import { actionView, contactType, londonInstant, londonTime, spokenTime } from '../supervision/index.ts'
import * as q from './queries.ts'

export const MY_DAY_VIEW = 'MY_DAY_VIEW'

const appointmentView = (a: q.DayAppointmentRow) => ({
  id: a.id,
  crn: a.crn,
  name: `${a.forename} ${a.surname}`,
  href: `/people/${a.crn}/appointments/${a.id}`,
  typeText: contactType(a.contactType)?.text ?? a.contactType,
  date: londonDate(a.startsAt).toString(),
  time: spokenTime(londonTime(a.startsAt)),
  location: a.location,
  sensitive: a.sensitive,
  outcome: a.outcome,
})

const actionOfDay = (a: q.DueActionRow, today: LocalDate) => ({
  ...actionView(a),
  crn: a.crn,
  name: `${a.forename} ${a.surname}`,
  href: `/people/${a.crn}/enforcement`,
  clock: a.due_date ? clockOf(LocalDate.parse(a.due_date), today) : null,
})

/** Today's and the next two weeks' appointments, appointments needing an outcome, enforcement actions due. */
export async function myDay({ db, clock }: Dependencies, ctx: RequestContext) {
  const staffId = ctx.user?.staffId ?? null
  const at = clock.now()
  const today = londonDate(at)
  if (staffId === null)
    return {
      hasStaff: false,
      today: today.toString(),
      todays: [],
      upcoming: [],
      needingOutcome: [],
      actions: [],
      masked: 0,
    }
  return db.transaction().execute(async trx => {
    const startOfToday = londonInstant(today, 0, 0)
    const startOfTomorrow = londonInstant(today.plusDays(1), 0, 0)
    const [todays, upcoming, needing, actions] = await Promise.all([
      q.practitionerAppointments(trx, staffId, { from: startOfToday, to: startOfTomorrow }, 100),
      q.practitionerAppointments(
        trx,
        staffId,
        { from: startOfTomorrow, to: londonInstant(today.plusDays(15), 0, 0) },
        100,
      ),
      q.practitionerAppointments(trx, staffId, { to: at, needingOutcome: true }, 200),
      q.openActionsOfStaff(trx, staffId, 200),
    ])
    const ids = [...todays, ...upcoming, ...needing].map(a => a.personId).concat(actions.map(a => a.person_id))
    const access = await loadPeopleAccess(trx, ids)
    const may = (id: number) => {
      const facts = access.get(id)
      return facts !== undefined && canReadPerson(ctx.user, facts).allowed
    }
    const hidden = new Set(ids.filter(id => !may(id)))
    const view = {
      hasStaff: true,
      today: today.toString(),
      todays: todays.filter(a => may(a.personId)).map(appointmentView),
      upcoming: upcoming.filter(a => may(a.personId)).map(appointmentView),
      needingOutcome: needing.filter(a => may(a.personId)).map(appointmentView),
      actions: actions.filter(a => may(a.person_id)).map(a => actionOfDay(a, today)),
      /** How many people with limited access were left out (never who). */
      masked: hidden.size,
    }
    const crns = [
      ...new Set([...view.todays, ...view.upcoming, ...view.needingOutcome, ...view.actions].map(r => r.crn)),
    ]
    const shownPersonIds = ids.filter(id => !hidden.has(id))
    await audit(trx, ctx, { action: MY_DAY_VIEW, detail: { staffId, crns }, shownPersonIds })
    return view
  })
}

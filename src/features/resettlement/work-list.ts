import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { clockStatus, type ClockStatus, type PathwayCode } from '../../domain/resettlement/index.ts'
import { resettlementSentence, resettlementState, type ResettlementState } from './case-state.ts'
import type { ResettlementDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The Through the Gate work list of a team (the user's own) or a provider: for people in custody managed there,
 * what is due and late — screening parts 1 and 2 not yet done, the plan's open actions, and cases inside the
 * 12-week pre-release window with no release-day plan. Every row is filtered through the access policy
 * (limited-access cases are left out) and the list is audited once, naming everyone it showed.
 */

export interface ListedPerson {
  id: number
  crn: string
  name: string
  /** The prison the person is held in now (their custody record's latest location), when recorded. */
  prison: string | null
}

/** A prison holding someone on the list: the prison team's own list is the list narrowed to it. */
export interface PrisonChoice {
  code: string
  name: string
}

export interface ScreeningItem {
  person: ListedPerson
  part: 1 | 2
  due: LocalDate
  status: ClockStatus
}

export interface ActionItem {
  person: ListedPerson
  pathway: PathwayCode
  description: string
  owner: string
  due: LocalDate
  status: ClockStatus
}

export interface PreReleaseItem {
  person: ListedPerson
  state: ResettlementState
}

export interface WorkList {
  scope: q.ListScope | null
  scopeName: string | null
  /** The prisons holding the scope's people in custody, by name, and the one the list is narrowed to. */
  prisons: PrisonChoice[]
  prison: PrisonChoice | null
  today: LocalDate
  screenings: ScreeningItem[]
  actions: ActionItem[]
  preRelease: PreReleaseItem[]
}

/** Whose list: the user's team unless they ask for their provider's (or have no team). */
export type ListScopeRequest = 'team' | 'provider'

export async function workList(
  deps: ResettlementDeps,
  ctx: RequestContext,
  asked: ListScopeRequest,
  prisonCode: string | null = null,
): Promise<WorkList> {
  const user = ctx.user
  const scope: q.ListScope | null =
    asked === 'team' && user?.teamId
      ? { kind: 'team', teamId: user.teamId }
      : user?.providerId
        ? { kind: 'provider', providerId: user.providerId }
        : null
  const today = deps.clock.today()
  return deps.db.transaction().execute(async trx => {
    if (!scope)
      return { scope, scopeName: null, prisons: [], prison: null, today, screenings: [], actions: [], preRelease: [] }
    const scopeName =
      scope.kind === 'team' ? await q.teamName(trx, scope.teamId) : await q.providerName(trx, scope.providerId)
    const cases = await q.custodialCasesInScope(trx, scope)
    const facts = await loadPeopleAccess(
      trx,
      cases.map(c => c.id),
    )
    const visible = cases.filter(c => {
      const f = facts.get(c.id)
      return f !== undefined && canReadPerson(user, f).allowed
    })
    const ids = visible.map(c => c.id)
    const sentences = await q.currentCustodialSentences(trx, ids)
    const records = await q.custodyRecords(trx, ids)
    const everyone = visible.flatMap(c => {
      const found = resettlementSentence(
        sentences.filter(s => s.person_id === c.id),
        records.filter(r => r.person_id === c.id),
      )
      if (!found) return []
      const prison = found.custody?.released_on === null ? found.custody : null
      const person = { id: c.id, crn: c.crn, name: `${c.forename} ${c.surname}`, prison: prison?.prison_name ?? null }
      return [{ person, prisonCode: prison?.prison_code ?? null, ...found }]
    })
    const prisons = [
      ...new Map(
        everyone.flatMap(c => (c.prisonCode ? [[c.prisonCode, { code: c.prisonCode, name: c.person.prison! }]] : [])),
      ).values(),
    ].sort((a, b) => a.name.localeCompare(b.name))
    const prison = prisons.find(p => p.code === prisonCode) ?? null
    const chosen = prisonCode ? everyone.filter(c => c.prisonCode === prisonCode) : everyone
    const sentenceIds = chosen.map(c => c.sentence.id)
    const items = listItems(chosen, today, {
      screenings: await q.screenings(trx, sentenceIds),
      planned: new Set((await q.releaseDayPlans(trx, sentenceIds)).map(p => p.sentence_id)),
      openActions: (await q.actions(trx, sentenceIds)).filter(a => a.done_on === null),
    })
    const shown = [...new Set([...items.screenings, ...items.actions, ...items.preRelease].map(i => i.person.id))]
    await audit(trx, ctx, {
      action: 'RESETTLEMENT_LIST_VIEW',
      detail: { scope: scope.kind, id: scope.kind === 'team' ? scope.teamId : scope.providerId, prison: prisonCode },
      shownPersonIds: shown,
    })
    return { scope, scopeName, prisons, prison, today, ...items }
  })
}

type ChosenCase = { person: ListedPerson; prisonCode: string | null } & NonNullable<
  ReturnType<typeof resettlementSentence>
>

/** The list's rows from the cases still in custody: screening not done, open actions, pre-release without a plan. */
function listItems(
  cases: readonly ChosenCase[],
  today: LocalDate,
  rows: { screenings: q.ScreeningRow[]; planned: ReadonlySet<number>; openActions: q.ActionRow[] },
): Pick<WorkList, 'screenings' | 'actions' | 'preRelease'> {
  const screenings: ScreeningItem[] = []
  const preRelease: PreReleaseItem[] = []
  const inCustody = new Map<number, ListedPerson>()
  for (const c of cases) {
    const state = resettlementState(c, rows.screenings, today)
    if (state.released) continue
    inCustody.set(state.sentence.id, c.person)
    for (const [part, clock] of [
      [1, state.partOne],
      [2, state.partTwo],
    ] as const)
      if (clock.due && clock.status && !clock.done)
        screenings.push({ person: c.person, part, due: clock.due, status: clock.status })
    if (state.inWindow && !rows.planned.has(state.sentence.id)) preRelease.push({ person: c.person, state })
  }
  const actions = rows.openActions.flatMap((a): ActionItem[] => {
    const person = inCustody.get(a.sentence_id)
    if (!person) return []
    const due = LocalDate.parse(a.due_date)
    const owner = a.owner_organisation ?? `${a.owner_forename ?? ''} ${a.owner_surname ?? ''}`.trim()
    const status = clockStatus({ due, doneOn: null, today })
    return [{ person, pathway: a.pathway as PathwayCode, description: a.description, owner, due, status }]
  })
  screenings.sort((a, b) => a.due.compareTo(b.due))
  preRelease.sort((a, b) => a.state.window!.earliestRelease.compareTo(b.state.window!.earliestRelease))
  return { screenings, actions, preRelease }
}

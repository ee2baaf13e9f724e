import { londonDate } from '../../clock.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { victimsPaths } from '../../web/paths.ts'
import type { ConditionRequestRow } from './queries/conditions.ts'
import type { VictimTaskRow } from './queries/tasks.ts'
import { letterKindText } from './letters-pdf.ts'
import { TASK_KIND_TEXT, type VictimTaskFacts, type VictimTaskKind } from './tasks-rules.ts'
import { VICTIM_CONDITIONS } from './conditions-rules.ts'

/** View models of the victims' tasks, letters, condition requests and shared notes: pure, dates in words. */

const factsOf = (value: unknown): VictimTaskFacts => {
  const f = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<VictimTaskFacts> | null
  return {
    heading: f?.heading ?? '',
    event: f?.event ?? '',
    dates: f?.dates ?? [],
    notes: f?.notes ?? [],
    conditions: f?.conditions ?? [],
  }
}

/** One task: what happened, its dates in words, the conditions in force, when it is due and whether it is done. */
export function taskView(t: VictimTaskRow, today: string) {
  const facts = factsOf(t.facts)
  return {
    id: t.id,
    victimId: t.victim_id,
    href: victimsPaths.task(t.victim_id, t.id),
    kind: TASK_KIND_TEXT[t.kind as VictimTaskKind] ?? t.kind,
    heading: facts.heading,
    victim: `${t.victim_forename} ${t.victim_surname}`,
    offender: `${t.offender_forename} ${t.offender_surname}`,
    crn: t.crn,
    dates: facts.dates.map(d => ({ label: d.label, text: formatDate(d.date) })),
    notes: facts.notes,
    conditions: facts.conditions,
    due: formatDate(t.due_on),
    overdue: !t.completed_on && t.due_on < today,
    made: formatDate(londonDate(new Date(t.created_at)).toString()),
    done: t.completed_on ? formatDate(t.completed_on) : null,
    doneNotes: t.completion_notes,
  }
}
export type TaskView = ReturnType<typeof taskView>

/** What the victim's page adds: tasks (open first), letters, condition requests and the links to act. */
export function victimExtrasView(
  victimId: number,
  m: {
    tasks: VictimTaskRow[]
    letters: { id: number; kind: string; created_at: Date; created_by_name: string | null }[]
    requests: ConditionRequestRow[]
    today: string
  },
) {
  const tasks = m.tasks.map(t => taskView(t, m.today))
  return {
    openTasks: tasks.filter(t => !t.done),
    doneTasks: tasks.filter(t => t.done),
    letters: m.letters.map(l => ({
      kind: letterKindText(l.kind),
      created: formatDateTime(l.created_at),
      by: l.created_by_name ?? '',
      href: victimsPaths.letter(victimId, l.id),
    })),
    requests: m.requests.map(conditionRequestView),
    links: {
      letters: victimsPaths.letters(victimId),
      conditions: victimsPaths.conditions(victimId),
      share: victimsPaths.share(victimId),
    },
  }
}

export function conditionRequestView(r: ConditionRequestRow) {
  return {
    id: r.id,
    title: VICTIM_CONDITIONS.find(k => k.code === r.condition_code)?.title ?? r.condition_code,
    wording: r.wording,
    requested: formatDate(r.requested_on),
    by: r.requested_by ?? '',
    withdrawn: r.withdrawn_on ? formatDate(r.withdrawn_on) : null,
  }
}

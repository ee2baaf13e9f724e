import { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import { allocationClock, clockOf, type Clock as DueClock } from '../../domain/allocation/index.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import { allocationPaths, sharingPaths } from '../../web/paths.ts'
import { registerType } from '../risk/index.ts'
import { actionView, contactType, londonTime, spokenTime } from '../supervision/index.ts'
import { custodyPaths, firstAppointmentsDue } from '../custody/index.ts'
import { attentionFacts, type AttentionFacts } from './queries.ts'

/**
 * "Needs attention" for one person's overview: appointments needing an outcome, enforcement actions due, overdue
 * registration reviews, and allocation or induction due. Reads the other features' tables; changes nothing.
 *
 * The caller (the people service, inside its own transaction) has already checked that the user may read the
 * record and audited the view, so this neither checks nor audits.
 */

export interface AttentionItem {
  /** `outcome`, `action`, `review`, `allocation`, `induction` */
  kind: string
  text: string
  href: string
  /** A tag: the due clock's text, with `overdue` in red. */
  tag: { text: string; status: DueClock['status'] | 'info' } | null
}

export interface NeedsAttention {
  items: AttentionItem[]
}

const clockTag = (clock: DueClock) => ({ text: clock.text, status: clock.status })

/** Who is looking: the case manager or a senior of the managing team also sees requests for access to decide. */
export interface AttentionViewer {
  readonly mayDecideAccess?: boolean
}

export async function needsAttention(
  db: Executor,
  person: { id: number; crn: string },
  now: Date,
  viewer: AttentionViewer = {},
): Promise<NeedsAttention> {
  const today = londonDate(now)
  const f = await attentionFacts(db, person.id, now, today.toString(), viewer.mayDecideAccess ?? false)
  const released = await firstAppointmentsDue(db, [person.id])
  const at = { crn: person.crn, personId: person.id, today, now }
  return {
    items: [
      ...sharingItems(f.sharing, at),
      ...allocationItems(f, at),
      // Released on licence: the first appointment, due within 1 working day of release (src/features/custody).
      ...released.map(r => ({
        kind: 'first-appointment',
        text: `Arrange the first appointment after release, due by ${formatDate(r.dueBy)}`,
        href: custodyPaths.page(person.crn),
        tag: clockTag(clockOf(LocalDate.parse(r.dueBy), today)),
      })),
      ...outcomeItems(f, at),
      ...actionItems(f, at),
      ...reviewItems(f, at),
    ],
  }
}

/** Urgent accesses first (flagged at once), then requests for access waiting for the manager's or senior's decision. */
function sharingItems(rows: AttentionFacts['sharing'], { crn }: Where): AttentionItem[] {
  const urgent = rows
    .filter(r => r.kind === 'urgent')
    .map(r => ({
      kind: 'urgent-access',
      text: `${r.display_name} used urgent access on ${formatDateTime(r.requested_at)}: ${r.reason}`,
      href: sharingPaths.access(crn),
      tag: { text: 'Urgent access', status: 'overdue' as const },
    }))
  const requests = rows
    .filter(r => r.status === 'pending')
    .map(r => ({
      kind: 'access-request',
      text: `Decide on ${r.display_name}’s request for access`,
      href: sharingPaths.request(crn, r.id),
      tag: { text: 'Access request', status: 'info' as const },
    }))
  return [...urgent, ...requests]
}

interface Where {
  crn: string
  personId: number
  today: LocalDate
  now: Date
}

/** Allocation due (awaiting a practitioner) and the induction to arrange after it. */
function allocationItems(f: AttentionFacts, { crn, today }: Where): AttentionItem[] {
  const items: AttentionItem[] = []
  const alloc = f.allocation
  if (alloc?.caseStatus === 'awaiting_allocation') {
    const clock = f.sentenceDate ? allocationClock(LocalDate.parse(f.sentenceDate), today) : null
    items.push({
      kind: 'allocation',
      text: clock
        ? `Allocate to a practitioner by ${formatDate(clock.dueBy.toString())}`
        : 'Allocate to a practitioner',
      href: allocationPaths.case(crn),
      tag: clock ? clockTag(clock) : null,
    })
  }
  if (alloc?.inductionDueDate && !alloc.inductionArranged) {
    const clock = clockOf(LocalDate.parse(alloc.inductionDueDate), today)
    items.push({
      kind: 'induction',
      text: `Arrange the induction appointment, due by ${formatDate(alloc.inductionDueDate)}`,
      href: allocationPaths.bookInduction(crn, alloc.inductionProposedDate ?? alloc.inductionDueDate),
      tag: clockTag(clock),
    })
  }
  return items
}

function outcomeItems(f: AttentionFacts, { crn }: Where): AttentionItem[] {
  return f.needingOutcome.map(c => ({
    kind: 'outcome',
    text: `Record the outcome: ${contactType(c.contact_type)?.text ?? c.contact_type}, ${formatDate(londonDate(c.starts_at).toString())} at ${spokenTime(londonTime(c.starts_at))}`,
    href: `/people/${crn}/appointments/${c.id}`,
    tag: { text: 'Needs an outcome', status: 'overdue' },
  }))
}

function actionItems(f: AttentionFacts, { crn, personId, today, now }: Where): AttentionItem[] {
  return f.actions.map(a => {
    const view = actionView({
      ...a,
      person_id: personId,
      contact_id: null,
      event_id: null,
      breach_id: null,
      document_id: null,
      status: 'open',
      done_date: null,
      created_at: now,
      version: 0,
    })
    return {
      kind: 'action',
      text: a.due_date ? `${view.title}, due ${view.dueText}` : `${view.title} (${view.dueText.toLowerCase()})`,
      href: `/people/${crn}/enforcement`,
      tag: a.due_date ? clockTag(clockOf(LocalDate.parse(a.due_date), today)) : null,
    }
  })
}

function reviewItems(f: AttentionFacts, { crn }: Where): AttentionItem[] {
  return f.reviews.map(r => ({
    kind: 'review',
    text: `Review the ${registerType(r.type_code)?.description ?? r.type_code} registration, due ${formatDate(r.next_review_date)}`,
    href: `/people/${crn}/risk/registrations`,
    tag: { text: 'Review overdue', status: 'overdue' },
  }))
}

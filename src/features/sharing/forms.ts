import { ValidationError } from '../../errors.ts'
import { checked, FieldProblems, text, type FormBody } from '../../web/forms.ts'

/** Need-to-know sharing's forms, read into commands. Pure: the service decides what they may do. */

const CRN = /^[A-Z][0-9]{6}$/
export const MAX_REASON = 1000

export interface AskCommand {
  crn: string
  reason: string
}

export interface UrgentCommand extends AskCommand {
  safeguarding: true
}

export interface DecisionCommand {
  decision: 'grant' | 'refuse'
  reason: string | null
}

export interface WithdrawCommand {
  reason: string | null
}

function reasonOf(body: FormBody, problems: FieldProblems, required: string | null): string | null {
  const reason = text(body, 'reason')
  if (!reason) {
    if (required) problems.add('reason', required)
    return null
  }
  if (reason.length > MAX_REASON) problems.add('reason', `Reason must be ${MAX_REASON} characters or fewer`)
  return reason
}

function crnOf(body: FormBody, problems: FieldProblems): string {
  const crn = text(body, 'crn').toUpperCase()
  if (!CRN.test(crn)) problems.add('crn', 'Enter a CRN: one letter and six digits, like X123456')
  return crn
}

/** "Ask for access": the record and why the asker needs it. */
export function readAskForm(body: FormBody): AskCommand {
  const problems = new FieldProblems()
  const crn = crnOf(body, problems)
  const reason = reasonOf(body, problems, 'Enter why you need to see this record')
  if (problems.errors.length) throw new ValidationError(problems.errors)
  return { crn, reason: reason! }
}

/** Urgent access: the record, the safeguarding reason, and the user's confirmation that it is urgent. */
export function readUrgentForm(body: FormBody): UrgentCommand {
  const problems = new FieldProblems()
  const crn = crnOf(body, problems)
  const reason = reasonOf(body, problems, 'Enter the safeguarding reason you need to see this record now')
  if (!checked(body, 'confirm')) problems.add('confirm', 'Confirm that this is an urgent safeguarding need')
  if (problems.errors.length) throw new ValidationError(problems.errors)
  return { crn, reason: reason!, safeguarding: true }
}

/** The manager's or senior's decision: grant or refuse, and the reason (required to refuse). */
export function readDecisionForm(body: FormBody): DecisionCommand {
  const problems = new FieldProblems()
  const decision = text(body, 'decision')
  if (decision !== 'grant' && decision !== 'refuse')
    problems.add('decision', 'Select whether to grant or refuse access')
  const reason = reasonOf(body, problems, decision === 'refuse' ? 'Enter why you are refusing access' : null)
  if (problems.errors.length) throw new ValidationError(problems.errors)
  return { decision: decision as DecisionCommand['decision'], reason }
}

/** Withdrawing a grant: an optional reason. */
export function readWithdrawForm(body: FormBody): WithdrawCommand {
  const problems = new FieldProblems()
  const reason = reasonOf(body, problems, null)
  if (problems.errors.length) throw new ValidationError(problems.errors)
  return { reason }
}

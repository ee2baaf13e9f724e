import { formatDate } from '../../web/filters.ts'
import { datePartsFor, list, text, type FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { FACILITIES, PROJECT_TYPES, RISKS } from './projects-forms.ts'
import type { ProjectRow, NominationRow } from './queries/projects.ts'

/**
 * What the project pages show (issue 17 item 1): the list, a project's page, and the new or change form's values
 * (as posted when sent back, else the project's, else prefilled from the nomination it comes from).
 */

export const projectTypeText = (value: string) => PROJECT_TYPES.find(t => t.value === value)?.text ?? value

const yes = (flag: boolean) => (flag ? 'Yes' : 'No')

export function projectListView(rows: (ProjectRow & { provider_name: string })[]) {
  return rows.map(p => ({
    id: p.id,
    name: p.name,
    href: paths.project(p.id),
    type: projectTypeText(p.project_type),
    kind: p.placement_kind === 'group' ? 'Group' : 'Individual placement',
    provider: p.provider_name,
    dates: `${formatDate(p.start_date)}${p.end_date ? ` to ${formatDate(p.end_date)}` : ''}`,
    status: p.completed_at ? 'Complete' : 'Active',
  }))
}

export function projectView(p: ProjectRow) {
  const facilities = FACILITIES.filter(f => p[f.value]).map(f => f.text)
  const risks = RISKS.filter(r => p[r.value]).map(r => r.text)
  return {
    id: p.id,
    name: p.name,
    complete: p.completed_at !== null,
    rows: [
      ['Type of work', projectTypeText(p.project_type)],
      ['Placement', p.placement_kind === 'group' ? 'Group' : 'Individual placement'],
      ['Beneficiary', p.beneficiary_name + (p.beneficiary_contact ? ` (${p.beneficiary_contact})` : '')],
      ['Address', `${p.address}${p.postcode ? `, ${p.postcode}` : ''}`],
      ['Map position', p.latitude !== null && p.longitude !== null ? `${p.latitude}, ${p.longitude}` : 'Not given'],
      ['Facilities', facilities.join(', ') || 'None'],
      ['Risks', risks.join(', ') || 'None recorded'],
      ['Risk notes', p.risk_notes ?? 'None'],
      ['Capacity', String(p.capacity)],
      ['Travel time credited', yes(p.travel_time_credited)],
      ['Dates', `${formatDate(p.start_date)}${p.end_date ? ` to ${formatDate(p.end_date)}` : ''}`],
      ['Public description', p.public_description ?? 'None'],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
  }
}

type Prefill = Partial<Record<string, string | string[]>>

/** The form's values from the project being changed, or from a nomination for a new project. */
function prefill(project: ProjectRow | null, nomination: NominationRow | null): Prefill {
  if (project)
    return {
      name: project.name,
      projectType: project.project_type,
      placementKind: project.placement_kind,
      beneficiaryName: project.beneficiary_name,
      beneficiaryContact: project.beneficiary_contact ?? '',
      address: project.address,
      postcode: project.postcode ?? '',
      latitude: project.latitude === null ? '' : String(project.latitude),
      longitude: project.longitude === null ? '' : String(project.longitude),
      facilities: FACILITIES.filter(f => project[f.value]).map(f => f.value),
      risks: RISKS.filter(r => project[r.value]).map(r => r.value),
      riskNotes: project.risk_notes ?? '',
      capacity: String(project.capacity),
      travelTimeCredited: project.travel_time_credited ? 'yes' : 'no',
      publicDescription: project.public_description ?? '',
    }
  if (nomination)
    return {
      name: nomination.title,
      beneficiaryName: nomination.organisation_name,
      beneficiaryContact: [nomination.contact_name, nomination.phone, nomination.email].filter(Boolean).join(', '),
      address: nomination.address ?? '',
      postcode: nomination.postcode ?? '',
      latitude: nomination.latitude === null ? '' : String(nomination.latitude),
      longitude: nomination.longitude === null ? '' : String(nomination.longitude),
      facilities: FACILITIES.filter(f => f.value !== 'shelter' && nomination[f.value]).map(f => f.value),
      publicDescription: nomination.what_needs_doing.slice(0, 1000),
    }
  return { placementKind: 'group' }
}

export function projectFormView(
  form: {
    project: ProjectRow | null
    nomination: NominationRow | null
    choices: { id: number; display_name: string }[]
    supervisorIds: number[]
  },
  body?: FormBody,
) {
  const start = prefill(form.project, form.nomination)
  const value = (name: string) => (body ? text(body, name) : ((start[name] as string | undefined) ?? ''))
  const values = (name: string) => (body ? list(body, name) : ((start[name] as string[] | undefined) ?? []))
  const supervisors = body ? list(body, 'supervisors') : form.supervisorIds.map(String)
  return {
    value: Object.fromEntries(
      [
        'name',
        'projectType',
        'placementKind',
        'beneficiaryName',
        'beneficiaryContact',
        'address',
        'postcode',
        'latitude',
        'longitude',
        'riskNotes',
        'capacity',
        'travelTimeCredited',
        'publicDescription',
      ].map(n => [n, value(n)]),
    ),
    projectTypes: [
      { value: '', text: 'Choose the type of work' },
      ...PROJECT_TYPES.map(t => ({ ...t, selected: value('projectType') === t.value })),
    ],
    facilities: FACILITIES.map(f => ({ ...f, checked: values('facilities').includes(f.value) })),
    risks: RISKS.map(r => ({ ...r, checked: values('risks').includes(r.value) })),
    supervisors: form.choices.map(c => ({
      value: String(c.id),
      text: c.display_name,
      checked: supervisors.includes(String(c.id)),
    })),
    start: datePartsFor(body, 'start', form.project?.start_date),
    end: datePartsFor(body, 'end', form.project?.end_date),
    nomination: form.nomination ? { id: form.nomination.id, reference: form.nomination.reference } : null,
  }
}

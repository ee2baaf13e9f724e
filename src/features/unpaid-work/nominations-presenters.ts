import type { AcknowledgementState } from '../../domain/unpaid-work/acknowledgement.ts'
import type { NominationStatus } from '../../db/schema.ts'
import { formatDate, formatDateTime } from '../../web/filters.ts'
import type { FormBody } from '../../web/forms.ts'
import { unpaidWorkPaths as paths } from '../../web/paths.ts'
import { PHOTO_KINDS } from './nominations-forms.ts'
import type { UnpaidWorkService } from './service.ts'

/**
 * Community Payback staff pages' view models (issue 17 items 7–10): the nominations list with the acknowledgement
 * clock and the month's service level, a nomination's page (what was sent, the pin, photos, history, actions), a
 * project's photos, the photos waiting for the publication check, and the area boundaries.
 */

type Nominations = UnpaidWorkService['nominations']

export const STATUS_WORDS: Record<NominationStatus, { text: string; colour: string }> = {
  received: { text: 'Received', colour: 'blue' },
  being_assessed: { text: 'Being assessed', colour: 'yellow' },
  accepted: { text: 'Accepted', colour: 'green' },
  scheduled: { text: 'Scheduled', colour: 'turquoise' },
  completed: { text: 'Completed', colour: 'grey' },
  not_suitable: { text: 'Not suitable', colour: 'red' },
}

const CLOCK_WORDS: Record<AcknowledgementState, { text: string; colour: string }> = {
  on_time: { text: 'Acknowledged on time', colour: 'green' },
  late: { text: 'Acknowledged late', colour: 'orange' },
  due: { text: 'Acknowledgement due', colour: 'blue' },
  overdue: { text: 'Acknowledgement overdue', colour: 'red' },
}

const photoPath = (nominationId: number, photoId: number) =>
  `/unpaid-work/nominations/${nominationId}/photos/${photoId}`
/** A project photo's content for staff (written here: `unpaidWorkPaths` has no entry for it). */
export const staffPhotoPath = (photoId: number) => `/unpaid-work/photos/${photoId}/content`

export function nominationsListView(list: Awaited<ReturnType<Nominations['list']>>) {
  const row = (n: (typeof list.rows)[number]) => ({
    id: n.id,
    version: n.version,
    href: paths.nomination(n.id),
    reference: n.reference,
    title: n.title,
    organisation: n.organisation_name,
    postcode: n.postcode ?? '',
    provider: n.provider_name ?? 'Not routed',
    submitted: formatDateTime(n.submitted_at),
    status: STATUS_WORDS[n.status],
    clock: CLOCK_WORDS[n.state],
    dueOn: formatDate(n.dueOn.toString()),
  })
  const level = list.serviceLevel
  return {
    rows: list.rows.map(row),
    unrouted: list.unrouted.map(row),
    serviceLevel: {
      ...level,
      month: list.month.month().toString().charAt(0) + list.month.month().toString().slice(1).toLowerCase(),
    },
    statusFilter: [
      { value: '', text: 'All statuses', selected: !list.status },
      ...Object.entries(STATUS_WORDS).map(([value, w]) => ({ value, text: w.text, selected: list.status === value })),
    ],
    mayTake: list.mayTake ?? false,
    national: list.national ?? false,
    providers: list.providers.map(p => ({ value: String(p.id), text: p.name })),
  }
}

const yesNo = (v: boolean) => (v ? 'Yes' : 'No')

export function nominationView(page: Awaited<ReturnType<Nominations['nomination']>>, body?: FormBody) {
  const n = page.nomination
  const row = (key: string, value: string | null | undefined) => ({ key: { text: key }, value: { text: value || '—' } })
  const pin =
    n.latitude !== null && n.longitude !== null
      ? {
          text: `${n.latitude.toFixed(5)}, ${n.longitude.toFixed(5)}`,
          osm: `https://www.openstreetmap.org/?mlat=${n.latitude}&mlon=${n.longitude}#map=17/${n.latitude}/${n.longitude}`,
        }
      : null
  return {
    id: n.id,
    reference: n.reference,
    title: n.title,
    version: n.version,
    status: STATUS_WORDS[n.status],
    statusCode: n.status,
    statusReason: n.status_reason,
    clock: CLOCK_WORDS[page.state],
    dueOn: formatDate(page.dueOn.toString()),
    acknowledged: n.acknowledged_at
      ? `${formatDateTime(n.acknowledged_at)}${n.acknowledged_by_name ? ` by ${n.acknowledged_by_name}` : ''}`
      : null,
    provider: n.provider_name,
    summary: [
      row('Reference', n.reference),
      row('Submitted', formatDateTime(n.submitted_at)),
      row('Organisation', n.organisation_name),
      row('Contact', n.contact_name),
      row('Email', n.email),
      row('Phone', n.phone),
      row('Happy to be contacted', yesNo(n.consent_to_contact)),
      row('What needs doing', n.what_needs_doing),
      row('How the community benefits', n.community_benefit),
      row('Address', n.address),
      row('Postcode', n.postcode),
      row('Toilets', yesNo(n.toilets)),
      row('Hand washing', yesNo(n.hand_washing)),
      row('Drinking water', yesNo(n.drinking_water)),
      row('Parking', yesNo(n.parking)),
      row('Access', n.accessibility),
    ],
    pin,
    photos: page.photos.map(p => ({ href: photoPath(n.id, p.id), caption: p.caption ?? '' })),
    history: page.history.map(h => ({
      status: STATUS_WORDS[h.status]?.text ?? h.status,
      reason: h.reason ?? '',
      when: formatDateTime(h.changed_at),
      who: h.changed_by_name ?? 'The nominator',
    })),
    mayManage: page.mayManage,
    canAcknowledge: !n.acknowledged_at,
    canAssess: n.status === 'received',
    canDecide: n.status === 'received' || n.status === 'being_assessed',
    canReject: ['received', 'being_assessed', 'accepted'].includes(n.status),
    createProjectHref: n.status === 'accepted' ? paths.newProject(n.id) : null,
    actionHref: `${paths.nomination(n.id)}/status`,
    form: { reason: typeof body?.reason === 'string' ? body.reason : '' },
  }
}

export function projectPhotosView(page: Awaited<ReturnType<Nominations['projectPhotos']>>, body?: FormBody) {
  return {
    project: { id: page.project.id, name: page.project.name, href: paths.project(page.project.id) },
    photos: page.photos.map(p => ({
      href: staffPhotoPath(p.id),
      kind: PHOTO_KINDS.find(k => k.value === p.kind)?.text ?? p.kind,
      caption: p.caption ?? '',
      uploaded: `${formatDateTime(p.uploaded_at)}${p.uploaded_by_name ? ` by ${p.uploaded_by_name}` : ''}`,
      check: p.approved_at
        ? { text: 'Approved for publication', colour: 'green' }
        : p.rejected_at
          ? { text: 'Rejected', colour: 'red', reason: p.rejected_reason }
          : { text: 'Waiting for the check', colour: 'yellow' },
    })),
    kinds: PHOTO_KINDS.map(k => ({ ...k, checked: body?.kind === k.value })),
    caption: typeof body?.caption === 'string' ? body.caption : '',
    action: paths.projectPhotos(page.project.id),
  }
}

export function photosToCheckView(page: Awaited<ReturnType<Nominations['photosToCheck']>>) {
  return {
    photos: page.photos.map(p => ({
      id: p.id,
      href: staffPhotoPath(p.id),
      project: p.project_name,
      projectHref: p.project_id ? paths.projectPhotos(p.project_id) : null,
      kind: PHOTO_KINDS.find(k => k.value === p.kind)?.text ?? p.kind,
      caption: p.caption ?? '',
      uploaded: `${formatDateTime(p.uploaded_at)}${p.uploaded_by_name ? ` by ${p.uploaded_by_name}` : ''}`,
      action: `${paths.photos}/${p.id}`,
    })),
  }
}

export function areasView(rows: Awaited<ReturnType<Nominations['areas']>>, body?: FormBody) {
  return {
    rows: rows.map(r => ({
      provider: r.name,
      name: r.area_name ?? '',
      uploaded: r.uploaded_at
        ? `${formatDateTime(r.uploaded_at)}${r.uploaded_by_name ? ` by ${r.uploaded_by_name}` : ''}`
        : '',
      polygons: r.area_id ? r.polygons : null,
    })),
    providers: [
      { value: '', text: 'Choose a provider' },
      ...rows.map(r => ({ value: String(r.id), text: r.name, selected: body?.provider === String(r.id) })),
    ],
    form: {
      name: typeof body?.name === 'string' ? body.name : '',
      geojson: typeof body?.geojson === 'string' ? body.geojson : '',
    },
  }
}

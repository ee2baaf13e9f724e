import type { Kysely } from 'kysely'
import type { Clock } from '../../clock.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { areaAt, boundaryOf, type PaybackArea } from './areas.ts'
import { hoursOf, isoDay, pounds, typeWords } from './presenters.ts'
import { findApprovedPhoto, findApprovedProjectPhotos, findCurrentAreas, findPublicProjects } from './queries.ts'

/**
 * The work the public may see (issue 17 items 8 and 9): projects with work recorded in the past, or completed, with
 * their hours, their approved photos and the totals by area. Never a person's name or CRN, never a session to come
 * (nor its time): only what happened. The list is kept in memory for a minute, so the map and the exports can
 * answer many requests a second without asking the database each time.
 */

export interface PublicPhoto {
  readonly id: number
  readonly kind: string
  readonly caption: string | null
  readonly url: string
}

export interface PublicProject {
  readonly id: number
  readonly name: string
  readonly type: string
  readonly area: string
  readonly startDate: string
  /** The day it was completed (Europe/London), or null while it goes on. */
  readonly completedDate: string | null
  readonly hours: number
  readonly description: string
  readonly latitude: number | null
  readonly longitude: number | null
  readonly photos: readonly PublicPhoto[]
}

export interface AreaTotal {
  readonly area: string
  readonly hours: number
  readonly projects: number
  readonly value: string
}

export interface PublicWork {
  readonly projects: readonly PublicProject[]
  readonly totals: readonly AreaTotal[]
  /** The value an hour is counted as worth, in words (`£12.21`). */
  readonly hourlyValue: string
}

const CACHE_MS = 60_000

/** The area a project counts towards: the one its point is in, else its provider's first current area. */
function areaName(
  areas: readonly (PaybackArea & { providerName: string })[],
  project: { provider_id: number; provider_name: string; latitude: number | null; longitude: number | null },
): string {
  const at =
    project.latitude !== null && project.longitude !== null
      ? areaAt(areas, { latitude: project.latitude, longitude: project.longitude })
      : undefined
  return (at ?? areas.find(a => a.providerId === Number(project.provider_id)))?.name ?? project.provider_name
}

/**
 * Totals by area: hours, projects and the estimated value (hours × the hourly value).
 *
 * @example
 * totalsByArea([{ area: 'Northtown', hours: 10, … }], 1221) // [{ area: 'Northtown', hours: 10, projects: 1, value: '£122.10' }]
 */
export function totalsByArea(projects: readonly Pick<PublicProject, 'area' | 'hours'>[], hourlyPence: number) {
  const byArea = new Map<string, { hours: number; projects: number }>()
  for (const p of projects) {
    const total = byArea.get(p.area) ?? { hours: 0, projects: 0 }
    byArea.set(p.area, { hours: total.hours + p.hours, projects: total.projects + 1 })
  }
  return [...byArea.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([area, t]) => ({
      area,
      hours: Math.round(t.hours * 100) / 100,
      projects: t.projects,
      value: pounds(t.hours * hourlyPence),
    }))
}

async function loadPublicWork(db: Kysely<Database>, today: string, hourlyPence: number): Promise<PublicWork> {
  const areas = (await findCurrentAreas(db)).map(a => ({
    id: Number(a.id),
    providerId: Number(a.provider_id),
    name: a.name,
    providerName: a.provider_name,
    ...boundaryOf(a.geometry),
  }))
  const rows = await findPublicProjects(db, today)
  const photos = await findApprovedProjectPhotos(
    db,
    rows.map(r => Number(r.id)),
  )
  const projects = rows.map(r => ({
    id: Number(r.id),
    name: r.name,
    type: typeWords(r.project_type),
    area: areaName(areas, r),
    startDate: r.start_date,
    completedDate: r.completed_at ? isoDay(r.completed_at) : null,
    hours: hoursOf(Number(r.minutes_worked)),
    description: r.public_description ?? '',
    latitude: r.latitude,
    longitude: r.longitude,
    photos: photos
      .filter(ph => Number(ph.project_id) === Number(r.id))
      .map(ph => ({
        id: Number(ph.id),
        kind: ph.kind,
        caption: ph.caption,
        url: `/community-payback/photos/${ph.id}`,
      })),
  }))
  return { projects, totals: totalsByArea(projects, hourlyPence), hourlyValue: pounds(hourlyPence) }
}

/** A CSV cell: quoted, and a leading = + - @ made harmless for spreadsheets (formula injection). */
function cell(value: string | number | null): string {
  if (typeof value === 'number') return `"${value}"`
  const text = value ?? ''
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

const CSV_COLUMNS = [
  'id',
  'type',
  'name',
  'area',
  'start_date',
  'completed_date',
  'hours',
  'description',
  'latitude',
  'longitude',
]

/** The public projects as CSV (one row each, no personal data). */
export function projectsCsv(work: PublicWork): string {
  const rows = work.projects.map(p =>
    [p.id, p.type, p.name, p.area, p.startDate, p.completedDate, p.hours, p.description, p.latitude, p.longitude]
      .map(cell)
      .join(','),
  )
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n'
}

/** The public projects with a point, as a GeoJSON FeatureCollection (the map's data). */
export function projectsGeoJson(work: PublicWork) {
  return {
    type: 'FeatureCollection',
    features: work.projects
      .filter(p => p.latitude !== null && p.longitude !== null)
      .map(p => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
        properties: {
          id: p.id,
          name: p.name,
          type: p.type,
          area: p.area,
          startDate: p.startDate,
          completedDate: p.completedDate,
          hours: p.hours,
          description: p.description,
          url: `/community-payback/projects/${p.id}`,
          photos: p.photos.map(ph => ph.url),
        },
      })),
  }
}

/** The public work, cached for a minute (by the app's clock). */
export function createPublicWork(deps: { db: Kysely<Database>; clock: Clock; config: Config }) {
  let cached: { until: number; today: string; work: Promise<PublicWork> } | undefined
  function work(): Promise<PublicWork> {
    const now = deps.clock.now().getTime()
    const today = deps.clock.today().toString()
    if (!cached || cached.until <= now || cached.today !== today) {
      const loading = loadPublicWork(deps.db, today, deps.config.communityPayback.hourlyValuePence)
      cached = { until: now + CACHE_MS, today, work: loading }
      // A failed load is not kept: the next request tries again.
      loading.catch(() => {
        if (cached?.work === loading) cached = undefined
      })
    }
    return cached.work
  }
  return {
    work,
    /** One public project, or undefined (not public yet, or no such project). */
    async project(id: number) {
      return (await work()).projects.find(p => p.id === id)
    },
    /** An approved photo of a public project, or undefined. */
    async photo(id: number) {
      const photo = await findApprovedPhoto(deps.db, id)
      if (!photo || !(await work()).projects.some(p => p.id === Number(photo.project_id))) return undefined
      return { content: photo.content, mimeType: photo.mime_type }
    },
    /** Forgets the cached list (tests, and after a change staff want seen at once). */
    forget() {
      cached = undefined
    },
  }
}

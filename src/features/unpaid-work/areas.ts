import { audit, type RequestContext } from '../../access/audit.ts'
import { checkBoundary } from '../../domain/unpaid-work/areas.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { UpwDeps } from './context.ts'
import type { BoundaryCommand } from './nominations-forms.ts'
import * as q from './queries/areas.ts'

/**
 * Community Payback area boundaries (issue 17 item 10; admin only): each provider's current boundary, and a new one
 * uploaded as a GeoJSON file or pasted text, checked by `checkBoundary` (src/domain/unpaid-work/areas.ts) with every
 * problem named, then stored as one MultiPolygon (the postcode districts it names kept as `postcodeDistricts`)
 * superseding the provider's previous boundary, which is kept.
 */

/** How many polygons a stored boundary holds (a Polygon, a MultiPolygon, or a Feature holding either). */
function polygonCount(stored: unknown): number {
  const value = (typeof stored === 'string' ? JSON.parse(stored) : stored) as {
    type?: string
    geometry?: unknown
    coordinates?: unknown[]
  } | null
  if (value?.type === 'Feature') return polygonCount(value.geometry ?? null)
  if (value?.type === 'Polygon') return 1
  if (value?.type === 'MultiPolygon') return value.coordinates?.length ?? 0
  return 0
}

async function areas(deps: UpwDeps) {
  const rows = await q.providersWithBoundary(deps.db)
  return rows.map(r => ({ ...r, polygons: polygonCount(r.geometry) }))
}

async function uploadBoundary(deps: UpwDeps, ctx: RequestContext, command: Parsed<BoundaryCommand>) {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  const checked = checkBoundary(c.geojson)
  if (!checked.ok) throw new ValidationError([{ field: 'geojson', message: checked.problems.join('. ') }])
  return deps.db.transaction().execute(async trx => {
    if (!(await q.providerExists(trx, c.providerId))) {
      throw new ValidationError([{ field: 'provider', message: 'Choose the provider the boundary is for' }])
    }
    const { geometry, postcodeDistricts, polygons } = checked.boundary
    const id = await q.replaceBoundary(trx, {
      provider_id: c.providerId,
      name: c.name,
      geometry: postcodeDistricts.length > 0 ? { ...geometry, postcodeDistricts } : geometry,
      uploaded_by: ctx.user?.id ?? null,
      uploaded_at: deps.clock.now(),
    })
    const detail = { areaId: id, providerId: c.providerId, polygons }
    await audit(trx, ctx, { action: 'CP_AREA_UPLOADED', subject: `provider ${c.providerId}`, detail })
    return { id, polygons }
  })
}

export function createAreasUseCases(deps: UpwDeps) {
  return {
    areas: () => areas(deps),
    uploadBoundary: (ctx: RequestContext, c: Parsed<BoundaryCommand>) => uploadBoundary(deps, ctx, c),
  }
}

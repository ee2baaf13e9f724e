import { readFileSync } from 'node:fs'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { MultiPolygon, Polygon } from 'geojson'
import type { Executor } from '../../access/person-access.ts'
import { findProviderIdsByCode, insertArea } from './queries.ts'

/**
 * A provider's current Community Payback area (cp_areas): which provider a public nomination goes to (issue 17
 * item 6) and which area a project's hours count towards on the public totals (item 8).
 */
export interface PaybackArea {
  readonly id: number
  readonly providerId: number
  readonly name: string
  /** The boundary (WGS84 longitude, latitude); null when what was stored is not a Polygon or MultiPolygon. */
  readonly polygon: Polygon | MultiPolygon | null
  /** Postcode districts (`NT1`) the area covers, from the GeoJSON's properties: the fallback when there is no pin. */
  readonly postcodeDistricts: readonly string[]
}

type Loose = Record<string, unknown> | null | undefined

/**
 * Reads a stored boundary: a bare Polygon/MultiPolygon geometry, or a Feature holding one, with `postcodeDistricts`
 * in the Feature's properties, in a `properties` member of the geometry, or as a member of the geometry itself.
 *
 * @example
 * boundaryOf({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], postcodeDistricts: ['NT1'] })
 * // { polygon: { type: 'Polygon', … }, postcodeDistricts: ['NT1'] }
 */
export function boundaryOf(stored: unknown): Pick<PaybackArea, 'polygon' | 'postcodeDistricts'> {
  const value = (typeof stored === 'string' ? safeJson(stored) : stored) as Loose
  const geometry = (value?.type === 'Feature' ? value.geometry : value) as Loose
  const properties = (value?.properties ?? geometry?.properties) as Loose
  const districts = properties?.postcodeDistricts ?? geometry?.postcodeDistricts
  const polygon =
    (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') && Array.isArray(geometry.coordinates)
      ? (geometry as unknown as Polygon | MultiPolygon)
      : null
  const postcodeDistricts = Array.isArray(districts)
    ? districts.filter((d): d is string => typeof d === 'string').map(d => d.trim().toUpperCase())
    : []
  return { polygon, postcodeDistricts }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * The area a point falls in (the first, when boundaries overlap), or undefined.
 *
 * @example
 * areaAt(areas, { latitude: 53.8, longitude: -2.7 })?.providerId // the Northtown provider's id
 */
export function areaAt(
  areas: readonly PaybackArea[],
  point: { latitude: number; longitude: number },
): PaybackArea | undefined {
  return areas.find(a => a.polygon && booleanPointInPolygon([point.longitude, point.latitude], a.polygon))
}

/**
 * The outward code's district of a UK postcode (`NT1 4AB` → `NT1`, `ea12ab` → `EA1`), or '' when it is not one.
 *
 * @example
 * postcodeDistrict('nt1 4ab') // 'NT1'
 */
export function postcodeDistrict(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase()
  const match = /^([A-Z]{1,2}[0-9][0-9A-Z]?)[0-9][A-Z]{2}$/.exec(compact)
  if (match) return match[1]!
  return /^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(compact) ? compact : ''
}

/**
 * Where a nomination goes: the area holding its pin; without a pin, the area listing its postcode's district;
 * otherwise none (left for staff to route).
 *
 * @example
 * routeNomination(areas, { latitude: null, longitude: null, postcode: 'EA1 2AB' })?.name // 'Easton and the fells (demo)'
 */
export function routeNomination(
  areas: readonly PaybackArea[],
  where: { latitude: number | null; longitude: number | null; postcode: string },
): PaybackArea | undefined {
  if (where.latitude !== null && where.longitude !== null) {
    return areaAt(areas, { latitude: where.latitude, longitude: where.longitude })
  }
  const district = postcodeDistrict(where.postcode)
  return district ? areas.find(a => a.postcodeDistricts.includes(district)) : undefined
}

interface DemoFeature {
  properties: { providerCode: string; name: string; postcodeDistricts: string[] }
  geometry: Polygon
}

/**
 * Seeds the demo providers' areas from demo-areas.geojson (two invented boundaries in north-west England, with the
 * postcode districts of the demo addresses). Providers are found by code; one not seeded is skipped.
 *
 * @example
 * await seedCommunityPaybackAreas(trx)
 */
export async function seedCommunityPaybackAreas(db: Executor): Promise<void> {
  const file = readFileSync(new URL('./demo-areas.geojson', import.meta.url), 'utf8')
  const features = (JSON.parse(file) as { features: DemoFeature[] }).features
  const providers = await findProviderIdsByCode(
    db,
    features.map(f => f.properties.providerCode),
  )
  for (const feature of features) {
    const providerId = providers.get(feature.properties.providerCode)
    if (providerId === undefined) continue
    await insertArea(db, {
      providerId,
      name: feature.properties.name,
      geometry: { ...feature.geometry, properties: { postcodeDistricts: feature.properties.postcodeDistricts } },
    })
  }
}

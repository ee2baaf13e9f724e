/**
 * A provider's Community Payback area boundary (issue 17 item 10): the GeoJSON an administrator uploads, checked
 * before it replaces the current one, so the public nomination form routes each pin to the right provider. Source:
 * `shared/domain/rules-and-outcomes.md` §2.2 (nominations go to the local probation service). Accepted: a
 * FeatureCollection of Polygon/MultiPolygon features, one such Feature, or a bare Polygon/MultiPolygon geometry; WGS84
 * positions [longitude, latitude] with longitude −180..180 and latitude −90..90; every ring closed (first position =
 * last) with at least 4 positions; an optional `properties.postcodeDistricts` array of strings.
 */

/** The largest boundary text accepted (1 MB). */
export const MAX_BOUNDARY_CHARACTERS = 1_048_576

type Position = [number, number]
type Ring = Position[]
type PolygonCoordinates = Ring[]

/** A checked boundary: every polygon as one MultiPolygon, with the postcode districts any feature named. */
export interface Boundary {
  readonly geometry: { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] }
  readonly polygons: number
  readonly postcodeDistricts: readonly string[]
}

export type BoundaryCheck = { ok: true; boundary: Boundary } | { ok: false; problems: string[] }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function checkPosition(p: unknown, where: string, problems: string[]): p is Position {
  if (!Array.isArray(p) || p.length < 2 || !p.every(n => typeof n === 'number' && Number.isFinite(n))) {
    problems.push(`${where} must be a position: [longitude, latitude]`)
    return false
  }
  const [lon, lat] = p as number[]
  if (lon! < -180 || lon! > 180) problems.push(`${where} has a longitude of ${lon}: it must be from -180 to 180`)
  if (lat! < -90 || lat! > 90) problems.push(`${where} has a latitude of ${lat}: it must be from -90 to 90`)
  return true
}

function checkRing(ring: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push(`${where} must have at least 4 positions (a closed ring: the first repeated at the end)`)
    return
  }
  const before = problems.length
  ring.forEach((p, i) => checkPosition(p, `${where}, position ${i + 1},`, problems))
  if (problems.length > before) return
  const first = ring[0] as number[]
  const last = ring[ring.length - 1] as number[]
  if (first[0] !== last[0] || first[1] !== last[1])
    problems.push(`${where} is not closed: its last position must be its first`)
}

function checkPolygon(poly: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(poly) || poly.length === 0) {
    problems.push(`${where} must be a list of rings`)
    return
  }
  poly.forEach((ring, i) => checkRing(ring, `${where}, ring ${i + 1}`, problems))
}

function polygonsOf(geometry: unknown, where: string, problems: string[]): PolygonCoordinates[] {
  if (!isObject(geometry)) {
    problems.push(`${where} has no geometry`)
    return []
  }
  if (geometry.type === 'Polygon') {
    checkPolygon(geometry.coordinates, `${where} (Polygon)`, problems)
    return [geometry.coordinates as PolygonCoordinates]
  }
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      problems.push(`${where} (MultiPolygon) must be a list of polygons`)
      return []
    }
    geometry.coordinates.forEach((poly, i) => checkPolygon(poly, `${where}, polygon ${i + 1}`, problems))
    return geometry.coordinates as PolygonCoordinates[]
  }
  problems.push(`${where} must be a Polygon or MultiPolygon, not ${String(geometry.type ?? 'nothing')}`)
  return []
}

function districtsOf(feature: Record<string, unknown>, where: string, problems: string[]): string[] {
  const properties = feature.properties
  if (!isObject(properties) || properties.postcodeDistricts === undefined) return []
  const districts = properties.postcodeDistricts
  if (!Array.isArray(districts) || !districts.every(d => typeof d === 'string' && d.trim() !== '')) {
    problems.push(`${where}: properties.postcodeDistricts must be a list of postcode districts, like ["NT1", "NT2"]`)
    return []
  }
  return districts.map(d => (d as string).trim().toUpperCase())
}

function featuresOf(json: Record<string, unknown>, problems: string[]): Record<string, unknown>[] {
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features) || json.features.length === 0) {
      problems.push('The FeatureCollection has no features')
      return []
    }
    return json.features.map(f => (isObject(f) ? f : { type: 'not a feature' }))
  }
  if (json.type === 'Feature') return [json]
  if (json.type === 'Polygon' || json.type === 'MultiPolygon') return [{ type: 'Feature', geometry: json }]
  problems.push('The boundary must be a GeoJSON FeatureCollection, Feature, Polygon or MultiPolygon')
  return []
}

/**
 * Checks an uploaded boundary's text, naming every problem a person can fix; a good one becomes one MultiPolygon.
 *
 * @example
 * checkBoundary('{"type":"Polygon","coordinates":[[[0,51],[1,51],[1,52],[0,51]]]}')
 * // { ok: true, boundary: { geometry: { type: 'MultiPolygon', … }, polygons: 1, postcodeDistricts: [] } }
 * checkBoundary('{"type":"Point","coordinates":[0,51]}') // { ok: false, problems: ['The boundary must be …'] }
 */
export function checkBoundary(text: string): BoundaryCheck {
  if (text.length > MAX_BOUNDARY_CHARACTERS) return { ok: false, problems: ['The boundary must be 1 MB or smaller'] }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, problems: ['The boundary is not valid JSON: check it was saved as GeoJSON'] }
  }
  if (!isObject(json)) return { ok: false, problems: ['The boundary must be a GeoJSON object'] }
  const problems: string[] = []
  const polygons: PolygonCoordinates[] = []
  const districts = new Set<string>()
  featuresOf(json, problems).forEach((feature, i) => {
    const where = `Feature ${i + 1}`
    if (feature.type !== 'Feature') problems.push(`${where} must be a GeoJSON Feature`)
    polygons.push(...polygonsOf(feature.geometry, where, problems))
    for (const d of districtsOf(feature, where, problems)) districts.add(d)
  })
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 10) }
  return {
    ok: true,
    boundary: {
      geometry: { type: 'MultiPolygon', coordinates: polygons },
      polygons: polygons.length,
      postcodeDistricts: [...districts],
    },
  }
}

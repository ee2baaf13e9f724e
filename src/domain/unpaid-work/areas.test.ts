import { describe, expect, it } from 'vitest'
import { checkBoundary, MAX_BOUNDARY_CHARACTERS } from './areas.ts'

const square = [
  [
    [-1.5, 52.0],
    [-1.0, 52.0],
    [-1.0, 52.5],
    [-1.5, 52.5],
    [-1.5, 52.0],
  ],
]
const polygon = { type: 'Polygon', coordinates: square }
const feature = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry })

describe('checkBoundary: accepted (issue 17 item 10)', () => {
  it.each([
    ['a bare Polygon', polygon, 1],
    ['a Feature', feature(polygon), 1],
    ['a MultiPolygon', { type: 'MultiPolygon', coordinates: [square, square] }, 2],
    ['a FeatureCollection', { type: 'FeatureCollection', features: [feature(polygon), feature(polygon)] }, 2],
  ])('%s', (_, json, polygons) => {
    const result = checkBoundary(JSON.stringify(json))
    expect(result.ok && result.boundary.polygons).toBe(polygons)
    expect(result.ok && result.boundary.geometry.type).toBe('MultiPolygon')
  })

  it('keeps the postcode districts, upper case and once each', () => {
    const json = {
      type: 'FeatureCollection',
      features: [
        feature(polygon, { postcodeDistricts: ['nt1', 'NT2'] }),
        feature(polygon, { postcodeDistricts: ['NT2'] }),
      ],
    }
    const result = checkBoundary(JSON.stringify(json))
    expect(result.ok && result.boundary.postcodeDistricts).toEqual(['NT1', 'NT2'])
  })
})

describe('checkBoundary: refused with a reason a person can act on', () => {
  const open = [
    [
      [0, 51],
      [1, 51],
      [1, 52],
      [0, 52],
    ],
  ]
  it.each([
    ['not JSON', '{type: Polygon', 'not valid JSON'],
    ['a Point', JSON.stringify({ type: 'Point', coordinates: [0, 51] }), 'must be a GeoJSON FeatureCollection'],
    [
      'a LineString feature',
      JSON.stringify(feature({ type: 'LineString', coordinates: [] })),
      'must be a Polygon or MultiPolygon',
    ],
    ['an open ring', JSON.stringify({ type: 'Polygon', coordinates: open }), 'is not closed'],
    [
      'a ring of 3 positions',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 51],
            [1, 51],
            [0, 51],
          ],
        ],
      }),
      'at least 4 positions',
    ],
    [
      'a longitude out of range',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 51],
            [181, 51],
            [1, 52],
            [0, 51],
          ],
        ],
      }),
      'longitude of 181',
    ],
    [
      'a latitude out of range',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 51],
            [1, 91],
            [1, 52],
            [0, 51],
          ],
        ],
      }),
      'latitude of 91',
    ],
    [
      'a position that is not numbers',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 51],
            ['a', 51],
            [1, 52],
            [0, 51],
          ],
        ],
      }),
      'must be a position',
    ],
    [
      'postcode districts that are not strings',
      JSON.stringify(feature(polygon, { postcodeDistricts: [1, 2] })),
      'postcodeDistricts must be a list',
    ],
    ['an empty FeatureCollection', JSON.stringify({ type: 'FeatureCollection', features: [] }), 'has no features'],
    ['too large', ' '.repeat(MAX_BOUNDARY_CHARACTERS + 1), '1 MB or smaller'],
  ])('%s', (_, text, message) => {
    const result = checkBoundary(text)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.problems.join(' | ')).toContain(message)
  })
})

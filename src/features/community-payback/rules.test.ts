import { describe, expect, it } from 'vitest'
import { boundaryOf, postcodeDistrict, routeNomination, type PaybackArea } from './areas.ts'
import { FORM_TOKEN_MAX_SECONDS, formRefusal, issueFormToken, parseFollow, parseNomination } from './forms.ts'
import { newReference } from './nominate.ts'
import { hoursOf, pounds, statusWords, typeWords } from './presenters.ts'
import { projectsCsv, totalsByArea, type PublicWork } from './public-map.ts'

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
})

const area = (id: number, stored: unknown): PaybackArea => ({
  id,
  providerId: id * 10,
  name: `Area ${id}`,
  ...boundaryOf(stored),
})

const areas = [
  area(1, { ...square(-3, 53.7, -2.5, 53.9), properties: { postcodeDistricts: ['NT1', 'nt2'] } }),
  area(2, { type: 'Feature', geometry: square(-2.5, 53.95, -2.2, 54.1), properties: { postcodeDistricts: ['EA1'] } }),
  area(3, 'not json'),
]

describe('routing a nomination', () => {
  it.each([
    ['a pin inside the first area', { latitude: 53.8, longitude: -2.7, postcode: 'EA1 1AA' }, 10],
    ['a pin inside a Feature-stored area', { latitude: 54, longitude: -2.3, postcode: '' }, 20],
    [
      'a pin outside every area, whatever the postcode',
      { latitude: 52, longitude: -1, postcode: 'NT1 1AA' },
      undefined,
    ],
    ['no pin: the postcode district', { latitude: null, longitude: null, postcode: 'nt2 3cd' }, 10],
    ['no pin: a Feature property district', { latitude: null, longitude: null, postcode: 'EA12AB' }, 20],
    ['no pin, an unknown district', { latitude: null, longitude: null, postcode: 'ZZ1 1ZZ' }, undefined],
  ])('%s', (_case, where, providerId) => {
    expect(routeNomination(areas, where)?.providerId).toBe(providerId)
  })

  it.each([
    ['NT1 4AB', 'NT1'],
    ['nt14ab', 'NT1'],
    ['SW1A 1AA', 'SW1A'],
    ['EA1', 'EA1'],
    ['not a postcode', ''],
  ])('reads the district of %s as %s', (postcode, district) => {
    expect(postcodeDistrict(postcode)).toBe(district)
  })

  it('ignores a stored boundary that is not a polygon', () => {
    expect(areas[2]!.polygon).toBeNull()
    expect(areas[0]!.postcodeDistricts).toEqual(['NT1', 'NT2'])
  })
})

describe('the form token', () => {
  const issued = new Date('2026-12-07T10:00:00Z')
  const token = issueFormToken('secret', issued)
  const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000)
  it.each([
    ['a token filled in at a person’s pace', { formToken: token }, 30, undefined],
    ['sent back too quickly', { formToken: token }, 1, /too quickly/],
    ['expired', { formToken: token }, FORM_TOKEN_MAX_SECONDS + 1, /expired/],
    ['missing', {}, 30, /could not be sent/],
    ['signed with another secret', { formToken: issueFormToken('other', issued) }, 30, /could not be sent/],
    [
      'with its time changed',
      { formToken: token.replace(/^\d+/, String(issued.getTime() - 60_000)) },
      30,
      /could not be sent/,
    ],
    ['with the honeypot filled', { formToken: token, website: 'x' }, 30, /could not be sent/],
  ])('%s', (_case, body, seconds, refusal) => {
    const result = formRefusal('secret', body, at(seconds))
    if (refusal) expect(result).toMatch(refusal)
    else expect(result).toBeUndefined()
  })
})

describe('reading the forms', () => {
  const nomination = {
    organisationName: 'Group',
    contactName: 'Jo',
    email: 'jo@example.org',
    title: 'Path',
    whatNeedsDoing: 'Clear it',
    communityBenefit: 'Walkers',
    address: 'Mill Lane',
    postcode: 'nt1 1aa',
    consentToContact: 'no',
    facilities: ['toilets', 'unknown'],
  }
  it('reads a complete nomination, a pin only with both halves', () => {
    const parsed = parseNomination({ ...nomination, latitude: '53.8', longitude: '' })
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        postcode: 'NT1 1AA',
        latitude: null,
        longitude: null,
        toilets: true,
        parking: false,
        consentToContact: false,
      },
    })
  })
  it('names every field at fault', () => {
    const parsed = parseNomination({ email: 'nope', postcode: 'XXXX', phone: 'call me' })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors.map(e => e.field).sort()).toEqual(
      [
        'address',
        'communityBenefit',
        'consentToContact',
        'contactName',
        'email',
        'organisationName',
        'phone',
        'postcode',
        'title',
        'whatNeedsDoing',
      ].sort(),
    )
  })
  it.each([
    [
      { reference: ' cp-7k4m-q2xr ', email: 'a@example.org' },
      { ok: true, value: { reference: 'CP-7K4M-Q2XR', email: 'a@example.org' } },
    ],
    [{ reference: 'CP-1', email: 'a@example.org' }, { ok: false }],
    [{ reference: '', email: '' }, { ok: false }],
  ])('reads a status look-up %#', (body, expected) => {
    expect(parseFollow(body)).toMatchObject(expected)
  })
})

describe('what the public pages say', () => {
  it('makes references from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(/^CP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
  })
  it.each([
    [statusWords('not_suitable'), 'Not suitable'],
    [statusWords('being_assessed'), 'Being assessed'],
    [typeWords('graffiti_removal'), 'Graffiti removal'],
    [pounds(123456), '£1,234.56'],
    [String(hoursOf(135)), '2.25'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected)
  })
  it('totals hours, projects and value by area', () => {
    const totals = totalsByArea(
      [
        { area: 'B', hours: 2 },
        { area: 'A', hours: 6.5 },
        { area: 'B', hours: 1.25 },
      ],
      1221,
    )
    expect(totals).toEqual([
      { area: 'A', hours: 6.5, projects: 1, value: '£79.37' },
      { area: 'B', hours: 3.25, projects: 2, value: '£39.68' },
    ])
  })
  it('makes a formula typed into a project harmless in the CSV', () => {
    const work: PublicWork = {
      hourlyValue: '£12.21',
      totals: [],
      projects: [
        {
          id: 1,
          name: '=HYPERLINK("x")',
          type: 'T',
          area: 'A',
          startDate: '2026-01-01',
          completedDate: null,
          hours: 1,
          description: '',
          latitude: -2.5,
          longitude: null,
          photos: [],
        },
      ],
    }
    expect(projectsCsv(work).split('\r\n')[1]).toBe(
      '"1","T","\'=HYPERLINK(""x"")","A","2026-01-01","","1","","-2.5",""',
    )
  })
})

import { readFileSync } from 'node:fs'
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculateSnsv, type PreviousConviction, type RiskInputs, type Score012 } from './index.ts'

type Row = (string | number | boolean | null)[]
const file = JSON.parse(
  readFileSync(new URL('../../../test/vectors/snsv-spreadsheet-cases.json', import.meta.url), 'utf8'),
) as {
  _meta: { columns: string[] }
  rows: Row[]
}
const col = Object.fromEntries(file._meta.columns.map((c, i) => [c, i]))
const get = (row: Row, name: string) => row[col[name]]
const date = (row: Row, name: string) => LocalDate.parse(get(row, name) as string)

const PAST: [string, PreviousConviction][] = [
  ['pastHomicide', 'HOMICIDE'],
  ['pastWoundingGBH', 'WOUNDING_GBH'],
  ['pastAggravatedBurglary', 'AGGRAVATED_BURGLARY'],
  ['pastArson', 'ARSON'],
  ['pastCriminalDamageEndangeringLife', 'CRIMINAL_DAMAGE_ENDANGERING_LIFE'],
  ['pastKidnapping', 'KIDNAPPING'],
  ['pastFirearms', 'FIREARMS'],
  ['pastRobbery', 'ROBBERY'],
  ['pastWeapon', 'WEAPON'],
]

/** One spreadsheet row as typed inputs (conventions in the file's `_meta.conventions`). */
function inputsFor(row: Row): RiskInputs {
  const perpetrator = get(row, 'domesticAbusePerpetrator_6_7') as boolean
  return {
    gender: get(row, 'gender') === 'F' ? 'FEMALE' : 'MALE',
    dateOfBirth: date(row, 'dateOfBirth'),
    dateOfCurrentConviction: date(row, 'dateOfCurrentConviction'),
    dateAtStartOfFollowup: date(row, 'dateAtStartOfFollowup'),
    assessmentDate: date(row, 'assessmentDate'),
    dateOfFirstSanction: date(row, 'dateOfFirstSanction'),
    totalNumberOfSanctionsForAllOffences: (get(row, 'previousSanctions') as number) + 1,
    totalNumberOfViolentSanctions: get(row, 'violentSanctions') as number,
    snsvOffenceCategory: get(row, 'offenceCategory') as string,
    snsvVatpCategory: get(row, 'vatpCategory') as string | null,
    didOffenceInvolveCarryingOrUsingWeapon: get(row, 'weaponInCurrentOffence_2_2') as boolean,
    suitabilityOfAccommodation: get(row, 'accommodationSuitability_3_4') as Score012,
    isUnemployed: get(row, 'unemployed_4_2') as boolean,
    currentRelationshipWithPartner: get(row, 'partnerRelationship_6_4') as Score012,
    evidenceOfDomesticAbuse: perpetrator,
    domesticAbuseAgainstPartner: perpetrator,
    currentAlcoholUseProblems: get(row, 'currentAlcohol_9_1') as Score012,
    excessiveAlcoholUse: get(row, 'bingeDrinking_9_2') as Score012,
    impulsivityProblems: get(row, 'impulsivity_11_2') as Score012,
    temperControl: get(row, 'temperControl_11_4') as Score012,
    proCriminalAttitudes: get(row, 'proCriminalAttitudes_12_1') as Score012,
    previousConvictions: PAST.filter(([c]) => get(row, c) === true).map(([, p]) => p),
  }
}

const rows = file.rows.map(r => [get(r, 'id') as string, r] as const)
const dynamicRows = rows.filter(([, r]) => get(r, 'expectedDynamic2y') !== null)

describe('SNSV spreadsheet rows (spec §6.1, NOMS sample data)', () => {
  it('covers static and dynamic rows', () => {
    expect(rows.length).toBe(330)
    expect(dynamicRows.length).toBeGreaterThan(0)
  })

  it.each(rows)('%s static 2-year probability', (_id, row) => {
    const r = calculateSnsv({ ...inputsFor(row), snsvStaticOrDynamic: 'STATIC' })
    expect(r.scoreType).toBe('STATIC')
    expect(Math.abs(r.probability - (get(row, 'expectedStatic2y') as number))).toBeLessThanOrEqual(1e-9)
  })

  it.each(dynamicRows)('%s dynamic 2-year probability', (_id, row) => {
    const r = calculateSnsv(inputsFor(row))
    expect(r.scoreType).toBe('DYNAMIC')
    expect(Math.abs(r.probability - (get(row, 'expectedDynamic2y') as number))).toBeLessThanOrEqual(1e-9)
  })
})

/**
 * Bed characteristics a placement may need (reference-systems.md §2.5: CAS1 premises and beds; the single
 * room, wheelchair accessible, en-suite, ground floor). A placement's essential characteristics must all be met.
 */
export const BED_CHARACTERISTICS = [
  { code: 'single_room', text: 'Single room' },
  { code: 'wheelchair_accessible', text: 'Wheelchair accessible' },
  { code: 'en_suite', text: 'En-suite' },
  { code: 'ground_floor', text: 'Ground floor' },
] as const

export type BedCharacteristic = (typeof BED_CHARACTERISTICS)[number]['code']

/** What a bed has, one flag each. */
export type BedFeatures = Readonly<Record<BedCharacteristic, boolean>>

const CODES = new Set<string>(BED_CHARACTERISTICS.map(c => c.code))

/**
 * Whether `code` names a bed characteristic.
 *
 * @example
 * isBedCharacteristic('en_suite') // true
 */
export const isBedCharacteristic = (code: string): code is BedCharacteristic => CODES.has(code)

/**
 * The characteristics a bed has, in the order of `BED_CHARACTERISTICS`.
 *
 * @example
 * bedCharacteristics({ single_room: true, wheelchair_accessible: false, en_suite: true, ground_floor: false }) // ['single_room', 'en_suite']
 */
export function bedCharacteristics(bed: BedFeatures): BedCharacteristic[] {
  return BED_CHARACTERISTICS.filter(c => bed[c.code]).map(c => c.code)
}

/**
 * Whether a bed meets every essential characteristic, and which it lacks.
 *
 * @example
 * meetsEssential(bed, ['wheelchair_accessible', 'ground_floor']) // { meets: false, missing: ['ground_floor'] }
 */
export function meetsEssential(
  bed: BedFeatures,
  essential: readonly BedCharacteristic[],
): { meets: boolean; missing: BedCharacteristic[] } {
  const missing = essential.filter(c => !bed[c])
  return { meets: missing.length === 0, missing }
}

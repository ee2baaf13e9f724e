/** Identifiers a person carries from the police, the courts and prisons: pure parsing and check letters. */
export { CHECK_LETTERS, checkLetter } from './check-letter.ts'
export { canonicalPncShape, looksLikePnc, makePnc, parsePnc, type PncResult } from './pnc.ts'
export { makeCro, parseCro, type CroResult } from './cro.ts'
export { looksLikeNoms, parseNoms, type NomsResult } from './noms.ts'

import { hash, verify } from '@node-rs/argon2'
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'
import type { FieldError } from '../errors.ts'

/**
 * Password rules after NCSC guidance: length, not composition, and nothing easy to guess. "Easy to guess" is
 * zxcvbn's estimate (the @zxcvbn-ts port, kept up to date and used widely) rather than our own list: it knows
 * breached passwords, keyboard runs, repeats, dates, names and common words, and the words of this service.
 * Passphrases ("three random words") are encouraged, so the maximum is generous.
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256
/** zxcvbn's score from 0 to 4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3

/** The password printed in the README and by the demo seed: public, so never acceptable as a real password. */
export const PUBLISHED_DEMO_PASSWORD = 'correct horse battery staple'

/** Words anyone guessing a Probity password would try first: the service, its work and its published demo password. */
const SERVICE_WORDS = [
  PUBLISHED_DEMO_PASSWORD,
  PUBLISHED_DEMO_PASSWORD.replaceAll(' ', ''),
  'probity',
  'probation',
  'probationservice',
  'offender',
  'offendermanager',
  'practitioner',
  'delius',
  'ndelius',
  'oasys',
  'hmpps',
  'noms',
  'justice',
  'moj',
  'nps',
  'crc',
  'approvedpremises',
  'unpaidwork',
  'community',
  'sentence',
  'licence',
  'court',
]

zxcvbnOptions.setOptions({
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary, probity: SERVICE_WORDS },
})

/** Why the estimator thinks a password is weak, in its words, or a general hint when it gives none. */
function weakPasswordMessage(warning: string | null, suggestions: string[]): string {
  const why = warning ? ` ${warning}` : ''
  const how = suggestions.length ? ` ${suggestions.join(' ')}` : ' Three random words make a good one.'
  return `Password is too easy to guess.${why}${how}`
}

/**
 * Returns what is wrong with a proposed password, or nothing. The username and any other `personalWords` (the
 * user's name) count as known to an attacker.
 *
 * @example
 * passwordProblems('Probation2026', 'sam.senior') // [{ field: 'password', message: 'Password is too easy to guess. …' }]
 */
export function passwordProblems(
  password: string,
  username?: string,
  field = 'password',
  personalWords: string[] = [],
): FieldError[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field,
        message: `Password must be ${MIN_PASSWORD_LENGTH} characters or more. Three random words make a good one.`,
      },
    ]
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return [{ field, message: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` }]
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return [{ field, message: 'Password must not contain your username' }]
  }
  const userWords = [username, ...personalWords, ...(username?.split(/[._-]/) ?? [])].filter(
    (w): w is string => typeof w === 'string' && w.length > 1,
  )
  const estimate = zxcvbn(password, userWords)
  if (estimate.score < MIN_PASSWORD_SCORE) {
    return [{ field, message: weakPasswordMessage(estimate.feedback.warning, estimate.feedback.suggestions) }]
  }
  return []
}

/** argon2id (the @node-rs/argon2 default) with OWASP's recommended minimum cost: 19 MiB, 2 iterations. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the username does not exist, so timing does not reveal which usernames exist. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that nobody has')
  return decoyHash
}

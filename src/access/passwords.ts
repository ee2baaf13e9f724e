import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'
import type { FieldError } from '../errors.ts'

/**
 * Password rules after NCSC guidance: length, not composition, and no commonly used passwords.
 * Passphrases ("three random words") are encouraged, so the maximum is generous.
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

// About 50,000 passwords seen most often in breaches (zxcvbn's list), checked case-insensitively.
const COMMON = new Set((dictionary.passwords as string[]).map(p => p.toLowerCase()))

/** Returns what is wrong with a proposed password, or nothing. */
export function passwordProblems(password: string, username?: string, field = 'password'): FieldError[] {
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
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[^a-z]/g, '')) || /^(.)\1+$/.test(password)) {
    return [{ field, message: 'Password is too commonly used. Choose something harder to guess.' }]
  }
  if (username && lower.includes(username.toLowerCase())) {
    return [{ field, message: 'Password must not contain your username' }]
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

import type { FieldError } from '../../errors.ts'

/** A submitted form as @fastify/formbody parses it: repeated fields arrive as arrays. */
export type FormBody = Record<string, string | string[] | undefined>

/** Accepts any urlencoded form of modest size; the service does the real validation so errors re-render the page. */
export const formSchema = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string', maxLength: 5000 },
      { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 5000 } },
    ],
  },
} as const

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
} as const

/** One text value, trimmed; the last one when a field was sent twice. */
export function text(body: FormBody | undefined, key: string): string {
  const value = body?.[key]
  const one = Array.isArray(value) ? value[value.length - 1] : value
  return (one ?? '').trim()
}

/** Every value of a field that may repeat (checkboxes). */
export function list(body: FormBody | undefined, key: string): string[] {
  const value = body?.[key]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(v => v.trim()).filter(Boolean)
}

/** A positive whole-number id, or null when blank or not a number. */
export function optionalId(value: string): number | null {
  return /^[0-9]{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null
}

/** Collects field errors as checks run, so the page shows every problem at once. */
export class Problems {
  readonly errors: FieldError[] = []
  add(field: string, message: string) {
    if (!this.errors.some(e => e.field === field)) this.errors.push({ field, message })
  }
  get any() {
    return this.errors.length > 0
  }
}

/** Organisation and staff codes: capitals, digits and hyphens, as nDelius codes are written. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,19}$/

/** PostgreSQL (and PGlite) report a unique-index violation with SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

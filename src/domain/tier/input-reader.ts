import { DateTimeParseException, LocalDate } from '@js-joda/core'
import { ValidationError, type FieldError } from './validation-error.ts'

type Json = Record<string, unknown>

/**
 * Reads untrusted JSON into typed tier inputs, collecting every problem rather than stopping at the first, so
 * the person fixing a record sees all missing or impossible fields at once.
 *
 * @example
 * const r = new InputReader()
 * const obj = r.object({ ogrs: -1 }, 'inputs')
 * const ogrs = obj && r.number(obj, 'ogrs', 'inputs.ogrs', { nullable: true, min: 0, max: 100 })
 * r.throwIfAny() // throws ValidationError, errors [{ field: 'inputs.ogrs', message: 'must be at least 0, got -1' }]
 */
export class InputReader {
  readonly errors: FieldError[] = []

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message })
    return undefined
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors)
  }

  object(value: unknown, field: string): Json | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(field, `must be an object, got ${describe(value)}`)
    }
    return value as Json
  }

  /** A key that must be present; `nullable` allows an explicit null (meaning "no such record"). */
  present(obj: Json, key: string, field: string, nullable = false): unknown {
    if (!(key in obj) || obj[key] === undefined) return this.fail(field, 'is required')
    if (obj[key] === null && !nullable) return this.fail(field, 'is required (got null)')
    return obj[key]
  }

  boolean(obj: Json, key: string, field: string): boolean | undefined {
    const v = this.present(obj, key, field)
    if (v === undefined) return undefined
    if (typeof v !== 'boolean') return this.fail(field, `must be true or false, got ${describe(v)}`)
    return v
  }

  number(
    obj: Json,
    key: string,
    field: string,
    opts: { nullable?: boolean; min?: number; max?: number; integer?: boolean } = {},
  ): number | null | undefined {
    const v = this.present(obj, key, field, opts.nullable)
    if (v === undefined) return undefined
    if (v === null) return null
    return this.checkNumber(v, field, opts)
  }

  checkNumber(v: unknown, field: string, opts: { min?: number; max?: number; integer?: boolean }): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(field, `must be a number, got ${describe(v)}`)
    if (opts.integer && !Number.isInteger(v)) return this.fail(field, `must be a whole number, got ${v}`)
    if (opts.min !== undefined && v < opts.min) return this.fail(field, `must be at least ${opts.min}, got ${v}`)
    if (opts.max !== undefined && v > opts.max) return this.fail(field, `must be at most ${opts.max}, got ${v}`)
    return v
  }

  string(obj: Json, key: string, field: string, nullable = false): string | null | undefined {
    const v = this.present(obj, key, field, nullable)
    if (v === undefined) return undefined
    if (v === null) return null
    if (typeof v !== 'string' || v.trim() === '')
      return this.fail(field, `must be a non-empty string, got ${describe(v)}`)
    return v
  }

  oneOf<T extends string>(
    obj: Json,
    key: string,
    field: string,
    allowed: readonly T[],
    nullable = false,
  ): T | null | undefined {
    const v = this.present(obj, key, field, nullable)
    if (v === undefined) return undefined
    if (v === null) return null
    return this.checkOneOf(v, field, allowed)
  }

  checkOneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): T | undefined {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      return this.fail(field, `must be one of ${allowed.join(', ')}, got ${describe(v)}`)
    }
    return v as T
  }

  array(obj: Json, key: string, field: string): unknown[] | undefined {
    const v = this.present(obj, key, field)
    if (v === undefined) return undefined
    if (!Array.isArray(v)) return this.fail(field, `must be an array, got ${describe(v)}`)
    return v
  }

  date(obj: Json, key: string, field: string, nullable = false): LocalDate | null | undefined {
    const v = this.present(obj, key, field, nullable)
    if (v === undefined) return undefined
    if (v === null) return null
    return this.checkDate(v, field)
  }

  checkDate(v: unknown, field: string): LocalDate | undefined {
    if (v instanceof LocalDate) return v
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      return this.fail(field, `must be an ISO date (YYYY-MM-DD), got ${describe(v)}`)
    }
    try {
      return LocalDate.parse(v)
    } catch (e) {
      if (e instanceof DateTimeParseException) return this.fail(field, `is not a real calendar date: ${v}`)
      throw e
    }
  }

  /** Keys the caller did not expect: refused rather than ignored, because a misspelt key would silently score 0. */
  noUnknownKeys(obj: Json, allowed: readonly string[], field: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        this.fail(field ? `${field}.${key}` : key, `is not a recognised field (expected ${allowed.join(', ')})`)
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'object') return 'an object'
  return String(v)
}

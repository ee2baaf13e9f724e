import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql, type Kysely, type Transaction } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Database } from '../../db/schema.ts'

/**
 * Where generated rows go: PostgreSQL through `COPY … FROM STDIN` (text format) on one connection, or PGlite through
 * multi-row INSERTs. Both run inside one transaction, so a seed is loaded entirely or not at all. Rows carry their
 * own ids (reserved from each table's identity sequence first), so dependent rows need no read-back.
 */
export interface Sink {
  /** A bulk loader (COPY): worth dropping and rebuilding secondary indexes around the load. */
  bulk: boolean
  foreignKeysChecked: boolean
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
  copy(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>
}

/** A value in COPY's text format: `\N` for null, backslash escapes for tab, newline, carriage return and backslash. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  if (typeof v === 'boolean') return v ? 't' : 'f'
  if (typeof v === 'number') return String(v)
  let s: string
  if (typeof v === 'string') s = v
  else if (v instanceof Date) return v.toISOString()
  else if (Array.isArray(v)) s = `{${v.map(x => `"${String(x).replace(/["\\]/g, c => `\\${c}`)}"`).join(',')}}`
  else s = JSON.stringify(v)
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, c => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s
}

function* copyLines(rows: readonly unknown[][]): Generator<string> {
  let buffer = ''
  for (const row of rows) {
    buffer += row.map(copyText).join('\t') + '\n'
    if (buffer.length > 1 << 20) {
      yield buffer
      buffer = ''
    }
  }
  if (buffer) yield buffer
}

/** Runs `work` in one transaction on a dedicated PostgreSQL connection, loading with COPY. */
export async function withPostgresSink<T>(databaseUrl: string, work: (sink: Sink) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('begin')
    // Larger sorts for the index rebuilds at the end (this transaction only).
    await client.query(`set local maintenance_work_mem = '256MB'`)
    // Foreign-key checks cost ~40 µs a row (five per contact), most of the load time. The generator only writes ids
    // it has just written, so when the role may (a superuser, as on a benchmark server) the checks are skipped for
    // this transaction; otherwise they run.
    await client.query('savepoint replica')
    const replica = await client.query(`set local session_replication_role = replica`).then(
      () => true,
      () => client.query('rollback to savepoint replica').then(() => false),
    )
    const sink: Sink = {
      bulk: true,
      foreignKeysChecked: !replica,
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
      copy: async (table, columns, rows) => {
        if (rows.length === 0) return
        const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`))
        await pipeline(Readable.from(copyLines(rows)), stream)
      },
    }
    const result = await work(sink)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}

/** Runs `work` in one Kysely transaction (PGlite), loading with multi-row INSERTs of up to 60,000 parameters. */
export async function withKyselySink<T>(db: Kysely<Database>, work: (sink: Sink) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx: Transaction<Database>) => work(kyselySink(trx)))
}

/** A sink writing through an open Kysely transaction (the living demo region loads beside its own statements). */
export function kyselySink(trx: Transaction<Database>): Sink {
  return {
    bulk: false,
    foreignKeysChecked: true,
    query: async (text, params = []) => {
      // Positional parameters ($1 …) become Kysely bindings.
      const parts = text.split(/\$(\d+)/)
      const fragments = parts.map((p, k) => (k % 2 === 0 ? sql.raw(p) : sql`${params[Number(p) - 1]}`))
      return (await sql<never>`${sql.join(fragments, sql``)}`.execute(trx)).rows
    },
    copy: async (table, columns, rows) => {
      const batch = Math.max(1, Math.floor(60_000 / columns.length))
      for (let k = 0; k < rows.length; k += batch) {
        const values = rows
          .slice(k, k + batch)
          .map(
            row =>
              sql`(${sql.join(row.map(v => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? JSON.stringify(v) : v)))})`,
          )
        await sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) overriding system value values ${sql.join(values)}`.execute(
          trx,
        )
      }
    },
  }
}

import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor } from './person-access.ts'

/**
 * The audit trail's hash chain (issue 12, finding 13). Requests insert audit rows unsealed; the sealer
 * (`seal_audit_events`, a SECURITY DEFINER function of migration 2026_12_05_0400) gives each a `chain_seq` and
 * `hash = sha256(previous hash || canonical encoding)` in id order, one sealer at a time under an advisory lock, so no
 * request ever waits on it. `verifyAuditTrail` recomputes the chain here, in Node, from the stored columns: it does
 * not trust the database's own functions, which whoever owns the schema could replace.
 *
 * What it shows: a sealed row changed or deleted, even by the table's owner with the trigger switched off, breaks the
 * chain at that row (or the next). What it cannot show on its own: the newest rows deleted together with their
 * hashes, or an unsealed row (at most a couple of seconds old) deleted; record the head that `probity audit verify`
 * prints somewhere the database's owner cannot write, and compare it later (`--head`).
 */

/** Rows sealed per call: a backlog (a seed, a long stop) is sealed over several short transactions. */
export const SEAL_BATCH = 5000

/**
 * Seals up to `maxRows` unsealed rows, continuing the chain; returns how many. With `wait: false` it returns 0 at once
 * when another process is sealing (workers of one server share the work that way).
 *
 * @example
 * await sealAuditEvents(db, { wait: true })
 */
export async function sealAuditEvents(
  db: Executor,
  { wait, maxRows = SEAL_BATCH }: { wait: boolean; maxRows?: number },
): Promise<number> {
  const { rows } = await sql<{ sealed: number }>`select seal_audit_events(${maxRows}::int, ${wait}) as sealed`.execute(
    db,
  )
  return Number(rows[0]?.sealed ?? 0)
}

/** Seals everything unsealed now (`probity audit seal`, and on shutdown); returns how many rows. */
export async function sealAllAuditEvents(db: Executor): Promise<number> {
  let total = 0
  for (;;) {
    const sealed = await sealAuditEvents(db, { wait: true })
    total += sealed
    if (sealed < SEAL_BATCH) return total
  }
}

export interface AuditSealer {
  /** Stops the timer, waits for a round in progress and seals what is left. */
  stop(): Promise<void>
}

/**
 * The server's sealer: every `intervalMs` (2 s) it seals what has been written since, without holding the process
 * open (the timer is unref'd). Errors are reported, never thrown: a failed round is retried by the next.
 */
export function startAuditSealer(
  db: Executor,
  { intervalMs = 2000, onError }: { intervalMs?: number; onError: (error: unknown) => void },
): AuditSealer {
  let round: Promise<void> | undefined
  const tick = () => {
    if (round) return
    round = sealAuditEvents(db, { wait: false })
      .then(() => undefined, onError)
      .finally(() => (round = undefined))
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await round
      await sealAllAuditEvents(db).catch(onError)
    },
  }
}

/** One sealed row as `verifyAuditTrail` reads it: every column as the database stores it. */
interface ChainRow {
  id: number
  chain_seq: number | null
  hash: Uint8Array | null
  at_us: string
  user_id: number | null
  username: string | null
  action: string
  person_id: number | null
  subject: string | null
  request_id: string | null
  ip: string | null
  detail_text: string | null
  shown_text: string | null
}

const str = (value: string | null) => (value === null ? 'null' : JSON.stringify(value))
const num = (value: number | string | null) => (value === null ? 'null' : String(value))

/** `{1,2}` (PostgreSQL's text of a bigint[]) as jsonb prints it: `[1, 2]`. */
function idArray(text: string | null): string {
  if (text === null) return 'null'
  const inner = text.replace(/^\{|\}$/g, '')
  return `[${inner ? inner.split(',').join(', ') : ''}]`
}

/**
 * The row's canonical encoding, exactly as `audit_event_canonical` builds it in SQL: the jsonb text of an array of
 * its columns. Strings are escaped as jsonb escapes them (the same as JSON.stringify: `"`, `\`, and control
 * characters, nothing else); `detail` is the stored jsonb's own text, which is canonical (keys sorted, fixed spacing).
 *
 * @example
 * canonicalAuditRow(row) // '[1, 17, 1796483870832303, 3, "pat", "PERSON_VIEW", 42, "X100001", "req-1", "::1", null, null]'
 */
export function canonicalAuditRow(row: Omit<ChainRow, 'hash'>): string {
  const parts = [
    num(row.chain_seq),
    num(row.id),
    num(row.at_us),
    num(row.user_id),
    str(row.username),
    str(row.action),
    num(row.person_id),
    str(row.subject),
    str(row.request_id),
    str(row.ip),
    row.detail_text ?? 'null',
    idArray(row.shown_text),
  ]
  return `[${parts.join(', ')}]`
}

const sha256 = (previous: Buffer, canonical: string) =>
  createHash('sha256').update(previous).update(canonical, 'utf8').digest()

export type AuditVerification =
  | { intact: true; sealed: number; unsealed: number; head: { chainSeq: number; hash: string } | null }
  | {
      intact: false
      sealed: number
      unsealed: number
      brokenAt: { id: number; chainSeq: number | null }
      problem: string
    }

async function chainPage(db: Executor, after: number, limit: number): Promise<ChainRow[]> {
  const { rows } = await sql<ChainRow>`
    select id, chain_seq, hash, ((extract(epoch from at) * 1000000)::bigint)::text as at_us, user_id, username, action,
      person_id, subject, request_id, ip, detail::text as detail_text, shown_person_ids::text as shown_text
    from audit_events where chain_seq > ${after} order by chain_seq limit ${limit}
  `.execute(db)
  return rows
}

async function unsealedFacts(db: Executor) {
  const { rows } = await sql<{ unsealed: number; half: number | null }>`
    select count(*) filter (where hash is null and chain_seq is null)::int as unsealed,
      min(id) filter (where (hash is null) <> (chain_seq is null)) as half
    from audit_events where hash is null or chain_seq is null
  `.execute(db)
  return { unsealed: Number(rows[0]?.unsealed ?? 0), half: rows[0]?.half ?? null }
}

/** Checks one row against its predecessor; a description of what is wrong, or undefined when it holds. */
function checkLink(
  row: ChainRow,
  expectedSeq: number,
  previous: Buffer,
  previousId: number | null,
): string | undefined {
  if (row.chain_seq !== expectedSeq) {
    const missing = row.chain_seq! - 1 > expectedSeq ? `${expectedSeq}–${row.chain_seq! - 1}` : `${expectedSeq}`
    return `chain_seq ${missing} is missing before this row: sealed audit rows were deleted`
  }
  if (row.hash === null) return 'it has a place in the chain but no hash'
  const expected = sha256(previous, canonicalAuditRow(row))
  if (!expected.equals(Buffer.from(row.hash))) {
    return previousId === null
      ? 'its hash does not match its content: the row was changed after it was sealed'
      : `its hash does not match its content and the hash of the row before it (id ${previousId}): this row was changed after it was sealed, or the one before it was changed and re-hashed`
  }
  return undefined
}

/**
 * Walks the chain in `chain_seq` order and recomputes every hash. Read-only: it seals nothing, and reports rows
 * not yet sealed separately. Returns the first broken link, or the head (the last row's place and hash).
 *
 * @example
 * const result = await verifyAuditTrail(db)
 * if (!result.intact) console.log(result.brokenAt.id, result.problem)
 */
export async function verifyAuditTrail(db: Executor, { pageSize = 5000 } = {}): Promise<AuditVerification> {
  const { unsealed, half } = await unsealedFacts(db)
  let previous = Buffer.alloc(0)
  let previousId: number | null = null
  let seq = 0
  for (;;) {
    const page = await chainPage(db, seq, pageSize)
    for (const row of page) {
      const problem = checkLink(row, seq + 1, previous, previousId)
      if (problem)
        return { intact: false, sealed: seq, unsealed, brokenAt: { id: row.id, chainSeq: row.chain_seq }, problem }
      previous = Buffer.from(row.hash!)
      previousId = row.id
      seq = row.chain_seq!
    }
    if (page.length < pageSize) break
  }
  if (half !== null) {
    return {
      intact: false,
      sealed: seq,
      unsealed,
      brokenAt: { id: half, chainSeq: null },
      problem: 'it has a hash without a place in the chain (or a place without a hash): its seal was removed',
    }
  }
  return { intact: true, sealed: seq, unsealed, head: seq ? { chainSeq: seq, hash: previous.toString('hex') } : null }
}

/** The stored hash of one place in the chain, hex (for `--head`), or undefined when there is no such row. */
export async function chainHashAt(db: Executor, chainSeq: number): Promise<string | undefined> {
  const { rows } = await sql<{ hash: Uint8Array | null }>`
    select hash from audit_events where chain_seq = ${chainSeq}
  `.execute(db)
  const hash = rows[0]?.hash
  return hash ? Buffer.from(hash).toString('hex') : undefined
}

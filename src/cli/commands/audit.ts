import { chainHashAt, sealAllAuditEvents, verifyAuditTrail } from '../../access/audit-chain.ts'
import type { Executor } from '../../access/person-access.ts'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import type { CliIo, Command } from '../io.ts'

const HELP = `Usage:
  probity audit verify [--head CHAIN_SEQ:HASH]
      Recomputes the audit trail's hash chain and reports the first broken link (exit 1), or the number of sealed
      rows and the head of the chain (exit 0). Read-only. --head checks that a head recorded earlier is still there.
  probity audit seal
      Seals every audit row not yet sealed (the server does this every 2 seconds).`

function headOption(args: string[]): { chainSeq: number; hash: string } | string | undefined {
  const at = args.indexOf('--head')
  if (at < 0) return undefined
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(args[at + 1] ?? '')
  if (!match) return '--head must be CHAIN_SEQ:HASH as printed by probity audit verify (e.g. 1234:9f86d0…)'
  return { chainSeq: Number(match[1]), hash: match[2]!.toLowerCase() }
}

async function verify(db: Executor, io: CliIo, args: string[]): Promise<number> {
  const head = headOption(args)
  if (typeof head === 'string') {
    io.err(`probity audit verify: ${head}`)
    return 1
  }
  const result = await verifyAuditTrail(db)
  const unsealed = result.unsealed ? `; ${result.unsealed} newer row(s) not yet sealed` : ''
  if (!result.intact) {
    const place = result.brokenAt.chainSeq === null ? '' : ` (chain_seq ${result.brokenAt.chainSeq})`
    io.err(
      `Audit trail BROKEN at row id ${result.brokenAt.id}${place}: ${result.problem}.\n` +
        `${result.sealed} row(s) before it verified${unsealed}.`,
    )
    return 1
  }
  if (head) {
    const stored = await chainHashAt(db, head.chainSeq)
    if (stored !== head.hash) {
      io.err(
        `Audit trail BROKEN: the recorded head ${head.chainSeq}:${head.hash.slice(0, 16)}… is ${stored ? 'not the hash stored there' : 'no longer in the chain'}: ` +
          `rows up to it were ${stored ? 'changed and re-hashed' : 'deleted'}.`,
      )
      return 1
    }
  }
  const at = result.head ? ` Head: ${result.head.chainSeq}:${result.head.hash}` : ''
  io.out(`Audit trail intact: ${result.sealed} sealed row(s) verified${unsealed}.${at}`)
  return 0
}

/** `probity audit`: verify the audit trail's hash chain, or seal what is not yet sealed. */
const auditCommand: Command = async (args, io) => {
  const [sub, ...rest] = args
  if (sub !== 'verify' && sub !== 'seal') {
    io.err(HELP)
    return 1
  }
  const config = loadConfig()
  const handle = await connect(config)
  try {
    if (sub === 'verify') return await verify(handle.db, io, rest)
    const sealed = await sealAllAuditEvents(handle.db)
    io.out(`Sealed ${sealed} audit row(s)`)
    return 0
  } finally {
    await handle.close()
  }
}
export default auditCommand

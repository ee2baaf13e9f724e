import type { Executor } from '../../access/person-access.ts'
import { isRole, ROLES, type Role } from '../../access/roles.ts'
import { hashPassword, passwordProblems } from '../../access/passwords.ts'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { prepareSchema } from '../../db/migrate.ts'
import type { CliIo, Command } from '../io.ts'
import { findStaffIdByCode, insertUser, listUsers, unlockUser, usernameTaken } from '../queries.ts'

const HELP = `Usage:
  probity users add <username> --name "Full Name" --role admin [--role auditor] [--staff CODE]
      The password is read from the PROBITY_PASSWORD environment variable or the first line of stdin.
  probity users list
  probity users unlock <username>
Roles: ${Object.keys(ROLES).join(', ')}`

function option(args: string[], name: string): string[] {
  const values: string[] = []
  args.forEach((arg, i) => {
    if (arg === `--${name}` && args[i + 1]) values.push(args[i + 1])
  })
  return values
}

async function readPassword(io: CliIo): Promise<string> {
  if (process.env.PROBITY_PASSWORD) return process.env.PROBITY_PASSWORD
  return (await io.readStdin()).split(/\r?\n/)[0] ?? ''
}

async function list(db: Executor, io: CliIo): Promise<number> {
  for (const r of await listUsers(db))
    io.out(`${r.username}\t${r.display_name}\t${r.roles.join(',')}${r.active ? '' : '\t(disabled)'}`)
  return 0
}

async function unlock(db: Executor, io: CliIo, username: string): Promise<number> {
  if (!(await unlockUser(db, username))) {
    io.err(`No user called ${username}`)
    return 1
  }
  io.out(`Unlocked ${username}`)
  return 0
}

async function add(db: Executor, io: CliIo, username: string, args: string[]): Promise<number> {
  const name = option(args, 'name')[0]
  const requested = option(args, 'role')
  const roles: Role[] = requested.filter(isRole)
  const staffCode = option(args, 'staff')[0]
  const problems: string[] = []
  if (!/^[a-zA-Z0-9._@-]{3,100}$/.test(username)) problems.push('username must be 3 to 100 letters, digits or . _ @ -')
  if (!name) problems.push('--name is required')
  if (requested.length === 0) problems.push('at least one --role is required')
  for (const role of requested) if (!isRole(role)) problems.push(`unknown role "${role}"`)
  const password = await readPassword(io)
  problems.push(...passwordProblems(password, username).map(p => p.message))
  let staffId: number | null = null
  if (staffCode) {
    const id = await findStaffIdByCode(db, staffCode)
    if (id === undefined) problems.push(`no staff member with code ${staffCode}`)
    else staffId = id
  }
  if (await usernameTaken(db, username)) problems.push(`a user called ${username} already exists`)
  if (problems.length || !name) {
    io.err(`Could not add ${username}:\n- ${problems.join('\n- ')}`)
    return 1
  }
  await insertUser(db, { username, displayName: name, roles, staffId, passwordHash: await hashPassword(password) })
  io.out(`Added ${username} (${roles.join(', ')})`)
  return 0
}

/** `probity users`: create the first administrator (and others) from the command line. */
const users: Command = async (args, io) => {
  const [sub, username] = args
  if (!sub || !['add', 'list', 'unlock'].includes(sub)) {
    io.err(HELP)
    return 1
  }
  const config = loadConfig()
  const handle = await connect(config)
  try {
    await prepareSchema(config, handle)
    if (sub === 'list') return await list(handle.db, io)
    if (!username) {
      io.err(`probity users ${sub}: a username is required\n\n${HELP}`)
      return 1
    }
    if (sub === 'unlock') return await unlock(handle.db, io, username)
    return await add(handle.db, io, username, args)
  } finally {
    await handle.close()
  }
}
export default users

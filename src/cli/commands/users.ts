import { isRole, ROLES, type Role } from '../../access/roles.ts'
import { hashPassword, passwordProblems } from '../../access/passwords.ts'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import type { CliIo, Command } from '../io.ts'

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
    await migrateToLatest(handle.db)
    const db = handle.db
    if (sub === 'list') {
      const rows = await db
        .selectFrom('users')
        .select(['username', 'display_name', 'roles', 'active'])
        .orderBy('username')
        .execute()
      for (const r of rows)
        io.out(`${r.username}\t${r.display_name}\t${r.roles.join(',')}${r.active ? '' : '\t(disabled)'}`)
      return 0
    }
    if (!username) {
      io.err(`probity users ${sub}: a username is required\n\n${HELP}`)
      return 1
    }
    if (sub === 'unlock') {
      const result = await db
        .updateTable('users')
        .set({ locked_until: null, failed_attempts: 0 })
        .where('username', '=', username)
        .executeTakeFirst()
      if (!result.numUpdatedRows) {
        io.err(`No user called ${username}`)
        return 1
      }
      io.out(`Unlocked ${username}`)
      return 0
    }
    const name = option(args, 'name')[0]
    const roles = option(args, 'role')
    const staffCode = option(args, 'staff')[0]
    const problems: string[] = []
    if (!/^[a-zA-Z0-9._@-]{3,100}$/.test(username))
      problems.push('username must be 3 to 100 letters, digits or . _ @ -')
    if (!name) problems.push('--name is required')
    if (roles.length === 0) problems.push('at least one --role is required')
    for (const role of roles) if (!isRole(role)) problems.push(`unknown role "${role}"`)
    const password = await readPassword(io)
    problems.push(...passwordProblems(password, username).map(p => p.message))
    let staffId: number | null = null
    if (staffCode) {
      const staff = await db.selectFrom('staff').select('id').where('code', '=', staffCode).executeTakeFirst()
      if (!staff) problems.push(`no staff member with code ${staffCode}`)
      else staffId = staff.id
    }
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where(eb => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst()
    if (existing) problems.push(`a user called ${username} already exists`)
    if (problems.length) {
      io.err(`Could not add ${username}:\n- ${problems.join('\n- ')}`)
      return 1
    }
    await db
      .insertInto('users')
      .values({
        username,
        display_name: name!,
        roles: roles as Role[],
        staff_id: staffId,
        password_hash: await hashPassword(password),
      })
      .execute()
    io.out(`Added ${username} (${roles.join(', ')})`)
    return 0
  } finally {
    await handle.close()
  }
}
export default users

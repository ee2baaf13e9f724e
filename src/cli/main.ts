import { processIo, type CliIo, type Command } from './io.ts'

/**
 * The `probity` command line. Each command lives in `commands/<name>.ts` and is loaded only when used,
 * so `probity calc release-dates` does not pay for starting the web server.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  serve: {
    summary: 'start the web server (migrates and seeds an empty database first)',
    load: () => import('./commands/serve.ts'),
  },
  migrate: {
    summary: 'apply database migrations (as MIGRATION_DATABASE_URL when set)',
    load: () => import('./commands/migrate.ts'),
  },
  db: {
    summary: "database roles: db grant-app-role <role> (the app's least-privilege role)",
    load: () => import('./commands/db.ts'),
  },
  seed: {
    summary: 'seed the demo region into an empty database; --scale N adds the synthetic national dataset',
    load: () => import('./commands/seed.ts'),
  },
  audit: {
    summary: 'the audit trail: audit verify (check its hash chain) | audit seal',
    load: () => import('./commands/audit.ts'),
  },
  users: { summary: 'manage sign-ins: users add|list|unlock', load: () => import('./commands/users.ts') },
  calc: {
    summary: 'calculators: calc release-dates | proven-reoffending < requests.json',
    load: () => import('./commands/calc.ts'),
  },
  risk: { summary: 'risk predictors: risk < requests.json', load: () => import('./commands/risk.ts') },
  'risk-v4': {
    summary: 'OASys v4 predictors (ARP, VRP, SVRP, CSRP, DC-SRP, IIC-SRP): risk-v4 < cases.json',
    load: () => import('./commands/risk-v4.ts'),
  },
  tier: { summary: 'case tiering: tier < requests.json', load: () => import('./commands/tier.ts') },
  'import-convictions': {
    summary: 'import a PNC extract of convictions and cautions: import-convictions <file.csv|file.json>',
    load: () => import('./commands/import-convictions.ts'),
  },
  recalculate: {
    summary: 'recalculate release-dates: key dates of every custodial case (nightly)',
    load: () => import('./commands/recalculate.ts'),
  },
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return `Usage: probity <command> [options]\n\nCommands:\n${lines.join('\n')}\n`
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name ? 0 : 1
  }
  const command = commands[name]
  if (!command) {
    io.err(`probity: unknown command "${name}"\n\n${usage()}`)
    return 1
  }
  const { default: run } = await command.load()
  return run(args, io)
}

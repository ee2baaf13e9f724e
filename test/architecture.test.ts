import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * The shape of the code is enforced by lint (eslint.config.js). These cases prove each boundary rule fires on a
 * deliberate breach — and stays quiet on the allowed form — so a rule that silently stopped matching fails here.
 */

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })
})

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.map(m => `${m.ruleId}: ${m.message}`)
}

describe('lint boundaries', () => {
  it("refuses a feature importing another feature's routes, and allows its index.ts", async () => {
    const file = 'src/features/caseload/example.ts'
    expect(
      await problems(
        file,
        "import { allocationRoutes } from '../allocation/routes.ts'\nexport const x = allocationRoutes\n",
      ),
    ).toEqual([expect.stringContaining('Import another feature only through its public index.ts')])
    expect(
      await problems(
        file,
        "import { allocationRoutes } from '../allocation/index.ts'\nexport const x = allocationRoutes\n",
      ),
    ).toEqual([])
  })

  it('refuses the composition root importing a feature other than through its index.ts', async () => {
    expect(
      await problems(
        'src/web/example.ts',
        "import { peopleRoutes } from '../features/people/routes.ts'\nexport const x = peopleRoutes\n",
      ),
    ).toEqual([expect.stringContaining('only through its public index.ts')])
  })

  it('keeps src/domain pure: no database, web or feature imports, no packages but js-joda', async () => {
    const file = 'src/domain/tier/example.ts'
    expect(await problems(file, "import { db } from '../../db/connect.ts'\nexport const x = db\n")).toHaveLength(1)
    expect(await problems(file, "import Fastify from 'fastify'\nexport const x = Fastify\n")).toHaveLength(1)
    expect(
      await problems(
        file,
        "import { LocalDate } from '@js-joda/core'\nimport { x as y } from '../calendar/index.ts'\nexport const x = [LocalDate, y]\n",
      ),
    ).toEqual([])
  })

  it('refuses SQL outside a queries file, and allows it in one', async () => {
    const code =
      "import type { Kysely } from 'kysely'\nexport const find = (db: Kysely<never>) => db.selectFrom('people' as never)\n"
    expect(await problems('src/features/people/service.ts', code)).toEqual([
      expect.stringContaining('SQL lives in queries.ts'),
    ])
    expect(await problems('src/features/people/queries.ts', code)).toEqual([])
  })

  it('refuses casting request.params, query or body', async () => {
    const code =
      "import type { FastifyRequest } from 'fastify'\nexport const crn = (request: FastifyRequest) => (request.params as { crn: string }).crn\n"
    expect(await problems('src/features/people/routes.ts', code)).toEqual([
      expect.stringContaining('Declare the schema on the route'),
    ])
  })

  it('refuses a function longer than 80 lines', async () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const code = `export function long() {\n${body}\n  return v0\n}\n`
    expect(
      (await problems('src/features/people/service.ts', code)).filter(p => p.startsWith('max-lines-per-function')),
    ).toHaveLength(1)
  })
})

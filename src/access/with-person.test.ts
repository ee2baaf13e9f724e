import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KyselyPlugin } from 'kysely'
import type { DatabaseHandle } from '../db/connect.ts'
import { createTestDatabase } from '../db/testing.ts'
import { seedDemoIfEmpty } from '../seed/demo.ts'
import { contextOf, createFactories, type Factories } from '../../test/factories/index.ts'
import { ForbiddenError } from '../errors.ts'
import { loadPersonAccessByCrn } from './person-access.ts'
import { personAccess } from './with-person.ts'
import type { RequestContext } from './audit.ts'

/**
 * `withPerson` and the facts the route guard read (`ctx.checkedPerson`): a read decides on them again instead of
 * reading them a second time; a change, a different person or a context without them reads them afresh.
 */
let handle: DatabaseHandle
let make: Factories
let pat: RequestContext
beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemoIfEmpty(handle.db)
  make = createFactories(handle.db)
  pat = await contextOf(handle.db, 'pat.practitioner')
}, 120_000)
afterAll(() => handle.close())

/** `withPerson` on a database that counts the statements that read the people table. */
function counting() {
  const seen: string[] = []
  const plugin: KyselyPlugin = {
    transformQuery: args => {
      if (args.node.kind === 'SelectQueryNode') seen.push(JSON.stringify(args.node.from))
      return args.node
    },
    transformResult: async args => args.result,
  }
  const peopleReads = () => seen.filter(from => from.includes('"people"')).length
  return { withPerson: personAccess(handle.db.withPlugin(plugin)), peopleReads }
}

const checkedBy = async (ctx: RequestContext, crn: string): Promise<RequestContext> => ({
  ...ctx,
  checkedPerson: { crn, facts: (await loadPersonAccessByCrn(handle.db, crn))! },
})

describe('withPerson and the route guard’s facts', () => {
  it('opens a record for reading on the facts the guard read, without reading them again', async () => {
    const own = await make.person({ allocatedTo: 'NWS001' })
    const { withPerson, peopleReads } = counting()
    const person = await withPerson(await checkedBy(pat, own.crn), own.crn, 'read', async (_trx, p) => p)
    expect(person).toMatchObject({ personId: own.personId, crn: own.crn, canUpdate: true })
    expect(peopleReads()).toBe(0)
  })

  it('still decides on those facts: an excluded practitioner is refused and the refusal is in the trail', async () => {
    const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'pat.practitioner' })
    const { withPerson } = counting()
    await expect(
      withPerson(await checkedBy(pat, excluded.crn), excluded.crn, 'read', async () => 'shown'),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const refusals = await handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject', '=', excluded.crn)
      .where('action', '=', 'ACCESS_DENIED')
      .execute()
    expect(refusals).toHaveLength(1)
  })

  it('reads the facts again for a change, inside its transaction', async () => {
    const own = await make.person({ allocatedTo: 'NWS001' })
    const { withPerson, peopleReads } = counting()
    await withPerson(await checkedBy(pat, own.crn), own.crn, 'update', async () => undefined)
    expect(peopleReads()).toBe(1)
  })

  it('reads them for a person other than the one the guard checked, and when there are none', async () => {
    const own = await make.person({ allocatedTo: 'NWS001' })
    const other = await make.person({ allocatedTo: 'CRC001' })
    const { withPerson, peopleReads } = counting()
    // The guard let pat through to her own case; the work asks for another provider's: refused on its own facts.
    await expect(
      withPerson(await checkedBy(pat, own.crn), other.crn, 'read', async () => 'shown'),
    ).rejects.toBeInstanceOf(ForbiddenError)
    expect(peopleReads()).toBe(1)
    await withPerson(pat, own.crn, 'read', async () => undefined)
    expect(peopleReads()).toBe(2)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Security review finding 8 (people): two people created with the same PNC at once gave a 500, and PostgreSQL's
 * unique-violation detail ("Key (pnc)=(…) already exists") put the PNC in the logs. The second must get the same
 * field error as a sequential duplicate, and no identifier may reach the log.
 */

const logged: string[] = []
let t: TestApp
let api: ReturnType<typeof apiClient>

beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'trace', stream: { write: (line: string) => logged.push(line) } } })
  api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
})
afterAll(() => t.close())

const person = (n: number, pnc: string) => ({
  forename: 'Odette',
  surname: `Vasquez-Lind${'abcdefghij'[n % 10]}`,
  dateOfBirth: `1985-0${1 + (n % 9)}-1${n % 10}`,
  gender: 'female',
  pnc,
  confirmNotDuplicate: true,
})

const PNC_TAKEN = 'Another record already has this PNC number'

describe('creating two people with one PNC at the same moment', () => {
  it('the sequential case: the second is refused on the PNC field', async () => {
    expect((await api.post('/api/v1/people', person(1, '2002/0000001F'))).statusCode).toBe(201)
    const second = await api.post('/api/v1/people', person(2, '2002/0000001F'))
    expect(second.statusCode).toBe(400)
    expect(second.json().error.fields).toEqual([{ field: 'pnc', message: expect.stringContaining(PNC_TAKEN) }])
  })

  it('creates one and refuses the other with the same PNC field error, never a 500, and logs no PNC', async () => {
    const pncs = ['2003/0000002X', '2004/0000003N', '2005/0000004E', '2006/0000005W', '2007/0000006M']
    for (const [round, pnc] of pncs.entries()) {
      const answers = await Promise.all([
        api.post('/api/v1/people', person(round * 2, pnc)),
        api.post('/api/v1/people', person(round * 2 + 1, pnc)),
      ])
      expect(answers.map(a => a.statusCode).sort(), answers.map(a => a.body).join('\n')).toEqual([201, 400])
      const refused = answers.find(a => a.statusCode === 400)!.json()
      expect(refused.error.fields).toEqual([{ field: 'pnc', message: expect.stringContaining(PNC_TAKEN) }])
    }
    const rows = await t.handle.db.selectFrom('people').select('pnc').where('pnc', 'in', pncs).execute()
    expect(rows).toHaveLength(pncs.length)
    expect(logged.length).toBeGreaterThan(0)
    for (const pnc of pncs) expect(logged.join('\n')).not.toContain(pnc.split('/')[1])
  })
})

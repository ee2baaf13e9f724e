import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../cli/io.ts'
import { main } from '../../cli/main.ts'
import { randomToken, sha256 } from '../../web/plugins/authentication.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * OGP from a precomputed OGRS3 2-year % (issue 20): the reference service accepts `ogrs3TwoYear` in place of the
 * static inputs; so do `probity risk` and POST /api/v1/calculations/risk. Spec §4 worked example: OGRS3 81 %,
 * unemployed, 7.2 some, drugs 0/0, thinking 1+1+0, attitudes some ⇒ 49+5+3+0+2+3 = 62 points ⇒ 53 % / 68 % HIGH.
 */
const OGP_DYNAMIC = {
  isCurrentlyOfNoFixedAbodeOrTransientAccommodation: false,
  isUnemployed: true,
  regularOffendingActivities: 'SOME_PROBLEMS',
  currentDrugMisuse: 'NO_PROBLEMS',
  motivationToTackleDrugMisuse: 'FULL_MOTIVATION',
  problemSolvingSkills: 'SOME_PROBLEMS',
  awarenessOfConsequences: 'SOMETIMES',
  understandsOtherPeoplesViews: 'NO_PROBLEMS',
  proCriminalAttitudes: 'SOME_PROBLEMS',
}
const OGP_GIVEN = { predictor: 'OGP', inputs: { ogrs3TwoYear: 81, ...OGP_DYNAMIC } }

async function runRisk(requests: unknown): Promise<{ code: number; out: string }> {
  let out = ''
  const io: CliIo = { readStdin: async () => JSON.stringify(requests), out: s => void (out += s), err: () => {} }
  const code = await main(['risk'], io)
  return { code, out }
}

describe('probity risk: OGP from a given OGRS3', () => {
  it('scores OGP from ogrs3TwoYear without any OGRS3 static input (spec §4 example)', async () => {
    const { code, out } = await runRisk([{ id: 'given', ...OGP_GIVEN }])
    expect(code).toBe(0)
    const [answer] = JSON.parse(out) as { id: string; output: Record<string, unknown> }[]
    expect(answer.output).toMatchObject({
      totalPoints: 62,
      oneYearPercent: 53,
      twoYearPercent: 68,
      band: 'HIGH',
      ogrs3TwoYearPercent: 81,
    })
  })

  it('a given OGRS3 changes the score as its 0.6 weight says', async () => {
    const { out } = await runRisk([
      { id: 'a', ...OGP_GIVEN },
      { id: 'b', predictor: 'OGP', inputs: { ...OGP_GIVEN.inputs, ogrs3TwoYear: 31 } },
    ])
    const [a, b] = JSON.parse(out) as { output: { totalPoints: number } }[]
    expect(a.output.totalPoints - b.output.totalPoints).toBe(Math.round(81 * 0.6) - Math.round(31 * 0.6))
  })

  it.each([[0], [100], ['81']])('refuses ogrs3TwoYear %j, naming the field', async value => {
    const { out } = await runRisk([
      { id: 'bad', predictor: 'OGP', inputs: { ...OGP_GIVEN.inputs, ogrs3TwoYear: value } },
    ])
    const [answer] = JSON.parse(out) as { errors: { field: string }[]; output?: unknown }[]
    expect(answer.output).toBeUndefined()
    expect(answer.errors.map(e => e.field)).toContain('ogrs3TwoYear')
  })

  it('OVP does not read OGRS3: a given OGRS3 neither replaces nor blocks its own static inputs', async () => {
    const ovp = {
      gender: 'MALE',
      dateOfBirth: '1990-01-01',
      dateAtStartOfFollowup: '2009-06-01',
      totalNumberOfSanctionsForAllOffences: 31,
      totalNumberOfViolentSanctions: 17,
      doesRecogniseImpactOfOffendingOnOthers: false,
      isCurrentlyOfNoFixedAbodeOrTransientAccommodation: true,
      isUnemployed: true,
      currentAlcoholUseProblems: 'SOME_PROBLEMS',
      excessiveAlcoholUse: 'NO_PROBLEMS',
      hasCurrentPsychiatricTreatment: false,
      temperControl: 'SIGNIFICANT_PROBLEMS',
      proCriminalAttitudes: 'SOME_PROBLEMS',
    }
    const { out } = await runRisk([
      { id: 'plain', predictor: 'OVP', inputs: ovp },
      { id: 'given', predictor: 'OVP', inputs: { ...ovp, ogrs3TwoYear: 81 } },
      { id: 'only', predictor: 'OVP', inputs: { ogrs3TwoYear: 81 } },
    ])
    const [plain, given, only] = JSON.parse(out) as { output?: { twoYearPercent: number }; errors?: unknown[] }[]
    expect(given.output).toEqual(plain.output)
    expect(only.output).toBeUndefined()
    expect(only.errors?.length).toBeGreaterThan(0)
  })
})

describe('POST /api/v1/calculations/risk: OGP from a given OGRS3', () => {
  let t: TestApp
  let headers: Record<string, string>
  beforeAll(async () => {
    t = await createTestApp()
    const db = t.handle.db
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'pat.practitioner')
      .executeTakeFirstOrThrow()
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    const token = randomToken()
    await db
      .insertInto('api_tokens')
      .values({
        name: 'ogp test',
        token_hash: sha256(token),
        token_prefix: token.slice(0, 6),
        user_id: user.id,
        created_by: admin.id,
      })
      .execute()
    headers = { authorization: `Bearer ${token}` }
  })
  afterAll(() => t.close())

  it('answers as the command line does', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calculations/risk',
      headers,
      payload: { id: 'given', ...OGP_GIVEN },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().output).toMatchObject({ totalPoints: 62, twoYearPercent: 68, band: 'HIGH' })
  })

  it('refuses an impossible OGRS3 with 400 and the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calculations/risk',
      headers,
      payload: { predictor: 'OGP', inputs: { ...OGP_GIVEN.inputs, ogrs3TwoYear: 140 } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toContain('ogrs3TwoYear')
  })
})

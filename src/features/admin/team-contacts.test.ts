import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

// Issue 13, item 6: letters need the office's address and phone. An administrator sets them for each team; the
// organisations page shows which teams have none yet.
let t: TestApp
let admin: TestBrowser
let teamId: number

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.signIn('admin')
  teamId = (
    await t.handle.db.selectFrom('teams').select('id').where('code', '=', 'PS-NW-N-A').executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

const contact = () =>
  t.handle.db
    .selectFrom('teams')
    .select(['office_name', 'office_address', 'office_phone', 'office_email'])
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow()

const row = (html: string) => new RegExp(`data-qa="team-PS-NW-N-A"[\\s\\S]*?</tr>`).exec(html)![0]

describe('letter contact details of a team', () => {
  it('shows which teams have none, and the team’s page offers to add them', async () => {
    const list = await admin.get('/admin/organisations')
    expect(list.statusCode).toBe(200)
    expect(list.body).toMatch(/data-qa="teams-without-contact"[\s\S]*?teams? ha(s|ve) no contact details for letters/)
    expect(list.body).toContain('Add letter contact details for Northtown Team A')
    expect(row(list.body)).toContain('No letter contact details')
    const team = await admin.get(`/admin/organisations/teams/${teamId}`)
    expect(team.body).toContain('Letters from this team show only the team name')
    expect(team.body).toContain(`href="/admin/organisations/teams/${teamId}/contact"`)
  })

  it('refuses bad details field by field (400, error summary) and saves nothing', async () => {
    const r = await admin.post(`/admin/organisations/teams/${teamId}/contact`, {
      officeName: '',
      address: '14 Market Street\nNorthtown',
      phone: 'ring reception',
      email: 'not an email',
    })
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('There is a problem')
    for (const [field, message] of [
      ['officeName', 'Enter the name of the office'],
      ['address', 'Enter the address with its postcode'],
      ['phone', 'Enter a phone number, like 01632 960 000'],
      ['email', 'Enter an email address in the correct format'],
    ])
      expect(r.body).toMatch(new RegExp(`href="#${field}">${message}`))
    expect(r.body).toContain('ring reception')
    expect(await contact()).toEqual({ office_name: null, office_address: null, office_phone: null, office_email: null })
  })

  it('saves them with an audit row, shows them on the team page, and the team is no longer listed as missing them', async () => {
    const form = await admin.get(`/admin/organisations/teams/${teamId}/contact`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('data-qa="no-contact"')
    const r = await admin.post(`/admin/organisations/teams/${teamId}/contact`, {
      officeName: 'Northtown Probation Office',
      address: ' 14 Market Street \n\nNorthtown\nNT1 4QX ',
      phone: '01632 960 123',
      email: 'northtown@probation.example',
    })
    expect(r.statusCode).toBe(303)
    expect(r.headers.location).toBe('/admin/organisations?done=team-contact-saved')
    expect(await contact()).toEqual({
      office_name: 'Northtown Probation Office',
      office_address: '14 Market Street\nNorthtown\nNT1 4QX',
      office_phone: '01632 960 123',
      office_email: 'northtown@probation.example',
    })
    const audit = await t.handle.db
      .selectFrom('audit_events')
      .select(['subject', 'detail'])
      .where('action', '=', 'TEAM_CONTACT_UPDATED')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].subject).toBe('PS-NW-N-A')
    expect(audit[0].detail).toMatchObject({
      teamId,
      before: { office_phone: null },
      after: { office_phone: '01632 960 123' },
    })
    const team = await admin.get(`/admin/organisations/teams/${teamId}`)
    expect(team.body).toMatch(/data-qa="team-contact"[\s\S]*14 Market Street<br \/>\s*Northtown<br \/>\s*NT1 4QX/)
    const list = await admin.get('/admin/organisations?done=team-contact-saved')
    expect(list.body).toContain('Letter contact details saved')
    expect(row(list.body)).not.toContain('No letter contact details')
  })

  it('refuses everyone but an administrator', async () => {
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get(`/admin/organisations/teams/${teamId}/contact`)).statusCode).toBe(403)
    const r = await pat.post(`/admin/organisations/teams/${teamId}/contact`, {
      officeName: 'Hijacked office',
      address: '1 Road\nAB1 2CD',
      phone: '01632 960 999',
      email: '',
    })
    expect(r.statusCode).toBe(403)
    expect((await contact()).office_name).toBe('Northtown Probation Office')
  })
})

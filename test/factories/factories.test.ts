import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import { createTestDatabase } from '../../src/db/testing.ts'
import { seedDemoIfEmpty } from '../../src/seed/demo.ts'
import { contextOf, createFactories, type Factories } from './index.ts'

let handle: DatabaseHandle
let make: Factories
beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemoIfEmpty(handle.db)
  make = createFactories(handle.db)
}, 120_000)
afterAll(() => handle.close())

describe('test data factories', () => {
  it('make a person each time, with a new CRN and a name of their own', async () => {
    const a = await make.person()
    const b = await make.person()
    expect(a.crn).toMatch(/^X\d{6}$/)
    expect(b.crn).not.toBe(a.crn)
    expect(b.surname).not.toBe(a.surname)
  })

  it('make a person the practitioner may read, one another provider manages, and limited-access records', async () => {
    const pat = await contextOf(handle.db, 'pat.practitioner')
    const read = (crn: string) => make.services.people.getPerson(crn, pat)
    const own = await make.person({ allocatedTo: 'NWS001' })
    await expect(read(own.crn)).resolves.toBeDefined()
    const others = await make.person({ allocatedTo: 'CRC001' })
    await expect(read(others.crn)).rejects.toThrow()
    const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'pat.practitioner' })
    await expect(read(excluded.crn)).rejects.toThrow()
    const restricted = await make.person({ allocatedTo: 'NWS001', restrictedTo: 'sam.senior' })
    await expect(read(restricted.crn)).rejects.toThrow()
  })

  it('make community and custodial sentences, a case with appointments and a court hearing', async () => {
    const community = await make.sentenced('community')
    expect(community).toMatchObject({ eventNumber: 1, sentenceId: expect.any(Number) })
    const custodial = await make.sentenced('custodial')
    expect(custodial.sentenceId).toBeGreaterThan(community.sentenceId)
    const withAppointments = await make.caseWithAppointments(2)
    expect(withAppointments.appointmentIds).toHaveLength(2)
    const hearing = await make.courtHearing()
    expect(hearing).toMatchObject({ hearingId: expect.any(Number), court: expect.any(String) })
  })
})

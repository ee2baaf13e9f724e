import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { PersonPage, SearchPage, SignInPage } from './support/pages.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('a practitioner finds a person and records a move', () => {
  it('signs in, searches with a misspelt surname, moves the address, sees the history, signs out', async () => {
    const signIn = await SignInPage.open(h.page)
    await signIn.signIn('pat.practitioner')

    const search = await SearchPage.open(h.page)
    await h.checkAccessibility()
    // The demo region has a David Hughes; the practitioner types "Hughs".
    await search.search('david hughs')
    await h.checkAccessibility()
    expect(await search.resultNames()).toContain('David Hughes')

    const person = await search.open('David Hughes')
    expect(await person.name()).toContain('David Hughes')
    await h.checkAccessibility()

    await person.openAddresses()
    await h.checkAccessibility()
    const before = await person.currentAddresses()
    expect(before).toHaveLength(1)
    const oldStreet = before[0].split('\n')[0]

    await person.moveTo({
      building: '7',
      street: 'Quayside Walk',
      town: 'Easton',
      postcode: 'NT4 9ZZ',
      day: '1',
      month: '10',
      year: '2026',
    })
    await h.checkAccessibility()
    const after = await PersonPage.verifyOnPage(h.page)
    await after.openAddresses()
    const current = await after.currentAddresses()
    expect(current.join('\n')).toContain('Quayside Walk')
    const previous = await after.previousAddresses()
    expect(previous.join('\n')).toContain(oldStreet)
    // The old address ended when the new one started; nothing was deleted.
    expect(previous.join('\n')).toContain('1 October 2026')

    await h.page.goto('/account')
    await h.page.locator('[data-qa="sign-out"]').click()
    await h.page.waitForLoadState()
    expect(new URL(h.page.url()).pathname).toBe('/sign-in')
    await h.page.goto('/people')
    expect(new URL(h.page.url()).pathname).toBe('/sign-in')
  })
})

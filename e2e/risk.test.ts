import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'
import { ItemsFormPage, RegistrationFormPage, RiskPage, RoshFormPage } from './support/risk-pages.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

// Demo person index 2: managed by pat.practitioner's team.
const CRN = 'X100003'

describe('the Risk page in a browser', () => {
  it('records RoSH and assessment items, shows RSR and the tier with explanations, then a MAPPA registration changes the tier', async () => {
    const signIn = await SignInPage.open(h.page)
    await signIn.signIn('pat.practitioner')

    let risk = await RiskPage.open(h.page, CRN)
    await h.checkAccessibility()
    expect(await h.page.locator('[data-qa="no-rosh"]').count()).toBe(1)

    // RoSH: the assessment date is already today.
    await risk.follow('record-rosh')
    const rosh = await RoshFormPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    await rosh.level('public', 'medium')
    await rosh.level('knownAdult', 'medium')
    await rosh.level('children', 'low')
    await rosh.level('staff', 'low')
    await rosh.save()
    risk = await RiskPage.verifyOnPage(h.page)
    expect(await h.page.locator('[data-qa="rosh-overall"]').textContent()).toContain('Medium')
    await h.checkAccessibility()

    // Assessment items, copied from an OASys assessment.
    await risk.follow('record-items')
    const items = await ItemsFormPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    // The conviction, offence, sentence and sanction counts come from the record: shown, not asked.
    expect(await h.page.locator('[data-qa="from-record"]').first().textContent()).toContain('event 1')
    expect(await h.page.locator('[name="currentOffenceCode"]').count()).toBe(0)
    await items.check('previousConvictions', 'NONE')
    for (const [id, v] of Object.entries({
      isCurrentlyOfNoFixedAbodeOrTransientAccommodation: 'no',
      suitabilityOfAccommodation: '0',
      isUnemployed: 'yes',
      currentRelationshipWithPartner: '1',
      evidenceOfDomesticAbuse: 'no',
      regularOffendingActivities: '1',
      currentDrugMisuse: '0',
      motivationToTackleDrugMisuse: '0',
      currentAlcoholUseProblems: '1',
      excessiveAlcoholUse: '0',
      hasCurrentPsychiatricTreatment: 'no',
      impulsivityProblems: '1',
      temperControl: '1',
      problemSolvingSkills: '1',
      awarenessOfConsequences: '1',
      understandsOtherPeoplesViews: '0',
      proCriminalAttitudes: '1',
      doesRecogniseImpactOfOffendingOnOthers: 'yes',
      didOffenceInvolveCarryingOrUsingWeapon: 'no',
      hasEverCommittedSexualOffence: 'no',
      'need-ATTITUDES': 'STANDARD',
    })) {
      await items.select(id, v)
    }
    await items.save()
    risk = await RiskPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    expect(await risk.predictorScore('RSR')).toMatch(/^[0-9.]+%$/)
    expect(await risk.predictorExplanation('RSR')).toContain('Serious non-sexual violence')
    const before = await risk.tier(1)
    expect(before).toMatch(/^[A-D][0-3]$/)
    expect(await risk.tierExplanation(1)).toContain('RoSH medium')
    await h.checkAccessibility()

    // MAPPA category 1, level 2: 150 protect points, tier A.
    await risk.follow('add-registration')
    const registration = await RegistrationFormPage.verifyOnPage(h.page)
    await h.checkAccessibility()
    await registration.addMappa('1', '2')
    risk = await RiskPage.verifyOnPage(h.page)
    const after = await risk.tier(1)
    expect(after).not.toBe(before)
    expect(after).toMatch(/^A/)
    expect(await risk.tierExplanation(1)).toContain('MAPPA level M2')
    expect(await h.page.locator('[data-qa="registration-MAPP"]').textContent()).toContain('Category 1, level 2')
    await h.checkAccessibility()
  })
})

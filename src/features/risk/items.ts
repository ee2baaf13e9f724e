import { PREVIOUS_CONVICTIONS, type PreviousConviction } from '../../domain/risk/index.ts'
import { DRUG_FIELDS, type CurrentRelationshipStatus, type DrugField } from '../../domain/risk/v4/index.ts'
import { NEEDS, type Need, type NeedSeverity } from '../../domain/tier/index.ts'

/**
 * The assessment items: what the predictors (src/domain/risk `RiskInputs`) and the tiers (src/domain/tier) read that
 * the person record does not hold yet. Date of birth and gender are never items: they come from `people`.
 * When convictions and sanctions are recorded elsewhere, their items here should be filled from the record instead.
 *
 * Stored as one JSON object per recording (`risk_assessment_items.items`), dates as ISO strings; absent or null
 * means "not answered", which the page shows as "needs: …" against each predictor that wanted it.
 */
export interface AssessmentItems {
  // Current sentence
  dateOfCurrentConviction?: string | null
  dateAtStartOfFollowup?: string | null
  currentOffenceCode?: string | null
  sentenceType?: SentenceType | null
  supervisionStatus?: 'COMMUNITY' | 'CUSTODY' | null
  latestReleaseDate?: string | null
  // Criminal history
  totalNumberOfSanctionsForAllOffences?: number | null
  totalNumberOfViolentSanctions?: number | null
  dateOfFirstSanction?: string | null
  previousEnforcementActivity?: boolean | null
  // OASys answers (0–2 scores or yes/no)
  isCurrentlyOfNoFixedAbodeOrTransientAccommodation?: boolean | null
  suitabilityOfAccommodation?: number | null
  isUnemployed?: boolean | null
  currentRelationshipWithPartner?: number | null
  /** (6.8) for the v4 predictors */
  currentRelationshipStatus?: CurrentRelationshipStatus | null
  evidenceOfDomesticAbuse?: boolean | null
  domesticAbuseAgainstPartner?: boolean | null
  parentingResponsibilities?: boolean | null
  regularOffendingActivities?: number | null
  currentDrugMisuse?: number | null
  motivationToTackleDrugMisuse?: number | null
  /** (8.x) drugs misused, for the v4 predictors: [] = none, null = not answered (counted as none) */
  drugsMisused?: DrugField[] | null
  currentAlcoholUseProblems?: number | null
  excessiveAlcoholUse?: number | null
  hasCurrentPsychiatricTreatment?: boolean | null
  impulsivityProblems?: number | null
  temperControl?: number | null
  problemSolvingSkills?: number | null
  awarenessOfConsequences?: number | null
  understandsOtherPeoplesViews?: number | null
  proCriminalAttitudes?: number | null
  doesRecogniseImpactOfOffendingOnOthers?: boolean | null
  didOffenceInvolveCarryingOrUsingWeapon?: boolean | null
  previousConvictions?: PreviousConviction[] | null
  // Sexual offending
  hasEverCommittedSexualOffence?: boolean | null
  isCurrentOffenceSexuallyMotivated?: boolean | null
  isCurrentOffenceAgainstVictimStranger?: boolean | null
  totalContactAdultSexualSanctions?: number | null
  totalContactChildSexualSanctions?: number | null
  totalNonContactSexualOffences?: number | null
  totalIndecentImageSanctions?: number | null
  dateOfMostRecentSexualOffence?: string | null
  // Needs (tier v2 change axis)
  needs?: Partial<Record<Need, NeedSeverity>> | null
  // OASys v4 scores copied from an OASys assessment: tier v3 reads them only when Probity cannot calculate v4 itself
  arpPercent?: number | null
  arpType?: 'STATIC' | 'DYNAMIC' | null
  csrpPercent?: number | null
  csrpType?: 'STATIC' | 'DYNAMIC' | null
  dcSrpPercent?: number | null
  dcSrpBand?: 'VERY_HIGH' | 'HIGH' | 'MEDIUM' | 'LOW' | 'NOT_APPLICABLE' | null
}

/** What the sentence gives tier v2's "mandate for change" and tier v3's "active event" (risk-and-tier.md §9). */
export type SentenceType = 'CUSTODY' | 'COMMUNITY_REHABILITATIVE' | 'COMMUNITY_OTHER' | 'NONE'

export type ItemKind = 'date' | 'count' | 'choice' | 'percent' | 'offenceCode' | 'multi'

export interface Choice {
  value: string
  text: string
}

/** One question on the assessment items form. `key` is the form field and the JSON key (needs: `need-<NEED>`). */
export interface ItemField {
  key: string
  label: string
  hint?: string
  kind: ItemKind
  choices?: readonly Choice[]
  /** For choices: how a chosen value is stored (numbers for 0–2 scores, booleans for yes/no). */
  store?: 'number' | 'boolean' | 'string'
  /** Dates: may the date be after the assessment date? */
  futureAllowed?: boolean
  min?: number
}

export interface ItemSection {
  id: string
  title: string
  fields: ItemField[]
}

const yesNo: Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
]
const problems: Choice[] = [
  { value: '0', text: '0 – no problems' },
  { value: '1', text: '1 – some problems' },
  { value: '2', text: '2 – significant problems' },
]
const motivation: Choice[] = [
  { value: '0', text: '0 – full motivation' },
  { value: '1', text: '1 – partial motivation' },
  { value: '2', text: '2 – no motivation' },
]
const awareness: Choice[] = [
  { value: '0', text: '0 – yes' },
  { value: '1', text: '1 – sometimes' },
  { value: '2', text: '2 – no' },
]
const yn = (key: string, label: string, hint?: string): ItemField => ({
  key,
  label,
  hint,
  kind: 'choice',
  choices: yesNo,
  store: 'boolean',
})
const score = (key: string, label: string, choices: Choice[] = problems): ItemField => ({
  key,
  label,
  kind: 'choice',
  choices,
  store: 'number',
})
const count = (key: string, label: string, hint?: string, min = 0): ItemField => ({
  key,
  label,
  hint,
  kind: 'count',
  min,
})

export const NEED_LABELS: Record<Need, string> = {
  ACCOMMODATION: 'Accommodation',
  EDUCATION_TRAINING_AND_EMPLOYABILITY: 'Education, training and employability',
  RELATIONSHIPS: 'Relationships',
  LIFESTYLE_AND_ASSOCIATES: 'Lifestyle and associates',
  DRUG_MISUSE: 'Drug misuse',
  ALCOHOL_MISUSE: 'Alcohol misuse',
  THINKING_AND_BEHAVIOUR: 'Thinking and behaviour',
  ATTITUDES: 'Attitudes',
  FINANCIAL_MANAGEMENT_AND_INCOME: 'Financial management and income',
  EMOTIONAL_WELL_BEING: 'Emotional well-being',
}

export const PREVIOUS_CONVICTION_LABELS: Record<PreviousConviction, string> = {
  HOMICIDE: 'Murder or manslaughter',
  WOUNDING_GBH: 'Wounding or grievous bodily harm',
  KIDNAPPING: 'Kidnapping or false imprisonment',
  FIREARMS: 'Firearm possession or use',
  ROBBERY: 'Robbery',
  AGGRAVATED_BURGLARY: 'Aggravated burglary',
  WEAPON: 'Possession of an offensive weapon',
  CRIMINAL_DAMAGE_ENDANGERING_LIFE: 'Criminal damage endangering life',
  ARSON: 'Arson',
}

export const DRUG_LABELS: Record<DrugField, string> = {
  hasHeroinUsage: 'Heroin',
  hasMethadoneUsage: 'Methadone (not prescribed)',
  hasOtherOpiateUsage: 'Other opiates',
  hasCrackCocaineUsage: 'Crack cocaine',
  hasPowderCocaineUsage: 'Powder cocaine',
  hasMisusedPrescriptionDrugUsage: 'Misused prescribed drugs',
  hasBenzodiazepinesUsage: 'Benzodiazepines',
  hasCannabisUsage: 'Cannabis',
  hasSteroidsUsage: 'Steroids',
  hasOtherDrugsUsage: 'Other drugs',
  hasKetamineUsage: 'Ketamine',
  hasSpiceUsage: 'Spice',
  hasHallucinogensUsage: 'Hallucinogens',
  hasSolventsUsage: 'Solvents',
  hasAmphetaminesUsage: 'Amphetamines',
  hasEcstasyUsage: 'Ecstasy',
}

export const SENTENCE_TYPES: readonly Choice[] = [
  { value: 'CUSTODY', text: 'Custody or licence' },
  { value: 'COMMUNITY_REHABILITATIVE', text: 'Community or suspended sentence with a rehabilitative requirement' },
  {
    value: 'COMMUNITY_OTHER',
    text: 'Community or suspended sentence with only unpaid work or restrictive requirements',
  },
  { value: 'NONE', text: 'No current sentence (not under supervision)' },
]

/** The form, in the order OASys asks; question numbers in brackets are OASys's. */
export const ITEM_SECTIONS: readonly ItemSection[] = [
  {
    id: 'sentence',
    title: 'Current sentence',
    fields: [
      { key: 'sentenceType', label: 'Current sentence', kind: 'choice', choices: SENTENCE_TYPES, store: 'string' },
      { key: 'dateOfCurrentConviction', label: 'Date of current conviction', kind: 'date' },
      {
        key: 'dateAtStartOfFollowup',
        label: 'Start of community sentence or release date',
        hint: 'The date supervision in the community starts. For custody, the release date; it may be in the future.',
        kind: 'date',
        futureAllowed: true,
      },
      {
        key: 'currentOffenceCode',
        label: 'Home Office offence code of the main current offence',
        hint: '5 digits, for example 02700',
        kind: 'offenceCode',
      },
      {
        key: 'supervisionStatus',
        label: 'Where is the person now?',
        kind: 'choice',
        store: 'string',
        choices: [
          { value: 'COMMUNITY', text: 'In the community' },
          { value: 'CUSTODY', text: 'In custody' },
        ],
      },
      {
        key: 'latestReleaseDate',
        label: 'Latest release from custody (if any)',
        hint: 'Used for lifer and IPP cases',
        kind: 'date',
      },
    ],
  },
  {
    id: 'history',
    title: 'Criminal history',
    fields: [
      count(
        'totalNumberOfSanctionsForAllOffences',
        'Total sanctions, including the current one',
        'Convictions and cautions',
        1,
      ),
      count('totalNumberOfViolentSanctions', 'Of those, violent sanctions'),
      { key: 'dateOfFirstSanction', label: 'Date of first sanction', kind: 'date' },
      yn('previousEnforcementActivity', 'Previous breach or recall?'),
      {
        key: 'previousConvictions',
        label: 'Past offences (R1.2): select all that apply',
        kind: 'multi',
        choices: [
          ...PREVIOUS_CONVICTIONS.map(p => ({ value: p, text: PREVIOUS_CONVICTION_LABELS[p] })),
          { value: 'NONE', text: 'None of these' },
        ],
      },
    ],
  },
  {
    id: 'oasys',
    title: 'OASys answers',
    fields: [
      yn('isCurrentlyOfNoFixedAbodeOrTransientAccommodation', 'No fixed abode or transient accommodation'),
      score('suitabilityOfAccommodation', 'Suitability of accommodation (3.4)'),
      yn('isUnemployed', 'Unemployed (4.2)'),
      score('currentRelationshipWithPartner', 'Current relationship with partner (6.4)'),
      {
        key: 'currentRelationshipStatus',
        label: 'Current relationship status (6.8)',
        kind: 'choice',
        store: 'string',
        choices: [
          { value: 'IN_RELATIONSHIP_LIVING_TOGETHER', text: 'In a relationship, living together' },
          { value: 'IN_RELATIONSHIP_NOT_LIVING_TOGETHER', text: 'In a relationship, not living together' },
          { value: 'NOT_IN_RELATIONSHIP', text: 'Not in a relationship' },
        ],
      },
      yn('evidenceOfDomesticAbuse', 'Evidence of domestic abuse (6.7)'),
      yn('domesticAbuseAgainstPartner', 'Domestic abuse against a partner (6.7)'),
      yn('parentingResponsibilities', 'Parenting responsibilities (6.9)'),
      score('regularOffendingActivities', 'Regular activities encourage offending (7.2)'),
      score('currentDrugMisuse', 'Current drug misuse'),
      score('motivationToTackleDrugMisuse', 'Motivation to tackle drug misuse (8.8)', motivation),
      {
        key: 'drugsMisused',
        label: 'Drugs misused (8.x): select all that apply',
        kind: 'multi',
        choices: [
          ...DRUG_FIELDS.map(d => ({ value: d, text: DRUG_LABELS[d] })),
          { value: 'NONE', text: 'None of these' },
        ],
      },
      score('currentAlcoholUseProblems', 'Current alcohol use (9.1)'),
      score('excessiveAlcoholUse', 'Binge drinking or excessive alcohol use (9.2)'),
      yn('hasCurrentPsychiatricTreatment', 'Current psychiatric treatment'),
      score('impulsivityProblems', 'Impulsivity (11.2)'),
      score('temperControl', 'Temper control (11.4)'),
      score('problemSolvingSkills', 'Problem-solving skills'),
      score('awarenessOfConsequences', 'Aware of consequences', awareness),
      score('understandsOtherPeoplesViews', "Understands other people's views"),
      score('proCriminalAttitudes', 'Pro-criminal attitudes (12.1)'),
      yn('doesRecogniseImpactOfOffendingOnOthers', 'Recognises the impact of offending on others'),
      yn('didOffenceInvolveCarryingOrUsingWeapon', 'Current offence involved carrying or using a weapon (2.2)'),
    ],
  },
  {
    id: 'sexual',
    title: 'Sexual offending',
    fields: [
      yn('hasEverCommittedSexualOffence', 'Ever committed a sexual or sexually motivated offence?'),
      yn('isCurrentOffenceSexuallyMotivated', 'Current offence sexually motivated?'),
      yn('isCurrentOffenceAgainstVictimStranger', 'Current sexual offence against a stranger?'),
      count('totalContactAdultSexualSanctions', 'Contact sexual sanctions against adults'),
      count('totalContactChildSexualSanctions', 'Contact sexual sanctions against children'),
      count('totalNonContactSexualOffences', 'Non-contact sexual sanctions (not indecent images)'),
      count('totalIndecentImageSanctions', 'Indecent image sanctions'),
      { key: 'dateOfMostRecentSexualOffence', label: 'Date of most recent sexual offence', kind: 'date' },
    ],
  },
  {
    id: 'needs',
    title: 'Needs (from the OASys assessment)',
    fields: NEEDS.map(need => ({
      key: `need-${need}`,
      label: NEED_LABELS[need],
      kind: 'choice' as const,
      store: 'string' as const,
      choices: [
        { value: 'NO_NEED', text: 'No need' },
        { value: 'STANDARD', text: 'Standard need' },
        { value: 'SEVERE', text: 'Severe need' },
      ],
    })),
  },
  {
    id: 'v4',
    title: 'OASys version 4 scores copied from OASys (optional: used only when Probity cannot calculate them)',
    fields: [
      {
        key: 'arpPercent',
        label: 'All reoffending predictor (ARP), 2-year %',
        kind: 'percent',
        hint: 'Probity calculates ARP and CSRP from the answers above; copy them from OASys only if it cannot.',
      },
      {
        key: 'arpType',
        label: 'ARP type',
        kind: 'choice',
        store: 'string',
        choices: [
          { value: 'STATIC', text: 'Static' },
          { value: 'DYNAMIC', text: 'Dynamic' },
        ],
      },
      { key: 'csrpPercent', label: 'Combined serious reoffending predictor (CSRP), %', kind: 'percent' },
      {
        key: 'csrpType',
        label: 'CSRP type',
        kind: 'choice',
        store: 'string',
        choices: [
          { value: 'STATIC', text: 'Static' },
          { value: 'DYNAMIC', text: 'Dynamic' },
        ],
      },
      { key: 'dcSrpPercent', label: 'Direct contact sexual reoffending predictor (DC-SRP), %', kind: 'percent' },
      {
        key: 'dcSrpBand',
        label: 'DC-SRP band',
        kind: 'choice',
        store: 'string',
        choices: [
          { value: 'LOW', text: 'Low' },
          { value: 'MEDIUM', text: 'Medium' },
          { value: 'HIGH', text: 'High' },
          { value: 'VERY_HIGH', text: 'Very high' },
          { value: 'NOT_APPLICABLE', text: 'Not applicable' },
        ],
      },
    ],
  },
]

export const ALL_ITEM_FIELDS: readonly ItemField[] = ITEM_SECTIONS.flatMap(s => s.fields)

/** Plain-English names of every input a predictor or tier may say it needs (RiskInputs keys and our own). */
export const INPUT_LABELS: Record<string, string> = {
  ...Object.fromEntries(ALL_ITEM_FIELDS.map(f => [f.key, f.label])),
  dateOfBirth: 'date of birth (personal details)',
  gender: 'gender recorded as male or female (personal details)',
  assessmentDate: 'assessment date',
  ageAtFirstSanction: 'date of first sanction',
  sentenceType: 'current sentence',
  arp: 'ARP score (OASys version 4)',
  csrp: 'CSRP score (OASys version 4)',
}

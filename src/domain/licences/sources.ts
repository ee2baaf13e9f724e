/**
 * Where each licence rule comes from. Paths are relative to `shared/domain/` (the research notes); "NOT VERIFIED"
 * marks a value no stored source confirmed: it is a named constant so it can be changed in one place.
 */
export const LICENCE_SOURCES = {
  standardConditions:
    'rules-and-outcomes.md §3.2 "Licence conditions" (standard conditions per PSI 12/2015); wording as published in ' +
    'the Create and vary a licence policy v1.0 (ministryofjustice/create-and-vary-a-licence server/config/conditions.ts)',
  additionalCategories:
    'reference-systems.md §2.6 (CVL licence-condition categories, policy fixture v4-0) and §6 row 45 ' +
    '(create/vary a licence with structured conditions, curfews, exclusion zones, approvals)',
  justification: 'Issue 14 "Bad input" and §6 row 45: every additional and bespoke condition carries its justification',
  curfewLimit:
    'NOT VERIFIED: no stored source gives a licence curfew limit; Probity uses 16 hours a day, the limit of a ' +
    'community-order curfew before PCSC 2022 (CJA 2003 s.204(2)), as a named constant',
  exclusionZone: 'reference-systems.md §6 row 12 (CVL: exclusion-zone map upload) and §2.6 "freedom of movement"',
  licencePeriod:
    'Issue 14 item 3 and release-dates.md (key dates): the licence runs from release (CRD or ARD) to SLED or LED',
  variation: 'reference-systems.md §6 row 12 (CVL: COM varies the licence, a manager approves the variation)',
} as const

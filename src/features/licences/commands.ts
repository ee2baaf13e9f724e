/** Typed commands of the licences feature: what the pages' forms and the API send. */

/** One additional (or bespoke) condition as sent: its type code, its fields, and its justification. */
export interface AdditionalConditionInput {
  type: string
  fields: Record<string, string>
  justification: string
}

/** A draft licence or variation: the standard conditions included, the additional ones, and a variation's reason. */
export interface LicenceDraftInput {
  standard: string[]
  additional: AdditionalConditionInput[]
  /** Required once a licence has been approved: why its conditions are to change. */
  variationReason: string | null
}

/** A senior returning a submitted licence to its author. */
export interface ReturnInput {
  reason: string
}

/**
 * What the sentencing use cases take: typed commands, shaped by a page's form (forms.ts) or the JSON API (api.ts).
 * Every value is still checked by the use case, which names the field at fault.
 */

export interface OffenceInput {
  code: string
  date?: string | null
  count?: number | null
  description?: string | null
}

export interface NewEventInput {
  courtCode?: string | null
  convictionDate?: string | null
  mainOffence?: OffenceInput | null
  otherOffences?: OffenceInput[]
  notes?: string | null
}

export interface LengthInput {
  value: number
  unit: string
}

export interface RequirementFormInput {
  type: string
  length: number
  startDate?: string | null
  hoursPerDay?: number | null
  daysPerWeek?: number | null
  notes?: string | null
}

export interface NewSentenceInput {
  /** An existing event awaiting sentence; or give `event` to record the conviction with the sentence. */
  eventNumber?: number | null
  event?: NewEventInput | null
  type: string
  sentenceDate?: string | null
  /** Community order: its length; suspended sentence order: the suspended term; custodial: the sentence. */
  length?: LengthInput | null
  operationalPeriod?: LengthInput | null
  supervisionPeriod?: LengthInput | null
  requirements?: RequirementFormInput[]
  custodialType?: string | null
  consecutiveToEventNumber?: number | null
  remandDays?: number | null
  taggedBailDays?: number | null
}

export interface TerminationInput {
  date?: string | null
  reason?: string | null
  version?: number | null
}

export interface CustodialAmendment {
  version: number
  length?: LengthInput | null
  remandDays?: number | null
  taggedBailDays?: number | null
  custodialType?: string | null
}

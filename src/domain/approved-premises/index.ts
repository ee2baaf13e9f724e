/**
 * Approved premises: nights of a booking and an out-of-service period, bed characteristics and whether a bed meets
 * a placement's essential ones, whether a bed may be booked (or taken out of service) for some dates, and a premises'
 * occupancy night by night. Pure: no I/O, no clock. See README.md for the rules and their sources.
 */
export { bookedOn, outOfServiceOn, staysOverlap, stayMeetsOutOfService } from './nights.ts'
export type { BookedNights, OutOfServiceNights } from './nights.ts'
export { BED_CHARACTERISTICS, bedCharacteristics, isBedCharacteristic, meetsEssential } from './characteristics.ts'
export type { BedCharacteristic, BedFeatures } from './characteristics.ts'
export { bookingProblems, outOfServiceProblem, premisesGenderProblem } from './booking-rules.ts'
export type { BedBooking, BedOutOfService, BookingField, BookingProblem } from './booking-rules.ts'
export { nightlyTotals, nightsFrom, occupancy } from './occupancy.ts'
export type { BedNight, NightStatus, PlanBooking, PlanOutOfService } from './occupancy.ts'
export {
  APPLICATION_STATUS_TEXT,
  applicationMove,
  isPremisesNeed,
  offenceNotes,
  PREMISES_NEEDS,
  splitEssential,
} from './applications.ts'
export type {
  ApplicationDecision,
  ApplicationStatus,
  EssentialCharacteristic,
  PremisesFeatures,
  PremisesNeed,
} from './applications.ts'
export { matchBeds } from './matching.ts'
export type { MatchBed, MatchNeed, MatchPremises } from './matching.ts'
export {
  arrivalProblem,
  bookingChangeProblem,
  curfewBreach,
  curfewFor,
  departureFrees,
  departureProblem,
  duringStayProblem,
  nonArrivalProblem,
  withinCurfew,
} from './stays.ts'
export type { BookedStay, CheckKind, Curfew, LicenceConditionsLike } from './stays.ts'

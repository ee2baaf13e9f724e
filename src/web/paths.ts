/**
 * Every page's path, in one place: routes register these patterns' pages and templates and presenters link with
 * the same functions, so a link cannot drift from its route and one feature can link to another's page without
 * importing that feature.
 */

export const sentencingPaths = {
  record: (c: string) => `/people/${c}/sentences`,
  newEvent: (c: string) => `/people/${c}/events/new`,
  events: (c: string) => `/people/${c}/events`,
  newSentence: (c: string) => `/people/${c}/sentences/new`,
  sentences: (c: string) => `/people/${c}/sentences`,
  terminate: (c: string, id: number) => `/people/${c}/sentences/${id}/terminate`,
  amend: (c: string, id: number) => `/people/${c}/sentences/${id}/amend`,
  terminateRequirement: (c: string, id: number) => `/people/${c}/requirements/${id}/terminate`,
  release: (c: string) => `/people/${c}/release`,
}

export const riskPaths = {
  page: (crn: string) => `/people/${crn}/risk`,
  rosh: (crn: string) => `/people/${crn}/risk/rosh`,
  registrations: (crn: string) => `/people/${crn}/risk/registrations`,
  newRegistration: (crn: string) => `/people/${crn}/risk/registrations/new`,
  deregister: (crn: string, id: number) => `/people/${crn}/risk/registrations/${id}/deregister`,
  items: (crn: string) => `/people/${crn}/risk/assessment-items`,
}

export const supervisionPaths = {
  appointments: (crn: string) => `/people/${crn}/appointments`,
  arrange: (crn: string) => `/people/${crn}/appointments/new`,
  appointment: (crn: string, id: number) => `/people/${crn}/appointments/${id}`,
  outcome: (crn: string, id: number) => `/people/${crn}/appointments/${id}/outcome`,
  reschedule: (crn: string, id: number) => `/people/${crn}/appointments/${id}/reschedule`,
  activity: (crn: string) => `/people/${crn}/activity`,
  newContact: (crn: string) => `/people/${crn}/activity/new`,
  enforcement: (crn: string) => `/people/${crn}/enforcement`,
  document: (crn: string, id: number) => `/people/${crn}/documents/${id}`,
}

export const caseloadPaths = { caseload: '/caseload', myDay: '/my-day', team: '/team' }

export const allocationPaths = {
  queue: '/allocations',
  case: (crn: string) => `/allocations/${crn}`,
  resolve: (crn: string) => `/allocations/${crn}/resolve-risk`,
  transfer: (crn: string) => `/allocations/${crn}/transfer`,
  history: (crn: string) => `/people/${crn}/allocations`,
  caseload: '/caseload',
  /** Booking belongs to appointments (supervision); allocation proposes the date. */
  bookInduction: (crn: string, date: string) => `/people/${crn}/appointments/new?type=induction&date=${date}`,
}

export const courtPaths = {
  list: (court?: string, date?: string) =>
    `/court-lists${court ? `?court=${encodeURIComponent(court)}${date ? `&date=${date}` : ''}` : ''}`,
  newHearing: (court?: string, date?: string) =>
    `/court-lists/hearings/new${court ? `?court=${encodeURIComponent(court)}${date ? `&date=${date}` : ''}` : ''}`,
  match: (hearingId: number) => `/court-lists/hearings/${hearingId}/match`,
  newPerson: (hearingId: number) => `/court-lists/hearings/${hearingId}/new-person`,
  outcome: (hearingId: number) => `/court-lists/hearings/${hearingId}/outcome`,
  person: (crn: string) => `/people/${crn}/court`,
  newReport: (crn: string, hearingId?: number) =>
    `/people/${crn}/court/reports/new${hearingId ? `?hearing=${hearingId}` : ''}`,
  reports: (crn: string) => `/people/${crn}/court/reports`,
  report: (crn: string, id: number) => `/people/${crn}/court/reports/${id}`,
  complete: (crn: string, id: number) => `/people/${crn}/court/reports/${id}/complete`,
  cancel: (crn: string, id: number) => `/people/${crn}/court/reports/${id}/cancel`,
  pdf: (crn: string, id: number) => `/people/${crn}/court/reports/${id}/pdf`,
  team: (team?: string) => `/court/reports${team ? `?team=${encodeURIComponent(team)}` : ''}`,
}

/** Administration (registered under /admin). A change lands back on its page with `?done=<key>` for its banner. */
export const adminPaths = {
  organisations: '/admin/organisations',
  staff: '/admin/staff',
  users: '/admin/users',
  user: (id: number) => `/admin/users/${id}`,
  manager: (crn: string) => `/admin/people/${crn}/manager`,
  access: (crn: string) => `/admin/people/${crn}/access`,
  apiTokens: '/admin/api-tokens',
}

/** Need-to-know sharing (src/features/sharing): asking for access, decisions, and who may see a record. */
export const sharingPaths = {
  ask: (crn: string) => `/sharing/requests/new?crn=${encodeURIComponent(crn)}`,
  requests: '/sharing/requests',
  urgentForm: (crn: string) => `/sharing/urgent/new?crn=${encodeURIComponent(crn)}`,
  urgent: '/sharing/urgent',
  mine: '/sharing/mine',
  decisions: '/sharing/decisions',
  access: (crn: string) => `/people/${crn}/access`,
  request: (crn: string, id: number) => `/people/${crn}/access/requests/${id}`,
  withdraw: (crn: string, id: number) => `/people/${crn}/access/grants/${id}/withdraw`,
  acknowledge: (crn: string, id: number) => `/people/${crn}/access/grants/${id}/acknowledge`,
}

/** MAPPA management (src/features/mappa): the person's MAPPA page and the delivery unit's nominal list. */
export const mappaPaths = {
  page: (crn: string) => `/people/${crn}/mappa`,
  nominalList: '/mappa',
  overdue: '/mappa?overdue=yes',
}

/** The Victim Contact Scheme (src/features/victims): every victim page is under /victims, never /people/:crn. */
export const victimsPaths = {
  workList: '/victims',
  newReferral: (crn?: string) => `/victims/referrals/new${crn ? `?crn=${encodeURIComponent(crn)}` : ''}`,
  referrals: '/victims/referrals',
  victim: (id: number) => `/victims/${id}`,
  details: (id: number) => `/victims/${id}/details`,
  decisions: (id: number) => `/victims/${id}/decisions`,
  officer: (id: number) => `/victims/${id}/officer`,
  contacts: (id: number) => `/victims/${id}/contacts`,
  // Tasks, letters, condition requests and shared notes (the victims events helper's part).
  task: (id: number, taskId: number) => `/victims/${id}/tasks/${taskId}`,
  letters: (id: number) => `/victims/${id}/letters`,
  letter: (id: number, letterId: number) => `/victims/${id}/letters/${letterId}`,
  conditions: (id: number) => `/victims/${id}/conditions`,
  withdrawCondition: (id: number, requestId: number) => `/victims/${id}/conditions/${requestId}/withdraw`,
  share: (id: number) => `/victims/${id}/share`,
}

export const approvedPremisesPaths = {
  list: '/approved-premises',
  premises: (id: number) => `/approved-premises/${id}`,
  bedPlan: (id: number, from?: string) => `/approved-premises/${id}/bed-plan${from ? `?from=${from}` : ''}`,
  newOutOfService: (id: number, bedId: number) => `/approved-premises/${id}/beds/${bedId}/out-of-service/new`,
  outOfService: (id: number, bedId: number) => `/approved-premises/${id}/beds/${bedId}/out-of-service`,
  endOutOfService: (id: number, outOfServiceId: number) =>
    `/approved-premises/${id}/out-of-service/${outOfServiceId}/end`,
  newBooking: (id: number, bedId?: number) => `/approved-premises/${id}/bookings/new${bedId ? `?bed=${bedId}` : ''}`,
  bookings: (id: number) => `/approved-premises/${id}/bookings`,
  booking: (id: number, bookingId: number) => `/approved-premises/${id}/bookings/${bookingId}`,
  changeBooking: (id: number, bookingId: number) => `/approved-premises/${id}/bookings/${bookingId}/change`,
  cancelBooking: (id: number, bookingId: number) => `/approved-premises/${id}/bookings/${bookingId}/cancel`,
  /** The booked person's record. */
  person: (crn: string) => `/people/${crn}`,
  // Applications, assessment and matching (issue 16 item 2).
  applications: '/approved-premises/applications',
  application: (id: number) => `/approved-premises/applications/${id}`,
  decision: (id: number) => `/approved-premises/applications/${id}/decision`,
  answer: (id: number) => `/approved-premises/applications/${id}/answer`,
  withdraw: (id: number) => `/approved-premises/applications/${id}/withdraw`,
  match: (id: number) => `/approved-premises/applications/${id}/match`,
  personApplications: (crn: string) => `/people/${crn}/approved-premises/applications`,
  // Arrival, stay and departure (issue 16 item 4).
  stay: (id: number, bookingId: number) => `/approved-premises/${id}/residents/${bookingId}`,
  stayAction: (id: number, bookingId: number, what: string) => `/approved-premises/${id}/bookings/${bookingId}/${what}`,
}

/** Unpaid work's staff pages (issue 17). */
export const unpaidWorkPaths = {
  home: '/unpaid-work',
  projects: '/unpaid-work/projects',
  newProject: (nominationId?: number) =>
    `/unpaid-work/projects/new${nominationId ? `?nomination=${nominationId}` : ''}`,
  project: (id: number) => `/unpaid-work/projects/${id}`,
  changeProject: (id: number) => `/unpaid-work/projects/${id}/change`,
  completeProject: (id: number) => `/unpaid-work/projects/${id}/complete`,
  projectPhotos: (id: number) => `/unpaid-work/projects/${id}/photos`,
  newSession: (projectId: number) => `/unpaid-work/projects/${projectId}/sessions/new`,
  session: (id: number) => `/unpaid-work/sessions/${id}`,
  allocate: (id: number) => `/unpaid-work/sessions/${id}/allocate`,
  standDown: (id: number) => `/unpaid-work/sessions/${id}/stand-down`,
  record: (sessionId: number, allocationId: number) => `/unpaid-work/sessions/${sessionId}/register/${allocationId}`,
  person: (crn: string) => `/people/${crn}/unpaid-work`,
  commitments: (crn: string) => `/people/${crn}/unpaid-work/commitments`,
  ordersAtRisk: '/unpaid-work/orders-at-risk',
  nominations: '/unpaid-work/nominations',
  nomination: (id: number) => `/unpaid-work/nominations/${id}`,
  photos: '/unpaid-work/photos',
  areas: '/unpaid-work/areas',
}

/** The public Community Payback face (issue 17 items 6–9): no sign-in, never a staff route. */
export const communityPaybackPaths = {
  home: '/community-payback',
  nominate: '/community-payback/nominate',
  confirmation: (reference: string) => `/community-payback/nominate/${reference}`,
  status: '/community-payback/status',
  map: '/community-payback/map',
  projects: '/community-payback/projects',
  project: (id: number) => `/community-payback/projects/${id}`,
  photo: (id: number) => `/community-payback/photos/${id}`,
  csv: '/community-payback/projects.csv',
  geojson: '/community-payback/projects.geojson',
}

/** Partner services (issue 18): the directory, monitoring, and a case's referrals, for probation staff. */
export const partnerServicesPaths = {
  directory: '/partner-services',
  organisations: '/partner-services/organisations',
  newOrganisation: '/partner-services/organisations/new',
  organisation: (id: number) => `/partner-services/organisations/${id}`,
  changeOrganisation: (id: number) => `/partner-services/organisations/${id}/change`,
  newService: (organisationId: number) => `/partner-services/organisations/${organisationId}/services/new`,
  service: (id: number) => `/partner-services/services/${id}`,
  changeService: (id: number) => `/partner-services/services/${id}/change`,
  serviceAccepting: (id: number) => `/partner-services/services/${id}/accepting`,
  /** Refer someone to the service: a CRN typed on the service page, redirected to the new referral form. */
  referToService: (id: number) => `/partner-services/services/${id}/refer`,
  monitoring: '/partner-services/monitoring',
  monitoringCsv: '/partner-services/monitoring.csv',
  referrals: (crn: string) => `/people/${crn}/referrals`,
  newReferral: (crn: string, serviceId?: number) =>
    `/people/${crn}/referrals/new${serviceId ? `?service=${serviceId}` : ''}`,
  referral: (crn: string, id: number) => `/people/${crn}/referrals/${id}`,
  approvePlan: (crn: string, id: number, planId: number) =>
    `/people/${crn}/referrals/${id}/action-plans/${planId}/approve`,
  withdrawReferral: (crn: string, id: number) => `/people/${crn}/referrals/${id}/withdraw`,
  acknowledgeIncident: (crn: string, id: number, incidentId: number) =>
    `/people/${crn}/referrals/${id}/incidents/${incidentId}/acknowledge`,
}

/**
 * The partner portal (issue 18 items 3–4): a partner organisation's staff see only the referrals sent to their
 * organisation and what was shared with them. Nothing here names a CRN: a referral is known by its reference.
 */
export const partnerPortalPaths = {
  home: '/partner',
  referral: (reference: string) => `/partner/referrals/${reference}`,
  accept: (reference: string) => `/partner/referrals/${reference}/accept`,
  decline: (reference: string) => `/partner/referrals/${reference}/decline`,
  caseworker: (reference: string) => `/partner/referrals/${reference}/caseworker`,
  actionPlan: (reference: string) => `/partner/referrals/${reference}/action-plan`,
  newSession: (reference: string) => `/partner/referrals/${reference}/sessions/new`,
  session: (reference: string, sessionNumber: number) => `/partner/referrals/${reference}/sessions/${sessionNumber}`,
  endOfServiceReport: (reference: string) => `/partner/referrals/${reference}/end-of-service-report`,
  newIncident: (reference: string) => `/partner/referrals/${reference}/incidents/new`,
}

/**
 * Contracts and payment by results (issue 19), for contract managers: contracts with their terms and supply chain,
 * convictions imported from police national computer extracts, and a statement per contract and quarter. A quarter
 * is written `2026-Q1` (January to March).
 */
export const contractsPaths = {
  contracts: '/contracts',
  newContract: '/contracts/new',
  contract: (id: number) => `/contracts/${id}`,
  /** Change (append) the contract's fee-for-service or payment-by-results terms. */
  changeTerms: (id: number, kind: 'fee-for-service' | 'payment-by-results') => `/contracts/${id}/terms/${kind}`,
  newSubcontractor: (id: number) => `/contracts/${id}/subcontractors/new`,
  subcontractorTerms: (id: number, subcontractorId: number) =>
    `/contracts/${id}/subcontractors/${subcontractorId}/terms`,
  statement: (id: number, quarter: string) => `/contracts/${id}/statements/${quarter}`,
  statementCsv: (id: number, quarter: string) => `/contracts/${id}/statements/${quarter}.csv`,
  statementPdf: (id: number, quarter: string) => `/contracts/${id}/statements/${quarter}.pdf`,
  /** The people in the quarter's cohort and each counted reoffence, traceable to the record. */
  cohort: (id: number, quarter: string) => `/contracts/${id}/statements/${quarter}/cohort`,
  convictions: '/contracts/convictions',
  convictionsImport: (id: number) => `/contracts/convictions/imports/${id}`,
}

/** The open outcomes dashboard on the public face (issue 19 item 4): no sign-in, nothing below team level. */
export const outcomesPaths = {
  dashboard: '/outcomes',
  csv: '/outcomes.csv',
}

/**
 * Team performance (issue 19 item 5): service levels per team, delivery unit and provider with the cases behind each
 * miss, and workload with reductions and capacity. Nothing here ranks individual practitioners.
 */
export const performancePaths = {
  home: '/performance',
  serviceLevel: (code: string) => `/performance/service-levels/${code}`,
  workload: '/performance/workload',
  workloadSettings: '/performance/workload/settings',
  reductions: (staffCode: string) => `/performance/workload/staff/${staffCode}/reductions`,
}

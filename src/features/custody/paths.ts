/** Custody's pages (linked from the person's sub-navigation and the case summary by the same patterns). */
export const custodyPaths = {
  page: (crn: string) => `/people/${crn}/custody`,
  newRecord: (crn: string) => `/people/${crn}/custody/new`,
  records: (crn: string) => `/people/${crn}/custody`,
  move: (crn: string, id: number) => `/people/${crn}/custody/${id}/move`,
  moves: (crn: string, id: number) => `/people/${crn}/custody/${id}/moves`,
  managers: (crn: string, id: number) => `/people/${crn}/custody/${id}/managers`,
  parole: (crn: string, id: number) => `/people/${crn}/custody/${id}/parole`,
  paroleHearings: (crn: string, id: number) => `/people/${crn}/custody/${id}/parole-hearings`,
  release: (crn: string) => `/people/${crn}/release`,
}

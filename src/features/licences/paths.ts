/** Every page of the licences feature. */
export const licencePaths = {
  page: (crn: string) => `/people/${crn}/licence`,
  conditions: (crn: string) => `/people/${crn}/licence/conditions`,
  submit: (crn: string, id: number) => `/people/${crn}/licence/versions/${id}/submit`,
  approve: (crn: string, id: number) => `/people/${crn}/licence/versions/${id}/approve`,
  returnToAuthor: (crn: string, id: number) => `/people/${crn}/licence/versions/${id}/return`,
  pdf: (crn: string, id: number) => `/people/${crn}/licence/versions/${id}/pdf`,
}

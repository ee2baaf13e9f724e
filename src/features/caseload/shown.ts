/**
 * The ids of the people a list shows (matched by CRN to the rows it was made from), for the audit row's
 * `shownPersonIds`: each one's "who has looked" page then lists the appearance (issue 12, finding 14).
 */
export function idsOf(all: readonly { id: number; crn: string }[], shown: readonly { crn: string }[]): number[] {
  const idOfCrn = new Map(all.map(r => [r.crn, r.id]))
  return shown.flatMap(r => idOfCrn.get(r.crn) ?? [])
}

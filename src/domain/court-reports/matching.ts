import { normaliseName } from '../names/normalise.ts'

/**
 * Why a record is offered as a match for a defendant on a court list. The candidates themselves come from the
 * people search (exact PNC; name and date of birth, typos and sound-alikes forgiven); this explains each one
 * to the court officer in words, so a match is confirmed for a reason, never on a hunch.
 *
 * Source: Prepare a case for sentence (PAC) defendant matching, shared/domain/reference-systems.md §1 row 4 and §6
 * item 14 ("match defendants to records").
 */

export interface ListedDefendant {
  forename: string
  surname: string
  /** `YYYY-MM-DD`, when the list gives one */
  dateOfBirth: string | null
  /** canonical `YYYY/NNNNNNNA`, when the list gives one */
  pnc: string | null
}

export interface CandidateRecord {
  forename: string
  surname: string
  dateOfBirth: string | null
  pnc: string | null
  /** the alias the search matched on, e.g. "Jonny Smith-Lee" */
  matchedAlias?: string | null
}

export interface MatchReason {
  kind: 'pnc' | 'different-pnc' | 'date-of-birth' | 'different-date-of-birth' | 'name' | 'similar-name' | 'alias'
  text: string
  /** Reasons that count against the match (a different PNC or date of birth). */
  against: boolean
}

/** Levenshtein distance, for "how alike are these two names". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]
}

/**
 * The reasons a candidate matches (and any that count against it), strongest first.
 *
 * @example
 * matchReasons(
 *   { forename: 'John', surname: 'Smyth', dateOfBirth: '1980-01-02', pnc: null },
 *   { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2001/0000123Z' },
 * ).map(r => r.text) // ['same date of birth', 'similar name: Smyth ~ Smith']
 */
export function matchReasons(listed: ListedDefendant, candidate: CandidateRecord): MatchReason[] {
  const reasons: MatchReason[] = []
  if (listed.pnc && candidate.pnc) {
    if (listed.pnc === candidate.pnc) reasons.push({ kind: 'pnc', text: 'same PNC', against: false })
    else reasons.push({ kind: 'different-pnc', text: `different PNC: ${listed.pnc} ≠ ${candidate.pnc}`, against: true })
  }
  if (listed.dateOfBirth && candidate.dateOfBirth) {
    if (listed.dateOfBirth === candidate.dateOfBirth)
      reasons.push({ kind: 'date-of-birth', text: 'same date of birth', against: false })
    else reasons.push({ kind: 'different-date-of-birth', text: 'different date of birth', against: true })
  }
  const listedName = normaliseName(`${listed.forename} ${listed.surname}`)
  const recordName = normaliseName(`${candidate.forename} ${candidate.surname}`)
  if (listedName === recordName) {
    reasons.push({ kind: 'name', text: 'same name', against: false })
  } else if (candidate.matchedAlias && normaliseName(candidate.matchedAlias) === listedName) {
    reasons.push({ kind: 'alias', text: `same name as an alias: ${candidate.matchedAlias}`, against: false })
  } else {
    const ls = normaliseName(listed.surname)
    const rs = normaliseName(candidate.surname)
    const lf = normaliseName(listed.forename)
    const rf = normaliseName(candidate.forename)
    const parts: string[] = []
    if (ls !== rs) parts.push(`${listed.surname} ~ ${candidate.surname}`)
    if (lf !== rf) parts.push(`${listed.forename} ~ ${candidate.forename}`)
    const alike =
      distance(ls, rs) <= Math.max(2, Math.floor(Math.max(ls.length, rs.length) / 3)) || (ls === rs && lf[0] === rf[0])
    if (alike) reasons.push({ kind: 'similar-name', text: `similar name: ${parts.join(', ')}`, against: false })
    else if (candidate.matchedAlias)
      reasons.push({ kind: 'alias', text: `similar to an alias: ${candidate.matchedAlias}`, against: false })
  }
  return [...reasons.filter(r => !r.against), ...reasons.filter(r => r.against)]
}

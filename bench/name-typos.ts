/**
 * Misspellings for the name search's recall benchmark (bench/name-search.ts, issue 21): typo *rules* applied to
 * people chosen from whatever database is measured (so it works on a fresh scale-0.01 scratch database), and a
 * fixed list of hand-written cases for the national dataset at seed 1, scale 1.0 (`probity_scale1`).
 *
 * The fixed list's targets were chosen deterministically: the national seed's CRNs are `N` + six digits, the same
 * for seed 1 whatever the scale or the machine, and each target is the person with CRN N000000 + 22,222 × k
 * (k = 0…44) — query `select crn, forename, surname, date_of_birth from people where crn = 'N' || lpad((22222 * k)::text, 6, '0')`
 * on probity_scale1. Each case keeps the target's name and date of birth too, so a re-seed that moved the CRNs is
 * noticed (a case whose CRN no longer carries that name is skipped and counted).
 */

/** A typo rule: what the user typed for a person, or null when the rule does not apply to their name. */
export interface TypoRule {
  name: string
  apply: (person: { forename: string; surname: string }) => string | null
}

const VOWELS = 'aeiou'
/** The UK keyboard's neighbours of a letter (same row), for a finger that lands one key off. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm']
const neighbour = (c: string) => {
  const lower = c.toLowerCase()
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(lower)
    if (i >= 0) {
      const n = row[i + 1] ?? row[i - 1]
      return c === lower ? n : n.toUpperCase()
    }
  }
  return c
}
/** The middle of a word: where a hurried typist's error usually falls (the first letter is rarely wrong). */
const middle = (word: string) => Math.max(1, Math.floor(word.length / 2) - 1)

const swapAdjacent = (w: string) => {
  const k = middle(w)
  return k + 1 < w.length ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2) : null
}
const dropLetter = (w: string) => {
  const k = middle(w) + 1
  return w.length > 3 && k < w.length ? w.slice(0, k) + w.slice(k + 1) : null
}
const doubleLetter = (w: string) => {
  const k = middle(w)
  return w.slice(0, k + 1) + w[k] + w.slice(k + 1)
}
const wrongVowel = (w: string) => {
  for (let k = 1; k < w.length; k++) {
    const i = VOWELS.indexOf(w[k])
    if (i >= 0) return w.slice(0, k) + VOWELS[(i + 1) % VOWELS.length] + w.slice(k + 1)
  }
  return null
}
const keyboardSlip = (w: string) => {
  const k = Math.min(w.length - 1, middle(w) + 1)
  return w.slice(0, k) + neighbour(w[k]) + w.slice(k + 1)
}
const changed = (typed: string | null, original: string) => (typed && typed !== original ? typed : null)

const surnameRule =
  (typo: (w: string) => string | null) =>
  ({ forename, surname }: { forename: string; surname: string }) => {
    const typed = changed(typo(surname), surname)
    return typed ? `${forename} ${typed}` : null
  }

export const TYPO_RULES: readonly TypoRule[] = [
  { name: 'surname: adjacent letters swapped', apply: surnameRule(swapAdjacent) },
  { name: 'surname: a letter dropped', apply: surnameRule(dropLetter) },
  { name: 'surname: a letter doubled', apply: surnameRule(doubleLetter) },
  { name: 'surname: wrong vowel', apply: surnameRule(wrongVowel) },
  { name: 'surname: keyboard neighbour', apply: surnameRule(keyboardSlip) },
  {
    name: 'forename: adjacent letters swapped',
    apply: ({ forename, surname }) => {
      const typed = changed(swapAdjacent(forename), forename)
      return typed ? `${typed} ${surname}` : null
    },
  },
  {
    name: 'surname first, surname mistyped',
    apply: ({ forename, surname }) => {
      const typed = changed(swapAdjacent(surname), surname)
      return typed ? `${typed} ${forename}` : null
    },
  },
  {
    name: 'initial and mistyped surname',
    apply: ({ forename, surname }) => {
      const typed = changed(dropLetter(surname), surname)
      return typed ? `${forename[0]} ${typed}` : null
    },
  },
  {
    name: 'surname split as if double-barrelled',
    apply: ({ forename, surname }) =>
      surname.length >= 8 ? `${forename} ${surname.slice(0, 4)}-${surname.slice(4)}` : null,
  },
  {
    name: 'both names mistyped',
    apply: ({ forename, surname }) => {
      const f = changed(wrongVowel(forename), forename)
      const s = changed(swapAdjacent(surname), surname)
      return f && s ? `${f} ${s}` : null
    },
  },
]

/** A fixed case: what was typed, and the person it should find (national dataset, seed 1, scale 1.0). */
export interface TypoCase {
  typed: string
  rule: string
  crn: string
  forename: string
  surname: string
  dateOfBirth: string
}

/** Hand-written cases for probity_scale1 (seed 1, scale 1.0): 45 targets (see above), five typed two ways. */
export const SCALE1_CASES: readonly TypoCase[] = [
  {
    typed: 'Oliver Geren',
    rule: 'surname: adjacent letters swapped',
    crn: 'N000000',
    forename: 'Oliver',
    surname: 'Green',
    dateOfBirth: '2002-05-29',
  },
  {
    typed: 'Craig Smth',
    rule: 'surname: a letter dropped',
    crn: 'N022222',
    forename: 'Craig',
    surname: 'Smith',
    dateOfBirth: '1996-11-25',
  },
  {
    typed: 'Jessica Braddland',
    rule: 'surname: a letter doubled',
    crn: 'N044444',
    forename: 'Jessica',
    surname: 'Bradland',
    dateOfBirth: '2000-01-08',
  },
  {
    typed: 'Scott Jinkins',
    rule: 'surname: wrong vowel',
    crn: 'N066666',
    forename: 'Scott',
    surname: 'Jenkins',
    dateOfBirth: '2003-11-21',
  },
  {
    typed: 'Rhys Steeart',
    rule: 'surname: keyboard neighbour',
    crn: 'N088888',
    forename: 'Rhys',
    surname: 'Stewart',
    dateOfBirth: '2002-03-11',
  },
  {
    typed: 'Macrus Holbrook',
    rule: 'forename: adjacent letters swapped',
    crn: 'N111110',
    forename: 'Marcus',
    surname: 'Holbrook',
    dateOfBirth: '1984-10-19',
  },
  {
    typed: 'Brardidge Darren',
    rule: 'surname first, surname mistyped',
    crn: 'N133332',
    forename: 'Darren',
    surname: 'Bradridge',
    dateOfBirth: '1982-12-26',
  },
  {
    typed: 'S Daves',
    rule: 'initial and mistyped surname',
    crn: 'N155554',
    forename: 'Sophie',
    surname: 'Davies',
    dateOfBirth: '1968-12-25',
  },
  {
    typed: 'Weyne Asdhen',
    rule: 'both names mistyped',
    crn: 'N177776',
    forename: 'Wayne',
    surname: 'Ashden',
    dateOfBirth: '1983-03-04',
  },
  {
    typed: 'Tumasz Wilnand',
    rule: 'both names mistyped',
    crn: 'N199998',
    forename: 'Tomasz',
    surname: 'Winland',
    dateOfBirth: '2008-07-15',
  },
  {
    typed: 'Connor Talyor',
    rule: 'surname: adjacent letters swapped',
    crn: 'N222220',
    forename: 'Connor',
    surname: 'Taylor',
    dateOfBirth: '1982-10-06',
  },
  {
    typed: 'Victoria Okaor',
    rule: 'surname: a letter dropped',
    crn: 'N244442',
    forename: 'Victoria',
    surname: 'Okafor',
    dateOfBirth: '1996-03-25',
  },
  {
    typed: 'Mark Atheerston',
    rule: 'surname: a letter doubled',
    crn: 'N266664',
    forename: 'Mark',
    surname: 'Atherston',
    dateOfBirth: '1998-04-02',
  },
  {
    typed: 'Kyle Heyes',
    rule: 'surname: wrong vowel',
    crn: 'N288886',
    forename: 'Kyle',
    surname: 'Hayes',
    dateOfBirth: '1992-02-21',
  },
  {
    typed: 'Mohammed Smoth',
    rule: 'surname: keyboard neighbour',
    crn: 'N311108',
    forename: 'Mohammed',
    surname: 'Smith',
    dateOfBirth: '1998-06-01',
  },
  {
    typed: 'Smion Smith',
    rule: 'forename: adjacent letters swapped',
    crn: 'N333330',
    forename: 'Simon',
    surname: 'Smith',
    dateOfBirth: '1954-09-09',
  },
  {
    typed: 'Daives Michael',
    rule: 'surname first, surname mistyped',
    crn: 'N355552',
    forename: 'Michael',
    surname: 'Davies',
    dateOfBirth: '2006-11-12',
  },
  {
    typed: 'L Farby',
    rule: 'initial and mistyped surname',
    crn: 'N377774',
    forename: 'Liam',
    surname: 'Farnby',
    dateOfBirth: '1984-08-04',
  },
  {
    typed: 'Killy Cxo',
    rule: 'both names mistyped',
    crn: 'N399996',
    forename: 'Kelly',
    surname: 'Cox',
    dateOfBirth: '2000-08-31',
  },
  {
    typed: 'Chrostopher Brdaham',
    rule: 'both names mistyped',
    crn: 'N422218',
    forename: 'Christopher',
    surname: 'Bradham',
    dateOfBirth: '1979-04-09',
  },
  {
    typed: 'Reece Kirhkurst',
    rule: 'surname: adjacent letters swapped',
    crn: 'N444440',
    forename: 'Reece',
    surname: 'Kirkhurst',
    dateOfBirth: '1956-08-03',
  },
  {
    typed: 'Michelle Joes',
    rule: 'surname: a letter dropped',
    crn: 'N466662',
    forename: 'Michelle',
    surname: 'Jones',
    dateOfBirth: '1997-12-22',
  },
  {
    typed: 'Christopher Sttone',
    rule: 'surname: a letter doubled',
    crn: 'N488884',
    forename: 'Christopher',
    surname: 'Stone',
    dateOfBirth: '2007-09-15',
  },
  {
    typed: 'Anthony Allin',
    rule: 'surname: wrong vowel',
    crn: 'N511106',
    forename: 'Anthony',
    surname: 'Allen',
    dateOfBirth: '2001-05-16',
  },
  {
    typed: 'Connor Downckiffe',
    rule: 'surname: keyboard neighbour',
    crn: 'N533328',
    forename: 'Connor',
    surname: 'Downcliffe',
    dateOfBirth: '1956-12-11',
  },
  {
    typed: 'Cral Heylow',
    rule: 'forename: adjacent letters swapped',
    crn: 'N555550',
    forename: 'Carl',
    surname: 'Heylow',
    dateOfBirth: '1995-05-15',
  },
  {
    typed: 'B Wod',
    rule: 'initial and mistyped surname',
    crn: 'N577772',
    forename: 'Ben',
    surname: 'Wood',
    dateOfBirth: '2006-09-02',
  },
  {
    typed: 'I Smth',
    rule: 'initial and mistyped surname',
    crn: 'N599994',
    forename: 'Ionut',
    surname: 'Smith',
    dateOfBirth: '1986-07-30',
  },
  {
    typed: 'Thumas Talyor',
    rule: 'both names mistyped',
    crn: 'N622216',
    forename: 'Thomas',
    surname: 'Taylor',
    dateOfBirth: '1996-04-08',
  },
  {
    typed: 'Alo Robnison',
    rule: 'both names mistyped',
    crn: 'N644438',
    forename: 'Ali',
    surname: 'Robinson',
    dateOfBirth: '2006-09-18',
  },
  {
    typed: 'Carl Farmnere',
    rule: 'surname: adjacent letters swapped',
    crn: 'N666660',
    forename: 'Carl',
    surname: 'Farnmere',
    dateOfBirth: '1982-09-04',
  },
  {
    typed: 'Josh Both',
    rule: 'surname: a letter dropped',
    crn: 'N688882',
    forename: 'Josh',
    surname: 'Booth',
    dateOfBirth: '1981-10-20',
  },
  {
    typed: 'Ali Davvies',
    rule: 'surname: a letter doubled',
    crn: 'N711104',
    forename: 'Ali',
    surname: 'Davies',
    dateOfBirth: '1977-09-21',
  },
  {
    typed: 'Ionut Guldcombe',
    rule: 'surname: wrong vowel',
    crn: 'N733326',
    forename: 'Ionut',
    surname: 'Goldcombe',
    dateOfBirth: '2007-05-12',
  },
  {
    typed: 'Jamie Robrrts',
    rule: 'surname: keyboard neighbour',
    crn: 'N755548',
    forename: 'Jamie',
    surname: 'Roberts',
    dateOfBirth: '2002-12-10',
  },
  {
    typed: 'Jmaie Hill',
    rule: 'forename: adjacent letters swapped',
    crn: 'N777770',
    forename: 'Jamie',
    surname: 'Hill',
    dateOfBirth: '1984-06-20',
  },
  {
    typed: 'M Moris',
    rule: 'initial and mistyped surname',
    crn: 'N799992',
    forename: 'Mohammed',
    surname: 'Morris',
    dateOfBirth: '1971-04-20',
  },
  {
    typed: 'L Jacson',
    rule: 'initial and mistyped surname',
    crn: 'N822214',
    forename: 'Leanne',
    surname: 'Jackson',
    dateOfBirth: '1960-11-24',
  },
  {
    typed: 'Bin Jnoes',
    rule: 'both names mistyped',
    crn: 'N844436',
    forename: 'Ben',
    surname: 'Jones',
    dateOfBirth: '2002-12-07',
  },
  {
    typed: 'Devid Simth',
    rule: 'both names mistyped',
    crn: 'N866658',
    forename: 'David',
    surname: 'Smith',
    dateOfBirth: '2000-01-21',
  },
  {
    typed: 'Scott Blal',
    rule: 'surname: adjacent letters swapped',
    crn: 'N888880',
    forename: 'Scott',
    surname: 'Ball',
    dateOfBirth: '1983-03-11',
  },
  {
    typed: 'Joseph Greewick',
    rule: 'surname: a letter dropped',
    crn: 'N911102',
    forename: 'Joseph',
    surname: 'Greenwick',
    dateOfBirth: '1990-11-25',
  },
  {
    typed: 'Jack Robberts',
    rule: 'surname: a letter doubled',
    crn: 'N933324',
    forename: 'Jack',
    surname: 'Roberts',
    dateOfBirth: '1998-05-04',
  },
  {
    typed: 'Harry Clerk',
    rule: 'surname: wrong vowel',
    crn: 'N955546',
    forename: 'Harry',
    surname: 'Clark',
    dateOfBirth: '1998-04-02',
  },
  {
    typed: 'Imran Jomes',
    rule: 'surname: keyboard neighbour',
    crn: 'N977768',
    forename: 'Imran',
    surname: 'Jones',
    dateOfBirth: '2004-07-31',
  },
  {
    typed: 'Darren Brad-Ridge',
    rule: 'surname split as if double-barrelled',
    crn: 'N133332',
    forename: 'Darren',
    surname: 'Bradridge',
    dateOfBirth: '1982-12-26',
  },
  {
    typed: 'Joseph Green Wick',
    rule: 'surname split as if double-barrelled',
    crn: 'N911102',
    forename: 'Joseph',
    surname: 'Greenwick',
    dateOfBirth: '1990-11-25',
  },
  {
    typed: 'Reece Kirkhirst',
    rule: 'surname: wrong vowel',
    crn: 'N444440',
    forename: 'Reece',
    surname: 'Kirkhurst',
    dateOfBirth: '1956-08-03',
  },
  {
    typed: 'Christofer Bradham',
    rule: 'forename spelt as it sounds',
    crn: 'N422218',
    forename: 'Christopher',
    surname: 'Bradham',
    dateOfBirth: '1979-04-09',
  },
  {
    typed: 'Mark Atherstone',
    rule: 'surname: a letter added',
    crn: 'N266664',
    forename: 'Mark',
    surname: 'Atherston',
    dateOfBirth: '1998-04-02',
  },
]

/**
 * Invented people need plausible names: common British forenames and surnames with a long tail, so a name search
 * meets what it meets in production (thousands of Smiths, a few of most names). Surnames follow a Zipf-like
 * distribution over real common surnames followed by made-up compounds ("Ashbrook", "Whitfield" …).
 */
import type { Rng } from './prng.ts'

export const MALE_FORENAMES = [
  'John', 'David', 'Michael', 'James', 'Daniel', 'Paul', 'Mark', 'Lee', 'Ryan', 'Liam', 'Jamie', 'Craig', 'Thomas', 'Adam', 'Christopher',
  'Andrew', 'Matthew', 'Jordan', 'Connor', 'Kyle', 'Robert', 'Steven', 'Richard', 'Mohammed', 'Ali', 'Ahmed', 'Kwame', 'Joseph', 'Dean',
  'Wayne', 'Gary', 'Darren', 'Scott', 'Shaun', 'Jason', 'Kevin', 'Anthony', 'Peter', 'Simon', 'Carl', 'Luke', 'Jack', 'Callum', 'Reece',
  'Nathan', 'Aaron', 'Ashley', 'Bradley', 'Kieran', 'Tyler', 'Josh', 'Sean', 'Marcus', 'Tomasz', 'Piotr', 'Bogdan', 'Ionut', 'Imran', 'Tariq',
  'Dwayne', 'Leon', 'Owen', 'Rhys', 'Gareth', 'Dylan', 'Harry', 'George', 'Charlie', 'William', 'Samuel', 'Oliver', 'Ben', 'Alex',
]
export const FEMALE_FORENAMES = [
  'Sarah', 'Emma', 'Laura', 'Claire', 'Gemma', 'Kelly', 'Lisa', 'Michelle', 'Rebecca', 'Amy', 'Jade', 'Chloe', 'Danielle', 'Stacey',
  'Natalie', 'Hannah', 'Jessica', 'Charlotte', 'Samantha', 'Victoria', 'Nicola', 'Joanne', 'Leanne', 'Aisha', 'Priya', 'Siobhan', 'Zoë',
  'Amira', 'Fatima', 'Agnieszka', 'Shannon', 'Courtney', 'Megan', 'Sophie', 'Lauren', 'Katie', 'Tracey', 'Donna', 'Karen', 'Julie',
]
const COMMON_SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson',
  'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner',
  'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott',
  'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson',
  'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams',
  'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell',
  'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens',
  'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews',
  'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole', 'Atkinson',
  'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', "O'Brien", 'Watts', 'Rose', 'Booth', 'Perry', 'Ryan', 'Grant', 'Wells',
  'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe', 'Page',
  'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton',
  'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird', 'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess',
  'Bishop', 'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne',
  'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', "O'Connor", 'Harper', 'Coleman', 'Watkins', 'Moss', 'McCarthy',
  'Chambers', "O'Neill", 'Griffin', 'Sharp', 'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Gordon', 'Doyle', 'Wallace', 'George',
  'Jordan', 'Hutchinson', 'Nowak', 'Kowalski', 'Okafor', 'Mensah', 'Álvarez', 'Popescu', 'Nguyen', 'Mahmood', 'Akhtar', 'Iqbal', 'Rahman',
]
const STEMS = ['Ash', 'Brad', 'Brook', 'Carl', 'Clay', 'Dal', 'Down', 'East', 'Fair', 'Farn', 'Gold', 'Green', 'Hall', 'Hart', 'Hol', 'Kirk', 'Lang', 'Lind', 'Marl', 'Mid', 'Mor', 'Nor', 'Oak', 'Pen', 'Red', 'Ros', 'Sand', 'Shel', 'Stan', 'Thorn', 'Wal', 'West', 'Whit', 'Win', 'Wood', 'Ather', 'Bur', 'Cal', 'Hey', 'Rad']
const ENDINGS = ['brook', 'bury', 'by', 'combe', 'croft', 'den', 'field', 'ford', 'gate', 'ham', 'hurst', 'ington', 'ley', 'low', 'more', 'ridge', 'shaw', 'stead', 'ton', 'well', 'wick', 'worth', 'wood', 'thorpe', 'land', 'mere', 'ston', 'cliffe']

/** Real common surnames first (most frequent first), then 1,120 made-up compounds. */
export const SURNAMES: readonly string[] = [...COMMON_SURNAMES, ...STEMS.flatMap(s => ENDINGS.map(e => s + e))]

/** Cumulative Zipf weights (s = 0.9) over SURNAMES: Smith ≈ 1.6 %, the top 200 ≈ 45 %, a long tail after. */
const CUMULATIVE = (() => {
  const w = SURNAMES.map((_, k) => 1 / Math.pow(k + 1, 0.9))
  const total = w.reduce((a, b) => a + b, 0)
  let acc = 0
  return w.map(x => (acc += x / total))
})()

export function pickSurname(r: Rng): string {
  const x = r.next()
  let lo = 0
  let hi = CUMULATIVE.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (CUMULATIVE[mid] < x) lo = mid + 1
    else hi = mid
  }
  return SURNAMES[lo]
}

export const STREETS = ['High Street', 'Station Road', 'Church Street', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'London Road', 'Queens Road', 'King Street', 'Green Lane', 'Manor Road', 'Chapel Street', 'New Road', 'School Lane', 'The Crescent', 'Albert Road', 'Springfield Road', 'North Street', 'Market Street', 'Grange Road']

export const REGIONS: readonly { code: string; name: string; towns: string[]; postcode: string }[] = [
  { code: 'NE', name: 'North East', towns: ['Newcastle', 'Sunderland', 'Middlesbrough', 'Durham', 'Gateshead'], postcode: 'NE' },
  { code: 'NW', name: 'North West', towns: ['Preston', 'Blackpool', 'Carlisle', 'Lancaster', 'Warrington'], postcode: 'PR' },
  { code: 'YH', name: 'Yorkshire and the Humber', towns: ['Leeds', 'Sheffield', 'Bradford', 'Hull', 'York'], postcode: 'LS' },
  { code: 'GM', name: 'Greater Manchester', towns: ['Manchester', 'Salford', 'Bolton', 'Wigan', 'Oldham'], postcode: 'M' },
  { code: 'EM', name: 'East Midlands', towns: ['Nottingham', 'Leicester', 'Derby', 'Lincoln', 'Northampton'], postcode: 'NG' },
  { code: 'WM', name: 'West Midlands', towns: ['Birmingham', 'Coventry', 'Wolverhampton', 'Stoke-on-Trent', 'Dudley'], postcode: 'B' },
  { code: 'EE', name: 'East of England', towns: ['Norwich', 'Ipswich', 'Peterborough', 'Luton', 'Chelmsford'], postcode: 'NR' },
  { code: 'WA', name: 'Wales', towns: ['Cardiff', 'Swansea', 'Newport', 'Wrexham', 'Bangor'], postcode: 'CF' },
  { code: 'SW', name: 'South West', towns: ['Bristol', 'Plymouth', 'Exeter', 'Swindon', 'Gloucester'], postcode: 'BS' },
  { code: 'SC', name: 'South Central', towns: ['Southampton', 'Portsmouth', 'Oxford', 'Reading', 'Milton Keynes'], postcode: 'SO' },
  { code: 'KSS', name: 'Kent, Surrey and Sussex', towns: ['Maidstone', 'Brighton', 'Guildford', 'Canterbury', 'Crawley'], postcode: 'ME' },
  { code: 'LDN', name: 'London', towns: ['Lambeth', 'Hackney', 'Croydon', 'Ealing', 'Newham'], postcode: 'SE' },
]

export const NOTES = [
  'Discussed accommodation; still sofa surfing with a friend.',
  'Reported for appointment on time. Engaged well with the session.',
  'Talked about employment: has an interview at the warehouse next week.',
  'Drug test negative. Says he has stopped using since the last review.',
  'Reviewed licence conditions; understands the exclusion zone.',
  'Phoned to say running late because of the bus; arrived 20 minutes late.',
  'Completed the thinking skills worksheet. Good progress on consequences.',
  'Home visit: tidy flat, partner present, no concerns noted.',
  'Raised debt worries; referred to the citizens advice partner.',
  'MAPPA level 2 meeting: actions agreed with police and housing.',
  'Unpaid work hours logged at the community garden project.',
  'Safeguarding referral discussed with the children services duty team.',
]

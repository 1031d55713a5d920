/**
 * Demo children's social care for Fernmoor: a year of referrals to children's social care at the seed report's
 * volumes (`004_7aa2e81ce8b2f59d.txt`, Rotherham LSCB 2017/18, lines 2000–2420), with everything after the front door
 * that each one led to — the child and family assessment, strategy discussions with the police and health, section 47
 * enquiries, initial and review child protection conferences with the partners' reports and attendance and the
 * child's voice, child protection plans with core groups and visits, child in need plans with their reviews, and the
 * closure of each episode with its census reason.
 *
 * For `scale` 1, about 4,500 referrals in the 365 days up to `now` (15,684 contacts × 28.6%), 99% going on to an
 * assessment (78% authorised within 45 working days); about 2,235 section 47 enquiries, 63.9% to an initial
 * conference and 7.3% not substantiated; about 656 children on a child protection plan and 1,686 on a child in need
 * plan at `now`; review conferences 94.6% in time; visits every 10 working days, 89.1% in time; 44% of children aged
 * 8–17 heard at their conference; re-referrals within 12 months about 23%; second or later plans about 20%; about
 * 5% of the plans that end having lasted two years or more.
 *
 * The pathway runs as a simulation over the three and a half years up to `now`, so the plans open when the year began
 * (and the earlier episodes of the families referred again) are there too; only families with an episode in the
 * year, or open at its start, are kept. Every record keeps the pure rules of `src/domain/children.ts` and the DfE CIN
 * census validation (`src/domain/cin-census.ts`); every name and narrative is invented, NHS numbers are in the 999
 * range kept for testing, postcodes in the invented FM area. Deterministic: a seeded generator of its own.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgTable } from 'drizzle-orm/pg-core';
import { type Database, one, rows, transaction } from '../client.js';
import {
  appUser,
  childAssessment,
  childPlan,
  conferenceInvite,
  coreGroup,
  cpConference,
  cscReferral,
  person,
  personAddress,
  personIdentifier,
  personName,
  planReview,
  planVisit,
  roleAssignment,
  s47Enquiry,
  strategyDiscussion,
} from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type Participant, categoryFromFactors } from '../../domain/children.js';
import { nhsNumberFromNine, upnCheckLetter } from '../../domain/identifiers.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { addMonths, fromDayNumber, instantAt, toDayNumber, wallTime } from '../../domain/time.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_UNITS, STREETS, TOWNS, syntheticPostcode } from './names.js';
import { Random } from './random.js';

export interface ChildrenSeedInput {
  tenantId: string;
  /** 'csc', 'police', 'health', 'school:990101', … → agency id. */
  agencyIds: ReadonlyMap<string, string>;
  /** The part before @ of the demo users' emails ('social-worker', 'csc-manager', 'chair', 'police', …) → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface ChildrenSeedSummary {
  children: number;
  referrals: number;
  referralsInYear: number;
  assessments: number;
  strategyDiscussions: number;
  s47: number;
  conferences: number;
  invites: number;
  plans: number;
  cpPlansOpen: number;
  cinPlansOpen: number;
  coreGroups: number;
  visits: number;
  reviews: number;
  staff: number;
}

const SEED = 20_261_215;
const MINUTE = 60_000;
const DAY = 86_400_000;

// ——— the seed's year ———
/** Referrals of children a year: 15,684 contacts × 28.6%. */
const REFERRALS_PER_YEAR = 4500;
/** Days simulated before `now`: plans open when the year began started up to three years before it. */
const SIMULATED_DAYS = 365 * 3 + 200;
/** Families referred again within 12 months of their last referral (closed by then), and families with an earlier plan. */
const RE_REFERRAL = 0.25;
const SECOND_PLAN = 0.21;
/** The share of referrals needing a strategy discussion (2,235 section 47 enquiries of ~4,500 referrals, 92% of discussions). */
const STRATEGY_SHARE = 0.545;
const NFA_WITHOUT_ASSESSMENT = 0.01;
/** Section 47 outcomes: 63.9% to an initial conference, 7.3% not substantiated (the seed), the rest child in need or NFA. */
const S47_OUTCOMES = [['substantiated_icpc', 63.9], ['not_substantiated', 7.3], ['cin', 18], ['substantiated_no_icpc', 5], ['nfa', 5.8]] as const;
/** Initial conferences within 15 working days of the strategy discussion; assessments within 45; reviews and visits in time. */
const ICPC_IN_TIME = 0.8;
const ASSESSMENT_IN_TIME = 0.78;
const REVIEW_IN_TIME = 0.946;
const VISIT_IN_TIME = 0.891;
const CORE_GROUP_IN_TIME = 0.88;
const CIN_REVIEW_IN_TIME = 0.86;
/** Children aged 8–17 heard at conference (attended, an advocate, or their views presented): 44% (48% at initial ones). */
const VOICE_HEARD = { initial: 0.48, review: 0.42 };

type Cat = 'NEG' | 'EMO' | 'PHY' | 'SAB' | 'MUL';
const CAT_FACTOR: Record<Exclude<Cat, 'MUL'>, string> = { NEG: '16A', EMO: '17A', PHY: '18B', SAB: '19B' };
const CAT_WORDS: Record<Cat, string> = { NEG: 'neglect', EMO: 'emotional abuse', PHY: 'physical abuse', SAB: 'sexual abuse', MUL: 'neglect and emotional abuse' };

// ——— people ———

type Group = 'british' | 'south_asian' | 'polish' | 'african' | 'caribbean' | 'roma' | 'mixed';
const GROUPS: readonly (readonly [Group, number])[] = [['british', 76], ['south_asian', 8], ['polish', 4], ['roma', 2.5], ['african', 2.5], ['caribbean', 1.5], ['mixed', 5.5]];
const GROUP_ETHNICITY: Record<Group, readonly (readonly [string, number])[]> = {
  british: [['WBRI', 96], ['WIRI', 1], ['NOBT', 3]],
  south_asian: [['APKN', 80], ['ABAN', 8], ['AOTH', 8], ['NOBT', 4]],
  polish: [['WOTH', 97], ['NOBT', 3]],
  roma: [['WROM', 90], ['WOTH', 10]],
  african: [['BAFR', 90], ['BOTH', 10]],
  caribbean: [['BCRB', 85], ['MWBC', 15]],
  mixed: [['MWBC', 45], ['MWAS', 25], ['MWBA', 15], ['MOTH', 15]],
};
const GROUP_LANGUAGE: Record<Group, string> = { british: 'English', south_asian: 'English', polish: 'Polish', roma: 'Romanian', african: 'English', caribbean: 'English', mixed: 'English' };
const CHILD_F = [
  ...GIVEN_FEMALE.filter((g) => !['Michelle', 'Kelly', 'Danielle', 'Gemma', 'Natalie', 'Leanne', 'Nicola', 'Sarah', 'Rebecca', 'Laura', 'Emma', 'Aisha', 'Zara', 'Maryam', 'Fatima', 'Priya', 'Agnieszka', 'Chidinma'].includes(g)),
  ...['Harper', 'Lola', 'Millie', 'Daisy', 'Phoebe', 'Scarlett', 'Ruby', 'Matilda', 'Elsie', 'Florence', 'Esme', 'Bonnie', 'Maisie', 'Layla', 'Ellie', 'Megan', 'Katie', 'Lacey', 'Skye', 'Paige'],
  ...['Courtney', 'Amber', 'Tia', 'Macie', 'Kayla', 'Demi', 'Leah', 'Holly', 'Jasmine', 'Summer', 'Autumn', 'Isabelle', 'Erin', 'Niamh', 'Libby', 'Mollie', 'Tilly', 'Lexi', 'Ivy-Rose', 'Ava-Mae'],
];
const CHILD_M = [
  ...GIVEN_MALE.filter((g) => !['Craig', 'Darren', 'Lee', 'Mark', 'Paul', 'Stephen', 'Wayne', 'Muhammad', 'Imran', 'Kwame', 'Tomasz', 'Ravi'].includes(g)),
  ...['Mason', 'Riley', 'Tyler', 'Kai', 'Logan', 'Bobby', 'Teddy', 'Reggie', 'Albie', 'Frankie', 'Tommy', 'Louie', 'Ronnie', 'Jenson', 'Jayden', 'Kian', 'Brandon', 'Corey', 'Reece', 'Harvey'],
  ...['Lewis', 'Ethan', 'Dylan', 'Owen', 'Max', 'Sonny', 'Rory', 'Caleb', 'Elliot', 'Jake', 'Luke', 'Ben', 'Sam', 'Zac', 'Alex', 'Billy', 'Stanley', 'Hugo', 'Eli', 'Jude'],
];
const GROUP_NAMES: Record<Exclude<Group, 'british' | 'mixed'>, { f: string[]; m: string[]; family: string[]; mothers: string[] }> = {
  south_asian: { f: ['Aisha', 'Zara', 'Maryam', 'Fatima', 'Hafsa', 'Inaya', 'Safa', 'Amina', 'Zainab', 'Hania'], m: ['Muhammad', 'Ibrahim', 'Yusuf', 'Zayn', 'Ayaan', 'Hamza', 'Bilal', 'Musa', 'Rayan', 'Haris'], family: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Akhtar', 'Mahmood', 'Iqbal', 'Rashid', 'Bibi', 'Shah'], mothers: ['Nadia', 'Samina', 'Rubina', 'Shazia', 'Farah', 'Saima'] },
  polish: { f: ['Zuzanna', 'Julia', 'Lena', 'Maja', 'Hanna', 'Natalia', 'Oliwia', 'Amelia'], m: ['Jakub', 'Antoni', 'Szymon', 'Filip', 'Kacper', 'Mikołaj', 'Jan', 'Wiktor'], family: ['Kowalczyk', 'Nowicki', 'Wiśniewski', 'Zając', 'Wróbel', 'Dąbrowski', 'Pawlak', 'Michalski'], mothers: ['Agnieszka', 'Katarzyna', 'Monika', 'Ewa', 'Joanna'] },
  roma: { f: ['Denisa', 'Bianca', 'Alexandra', 'Nikola', 'Roxana', 'Simona'], m: ['Denis', 'Marian', 'Robert', 'Patrik', 'Ionut', 'Lukas'], family: ['Balog', 'Lakatos', 'Horvath', 'Kotlar', 'Dudas', 'Mirga'], mothers: ['Maria', 'Elena', 'Vanesa', 'Jana'] },
  african: { f: ['Blessing', 'Favour', 'Chioma', 'Amara', 'Precious', 'Adaeze'], m: ['Daniel', 'David', 'Emmanuel', 'Tobi', 'Chidi', 'Kofi'], family: ['Okafor', 'Mensah', 'Boateng', 'Adeyemi', 'Owusu', 'Nwosu'], mothers: ['Grace', 'Esther', 'Comfort', 'Ngozi'] },
  caribbean: { f: ['Kayla', 'Shania', 'Jada', 'Nia'], m: ['Jayden', 'Tyrell', 'Malachi', 'Kyrie'], family: ['Campbell', 'Brown', 'Thompson', 'Reid', 'Francis', 'Grant'], mothers: ['Kerry-Ann', 'Shanice', 'Marcia'] },
};
const MOTHERS = ['Kayleigh', 'Stacey', 'Jodie', 'Chantelle', 'Gemma', 'Leanne', 'Kirsty', 'Danielle', 'Hayley', 'Lauren', 'Rebecca', 'Sophie', 'Charlotte', 'Jade', 'Amy', 'Natalie', 'Samantha', 'Kelly', 'Emma', 'Zoe'];
const FATHERS = ['Dean', 'Lee', 'Craig', 'Darren', 'Ryan', 'Jamie', 'Kyle', 'Liam', 'Scott', 'Carl', 'Shane', 'Wayne', 'Luke', 'Adam', 'Jordan', 'Aaron', 'Kieran', 'Nathan', 'Ashley', 'Jason'];
const MORE_FAMILY = [
  ...['Atkinson', 'Barker', 'Bradley', 'Brooks', 'Butler', 'Chapman', 'Cox', 'Dawson', 'Dixon', 'Ellis', 'Fletcher', 'Foster', 'Gibson', 'Hardy', 'Hartley', 'Hewitt', 'Holmes', 'Hudson'],
  ...['Jenkins', 'Lawson', 'Marsh', 'Mason', 'Mills', 'Naylor', 'Parkin', 'Pearson', 'Platt', 'Rhodes', 'Riley', 'Robson', 'Rowe', 'Simpson', 'Slater', 'Stevenson', 'Sykes', 'Walsh', 'Webster'],
  ...['Whitaker', 'Wilkinson', 'Hirst', 'Crossley', 'Haigh', 'Lockwood', 'Firth', 'Greenwood', 'Marshall', 'Dyson', 'Booth', 'Pickles', 'Crowther', 'Beaumont', 'Kaye', 'Shepherd', 'Mellor', 'Armitage'],
  ...['Tattersall', 'Heaton', 'Spencer', 'Sharp', 'Moss', 'Howarth', 'Kershaw', 'Ogden', 'Pollard', 'Senior', 'Schofield', 'Broadbent', 'Fairclough', 'Hollins', 'Lumb', 'Nuttall', 'Priestley', 'Rushworth'],
];
const BRITISH_FAMILY = [...FAMILY.filter((f) => !['Patel', 'Khan', 'Hussain', 'Ali', 'Begum', 'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Singh', 'Ahmed'].includes(f)), ...MORE_FAMILY];

interface Kid {
  id: string;
  given: string;
  family: string;
  female: boolean;
  dobN: number;
  ethnicity: string;
  language: string;
  nhs: string | null;
  upn: string | null;
  disabled: boolean;
  referred: boolean;
  firstReferral: Date | null;
}

interface Family {
  surname: string;
  group: Group;
  line1: string;
  town: string;
  postcode: string;
  mum: string;
  dad: string | null;
  kids: Kid[];
  /** The day its last episode closed (Infinity while one is open) and the day of its last referral. */
  closedDay: number;
  lastReferralDay: number;
  cpEndedDay: number | null;
  cases: Case[];
}

// ——— what happened: the scenarios ———

interface Ctx {
  n: string;
  he: string;
  He: string;
  his: string;
  him: string;
  age: number;
  mum: string;
  dad: string;
  school: string;
}

interface Scenario {
  key: string;
  /** Harm scenarios lead to strategy discussions; need scenarios to assessments. */
  harm: boolean;
  category: Cat | null;
  need: string;
  ages: readonly [number, number];
  weight: number;
  sources: readonly (readonly [string, number])[];
  /** The factors found at assessment (`found`: the harm was substantiated). */
  factors: (r: Random, age: number, found: boolean) => string[];
  concern: (c: Ctx) => string;
  police: (c: Ctx) => string;
  quotes: { young: readonly string[]; middle: readonly string[]; teen: readonly string[] };
  parents: readonly string[];
}

const maybe = (r: Random, p: number, code: string) => (r.chance(p) ? [code] : []);
const uniq = (xs: string[]) => [...new Set(xs)];

const POLICE_SOURCES = [['6', 60], ['3E', 8], ['2A', 10], ['1A', 8], ['3B', 6], ['5D', 4], ['9', 2], ['1B', 2]] as const;
const SCHOOL_SOURCES = [['2A', 40], ['6', 15], ['3A', 8], ['3C', 7], ['1A', 10], ['5D', 8], ['1B', 4], ['4', 4], ['9', 2], ['2B', 2]] as const;
const HEALTH_SOURCES = [['3B', 30], ['3A', 15], ['3E', 15], ['3F', 10], ['6', 15], ['5A', 5], ['1A', 5], ['8', 3], ['10', 2]] as const;

const HARM: readonly Scenario[] = [
  {
    key: 'home_neglect', harm: true, category: 'NEG', need: 'N1', ages: [0, 17], weight: 30, sources: SCHOOL_SOURCES,
    factors: (r, _a, found) => uniq([...(found ? ['16A'] : []), ...maybe(r, 0.45, '2B'), ...maybe(r, 0.3, '1B'), ...maybe(r, 0.4, '4B'), ...maybe(r, 0.1, '5B'), ...(found ? [] : ['24A'])]),
    concern: (c) => `${c.n} has been arriving at school hungry and in dirty clothes; the home was found with no food in the cupboards, dog mess on the floors and no bedding on ${c.his} bed.`,
    police: () => 'Officers attended a welfare check last month and described the home as unfit: no heating, rubbish bags in the kitchen, no food.',
    quotes: {
      young: ['I’m hungry at night. Mummy is sleeping.', 'My bed is wet. I sleep on the settee.', 'I like school dinners best.'],
      middle: ['There’s never anything for tea so I have toast if there’s bread.', 'I don’t bring friends home because of the mess.', 'I get myself up for school because Mum doesn’t wake up.'],
      teen: ['I do the shopping when there’s money. Someone has to.', 'I just want a normal house with food in it.', 'I’m embarrassed about my clothes at school.'],
    },
    parents: ['Accepts the house has got on top of her since she lost her job and wants help to put it right.', 'Says the school is picking on the family and the house is no worse than anyone else’s.', 'Agrees the children need more and wants a family support worker.'],
  },
  {
    key: 'infant_neglect', harm: true, category: 'NEG', need: 'N1', ages: [0, 4], weight: 15, sources: HEALTH_SOURCES,
    factors: (r, _a, found) => uniq([...(found ? ['16A'] : []), ...maybe(r, 0.5, '4B'), ...maybe(r, 0.4, '2B'), ...maybe(r, 0.3, '3B'), ...(found ? [] : ['24A'])]),
    concern: (c) => `The health visitor found ${c.n}’s weight has fallen from the 50th to below the 9th centile; immunisations and two paediatric appointments have been missed, and ${c.n} is often left with different adults.`,
    police: () => 'Not known for crime; one call last year from a neighbour about a baby crying for long periods, no concerns found.',
    quotes: { young: ['I want my mummy.', 'I like the nursery.', 'Biscuit!'], middle: [], teen: [] },
    parents: ['Says she is struggling on her own and did not know the appointments mattered; wants help.', 'Says the health visitor is exaggerating and the baby is fine.', 'Accepts she has been low and has agreed to see her GP.'],
  },
  {
    key: 'da_emotional', harm: true, category: 'EMO', need: 'N1', ages: [0, 17], weight: 22, sources: POLICE_SOURCES,
    factors: (r, age, found) => uniq([...(found ? ['17A'] : []), '3B', ...maybe(r, 0.4, '1B'), ...maybe(r, 0.2, '2B'), ...(age >= 13 ? maybe(r, 0.3, '3A') : [])]),
    concern: (c) => `The police have been called to the home four times in three months after ${c.dad} assaulted ${c.mum}; ${c.n} was present each time, and last night hid upstairs while ${c.dad} smashed the front door.`,
    police: (c) => `Four domestic incidents in three months, DASH high risk at the last; ${c.dad} arrested for assault and bailed not to contact ${c.mum}. Previous convictions for violence.`,
    quotes: {
      young: ['Daddy shouts at Mummy and I hide under my bed.', 'Mummy was crying and the police came.', 'I don’t like the banging.'],
      middle: ['I put my headphones on when they argue so I can’t hear.', 'I worry about Mum when I’m at school.', 'I want Dad to stop being angry.'],
      teen: ['I’ve had to get in between them. I’m sick of it.', 'I don’t want him back in the house.', 'I stay at my mate’s when it kicks off.'],
    },
    parents: ['Mother wants to keep the children safe and has agreed to work with the IDVA.', 'Mother says the incidents were arguments that got out of hand and will not happen again.', 'Father denies the assaults and says the police have it wrong.'],
  },
  {
    key: 'parent_mh', harm: true, category: 'EMO', need: 'N1', ages: [0, 17], weight: 8, sources: HEALTH_SOURCES,
    factors: (r, age, found) => uniq([...(found ? ['17A'] : []), '4B', ...maybe(r, 0.2, '2B'), ...(age >= 10 ? maybe(r, 0.4, '7A') : [])]),
    concern: (c) => `${c.mum} was taken to hospital after an overdose with ${c.n} at home; ${c.he} has been missing school to look after ${c.mum}, who has told staff the children would be better off without her.`,
    police: () => 'Two concern-for-welfare calls for the mother this year; no crimes recorded.',
    quotes: {
      young: ['Mummy is poorly in bed a lot.', 'I make Mummy a cup of tea.', 'I like it when Nana comes.'],
      middle: ['I stay home to check Mum is OK.', 'I’m scared she’ll go to hospital again.', 'I don’t tell my friends about Mum.'],
      teen: ['I look after my brother and sister when Mum can’t.', 'I don’t want to be taken away from Mum.', 'I just want someone to help her properly.'],
    },
    parents: ['Mother says she is getting support from the crisis team and wants the children to stay with her.', 'Mother is frightened the children will be removed and found the conference hard.', 'Mother accepts the children have been caring for her and wants a carers’ assessment.'],
  },
  {
    key: 'injury', harm: true, category: 'PHY', need: 'N1', ages: [0, 17], weight: 10, sources: [['2A', 35], ['3E', 25], ['3B', 10], ['6', 20], ['1A', 10]],
    factors: (r, _a, found) => uniq([...(found ? ['18B'] : []), ...maybe(r, 0.4, '3B'), ...maybe(r, 0.2, '1B'), ...maybe(r, 0.2, '4B'), ...(found ? [] : ['24A'])]),
    concern: (c) =>
      c.age < 1
        ? `${c.n}, not yet mobile, was seen in the emergency department with bruising to ${c.his} cheek and ear; the explanation given does not fit the injuries.`
        : `${c.n} told ${c.his} teacher that ${c.dad} hit ${c.him} with a belt; school staff saw linear bruising on ${c.his} back and upper arm.`,
    police: (c) => `Joint investigation opened; ${c.dad} to be interviewed under caution. No previous offences of violence towards children.`,
    quotes: {
      young: ['Daddy smacked me because I was naughty.', 'My arm hurts.', 'I don’t want to go home tonight.'],
      middle: ['He uses the belt when I don’t listen.', 'I didn’t want to tell because I’ll get in trouble.', 'I feel safe at Nan’s.'],
      teen: ['He’s always been like that with me.', 'I’m not going back if he’s there.', 'I can handle it, I just don’t want my little brother getting it.'],
    },
    parents: ['Father accepts he smacked the child and says he did not mean to leave marks.', 'Mother says she did not know and has asked father to leave the home.', 'Parents say the bruises happened at play and dispute the concerns.'],
  },
  {
    key: 'sexual', harm: true, category: 'SAB', need: 'N1', ages: [4, 17], weight: 5, sources: [['2A', 40], ['6', 35], ['1A', 15], ['3A', 10]],
    factors: (r, age, found) => uniq([...(found ? [age >= 10 && r.chance(0.25) ? '19C' : '19B'] : []), ...(age >= 12 ? maybe(r, 0.3, '4A') : []), ...maybe(r, 0.2, '3B'), ...(found ? [] : ['24A'])]),
    concern: (c) => `${c.n} disclosed to a member of school staff that a family friend who sometimes stays at the house touches ${c.him} in ways ${c.he} does not like.`,
    police: () => 'The man named is known to police: a caution for an indecent image offence six years ago. Investigation opened; ABE interview planned.',
    quotes: {
      young: ['I don’t like him coming to our house.', 'He said it was a secret.', 'I want to sleep in Mummy’s room.'],
      middle: ['I told Miss because I didn’t want it to happen again.', 'I don’t want him to come round ever.', 'I feel better now I’ve told.'],
      teen: ['I don’t want everyone at school knowing.', 'I just want it to stop and him to be nowhere near us.', 'I’m glad Mum believes me.'],
    },
    parents: ['Mother believes the child and has stopped the man coming to the house.', 'Mother is shocked and wants to protect the children; finds it hard to accept about a family friend.', 'Parents are supporting the police investigation.'],
  },
  {
    key: 'multiple', harm: true, category: 'MUL', need: 'N1', ages: [0, 17], weight: 5, sources: POLICE_SOURCES,
    factors: (r, _a, found) => uniq([...(found ? ['16A', r.chance(0.7) ? '17A' : '18B'] : ['24A']), '3B', ...maybe(r, 0.6, '2B'), ...maybe(r, 0.3, '1B')]),
    concern: (c) => `Police attending a domestic incident found the home in very poor condition and ${c.n} unwashed and hungry; both parents were under the influence, and there is a history of violence between them.`,
    police: (c) => `Repeat domestic incidents; drugs warrant executed at the address last year; ${c.dad} on licence.`,
    quotes: {
      young: ['Mummy and Daddy fight and there’s no dinner.', 'I get scared at night.', 'I like staying at Nana’s.'],
      middle: ['Nobody takes me to school when they’ve been up all night.', 'I hate the shouting and the smell of the smoke.', 'I want it to be calm at home.'],
      teen: ['I’ve been looking after myself for years.', 'I don’t trust them to change.', 'I want to live with my aunty.'],
    },
    parents: ['Parents accept the drug use has affected the children and have been referred to the substance misuse service.', 'Parents minimise the concerns and did not agree with the plan.', 'Mother wants to separate from father and needs help to do so safely.'],
  },
  {
    key: 'exploitation', harm: true, category: 'EMO', need: 'N1', ages: [12, 17], weight: 5, sources: [['6', 50], ['2A', 30], ['1A', 10], ['3E', 10]],
    factors: (r, _a, found) => uniq([...(found ? ['17A'] : []), r.chance(0.6) ? '22A' : '11A', '10A', ...maybe(r, 0.3, '13A'), ...maybe(r, 0.3, '2A')]),
    concern: (c) => `${c.n} has been reported missing five times in two months, was found in another town with cash and two phones, and is being collected from school by older young people in cars.`,
    police: (c) => `${c.n} is linked to a county line on intelligence; stopped twice with older males known for drug supply. National Referral Mechanism referral being considered.`,
    quotes: {
      young: [],
      middle: ['They’re my mates, they look after me.', 'I don’t want to talk about where I go.', 'I get bored at home.'],
      teen: ['I owe them money. If I stop they’ll come to the house.', 'You lot can’t do anything anyway.', 'I want to go back to school but I can’t get out of it.'],
    },
    parents: ['Mother is frightened for her son and wants help to keep him at home.', 'Parents feel they have lost control and asked for a break from caring.', 'Mother says the police are not doing enough about the adults involved.'],
  },
];

const NEED: readonly Scenario[] = [
  {
    key: 'disability', harm: false, category: null, need: 'N2', ages: [0, 17], weight: 12, sources: [['3F', 30], ['2A', 20], ['3A', 20], ['1A', 20], ['5B', 10]],
    factors: (r, age) => uniq([r.chance(0.6) ? '5A' : '6A', ...maybe(r, 0.3, '4B'), ...(age >= 8 ? maybe(r, 0.1, '7A') : [])]),
    concern: (c) => `${c.n} has complex needs and ${c.his} parents are exhausted; they have asked for short breaks and help with ${c.his} care at night.`,
    police: () => 'Not known.',
    quotes: {
      young: ['(Uses a few signs: “more”, “home”, “mummy”.)', 'I like the swings.', 'I like my bus to school.'],
      middle: ['I want to go to the club on Saturdays like my friends.', 'I like it when Mum isn’t tired.', 'I want to do things on my own.'],
      teen: ['I want to go to college next year.', 'I don’t want to be treated like a baby.', 'I’d like to do more things without my mum.'],
    },
    parents: ['Parents want short breaks so they can keep caring for their child at home.'],
  },
  {
    key: 'parent_illness', harm: false, category: null, need: 'N3', ages: [0, 17], weight: 8, sources: [['3A', 30], ['2A', 30], ['1A', 20], ['5B', 20]],
    factors: (r, age) => uniq([r.chance(0.6) ? '6B' : '4B', ...(age >= 8 ? maybe(r, 0.6, '7A') : ['24A'])]),
    concern: (c) => `${c.mum} has multiple sclerosis and has become much less mobile; ${c.n} is doing most of the cooking and care and is falling behind at school.`,
    police: () => 'Not known.',
    quotes: {
      young: ['I help Mummy with her shoes.', 'I like it when Mummy reads to me.', 'I want to go to the park more.'],
      middle: ['I don’t mind helping Mum, but I’m tired at school.', 'I’d like to go to the young carers club.', 'I worry about Mum when I’m out.'],
      teen: ['I can’t go out with my friends because of Mum.', 'I want help for Mum so I can do my exams.', 'I don’t want anyone to think Mum’s a bad mum.'],
    },
    parents: ['Mother wants care for herself so her children can be children.'],
  },
  {
    key: 'family_stress', harm: false, category: null, need: 'N4', ages: [0, 17], weight: 22, sources: SCHOOL_SOURCES,
    factors: (r) => uniq(['4B', ...maybe(r, 0.3, '3B'), ...maybe(r, 0.3, '24A'), ...maybe(r, 0.1, '1B')]),
    concern: (c) => `The family are in rent arrears and face eviction; ${c.mum} has told the school she cannot cope, and ${c.n}’s attendance has fallen to 78%.`,
    police: () => 'Not known.',
    quotes: {
      young: ['Mummy is sad a lot.', 'I like my teacher.', 'I want to stay in my house.'],
      middle: ['I don’t want to move schools.', 'Mum cries when the letters come.', 'I’m OK, I just worry.'],
      teen: ['It’s been hard since Dad left.', 'I want things to be normal again.', 'I don’t want a social worker, I want Mum to get help.'],
    },
    parents: ['Mother welcomes help with the housing and the children’s school attendance.'],
  },
  {
    key: 'dysfunction', harm: false, category: null, need: 'N5', ages: [0, 17], weight: 22, sources: POLICE_SOURCES,
    factors: (r) => uniq(['3B', ...maybe(r, 0.4, '1B'), ...maybe(r, 0.3, '2B'), ...maybe(r, 0.2, '4B')]),
    concern: (c) => `Police attended a verbal argument between ${c.mum} and her ex-partner at a contact handover; ${c.n} was upset, and there have been two earlier incidents this year.`,
    police: () => 'Three domestic incidents in 12 months, all assessed standard risk; no arrests.',
    quotes: {
      young: ['Mummy and Daddy shout.', 'I like going to Daddy’s at the weekend.', 'I don’t like the police car.'],
      middle: ['I want them to stop arguing about me.', 'I like seeing Dad but not when they fight.', 'I’m fine, really.'],
      teen: ['They need to sort themselves out.', 'I don’t want to pick sides.', 'It’s better now they’re apart.'],
    },
    parents: ['Parents agree the arguments affect the children and will use a contact centre for handovers.'],
  },
  {
    key: 'behaviour', harm: false, category: null, need: 'N6', ages: [11, 17], weight: 10, sources: [['2A', 45], ['6', 35], ['1A', 10], ['5D', 10]],
    factors: (r) => uniq(['14A', ...maybe(r, 0.4, '10A'), ...maybe(r, 0.2, '13A'), ...maybe(r, 0.3, '2A'), ...maybe(r, 0.3, '4A'), ...maybe(r, 0.15, '15A')]),
    concern: (c) => `${c.n} has been excluded from school twice this term, is staying out late and was arrested for criminal damage; ${c.mum} says she cannot manage ${c.his} behaviour.`,
    police: (c) => `${c.n} was arrested for criminal damage and released under investigation; two missing episodes this year.`,
    quotes: {
      young: [],
      middle: ['Everyone blames me for everything.', 'School is boring.', 'I get angry and I don’t know why.'],
      teen: ['I’m not a bad person, I just get wound up.', 'I want to go to college to do mechanics.', 'Home is rubbish so I go out.'],
    },
    parents: ['Mother wants help to set boundaries and keep her son in school.'],
  },
  {
    key: 'absent', harm: false, category: null, need: 'N8', ages: [0, 17], weight: 4, sources: [['1A', 40], ['2A', 30], ['5A', 30]],
    factors: (r) => uniq(['24A', ...maybe(r, 0.4, '2B'), ...maybe(r, 0.3, '4B')]),
    concern: (c) => `${c.n}’s mother is in prison and ${c.his} grandmother has taken over ${c.his} care without any support or legal order.`,
    police: () => 'The mother is serving a custodial sentence; no concerns about the grandmother.',
    quotes: {
      young: ['I live with Nana now.', 'I miss Mummy.', 'Nana makes nice tea.'],
      middle: ['I want to visit Mum.', 'I like living with Nan.', 'I don’t want to move again.'],
      teen: ['Nan’s been great. I want to stay with her.', 'I don’t want to talk about Mum.', 'I just want it sorted so Nan gets help.'],
    },
    parents: ['Grandmother wants to keep caring and needs financial support and a legal order.'],
  },
  {
    key: 'low_income', harm: false, category: null, need: 'N7', ages: [0, 17], weight: 2, sources: [['4', 40], ['2A', 40], ['5B', 20]],
    factors: (r) => uniq(['24A', ...maybe(r, 0.4, '6B')]),
    concern: (c) => `The family has had no income for six weeks after a benefits sanction; there is no gas or electricity credit and ${c.n} has been going to school hungry.`,
    police: () => 'Not known.',
    quotes: {
      young: ['It’s cold at home.', 'I like school breakfast club.', 'We had candles.'],
      middle: ['We’ve had no telly or lights.', 'I don’t ask Mum for things any more.', 'School gave us a food parcel.'],
      teen: ['I’m going to get a job to help out.', 'It’s not Mum’s fault.', 'I don’t want people at school to know.'],
    },
    parents: ['Mother wants help with the benefits and debts.'],
  },
  {
    key: 'da_cin', harm: false, category: null, need: 'N1', ages: [0, 17], weight: 20, sources: POLICE_SOURCES,
    factors: (r, age) => uniq(['3B', ...maybe(r, 0.35, '17A'), ...maybe(r, 0.3, '1B'), ...(age >= 13 ? maybe(r, 0.2, '3A') : [])]),
    concern: (c) => `Police attended a domestic incident where ${c.dad} pushed ${c.mum}; ${c.n} was in the house. ${c.dad} has since moved out and ${c.mum} has engaged with the domestic abuse service.`,
    police: (c) => `One recorded assault, ${c.dad} charged; a restraining order applied for. DASH medium risk.`,
    quotes: {
      young: ['Daddy pushed Mummy.', 'I like it quiet now.', 'I want a cuddle.'],
      middle: ['It’s better since Dad left.', 'I still see Dad at Nan’s.', 'I don’t like remembering it.'],
      teen: ['I’m glad Mum got him out.', 'I want Mum to be OK.', 'I don’t need a social worker now he’s gone.'],
    },
    parents: ['Mother has ended the relationship and wants support for the children.'],
  },
];

// ——— words ———

const HEALTH_LINES = [
  (c: Ctx) => (c.age < 5 ? `Health visitor: ${c.n} is behind with immunisations and development checks; last seen four months ago.` : `School nurse: ${c.n} is registered with a GP; dental check overdue; no recent attendances.`),
  (c: Ctx) => `GP: ${c.n} seen twice this year for minor illness; no concerns noted; the parents’ records show ${c.age < 5 ? 'postnatal depression' : 'anxiety and low mood'}.`,
  (c: Ctx) => `Emergency department: ${c.n} attended once this year after a fall; the discharge summary noted no safeguarding concerns at the time.`,
];
const SCHOOL_LINES = [
  (c: Ctx) => `${c.school}: attendance 84% this term, often late, sometimes without a coat or lunch.`,
  (c: Ctx) => `${c.school}: ${c.n} is quiet and withdrawn; staff have logged three concerns this term.`,
  (c: Ctx) => `${c.school}: attendance 96%; ${c.n} is doing well and has a trusted adult in school.`,
];
const ANALYSIS = (c: Ctx, s: Scenario, found: boolean) =>
  found
    ? `${c.n}’s experience at home: ${s.concern(c)} Strengths: ${c.mum} loves ${c.him} and has engaged with the assessment; ${c.n} has a supportive grandparent. The risks are current and not reducing without a plan.`
    : `${s.concern(c)} The assessment found the family able to meet ${c.n}’s needs with the support agreed; the concerns that started the referral were not borne out.`;

const CORE_GROUP_NOTES = [
  'Plan reviewed line by line; actions on track. School report better attendance; health visitor to continue weekly visits.',
  'Parents attended. Drug testing results shared; one positive test. Social worker to increase visits; police to update on bail conditions.',
  'Some progress: home conditions better at the last two visits. Nursery place started. Next step: parenting course.',
  'Limited progress. Missed appointments with the substance misuse service. Chair informed; legal planning meeting to be considered.',
  'Core group agreed the child’s wishes be central: the advocate shared what the child wants. Contact arrangements reviewed.',
  'Housing confirmed a move; the plan updated for the new address and school. Domestic abuse worker reported the safety plan is in place.',
];
const VISIT_NOTES_SEEN = [
  'Seen at home with mum. Home warm and tidy; food in the fridge. Child chatty and relaxed.',
  'Seen at school. Talked about friends and what is going well; no new worries.',
  'Seen at home. Bedroom checked: clean bedding, toys. Parent more settled this week.',
  'Seen at home; house cluttered again and little food. Discussed with parent; food bank voucher given and manager informed.',
  'Seen at the contact centre and then at home; child happy to see the social worker, showed their drawings.',
  'Seen at home after school; completed a three houses worksheet together.',
];
const VISIT_NOTES_ALONE = ['Seen alone in their bedroom; said things are calmer at home.', 'Seen alone at school; spoke about worries about dad coming back.', 'Seen alone on a walk to the shop; said they feel safer.'];
const VISIT_NOTES_UNSEEN = ['No answer at the door; card left, parent rang back and the visit was rearranged for two days later.', 'Family out at a hospital appointment; seen the next day at school instead.', 'Parent refused entry; manager informed and a joint visit planned with police.'];
const CIN_REVIEW_NOTES = [
  'Plan reviewed with the family and school; attendance better, family support worker visiting weekly. Plan continues.',
  'Short breaks started and working well. Parents feel more able to cope. Plan continues.',
  'Needs now met: the family is managing with universal support. Plan to close.',
  'Good progress with the housing move and budgeting; school report the child is settled.',
  'Some drift: actions from the last review not done. Manager to check in; plan continues with new dates.',
];

// ——— helpers ———

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows in batches, each as one JSON parameter that PostgreSQL unpacks (as the adults' demo does). */
async function insertMany(db: Database, table: PgTable, values: readonly object[]): Promise<void> {
  if (values.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(values.flatMap((v) => Object.keys(v)))].filter((k) => columns[k]);
  const names = sql.join(keys.map((k) => sql.identifier(columns[k]!.name)), sql`, `);
  for (const part of chunks(values, 4000)) {
    const json = JSON.stringify(part.map((v) => Object.fromEntries(keys.map((k) => [columns[k]!.name, (v as Record<string, unknown>)[k] ?? null]))));
    await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json)`);
  }
}

/** Working days as indexes, so adding and counting them is a lookup (the calendar's own rules: the start day not counted). */
class WorkingDays {
  private readonly days: number[] = [];
  private readonly floor: Int32Array;
  constructor(
    calendar: WorkingCalendar,
    private readonly base: number,
    to: number,
  ) {
    this.floor = new Int32Array(to - base + 1);
    let idx = -1;
    for (let d = base; d <= to; d += 1) {
      if (calendar.isWorkingDay(fromDayNumber(d))) {
        this.days.push(d);
        idx += 1;
      }
      this.floor[d - base] = idx;
    }
  }
  isWorking(d: number): boolean {
    const i = this.floor[d - this.base]!;
    return i >= 0 && this.days[i] === d;
  }
  /** `n` working days after `d` (n ≥ 0, as the calendar), or the |n|th working day before it. */
  add(d: number, n: number): number {
    if (n === 0) return d;
    const i = this.floor[d - this.base]!;
    return this.days[n > 0 ? i + n : this.isWorking(d) ? i + n : i + 1 + n]!;
  }
  /** Working days after `a` up to and including `b`. */
  between(a: number, b: number): number {
    return this.floor[b - this.base]! - this.floor[a - this.base]!;
  }
  onOrAfter(d: number): number {
    return this.isWorking(d) ? d : this.add(d, 1);
  }
  onOrBefore(d: number): number {
    return this.isWorking(d) ? d : this.add(d, -1);
  }
}

interface At {
  day: number;
  min: number;
}

interface Case {
  family: Family;
  referralDay: number;
  closeDay: number | null;
  referrals: Insert<typeof cscReferral>[];
  assessments: Insert<typeof childAssessment>[];
  strategies: Insert<typeof strategyDiscussion>[];
  s47s: Insert<typeof s47Enquiry>[];
  conferences: Insert<typeof cpConference>[];
  invites: Insert<typeof conferenceInvite>[];
  plans: Insert<typeof childPlan>[];
  coreGroups: Insert<typeof coreGroup>[];
  visits: Insert<typeof planVisit>[];
  reviews: Insert<typeof planReview>[];
  worker: string;
  /** What is open at now, for choosing the demo social worker's cases. */
  openKind: 'cp' | 'cin' | 'assessment' | 's47' | 'looked_after' | null;
}

const pronouns = (female: boolean) => (female ? { he: 'she', He: 'She', his: 'her', him: 'her' } : { he: 'he', He: 'He', his: 'his', him: 'him' });

export async function seedChildrenDemo(db: Database, input: ChildrenSeedInput): Promise<ChildrenSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar, scale, log } = input;
  const empty: ChildrenSeedSummary = { children: 0, referrals: 0, referralsInYear: 0, assessments: 0, strategyDiscussions: 0, s47: 0, conferences: 0, invites: 0, plans: 0, cpPlansOpen: 0, cinPlansOpen: 0, coreGroups: 0, visits: 0, reviews: 0, staff: 0 };
  const cscOrNull = agencyIds.get('csc');
  const worker0 = userIds.get('social-worker');
  const manager0 = userIds.get('csc-manager');
  const chair0 = userIds.get('chair');
  if (!cscOrNull || !worker0 || !manager0 || !chair0) {
    log('children’s social care: no children’s services agency or its demo users, nothing seeded');
    return empty;
  }
  const csc: string = cscOrNull;
  const demoWorker: string = worker0;
  const demoManager: string = manager0;
  const demoChair: string = chair0;
  const random = new Random(SEED);
  const r = random;
  const zone = calendar.timeZone;
  const nowWall = wallTime(now, zone);
  const todayN = toDayNumber(nowWall.date);
  const nowMin = nowWall.minutes;
  const yearStartN = todayN - 365;
  const simStartN = todayN - SIMULATED_DAYS;
  const wd = new WorkingDays(calendar, simStartN - 400, todayN + 800);
  // Noon on each day as an instant, remembered: every time the demo uses is after the clocks change at 01:00–02:00.
  const noon = new Map<number, number>();
  const at = (a: At) => {
    let t = noon.get(a.day);
    if (t === undefined) {
      t = instantAt(fromDayNumber(a.day), 12 * 60, zone).getTime();
      noon.set(a.day, t);
    }
    return new Date(t + (a.min - 12 * 60) * MINUTE);
  };
  const closeOf = (day: number) => at({ day, min: calendar.dayEnd });
  const past = (a: At) => a.day < todayN || (a.day === todayN && a.min <= nowMin - 20);
  // Dates as text and back, remembered (a year of visits asks for the same few hundred days many times).
  const isoDays = new Map<number, string>();
  const isoDay = (d: number) => {
    let v = isoDays.get(d);
    if (v === undefined) {
      v = fromDayNumber(d);
      isoDays.set(d, v);
    }
    return v;
  };
  const dayNumbers = new Map<string, number>();
  const dayOf = (date: string) => {
    let v = dayNumbers.get(date);
    if (v === undefined) {
      v = toDayNumber(date);
      dayNumbers.set(date, v);
    }
    return v;
  };
  const plusMonths = (day: number, months: number) => addMonths(isoDay(day), months);
  const slot = (day: number, from: number, to: number): At => ({ day, min: r.int(from, to) });
  const later = (a: At, b: At) => (a.day > b.day || (a.day === b.day && a.min > b.min) ? a : b);
  const after = (a: At, b: At) => a.day > b.day || (a.day === b.day && a.min > b.min);
  /** An instant no later than a few minutes before now (records written after what they record). */
  const upToNow = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 5 * MINUTE));

  const police = agencyIds.get('police') ?? null;
  const health = agencyIds.get('health') ?? null;
  const housing = agencyIds.get('housing') ?? null;
  const daService = agencyIds.get('da') ?? null;
  const partnerUser: Record<string, string | null> = {};
  if (police) partnerUser[police] = userIds.get('police') ?? null;
  if (health) partnerUser[health] = userIds.get('health') ?? null;
  const schoolKey = (urn: string) => agencyIds.get(`school:${urn}`) ?? null;
  if (schoolKey('990101')) partnerUser[schoolKey('990101')!] = userIds.get('dsl') ?? null;
  if (schoolKey('990401')) partnerUser[schoolKey('990401')!] = userIds.get('dsl2') ?? null;
  const agencyNames = new Map((await rows<{ id: string; name: string }>(db, sql`select id, name from agency where tenant_id = ${tenantId}`)).map((a) => [a.id, a.name]));
  const userNames = new Map((await rows<{ id: string; display_name: string }>(db, sql`select id, display_name from app_user where tenant_id = ${tenantId}`)).map((u) => [u.id, u.display_name]));

  // ——— the service's staff: the demo users and a few more, so caseloads read true ———
  const teams = new Map((await rows<{ id: string; name: string }>(db, sql`select id, name from team where agency_id = ${csc}`)).map((t) => [t.name, t.id]));
  const staffRows: Insert<typeof appUser>[] = [];
  const staffRoles: Insert<typeof roleAssignment>[] = [];
  const emails = new Set((await rows<{ email: string }>(db, sql`select email from app_user`)).map((u) => u.email));
  const makeStaff = (role: string, team: string | undefined, count: number): string[] => {
    const ids: string[] = [];
    while (ids.length < count) {
      const female = r.chance(0.8);
      const given = r.pick(female ? [...GIVEN_FEMALE, 'Claire', 'Joanne', 'Rachel', 'Hannah', 'Lucy'] : [...GIVEN_MALE, 'Simon', 'Gareth', 'Neil']);
      const family = r.pick(MORE_FAMILY);
      const email = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + '@staff.demo.threshold.test';
      if (emails.has(email)) continue;
      emails.add(email);
      const id = crypto.randomUUID();
      staffRows.push({ id, tenantId, agencyId: csc, teamId: team ? (teams.get(team) ?? null) : null, email, displayName: `${given} ${family}` });
      staffRoles.push({ tenantId, userId: id, role });
      userNames.set(id, `${given} ${family}`);
      ids.push(id);
    }
    return ids;
  };
  const staffScale = Math.max(0.2, Math.min(1, scale));
  const workers = [...makeStaff('social_worker', 'Assessment Team', Math.max(3, Math.round(18 * staffScale))), ...makeStaff('social_worker', 'Locality Social Work (North)', Math.max(3, Math.round(22 * staffScale)))];
  const managers = [demoManager, ...makeStaff('csc_team_manager', 'Locality Social Work (North)', Math.max(1, Math.round(4 * staffScale)))];
  const chairs = [demoChair, ...makeStaff('conference_chair', 'Safeguarding and Quality Assurance', Math.max(1, Math.round(4 * staffScale)))];
  const nameOf = (id: string | null | undefined) => (id ? (userNames.get(id) ?? 'the social worker') : 'the social worker');

  // ——— schools ———
  const schoolFor = (kid: Kid, day: number): string | null => {
    const age = Math.floor((day - kid.dobN) / 365.25);
    const urn =
      age < 2
        ? null
        : kid.disabled && age >= 4
          ? '990301'
          : age < 4
            ? '990501'
            : age < 11
              ? age <= 7 && (kid.dobN % 7 === 0) ? '990103' : kid.dobN % 5 < 3 ? '990101' : '990102'
              : age < 16
                ? kid.dobN % 2 === 0 ? '990201' : '990202'
                : '990401';
    return urn ? schoolKey(urn) : null;
  };

  // ——— the register: names taken already, so a year of children adds no namesakes ———
  const namesTaken = new Set((await rows<{ name: string }>(db, sql`select lower(given_names || ' ' || family_name) as name from person_name where tenant_id = ${tenantId}`)).map((x) => x.name));
  let nhsN = 0;
  const nextNhs = () => {
    for (;;) {
      nhsN += 1;
      const n = nhsNumberFromNine(String(999_300_000 + nhsN));
      if (n) return n;
    }
  };
  let upnN = 0;
  const nextUpn = (startedSchool: number) => {
    upnN += 1;
    const twelve = `372${String(4000 + Math.floor(upnN / 1000)).padStart(4, '0')}${String(startedSchool % 100).padStart(2, '0')}${String(upnN % 1000).padStart(3, '0')}`;
    return `${upnCheckLetter(twelve)}${twelve}`;
  };

  const familyOf = (): Family => {
    const group = r.weighted(GROUPS);
    const names = group === 'british' || group === 'mixed' ? null : GROUP_NAMES[group];
    const surname = names ? r.pick(names.family) : r.pick(BRITISH_FAMILY);
    return {
      surname,
      group,
      line1: `${r.int(1, 180)} ${r.pick(STREETS)}`,
      town: r.pick(TOWNS),
      postcode: syntheticPostcode(r.int(1, 9), r.int(1, 9), r.pick(POSTCODE_UNITS)),
      mum: names ? r.pick(names.mothers) : r.pick(MOTHERS),
      dad: r.chance(0.75) ? (names && group === 'south_asian' ? r.pick(['Imran', 'Tariq', 'Asif', 'Naveed']) : r.pick(FATHERS)) : null,
      kids: [],
      closedDay: -Infinity,
      lastReferralDay: -Infinity,
      cpEndedDay: null,
      cases: [],
    };
  };
  const addKid = (f: Family, dobN: number) => {
    const female = r.chance(0.49);
    const names = f.group === 'british' || f.group === 'mixed' ? null : GROUP_NAMES[f.group];
    const taken = new Set(f.kids.map((k) => k.given));
    let given = r.pick(names ? (female ? names.f : names.m) : female ? CHILD_F : CHILD_M);
    for (let tries = 0; tries < 30 && (taken.has(given) || namesTaken.has(`${given} ${f.surname}`.toLowerCase())); tries += 1) {
      given = r.pick(names && tries < 10 ? (female ? names.f : names.m) : female ? CHILD_F : CHILD_M);
    }
    if (namesTaken.has(`${given} ${f.surname}`.toLowerCase())) return;
    namesTaken.add(`${given} ${f.surname}`.toLowerCase());
    const ethnicity = r.weighted(GROUP_ETHNICITY[f.group]);
    const kid: Kid = { id: crypto.randomUUID(), given, family: f.surname, female, dobN, ethnicity, language: GROUP_LANGUAGE[f.group], nhs: r.chance(0.9) ? nextNhs() : null, upn: null, disabled: false, referred: false, firstReferral: null };
    f.kids.push(kid);
  };
  /** A new family whose eldest child is `age` on `day`, with younger brothers and sisters a year or more apart. */
  const newFamily = (day: number, ages: readonly [number, number], plan: boolean): Family => {
    const f = familyOf();
    const hi = Math.min(ages[1], plan ? 15 : 17);
    const band = r.weighted([[[0, 0], 12], [[1, 4], 22], [[5, 9], 27], [[10, 15], 30], [[16, 17], 9]] as const);
    let eldest = Math.max(ages[0], Math.min(hi, r.int(band[0], band[1])));
    if (eldest > hi) eldest = hi;
    const count = r.weighted([[1, 52], [2, 29], [3, 14], [4, 5]] as const);
    let age = eldest;
    for (let k = 0; k < count && age >= 0; k += 1) {
      const dobN = age === 0 ? day - r.int(14, 330) : day - Math.floor(age * 365.25) - r.int(0, 360);
      addKid(f, dobN);
      age -= r.int(1, 5);
    }
    return f;
  };
  /** Whole years on a day (a day either side of a birthday in a leap year makes no difference to the demo). */
  const ageOnDay = (k: Kid, day: number) => Math.floor((day - k.dobN) / 365.2425);
  const eligible = (f: Family, day: number, s: Scenario, plan: boolean) =>
    f.kids.filter((k) => k.dobN < day - 7 && day - k.dobN < 6570 && ageOnDay(k, day) >= s.ages[0] && ageOnDay(k, day) <= Math.min(s.ages[1], plan ? 15 : 17));

  // ——— the simulation: referrals day by day, each followed to its end ———
  const families: Family[] = [];
  const cases: Case[] = [];
  const perYear = REFERRALS_PER_YEAR * scale;
  let referredSoFar = 0;
  let refStamp = 0;
  for (let day = simStartN; day <= todayN; day += 1) {
    const target = ((day - simStartN + 1) / 365) * perYear;
    const working = wd.isWorking(day);
    if (!working && !r.chance(0.15)) continue;
    while (referredSoFar < target) {
      const minute = working ? r.int(8 * 60 + 30, 17 * 60) : r.int(10 * 60, 21 * 60);
      if (day === todayN && minute > nowMin - 30) break;
      const made = referral(day, minute);
      referredSoFar += made;
      if (!working) break;
    }
  }

  function chooseTrack() {
    if (r.chance(NFA_WITHOUT_ASSESSMENT)) return { kind: 'nfa' as const, scenario: r.weighted(NEED.map((s) => [s, s.weight] as const)) };
    if (r.chance(STRATEGY_SHARE)) {
      const decision = r.weighted([['s47', 92], ['cin', 5], ['nfa', 3]] as const);
      const outcome = decision === 's47' ? r.weighted(S47_OUTCOMES) : null;
      const icpcPlan = outcome === 'substantiated_icpc' ? r.chance(0.88) : false;
      return { kind: 'strategy' as const, decision, outcome, icpcPlan, scenario: r.weighted(HARM.map((s) => [s, s.weight] as const)) };
    }
    const outcome = r.weighted([['cin_plan', 40], ['early_help', 25], ['nfa', 35]] as const);
    return { kind: 'assess' as const, outcome, scenario: r.weighted(NEED.map((s) => [s, s.weight] as const)) };
  }

  /** One family's referral on `day`: the children referred and everything that followed. Returns the children referred. */
  function referral(day: number, minute: number): number {
    const track = chooseTrack();
    const s = track.scenario;
    const plans =
      (track.kind === 'assess' && track.outcome === 'cin_plan') ||
      (track.kind === 'strategy' && (track.decision === 'cin' || (track.outcome !== null && ['substantiated_icpc', 'cin', 'substantiated_no_icpc'].includes(track.outcome))));
    const toCp = track.kind === 'strategy' && track.icpcPlan;
    // Who: a family with an earlier plan (second plans), a family referred again within 12 months, or a new one.
    const yearBefore = toDayNumber(addMonths(fromDayNumber(day), -12));
    let family: Family | null = null;
    // Families are kept in order of their last referral: a few tries at random among those referred since `since`.
    const pickFrom = (filter: (f: Family) => boolean, since = -Infinity) => {
      let lo = 0;
      let hi = families.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (families[mid]!.lastReferralDay < since) lo = mid + 1;
        else hi = mid;
      }
      if (lo >= families.length) return null;
      for (let tries = 0; tries < 60; tries += 1) {
        const f = families[r.int(lo, families.length - 1)]!;
        if (f.closedDay < day && filter(f) && eligible(f, day, s, plans).length > 0) return f;
      }
      return null;
    };
    if (toCp && r.chance(SECOND_PLAN)) family = pickFrom((f) => f.cpEndedDay !== null && f.cpEndedDay < day - 60);
    if (!family && r.chance(RE_REFERRAL)) family = pickFrom(() => true, yearBefore);
    if (!family) {
      family = newFamily(day, s.ages, plans);
      families.push(family);
    } else {
      // Keep the recently active families at the end, where the pools look first.
      const i = families.indexOf(family);
      families.splice(i, 1);
      families.push(family);
    }
    const kids = eligible(family, day, s, plans);
    family.lastReferralDay = day;
    if (kids.length === 0) return 0;
    runCase(family, kids, { day, min: minute }, track);
    return kids.length;
  }

  function runCase(family: Family, kids: Kid[], R: At, track: ReturnType<typeof chooseTrack>): void {
    const s = track.scenario;
    const worker = r.pick(workers);
    const manager = r.pick(managers);
    const kase: Case = { family, referralDay: R.day, closeDay: null, referrals: [], assessments: [], strategies: [], s47s: [], conferences: [], invites: [], plans: [], coreGroups: [], visits: [], reviews: [], worker, openKind: null };
    family.cases.push(kase);
    family.lastReferralDay = R.day;
    cases.push(kase);
    const route = track.kind === 'strategy' && r.chance(0.45) ? 'strategy_discussion' : 'referral_csc';
    const source = r.weighted(s.sources);
    const limitDay = Math.min(...kids.map((k) => toDayNumber(addMonths(fromDayNumber(k.dobN), 18 * 12)))) - 20;
    const ctxOf = (k: Kid, day: number): Ctx => {
      const p = pronouns(k.female);
      const school = schoolFor(k, day);
      return { n: k.given, ...p, age: ageOnDay(k, day), mum: family.mum, dad: family.dad ?? 'her former partner', school: school ? (agencyNames.get(school) ?? 'school') : 'nursery' };
    };
    const referredAt = at(R);
    const restricted = r.chance(0.01);
    const refRows = kids.map((k) => {
      refStamp += 1;
      k.referred = true;
      k.firstReferral ??= referredAt;
      const row: Insert<typeof cscReferral> & { stamp: number } = {
        id: crypto.randomUUID(),
        tenantId,
        reference: '',
        contactId: null,
        route,
        owningAgencyId: csc,
        personId: k.id,
        childName: `${k.given} ${k.family}`,
        referredAt,
        sourceCode: source,
        primaryNeedCode: null,
        nfa: false,
        status: 'open',
        allocatedUserId: worker,
        restricted,
        createdAt: referredAt,
        stamp: refStamp,
      };
      kase.referrals.push(row);
      return row;
    });
    const close = (when: At, reason: string, nfa = false) => {
      if (!past(when)) return;
      for (const row of refRows) {
        row.status = 'closed';
        row.closedAt = at(when);
        row.closureReason = reason;
        row.nfa = nfa;
      }
      kase.closeDay = when.day;
      family.closedDay = when.day;
      kase.openKind = null;
    };
    family.closedDay = Infinity;

    // A referral closed with no further action on the day it was made (no assessment).
    if (track.kind === 'nfa') {
      for (const row of refRows) row.primaryNeedCode = 'N0';
      close({ day: R.day, min: Math.min(R.min + r.int(30, 150), 23 * 60 + 30) }, 'RC8', true);
      if (kase.closeDay === null) kase.openKind = 'assessment';
      return;
    }

    // ——— what the assessment finds, decided now and told as it happens ———
    const found = track.kind === 'strategy' ? track.outcome === 'substantiated_icpc' || track.outcome === 'substantiated_no_icpc' : true;
    const needFor = () => {
      if (track.kind === 'strategy') {
        if (track.decision === 'nfa' || track.outcome === 'not_substantiated' || track.outcome === 'nfa') return r.weighted([['N4', 45], ['N5', 35], ['N9', 20]] as const);
        return r.chance(0.88) ? 'N1' : r.pick(['N4', 'N5']);
      }
      if (track.outcome === 'nfa') return r.chance(0.4) ? 'N9' : s.need;
      return s.need;
    };
    const need = needFor();
    for (const row of refRows) row.primaryNeedCode = need;
    const assessmentOutcome =
      track.kind === 'assess'
        ? track.outcome
        : track.decision === 'nfa'
          ? 'nfa'
          : track.decision === 'cin'
            ? 'cin_plan'
            : track.outcome === 'substantiated_icpc'
              ? 'strategy_discussion'
              : track.outcome === 'cin' || track.outcome === 'substantiated_no_icpc'
                ? 'cin_plan'
                : track.outcome === 'not_substantiated' && r.chance(0.4)
                  ? 'early_help'
                  : 'nfa';

    // ——— strategy discussion and section 47 ———
    let S: At | null = null;
    if (track.kind === 'strategy') {
      const sDay = route === 'strategy_discussion' ? (wd.isWorking(R.day) && R.min < 14 * 60 ? R.day : wd.add(R.day, 1)) : wd.add(R.day, r.int(1, 12));
      S = { day: sDay, min: sDay === R.day ? Math.max(R.min + 30, r.int(10 * 60, 14 * 60)) : r.int(9 * 60 + 30, 14 * 60 + 30) };
    }
    // The assessment: started within a few days (the same day for a child at risk), authorised 78% within 45 working days.
    const aStart = S ? (S.day === R.day ? { day: R.day, min: Math.min(S.min + 20, 16 * 60 + 50) } : slot(wd.add(R.day, r.int(0, 1)), 9 * 60 + 15, 16 * 60 + 30)) : slot(wd.add(R.day, r.int(0, 3)), 9 * 60 + 15, 16 * 60 + 30);
    const aStartAt = after(aStart, R) ? aStart : { day: R.day, min: Math.min(R.min + 15, 23 * 60 + 40) };
    const dueDay = wd.add(R.day, 45);
    const inTime = r.chance(ASSESSMENT_IN_TIME);
    const authDay = inTime ? wd.add(R.day, Math.max(wd.between(R.day, aStartAt.day) + 3, Math.round(45 - Math.pow(r.next(), 1.6) * 35))) : wd.add(R.day, r.int(46, 72));
    const authAt = slot(authDay, 9 * 60 + 30, 16 * 60 + 45);
    const submitDay = wd.add(authDay, -r.int(0, 2));
    const submitAt = submitDay < authDay ? slot(submitDay, 9 * 60, 16 * 60 + 30) : { day: authDay, min: authAt.min - r.int(15, 60) };
    const seenDay = wd.add(R.day, S ? r.int(0, 1) : r.int(1, 6));
    for (const [i, k] of kids.entries()) {
      const c = ctxOf(k, R.day);
      const started = past(aStartAt);
      const submitted = past(submitAt);
      const authorised = past(authAt);
      const seenOn = seenDay <= todayN && (submitted || r.chance(0.7)) ? isoDay(Math.max(seenDay, R.day)) : null;
      const seenAlone = c.age >= 5 ? r.chance(c.age >= 8 ? 0.78 : 0.55) : false;
      const views = viewsOf(k, c, s, seenAlone);
      const factors = s.factors(r, c.age, found);
      const category = s.category;
      if (track.kind === 'strategy' && track.icpcPlan && category && categoryFromFactors(factors) !== category) factors.unshift(...(category === 'MUL' ? ['16A', '17A'] : [CAT_FACTOR[category]]));
      kase.assessments.push({
        id: crypto.randomUUID(),
        tenantId,
        referralId: refRows[i]!.id!,
        personId: k.id,
        startedAt: started ? at(aStartAt) : null,
        dueAt: closeOf(dueDay),
        status: authorised ? 'authorised' : submitted ? 'awaiting_authorisation' : started ? 'in_progress' : 'not_started',
        factors: submitted ? uniq(factors) : started && r.chance(0.5) ? uniq(factors).slice(0, 1) : [],
        seenOn: started ? seenOn : null,
        seenAlone: started && seenOn ? seenAlone : null,
        viewsHow: submitted || (started && seenOn) ? views.how : null,
        viewsWhat: submitted || (started && seenOn) ? views.what : null,
        viewsBy: submitted || (started && seenOn) ? `${nameOf(worker)}, social worker` : null,
        analysis: submitted ? ANALYSIS(c, s, found || track.kind === 'assess') : null,
        outcome: submitted ? assessmentOutcome : null,
        submittedAt: submitted ? at(submitAt) : null,
        submittedByUserId: submitted ? worker : null,
        authorisedAt: authorised ? at(authAt) : null,
        authorisedByUserId: authorised ? manager : null,
        createdAt: referredAt,
      });
    }
    let lastActivity: At = authAt;
    if (!past(aStartAt) || !past(authAt)) kase.openKind = 'assessment';

    let planStart: { day: number; kind: 'cp' | 'cin'; conferenceIds: string[] | null; from: string[] | null } | null = null;
    let closeReason = assessmentOutcome === 'early_help' ? 'RC9' : assessmentOutcome === 'nfa' && track.kind === 'assess' ? 'RC8' : 'RC7';

    if (S && track.kind === 'strategy') {
      if (!past(S)) {
        kase.openKind = 'assessment';
        return;
      }
      const decision = track.decision;
      const heldAt = at(S);
      const recorded = { day: S.day, min: Math.min(S.min + r.int(25, 140), 16 * 60 + 55) };
      const outcome = track.outcome;
      const sWords = s.concern(ctxOf(kids[0]!, S.day));
      const strategyIds: string[] = [];
      for (const [i, k] of kids.entries()) {
        const c = ctxOf(k, S.day);
        const school = schoolFor(k, S.day);
        const participants: Participant[] = [
          { agencyType: 'children_social_care', agencyId: csc, name: nameOf(manager), role: 'Team manager (chair)' },
          { agencyType: 'children_social_care', agencyId: csc, name: nameOf(worker), role: 'Social worker' },
          { agencyType: 'police', agencyId: police, name: r.chance(0.3) ? nameOf(userIds.get('police')) : `DC ${r.pick(MORE_FAMILY)}`, role: 'Detective constable, public protection unit' },
          { agencyType: 'health', agencyId: health, name: r.chance(0.3) ? nameOf(userIds.get('health')) : `${r.pick(GIVEN_FEMALE)} ${r.pick(MORE_FAMILY)}`, role: c.age < 5 ? 'Health visitor' : 'Named nurse for safeguarding' },
          ...(school && r.chance(0.6) ? [{ agencyType: 'school', agencyId: school, name: partnerUser[school] ? nameOf(partnerUser[school]) : `${r.pick(GIVEN_FEMALE)} ${r.pick(MORE_FAMILY)}`, role: 'Designated safeguarding lead' }] : []),
        ];
        const id = crypto.randomUUID();
        strategyIds.push(id);
        kase.strategies.push({
          id,
          tenantId,
          referralId: refRows[i]!.id!,
          heldAt,
          recordDueAt: closeOf(S.day),
          recordedAt: upToNow(at(recorded)),
          recordedByUserId: worker,
          participants,
          informationShared: `Children’s social care: ${sWords} Police: ${s.police(c)} Health: ${r.pick(HEALTH_LINES)(c)}${school ? ` Education: ${r.pick(SCHOOL_LINES)(c)}` : ''}`,
          decision,
          reason:
            decision === 's47'
              ? `Reasonable cause to suspect ${c.n} is suffering, or likely to suffer, significant harm: a section 47 enquiry${s.category === 'SAB' || s.category === 'PHY' ? ', joint with the police' : ''}, with ${c.n} seen today.`
              : decision === 'cin'
                ? `The threshold for section 47 is not met: ${c.n} is a child in need and the assessment will continue with a support plan.`
                : 'Information from the partners shows the concern was unfounded; no further action, with advice to the family.',
        });
      }
      lastActivity = later(lastActivity, recorded);
      if (decision === 's47' && outcome) {
        const sStart = { day: S.day, min: Math.min(S.min + r.int(5, 15), 23 * 60) };
        const dueAt = closeOf(wd.add(S.day, 15));
        const icpc = outcome === 'substantiated_icpc';
        const confDay = icpc ? wd.add(S.day, r.chance(ICPC_IN_TIME) ? r.int(9, 15) : r.int(16, 24)) : null;
        const completeDay = icpc ? wd.add(S.day, Math.min(r.int(2, 6), wd.between(S.day, confDay!) - 3)) : wd.add(S.day, r.int(4, 20));
        const completed = slot(completeDay, 10 * 60, 16 * 60 + 30);
        const done = past(completed);
        const s47Ids: string[] = [];
        for (const [i, k] of kids.entries()) {
          const c = ctxOf(k, S.day);
          const id = crypto.randomUUID();
          s47Ids.push(id);
          kase.s47s.push({
            id,
            tenantId,
            referralId: refRows[i]!.id!,
            strategyDiscussionId: strategyIds[i]!,
            personId: k.id,
            startedAt: new Date(Math.max(heldAt.getTime() + MINUTE, upToNow(at(sStart)).getTime())),
            conferenceDueAt: dueAt,
            outcome: done ? outcome : null,
            outcomeReason: done ? s47Reason(outcome, c, s) : null,
            completedAt: done ? at(completed) : null,
            completedByUserId: done ? worker : null,
          });
        }
        if (!done) {
          kase.openKind = 's47';
          return;
        }
        lastActivity = later(lastActivity, completed);
        if (icpc) {
          const conf = { day: confDay!, min: r.pick([9 * 60 + 30, 10 * 60, 11 * 60, 13 * 60 + 30, 14 * 60]) };
          const chair = r.chance(0.3) ? demoChair : r.pick(chairs);
          const made = conference(kase, kids, refRows, 'initial', { s47Ids, planIds: null, dueAt, scheduled: conf, created: completed, chair, category: s.category!, scenario: s, decide: track.icpcPlan ? 'plan' : 'no_plan', worker });
          if (!made.held) {
            kase.openKind = 's47';
            return;
          }
          lastActivity = later(lastActivity, conf);
          if (track.icpcPlan) planStart = { day: conf.day, kind: 'cp', conferenceIds: made.ids, from: null };
          else if (r.chance(0.8)) planStart = { day: wd.add(conf.day, r.int(0, 3)), kind: 'cin', conferenceIds: null, from: null };
          else closeReason = 'RC9';
        } else if (outcome === 'cin' || outcome === 'substantiated_no_icpc') {
          planStart = { day: wd.add(Math.max(completeDay, authDay), r.int(0, 5)), kind: 'cin', conferenceIds: null, from: null };
        } else closeReason = assessmentOutcome === 'early_help' ? 'RC9' : 'RC7';
      } else if (decision === 'cin') {
        planStart = { day: wd.add(Math.max(authDay, S.day), r.int(0, 5)), kind: 'cin', conferenceIds: null, from: null };
      } else closeReason = 'RC8';
    } else if (track.kind === 'assess' && track.outcome === 'cin_plan') {
      planStart = { day: wd.add(authDay, r.int(0, 5)), kind: 'cin', conferenceIds: null, from: null };
    }

    // ——— plans, one after another: a child protection plan may step down to a child in need plan ———
    let ended: { day: number; reason: string } | null = null;
    while (planStart) {
      if (planStart.day > todayN || (planStart.day === todayN && planStart.kind === 'cin')) {
        // Not started yet: the case waits for it (open).
        kase.openKind = kase.openKind ?? 'assessment';
        return;
      }
      const result = planStart.kind === 'cp' ? cpPlan(kase, kids, refRows, planStart.day, planStart.conferenceIds!, s, limitDay) : cinPlan(kase, kids, refRows, planStart.day, planStart.from, s, need, limitDay);
      if (result.open) {
        kase.openKind = planStart.kind;
        return;
      }
      lastActivity = later(lastActivity, { day: result.endDay, min: 17 * 60 });
      if (planStart.kind === 'cp') family.cpEndedDay = result.endDay;
      if (result.next === 'cin') planStart = { day: result.endDay, kind: 'cin', conferenceIds: null, from: result.planIds };
      else {
        ended = { day: result.endDay, reason: result.reason };
        planStart = null;
      }
    }
    if (ended?.reason === 'looked_after') {
      kase.openKind = 'looked_after';
      family.closedDay = Infinity;
      return;
    }
    if (ended?.reason === 'moved_away') closeReason = 'RC5';
    // Closed once everything is done: after the assessment, the enquiry, the conferences and the plans.
    const closeDay = wd.add(Math.max(lastActivity.day, authDay), ended?.reason === 'moved_away' ? r.int(1, 3) : r.int(1, 8));
    close(slot(closeDay, 9 * 60 + 30, 16 * 60 + 45), closeReason);
    if (kase.closeDay === null) kase.openKind = kase.openKind ?? 'assessment';
  }

  function viewsOf(k: Kid, c: Ctx, s: Scenario, alone: boolean): { how: string; what: string } {
    if (c.age < 3) {
      const seen = r.pick(['babbled and reached for mum when she came in', 'was clean and settled and fed well during the visit', 'was quiet and watchful and did not look to mum for comfort', 'had sore nappy rash and cried when put down', 'smiled and made eye contact, and crawled to explore the room']);
      return { how: 'observation', what: `Observed at home with ${c.mum}: ${c.n} ${seen}. Too young to give views in words.` };
    }
    const pool = c.age < 8 ? s.quotes.young : c.age < 13 ? s.quotes.middle : s.quotes.teen;
    const quote = pool.length ? r.pick(pool) : 'I’m alright.';
    if (c.age < 8) return { how: r.chance(0.6) ? 'play_or_drawing' : 'with_family', what: `${c.n} drew ${c.his} family and talked about the picture. ${c.He} said: “${quote}”` };
    if (alone) return { how: 'seen_alone', what: `Seen alone at ${r.chance(0.5) ? 'school' : 'home'}. ${c.n} said: “${quote}”` };
    return { how: c.age >= 13 && r.chance(0.25) ? 'advocate' : 'with_family', what: `${c.n} said: “${quote}”` };
  }

  function s47Reason(outcome: string, c: Ctx, s: Scenario): string {
    switch (outcome) {
      case 'substantiated_icpc':
        return `Concerns substantiated: ${c.n} is likely to suffer significant harm through ${s.category ? CAT_WORDS[s.category] : 'neglect'}. An initial child protection conference is needed.`;
      case 'substantiated_no_icpc':
        return `Concerns substantiated, but the protective action already taken (${c.dad} has left the home) means ${c.n} is not judged at continuing risk; support under a child in need plan.`;
      case 'not_substantiated':
        return `The enquiry did not find evidence that ${c.n} has been harmed; the explanation given was consistent and the partners hold no other concerns.`;
      case 'cin':
        return `${c.n} is not at risk of significant harm but has needs that a child in need plan will meet.`;
      default:
        return 'No further action: the family is managing and the concern is resolved; advice given.';
    }
  }

  /** A conference for each child: invitations, reports and, once held, attendance, the child's voice and the decision. */
  function conference(
    kase: Case,
    kids: Kid[],
    refRows: Insert<typeof cscReferral>[],
    kind: 'initial' | 'review',
    o: { s47Ids: string[] | null; planIds: string[] | null; dueAt: Date; scheduled: At; created: At; chair: string; category: Cat | null; scenario: Scenario; decide: 'plan' | 'no_plan' | 'continue' | 'end_plan' | 'cancel'; worker: string },
  ): { held: boolean; ids: string[] } {
    const held = o.decide !== 'cancel' && past(o.scheduled);
    const cancelled = o.decide === 'cancel';
    const ids: string[] = [];
    const reportDueDay = wd.add(o.scheduled.day, -2);
    const reportDue = closeOf(reportDueDay);
    const parents = r.weighted([['attended', 60], ['attended_part', 12], ['views_only', 15], ['did_not_attend', 11], ['excluded', 2]] as const);
    for (const [i, k] of kids.entries()) {
      const c = ctxOf2(kase.family, k, o.scheduled.day);
      const id = crypto.randomUUID();
      ids.push(id);
      const scheduledAt = at(o.scheduled);
      const base: Insert<typeof cpConference> = {
        id,
        tenantId,
        referralId: refRows[i]!.id!,
        personId: k.id,
        s47Id: o.s47Ids?.[i] ?? null,
        planId: o.planIds?.[i] ?? null,
        kind,
        dueAt: o.dueAt,
        scheduledAt,
        chairUserId: o.chair,
        status: held ? 'held' : cancelled ? 'cancelled' : 'scheduled',
        dissentEscalated: false,
        createdAt: at(o.created),
      };
      if (held) {
        const cohort = c.age >= 8 && c.age <= 17;
        const heard = cohort && r.chance(kind === 'initial' ? VOICE_HEARD.initial : VOICE_HEARD.review);
        const way = heard ? r.weighted([['attended', 30], ['advocate', 45], ['presented', 25]] as const) : null;
        const youngViews = !cohort && c.age >= 4 && r.chance(0.35);
        const quotes = c.age < 8 ? o.scenario.quotes.young : c.age < 13 ? o.scenario.quotes.middle : o.scenario.quotes.teen;
        const quote = quotes.length ? r.pick(quotes) : 'I want things to be better at home.';
        const category = o.decide === 'plan' || o.decide === 'continue' ? o.category : null;
        Object.assign(base, {
          heldAt: scheduledAt,
          childAttended: way === 'attended',
          childAdvocate: way === 'advocate',
          childViewsPresented: way === 'presented' || way === 'advocate' || youngViews,
          childViews:
            way === 'attended'
              ? `${c.n} came to the start of the conference with ${c.his} advocate and said: “${quote}”`
              : way === 'advocate'
                ? `${c.n}’s advocate from the children’s advocacy service met ${c.him} beforehand and shared ${c.his} views: “${quote}”`
                : way === 'presented' || youngViews
                  ? `The social worker shared what ${c.n} said${c.age < 8 ? ' through play' : ''}: “${quote}”`
                  : null,
          parentsParticipation: parents,
          parentsViews: parents === 'attended' || parents === 'attended_part' || parents === 'views_only' ? r.pick(o.scenario.parents) : null,
          decision: o.decide,
          category,
          decisionReason: decisionReason(o.decide, c, category, kind),
          dissent: r.chance(0.03) ? 'The police representative disagreed with the decision, believing the risk to be higher; recorded and escalated to the service manager.' : null,
          recordedByUserId: o.chair,
        });
        if (base.dissent) base.dissentEscalated = r.chance(0.6);
      }
      kase.conferences.push(base);
      // The invited agencies: police, health and the child's school or nursery (and others where they work with the family).
      const invited = [police, health, schoolFor(k, o.scheduled.day), r.chance(0.1) ? housing : null, o.scenario.key.startsWith('da') && r.chance(0.4) ? daService : null].filter((x): x is string => !!x);
      for (const agencyId of [...new Set(invited)]) {
        const submitChance = agencyId === health ? 0.92 : agencyId === police ? 0.86 : 0.88;
        const createdMs = at(o.created).getTime();
        const dueMs = reportDue.getTime();
        const heldMs = scheduledAt.getTime();
        const windowFrom = Math.max(createdMs, dueMs - 10 * DAY);
        let submittedMs = r.chance(0.84) ? windowFrom + (dueMs - windowFrom) * (0.2 + 0.75 * r.next()) : dueMs + (heldMs - dueMs) * (0.1 + 0.6 * r.next());
        submittedMs = Math.max(createdMs + 30 * MINUTE, Math.floor(submittedMs / MINUTE) * MINUTE);
        const submitted = !cancelled && (held ? r.chance(submitChance) : r.chance(0.55)) && submittedMs < now.getTime() - 30 * MINUTE && submittedMs < heldMs;
        const view = agencyId === police ? (o.decide === 'no_plan' ? 'child_in_need' : 'significant_harm') : r.weighted([['significant_harm', o.decide === 'no_plan' || o.decide === 'end_plan' ? 1 : 6], ['child_in_need', 3], ['no_concerns', 0.6], ['not_known', 0.3]] as const);
        kase.invites.push({
          tenantId,
          conferenceId: id,
          agencyId,
          reportDueAt: reportDue,
          reportStatus: submitted ? 'submitted' : held || cancelled ? 'not_provided' : 'requested',
          report: submitted ? reportText(agencyId, c, o.scenario, kind) : null,
          reportView: submitted ? view : null,
          submittedAt: submitted ? new Date(submittedMs) : null,
          submittedByUserId: submitted ? (partnerUser[agencyId] ?? null) : null,
          attendance: held ? r.weighted([['attended', submitted ? 80 : 40], ['apologies', submitted ? 16 : 40], ['absent', submitted ? 4 : 20]] as const) : null,
        });
      }
    }
    return { held, ids };
  }

  function ctxOf2(family: Family, k: Kid, day: number): Ctx {
    const school = schoolFor(k, day);
    return { n: k.given, ...pronouns(k.female), age: ageOnDay(k, day), mum: family.mum, dad: family.dad ?? 'her former partner', school: school ? (agencyNames.get(school) ?? 'school') : 'nursery' };
  }

  function decisionReason(decision: string, c: Ctx, category: Cat | null, kind: string): string {
    switch (decision) {
      case 'plan':
        return `The conference agreed ${c.n} is likely to suffer significant harm through ${CAT_WORDS[category!]}. ${c.n} is to be the subject of a child protection plan; the core group to meet within 10 working days.`;
      case 'no_plan':
        return `The threshold for a child protection plan is not met: the family has engaged with the enquiry and the protective factors are strong. ${c.n} to be supported as a child in need.`;
      case 'continue':
        return `Some progress, but the risks of ${CAT_WORDS[category!]} remain. The plan continues with the actions updated.`;
      default:
        return kind === 'review' ? `The plan has achieved its aims: ${c.n} is no longer likely to suffer significant harm. The plan ends.` : 'The plan ends.';
    }
  }

  function reportText(agencyId: string, c: Ctx, s: Scenario, kind: string): string {
    if (agencyId === police) return `${s.police(c)}${kind === 'review' ? ' Since the last conference: no new incidents at the address.' : ''}`;
    if (agencyId === health) return `${r.pick(HEALTH_LINES)(c)}${kind === 'review' ? ' Health actions from the plan completed.' : ''}`;
    if (agencyId === housing) return 'Tenancy in place; rent arrears of £640 under an agreement. No concerns about the property at the last visit.';
    if (agencyId === daService) return `${c.mum} is working with an IDVA; safety plan in place; MARAC heard the case last month.`;
    return `${r.pick(SCHOOL_LINES)(c)}${kind === 'review' ? ' The child has a key adult in school and attends the nurture group.' : ''}`;
  }

  interface PlanResult {
    open: boolean;
    endDay: number;
    reason: string;
    next: 'cin' | null;
    planIds: string[];
  }

  /** A child protection plan from its initial conference: reviews, core groups and visits until it ends (or now). */
  function cpPlan(kase: Case, kids: Kid[], refRows: Insert<typeof cscReferral>[], startDay: number, conferenceIds: string[], s: Scenario, limitDay: number): PlanResult {
    const planIds = kids.map(() => crypto.randomUUID());
    // The initial conference made the plan.
    for (const [i] of kids.entries()) {
      const conf = kase.conferences.find((x) => x.id === conferenceIds[i]);
      if (conf) conf.planId = planIds[i]!;
    }
    const lastReview = r.weighted([[1, 56], [2, 33], [3, 5], [4, 1.5], [5, 3], [6, 1.5]] as const);
    const exit = r.weighted([[null, 90], ['looked_after', 6], ['moved_away', 4]] as const);
    const exitDay = exit ? wd.onOrAfter(startDay + r.int(20, Math.max(30, lastReview * 150))) : Infinity;
    let category: Cat = s.category ?? 'NEG';
    const initial = category;
    let lastConf: At = { day: startDay, min: 10 * 60 };
    let lastKind: 'initial' | 'review' = 'initial';
    let endDay: number | null = null;
    let reason = '';
    let next: 'cin' | null = null;
    let open = false;
    const chair = r.chance(0.3) ? demoChair : r.pick(chairs);
    for (let n = 1; ; n += 1) {
      const dueDate = plusMonths(lastConf.day, lastKind === 'initial' ? 3 : 6);
      const due = dayOf(dueDate);
      const heldDay = r.chance(REVIEW_IN_TIME) ? wd.onOrBefore(due - r.int(0, 12)) : wd.add(wd.onOrBefore(due), r.int(1, 12));
      const when = { day: Math.max(heldDay, wd.add(lastConf.day, 20)), min: r.pick([9 * 60 + 30, 10 * 60, 11 * 60, 13 * 60 + 30, 14 * 60]) };
      const ending = n >= lastReview || when.day >= limitDay - 10;
      const created = lastConf;
      if (exitDay < when.day) {
        // The plan ended between conferences; the review arranged at the last one is cancelled.
        if (exitDay <= todayN && past({ day: exitDay, min: 17 * 60 })) {
          conference(kase, kids, refRows, 'review', { s47Ids: null, planIds, dueAt: closeOf(due), scheduled: when, created, chair, category, scenario: s, decide: 'cancel', worker: kase.worker });
          endDay = exitDay;
          reason = exit!;
        } else {
          conference(kase, kids, refRows, 'review', { s47Ids: null, planIds, dueAt: closeOf(due), scheduled: when, created, chair, category, scenario: s, decide: 'continue', worker: kase.worker });
          open = true;
        }
        break;
      }
      if (!ending && r.chance(0.08)) category = r.pick((['NEG', 'EMO', 'MUL', 'PHY'] as const).filter((x) => x !== category));
      const made = conference(kase, kids, refRows, 'review', { s47Ids: null, planIds, dueAt: closeOf(due), scheduled: when, created, chair, category, scenario: s, decide: ending ? 'end_plan' : 'continue', worker: kase.worker });
      if (!made.held) {
        open = true;
        break;
      }
      lastConf = when;
      lastKind = 'review';
      if (ending) {
        endDay = when.day;
        reason = when.day >= limitDay - 10 ? 'no_longer_needed' : r.weighted([['step_down_cin', 60], ['no_longer_needed', 30], ['step_down_early_help', 10]] as const);
        next = reason === 'step_down_cin' ? 'cin' : null;
        break;
      }
    }
    const stop = endDay ?? todayN;
    // Core groups: within 10 working days of the conference, then every 30.
    let lastCg: number | null = null;
    for (;;) {
      const due = lastCg === null ? wd.add(startDay, 10) : wd.add(lastCg, 30);
      const held = r.chance(CORE_GROUP_IN_TIME) ? wd.add(due, -r.int(0, lastCg === null ? 5 : 8)) : wd.add(due, r.int(1, 6));
      const heldDay = Math.max(held, wd.add(lastCg ?? startDay, 2));
      if (heldDay >= stop || heldDay > todayN || (heldDay === todayN && nowMin < 16 * 60)) break;
      for (const [i, k] of kids.entries()) {
        const school = schoolFor(k, heldDay);
        kase.coreGroups.push({
          tenantId,
          planId: planIds[i]!,
          heldOn: isoDay(heldDay),
          dueOn: isoDay(due),
          agencies: uniq([csc, ...[police, health].filter((x): x is string => !!x && r.chance(0.85)), ...(school && r.chance(0.8) ? [school] : [])]),
          notes: r.pick(CORE_GROUP_NOTES),
          recordedByUserId: kase.worker,
          recordedAt: upToNow(at({ day: heldDay, min: r.int(12 * 60, 16 * 60 + 45) })),
        });
      }
      lastCg = heldDay;
    }
    // Visits every 10 working days: 89.1% in time, the late ones a few days late.
    let lastVisit: number | null = null;
    for (;;) {
      const due = wd.add(lastVisit ?? startDay, 10);
      const visited = r.chance(VISIT_IN_TIME) ? wd.add(due, -r.int(0, 5)) : wd.add(due, r.int(1, 4));
      const day = Math.max(visited, wd.add(lastVisit ?? startDay, 2));
      if (day >= stop + (endDay ? 0 : 1) || day > todayN || (day === todayN && nowMin < 15 * 60)) break;
      for (const [i, k] of kids.entries()) {
        const age = ageOnDay(k, day);
        const seen = r.chance(0.97);
        const alone = seen && age >= 4 && r.chance(age >= 8 ? 0.78 : 0.55);
        kase.visits.push({
          tenantId,
          planId: planIds[i]!,
          visitedOn: isoDay(day),
          dueOn: isoDay(due),
          seen,
          seenAlone: alone,
          notes: seen ? (alone ? r.pick(VISIT_NOTES_ALONE) : r.pick(VISIT_NOTES_SEEN)) : r.pick(VISIT_NOTES_UNSEEN),
          recordedByUserId: kase.worker,
          recordedAt: upToNow(at({ day: wd.add(day, r.chance(0.8) ? 0 : 1), min: r.int(13 * 60, 17 * 60 + 30) })),
        });
      }
      lastVisit = day;
    }
    for (const [i, k] of kids.entries()) {
      kase.plans.push({
        id: planIds[i]!,
        tenantId,
        referralId: refRows[i]!.id!,
        personId: k.id,
        kind: 'cp',
        startedOn: isoDay(startDay),
        endedOn: endDay !== null ? isoDay(endDay) : null,
        initialCategory: initial,
        latestCategory: category,
        endReason: endDay !== null ? reason : null,
        conferenceId: conferenceIds[i]!,
        allocatedUserId: kase.worker,
        createdAt: upToNow(at({ day: startDay, min: 16 * 60 })),
      });
    }
    return { open: open || endDay === null, endDay: endDay ?? todayN, reason, next, planIds };
  }

  /** A child in need plan: reviews every 3 months until it closes (or now). */
  function cinPlan(kase: Case, kids: Kid[], refRows: Insert<typeof cscReferral>[], startDay: number, from: string[] | null, _s: Scenario, need: string, limitDay: number): PlanResult {
    const planIds = kids.map(() => crypto.randomUUID());
    const reviewsWanted = need === 'N2' ? r.weighted([[2, 15], [3, 20], [4, 25], [6, 20], [8, 20]] as const) : r.weighted([[1, 18], [2, 27], [3, 24], [4, 15], [5, 8], [6, 4], [8, 4]] as const);
    let last = startDay;
    let endDay: number | null = null;
    let reason = '';
    for (let n = 1; ; n += 1) {
      const dueDate = plusMonths(last, 3);
      const due = dayOf(dueDate);
      const held = r.chance(CIN_REVIEW_IN_TIME) ? wd.onOrBefore(due - r.int(0, 14)) : wd.add(wd.onOrBefore(due), r.int(1, 15));
      const heldDay = Math.max(held, wd.add(last, 10));
      if (heldDay > todayN || (heldDay === todayN && nowMin < 16 * 60)) break;
      const closing = n >= reviewsWanted || heldDay >= limitDay - 100;
      const decision = closing ? (r.chance(0.8) ? 'close' : 'step_down') : 'continue';
      for (const [i] of kids.entries()) {
        kase.reviews.push({
          tenantId,
          planId: planIds[i]!,
          heldOn: isoDay(heldDay),
          dueOn: dueDate,
          decision,
          notes: decision === 'close' ? 'Needs now met: the family is managing with universal support. The plan closes.' : decision === 'step_down' ? 'Good progress; ongoing support from the early help locality team. The plan closes with a step down to early help.' : r.pick(CIN_REVIEW_NOTES.filter((x) => !x.includes('close'))),
          recordedByUserId: kase.worker,
          recordedAt: upToNow(at({ day: heldDay, min: r.int(12 * 60, 16 * 60 + 50) })),
        });
      }
      last = heldDay;
      if (closing) {
        endDay = heldDay;
        reason = decision === 'close' ? 'no_longer_needed' : 'step_down_early_help';
        break;
      }
    }
    for (const [i, k] of kids.entries()) {
      kase.plans.push({
        id: planIds[i]!,
        tenantId,
        referralId: refRows[i]!.id!,
        personId: k.id,
        kind: 'cin',
        startedOn: isoDay(startDay),
        endedOn: endDay !== null ? isoDay(endDay) : null,
        endReason: endDay !== null ? reason : null,
        steppedDownFromPlanId: from?.[i] ?? null,
        allocatedUserId: kase.worker,
        createdAt: upToNow(at({ day: startDay, min: 15 * 60 })),
      });
    }
    return { open: endDay === null, endDay: endDay ?? todayN, reason, next: null, planIds };
  }

  // ——— what the demo keeps: every family with an episode in the year or open at its start; of their earlier episodes,
  // those within 12 months of one of these (re-referrals) and those with a child protection plan (second plans) ———
  const live = (k: Case) => k.referralDay >= yearStartN || k.closeDay === null || k.closeDay >= yearStartN;
  const keptCases: Case[] = [];
  for (const f of families) {
    const liveCases = f.cases.filter(live);
    if (liveCases.length === 0) continue;
    const firstInYear = Math.min(...liveCases.filter((k) => k.referralDay >= yearStartN).map((k) => k.referralDay));
    const cpNow = liveCases.some((k) => k.plans.some((p) => p.kind === 'cp'));
    for (const k of f.cases) if (live(k) || (cpNow && k.plans.some((p) => p.kind === 'cp')) || k.referralDay >= firstInYear - 366) keptCases.push(k);
  }
  // Visits, core groups and reviews from the year's start, with the one before it for a plan open then (so each one's due
  // date reads from the record); the partners' reports and attendance for the conferences from the year's start.
  const yearStart = isoDay(yearStartN);
  const yearStartAt = at({ day: yearStartN, min: 0 }).getTime();
  for (const k of keptCases) {
    const openThen = new Set(k.plans.filter((p) => !p.endedOn || (p.endedOn as string) >= yearStart).map((p) => p.id!));
    const fromTheYear = <T extends { planId: string }>(list: T[], dateOf: (x: T) => string): T[] => {
      const lastBefore = new Map<string, string>();
      for (const x of list) {
        const d = dateOf(x);
        if (d < yearStart && openThen.has(x.planId) && d > (lastBefore.get(x.planId) ?? '')) lastBefore.set(x.planId, d);
      }
      return list.filter((x) => dateOf(x) >= yearStart || dateOf(x) === lastBefore.get(x.planId));
    };
    k.visits = fromTheYear(k.visits, (x) => x.visitedOn as string);
    k.coreGroups = fromTheYear(k.coreGroups, (x) => x.heldOn as string);
    k.reviews = fromTheYear(k.reviews, (x) => x.heldOn as string);
    const before = new Set(k.conferences.filter((c) => (c.scheduledAt as Date).getTime() < yearStartAt).map((c) => c.id!));
    if (before.size) k.invites = k.invites.filter((i) => !before.has(i.conferenceId));
  }

  // The demo social worker's caseload: about 15 open cases (plans, assessments, an enquiry), one with a visit overdue.
  const openCases = keptCases.filter((k) => k.closeDay === null && k.openKind !== null && k.openKind !== 'looked_after' && !k.referrals.some((x) => x.restricted));
  const mine: Case[] = [];
  const take = (kind: Case['openKind'], n: number) => {
    // One child's case each where there are enough (so about 15 children), a pair of siblings only where not.
    const single = openCases.filter((k) => k.openKind === kind && !mine.includes(k) && k.referrals.length === 1);
    const pool = single.length >= n ? single : openCases.filter((k) => k.openKind === kind && !mine.includes(k) && k.referrals.length <= 2);
    for (let i = 0; i < n && pool.length; i += 1) mine.push(pool.splice(r.int(0, pool.length - 1), 1)[0]!);
  };
  take('cp', 5);
  take('cin', 5);
  take('assessment', 4);
  take('s47', 1);
  for (const k of mine) reassign(k, demoWorker);
  // One of the demo worker's children protection plans with its last visit more than 10 working days ago.
  const overdue = mine.find((k) => k.openKind === 'cp' && k.visits.length > 2);
  if (overdue) {
    const lastDay = (v: Insert<typeof planVisit>) => toDayNumber(v.visitedOn as string);
    for (;;) {
      const latest = Math.max(...overdue.visits.map(lastDay));
      if (wd.add(latest, 10) < wd.add(todayN, -2) || overdue.visits.length <= 1) break;
      overdue.visits = overdue.visits.filter((v) => lastDay(v) !== latest);
    }
  }
  // The team manager carries a few cases of their own.
  const managerPool = openCases.filter((k) => !mine.includes(k) && (k.openKind === 'cin' || k.openKind === 'assessment'));
  for (let i = 0; i < 3 && managerPool.length; i += 1) reassign(managerPool.splice(r.int(0, managerPool.length - 1), 1)[0]!, demoManager);
  // A few referrals of the last days not allocated yet.
  for (const k of keptCases) if (k.closeDay === null && k.referralDay >= wd.add(todayN, -3) && !mine.includes(k) && r.chance(0.4)) for (const ref of k.referrals) ref.allocatedUserId = null;

  function reassign(k: Case, user: string) {
    const old = k.worker;
    k.worker = user;
    const swap = <T extends object>(rowsOf: T[], fields: string[]) => {
      for (const row of rowsOf) for (const f of fields) if ((row as Record<string, unknown>)[f] === old) (row as Record<string, unknown>)[f] = user;
    };
    swap(k.referrals, ['allocatedUserId']);
    swap(k.plans, ['allocatedUserId']);
    swap(k.assessments, ['submittedByUserId']);
    swap(k.strategies, ['recordedByUserId']);
    swap(k.s47s, ['completedByUserId']);
    swap(k.visits, ['recordedByUserId']);
    swap(k.coreGroups, ['recordedByUserId']);
    swap(k.reviews, ['recordedByUserId']);
    const oldName = userNames.get(old);
    const newName = userNames.get(user);
    if (oldName && newName) {
      for (const a of k.assessments) if (a.viewsBy) a.viewsBy = a.viewsBy.replace(oldName, newName);
      for (const d of k.strategies) d.participants = (d.participants as Participant[]).map((p) => (p.name === oldName ? { ...p, name: newName } : p));
    }
  }

  // ——— references, in order of referral, from the sequence ———
  const referralRows = keptCases.flatMap((k) => k.referrals) as (Insert<typeof cscReferral> & { stamp: number })[];
  referralRows.sort((a, b) => (a.referredAt as Date).getTime() - (b.referredAt as Date).getTime() || a.stamp - b.stamp);
  const ref0 = Number((await one<{ n: string }>(db, sql`select nextval('csc_referral_reference_seq')::text as n`))!.n);
  let refN = ref0 - 1;
  for (const row of referralRows) {
    refN += 1;
    row.reference = `CR-${wallTime(row.referredAt as Date, zone).date.slice(0, 4)}-${String(refN).padStart(6, '0')}`;
  }

  // ——— the children on the register ———
  const personRows: Insert<typeof person>[] = [];
  const nameRows: Insert<typeof personName>[] = [];
  const addressRows: Insert<typeof personAddress>[] = [];
  const identifierRows: Insert<typeof personIdentifier>[] = [];
  const firstReferral = new Map<string, Date>();
  for (const row of referralRows) if (!firstReferral.has(row.personId)) firstReferral.set(row.personId, row.referredAt as Date);
  for (const f of new Set(keptCases.map((k) => k.family))) {
    for (const k of f.kids) {
      const first = firstReferral.get(k.id);
      if (!first) continue;
      personRows.push({
        id: k.id,
        tenantId,
        dateOfBirth: fromDayNumber(k.dobN),
        dobPrecision: 'exact',
        gender: k.female ? 'female' : 'male',
        ethnicity: k.ethnicity,
        firstLanguage: k.language,
        interpreterNeeded: false,
        restricted: false,
        createdByAgencyId: csc,
        createdByUserId: demoManager,
        synthetic: true,
        createdAt: first,
        updatedAt: first,
      });
      nameRows.push({ tenantId, personId: k.id, type: 'legal', givenNames: k.given, familyName: k.family, isPrimary: true, searchText: nameSearchText(k.given, k.family), createdAt: first });
      addressRows.push({ tenantId, personId: k.id, line1: f.line1, town: f.town, postcode: f.postcode, fromDate: fromDayNumber(Math.max(k.dobN, toDayNumber(wallTime(first, zone).date) - 700)), createdAt: first });
      if (k.nhs) identifierRows.push({ tenantId, personId: k.id, type: 'nhs_number', value: k.nhs, createdAt: first });
      // A unique pupil number for children who had started school by now.
      if (todayN - k.dobN > 5 * 365) {
        k.upn = nextUpn(Number(fromDayNumber(k.dobN + 5 * 365).slice(0, 4)));
        identifierRows.push({ tenantId, personId: k.id, type: 'upn', value: k.upn, createdAt: first });
      }
    }
  }

  // ——— writing it all ———
  const all = <K extends keyof Case>(key: K) => keptCases.flatMap((k) => k[key] as unknown as object[]);
  const strip = (rowsOf: object[]) => rowsOf.map((x) => Object.fromEntries(Object.entries(x).filter(([key]) => key !== 'stamp')));
  const conferences = all('conferences') as Insert<typeof cpConference>[];
  const plans = all('plans') as Insert<typeof childPlan>[];
  await transaction(db, async (tx) => {
    // Every reference in these rows is made above and checked by the seed's test: the foreign key triggers are not run
    // row by row where the session may skip them (a superuser's, as PGlite's is), which makes the load several times faster.
    const su = await one<{ su: boolean }>(tx, sql`select rolsuper as su from pg_roles where rolname = current_user`);
    if (su?.su) await tx.execute(sql`set local session_replication_role = replica`);
    await insertMany(tx, appUser, staffRows);
    await insertMany(tx, roleAssignment, staffRoles);
    await insertMany(tx, person, personRows);
    await insertMany(tx, personName, nameRows);
    await insertMany(tx, personAddress, addressRows);
    await insertMany(tx, personIdentifier, identifierRows);
    await insertMany(tx, cscReferral, strip(referralRows));
    await insertMany(tx, childAssessment, all('assessments'));
    await insertMany(tx, strategyDiscussion, all('strategies'));
    await insertMany(tx, s47Enquiry, all('s47s'));
    await insertMany(tx, cpConference, conferences);
    await insertMany(tx, conferenceInvite, all('invites'));
    await insertMany(tx, childPlan, plans);
    await insertMany(tx, coreGroup, all('coreGroups'));
    await insertMany(tx, planVisit, all('visits'));
    await insertMany(tx, planReview, all('reviews'));
  });
  if (referralRows.length) await db.execute(sql`select setval('csc_referral_reference_seq', ${refN})`);

  const summary: ChildrenSeedSummary = {
    children: personRows.length,
    referrals: referralRows.length,
    referralsInYear: referralRows.filter((x) => toDayNumber(wallTime(x.referredAt as Date, zone).date) > yearStartN).length,
    assessments: all('assessments').length,
    strategyDiscussions: all('strategies').length,
    s47: all('s47s').length,
    conferences: conferences.length,
    invites: all('invites').length,
    plans: plans.length,
    cpPlansOpen: plans.filter((p) => p.kind === 'cp' && !p.endedOn).length,
    cinPlansOpen: plans.filter((p) => p.kind === 'cin' && !p.endedOn).length,
    coreGroups: all('coreGroups').length,
    visits: all('visits').length,
    reviews: all('reviews').length,
    staff: staffRows.length,
  };
  log(
    `children’s social care: ${summary.children} children, ${summary.referrals} referrals (${summary.referralsInYear} in the year), ${summary.s47} section 47 enquiries, ` +
      `${summary.conferences} conferences (${summary.invites} invitations), ${summary.cpPlansOpen} children on a child protection plan and ${summary.cinPlansOpen} on a child in need plan now, ` +
      `${summary.visits} visits, ${summary.coreGroups} core groups, ${summary.reviews} plan reviews, ${summary.staff} more staff`,
  );
  return summary;
}

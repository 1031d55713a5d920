/**
 * Demo adult safeguarding for Fernmoor: a year of concerns about adults at risk, their three-point tests and
 * authorised decisions, the section 42 (and other) enquiries they started with their risks, partners' contributions,
 * decision making and outcome meetings, and the outcomes of the enquiries that have ended.
 *
 * Volumes follow the seed board report (`004_7aa2e81ce8b2f59d.txt`, Rotherham Safeguarding Adults Board 2017/18,
 * lines 5394-5399, 7136-7200 and the data appendix at 7462-7505): for `scale` 1, 2,113 concerns in the 365 days up to
 * `now`, 724 of them decided as section 42 enquiries (34%), 53 decision making meetings and 10 outcome meetings. The
 * risks found follow the appendix's concluded enquiries by type (neglect 340, physical 155, financial 138,
 * psychological 90, sexual 37, domestic 32, organisational 28, self-neglect 16, sexual exploitation 5, modern slavery
 * 3, discriminatory 2), and the people its demographics panel (59% of concerns about people over 65; 62% of
 * enquiries about women). About 1,850 adults, some with two or three concerns in the year; older people mostly at
 * home, a quarter in the demo's care homes (`care_provider`, from the providers' seed, which runs first).
 *
 * Everything reads true: nobody is under 18 on any date, a concern is received before its test, decision and
 * authorisation, an enquiry starts when its decision is authorised, meetings fall between its start and its end,
 * and only ended enquiries have results and outcomes. Every name and narrative is invented; NHS numbers are in the
 * 999 range kept for testing; postcodes are in the invented FM area. Deterministic: a seeded generator of its own.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgTable } from 'drizzle-orm/pg-core';
import { type Database, one, rows } from '../client.js';
import {
  adultAction,
  adultConcern,
  adultContribution,
  adultEnquiry,
  adultMeeting,
  adultMeetingAttendee,
  adultRisk,
  person,
  personAddress,
  personIdentifier,
  personName,
} from '../schema/index.js';
import { RISK_TYPES, type TestAnswer } from '../../domain/adult-safeguarding.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { labelOf } from '../../domain/codes.js';
import { nhsNumberFromNine } from '../../domain/identifiers.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { type LocalDate, addDays, fromDayNumber, instantAt, toDayNumber, wallTime } from '../../domain/time.js';
import { DEFAULT_TIMESCALES, timescaleDeadline } from '../../domain/timescales.js';
import { linkProviderEnquiryConcernsDemo } from './demo-providers.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_UNITS, STREETS, syntheticPostcode } from './names.js';
import { Random } from './random.js';

export interface AdultsSeedInput {
  tenantId: string;
  /** 'asc', 'police', 'health', 'housing', 'csc', 'provider:heathervale', … → agency id. */
  agencyIds: ReadonlyMap<string, string>;
  /** The part before @ of the demo users' emails ('adults', 'adults-manager', 'police', …) → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface AdultsSeedSummary {
  adults: number;
  concerns: number;
  enquiries: number;
  meetings: number;
  contributions: number;
}

const SEED = 20_261_216;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

// ——— the seed's year ———
const CONCERNS_PER_YEAR = 2113;
const S42_PER_YEAR = 724;
const DMM_PER_YEAR = 53;
const OUTCOME_MEETINGS_PER_YEAR = 10;
/** Adults concerned about: some have two or three concerns in a year. */
const ADULTS_PER_YEAR = 1850;
const OTHER_ENQUIRY_SHARE = 0.04;
const INFORMATION_ADVICE_SHARE = 0.4;
/** At `now`: concerns still to decide (some overdue) and decisions waiting for a manager. */
const OPEN_AT_NOW = 18;
const OVERDUE_OF_OPEN = 4;
const AWAITING_AT_NOW = 6;

/** The seed's concluded section 42 enquiries by type of risk (data appendix): the weights of the risks found. */
const TYPE_WEIGHTS: Record<RiskType, number> = {
  neglect: 340,
  physical: 155,
  financial: 138,
  psychological: 90,
  sexual: 37,
  domestic_abuse: 32,
  organisational: 28,
  self_neglect: 16,
  sexual_exploitation: 5,
  modern_slavery: 3,
  discriminatory: 2,
};
type RiskType = 'neglect' | 'physical' | 'financial' | 'psychological' | 'sexual' | 'domestic_abuse' | 'organisational' | 'self_neglect' | 'sexual_exploitation' | 'modern_slavery' | 'discriminatory';

/** Risks found alongside the first one (an enquiry has 1 risk in 70%, 2 in 25%, 3 in 5%). */
const ALONGSIDE: Record<RiskType, readonly (readonly [RiskType, number])[]> = {
  neglect: [['psychological', 1.2], ['physical', 0.7], ['organisational', 1], ['financial', 0.7]],
  physical: [['psychological', 2], ['neglect', 1.5], ['financial', 0.5]],
  financial: [['psychological', 2], ['neglect', 2]],
  psychological: [['physical', 1], ['financial', 2], ['neglect', 2]],
  sexual: [['physical', 2], ['psychological', 2]],
  domestic_abuse: [['physical', 2], ['financial', 2], ['psychological', 2]],
  organisational: [['neglect', 4], ['psychological', 2]],
  self_neglect: [['neglect', 1], ['financial', 1]],
  sexual_exploitation: [['psychological', 2], ['financial', 2], ['sexual', 1]],
  modern_slavery: [['financial', 3], ['psychological', 2], ['physical', 1]],
  discriminatory: [['psychological', 3], ['neglect', 1]],
};

// ——— people ———

type Residence = 'home' | 'care_home' | 'supported';
type NameGroup = 'british' | 'south_asian' | 'indian' | 'polish' | 'caribbean' | 'african' | 'chinese';

/** Age at `now` by SAC band: the seed's 59% of concerns about people over 65, the rest as older people's concerns fall. */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[19, 64], 40],
  [[65, 74], 13],
  [[75, 84], 21],
  [[85, 94], 21],
  [[95, 103], 5],
];
const FEMALE_SHARE = (age: number) => (age < 65 ? 0.55 : age < 75 ? 0.56 : age < 85 ? 0.63 : age < 95 ? 0.7 : 0.8);
const RESIDENCE = (age: number): readonly (readonly [Residence, number])[] =>
  age < 65 ? [['home', 74], ['supported', 16], ['care_home', 10]] : age < 75 ? [['home', 80], ['care_home', 20]] : age < 85 ? [['home', 70], ['care_home', 30]] : age < 95 ? [['home', 52], ['care_home', 48]] : [['home', 38], ['care_home', 62]];

const ETHNICITY = (age: number): readonly (readonly [string, number])[] =>
  age < 65
    ? [['WBRI', 80], ['WOTH', 4], ['WIRI', 0.5], ['APKN', 5], ['ABAN', 0.5], ['AIND', 1], ['BAFR', 1.5], ['BCRB', 1], ['MWBC', 1], ['CHNE', 0.3], ['OOTH', 0.7], ['NOBT', 4], ['REFU', 0.5]]
    : [['WBRI', 90], ['WIRI', 1], ['WOTH', 1.5], ['APKN', 2.5], ['AIND', 0.5], ['BCRB', 0.8], ['MWBC', 0.2], ['CHNE', 0.2], ['OOTH', 0.3], ['NOBT', 3]];
const NAME_GROUP: Record<string, NameGroup> = { WOTH: 'polish', WROM: 'polish', APKN: 'south_asian', ABAN: 'south_asian', AIND: 'indian', AOTH: 'south_asian', BCRB: 'caribbean', BOTH: 'caribbean', BAFR: 'african', CHNE: 'chinese' };

const OLDEST_F = [
  ...['Margaret', 'Joan', 'Dorothy', 'Betty', 'Jean', 'Patricia', 'Irene', 'Doris', 'Edna', 'Eileen', 'Mavis', 'Sheila', 'Brenda', 'Maureen', 'Barbara', 'Kathleen', 'Vera', 'Elsie', 'Winifred', 'Audrey'],
  ...['Marjorie', 'Joyce', 'Mary', 'Elizabeth', 'Ivy', 'Hilda', 'Phyllis', 'Freda', 'Beryl', 'Gladys', 'Ethel', 'Florence', 'Lilian', 'Edith', 'Annie', 'Nora', 'Evelyn', 'Muriel', 'Olive', 'Mabel'],
  ...['Alice', 'Violet', 'Rose', 'Bessie', 'Constance', 'Marion', 'Sylvia', 'Shirley', 'Valerie', 'June', 'Iris', 'Gwendoline', 'Enid', 'Ada', 'Nellie', 'Lily', 'Peggy', 'Rita', 'Hazel', 'Dora'],
];
const OLDEST_M = [
  ...['John', 'William', 'George', 'Arthur', 'Albert', 'Kenneth', 'Ronald', 'Dennis', 'Harold', 'Frank', 'Stanley', 'Eric', 'Walter', 'Norman', 'Raymond', 'Peter', 'Derek', 'Brian', 'Roy', 'Leslie'],
  ...['Ernest', 'Alan', 'Jack', 'Thomas', 'James', 'Donald', 'Gordon', 'Geoffrey', 'Bernard', 'Cyril', 'Frederick', 'Herbert', 'Sidney', 'Leonard', 'Reginald', 'Douglas', 'Edward', 'Henry', 'Joseph', 'Charles'],
  ...['Gerald', 'Maurice', 'Clifford', 'Wilfred', 'Harry', 'Alfred', 'Victor', 'Percy', 'Horace', 'Clarence', 'Ralph', 'Vincent', 'Terence', 'Keith', 'Barry', 'Malcolm', 'Roger', 'Graham', 'Colin', 'Trevor'],
];
const MIDDLE_F = [
  ...['Susan', 'Linda', 'Christine', 'Carol', 'Janet', 'Elaine', 'Julie', 'Karen', 'Denise', 'Tracey', 'Jacqueline', 'Lorraine', 'Diane', 'Sandra', 'Deborah', 'Wendy', 'Gillian', 'Angela', 'Pauline', 'Alison'],
  ...['Lesley', 'Beverley', 'Joanne', 'Sharon', 'Dawn', 'Debbie', 'Helen', 'Jane', 'Lynn', 'Anne', 'Kim', 'Sally', 'Tina', 'Yvonne', 'Heather', 'Judith', 'Marilyn', 'Hilary', 'Catherine', 'Carole'],
];
const MIDDLE_M = [
  ...['David', 'Michael', 'Stephen', 'Robert', 'Keith', 'Gary', 'Ian', 'Andrew', 'Paul', 'Kevin', 'Martin', 'Neil', 'Steven', 'Graham', 'Philip', 'Anthony', 'Colin', 'Trevor', 'Richard', 'Christopher'],
  ...['Nigel', 'Simon', 'Jeffrey', 'Dean', 'Glen', 'Russell', 'Mick', 'Carl', 'Tony', 'Shaun', 'Nicholas', 'Jonathan', 'Adrian', 'Brian', 'Roger', 'Barry', 'Malcolm', 'Alan', 'Derek', 'Kenneth'],
];
const GROUP_NAMES: Record<Exclude<NameGroup, 'british'>, { olderF: string[]; olderM: string[]; youngerF: string[]; youngerM: string[]; family: string[]; familyF?: string[] }> = {
  south_asian: {
    olderF: ['Bibi', 'Nasreen', 'Shamim', 'Parveen', 'Rukhsana', 'Zubaida', 'Rashida', 'Khalida'],
    olderM: ['Mohammed', 'Abdul', 'Bashir', 'Rashid', 'Iqbal', 'Akram', 'Nazir', 'Yousaf'],
    youngerF: ['Aisha', 'Zara', 'Maryam', 'Fatima', 'Sana', 'Amina'],
    youngerM: ['Muhammad', 'Imran', 'Bilal', 'Hamza', 'Adam', 'Zain'],
    family: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Akhtar', 'Mahmood'],
    familyF: ['Begum', 'Bibi', 'Khan', 'Hussain', 'Ali', 'Ahmed', 'Akhtar'],
  },
  indian: {
    olderF: ['Kulwant', 'Surinder', 'Gurmeet', 'Harjit', 'Kamla'],
    olderM: ['Gurdev', 'Harbans', 'Mohinder', 'Ajit', 'Ramesh'],
    youngerF: ['Priya', 'Simran', 'Anjali', 'Jaspreet'],
    youngerM: ['Ravi', 'Arjun', 'Harpreet', 'Sunil'],
    family: ['Singh', 'Patel', 'Sharma', 'Gill', 'Sandhu'],
    familyF: ['Kaur', 'Patel', 'Sharma', 'Gill'],
  },
  polish: {
    olderF: ['Krystyna', 'Halina', 'Zofia', 'Danuta', 'Teresa', 'Barbara', 'Elżbieta', 'Jadwiga'],
    olderM: ['Stanisław', 'Tadeusz', 'Jerzy', 'Zbigniew', 'Henryk', 'Józef', 'Kazimierz', 'Andrzej'],
    youngerF: ['Agnieszka', 'Natalia', 'Katarzyna', 'Monika', 'Joanna', 'Magdalena', 'Ewa'],
    youngerM: ['Tomasz', 'Piotr', 'Jakub', 'Marek', 'Paweł', 'Łukasz', 'Michał'],
    family: ['Kowalski', 'Nowak', 'Zielinski', 'Wojcik', 'Lewandowski', 'Kaminski', 'Mazur', 'Krawczyk'],
    familyF: ['Kowalska', 'Nowak', 'Zielinska', 'Wojcik', 'Lewandowska', 'Kaminska', 'Mazur', 'Krawczyk'],
  },
  caribbean: {
    olderF: ['Hyacinth', 'Gloria', 'Pearl', 'Icilda', 'Myrtle'],
    olderM: ['Winston', 'Lloyd', 'Desmond', 'Clinton', 'Delroy'],
    youngerF: ['Jade', 'Shanice', 'Kayla', 'Chantelle'],
    youngerM: ['Jermaine', 'Marcus', 'Tyrone', 'Andre'],
    family: ['Campbell', 'Brown', 'Williams', 'Thompson', 'Clarke', 'Reid'],
  },
  african: {
    olderF: ['Comfort', 'Abena', 'Grace', 'Esther'],
    olderM: ['Kwame', 'Emmanuel', 'Samuel', 'Joseph'],
    youngerF: ['Chidinma', 'Grace', 'Abena', 'Blessing'],
    youngerM: ['Kwame', 'Samuel', 'Daniel', 'Tobi'],
    family: ['Okafor', 'Mensah', 'Boateng', 'Adeyemi', 'Owusu'],
  },
  chinese: {
    olderF: ['Mei', 'Lai', 'Siu'],
    olderM: ['Wing', 'Kwok', 'Chun'],
    youngerF: ['Mei', 'Jing', 'Li'],
    youngerM: ['Wei', 'Jun', 'Hao'],
    family: ['Chen', 'Wong', 'Li', 'Cheung'],
  },
};
/** The demo's family names and more of the area's own, so a year of adults does not fill the duplicates queue with namesakes. */
const BRITISH_FAMILY = [
  ...FAMILY.filter((f) => !['Patel', 'Khan', 'Hussain', 'Ali', 'Begum', 'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Singh', 'Ahmed', "O'Brien", 'Murphy', 'Kelly'].includes(f)),
  ...['Atkinson', 'Barker', 'Bradley', 'Brooks', 'Butler', 'Chapman', 'Cox', 'Dawson', 'Dixon', 'Ellis', 'Fletcher', 'Foster', 'Gibson', 'Graham', 'Hardy', 'Hartley', 'Hewitt', 'Holmes'],
  ...['Hudson', 'Jenkins', 'Lawson', 'Marsh', 'Mason', 'Mills', 'Naylor', 'Parkin', 'Pearson', 'Platt', 'Reynolds', 'Rhodes', 'Riley', 'Robson', 'Rowe', 'Sanderson', 'Simpson', 'Slater'],
  ...['Stevenson', 'Sutcliffe', 'Swift', 'Sykes', 'Townend', 'Walsh', 'Webster', 'Whitaker', 'Wilkinson', 'Hirst', 'Crossley', 'Haigh', 'Lockwood', 'Ackroyd', 'Firth', 'Greenwood', 'Holroyd', 'Marshall'],
  ...['Dyson', 'Booth', 'Pickles', 'Crowther', 'Beaumont', 'Brook', 'Kaye', 'Oldroyd', 'Shepherd', 'Stead', 'Tolson', 'Ramsden', 'Hey', 'Mellor', 'Moorhouse', 'Exley', 'Gledhill', 'Armitage'],
];

/** Primary support reason (SAC SG1) by age and home. */
function supportReasonWeights(age: number, residence: Residence): readonly (readonly [string, number])[] {
  if (age < 65) {
    if (residence === 'supported') return [['learning_disability', 60], ['mental_health', 30], ['physical_personal_care', 10]];
    if (residence === 'care_home') return [['learning_disability', 40], ['mental_health', 25], ['physical_personal_care', 30], ['memory_cognition', 5]];
    return [['learning_disability', 22], ['mental_health', 30], ['social_substance_misuse', 12], ['physical_personal_care', 13], ['physical_access_mobility', 7], ['sensory_visual', 1.5], ['sensory_hearing', 1.5], ['social_isolation', 8], ['memory_cognition', 3], ['not_known', 2]];
  }
  if (residence === 'care_home') return [['memory_cognition', 52], ['physical_personal_care', 43], ['sensory_dual', 3], ['mental_health', 2]];
  return [
    ['physical_personal_care', 40],
    ['memory_cognition', age >= 85 ? 28 : 20],
    ['physical_access_mobility', 13],
    ['mental_health', 6],
    ['sensory_visual', 2.5],
    ['sensory_hearing', 2],
    ['sensory_dual', 1],
    ['social_isolation', 7],
    ['social_substance_misuse', age < 75 ? 3 : 0.5],
    ['not_known', 1],
  ];
}

/** What the adult's needs are, for the first point of the test (with the person's pronouns). */
const NEEDS: Record<string, readonly ((p: Pronouns) => string)[]> = {
  physical_personal_care: [
    (p) => `needs help with washing, dressing and getting in and out of bed since ${p.his} stroke`,
    () => 'has severe arthritis and needs two carers for personal care',
    (p) => `has Parkinson’s disease and needs help with personal care and ${p.his} time-critical medicines`,
    () => 'has heart failure and COPD and needs help with personal care and meals',
  ],
  physical_access_mobility: [() => 'uses a wheelchair and cannot leave home without help', () => 'has multiple sclerosis and limited mobility', () => 'walks with a frame and has had several falls this year'],
  memory_cognition: [() => 'has dementia and needs prompting and help with most daily tasks', () => 'has Alzheimer’s disease and needs care day and night', () => 'has vascular dementia and is often disorientated'],
  learning_disability: [
    () => 'has a learning disability and needs daily support with money, cooking and appointments',
    () => 'has a moderate learning disability and autism and needs support with daily living',
    () => 'has Down’s syndrome and needs support every day',
  ],
  mental_health: [
    () => 'has schizophrenia and is supported by the community mental health team',
    () => 'has bipolar disorder and needs support with daily living when unwell',
    (p) => `has severe depression and anxiety and struggles to look after ${p.himself} when unwell`,
  ],
  sensory_visual: [() => 'is registered blind and needs help with post, money and getting about'],
  sensory_hearing: [() => 'is profoundly deaf, uses British Sign Language and needs help with appointments and letters'],
  sensory_dual: [() => 'has severe sight and hearing loss and needs help with most daily tasks'],
  social_substance_misuse: [(p) => `is dependent on alcohol, which has left ${p.him} with memory problems and poor mobility`, () => 'has a long-standing heroin dependency and poor physical health'],
  social_isolation: [() => 'is frail, lives alone with no family nearby and needs help with shopping and meals'],
  not_known: [() => 'has needs for care and support that are still being assessed'],
};

interface Pronouns {
  he: string;
  He: string;
  his: string;
  His: string;
  him: string;
  himself: string;
}
const pronouns = (female: boolean): Pronouns =>
  female ? { he: 'she', He: 'She', his: 'her', His: 'Her', him: 'her', himself: 'herself' } : { he: 'he', He: 'He', his: 'his', His: 'His', him: 'him', himself: 'himself' };

interface Provider {
  id: string;
  name: string;
  short: string;
  serviceType: string;
  address: string | null;
  postcode: string | null;
  agencyId: string | null;
}

interface Adult {
  id: string;
  given: string;
  family: string;
  title: string;
  female: boolean;
  dob: LocalDate;
  ageNow: number;
  ethnicity: string;
  group: NameGroup;
  residence: Residence;
  home: Provider | null;
  homeCare: Provider | null;
  dayService: Provider | null;
  psr: string;
  needs: string;
  lacksCapacity: boolean;
  street: string;
  slots: number[];
  fixed?: string;
}

// ——— what happened: one template per kind of concern ———

type Where = 'residence' | 'own_home' | 'community' | 'community_service' | 'hospital' | 'other';
type RiskSource = 'service_provider' | 'known_to_individual' | 'unknown_to_individual';
type ProviderKind = 'residence' | 'domiciliary' | 'day' | 'hospital';
type RelKind = 'child' | 'son' | 'grandson' | 'spouse' | 'partner' | 'nephew' | 'neighbour' | 'acquaintance' | 'tenant' | 'resident' | 'parent';
type Tier = 's42' | 'other' | 'low';

interface Ctx extends Pronouns {
  n: string;
  first: string;
  full: string;
  age: number;
  needs: string;
  rel: { name: string; first: string; role: string; he: string; his: string; him: string };
  provider: string;
  street: string;
  month: string;
}

interface Template {
  id: string;
  tier: Tier;
  type: RiskType;
  res: readonly Residence[];
  ages: readonly [number, number];
  psr?: readonly string[];
  when?: (a: Adult) => boolean;
  where: Where;
  from: RiskSource;
  provider?: ProviderKind;
  /** The hospital ward kind, for hospital concerns. */
  ward?: 'acute' | 'mental_health' | 'community';
  rel?: RelKind;
  raisedBy: readonly (readonly [string, number])[];
  happened: (c: Ctx) => string;
  view?: (c: Ctx) => string;
  want?: (c: Ctx) => string;
  risk: (c: Ctx) => string;
  /** Other and low tiers: the test's answers (needs defaults to "yes" with the adult's needs). */
  test?: { needs?: readonly [TestAnswer, (c: Ctx) => string]; abuse: readonly [TestAnswer, (c: Ctx) => string]; protect: readonly [TestAnswer, (c: Ctx) => string] };
  other?: (c: Ctx) => string;
  advice?: { to: string; reason: (c: Ctx) => string };
  nfa?: (c: Ctx) => string;
}

const CARE_HOME_RAISERS = [['social_care_residential', 6], ['family', 2], ['health_primary', 2], ['health_secondary', 0.7], ['social_care_social_worker', 1], ['cqc', 0.4], ['other_service_user', 0.3]] as const;
const SUPPORTED_RAISERS = [['social_care_other', 4], ['social_care_day_care', 1.5], ['family', 2.5], ['social_care_social_worker', 1.5], ['health_primary', 1], ['police', 0.8]] as const;
const ANY = [18, 110] as const;
/** Who raises concerns in the evening and at weekends. */
const OUT_OF_HOURS = new Set(['police', 'health_secondary', 'health_mental', 'social_care_residential', 'social_care_nursing', 'family', 'friend', 'self']);
const OLDER = [65, 110] as const;
const YOUNGER = [18, 64] as const;

const TEMPLATES: readonly Template[] = [
  // ——— neglect and acts of omission ———
  {
    id: 'night_checks', tier: 's42', type: 'neglect', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: CARE_HOME_RAISERS,
    happened: (c) => `Night staff at ${c.provider} found ${c.n} in wet bedding at 06:00; the 02:00 and 04:00 checks were signed for but not done. The district nurse found a grade 3 pressure ulcer on ${c.his} sacrum the same day, which had not been reported.`,
    view: () => 'I ring the bell and nobody comes. I don’t like to be a nuisance.',
    want: () => 'I want to feel safe at night and for someone to come when I call.',
    risk: () => 'Night checks recorded but not done; a pressure ulcer not reported or treated.',
  },
  {
    id: 'weight_loss', tier: 's42', type: 'neglect', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: CARE_HOME_RAISERS,
    happened: (c) => `${c.n} has lost 6 kg since ${c.month}. Food and fluid charts at ${c.provider} have gaps of a day or more, and the dietitian referral the GP asked for was never made.`,
    view: () => 'The food is cold by the time anyone helps me with it.',
    want: () => 'I want help to eat my meals while they’re hot, and my family told if I’m poorly.',
    risk: () => 'Weight loss with food and fluid charts not kept and a dietitian referral not made.',
  },
  {
    id: 'fall_not_checked', tier: 's42', type: 'neglect', res: ['care_home'], ages: OLDER, where: 'residence', from: 'service_provider', provider: 'residence', rel: 'son', raisedBy: [['family', 4], ['health_secondary', 2], ['social_care_residential', 2]],
    happened: (c) => `${c.n} had an unwitnessed fall at 03:10 and was found on the floor of ${c.his} room at ${c.provider}. Staff helped ${c.him} back to bed without checking for injury; ${c.his} fractured hip was found by paramedics 14 hours later, after ${c.his} ${c.rel.role} ${c.rel.first} insisted on a GP visit.`,
    view: () => 'It hurt all day and they kept telling me to walk on it.',
    want: () => 'I want them to listen when I say something hurts.',
    risk: () => 'Injury after a fall not checked for 14 hours; no first aid, no medical advice sought.',
  },
  {
    id: 'missed_calls', tier: 's42', type: 'neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'service_provider', provider: 'domiciliary', rel: 'neighbour', raisedBy: [['friend', 2], ['family', 2], ['social_care_domiciliary', 4], ['health_primary', 1]],
    happened: (c) => `Carers from ${c.provider} missed ${c.n}’s teatime and bedtime calls on three days this week. ${c.rel.name}, a neighbour, found ${c.him} at 08:00 still in ${c.his} chair, cold, with nothing to eat or drink since lunchtime the day before. ${c.He} has type 2 diabetes.`,
    view: () => 'I don’t like to complain, they’re ever so busy.',
    want: () => 'I want the carers to come when they should so I can stay in my own home.',
    risk: () => 'Calls missed on three days: left without food, drink or personal care overnight.',
  },
  {
    id: 'medicines_not_given', tier: 's42', type: 'neglect', res: ['home'], ages: [50, 110], psr: ['physical_personal_care', 'physical_access_mobility'], where: 'own_home', from: 'service_provider', provider: 'domiciliary', raisedBy: [['health_primary', 5], ['family', 2]],
    happened: (c) => `The district nurse found ${c.n}’s time-critical Parkinson’s medicines not given on four days in the last fortnight; the medicines chart kept by ${c.provider} is blank for those visits, and ${c.his} mobility has got much worse.`,
    view: () => 'Some days I can hardly get out of the chair.',
    want: () => 'I want my tablets on time so I can keep moving about.',
    risk: () => 'Time-critical medicines not given at four visits; records left blank.',
  },
  {
    id: 'family_carer_neglect', tier: 's42', type: 'neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'son', raisedBy: [['health_primary', 5], ['social_care_social_worker', 2], ['family', 1]],
    happened: (c) => `${c.n} lives with ${c.his} ${c.rel.role}, ${c.rel.name}, who is ${c.his} main carer. The GP found ${c.him} unwashed, with a urine infection and sore skin; ${c.rel.first} says ${c.he} "refuses help" but has cancelled the home care package twice.`,
    view: (c) => `${c.rel.first} does his best. I don’t want strangers in the house.`,
    want: (c) => `I want to stay at home with ${c.rel.first}, but I’d like some help with washing.`,
    risk: () => 'Personal care and health needs not met by the family carer; care package cancelled.',
  },
  {
    id: 'unsafe_discharge', tier: 's42', type: 'neglect', res: ['home'], ages: OLDER, where: 'hospital', ward: 'acute', from: 'service_provider', provider: 'hospital', rel: 'neighbour', raisedBy: [['family', 3], ['social_care_domiciliary', 2], ['health_primary', 2], ['friend', 1]],
    happened: (c) => `${c.n} was discharged from ${c.provider} at 21:30 without ${c.his} care package restarted or ${c.his} medicines; the taxi left ${c.him} at the door. ${c.rel.name}, a neighbour, found ${c.him} the next morning, confused and dehydrated.`,
    view: () => 'Nobody told me I was going home. I didn’t have my key.',
    want: () => 'I want to be told what’s happening and to go home when the help is ready.',
    risk: () => 'Discharged late at night without care, medicines or a way into the house.',
  },
  {
    id: 'epilepsy_clinic', tier: 's42', type: 'neglect', res: ['supported'], ages: YOUNGER, where: 'own_home', from: 'service_provider', provider: 'residence', rel: 'parent', raisedBy: SUPPORTED_RAISERS,
    happened: (c) => `Staff at ${c.provider} have not supported ${c.first} to go to ${c.his} epilepsy clinic for a year. ${c.His} seizure diary was not kept, and ${c.he} had two seizures last week that nobody recorded or told ${c.his} ${c.rel.role} about.`,
    view: (c) => `I want to see my doctor and my ${c.rel.role === 'father' ? 'dad' : 'mum'}.`,
    want: (c) => `I want staff to take me to the doctor and tell my ${c.rel.role === 'father' ? 'dad' : 'mum'} when I’m not well.`,
    risk: () => 'Health appointments missed and seizures not recorded or reported.',
  },
  {
    id: 'ward_observations', tier: 's42', type: 'neglect', res: ['home', 'supported'], ages: YOUNGER, psr: ['mental_health'], where: 'hospital', ward: 'mental_health', from: 'service_provider', provider: 'hospital', raisedBy: [['health_mental', 4], ['family', 2], ['other', 1]],
    happened: (c) => `On ${c.provider}, ${c.n} was left in soiled clothing for several hours while on close observation; the observation record shows checks that the ward’s CCTV shows were not made.`,
    view: () => 'Nobody came. I felt like I didn’t matter.',
    want: () => 'I want to be treated with respect on the ward and to go home when I’m well.',
    risk: () => 'Observations recorded but not carried out; personal care not given.',
  },
  {
    id: 'double_up_missed', tier: 's42', type: 'neglect', res: ['home'], ages: YOUNGER, psr: ['physical_personal_care', 'physical_access_mobility'], where: 'own_home', from: 'service_provider', provider: 'domiciliary', rel: 'parent', raisedBy: [['family', 3], ['health_primary', 3], ['self', 2]],
    happened: (c) => `${c.n} ${c.needs}. ${c.provider} has not staffed ${c.his} double-handed calls at weekends for a month, so ${c.he} has been left in bed from Friday night to Monday morning; the district nurse has found a new pressure sore.`,
    view: () => 'I’m stuck in bed all weekend. I can’t even get to the toilet.',
    want: () => 'I want to get up at the weekend like everyone else, and carers who turn up.',
    risk: () => 'Weekend calls not staffed; left in bed for two days at a time, with skin damage.',
  },
  {
    id: 'parent_unwell', tier: 's42', type: 'neglect', res: ['home'], ages: YOUNGER, psr: ['learning_disability'], where: 'own_home', from: 'known_to_individual', rel: 'parent', raisedBy: [['social_care_day_care', 2], ['friend', 2], ['health_primary', 2], ['social_care_social_worker', 2]],
    happened: (c) => `${c.first} lives with ${c.his} ${c.rel.role}, who has been seriously ill and is no longer able to look after ${c.him}. ${c.first} has missed ${c.his} medication for weeks and has not been to the day service; a neighbour saw ${c.him} looking for food in the bins.`,
    view: (c) => `My ${c.rel.role === 'father' ? 'dad' : 'mum'} is poorly. I look after us.`,
    want: (c) => `I want to stay with my ${c.rel.role === 'father' ? 'dad' : 'mum'} and have help with food and my tablets.`,
    risk: (c) => `Care and medication needs not met since ${c.his} ${c.rel.role}, ${c.his} carer, became ill.`,
  },
  {
    id: 'mh_discharge', tier: 's42', type: 'neglect', res: ['home'], ages: YOUNGER, psr: ['mental_health'], where: 'hospital', ward: 'mental_health', from: 'service_provider', provider: 'hospital', raisedBy: [['police', 3], ['family', 3], ['health_mental', 2]],
    happened: (c) => `${c.n} was discharged from ${c.provider} without a care coordinator, medication or a follow-up appointment. The police found ${c.him} three days later on ${c.street}, distressed, without food and with no electricity at home.`,
    view: () => 'They just said I could go. Nobody came.',
    want: () => 'I want a proper plan when I leave hospital and someone I can ring.',
    risk: () => 'Discharged without aftercare, medication or follow-up.',
  },
  // ——— physical abuse ———
  {
    id: 'carer_grip', tier: 's42', type: 'physical', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['social_care_residential', 6], ['family', 1], ['cqc', 0.5]],
    happened: (c) => `A care worker at ${c.provider} saw a colleague grip ${c.n}’s wrists and push ${c.him} back into ${c.his} chair when ${c.he} tried to stand. ${c.He} has finger-shaped bruising on both forearms.`,
    view: () => 'She was rough with me. I only wanted the toilet.',
    want: () => 'I don’t want that carer looking after me again.',
    risk: () => 'Witnessed rough handling by a care worker; finger-shaped bruising.',
  },
  {
    id: 'resident_assault', tier: 's42', type: 'physical', res: ['care_home'], ages: OLDER, where: 'residence', from: 'known_to_individual', provider: 'residence', raisedBy: [['social_care_residential', 5], ['family', 3]],
    happened: (c) => `${c.n} was hit on the head by another resident, who has advanced dementia, in the lounge at ${c.provider}. It is the third incident between them this month, and the home has not reviewed either resident’s care plan.`,
    view: () => 'He frightens me. I stay in my room now.',
    want: () => 'I want to be able to sit in the lounge without being frightened.',
    risk: () => 'Repeated assaults by another resident, with no plan to prevent them.',
  },
  {
    id: 'son_pushed', tier: 's42', type: 'physical', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'son', raisedBy: [['police', 6], ['health_secondary', 1], ['friend', 1]],
    happened: (c) => `Police attended ${c.n}’s home after a neighbour heard shouting. ${c.He} had a cut lip and said ${c.his} ${c.rel.role}, ${c.rel.name}, who lives with ${c.him} and drinks heavily, "pushed me when I wouldn’t give him money".`,
    view: (c) => `He’s my ${c.rel.role}. I don’t want him in trouble, I want him to get help.`,
    want: (c) => `I want ${c.rel.first} to stop drinking and stop hurting me, but I don’t want him locked up.`,
    risk: (c) => `Assault by ${c.his} ${c.rel.role}, who lives with ${c.him}; demands for money.`,
  },
  {
    id: 'tenant_black_eye', tier: 's42', type: 'physical', res: ['supported', 'home'], ages: YOUNGER, psr: ['learning_disability'], where: 'own_home', from: 'known_to_individual', rel: 'tenant', raisedBy: [['social_care_day_care', 3], ['social_care_other', 3], ['family', 1]],
    happened: (c) => `${c.first} came back from ${c.his} day service with a black eye. ${c.He} told staff that ${c.rel.name}, a man in the flat upstairs, hit ${c.him} when ${c.he} would not give him ${c.his} bank card.`,
    view: () => 'He said he’d hurt me again if I told.',
    want: () => 'I want him to leave me alone and to feel safe in my flat.',
    risk: () => 'Assault and demands for money by a neighbour.',
  },
  {
    id: 'carer_slapped', tier: 's42', type: 'physical', res: ['home'], ages: OLDER, where: 'own_home', from: 'service_provider', provider: 'domiciliary', rel: 'child', raisedBy: [['family', 5], ['social_care_domiciliary', 1]],
    happened: (c) => `${c.n} told ${c.his} ${c.rel.role} that a carer from ${c.provider} "slapped my hand and called me a pest" during the morning call. There is a bruise on the back of ${c.his} hand.`,
    view: () => 'She was in a hurry and I was slow.',
    want: () => 'I want carers who are kind to me and take their time.',
    risk: () => 'Alleged assault and verbal abuse by a home care worker.',
  },
  {
    id: 'ward_restraint', tier: 's42', type: 'physical', res: ['home', 'care_home'], ages: OLDER, where: 'hospital', ward: 'acute', from: 'service_provider', provider: 'hospital', raisedBy: [['health_secondary', 5], ['family', 2]],
    happened: (c) => `${c.n}, a patient on ${c.provider}, has bruising to both upper arms. Staff say it was caused by holding ${c.him} during personal care; there is no record of restraint or of a best interests decision.`,
    view: () => 'They held me down. I didn’t know who they were.',
    want: () => 'I want people to tell me what they are doing before they touch me.',
    risk: () => 'Unrecorded restraint during personal care, with bruising.',
  },
  {
    id: 'hate_assault', tier: 's42', type: 'physical', res: ['home', 'supported'], ages: YOUNGER, where: 'community', from: 'unknown_to_individual', raisedBy: [['police', 6], ['health_secondary', 1]],
    happened: (c) => `${c.n} was assaulted at the bus station by a group of young men who had been taunting ${c.him} for weeks about ${c.his} disability. ${c.He} had a cut head and lost ${c.his} phone.`,
    view: () => 'They wait for me every day. I don’t want to go out any more.',
    want: () => 'I want to get the bus to my college without being picked on.',
    risk: () => 'Repeated targeted harassment and an assault in the community.',
  },
  // ——— financial or material abuse ———
  {
    id: 'son_bank_card', tier: 's42', type: 'financial', res: ['home'], ages: OLDER, psr: ['memory_cognition', 'physical_personal_care'], where: 'own_home', from: 'known_to_individual', rel: 'son', raisedBy: [['other', 3], ['social_care_social_worker', 2], ['family', 2], ['social_care_domiciliary', 1]],
    happened: (c) => `The bank’s vulnerable customers team rang: ${c.n}’s account has gone from £14,000 to £600 in three months, in cash withdrawals of £300 a day. ${c.His} ${c.rel.role}, ${c.rel.name}, holds ${c.his} bank card.`,
    view: (c) => `${c.rel.first} sees to all that for me.`,
    want: (c) => `I want to stay in my own home and for my ${c.rel.role} to stop taking my money.`,
    risk: (c) => `Large cash withdrawals by ${c.his} ${c.rel.role}, who holds ${c.his} bank card.`,
  },
  {
    id: 'roof_scam', tier: 's42', type: 'financial', res: ['home'], ages: OLDER, where: 'own_home', from: 'unknown_to_individual', rel: 'child', raisedBy: [['police', 4], ['family', 3], ['friend', 1], ['other', 1]],
    happened: (c) => `${c.n} has paid £8,500 to a man who knocked on the door offering to repair ${c.his} roof; no work was done and he came back for more. ${c.His} ${c.rel.role} has told the police and trading standards.`,
    view: () => 'He seemed such a nice young man.',
    want: () => 'I want my money back and for him not to come to my door again.',
    risk: () => 'Doorstep fraud; the same man returning for more money.',
  },
  {
    id: 'safe_account_scam', tier: 's42', type: 'financial', res: ['home'], ages: OLDER, psr: ['memory_cognition', 'sensory_visual', 'social_isolation', 'physical_access_mobility'], where: 'own_home', from: 'unknown_to_individual', raisedBy: [['police', 4], ['other', 3], ['family', 2]],
    happened: (c) => `${c.n} was persuaded by a caller claiming to be from ${c.his} bank to move £22,000 to a "safe account". ${c.He} lives alone and ${c.needs}; the callers have rung again this week.`,
    view: () => 'I thought I was doing the right thing.',
    want: () => 'I want the phone calls to stop and to know my money is safe.',
    risk: () => 'Telephone fraud with repeated calls; savings lost.',
  },
  {
    id: 'allowance_missing', tier: 's42', type: 'financial', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['social_care_residential', 4], ['family', 2], ['social_care_social_worker', 1]],
    happened: (c) => `An audit of residents’ money at ${c.provider} found £1,200 missing from ${c.n}’s personal allowance; receipts are missing, and one member of staff signed for every withdrawal.`,
    view: () => 'I didn’t know there was any money missing.',
    want: () => 'I want my money paid back and kept safe.',
    risk: () => 'Personal allowance missing; one member of staff signed for all withdrawals.',
  },
  {
    id: 'friend_benefits', tier: 's42', type: 'financial', res: ['home', 'supported'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', rel: 'acquaintance', raisedBy: [['housing', 4], ['social_care_other', 2], ['police', 1], ['family', 2]],
    happened: (c) => `${c.first}’s benefits are being collected by a "friend", ${c.rel.name}, who moved into ${c.his} flat three months ago. There is no food in the flat and ${c.he} owes £900 in rent.`,
    view: (c) => `${c.rel.first} is my mate. He looks after my money.`,
    want: () => 'I want my own money and my flat back to myself.',
    risk: (c) => `Benefits taken by ${c.rel.name}, who has moved in; rent arrears and no food.`,
  },
  {
    id: 'carer_shopping', tier: 's42', type: 'financial', res: ['home'], ages: OLDER, where: 'own_home', from: 'service_provider', provider: 'domiciliary', rel: 'child', raisedBy: [['family', 5], ['social_care_domiciliary', 1]],
    happened: (c) => `${c.n}’s ${c.rel.role} found that a carer from ${c.provider} has been doing ${c.his} shopping and keeping the change: the receipts do not match the money taken, about £400 over two months.`,
    view: () => 'She’s always been good to me. I don’t want her in trouble.',
    want: () => 'I want someone I can trust to do my shopping.',
    risk: () => 'Money taken by a home care worker doing the shopping.',
  },
  {
    id: 'attorney_fees', tier: 's42', type: 'financial', res: ['care_home'], ages: OLDER, psr: ['memory_cognition'], where: 'residence', from: 'known_to_individual', provider: 'residence', rel: 'nephew', raisedBy: [['social_care_residential', 4], ['social_care_social_worker', 2]],
    happened: (c) => `${c.n}’s fees at ${c.provider} are £9,000 in arrears. ${c.His} ${c.rel.role}, ${c.rel.name}, who holds lasting power of attorney for ${c.his} property and money, stopped answering the home’s calls after ${c.his} house was sold last year.`,
    view: () => 'I don’t know anything about that. He sees to it.',
    want: () => 'I want to stay here where I’m settled.',
    risk: (c) => `Misuse of a lasting power of attorney by ${c.his} ${c.rel.role}; fees unpaid.`,
  },
  // ——— psychological abuse ———
  {
    id: 'locked_in', tier: 's42', type: 'psychological', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'son', raisedBy: [['health_primary', 4], ['social_care_domiciliary', 2], ['friend', 1]],
    happened: (c) => `${c.n} told ${c.his} GP that ${c.his} ${c.rel.role}, ${c.rel.name}, shouts at ${c.him}, locks ${c.him} in ${c.his} bedroom when he goes out, and says ${c.he} will be "put in a home" if ${c.he} tells anyone.`,
    view: () => 'I’m frightened of what he’ll do if he finds out I told.',
    want: () => 'I want to feel safe in my own house and not be locked in.',
    risk: (c) => `Threats, shouting and being locked in by ${c.his} ${c.rel.role}.`,
  },
  {
    id: 'staff_mocking', tier: 's42', type: 'psychological', res: ['care_home'], ages: OLDER, where: 'residence', from: 'service_provider', provider: 'residence', rel: 'child', raisedBy: [['family', 5], ['social_care_residential', 2]],
    happened: (c) => `${c.n}’s ${c.rel.role} overheard two staff at ${c.provider} mocking ${c.his} confusion and calling ${c.him} names; ${c.he} has been tearful and has refused to leave ${c.his} room since.`,
    view: () => 'They laugh at me.',
    want: () => 'I want the staff to be kind to me.',
    risk: () => 'Staff mocking and name-calling; the resident withdrawn and tearful.',
  },
  {
    id: 'tablet_removed', tier: 's42', type: 'psychological', res: ['supported'], ages: YOUNGER, where: 'own_home', from: 'service_provider', provider: 'residence', rel: 'parent', raisedBy: SUPPORTED_RAISERS,
    happened: (c) => `Staff at ${c.provider} have been taking ${c.first}’s tablet away as a "consequence" when ${c.he} is upset. It is ${c.his} only way to talk to ${c.his} ${c.rel.role}, and nothing about it is in ${c.his} support plan.`,
    view: (c) => `They take my tablet and I can’t ring my ${c.rel.role === 'father' ? 'dad' : 'mum'}.`,
    want: (c) => `I want to keep my tablet and talk to my ${c.rel.role === 'father' ? 'dad' : 'mum'} when I want.`,
    risk: () => 'Punitive removal of the person’s means of contacting family; not in any plan.',
  },
  // ——— sexual abuse ———
  {
    id: 'night_worker', tier: 's42', type: 'sexual', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['social_care_residential', 5], ['police', 1]],
    happened: (c) => `A night care worker at ${c.provider} was seen by a colleague in ${c.n}’s room with the door shut and the call bell switched off; ${c.n} was distressed and ${c.his} nightclothes were disarranged. The police have been called.`,
    view: () => 'I didn’t want him there.',
    want: () => 'I want him kept away from me and everyone else here to be safe.',
    risk: () => 'Alleged sexual assault by a night care worker.',
  },
  {
    id: 'tenant_touching', tier: 's42', type: 'sexual', res: ['supported'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', provider: 'residence', rel: 'tenant', raisedBy: [['social_care_day_care', 3], ['social_care_other', 3], ['family', 1]],
    happened: (c) => `${c.first} told ${c.his} day centre worker that another tenant at ${c.provider}, ${c.rel.name}, "touches me where I don’t like" in the shared kitchen.`,
    view: () => 'I don’t like him. I want my own kitchen.',
    want: () => 'I want him to stop and to feel safe in my home.',
    risk: (c) => `Sexual touching by ${c.rel.name}, another tenant.`,
  },
  {
    id: 'ward_assault', tier: 's42', type: 'sexual', res: ['home', 'supported'], ages: YOUNGER, psr: ['mental_health'], where: 'hospital', ward: 'mental_health', from: 'known_to_individual', provider: 'hospital', raisedBy: [['health_mental', 6]],
    happened: (c) => `${c.n} disclosed that another patient on ${c.provider} came into ${c.his} bedroom at night and sexually assaulted ${c.him}. The ward has moved the other patient and called the police.`,
    view: () => 'I want to feel safe when I go to sleep.',
    want: () => 'I want the police to deal with it and to be on a ward where I feel safe.',
    risk: () => 'Sexual assault by another patient on the ward.',
  },
  {
    id: 'carer_touching', tier: 's42', type: 'sexual', res: ['home'], ages: OLDER, when: (a) => a.female, where: 'own_home', from: 'service_provider', provider: 'domiciliary', rel: 'child', raisedBy: [['family', 4], ['social_care_domiciliary', 2]],
    happened: (c) => `${c.n} told ${c.his} ${c.rel.role} that a male carer from ${c.provider} touches her breasts during her wash and makes sexual comments; ${c.he} has asked for female carers but he is still sent on the evening call.`,
    view: () => 'I asked for ladies. He makes me feel dirty.',
    want: () => 'I want only female carers and for him never to come back.',
    risk: () => 'Alleged sexual touching and comments by a male home care worker.',
  },
  {
    id: 'online_man', tier: 's42', type: 'sexual', res: ['home', 'supported'], ages: [19, 45], psr: ['learning_disability', 'mental_health'], where: 'own_home', from: 'known_to_individual', rel: 'acquaintance', raisedBy: [['social_care_other', 3], ['police', 2], ['family', 2]],
    happened: (c) => `${c.first} told ${c.his} support worker that a man ${c.he} met online, ${c.rel.name}, came to ${c.his} flat and had sex with ${c.him} after ${c.he} said no. He has been messaging since, asking to come back.`,
    view: () => 'I said no. He keeps messaging me.',
    want: () => 'I want him to stop messaging me and to feel safe at home.',
    risk: (c) => `Alleged rape by ${c.rel.name}, met online; continuing contact.`,
  },
  // ——— domestic abuse ———
  {
    id: 'partner_stairs', tier: 's42', type: 'domestic_abuse', res: ['home'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', rel: 'partner', raisedBy: [['police', 7], ['health_secondary', 1]],
    happened: (c) => `Police attended ${c.n}’s home after ${c.his} partner, ${c.rel.name}, pushed ${c.him} down the stairs. ${c.He} ${c.needs}, and told officers ${c.rel.first} controls ${c.his} money and phone. DASH risk: high.`,
    view: () => 'I love him but I can’t live like this.',
    want: (c) => `I want ${c.rel.first} to leave me alone and to keep my flat.`,
    risk: (c) => `Assault, coercive control and control of money by ${c.his} partner.`,
  },
  {
    id: 'husband_dementia', tier: 's42', type: 'domestic_abuse', res: ['home'], ages: [70, 110], when: (a) => a.female, where: 'own_home', from: 'known_to_individual', rel: 'spouse', raisedBy: [['health_primary', 5], ['family', 2]],
    happened: (c) => `${c.n} told the district nurse that ${c.his} husband of fifty years, ${c.rel.name}, has been hitting ${c.him} since his own memory began to fail. ${c.He} ${c.needs} and is frightened at night.`,
    view: () => 'He was never like this. It’s the illness.',
    want: (c) => `I want us both to be safe, and help for ${c.rel.first} so we can stay together if we can.`,
    risk: () => 'Physical harm from a husband whose dementia is advancing.',
  },
  {
    id: 'partner_wrist', tier: 's42', type: 'domestic_abuse', res: ['home'], ages: YOUNGER, psr: ['physical_access_mobility', 'physical_personal_care', 'sensory_visual', 'sensory_hearing', 'mental_health'], where: 'own_home', from: 'known_to_individual', rel: 'partner', raisedBy: [['health_secondary', 5], ['police', 2]],
    happened: (c) => `${c.n} came to A&E with a broken wrist. ${c.He} ${c.needs}, and said ${c.his} partner, ${c.rel.name}, twisted ${c.his} arm and keeps ${c.his} disability benefits.`,
    view: (c) => `I need ${c.rel.him} for my care. Who else would help me?`,
    want: () => 'I want care that doesn’t depend on him, and to be safe.',
    risk: (c) => `Assault and financial control by ${c.his} partner, who is also ${c.his} carer.`,
  },
  // ——— organisational abuse ———
  {
    id: 'early_rising', tier: 's42', type: 'organisational', res: ['care_home'], ages: OLDER, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['cqc', 3], ['social_care_residential', 3], ['family', 1]],
    happened: (c) => `Residents at ${c.provider}, ${c.n} among them, are being got up and dressed from 05:00 by night staff "to help the day shift". ${c.n} was one of nine residents the CQC inspector found up and dressed in the lounge at 06:15.`,
    view: () => 'I like a lie-in. I always did.',
    want: () => 'I want to get up when I’m ready.',
    risk: () => 'Routines run for the staff, not the residents: woken and dressed from 05:00.',
  },
  {
    id: 'locked_kitchen', tier: 's42', type: 'organisational', res: ['supported'], ages: YOUNGER, where: 'own_home', from: 'service_provider', provider: 'residence', raisedBy: SUPPORTED_RAISERS,
    happened: (c) => `At ${c.provider}, the kitchen and front door are kept locked for every tenant, ${c.first} included, because of one tenant’s risks. Nobody has a support plan or a best interests decision for it.`,
    view: () => 'I can’t make a cup of tea when I want one.',
    want: () => 'I want to use my own kitchen and go out when I want.',
    risk: () => 'Blanket restrictions on every tenant without plans or best interests decisions.',
  },
  {
    id: 'day_room', tier: 's42', type: 'organisational', res: ['supported', 'home'], ages: YOUNGER, psr: ['learning_disability'], where: 'community_service', from: 'service_provider', provider: 'day', rel: 'parent', raisedBy: [['family', 3], ['social_care_social_worker', 2], ['social_care_day_care', 2]],
    happened: (c) => `At ${c.provider}, ${c.first} and others are kept in one room all day because of staff shortages; none of the activities in their plans has happened for two months. ${c.His} ${c.rel.role} says ${c.he} comes home bored and upset.`,
    view: () => 'It’s boring. We just sit there.',
    want: () => 'I want to go swimming and cooking again like before.',
    risk: () => 'Service run for staff shortages, not people’s plans; no activities for two months.',
  },
  // ——— self-neglect ———
  {
    id: 'hoarding', tier: 's42', type: 'self_neglect', res: ['home'], ages: [45, 110], where: 'own_home', from: 'known_to_individual', raisedBy: [['other', 3], ['housing', 3], ['health_primary', 2], ['friend', 1]],
    happened: (c) => `A fire service home safety visit found ${c.n}’s house on ${c.street} filled to the ceiling with papers and bags, with one narrow path through; no working heating or cooker, and two recent candle burns on the carpet. ${c.He} has refused help from ${c.his} GP.`,
    view: () => 'It’s all useful. I know where everything is.',
    want: () => 'I want to stay in my house and for nobody to throw my things away.',
    risk: () => 'Hoarding with a high fire risk; no heating or cooking.',
  },
  {
    id: 'no_electricity', tier: 's42', type: 'self_neglect', res: ['home'], ages: [25, 80], psr: ['social_substance_misuse', 'mental_health'], where: 'own_home', from: 'known_to_individual', raisedBy: [['housing', 5], ['health_primary', 1], ['police', 1]],
    happened: (c) => `A housing officer found ${c.n} living in ${c.his} flat without electricity for a month: rotting food, no bedding and untreated leg ulcers. ${c.He} ${c.needs} and has missed every GP appointment this year.`,
    view: () => 'I’m alright. I just want to be left alone.',
    want: () => 'I want to keep my flat and get my electric back on.',
    risk: () => 'Severe self-neglect: no power, untreated wounds, no food.',
  },
  {
    id: 'bereaved', tier: 's42', type: 'self_neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', raisedBy: [['health_primary', 5], ['family', 2]],
    happened: (c) => `Since ${c.he === 'she' ? 'her husband' : 'his wife'} died, ${c.n} has stopped eating properly and taking ${c.his} insulin. The GP says ${c.he} has lost a stone, and the house is cold and dirty. ${c.He} told the practice nurse "what’s the point".`,
    view: (c) => `What’s the point without ${c.he === 'she' ? 'him' : 'her'}?`,
    want: () => 'I want to stay at home. Maybe some company now and then.',
    risk: () => 'Not eating or taking insulin since bereavement; low mood.',
  },
  // ——— sexual exploitation, modern slavery, discriminatory ———
  {
    id: 'takeaway_men', tier: 's42', type: 'sexual_exploitation', res: ['home', 'supported'], ages: [19, 30], psr: ['learning_disability', 'mental_health'], where: 'community', from: 'known_to_individual', rel: 'acquaintance', raisedBy: [['police', 4], ['social_care_other', 2], ['family', 2], ['education', 1]],
    happened: (c) => `${c.n} is being picked up late at night by older men from a takeaway near ${c.his} home. ${c.He} has new phones and clothes and told ${c.his} support worker that one of them, ${c.rel.name}, is ${c.his} "boyfriend".`,
    view: (c) => `${c.rel.first} loves me. He buys me things.`,
    want: () => 'I want a boyfriend who is nice to me, and to keep my phone.',
    risk: () => 'Grooming and sexual exploitation by a group of older men.',
  },
  {
    id: 'block_paving', tier: 's42', type: 'modern_slavery', res: ['home'], ages: YOUNGER, when: (a) => !a.female, where: 'other', from: 'known_to_individual', rel: 'acquaintance', raisedBy: [['police', 8]],
    happened: (c) => `Police found ${c.n} living in a caravan behind a house on ${c.street}, working twelve-hour days laying block paving for no pay. ${c.He} ${c.needs} and has no access to ${c.his} bank account.`,
    view: () => 'They said they’d look after me.',
    want: () => 'I want somewhere safe to live and to be paid for my work.',
    risk: () => 'Forced labour for no pay; wages and bank account controlled.',
  },
  {
    id: 'faith_food', tier: 's42', type: 'discriminatory', res: ['care_home'], ages: OLDER, when: (a) => a.group === 'south_asian', where: 'residence', from: 'service_provider', provider: 'residence', rel: 'child', raisedBy: [['family', 5], ['social_care_social_worker', 1]],
    happened: (c) => `Staff at ${c.provider} have refused to support ${c.n} to eat halal food and have made comments about ${c.his} faith in front of other residents. ${c.His} ${c.rel.role} found ${c.him} upset and not eating.`,
    view: () => 'They make fun of my prayers.',
    want: () => 'I want my food and my faith respected.',
    risk: () => 'Faith and dietary needs refused; comments about religion.',
  },
  // ——— other safeguarding enquiries (s42(2)): serious risk where the duty does not apply ———
  {
    id: 'carer_threatened', tier: 'other', type: 'psychological', res: ['home'], ages: [40, 85], where: 'own_home', from: 'known_to_individual', rel: 'son', raisedBy: [['health_mental', 4], ['police', 2], ['self', 1]],
    happened: (c) => `${c.n} cares for ${c.his} adult ${c.rel.role}, ${c.rel.name}, who has a serious mental illness and lives with ${c.him}. ${c.rel.first} has stopped taking his medication and has been threatening ${c.him}; ${c.he} sleeps with ${c.his} door locked.`,
    view: (c) => `I’m his ${c.he === 'she' ? 'mum' : 'dad'}, I won’t give up on him. But I’m scared.`,
    want: (c) => `I want ${c.rel.first} to get treatment and for us both to be safe.`,
    risk: (c) => `Threats from ${c.his} ${c.rel.role}, who ${c.he} cares for.`,
    test: {
      needs: ['no', (c) => `${c.He} is a carer and manages ${c.his} own daily living without help.`],
      abuse: ['yes', (c) => `Repeated threats from ${c.his} ${c.rel.role}, whose mental health has relapsed.`],
      protect: ['no', (c) => `${c.He} has capacity and has taken steps ${c.himself}, but is frightened.`],
    },
    other: (c) => `The duty under s42(1) does not apply: ${c.he} has no care and support needs. A discretionary enquiry (s42(2)) with the mental health team, as a carer at serious risk.`,
  },
  {
    id: 'carer_hit', tier: 'other', type: 'physical', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'spouse', raisedBy: [['health_primary', 4], ['family', 2], ['social_care_social_worker', 1]],
    happened: (c) => `${c.n} cares for ${c.his} ${c.rel.role}, ${c.rel.name}, who has dementia and lashes out during personal care. ${c.He} has bruises on both arms and told the GP ${c.he} is exhausted and "at the end of my tether".`,
    view: (c) => `It’s not ${c.rel.his} fault. I just need a break.`,
    want: () => 'I want some help with the caring and a night’s sleep.',
    risk: (c) => `Injuries from ${c.his} ${c.rel.role} during personal care; carer exhausted.`,
    test: {
      needs: ['no', (c) => `${c.He} is a carer with no care and support needs of ${c.his} own.`],
      abuse: ['yes', (c) => `Bruising from ${c.rel.first}, whose dementia is advancing.`],
      protect: ['no', (c) => `${c.He} has capacity and can seek help, and has done.`],
    },
    other: (c) => `No care and support needs, so no s42(1) duty; a discretionary enquiry (s42(2)) to make ${c.him} and ${c.rel.first} safe, with a carer’s assessment.`,
  },
  {
    id: 'cuckooing', tier: 'other', type: 'modern_slavery', res: ['home'], ages: [19, 35], where: 'own_home', from: 'known_to_individual', rel: 'acquaintance', raisedBy: [['police', 5], ['housing', 3], ['family', 1]],
    happened: (c) => `${c.n} has been persuaded by a local group to let them use ${c.his} flat to deal drugs and to carry drugs for them. ${c.He} has ADHD and no assessed care and support needs; ${c.his} door has been kicked in twice.`,
    view: () => 'They said they’d hurt my mum if I said anything.',
    want: () => 'I want them out of my flat and to move somewhere they can’t find me.',
    risk: () => 'Criminal exploitation and cuckooing by a drugs group.',
    test: {
      needs: ['no', (c) => `${c.He} has ADHD but manages ${c.his} daily living; no assessed care and support needs.`],
      abuse: ['yes', () => 'Criminal exploitation and threats; the flat taken over.'],
      protect: ['yes', (c) => `${c.He} is frightened and cannot get the group out of ${c.his} flat.`],
    },
    other: (c) => `Without care and support needs the s42(1) duty does not apply; the exploitation is serious, so a discretionary enquiry (s42(2)) with the police and housing to make ${c.him} safe.`,
  },
  {
    id: 'hoarding_capacity', tier: 'other', type: 'self_neglect', res: ['home'], ages: [50, 110], where: 'own_home', from: 'known_to_individual', raisedBy: [['other', 4], ['housing', 3]],
    happened: (c) => `Neighbours in the terrace on ${c.street} complained of rats and a smell from ${c.n}’s house. The fire service found hoarding throughout, blocking the stairs and exits; ${c.he} manages ${c.his} own care and money.`,
    view: () => 'I know it’s got out of hand. I don’t know where to start.',
    want: () => 'I want help to sort it out a bit at a time, without strangers taking over.',
    risk: () => 'Hoarding blocking exits; a fire risk to the adult and the adjoining houses.',
    test: {
      needs: ['no', (c) => `${c.He} has no care and support needs: ${c.he} manages ${c.his} own personal care, meals and money.`],
      abuse: ['yes', () => 'Self-neglect through hoarding, with a serious fire risk.'],
      protect: ['no', (c) => `${c.He} has capacity and recognises the risk.`],
    },
    other: () => 'The s42(1) duty does not apply; the fire risk to the adult and the neighbours is serious, so a discretionary enquiry (s42(2)) under the hoarding and self-neglect protocol.',
  },
  {
    id: 'wallet_capacity', tier: 'other', type: 'financial', res: ['care_home'], ages: ANY, psr: ['physical_personal_care', 'physical_access_mobility', 'sensory_dual', 'mental_health', 'learning_disability'], where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['self', 2], ['family', 3], ['social_care_residential', 2]],
    happened: (c) => `${c.n}, who has capacity, says a care worker at ${c.provider} took £20 from ${c.his} wallet. ${c.He} does not want it taken further, but two other residents have reported money missing this month.`,
    view: () => 'I don’t want a fuss. I keep my money locked up now.',
    want: () => 'I don’t want a fuss, I just want my money safe.',
    risk: () => 'Money taken from a resident’s wallet; other residents affected.',
    test: {
      abuse: ['yes', () => 'Money taken by a care worker.'],
      protect: ['no', (c) => `${c.He} has capacity and has taken steps to protect ${c.himself}.`],
    },
    other: (c) => `${c.He} can protect ${c.himself}, so the s42(1) duty does not apply; other residents at ${c.provider} may be at risk from the same worker: a discretionary enquiry (s42(2)) with the home.`,
  },
  {
    id: 'tenant_loan', tier: 'other', type: 'financial', res: ['supported'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', provider: 'residence', rel: 'tenant', raisedBy: SUPPORTED_RAISERS,
    happened: (c) => `${c.first} has lent £600 to ${c.rel.name}, another tenant at ${c.provider}, who keeps asking for more. ${c.He} understands money and has asked staff to help ${c.him} say no; other tenants have been asked too.`,
    view: () => 'I want my money back. I said no now.',
    want: () => 'I want my money back and him to stop asking.',
    risk: (c) => `Repeated borrowing by ${c.rel.name}; other tenants asked.`,
    test: {
      abuse: ['yes', () => 'Money taken by repeated pressure from another tenant.'],
      protect: ['no', (c) => `${c.He} has capacity about money and, with staff support, has said no.`],
    },
    other: () => 'The adult can protect themselves with support, so no s42(1) duty; other tenants are being targeted, so a discretionary enquiry (s42(2)) with the provider.',
  },
  // ——— low-level concerns: information and advice, or no further action ———
  {
    id: 'fall_managed', tier: 'low', type: 'neglect', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['social_care_residential', 6], ['family', 1]],
    happened: (c) => `${c.n} had an unwitnessed fall in ${c.his} room at ${c.provider}. Staff found ${c.him} within ten minutes, checked for injury, rang 111 and told ${c.his} family. ${c.His} falls plan had been followed.`,
    view: () => 'I was trying to get to the window. I’m alright.',
    risk: () => 'An unwitnessed fall.',
    test: { abuse: ['no', () => 'The falls plan was followed and the home acted promptly; no sign of neglect.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'gp_health', reason: (c) => `No abuse or neglect: the home acted well. Advised the home to ask the GP for a falls clinic referral for ${c.n}.` },
    nfa: () => 'The fall was managed well and the falls plan was followed; no abuse or neglect. No further action.',
  },
  {
    id: 'medication_late', tier: 'low', type: 'neglect', res: ['care_home', 'supported'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', raisedBy: [['social_care_residential', 6], ['social_care_other', 2]],
    happened: (c) => `Medication error at ${c.provider}: ${c.n}’s evening medicines were given an hour and a half late. The provider reported it, the GP advised there was no harm, and the staff member has been retrained.`,
    risk: () => 'A late medication dose.',
    test: { abuse: ['no', () => 'A single error, reported and put right, with no harm.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'contract_monitoring', reason: () => 'A single error without harm, handled well by the provider: passed to contract monitoring to check its medication audit.' },
    nfa: () => 'A single error without harm; the provider has reported and dealt with it. No further action.',
  },
  {
    id: 'late_call', tier: 'low', type: 'neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'service_provider', provider: 'domiciliary', raisedBy: [['family', 4], ['social_care_domiciliary', 2]],
    happened: (c) => `One lunchtime call from ${c.provider} was 90 minutes late because of a carer’s sickness. The office rang ${c.n}, who had the sandwich left at the morning call.`,
    view: () => 'They rang to say they were running late. I was fine.',
    risk: () => 'One late call.',
    test: { abuse: ['no', () => 'One late call, with the person told and safe.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'contract_monitoring', reason: () => 'One late call, managed safely: passed to contract monitoring to watch the provider’s call times.' },
    nfa: () => 'One late call, managed safely. No further action.',
  },
  {
    id: 'lonely', tier: 'low', type: 'self_neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'child', raisedBy: [['family', 3], ['health_primary', 3], ['social_care_domiciliary', 1]],
    happened: (c) => `${c.n}’s ${c.rel.role} is worried that ${c.he} is lonely and not eating well since being widowed. ${c.He} manages ${c.his} own care and money and says ${c.he} is "managing".`,
    view: () => 'I’m managing. I wouldn’t mind a bit of company.',
    risk: () => 'Loneliness and poor diet.',
    test: { abuse: ['no', () => 'No abuse or neglect; the adult is managing, with family support.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'voluntary', reason: (c) => `Not a safeguarding matter. ${c.He} agreed to a referral to the befriending and lunch club service.` },
    nfa: () => 'Not a safeguarding matter; the adult is managing and has family support. No further action.',
  },
  {
    id: 'scam_letter', tier: 'low', type: 'financial', res: ['home'], ages: OLDER, where: 'own_home', from: 'unknown_to_individual', rel: 'child', raisedBy: [['family', 4], ['police', 2], ['friend', 1]],
    happened: (c) => `${c.n} was sent a scam letter and had a phone call asking for ${c.his} bank details. ${c.He} did not give any and told ${c.his} ${c.rel.role}, who rang the police.`,
    view: () => 'I knew it wasn’t right.',
    risk: () => 'An attempted scam.',
    test: { abuse: ['no', () => 'An attempted scam, stopped by the adult; no loss.'], protect: ['no', (c) => `${c.He} recognised the scam and protected ${c.himself}.`] },
    advice: { to: 'police', reason: () => 'No loss and the adult protected themselves: advice about scams given, and a call blocker suggested through the police’s fraud prevention officer.' },
    nfa: () => 'No loss; the adult recognised the scam and protected themselves. No further action.',
  },
  {
    id: 'evicted', tier: 'low', type: 'self_neglect', res: ['home'], ages: YOUNGER, where: 'community', from: 'known_to_individual', raisedBy: [['housing', 3], ['health_mental', 2], ['self', 1]],
    happened: (c) => `${c.n} has been sleeping on a friend’s sofa since being evicted. ${c.He} has depression but manages ${c.his} own care.`,
    view: () => 'I just need somewhere to live.',
    risk: () => 'Homelessness.',
    test: {
      needs: ['no', (c) => `${c.He} manages ${c.his} own personal care, meals and money.`],
      abuse: ['no', () => 'Homelessness, but no abuse or neglect.'],
      protect: ['no', () => 'No abuse or neglect to protect against.'],
    },
    advice: { to: 'housing', reason: () => 'A housing need, not safeguarding: signposted to the housing options team, who will see the adult this week.' },
    nfa: () => 'A housing need already with the housing options team; no abuse or neglect. No further action.',
  },
  {
    id: 'carer_strain', tier: 'low', type: 'psychological', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'spouse', raisedBy: [['health_primary', 4], ['family', 2], ['self', 1]],
    happened: (c) => `${c.n}’s ${c.rel.role}, ${c.rel.name}, who is ${c.his} carer, told the GP ${c.rel.he} is exhausted and sometimes loses ${c.rel.his} temper; there are no injuries and ${c.rel.he} is asking for help.`,
    view: (c) => `${c.rel.first} does everything for me. We need a bit of help.`,
    risk: () => 'Carer strain.',
    test: { abuse: ['no', () => 'Carer strain without harm; the carer is asking for help.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'carers_support', reason: () => 'Carer strain, not abuse: a carer’s assessment offered and a referral made to the carers’ support service.' },
    nfa: () => 'Carer strain without harm; a carer’s assessment is already booked. No further action.',
  },
  {
    id: 'neighbours_talking', tier: 'low', type: 'psychological', res: ['home', 'supported'], ages: YOUNGER, psr: ['mental_health'], where: 'own_home', from: 'unknown_to_individual', raisedBy: [['health_mental', 4], ['self', 2]],
    happened: (c) => `${c.n} told ${c.his} care coordinator that neighbours are talking about ${c.him} and watching the flat. The housing officer found no sign of harassment; ${c.his} mental health has got worse.`,
    view: () => 'They’re always watching me.',
    risk: () => 'Worsening mental health.',
    test: { abuse: ['no', () => 'No evidence of harassment or abuse; the worry is part of a relapse.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'mental_health', reason: () => 'No abuse found: passed back to the community mental health team for an urgent review of the relapse.' },
    nfa: () => 'No abuse found; the care coordinator is already reviewing the relapse. No further action.',
  },
  {
    id: 'shin_bruise', tier: 'low', type: 'physical', res: ['home'], ages: OLDER, where: 'own_home', from: 'service_provider', provider: 'domiciliary', raisedBy: [['social_care_domiciliary', 6]],
    happened: (c) => `Carers from ${c.provider} noticed a bruise on ${c.n}’s shin. ${c.He} says ${c.he} knocked it on the coffee table, which a carer saw happen; a body map has been done.`,
    risk: () => 'A bruise with a witnessed explanation.',
    test: { abuse: ['no', () => 'The bruise has a witnessed, consistent explanation.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'adult_social_care_assessment', reason: () => 'No abuse: the bruise was explained. Occupational therapy assessment suggested to rearrange the furniture.' },
    nfa: () => 'The bruise has a witnessed, consistent explanation. No further action.',
  },
  {
    id: 'discharge_delay', tier: 'low', type: 'neglect', res: ['home'], ages: OLDER, where: 'hospital', ward: 'acute', from: 'service_provider', provider: 'hospital', raisedBy: [['health_primary', 4], ['family', 2]],
    happened: (c) => `${c.n} was discharged from ${c.provider} with a pressure sore the ward had recorded and treated, but the referral to the district nurses was a day late. ${c.He} already had a pressure cushion at home.`,
    view: () => 'The staff were lovely. It was just the nurse not being told.',
    risk: () => 'A late district nursing referral.',
    test: { abuse: ['no', () => 'An oversight, put right the next day, without harm.'], protect: ['no', (c) => `${c.He} has capacity and has no ongoing concerns.`] },
    advice: { to: 'gp_health', reason: () => 'An oversight put right: the ward manager apologised and the district nurses now visit. Passed to the trust’s discharge lead.' },
    nfa: (c) => `The ward manager apologised and the district nurses now visit; ${c.n}’s outcomes are met and ${c.he} agrees. No further action.`,
  },
  {
    id: 'verbal_argument', tier: 'low', type: 'domestic_abuse', res: ['home'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', rel: 'partner', raisedBy: [['police', 8]],
    happened: (c) => `Police attended a verbal argument between ${c.n} and ${c.his} partner, ${c.rel.name}. No injuries, no previous incidents; neither wants support. DASH risk: standard.`,
    risk: () => 'A verbal argument.',
    test: {
      needs: ['no', (c) => `${c.He} has no care and support needs.`],
      abuse: ['no', () => 'A single verbal argument at standard risk; no history.'],
      protect: ['no', () => 'No abuse or neglect to protect against.'],
    },
    advice: { to: 'domestic_abuse_service', reason: () => 'No care and support needs; standard risk. Details of the domestic abuse service given.' },
    nfa: () => 'No care and support needs and a standard risk incident; the police have given advice. No further action.',
  },
  {
    id: 'laundry', tier: 'low', type: 'neglect', res: ['care_home'], ages: ANY, where: 'residence', from: 'service_provider', provider: 'residence', rel: 'child', raisedBy: [['family', 4], ['social_care_social_worker', 2]],
    happened: (c) => `${c.n}’s ${c.rel.role} complains that ${c.his} clothes keep going missing in the laundry at ${c.provider} and ${c.he} is sometimes dressed in other residents’ clothes.`,
    risk: () => 'Clothes going missing.',
    test: { abuse: ['no', () => 'A quality of care complaint, not abuse or neglect.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'contract_monitoring', reason: () => 'A complaint about quality, not safeguarding: passed to contract monitoring and the family told how to complain to the home.' },
    nfa: () => 'A complaint about quality, already with the home’s complaints process. No further action.',
  },
  {
    id: 'grandson_money', tier: 'low', type: 'financial', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'grandson', raisedBy: [['family', 4], ['social_care_domiciliary', 2]],
    happened: (c) => `${c.n} has been giving ${c.his} grandson, ${c.rel.name}, about £50 a week. ${c.He} says it is ${c.his} choice and ${c.his} money, and understands the risk.`,
    view: () => 'He’s my grandson. I like to help him.',
    risk: () => 'Gifts of money to a grandson.',
    test: { abuse: ['no', () => 'The adult chooses to give the money and understands the risk.'], protect: ['no', (c) => `${c.He} has capacity about ${c.his} money.`] },
    advice: { to: 'voluntary', reason: () => 'The adult’s own choice: advice on budgeting and on a lasting power of attorney given, with the details of a money advice service.' },
    nfa: () => 'The adult has capacity and chooses to give the money. No further action.',
  },
  {
    id: 'intoxicated', tier: 'low', type: 'self_neglect', res: ['home'], ages: YOUNGER, where: 'community', from: 'known_to_individual', raisedBy: [['police', 7]],
    happened: (c) => `${c.n} was found drunk in the town centre by police late at night and was taken home. ${c.He} is known to the drug and alcohol service.`,
    risk: () => 'Intoxication in public.',
    test: {
      needs: ['no', (c) => `${c.He} has no care and support needs: ${c.he} manages ${c.his} own daily living.`],
      abuse: ['no', () => 'No abuse or neglect.'],
      protect: ['no', () => 'No abuse or neglect to protect against.'],
    },
    advice: { to: 'other', reason: () => 'No care and support needs: details passed to the drug and alcohol service with consent.' },
    nfa: () => 'Already known to the drug and alcohol service; no care and support needs. No further action.',
  },
  {
    id: 'welfare_check', tier: 'low', type: 'self_neglect', res: ['home'], ages: OLDER, where: 'own_home', from: 'known_to_individual', rel: 'neighbour', raisedBy: [['friend', 4], ['police', 2]],
    happened: (c) => `${c.rel.name}, a neighbour, was worried that ${c.n}’s garden is overgrown and ${c.he} has not been seen for a week. A police welfare check found ${c.him} well, with family visiting daily.`,
    risk: () => 'A welfare worry.',
    test: { abuse: ['no', () => 'The adult is well and supported by family.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'voluntary', reason: () => 'No safeguarding concern: the family were given details of a garden help scheme.' },
    nfa: () => 'Found well with family support. No further action.',
  },
  {
    id: 'rent_arrears', tier: 'low', type: 'financial', res: ['home'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', raisedBy: [['housing', 5], ['social_care_other', 1]],
    happened: (c) => `The tenancy officer is worried that ${c.n}, who ${c.needs}, has £600 of rent arrears since a change to ${c.his} benefits. There is no sign that anyone else is taking ${c.his} money.`,
    view: () => 'I didn’t understand the letters.',
    risk: () => 'Rent arrears after a benefit change.',
    test: { abuse: ['no', () => 'Arrears from a benefit change; nobody is taking the adult’s money.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'voluntary', reason: () => 'A money problem, not abuse: referred with consent to the welfare rights service, and the tenancy officer will help with the claim.' },
    nfa: () => 'The welfare rights team is already helping with the claim and the arrears. No further action.',
  },
  {
    id: 'group_chat', tier: 'low', type: 'psychological', res: ['home', 'supported'], ages: [18, 30], where: 'community', from: 'known_to_individual', raisedBy: [['education', 3], ['family', 2], ['self', 1]],
    happened: (c) => `${c.n} told ${c.his} college support officer that people in a group chat were making fun of ${c.him}. ${c.He} has left the group and blocked them, and the college has spoken to the students.`,
    view: () => 'I’ve blocked them now. I just want to do my course.',
    risk: () => 'Unkind messages in a group chat.',
    test: { abuse: ['no', () => 'Unkind messages, dealt with by the college; no continuing harm.'], protect: ['no', (c) => `${c.He} has protected ${c.himself} by leaving and blocking the group.`] },
    advice: { to: 'other', reason: () => 'Dealt with by the college: online safety advice given to the adult and family.' },
    nfa: () => 'Dealt with by the college, and the adult has blocked the group. No further action.',
  },
  {
    id: 'prescriptions', tier: 'low', type: 'neglect', res: ['home'], ages: ANY, where: 'own_home', from: 'known_to_individual', raisedBy: [['health_primary', 6]],
    happened: (c) => `The GP practice noticed that ${c.n} has not collected ${c.his} repeat prescriptions for two months. The practice nurse visited: ${c.he} has been staying with family, who have been collecting them from another pharmacy.`,
    risk: () => 'Prescriptions not collected.',
    test: { abuse: ['no', () => 'The prescriptions were being collected elsewhere; no neglect.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'gp_health', reason: () => 'No neglect: the practice has moved the prescriptions to the pharmacy the family uses.' },
    nfa: () => 'Explained: the family have been collecting the prescriptions. No further action.',
  },
  {
    id: 'tv_argument', tier: 'low', type: 'psychological', res: ['supported', 'care_home'], ages: YOUNGER, where: 'own_home', from: 'known_to_individual', provider: 'residence', rel: 'tenant', raisedBy: [['social_care_other', 5], ['social_care_residential', 2]],
    happened: (c) => `${c.first} and another resident at ${c.provider}, ${c.rel.name}, argued loudly over the television. Staff separated them; there were no injuries and both plans have been reviewed.`,
    risk: () => 'An argument between residents.',
    test: { abuse: ['no', () => 'A one-off argument managed by staff; no harm.'], protect: ['no', () => 'No abuse or neglect to protect against.'] },
    advice: { to: 'contract_monitoring', reason: () => 'Managed well by the provider: contract monitoring told so it can see the pattern of incidents.' },
    nfa: () => 'A one-off argument, managed well by staff. No further action.',
  },
];

/** What the s42 enquiry is for, by the first risk. */
const PURPOSE: Record<RiskType, (c: Ctx) => string> = {
  neglect: () => 'find out why care was not given as planned and make sure it is now',
  physical: (c) => `find out how the injuries happened and keep ${c.him} safe from further harm`,
  financial: (c) => `establish what has happened to ${c.his} money and protect it`,
  psychological: () => 'understand what is happening and stop the threats and control',
  sexual: (c) => `support the police investigation and keep ${c.him} safe`,
  domestic_abuse: (c) => `make ${c.him} safe with the police and the IDVA service`,
  organisational: () => 'review the practice that affects the adult and everyone else using the service',
  self_neglect: (c) => `agree with ${c.him} how to reduce the risks to ${c.his} health and safety`,
  sexual_exploitation: (c) => `disrupt the exploitation with the police and support ${c.him}`,
  modern_slavery: (c) => `make ${c.him} safe and refer ${c.him} through the National Referral Mechanism`,
  discriminatory: (c) => `make sure ${c.his} faith and culture are respected and the discrimination stops`,
};

/** Risks found alongside the first: a line of their own. */
const EXTRA_RISK: Record<RiskType, (c: Ctx) => string> = {
  neglect: () => 'Care needs not met while this was going on.',
  physical: () => 'Rough handling and bruising.',
  financial: () => 'Money taken or controlled by the same person.',
  psychological: () => 'Fear, threats and loss of confidence.',
  sexual: () => 'Unwanted sexual touching.',
  domestic_abuse: () => 'Abuse by a partner or family member.',
  organisational: () => 'Poor practice affecting other people in the service.',
  self_neglect: () => 'Not looking after their own health.',
  sexual_exploitation: () => 'Sexual exploitation.',
  modern_slavery: () => 'Forced work for no pay.',
  discriminatory: () => 'Comments about the person’s disability or culture.',
};

type Said = (c: Ctx) => string;
/** What was done, by type of risk and who the risk came from: the action note on a risk and the heart of the conclusion. */
const ACTIONS: Record<RiskType, Partial<Record<RiskSource, readonly Said[]>>> = {
  neglect: {
    service_provider: [
      () => 'The provider’s care plan was rewritten with the district nurse and night checks are audited weekly',
      () => 'A new home care provider took over the package; calls are monitored electronically',
      () => 'Pressure-relieving equipment was provided and the tissue viability nurse reviews weekly',
      () => 'The provider retrained its staff and its action plan was checked at two unannounced visits',
    ],
    known_to_individual: [
      (c) => `${c.His} care and support plan was reviewed and increased, with a carer’s assessment for the family`,
      (c) => `A home care package restarted with ${c.his} agreement; the family carer has support of their own`,
    ],
  },
  physical: {
    service_provider: [() => 'The care worker was suspended, then dismissed and referred to the DBS', () => 'Staff were retrained in moving and handling and the home’s supervision of night staff tightened'],
    known_to_individual: [
      (c) => `The police gave ${c.rel.first} a caution; ${c.rel.he} moved out, and ${c.n} has a personal alarm`,
      () => 'Both people’s care plans were reviewed and staffing increased where they meet',
      (c) => `${c.rel.first} agreed to alcohol treatment and moved out; a safety plan is in place`,
    ],
    unknown_to_individual: [(c) => `The police charged one of the group; ${c.n} has a travel buddy and a hate crime support worker`],
  },
  financial: {
    service_provider: [() => 'The provider repaid the money and changed its finance procedure to need two signatures', () => 'The care worker was dismissed and referred to the DBS; the police are investigating'],
    known_to_individual: [
      () => 'The bank card was cancelled and an application made to the Court of Protection for a deputy',
      () => 'The council became appointee for benefits; the police are investigating the withdrawals',
      () => 'The Office of the Public Guardian was told and is investigating the attorney',
    ],
    unknown_to_individual: [() => 'A call blocker was fitted and the bank flagged the account', () => 'Trading standards put a no cold calling sticker up and the bank recovered part of the money'],
  },
  psychological: {
    service_provider: [(c) => `Staff were retrained and supervised; ${c.n} now has a named key worker ${c.he} chose`],
    known_to_individual: [() => 'A safety plan was agreed with the adult and family, with weekly visits by the social worker', (c) => `${c.rel.first} agreed to move out and the family has support`],
    unknown_to_individual: [() => 'The police spoke to the neighbours; the adult’s mental health team increased their visits'],
  },
  sexual: {
    service_provider: [() => 'The police investigated; the worker was dismissed and referred to the DBS'],
    known_to_individual: [(c) => `The other person moved to another service and ${c.n} is offered counselling`],
  },
  domestic_abuse: { known_to_individual: [(c) => `Referred to MARAC; the IDVA supported ${c.n} to get a non-molestation order`, () => 'Specialist domestic abuse support in place and a safety plan agreed'] },
  organisational: { service_provider: [() => 'An improvement plan was agreed with contract compliance and routines now follow what each person wants', () => 'Blanket restrictions removed; individual plans and best interests decisions put in place'] },
  self_neglect: { known_to_individual: [(c) => `A multi-agency self-neglect plan: the house was cleared with ${c.his} agreement and the heating repaired`, () => 'The alcohol service and GP engaged; a support worker visits twice a week', () => 'A support worker visits daily and meals are delivered; the GP reviews monthly'] },
  sexual_exploitation: { known_to_individual: [(c) => `The police disrupted the men’s contact with abduction warning notices; ${c.n} has a specialist support worker`] },
  modern_slavery: { known_to_individual: [(c) => `A National Referral Mechanism referral was made and ${c.he} moved to safe accommodation`, (c) => `The police closed the address; ${c.he} moved and has a new bank account ${c.he} controls`] },
  discriminatory: { service_provider: [(c) => `Staff were trained and ${c.his} faith and dietary needs are in the care plan and checked at reviews`] },
};
const GENERAL_ACTIONS: readonly Said[] = [(c) => `${c.His} care and support plan was reviewed with ${c.him} and a safety plan agreed`];
function actionsAbout(type: RiskType, from: RiskSource): readonly Said[] {
  const any = Object.values(ACTIONS[type]).flat();
  return ACTIONS[type][from] ?? (any.length ? any : GENERAL_ACTIONS);
}
const REMAINS: Record<RiskSource, readonly Said[]> = {
  known_to_individual: [(c) => `${c.he} has capacity and chose to keep living with the person concerned, with a safety plan in place`, (c) => `${c.he} declined the further support offered`],
  service_provider: [() => 'the provider has not yet completed its action plan, which contract compliance is following up'],
  unknown_to_individual: [(c) => `the callers are still trying to reach ${c.him}, though ${c.he} now knows not to answer`],
};
const NO_RISK: Partial<Record<RiskType, readonly Said[]>> = {
  physical: [() => 'the injury was explained by a fall recorded at the time'],
  financial: [() => 'the money was spent with the adult’s agreement and on their behalf, with receipts'],
  neglect: [() => 'the records and the district nurse’s notes showed the care was given as planned'],
  organisational: [() => 'the practice was found to follow each person’s plan'],
};
const INCONCLUSIVE: readonly Said[] = [() => 'the accounts conflict and there were no witnesses', () => 'the records were incomplete and the person concerned has left the provider'];

/** What an outcome meeting found, by where the first risk stood. */
const OUTCOME_FOUND: Record<string, string> = {
  removed: 'The risk has been removed',
  reduced: 'The risk is reduced',
  remains: 'The risk remains, with a safety plan the adult has agreed',
  no_risk: 'The enquiry found no abuse or neglect',
  inconclusive: 'It was not possible to establish what happened; the adult’s care will be monitored',
};

const EXIT_NOTES: Record<string, (c: Ctx, on: string) => string> = {
  adult_declined: (c) => `${c.n} has capacity and does not want the enquiry to go on; no one else is at risk. ${c.He} knows how to get help again.`,
  risk_resolved: (c) =>
    c.rel.role === 'neighbour'
      ? 'The care package moved to another provider and the visits are now monitored: the risk went before the enquiry could conclude.'
      : `${c.rel.name} has moved away and ${c.n} has the support ${c.he} needs: the risk went before the enquiry could conclude.`,
  moved_away: (c) => `${c.n} moved to live near family in another area; the enquiry was passed to that council’s adult safeguarding team.`,
  died: (c, on) => `${c.n} died in hospital on ${on}, of causes unrelated to the concern.`,
  other_process: () => 'Taken forward by the police as a criminal investigation; adult safeguarding will review when it ends.',
  other: () => 'Joined with the organisational enquiry into the provider, which will report on it.',
};

// ——— helpers ———

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows in batches, each as one JSON parameter that PostgreSQL unpacks (as the domestic abuse demo does). */
async function insertMany(db: Database, table: PgTable, values: readonly object[]): Promise<void> {
  if (values.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(values.flatMap((v) => Object.keys(v)))].filter((k) => columns[k]);
  const names = sql.join(keys.map((k) => sql.identifier(columns[k]!.name)), sql`, `);
  for (const part of chunks(values, 2000)) {
    const json = JSON.stringify(part.map((v) => Object.fromEntries(keys.map((k) => [columns[k]!.name, (v as Record<string, unknown>)[k] ?? null]))));
    await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json)`);
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '');
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dateWords = (d: LocalDate) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface Enquiry {
  id: string;
  concernId: string;
  adult: Adult;
  template: Template;
  ctx: Ctx;
  kind: 's42' | 'other';
  started: Date;
  ended: Date | null;
  status: 'open' | 'concluded' | 'exited';
  provider: Provider | null;
  lead: string;
  types: RiskType[];
  advocate: { kind: string; name: string } | null;
  family: string | null;
  lacksCapacity: boolean;
  planned: boolean;
  serious: number;
  /** Where the first risk stood at the end (concluded enquiries). */
  result: string | null;
  dmm?: Date;
}

export async function seedAdultsDemo(db: Database, input: AdultsSeedInput): Promise<AdultsSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar, scale, log } = input;
  const random = new Random(SEED);
  const today = calendar.dateOf(now);
  const todayN = toDayNumber(today);
  const zone = calendar.timeZone;
  const at = (date: LocalDate, minutes: number) => instantAt(date, minutes, zone);
  const latest = now.getTime() - 5 * MINUTE;

  const asc = agencyIds.get('asc');
  const worker = userIds.get('adults');
  const manager = userIds.get('adults-manager');
  if (!asc || !worker || !manager) {
    log('adult safeguarding: no adult social care agency or adult team users, nothing seeded');
    return { adults: 0, concerns: 0, enquiries: 0, meetings: 0, contributions: 0 };
  }
  const agency = {
    asc,
    police: agencyIds.get('police') ?? null,
    health: agencyIds.get('health') ?? null,
    housing: agencyIds.get('housing') ?? null,
    csc: agencyIds.get('csc') ?? null,
    heathervale: agencyIds.get('provider:heathervale') ?? null,
  };
  const answerer: Record<string, string | null> = {
    police: userIds.get('police') ?? null,
    health: userIds.get('health') ?? null,
    heathervale: userIds.get('provider') ?? null,
  };
  const mashManager = userIds.get('manager') ?? null;
  const agencyNames = new Map((await rows<{ id: string; name: string }>(db, sql`select id, name from agency where tenant_id = ${tenantId}`)).map((a) => [a.id, a.name]));
  const userNames = new Map((await rows<{ id: string; display_name: string }>(db, sql`select id, display_name from app_user where tenant_id = ${tenantId}`)).map((u) => [u.id, u.display_name]));
  const nameOf = (user: string | null | undefined) => (user ? (userNames.get(user) ?? null) : null);
  /** Who owns an agency's actions: its demo user (the adult team's worker for the adult team). */
  const ownerNames: Record<string, string | null> = { asc: nameOf(worker), police: nameOf(answerer.police), health: nameOf(answerer.health), heathervale: nameOf(answerer.heathervale) };
  const chair = nameOf(manager) ?? 'the adult safeguarding manager';
  const workerName = nameOf(worker) ?? 'The social worker';

  const decisionTimescale = DEFAULT_TIMESCALES.find((t) => t.code === 'contact.decision.adult') ?? { amount: 2, unit: 'working_days' as const };
  const contributionTimescale = DEFAULT_TIMESCALES.find((t) => t.code === 'adult_contribution.answer') ?? { amount: 5, unit: 'working_days' as const };

  // ——— the area's providers (from the providers' seed, when it has run) ———
  const providers: Provider[] = (
    await rows<{ id: string; name: string; service_type: string; address: string | null; postcode: string | null; agency_id: string | null }>(
      db,
      sql`select id, name, service_type, address, postcode, agency_id from care_provider where tenant_id = ${tenantId} and active order by name, id`,
    )
  ).map((p) => ({ id: p.id, name: p.name, short: shortName(p.name), serviceType: p.service_type, address: p.address, postcode: p.postcode, agencyId: p.agency_id }));
  const heathervale = providers.find((p) => (agency.heathervale && p.agencyId === agency.heathervale) || p.name === 'Heathervale Care Home') ?? null;
  const specialistWords = /learning disabilit|mental health|physical disabilit|autism/i;
  const careHomes = providers.filter((p) => p.serviceType.startsWith('care_home'));
  const olderHomes = careHomes.filter((p) => !specialistWords.test(p.name));
  const youngerHomes = careHomes.filter((p) => specialistWords.test(p.name));
  const supported = providers.filter((p) => p.serviceType === 'supported_living');
  const domiciliary = providers.filter((p) => p.serviceType === 'domiciliary');
  const dayServices = providers.filter((p) => p.serviceType === 'day_service');
  const wardKind = (p: Provider) => (/mental health/i.test(p.name) ? 'mental_health' : /community hospital|rehabilitation/i.test(p.name) ? 'community' : 'acute');
  const wards = providers.filter((p) => p.serviceType === 'hospital');
  /** Heathervale draws more concerns than the other homes (it is the one under an organisational enquiry). */
  const pickProvider = (list: readonly Provider[]) => random.weighted(list.map((p) => [p, p === heathervale ? 3 : 1] as const));

  // ——— volumes ———
  const concernCount = Math.max(40, Math.round(CONCERNS_PER_YEAR * scale));
  const adultCount = Math.min(concernCount, Math.max(30, Math.round(ADULTS_PER_YEAR * scale)));
  const openCount = Math.max(2, Math.round(OPEN_AT_NOW * scale));
  const overdueCount = Math.min(openCount - 1, Math.max(1, Math.round(OVERDUE_OF_OPEN * scale)));
  const awaitingCount = Math.max(1, Math.round(AWAITING_AT_NOW * scale));

  // ——— when the concerns arrived: working days mostly, some evenings and weekends (police and hospitals) ———
  interface Slot {
    at: Date;
    outOfHours: boolean;
    adult?: Adult;
    fixed?: string;
  }
  const slots: Slot[] = [];
  while (slots.length < concernCount) {
    const date = addDays(today, -random.int(0, 364));
    const working = calendar.isWorkingDay(date);
    if (!working && !random.chance(0.12)) continue;
    const evening = working && random.chance(0.05);
    const minutes = !working ? random.int(9 * 60, 22 * 60) : evening ? random.int(17 * 60 + 30, 22 * 60 + 30) : random.int(8 * 60 + 30, 17 * 60 + 20);
    const t = new Date(at(date, minutes).getTime() + random.int(0, 59) * 1000);
    if (t.getTime() > now.getTime() - 20 * MINUTE) continue;
    slots.push({ at: t, outOfHours: !working || evening });
  }

  // Heathervale's three concerns in the weeks before its provider enquiry opened (18 days ago): pressure care and falls.
  const planted = heathervale && concernCount >= 200 ? ['hv_pressure', 'hv_fall', 'hv_pressure_2'] : [];
  planted.forEach((fixed, i) => {
    const date = calendar.workingDayOnOrAfter(addDays(today, -[38, 31, 24][i]!));
    slots[i] = { at: at(date, [10 * 60 + 5, 14 * 60 + 40, 9 * 60 + 50][i]!), outOfHours: false, fixed };
  });
  slots.sort((a, b) => a.at.getTime() - b.at.getTime());

  // ——— the adults ———
  let nhs = 0;
  const nextNhs = () => {
    for (;;) {
      nhs += 1;
      const n = nhsNumberFromNine(String(999_000_000 + 7_000 + nhs));
      if (n) return n;
    }
  };
  const personRows: Insert<typeof person>[] = [];
  const nameRows: Insert<typeof personName>[] = [];
  const addressRows: Insert<typeof personAddress>[] = [];
  const identifierRows: Insert<typeof personIdentifier>[] = [];
  const adults: Adult[] = [];

  const givenFor = (group: NameGroup, female: boolean, born: number): string => {
    if (group === 'british') {
      if (born <= 1950) return random.pick(female ? OLDEST_F : OLDEST_M);
      if (born <= 1975) return random.pick(female ? MIDDLE_F : MIDDLE_M);
      return random.pick(female ? GIVEN_FEMALE.filter((g) => !['Aisha', 'Zara', 'Maryam', 'Fatima', 'Priya', 'Agnieszka', 'Chidinma'].includes(g)) : GIVEN_MALE.filter((g) => !['Muhammad', 'Imran', 'Kwame', 'Tomasz', 'Ravi'].includes(g)));
    }
    const g = GROUP_NAMES[group];
    return random.pick(born <= 1965 ? (female ? g.olderF : g.olderM) : female ? g.youngerF : g.youngerM);
  };
  const familyFor = (group: NameGroup, female: boolean): string => {
    if (group === 'british') return random.pick(random.chance(0.04) ? ["O'Brien", 'Murphy', 'Kelly'] : BRITISH_FAMILY);
    const g = GROUP_NAMES[group];
    return random.pick(female && g.familyF ? g.familyF : g.family);
  };

  const namesTaken = new Set(
    (await rows<{ name: string }>(db, sql`select lower(given_names || ' ' || family_name) as name from person_name where tenant_id = ${tenantId}`)).map((r) => r.name),
  );
  const givenAt = new Map<string, Set<string>>();
  function makeAdult(fixed?: string): Adult {
    const [lo, hi] = fixed ? [82, 94] : random.weighted(AGE_BANDS);
    const age = fixed ? random.int(lo, hi) : lo >= 95 ? random.weighted([[95, 5], [96, 4], [97, 3], [98, 2], [99, 1.5], [100, 1], [101, 0.6], [102, 0.3], [103, 0.2]] as const) : random.int(lo, hi);
    const female = random.chance(FEMALE_SHARE(age));
    const dob = fromDayNumber(todayN - Math.floor(age * 365.25) - random.int(0, 364));
    const ethnicity = random.weighted(ETHNICITY(age));
    const group = NAME_GROUP[ethnicity] ?? 'british';
    const born = Number(dob.slice(0, 4));
    let residence: Residence = fixed ? 'care_home' : random.weighted(RESIDENCE(age));
    let home: Provider | null = null;
    if (fixed) home = heathervale;
    else if (residence === 'care_home') {
      const pool = age < 65 ? (youngerHomes.length ? youngerHomes : careHomes) : olderHomes.length ? olderHomes : careHomes;
      home = pool.length ? pickProvider(pool) : null;
    } else if (residence === 'supported') home = supported.length ? random.pick(supported) : null;
    if (!home) residence = 'home';
    // Nobody shares a whole name with anyone else on the register, nor a first name with another resident of their
    // home: namesakes are real, but a year of them would fill the possible-duplicates queue.
    const housemates = home ? (givenAt.get(home.id) ?? new Set<string>()) : new Set<string>();
    let given = givenFor(group, female, born);
    let family = familyFor(group, female);
    for (let tries = 0; tries < 40 && (namesTaken.has(`${given} ${family}`.toLowerCase()) || housemates.has(given)); tries += 1) {
      given = givenFor(group, female, born);
      family = familyFor(group, female);
    }
    namesTaken.add(`${given} ${family}`.toLowerCase());
    housemates.add(given);
    if (home) givenAt.set(home.id, housemates);
    const psr = fixed ? random.weighted([['memory_cognition', 1], ['physical_personal_care', 1]] as const) : random.weighted(supportReasonWeights(age, residence));
    const p = pronouns(female);
    const needsList = NEEDS[psr] ?? NEEDS.not_known!;
    const needs = random.pick(needsList)(p);
    const lacksCapacity = random.chance(
      (psr === 'memory_cognition' ? 0.72 : psr === 'learning_disability' ? 0.4 : psr === 'mental_health' ? 0.12 : 0.06) + (residence === 'care_home' ? 0.1 : 0),
    );
    const homeCare = residence === 'home' && domiciliary.length && random.chance(age >= 65 ? 0.42 : psr.startsWith('physical') ? 0.35 : 0.08) ? pickProvider(domiciliary) : null;
    const dayService = dayServices.length && ((psr === 'learning_disability' && random.chance(0.5)) || (psr === 'memory_cognition' && residence === 'home' && random.chance(0.2))) ? random.pick(dayServices) : null;
    const title = female ? (age >= 65 ? random.weighted([['Mrs', 8], ['Miss', 1], ['Ms', 1.5]] as const) : random.weighted([['Ms', 6], ['Miss', 2], ['Mrs', 2]] as const)) : 'Mr';
    const street = random.pick(STREETS);
    const adult: Adult = { id: crypto.randomUUID(), given, family, title, female, dob, ageNow: age, ethnicity, group, residence, home, homeCare, dayService, psr, needs, lacksCapacity, street, slots: [], ...(fixed ? { fixed } : {}) };
    adults.push(adult);
    return adult;
  }

  for (const fixed of planted) makeAdult(fixed);
  while (adults.length < adultCount) makeAdult();

  // Who each concern is about: everyone once, some two or three times (at least a fortnight apart).
  const fixedSlot = new Map(planted.map((f) => [f, slots.findIndex((s) => s.fixed === f)]));
  for (const a of adults.filter((x) => x.fixed)) {
    const i = fixedSlot.get(a.fixed!)!;
    slots[i]!.adult = a;
    a.slots.push(i);
  }
  const free = shuffle(random, slots.map((_, i) => i).filter((i) => !slots[i]!.fixed));
  const taken = new Set<number>();
  const ordinary = adults.filter((a) => !a.fixed);
  const extras = concernCount - adults.length;
  const threes = Math.round(Math.max(0, extras) * 0.08);
  let twos = Math.max(0, extras - 2 * threes);
  const repeaters = shuffle(random, [...ordinary]);
  let cursor = 0;
  const takeNear = (a: Adult) => {
    for (let k = 0; k < free.length; k += 1) {
      const i = free[(cursor + k) % free.length]!;
      if (taken.has(i)) continue;
      if (a.slots.every((j) => Math.abs(slots[j]!.at.getTime() - slots[i]!.at.getTime()) > 14 * DAY)) {
        taken.add(i);
        a.slots.push(i);
        slots[i]!.adult = a;
        cursor = (cursor + k + 1) % free.length;
        return;
      }
    }
  };
  let r = 0;
  for (; r < threes && r < repeaters.length; r += 1) for (let k = 0; k < 3; k += 1) takeNear(repeaters[r]!);
  for (; twos > 0 && r < repeaters.length; r += 1, twos -= 1) for (let k = 0; k < 2; k += 1) takeNear(repeaters[r]!);
  for (const a of ordinary) if (a.slots.length === 0) takeNear(a);
  // Any slot left over (rounding) goes to an adult with room for it.
  for (const i of free) if (!taken.has(i)) {
    const a = ordinary.find((x) => x.slots.length < 3 && x.slots.every((j) => Math.abs(slots[j]!.at.getTime() - slots[i]!.at.getTime()) > 14 * DAY));
    if (a) {
      taken.add(i);
      a.slots.push(i);
      slots[i]!.adult = a;
    }
  }
  const usedSlots = slots.filter((s) => s.adult);
  for (const a of adults) a.slots.sort((x, y) => x - y);

  // The people's records: the adult team met them at their first concern. Each resident has a room of their own.
  const rooms = new Map<string, Set<number>>();
  const roomIn = (home: Provider): number => {
    const used = rooms.get(home.id) ?? new Set<number>();
    rooms.set(home.id, used);
    let room = random.int(1, 48);
    while (used.has(room)) room += 1;
    used.add(room);
    return room;
  };
  for (const a of adults) {
    if (a.slots.length === 0) continue;
    const first = slots[a.slots[0]!]!.at;
    const firstDay = calendar.dateOf(first);
    const adultDay = toDayNumber(a.dob) + Math.ceil(18 * 365.25);
    const olderAsian = (a.group === 'south_asian' || a.group === 'indian') && a.ageNow >= 55;
    const language = olderAsian ? random.pick(a.group === 'indian' ? ['Punjabi', 'Gujarati'] : a.ethnicity === 'ABAN' ? ['Bengali'] : ['Urdu', 'Punjabi']) : a.group === 'polish' ? 'Polish' : 'English';
    personRows.push({
      id: a.id,
      tenantId,
      dateOfBirth: a.dob,
      dobPrecision: 'exact',
      gender: a.female ? 'female' : 'male',
      ethnicity: a.ethnicity,
      firstLanguage: language,
      interpreterNeeded: language !== 'English' && random.chance(0.45),
      createdByAgencyId: asc,
      createdByUserId: worker,
      synthetic: true,
      createdAt: first,
      updatedAt: first,
    });
    nameRows.push({ tenantId, personId: a.id, type: 'legal', givenNames: a.given, familyName: a.family, isPrimary: true, searchText: nameSearchText(a.given, a.family), createdAt: first });
    if (random.chance(0.86)) identifierRows.push({ tenantId, personId: a.id, type: 'nhs_number', value: nextNhs(), createdAt: first });
    if (a.home) {
      const [line2, town] = (a.home.address ?? '').split(/,\s*(?=[^,]*$)/);
      const moved = Math.max(adultDay, toDayNumber(firstDay) - random.int(60, 365 * 5));
      addressRows.push({
        tenantId,
        personId: a.id,
        line1: `${a.residence === 'supported' ? 'Flat' : 'Room'} ${roomIn(a.home)}, ${a.home.short}`,
        line2: line2 || null,
        town: town || 'Fernmoor',
        postcode: a.home.postcode,
        fromDate: fromDayNumber(moved),
        createdAt: first,
      });
    } else {
      const sheltered = a.ageNow >= 70 && random.chance(0.15);
      const moved = Math.max(adultDay, toDayNumber(firstDay) - random.int(365, 365 * 40));
      addressRows.push({
        tenantId,
        personId: a.id,
        line1: sheltered ? `Flat ${random.int(1, 36)}, ${random.pick(['Kingfisher Court', 'Heron Court', 'Alder House', 'Linnet Court', 'Moorside House'])}` : `${random.int(1, 220)} ${a.street}`,
        line2: sheltered ? a.street : null,
        town: random.pick(['Fernmoor', 'Fernmoor', 'Fernmoor', 'Ashby Fern', 'Low Moor End', 'Kelsey Bridge']),
        postcode: syntheticPostcode(random.int(1, 9), random.int(1, 9), random.pick(POSTCODE_UNITS)),
        fromDate: fromDayNumber(moved),
        createdAt: first,
      });
    }
  }

  // ——— which concerns are still open or waiting for a manager at `now`, and the decisions on the rest ———
  const order = usedSlots.map((s, i) => ({ s, i })).sort((a, b) => b.s.at.getTime() - a.s.at.getTime());
  const status = new Map<Slot, 'open' | 'awaiting_authorisation' | 'decided'>();
  for (const { s } of order.filter(({ s }) => !s.fixed).slice(0, openCount - overdueCount)) status.set(s, 'open');
  const overdueBand = order.filter(({ s }) => !s.fixed && !status.has(s) && calendar.workingDaysElapsed(s.at, now) >= 3 && calendar.workingDaysElapsed(s.at, now) <= 6);
  for (const { s } of shuffle(random, [...overdueBand]).slice(0, overdueCount)) status.set(s, 'open');
  const awaitingBand = order.filter(({ s }) => !status.has(s) && !s.fixed && calendar.workingDaysElapsed(s.at, now) <= 4).slice(0, awaitingCount * 3);
  for (const { s } of shuffle(random, awaitingBand).slice(0, awaitingCount)) status.set(s, 'awaiting_authorisation');
  const decidedSlots = usedSlots.filter((s) => !status.has(s));
  for (const s of decidedSlots) status.set(s, 'decided');
  type Decision = 's42_enquiry' | 'other_enquiry' | 'information_advice' | 'no_further_action';
  const s42Count = Math.min(decidedSlots.length, Math.round(S42_PER_YEAR * scale));
  const otherCount = Math.round(concernCount * OTHER_ENQUIRY_SHARE);
  const adviceCount = Math.round(decidedSlots.length * INFORMATION_ADVICE_SHARE);
  const pool: Decision[] = [];
  for (let k = planted.length; k < s42Count; k += 1) pool.push('s42_enquiry');
  for (let k = 0; k < otherCount; k += 1) pool.push('other_enquiry');
  for (let k = 0; k < adviceCount; k += 1) pool.push('information_advice');
  while (pool.length < decidedSlots.length - planted.length) pool.push('no_further_action');
  shuffle(random, pool);
  const decisionOf = new Map<Slot, Decision>();
  let d = 0;
  for (const s of decidedSlots) decisionOf.set(s, s.fixed ? 's42_enquiry' : pool[d++]!);
  for (const s of usedSlots) if (!decisionOf.has(s)) decisionOf.set(s, random.weighted([['s42_enquiry', 35], ['other_enquiry', 4], ['information_advice', 40], ['no_further_action', 21]] as const));

  // ——— the concerns ———
  const concernRows: Insert<typeof adultConcern>[] = [];
  const enquiryRows: Insert<typeof adultEnquiry>[] = [];
  const riskRows: Insert<typeof adultRisk>[] = [];
  const meetingRows: Insert<typeof adultMeeting>[] = [];
  const attendeeRows: Insert<typeof adultMeetingAttendee>[] = [];
  const actionRows: Insert<typeof adultAction>[] = [];
  const contributionRows: Insert<typeof adultContribution>[] = [];
  const deaths: { id: string; on: LocalDate }[] = [];
  const enquiries: Enquiry[] = [];
  const refStart = (await one<{ n: string }>(db, sql`select nextval('adult_concern_reference_seq')::text as n`))!.n;
  let ref = Number(refStart) - 1;

  const relFor = (a: Adult, kind: RelKind | undefined): Ctx['rel'] => {
    const k = kind === 'child' ? random.pick(['son', 'daughter'] as const) : kind ?? 'neighbour';
    const maleRel = ['son', 'grandson', 'nephew', 'acquaintance', 'tenant'].includes(k) || (k === 'spouse' ? a.female : k === 'partner' ? (a.female ? random.chance(0.9) : random.chance(0.1)) : k === 'parent' ? random.chance(0.3) : random.chance(0.5));
    const role = k === 'spouse' ? (maleRel ? 'husband' : 'wife') : k === 'parent' ? (maleRel ? 'father' : 'mother') : k === 'acquaintance' || k === 'tenant' || k === 'resident' ? 'acquaintance' : k;
    const born = k === 'son' || k === 'daughter' || k === 'nephew' ? Number(a.dob.slice(0, 4)) + random.int(22, 38) : k === 'grandson' ? Number(a.dob.slice(0, 4)) + random.int(45, 62) : k === 'spouse' ? Number(a.dob.slice(0, 4)) + random.int(-4, 4) : k === 'parent' ? Number(a.dob.slice(0, 4)) - random.int(22, 35) : Number(a.dob.slice(0, 4)) + random.int(-10, 10);
    const first = givenFor(a.group, !maleRel, born);
    const sameFamily = ['son', 'daughter', 'grandson', 'spouse', 'parent'].includes(k) && (k !== 'daughter' || random.chance(0.5));
    const family = sameFamily ? a.family : familyFor(a.group, !maleRel);
    const p = pronouns(!maleRel);
    return { name: `${first} ${family}`, first, role, he: p.he, his: p.his, him: p.him };
  };

  const eligible = (t: Template, a: Adult, at: Date): boolean => {
    const age = a.ageNow - (now.getTime() - at.getTime() > 200 * DAY ? 1 : 0);
    if (!t.res.includes(a.residence) || age < t.ages[0] || age > t.ages[1]) return false;
    if (t.psr && !t.psr.includes(a.psr)) return false;
    if (t.when && !t.when(a)) return false;
    if (t.provider === 'residence' && !a.home) return false;
    if (t.provider === 'domiciliary' && !a.homeCare) return false;
    if (t.provider === 'day' && !a.dayService) return false;
    if (t.provider === 'hospital' && !wards.some((w) => wardKind(w) === (t.ward ?? 'acute'))) return false;
    return true;
  };
  const tierOf = (decision: Decision): Tier => (decision === 's42_enquiry' ? 's42' : decision === 'other_enquiry' ? 'other' : 'low');
  const chooseTemplate = (a: Adult, decision: Decision, at: Date): Template => {
    const tier = tierOf(decision);
    let candidates = TEMPLATES.filter((t) => t.tier === tier && eligible(t, a, at) && (decision !== 'information_advice' || t.advice) && (decision !== 'no_further_action' || t.nfa));
    if (candidates.length === 0) candidates = TEMPLATES.filter((t) => t.tier === 's42' && eligible(t, a, at));
    // Enquiries find risks in the seed's proportions; concerns that lead to advice or nothing are any of their kind.
    if (candidates[0]!.tier !== 's42') return random.pick(candidates);
    const types = [...new Set(candidates.map((t) => t.type))];
    const type = random.weighted(types.map((x) => [x, TYPE_WEIGHTS[x]] as const));
    return random.pick(candidates.filter((t) => t.type === type));
  };
  const fixedTemplates: Record<string, Template> = {
    hv_pressure: TEMPLATES.find((t) => t.id === 'night_checks')!,
    hv_fall: TEMPLATES.find((t) => t.id === 'fall_not_checked')!,
    hv_pressure_2: {
      ...TEMPLATES.find((t) => t.id === 'night_checks')!,
      id: 'hv_pressure_2',
      raisedBy: [['health_primary', 1]],
      happened: (c) => `The tissue viability nurse found ${c.n} with grade 3 pressure ulcers on both heels at ${c.provider}; the repositioning chart on the nursing floor has no entries for three nights running and the ulcers were not reported.`,
      risk: () => 'Pressure ulcers not reported; repositioning not done on three nights.',
    },
  };

  const providerOf = (t: Template, a: Adult): Provider | null => {
    switch (t.provider) {
      case 'residence':
        return a.home;
      case 'domiciliary':
        return a.homeCare;
      case 'day':
        return a.dayService;
      case 'hospital': {
        const list = wards.filter((w) => wardKind(w) === (t.ward ?? 'acute'));
        const byAge = list.filter((w) => /older people/i.test(w.name) === a.ageNow >= 65);
        return byAge.length ? random.pick(byAge) : list.length ? random.pick(list) : null;
      }
      default:
        return null;
    }
  };
  const locationOf = (t: Template, a: Adult, provider: Provider | null): string => {
    switch (t.where) {
      case 'residence':
        return a.residence === 'care_home' && a.home ? (a.home.serviceType === 'care_home_nursing' ? 'care_home_nursing' : 'care_home_residential') : 'own_home';
      case 'hospital':
        return provider ? `hospital_${wardKind(provider)}` : 'hospital_acute';
      default:
        return t.where;
    }
  };

  /** Who raised it: the SAC source, the agency (when it is one of the demo's) and the referrer's name. */
  const raiser = (t: Template, a: Adult, ctx: Ctx, provider: Provider | null, outOfHours: boolean) => {
    // Out of hours: those who work then (the police, hospitals, care homes) or family and neighbours.
    const evening = t.raisedBy.filter(([x]) => OUT_OF_HOURS.has(x));
    let code = outOfHours ? (evening.length ? random.weighted(evening) : random.weighted([['police', 6], ['health_secondary', 4]] as const)) : random.weighted(t.raisedBy);
    if (code === 'social_care_other' && a.residence === 'care_home') code = 'social_care_residential';
    if (code === 'social_care_residential' && a.home?.serviceType === 'care_home_nursing' && random.chance(0.7)) code = 'social_care_nursing';
    const person = () => `${givenFor('british', random.chance(0.6), random.int(1960, 2000))} ${familyFor('british', false)}`;
    const home = provider && provider === a.home ? provider : a.home;
    let agencyId: string | null = null;
    let name: string | null;
    switch (code) {
      case 'police':
        agencyId = agency.police;
        name = `PC ${person()}`;
        break;
      case 'health_primary':
        agencyId = agency.health;
        name = `${person()} (${random.pick(['district nurse', 'GP', 'practice nurse', 'community matron'])})`;
        break;
      case 'health_secondary':
        agencyId = agency.health;
        name = `${person()} (${t.where === 'hospital' && provider ? `ward sister, ${provider.name}` : random.pick(['A&E nurse', 'paramedic', 'hospital social worker'])})`;
        break;
      case 'health_mental':
        agencyId = agency.health;
        name = `${person()} (${random.pick(['community psychiatric nurse', 'care coordinator', 'ward manager'])})`;
        break;
      case 'housing':
        agencyId = agency.housing;
        name = `${person()} (tenancy support officer)`;
        break;
      case 'social_care_social_worker':
        agencyId = asc;
        name = `${person()} (social worker)`;
        break;
      case 'social_care_residential':
      case 'social_care_nursing':
        agencyId = home && home === heathervale ? agency.heathervale : null;
        name = `${person()} (${random.pick(['registered manager', 'deputy manager', 'senior carer', 'nurse in charge'])}${home ? `, ${home.short}` : ''})`;
        break;
      case 'social_care_domiciliary':
        name = `${person()} (care coordinator${a.homeCare ? `, ${a.homeCare.short}` : ''})`;
        break;
      case 'social_care_day_care':
        name = `${person()} (day centre officer${a.dayService ? `, ${a.dayService.short}` : ''})`;
        break;
      case 'social_care_other':
        name = `${person()} (support worker${a.residence === 'supported' && a.home ? `, ${a.home.short}` : ''})`;
        break;
      case 'family': {
        const relative = ['son', 'daughter', 'nephew', 'grandson', 'husband', 'wife', 'mother', 'father'].includes(ctx.rel.role) && t.from !== 'known_to_individual' ? ctx.rel : relFor(a, a.ageNow >= 60 ? 'child' : 'parent');
        name = `${relative.name} (${relative.role})`;
        break;
      }
      case 'friend':
        name = random.chance(0.25) ? null : `${ctx.rel.role === 'neighbour' ? ctx.rel.name : person()} (neighbour)`;
        break;
      case 'self':
        name = ctx.full;
        break;
      case 'cqc':
        name = `${person()} (CQC inspector)`;
        break;
      case 'education':
        name = `${person()} (college student support officer)`;
        break;
      case 'other_service_user':
        name = null;
        break;
      default:
        name = `${person()} (${random.pick(['bank vulnerable customers team', 'fire service', 'trading standards', 'ambulance service'])})`;
    }
    return { code, agencyId, name };
  };

  const protectReason = (a: Adult, c: Ctx): string => {
    if (a.lacksCapacity || a.psr === 'memory_cognition') {
      const condition = a.psr === 'learning_disability' ? 'learning disability' : a.psr === 'mental_health' ? 'mental illness' : a.psr === 'memory_cognition' ? 'dementia' : 'condition';
      return `Because of ${c.his} ${condition} ${c.he} cannot recognise the risk, remember what happened or ask for help.`;
    }
    switch (a.psr) {
      case 'learning_disability':
        return `${c.He} does not recognise that ${c.he} is being taken advantage of and relies on others to keep ${c.him} safe.`;
      case 'mental_health':
        return `While unwell ${c.he} cannot protect ${c.himself}; ${c.he} is frightened and has not been able to tell anyone.`;
      case 'physical_personal_care':
      case 'physical_access_mobility':
        return `${c.He} cannot get away or call for help because of ${c.his} mobility, and depends on others for ${c.his} care.`;
      case 'social_substance_misuse':
        return `${c.His} dependency and poor health leave ${c.him} unable to protect ${c.himself}.`;
      case 'social_isolation':
        return `${c.He} is frail and alone, with no one to turn to.`;
      default:
        return `Because of ${c.his} disability ${c.he} depends on others and cannot protect ${c.himself}.`;
    }
  };

  const workingInstant = (date: LocalDate, from = 9 * 60, to = 17 * 60) => at(calendar.workingDayOnOrAfter(date), random.int(from, to - 1));
  /** An instant moved into working hours (the same working day, or the next), as people answer and finish things. */
  const inWorkingHours = (t: number): number => {
    const w = wallTime(new Date(t), zone);
    if (calendar.isWorkingDay(w.date) && w.minutes >= 9 * 60 && w.minutes < 17 * 60 + 30) return t;
    const day = calendar.isWorkingDay(w.date) && w.minutes < 9 * 60 ? w.date : calendar.nextWorkingDay(w.date);
    return at(day, random.int(9 * 60, 17 * 60)).getTime();
  };
  const afterWorkingDays = (from: Date, n: number, minFrom = 9 * 60, minTo = 17 * 60) => at(calendar.addWorkingDays(calendar.dateOf(from), n), random.int(minFrom, minTo - 1));

  const slotIndex = new Map(slots.map((s, i) => [s, i]));
  /** When each adult's latest enquiry ended (infinity while one is open): nobody dies with an enquiry still open. */
  const busyUntil = new Map<Adult, number>();
  for (const slot of usedSlots) {
    const a = slot.adult!;
    const receivedAt = slot.at;
    const st = status.get(slot)!;
    const decision = decisionOf.get(slot)!;
    const template = slot.fixed ? fixedTemplates[slot.fixed]! : chooseTemplate(a, decision, receivedAt);
    const provider = providerOf(template, a);
    const p = pronouns(a.female);
    const rel = relFor(a, template.rel);
    const monthDate = calendar.dateOf(new Date(receivedAt.getTime() - 30 * DAY));
    const ctx: Ctx = {
      ...p,
      n: `${a.title} ${a.family}`,
      first: a.given,
      full: `${a.given} ${a.family}`,
      age: a.ageNow,
      needs: a.needs,
      rel,
      provider: provider ? (template.provider === 'hospital' ? provider.name : provider.short) : 'the provider',
      street: a.street,
      month: MONTHS[Number(monthDate.slice(5, 7)) - 1]!,
    };
    const handOff = !slot.fixed && a.ageNow < 60 && a.residence === 'home' && template.tier !== 'low' && template.where !== 'hospital' && template.from !== 'service_provider' && random.chance(0.5);
    let src = raiser(template, a, ctx, provider, slot.outOfHours);
    if (handOff) src = src.code === 'police' ? src : { code: 'social_care_social_worker', agencyId: agency.csc, name: `${givenFor('british', true, 1985)} ${familyFor('british', true)} (children’s social worker)` };
    ref += 1;
    const reference = `AC-${calendar.dateOf(receivedAt).slice(0, 4)}-${String(ref).padStart(6, '0')}`;
    const decisionDueAt = timescaleDeadline(calendar, receivedAt, decisionTimescale);
    const id = crypto.randomUUID();

    // The three-point test and the decision.
    const tier = template.tier;
    const needsAnswer: readonly [TestAnswer, string] = template.test?.needs ? [template.test.needs[0], template.test.needs[1](ctx)] : ['yes', `${upper(p.he)} ${a.needs}.`];
    const abuseAnswer: readonly [TestAnswer, string] = tier === 's42' || !template.test ? ['yes', template.risk(ctx)] : [template.test.abuse[0], template.test.abuse[1](ctx)];
    // An other enquiry on a serious template (no other-enquiry template fits the adult): the adult can protect themselves, others may not.
    const protectAnswer: readonly [TestAnswer, string] =
      decision === 'other_enquiry' && tier === 's42'
        ? ['no', `${ctx.He} has capacity about this and, with support, can protect ${ctx.himself}.`]
        : tier === 's42' || !template.test
          ? ['yes', protectReason(a, ctx)]
          : [template.test.protect[0], template.test.protect[1](ctx)];
    // An s42 decision on a template meant for another decision (never, but guard): the test must be met.
    const testMet = needsAnswer[0] === 'yes' && abuseAnswer[0] === 'yes' && protectAnswer[0] === 'yes';
    let finalDecision: Decision = decision;
    if (decision === 's42_enquiry' && !testMet) finalDecision = 'other_enquiry';
    if (decision === 'information_advice' && !template.advice) finalDecision = template.nfa ? 'no_further_action' : decision;
    const typeWords = labelOf(RISK_TYPES, template.type).toLowerCase();
    const reason =
      finalDecision === 's42_enquiry'
        ? `All three points of the test are met: ${typeWords}. ${ctx.He} cannot protect ${ctx.himself}, so a section 42 enquiry to ${PURPOSE[template.type](ctx)}.`
        : finalDecision === 'other_enquiry'
          ? (template.other?.(ctx) ?? `${ctx.He} can protect ${ctx.himself} with support, so the s42(1) duty does not apply; others may be at risk, so a discretionary enquiry (s42(2)).`)
          : finalDecision === 'information_advice'
            ? (template.advice?.reason(ctx) ?? 'Information and advice given.')
            : (template.nfa?.(ctx) ?? 'No abuse or neglect found. No further action.');
    const signpostTo = finalDecision === 'information_advice' ? (template.advice?.to ?? 'adult_social_care_assessment') : null;

    // When it was tested, decided and authorised: mostly within the 2 working days.
    let decidedAt: Date | null = null;
    let authorisedAt: Date | null = null;
    let testAt: Date | null = null;
    if (st !== 'open' || random.chance(0.5)) {
      const k = slot.fixed ? 1 : random.weighted([[0, 30], [1, 35], [2, 20], [3, 15]] as const);
      const base = calendar.dateOf(receivedAt);
      let day = k === 0 ? calendar.workingDayOnOrAfter(base) : calendar.addWorkingDays(base, k);
      let dec = at(day, random.int(9 * 60 + 30, 16 * 60 + 50));
      if (dec.getTime() <= receivedAt.getTime() + 30 * MINUTE) {
        day = calendar.nextWorkingDay(day);
        dec = at(day, random.int(9 * 60 + 30, 12 * 60));
      }
      // Not in the last hour before `now`, nor (for a concern received within that hour) before its receipt.
      const ceiling = Math.max(latest - HOUR, receivedAt.getTime() + 10 * MINUTE);
      if (dec.getTime() > ceiling) dec = new Date(receivedAt.getTime() + (ceiling - receivedAt.getTime()) * 0.6);
      testAt = new Date(receivedAt.getTime() + (dec.getTime() - receivedAt.getTime()) * random.int(40, 85) / 100);
      if (st !== 'open') decidedAt = dec;
      if (st === 'decided') {
        const auth = calendar.addWorkingHours(dec, random.int(20, 300) / 60);
        authorisedAt = auth.getTime() < latest ? auth : new Date(dec.getTime() + (latest - dec.getTime()) * 0.5);
      }
    }
    const restricted = !slot.fixed && random.chance(0.01);
    const personsView = random.chance(0.6) ? (a.lacksCapacity && (a.psr === 'memory_cognition' || a.psr === 'learning_disability') && random.chance(0.6) ? random.pick([`${ctx.He} could not say what had happened; ${ctx.he} said ${ctx.he} likes ${ctx.his} room and the staff are “mostly kind”.`, `${ctx.He} was not able to talk about it, and became upset when it was mentioned.`, `${ctx.He} smiled and said “I want to go home”.`]) : `“${(template.view ?? template.want ?? (() => 'I want to feel safe.'))(ctx)}”`) : null;
    const othersInvolved = template.from === 'known_to_individual' && template.rel && random.chance(0.7) ? `${rel.name} (${rel.role === 'acquaintance' ? 'known to the adult' : rel.role})` : template.from === 'service_provider' && provider && random.chance(0.5) ? `Staff of ${provider.short} (names held by the provider)` : null;
    concernRows.push({
      id,
      tenantId,
      reference,
      contactId: null,
      channel: handOff ? 'mash_hand_off' : 'front_door',
      owningAgencyId: asc,
      personId: a.id,
      adultName: ctx.full,
      receivedAt,
      sourceCode: src.code,
      sourceAgencyId: src.agencyId,
      referrerName: src.name,
      whatHappened: handOff ? `Raised in a contact about the children in the household and handed on by the children’s front door. ${template.happened(ctx)}` : template.happened(ctx),
      othersInvolved,
      personsView,
      providerId: template.from === 'service_provider' || template.id === 'resident_assault' ? (provider?.id ?? null) : null,
      decisionDueAt,
      status: st,
      restricted,
      allocatedUserId: st === 'open' && random.chance(0.3) ? null : worker,
      testNeeds: testAt ? needsAnswer[0] : null,
      testNeedsReason: testAt ? needsAnswer[1] : null,
      testAbuse: testAt ? abuseAnswer[0] : null,
      testAbuseReason: testAt ? abuseAnswer[1] : null,
      testProtect: testAt ? protectAnswer[0] : null,
      testProtectReason: testAt ? protectAnswer[1] : null,
      testRecordedAt: testAt,
      testRecordedByUserId: testAt ? worker : null,
      decision: decidedAt ? finalDecision : null,
      decisionReason: decidedAt ? reason : null,
      signpostTo: decidedAt ? signpostTo : null,
      decidedAt,
      decidedByUserId: decidedAt ? worker : null,
      authorisedAt,
      authorisedByUserId: authorisedAt ? manager : null,
      createdByUserId: handOff ? mashManager : worker,
      createdAt: receivedAt,
    });

    // ——— the enquiry an authorised s42 or other decision started ———
    if (!authorisedAt || (finalDecision !== 's42_enquiry' && finalDecision !== 'other_enquiry')) continue;
    const started = authorisedAt;
    const isLast = a.slots[a.slots.length - 1] === slotIndex.get(slot);
    const busy = busyUntil.get(a) ?? 0;
    const exitChance = slot.fixed ? 0 : 0.08;
    let enquiryStatus: Enquiry['status'] = 'open';
    let ended: Date | null = null;
    let exitReason: string | null = null;
    if (random.chance(exitChance)) {
      const e = afterWorkingDays(started, random.int(3, 30));
      if (e.getTime() < latest) {
        enquiryStatus = 'exited';
        ended = e;
        exitReason = random.weighted([['adult_declined', 35], ['risk_resolved', 22], ['moved_away', 8], ['died', isLast && a.ageNow >= 70 && busy < e.getTime() ? 14 : 0], ['other_process', 15], ['other', 4]] as const);
      }
    } else if (!slot.fixed) {
      const days = 22 + Math.floor(105 * Math.pow(random.next(), 0.95)) + (random.chance(0.05) ? random.int(40, 120) : 0);
      const e = workingInstant(addDays(calendar.dateOf(started), days), 9 * 60 + 30, 16 * 60 + 30);
      if (e.getTime() < latest) {
        enquiryStatus = 'concluded';
        ended = e;
      }
    }
    const lacks = a.lacksCapacity;
    const planned = now.getTime() - started.getTime() > 2 * DAY || random.chance(0.3);
    const police = ['physical', 'sexual', 'domestic_abuse', 'sexual_exploitation', 'modern_slavery'].includes(template.type) || (template.type === 'financial' && template.from !== 'service_provider');
    const lead =
      provider && provider === heathervale && template.from === 'service_provider' && !slot.fixed && random.chance(0.3)
        ? 'provider'
        : police && agency.police && random.chance(0.25)
          ? 'police'
          : template.where === 'hospital' && agency.health && random.chance(0.4)
            ? 'health'
            : 'adult_team';
    const leadAgencyId = lead === 'provider' ? agency.heathervale : lead === 'police' ? agency.police : lead === 'health' ? agency.health : null;
    const advocacyKind = lacks ? random.weighted([['s68_independent', 45], ['family_friend', 35], ['imca', 20]] as const) : random.weighted([['not_needed', 70], ['s68_independent', 10], ['family_friend', 10], ['declined', 10]] as const);
    const advocateName =
      advocacyKind === 's68_independent' || advocacyKind === 'imca'
        ? `${givenFor('british', random.chance(0.6), random.int(1965, 1995))} ${familyFor('british', false)}`
        : advocacyKind === 'family_friend'
          ? `${template.rel && ['son', 'daughter', 'nephew', 'grandson', 'wife', 'husband'].includes(rel.role) && template.from !== 'known_to_individual' ? rel.name : relFor(a, 'child').name}`
          : null;
    const msp = planned ? random.weighted([['asked_expressed', 70], ['asked_not_expressed', 10], ['not_asked', 12], ['dont_know', 8]] as const) : null;
    const want = msp === 'asked_expressed' ? (template.want ?? (() => 'I want to feel safe and be listened to.'))(ctx) : null;
    const capacity = lacks ? 'lacks_capacity' : random.chance(0.88) ? 'has_capacity' : 'not_assessed';
    const consent = !planned ? null : lacks ? 'lacks_capacity' : enquiryStatus === 'open' && now.getTime() - started.getTime() < 10 * DAY && random.chance(0.3) ? 'not_yet_sought' : random.chance(0.9) ? 'given' : 'refused';
    const enquiryId = crypto.randomUUID();
    const count = random.weighted([[1, 70], [2, 25], [3, 5]] as const);
    const types: RiskType[] = [template.type];
    while (types.length < count) {
      const next = random.weighted(ALONGSIDE[template.type].filter(([x]) => !types.includes(x)));
      if (types.includes(next)) break;
      types.push(next);
    }
    const location = locationOf(template, a, provider);
    // Results for ended enquiries (exited ones have none: the enquiry stopped before it found out).
    const results = types.map((_, i) =>
      enquiryStatus === 'concluded' ? (random.weighted(i === 0 ? ([['removed', 33], ['reduced', 45], ['remains', 8], ['no_risk', 9], ['inconclusive', 5]] as const) : ([['removed', 25], ['reduced', 40], ['remains', 8], ['no_risk', 20], ['inconclusive', 7]] as const)) as string) : null,
    );
    const riskCreated = (i: number) => new Date(Math.min(inWorkingHours(started.getTime() + (i + 1) * random.int(20, 180) * MINUTE), ended ? ended.getTime() - HOUR : latest));
    types.forEach((type, i) => {
      const result = results[i] ?? null;
      const acted = result === null ? null : result === 'removed' || result === 'reduced' ? random.chance(0.97) : result === 'remains' ? random.chance(0.6) : result === 'no_risk' ? random.chance(0.1) : random.chance(0.3);
      riskRows.push({
        tenantId,
        enquiryId,
        type,
        location,
        source: template.from,
        description: i === 0 ? template.risk(ctx) : EXTRA_RISK[type](ctx),
        result,
        actionTaken: acted,
        actionNote: acted ? `${random.pick(actionsAbout(type, template.from))(ctx)}.` : null,
        createdAt: riskCreated(i),
      });
    });
    let outcomesAchieved: string | null = null;
    let conclusion: string | null = null;
    let sanctions: string[] = [];
    if (enquiryStatus === 'concluded') {
      const worst = results.includes('remains') || results.includes('inconclusive');
      if (msp === 'asked_expressed') outcomesAchieved = random.weighted(worst ? ([['fully', 25], ['partially', 50], ['not', 25]] as const) : ([['fully', 66], ['partially', 30], ['not', 4]] as const));
      const first = results[0]!;
      const action = random.pick(actionsAbout(template.type, template.from))(ctx);
      conclusion =
        first === 'removed'
          ? `Concern substantiated. ${action}. The risk has been removed${outcomesAchieved === 'fully' ? ` and ${ctx.n} says ${ctx.he} feels safe` : ''}.`
          : first === 'reduced'
            ? `Substantiated in part. ${action}. The risk is reduced and is reviewed through ${template.from === 'service_provider' ? 'contract monitoring' : 'the social worker’s reviews'}.`
            : first === 'remains'
              ? `${action}, but the risk remains: ${random.pick(REMAINS[template.from])(ctx)}.`
              : first === 'no_risk'
                ? `Enquiries found no abuse or neglect: ${random.pick(NO_RISK[template.type] ?? [() => 'the concern was not substantiated'])(ctx)}.`
                : `It was not possible to establish what happened: ${random.pick(INCONCLUSIVE)(ctx)}. ${ctx.n}’s care is monitored through reviews.`;
      if ((first === 'removed' || first === 'reduced') && template.from === 'service_provider' && random.chance(0.5)) {
        sanctions = ['physical', 'sexual', 'financial', 'psychological'].includes(template.type)
          ? random.pick([['disciplinary', 'dbs'], ['disciplinary'], ['disciplinary', 'dbs', 'police_action'], provider?.serviceType === 'care_home_nursing' ? ['disciplinary', 'regulator'] : ['disciplinary']])
          : random.pick([['contract_action'], ['contract_action', 'cqc'], ['cqc'], provider?.serviceType === 'care_home_nursing' ? ['regulator'] : ['contract_action']]);
      } else if ((first === 'removed' || first === 'reduced') && police && random.chance(0.35)) sanctions = ['police_action'];
    }
    if (exitReason === 'died' && ended) deaths.push({ id: a.id, on: calendar.dateOf(ended) });
    busyUntil.set(a, Math.max(busy, ended ? ended.getTime() : Number.POSITIVE_INFINITY));
    enquiryRows.push({
      id: enquiryId,
      tenantId,
      concernId: id,
      kind: finalDecision === 's42_enquiry' ? 's42' : 'other',
      startedAt: started,
      leadKind: planned ? lead : 'adult_team',
      leadAgencyId: planned ? leadAgencyId : null,
      allocatedUserId: worker,
      consent,
      capacity: planned ? capacity : null,
      capacityNote: planned && lacks ? `Assessed by the social worker: cannot understand or weigh up the information about the enquiry because of ${ctx.his} ${a.psr === 'learning_disability' ? 'learning disability' : a.psr === 'mental_health' ? 'mental illness' : 'dementia'}.` : null,
      primarySupportReason: planned ? a.psr : null,
      advocacy: planned ? advocacyKind : null,
      advocateName: planned ? advocateName : null,
      mspAsked: msp,
      desiredOutcomes: want,
      outcomesAchieved,
      status: enquiryStatus,
      conclusion,
      sanctions,
      exitReason,
      exitNote: exitReason && ended ? EXIT_NOTES[exitReason]!(ctx, dateWords(calendar.dateOf(ended))) : null,
      endedAt: ended,
      endedByUserId: ended ? worker : null,
      createdAt: started,
    });
    const seriousness = (template.from === 'service_provider' ? 3 : 1) * (['physical', 'sexual', 'organisational', 'modern_slavery', 'sexual_exploitation'].includes(template.type) ? 2 : 1) * (count > 1 ? 1.5 : 1);
    enquiries.push({
      id: enquiryId,
      concernId: id,
      adult: a,
      template,
      ctx,
      kind: finalDecision === 's42_enquiry' ? 's42' : 'other',
      started,
      ended,
      status: enquiryStatus,
      provider,
      lead,
      types,
      advocate: planned && advocateName && advocacyKind !== 'family_friend' ? { kind: advocacyKind, name: advocateName } : null,
      family: planned && advocacyKind === 'family_friend' ? advocateName : template.rel && ['son', 'daughter'].includes(rel.role) && template.from !== 'known_to_individual' ? rel.name : null,
      lacksCapacity: lacks,
      planned,
      serious: seriousness,
      result: results[0] ?? null,
    });
  }

  // ——— decision making and outcome meetings ———
  const attendance = (p: number) => (random.chance(p) ? 'attended' : random.chance(0.5) ? 'apologies' : 'absent');
  const dmmCount = Math.max(1, Math.round(DMM_PER_YEAR * scale));
  const outcomeCount = Math.max(1, Math.round(OUTCOME_MEETINGS_PER_YEAR * scale));
  const canMeet = (e: Enquiry) => e.kind === 's42' && e.planned && e.status !== 'exited' && now.getTime() - e.started.getTime() > 5 * DAY && (!e.ended || e.ended.getTime() - e.started.getTime() > 12 * DAY);
  const hvEnquiry = enquiries.find((e) => e.adult.fixed === 'hv_pressure');
  // Weighted order without replacement (a random key per enquiry, favouring the serious ones); Heathervale's first,
  // then enough concluded ones for the outcome meetings, then the rest.
  const keyed = enquiries.filter((e) => canMeet(e) && e !== hvEnquiry).map((e) => ({ e, k: Math.pow(random.next(), 1 / e.serious) })).sort((x, y) => y.k - x.k).map((x) => x.e);
  const concludedFirst = keyed.filter((e) => e.status === 'concluded').slice(0, outcomeCount * 2);
  const preference = [...(hvEnquiry && canMeet(hvEnquiry) ? [hvEnquiry] : []), ...concludedFirst, ...keyed.filter((e) => !concludedFirst.includes(e))];

  const professionals = (e: Enquiry): { key: string; id: string }[] => {
    const out: { key: string; id: string }[] = [];
    const add = (key: string, id: string | null) => id && !out.some((x) => x.id === id) && out.push({ key, id });
    if (e.provider === heathervale && heathervale) add('heathervale', agency.heathervale);
    if (['physical', 'sexual', 'financial', 'domestic_abuse', 'sexual_exploitation', 'modern_slavery'].some((t) => e.types.includes(t as RiskType)) || e.lead === 'police') add('police', agency.police);
    if (['neglect', 'self_neglect'].some((t) => e.types.includes(t as RiskType)) || e.template.where === 'hospital' || e.lead === 'health') add('health', agency.health);
    if (e.types.includes('self_neglect') || (e.template.type === 'financial' && e.adult.residence !== 'care_home')) add('housing', agency.housing);
    if (out.length === 0) add('health', agency.health);
    return out;
  };
  const actionsFor = (e: Enquiry, key: string, outcome: boolean): string => {
    const c = e.ctx;
    const options: Record<string, readonly string[]> = {
      asc: outcome
        ? [`Review ${c.n}’s care and support plan in six weeks and close if settled`, `Write to ${c.n} and ${c.his} advocate with the outcome of the enquiry`]
        : [
            ...(e.lacksCapacity ? ['Carry out a mental capacity assessment about the decisions the enquiry needs'] : []),
            e.advocate ? `Visit ${c.n} with ${c.his} advocate to ask what ${c.he} wants to happen` : `Visit ${c.n} to ask what ${c.he} wants to happen`,
            `Review ${c.n}’s care and support plan with ${c.him}`,
          ],
      police: outcome
        ? [`Tell ${c.n} and the chair the outcome of the criminal investigation`]
        : [`Decide whether to open a criminal investigation and tell the chair`, `Speak to the person alleged to have caused harm and share the outcome`],
      health: outcome ? [`District nurse to keep reviewing ${c.his} skin and weight for three months and tell the GP`] : [`District nurse to review ${c.his} skin, weight and nutrition and share the findings`, `GP to review ${c.his} medication and memory`],
      heathervale: outcome
        ? ['Send contract compliance the evidence that the home’s action plan is complete']
        : [`Send the home’s internal investigation report and ${c.n}’s updated care plan`, 'Audit night checks for every resident on the nursing floor for four weeks'],
      housing: outcome
        ? ['Keep tenancy support in place for three months and tell the social worker of any change']
        : e.types.includes('self_neglect')
          ? ['Arrange a joint visit with the fire service about the state of the property']
          : ['Check who is living at the address and the state of the rent account'],
    };
    return random.pick(options[key] ?? options.asc!);
  };

  const recordMeeting = (e: Enquiry, kind: 'decision_making' | 'outcome', heldAt: Date) => {
    const c = e.ctx;
    const meetingId = crypto.randomUUID();
    const personAttendance = attendance(e.lacksCapacity ? 0.15 : kind === 'outcome' ? 0.55 : 0.35);
    const profs = professionals(e);
    attendeeRows.push({ tenantId, meetingId, role: 'person', name: c.full, agencyId: null, attendance: personAttendance });
    const advocateAttendance = e.advocate ? attendance(0.88) : null;
    const familyAttendance = e.family ? attendance(0.7) : null;
    if (e.advocate) attendeeRows.push({ tenantId, meetingId, role: 'advocate', name: e.advocate.name, agencyId: null, attendance: advocateAttendance! });
    if (e.family) attendeeRows.push({ tenantId, meetingId, role: 'family', name: e.family, agencyId: null, attendance: familyAttendance! });
    attendeeRows.push({ tenantId, meetingId, role: 'professional', name: agencyNames.get(asc) ?? 'Fernmoor Adult Social Care', agencyId: asc, attendance: 'attended' });
    const attended: { key: string; id: string }[] = [{ key: 'asc', id: asc }];
    for (const p of profs) {
      const present = p.key === 'heathervale' || random.chance(0.8) ? 'attended' : 'apologies';
      attendeeRows.push({ tenantId, meetingId, role: 'professional', name: agencyNames.get(p.id) ?? p.key, agencyId: p.id, attendance: present });
      if (present === 'attended') attended.push(p);
    }
    const want = e.template.want?.(c) ?? 'I want to feel safe.';
    const voice =
      personAttendance === 'attended' && !e.lacksCapacity
        ? `${c.n} said: “${kind === 'outcome' ? random.pick(['Things are better now.', 'I feel safer than I did.', 'It’s not all sorted but I know who to call.']) : (e.template.view ?? e.template.want ?? (() => want))(c)}”`
        : e.advocate && advocateAttendance === 'attended'
          ? `${e.advocate.name}, ${c.his} advocate, said ${kind === 'outcome' ? `${c.n} is settled and wants things to stay as they are now.` : `${c.n} wants to be safe and has told the advocate: “${want}”`}`
          : e.family && familyAttendance === 'attended'
            ? `${e.family} spoke for ${c.n}: ${kind === 'outcome' ? `${c.he} seems happier and more settled.` : `${c.he} has said “${want}”`}`
            : `${c.n} did not attend; the social worker visited beforehand and ${c.he} said “${want}”`;
    const decisions =
      kind === 'decision_making'
        ? e.template.from === 'service_provider'
          ? `The enquiry continues${e.lead === 'provider' ? `, caused to ${e.provider?.short ?? 'the provider'} for its own investigation, with a report in ten working days` : e.lead === 'health' ? ', caused to the trust’s safeguarding team' : ' led by the adult safeguarding team'}; ${attended.some((x) => x.key === 'police') ? 'the police will decide on a criminal investigation; ' : ''}${e.provider?.serviceType === 'hospital' ? 'the trust to review its discharge and observation practice on the ward.' : 'contract compliance to review other people placed with the provider.'}`
          : `The enquiry continues led by ${e.lead === 'police' ? 'the police, with the adult team supporting' : 'the adult safeguarding team'}; a safety plan agreed with ${c.n}${e.advocate ? ' and the advocate' : ''}; ${attended.some((x) => x.key === 'police') ? 'the police to speak to the person alleged to have caused harm; ' : ''}review at an outcome meeting.`
        : `${OUTCOME_FOUND[e.result ?? 'reduced'] ?? 'The risk is reduced'}; the enquiry can close with the actions below. What ${c.n} wanted was discussed with ${c.him}${advocateAttendance === 'attended' ? ' and the advocate' : ''}.`;
    meetingRows.push({
      id: meetingId,
      tenantId,
      enquiryId: e.id,
      kind,
      heldAt,
      personsVoice: voice,
      decisions,
      minutes: random.chance(0.85)
        ? `Chaired by ${chair}. ${kind === 'decision_making' ? `${workerName} summarised the concern and the three-point test. ${e.template.risk(c)}` : `${workerName} summarised what the enquiry found and each agency reported on its actions.`} ${attended.length > 1 ? `Present: ${attended.map((x) => agencyNames.get(x.id) ?? x.key).join(', ')}.` : ''} The group heard the adult’s voice before agreeing the decisions.`.replace(/\s+/g, ' ').trim()
        : null,
      recordedByUserId: worker,
      createdAt: new Date(Math.min(heldAt.getTime() + random.int(60, 600) * MINUTE, latest)),
    });
    const n = random.weighted([[1, 3], [2, 4], [3, 2]] as const);
    const owners = shuffle(random, [...attended]).slice(0, n);
    if (owners.length < n && !owners.some((o) => o.key === 'asc')) owners.push({ key: 'asc', id: asc });
    for (const owner of owners) {
      const dueOn = calendar.addWorkingDays(calendar.dateOf(heldAt), random.int(5, 15));
      const dueAt = calendar.closeOfDay(dueOn);
      const limit = Math.min(latest, e.ended ? e.ended.getTime() : latest);
      const doneAt = dueAt.getTime() < limit + 5 * DAY && random.chance(0.85) ? new Date(Math.min(limit, inWorkingHours(heldAt.getTime() + (dueAt.getTime() - heldAt.getTime()) * random.int(30, 110) / 100))) : null;
      actionRows.push({
        tenantId,
        enquiryId: e.id,
        meetingId,
        description: actionsFor(e, owner.key, kind === 'outcome'),
        ownerAgencyId: owner.id,
        ownerName: ownerNames[owner.key] ?? null,
        dueOn,
        doneAt: doneAt && doneAt.getTime() > heldAt.getTime() ? doneAt : null,
      });
    }
  };

  // A decision making meeting a few working days into the enquiry, in working hours, well before it ended.
  let dmms = 0;
  for (const e of preference) {
    if (dmms >= dmmCount) break;
    const endLimit = Math.min(latest - HOUR, e.ended ? e.ended.getTime() - 3 * DAY : latest - HOUR);
    let held: Date | null = null;
    for (const k of [random.int(2, 8), 2, 1]) {
      const h = afterWorkingDays(e.started, k, 10 * 60, 15 * 60);
      if (h.getTime() < endLimit) {
        held = h;
        break;
      }
    }
    if (!held) continue;
    e.dmm = held;
    recordMeeting(e, 'decision_making', held);
    dmms += 1;
  }
  // An outcome meeting a few working days before a concluded enquiry ended, after its decision making meeting.
  let outcomes = 0;
  for (const e of preference) {
    if (outcomes >= outcomeCount) break;
    if (!e.dmm || e.status !== 'concluded' || !e.ended) continue;
    const ended = e.ended;
    const held = at(calendar.workingDayOnOrAfter(addDays(calendar.dateOf(ended), -random.int(2, 5))), random.int(10 * 60, 14 * 60));
    if (held.getTime() >= ended.getTime() || held.getTime() <= e.dmm.getTime() + DAY) continue;
    recordMeeting(e, 'outcome', held);
    outcomes += 1;
  }

  // ——— partners' contributions ———
  const QUESTIONS: Record<string, (c: Ctx) => string> = {
    police: (c) => `Is ${c.n} or anyone at ${c.his} address known to you? Any incidents, crimes or welfare checks in the last 12 months, and is any investigation open?`,
    health: (c) => `What do ${c.n}’s GP and community nursing records show about ${c.his} health, skin and weight over the last three months? Any concerns noted?`,
    housing: (c) => `Have your officers visited ${c.n}’s home recently? Any concerns about its condition, the rent account or who is living there?`,
    heathervale: (c) => `Please send ${c.n}’s care plan, daily notes, body maps and night check records for the last month, with your account of what happened.`,
  };
  const ANSWERS: Record<string, readonly ((c: Ctx) => string)[]> = {
    police: [
      (c) => `No crimes recorded at the address. One welfare check in ${c.month} after a neighbour’s call: ${c.he} was found well.`,
      () => 'Known: two incidents at the address in the last year, both verbal, no arrests. Nothing open now.',
      () => 'A crime has been recorded and is being investigated; the suspect has been interviewed under caution and bailed with conditions not to contact the adult.',
      () => 'Not known to us. No intelligence held about the address.',
    ],
    health: [
      (c) => `GP saw ${c.him} in ${c.month}: weight loss of 4 kg noted and a dietitian referral made. No other concerns recorded.`,
      () => 'District nurses visit twice a week for a grade 2 pressure area on the heel, which is healing. No other concerns.',
      (c) => `No contact with primary care since ${c.month}; the practice will offer a home visit this week.`,
      () => 'Discharge summary attached to our email: the ward recorded the skin damage on admission; a referral to the district nurses was sent late.',
    ],
    housing: [() => 'Visited last month: the flat was cluttered but safe; rent account up to date.'],
    heathervale: [
      () => 'Care plan, night records and body maps sent by secure email today. Night checks were missed on two nights when the shift was short; both staff have had supervision and retraining, and the rota now has three staff on nights.',
      () => 'Our account is attached. The fall was not witnessed; the resident was checked by the nurse in charge, but the GP was not called until the afternoon. We have changed our post-falls procedure.',
    ],
  };
  for (const e of enquiries) {
    if (!e.planned || !random.chance(e.adult.fixed ? 1 : 0.3)) continue;
    const profs = professionals(e).filter((p) => p.key !== 'housing' || e.status === 'open');
    if (profs.length === 0) continue;
    const chosen = e.adult.fixed && heathervale ? profs.filter((p) => p.key === 'heathervale' || p.key === 'health').slice(0, 2) : shuffle(random, profs).slice(0, random.chance(0.35) ? 2 : 1);
    const askedAt = afterWorkingDays(e.started, random.int(1, 3), 9 * 60 + 30, 16 * 60);
    const endLimit = e.ended ? e.ended.getTime() - DAY : latest - HOUR;
    const asked = askedAt.getTime() < endLimit ? askedAt : new Date(e.started.getTime() + (endLimit - e.started.getTime()) * 0.3);
    if (asked.getTime() <= e.started.getTime()) continue;
    const dueOn = calendar.dateOf(timescaleDeadline(calendar, asked, contributionTimescale));
    for (const p of chosen) {
      const dueAt = calendar.closeOfDay(dueOn).getTime();
      // Answered mostly in time; some late. Heathervale always answers (its worklist stays as its staff left it).
      const answerAt = random.chance(0.82) ? asked.getTime() + (dueAt - asked.getTime()) * random.int(15, 95) / 100 : dueAt + random.int(1, 6) * DAY;
      const user = answerer[p.key] ?? null;
      const canAnswer = user !== null && (p.key === 'heathervale' || e.status !== 'open' || random.chance(0.75));
      const answeredAt = canAnswer ? Math.min(inWorkingHours(answerAt), e.ended ? e.ended.getTime() - HOUR : latest) : null;
      const answered = answeredAt !== null && answeredAt > asked.getTime() && answeredAt < latest;
      if (p.key === 'heathervale' && !answered) continue;
      contributionRows.push({
        tenantId,
        enquiryId: e.id,
        agencyId: p.id,
        question: QUESTIONS[p.key]!(e.ctx),
        dueOn,
        askedByUserId: worker,
        askedAt: asked,
        answer: answered ? random.pick(ANSWERS[p.key]!)(e.ctx) : null,
        answeredAt: answered ? new Date(answeredAt!) : null,
        answeredByUserId: answered ? user : null,
      });
    }
  }
  // The police have at least one request still waiting, as a partner's worklist does.
  if (agency.police && !contributionRows.some((k) => k.agencyId === agency.police && !k.answeredAt)) {
    const open = enquiries.filter((e) => e.status === 'open' && e.planned && !e.adult.fixed && now.getTime() - e.started.getTime() > 3 * DAY).pop();
    if (open) {
      const asked = afterWorkingDays(open.started, 1, 10 * 60, 12 * 60);
      if (asked.getTime() < latest) {
        contributionRows.push({ tenantId, enquiryId: open.id, agencyId: agency.police, question: QUESTIONS.police!(open.ctx), dueOn: calendar.dateOf(timescaleDeadline(calendar, asked, contributionTimescale)), askedByUserId: worker, askedAt: asked });
      }
    }
  }

  // ——— writing it all ———
  await insertMany(db, person, personRows);
  await insertMany(db, personName, nameRows);
  await insertMany(db, personAddress, addressRows);
  await insertMany(db, personIdentifier, identifierRows);
  for (const death of deaths) await db.execute(sql`update person set deceased_on = ${death.on} where id = ${death.id}`);
  await insertMany(db, adultConcern, concernRows);
  await insertMany(db, adultEnquiry, enquiryRows);
  await insertMany(db, adultRisk, riskRows);
  await insertMany(db, adultMeeting, meetingRows);
  await insertMany(db, adultMeetingAttendee, attendeeRows);
  await insertMany(db, adultAction, actionRows);
  await insertMany(db, adultContribution, contributionRows);
  await db.execute(sql`select setval('adult_concern_reference_seq', ${ref})`);
  // Heathervale's (and the other providers') enquiries gather the individual concerns about them.
  const linked = providers.length ? await linkProviderEnquiryConcernsDemo(db, { tenantId, now }) : 0;

  const open = enquiryRows.filter((e) => e.status === 'open').length;
  log(
    `adult safeguarding: ${personRows.length} adults, ${concernRows.length} concerns (${[...status.values()].filter((s) => s === 'open').length} to decide, ${awaitingCount} to authorise), ` +
      `${enquiryRows.length} enquiries (${open} open), ${meetingRows.length} meetings, ${contributionRows.length} contributions, ${linked} concerns linked to provider enquiries`,
  );
  return { adults: personRows.length, concerns: concernRows.length, enquiries: enquiryRows.length, meetings: meetingRows.length, contributions: contributionRows.length };
}

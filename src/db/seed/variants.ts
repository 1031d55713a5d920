/**
 * Synthetic UK people, and the ways their records go wrong when several agencies write them down: typos,
 * nicknames, swapped day and month, a missing NHS number, a house move, a new surname. Every value is invented;
 * the truth (which records are the same person) is kept, for tests and benchmarks of the matching engine.
 */
import { type PersonFields } from '../../domain/matching/record.js';
import { nhsNumberFromNine } from '../../domain/identifiers.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, STREETS, TOWNS } from './names.js';
import { Random } from './random.js';

const NICKNAMES: Record<string, string[]> = {
  Oliver: ['Ollie'], George: ['Georgie'], Harry: ['Haz'], Thomas: ['Tom', 'Tommy'], Jacob: ['Jake'], Joshua: ['Josh'],
  Daniel: ['Dan', 'Danny'], James: ['Jim', 'Jamie'], Stephen: ['Steve'], Isabella: ['Bella', 'Izzy'], Jessica: ['Jess'],
  Rebecca: ['Becky'], Samuel: ['Sam'], Matthew: ['Matt'], Michael: ['Mike', 'Mick'], Elizabeth: ['Liz', 'Beth'],
  Charlotte: ['Lottie'], Nicola: ['Nicky'], Emily: ['Em'], Alexander: ['Alex'], Christopher: ['Chris'], William: ['Will', 'Bill'],
  Robert: ['Rob', 'Bob'], Richard: ['Rich', 'Rick'], Benjamin: ['Ben'], Katherine: ['Kate', 'Katie'], Margaret: ['Maggie'],
};

const EXTRA_GIVEN = ['Aaliyah', 'Adam', 'Amara', 'Ayaan', 'Bilal', 'Charlie', 'Chloe', 'Darcy', 'Eliza', 'Ethan', 'Evie', 'Harriet', 'Hamza', 'Ibrahim', 'Jade', 'Kian', 'Layla', 'Lucas', 'Maya', 'Mason', 'Nadia', 'Noah', 'Phoebe', 'Reuben', 'Ruby', 'Sofia', 'Tyler', 'Yusuf', 'Zainab', 'Alexander', 'Christopher', 'Elizabeth', 'Katherine', 'Margaret', 'William', 'Robert', 'Richard', 'Benjamin', 'Charlotte', 'Stephen', 'Rebecca', 'Samuel', 'Matthew'];
const EXTRA_FAMILY = ['Abbott', 'Akhtar', 'Atkinson', 'Barker', 'Bibi', 'Booth', 'Bradley', 'Chapman', 'Dawson', 'Dixon', 'Ellis', 'Fisher', 'Foster', 'Gibson', 'Graham', 'Holmes', 'Iqbal', 'Jenkins', 'Kaur', 'Knight', 'Lawrence', 'Marshall', 'Mahmood', 'Nwosu', 'Owen', 'Palmer', 'Pearson', 'Rahman', 'Reid', 'Riley', 'Saunders', 'Sharma', 'Stevens', 'Sutton', 'Tanner', 'Wallace', 'Webb', 'Wells', 'Yilmaz', 'Zielinski'];

// A realistic spread of names and places for large synthetic registers: a head of common names, then a long tail
// of invented surnames and towns, drawn with a Zipf-like weighting (a few names are common, most are rare).
const PREFIXES = ['Ash', 'Black', 'Brad', 'Bright', 'Brook', 'Clay', 'Cole', 'Dun', 'Fair', 'Farn', 'Fox', 'Gold', 'Green', 'Hard', 'Hart', 'Hay', 'Holl', 'Kings', 'Lang', 'Lind', 'Marsh', 'Mill', 'Moor', 'New', 'Nor', 'Oak', 'Pen', 'Rad', 'Red', 'Ros', 'Rye', 'Sand', 'Shel', 'Staf', 'Stan', 'Thorn', 'Wake', 'Wal', 'West', 'Whit', 'Wood', 'Wor', 'Ald', 'Bram', 'Carl', 'Dal', 'Elm', 'Fern'];
const SUFFIXES = ['bury', 'by', 'combe', 'den', 'don', 'field', 'ford', 'gate', 'ham', 'hurst', 'ington', 'land', 'ley', 'low', 'man', 'more', 'ridge', 'stead', 'ton', 'well', 'wick', 'worth', 'wood', 'dale', 'er', 'ing', 'ett', 'ard', 'son', 'kins'];
const TAIL_SURNAMES = PREFIXES.flatMap((p) => SUFFIXES.map((s) => p + s));
const SURNAMES = [...new Set([...FAMILY, ...EXTRA_FAMILY, ...TAIL_SURNAMES])];
const GIVEN_POOL_F = [...new Set([...GIVEN_FEMALE, 'Abigail', 'Alice', 'Amber', 'Anna', 'Bethany', 'Caitlin', 'Clara', 'Daisy', 'Eden', 'Elsie', 'Erin', 'Esme', 'Florence', 'Georgia', 'Hannah', 'Heidi', 'Imogen', 'Iris', 'Jasmine', 'Julia', 'Lara', 'Leah', 'Lucy', 'Matilda', 'Megan', 'Millie', 'Molly', 'Naomi', 'Niamh', 'Paige', 'Penelope', 'Rosa', 'Scarlett', 'Sienna', 'Sophie', 'Summer', 'Tilly', 'Violet', 'Zoe', 'Ayesha', 'Hafsa', 'Maryam', 'Sana', 'Oluwaseun', 'Adaeze', 'Magdalena', 'Zofia', 'Ioana', 'Elena', 'Priya', 'Anjali', 'Mei', 'Yasmin', 'Khadija', 'Eilidh', 'Bronwen', 'Catrin'])];
const GIVEN_POOL_M = [...new Set([...GIVEN_MALE, 'Albert', 'Alfie', 'Austin', 'Bobby', 'Caleb', 'Dexter', 'Dylan', 'Edward', 'Elliot', 'Felix', 'Frankie', 'Gabriel', 'Hugo', 'Jake', 'Jenson', 'Jude', 'Leon', 'Lewis', 'Louis', 'Max', 'Nathan', 'Owen', 'Reggie', 'Riley', 'Rory', 'Ronnie', 'Sebastian', 'Stanley', 'Teddy', 'Toby', 'Tommy', 'Zachary', 'Hassan', 'Omar', 'Zain', 'Ayaan', 'Rayyan', 'Chukwuemeka', 'Tunde', 'Kofi', 'Jakub', 'Mateusz', 'Andrei', 'Ionut', 'Arjun', 'Rohan', 'Wei', 'Jun', 'Cai', 'Rhys', 'Gethin', 'Ruairi', 'Cormac'])];
const PLACE_PARTS = ['Ash', 'Brook', 'Bramble', 'Castle', 'Church', 'Clay', 'Cold', 'Cross', 'East', 'Elm', 'Fern', 'Glen', 'Great', 'High', 'Kings', 'Little', 'Long', 'Lower', 'Market', 'Mill', 'Moor', 'Nether', 'New', 'North', 'Old', 'Queens', 'South', 'Stone', 'Upper', 'West'];
const PLACE_ENDS = ['bridge', 'brook', 'bury', 'combe', 'field', 'ford', 'gate', 'ham', 'hill', 'holme', 'ley', 'mouth', 'stead', 'thorpe', 'ton', 'wich', 'worth'];
const PLACES = [...TOWNS, ...PLACE_PARTS.flatMap((p) => PLACE_ENDS.map((e) => `${p}${e}`))];

/**
 * Picks from a list with Zipf-like weights 1/(rank + k): the first entries are common, the later ones rare. With
 * k = 20 over ~1,400 surnames the commonest has about 1% of people, as Smith does in England.
 */
function zipf<T>(items: readonly T[], random: Random, k = 20): T {
  const n = items.length;
  // Inverse transform of the density 1/(x + k) over [0, n).
  const x = k * ((n + k) / k) ** random.next() - k;
  return items[Math.min(n - 1, Math.max(0, Math.floor(x)))]!;
}

function typo(word: string, random: Random): string {
  if (word.length < 3) return word;
  const i = random.int(1, word.length - 2);
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1); // deletion
    case 1:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // transposition
    case 2:
      return word.slice(0, i) + String.fromCharCode(97 + random.int(0, 25)) + word.slice(i + 1); // substitution
    default:
      return word.slice(0, i) + word[i] + word.slice(i); // doubled letter
  }
}

export interface SyntheticPerson {
  id: string;
  fields: PersonFields;
}

function syntheticNhs(random: Random): string {
  for (;;) {
    const n = nhsNumberFromNine(String(random.int(100_000_000, 999_999_999)));
    if (n) return n;
  }
}

/** An original record for a synthetic person. Postcodes use invented "F?" areas that are not real. */
export function syntheticPerson(random: Random, index: number): SyntheticPerson {
  const female = random.chance(0.5);
  const given = random.chance(0.9) ? zipf(female ? GIVEN_POOL_F : GIVEN_POOL_M, random, 10) : random.pick(EXTRA_GIVEN);
  const family = zipf(SURNAMES, random);
  const year = random.int(1935, 2025);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const area = random.pick(['FM', 'FN', 'FP', 'FR', 'FS']);
  const postcode = `${area}${random.int(1, 99)} ${random.int(0, 9)}${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))}`;
  return {
    id: `p${index}`,
    fields: {
      givenNames: [given],
      familyNames: [family],
      dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      gender: female ? 'female' : 'male',
      postcode,
      streetNumber: String(random.int(1, 250)),
      street: random.pick(STREETS),
      locality: zipf(PLACES, random),
      identifiers: random.chance(0.8) ? { nhs_number: syntheticNhs(random) } : {},
    },
  };
}

/** Another agency's record of the same person, with the errors real records have. */
export function variantOf(original: PersonFields, random: Random): PersonFields {
  const f: PersonFields = { ...original, identifiers: { ...(original.identifiers ?? {}) } };
  let given = f.givenNames?.[0] ?? '';
  let family = f.familyNames?.[0] ?? '';
  const roll = random.next();
  if (roll < 0.15 && NICKNAMES[given]) given = random.pick(NICKNAMES[given]!);
  else if (roll < 0.3) given = typo(given, random);
  else if (roll < 0.33) given = given.slice(0, 1);
  else if (roll < 0.36) given = '';
  const froll = random.next();
  if (froll < 0.12) family = typo(family, random);
  else if (froll < 0.16 && f.gender === 'female') family = zipf(SURNAMES, random); // a new surname
  else if (froll < 0.18) family = `${family}-${zipf(SURNAMES, random)}`;
  else if (froll < 0.2) family = '';
  if (random.chance(0.02)) [given, family] = [family, given];
  f.givenNames = [given];
  f.familyNames = [family];
  const dob = f.dateOfBirth ?? '';
  const droll = random.next();
  if (dob && droll < 0.04) f.dateOfBirth = `${dob.slice(0, 4)}-${dob.slice(8, 10)}-${dob.slice(5, 7)}`; // day and month swapped
  else if (dob && droll < 0.1) {
    const digits = dob.replace(/-/g, '').split('');
    const i = random.pick([3, 6, 7]);
    digits[i] = String((Number(digits[i]) + random.int(1, 8)) % 10);
    const d = digits.join('');
    f.dateOfBirth = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  } else if (dob && droll < 0.12) {
    f.dateOfBirth = `${Number(dob.slice(0, 4)) + random.int(-1, 1)}-07-01`;
    f.dobEstimated = true;
  } else if (droll < 0.15) f.dateOfBirth = null;
  const aroll = random.next();
  if (aroll < 0.15) {
    // Moved house.
    f.postcode = `${(f.postcode ?? 'FM1 1AA').slice(0, 2)}${random.int(1, 99)} ${random.int(0, 9)}AB`;
    f.streetNumber = String(random.int(1, 250));
    f.street = random.pick(STREETS);
  } else if (aroll < 0.2 && f.postcode) f.postcode = typo(f.postcode.replace(' ', ''), random);
  else if (aroll < 0.3) {
    f.postcode = null;
    f.street = null;
    f.streetNumber = null;
  }
  if (random.chance(0.4)) f.identifiers = {};
  else if (f.identifiers?.nhs_number && random.chance(0.02)) f.identifiers = { nhs_number: typo(f.identifiers.nhs_number, random) };
  if (random.chance(0.05)) f.gender = null;
  return f;
}

/**
 * `count` records: originals, and for about `duplicateShare` of them one to three variants. Returns the records
 * (shuffled) and, for each, the id of the person it is.
 */
export function syntheticRegister(count: number, options: { seed?: number; duplicateShare?: number } = {}): { fields: PersonFields[]; truth: string[] } {
  const random = new Random(options.seed ?? 7);
  const share = options.duplicateShare ?? 0.2;
  const fields: PersonFields[] = [];
  const truth: string[] = [];
  let person = 0;
  while (fields.length < count) {
    const p = syntheticPerson(random, person);
    person += 1;
    fields.push(p.fields);
    truth.push(p.id);
    // Relatives at the same address: different people who share a surname, an address and sometimes a birthday
    // (twins). The engine must keep them apart.
    if (random.chance(0.3)) {
      const relatives = random.int(1, 3);
      for (let r = 0; r < relatives && fields.length < count; r += 1) {
        const relative = syntheticPerson(random, person);
        person += 1;
        const twin = random.chance(0.05);
        fields.push({
          ...relative.fields,
          familyNames: random.chance(0.85) ? p.fields.familyNames : relative.fields.familyNames,
          postcode: p.fields.postcode,
          streetNumber: p.fields.streetNumber,
          street: p.fields.street,
          locality: p.fields.locality,
          ...(twin ? { dateOfBirth: p.fields.dateOfBirth } : {}),
        });
        truth.push(relative.id);
      }
    }
    if (random.chance(share)) {
      const copies = random.weighted([[1, 6], [2, 3], [3, 1]] as const);
      for (let c = 0; c < copies && fields.length < count; c += 1) {
        fields.push(variantOf(p.fields, random));
        truth.push(p.id);
      }
    }
  }
  // Shuffle so duplicates are not next to their originals.
  for (let i = fields.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
    [truth[i], truth[j]] = [truth[j]!, truth[i]!];
  }
  return { fields, truth };
}

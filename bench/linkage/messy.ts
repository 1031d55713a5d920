/**
 * A heavily corrupted synthetic UK person file with known truth, for benchmarking record linkage (deduplication).
 * Every value is invented: names drawn from pools of common given names and invented or common surnames, invented
 * towns, postcodes in areas that do not exist (FM, FN, FP, FR, FS, FT, FV, FW), emails at example.org / .net.
 *
 * Each true person gets 1..15 records (about 35% one record, mean near 3). A person's first record is mostly clean;
 * every later record is corrupted independently: nicknames, middle names, typos, titles glued into names, swapped
 * fields, a maiden or married surname, dates of birth with swapped, transposed or wrong digits, a previous postcode.
 * Hard negatives are built in: households (siblings, twins, a junior and senior with the same first name, parents
 * and children) sharing a surname and a postcode, neighbours sharing a postcode, many people with common names, and
 * people who share a birthday.
 *
 * Deterministic: the same (people, seed) gives the same file. Values are lower case except postcodes, as in many
 * benchmark files; empty string means missing.
 */
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, TOWNS } from '../../src/db/seed/names.js';
import { Random } from '../../src/db/seed/random.js';
import { csvCell } from '../../src/platform/csv.js';

export interface MessyRow {
  unique_id: string;
  first_name: string;
  surname: string;
  dob: string;
  birth_place: string;
  postcode: string;
  gender: string;
  occupation: string;
  email: string;
}

/** The CSV header order. */
export const MESSY_COLUMNS = ['unique_id', 'first_name', 'surname', 'dob', 'birth_place', 'postcode', 'gender', 'occupation', 'email'] as const;

/** The rows as CSV with a header; with `cluster`, a `cluster` column (the truth) follows `unique_id`. */
export function messyCsv(rows: readonly MessyRow[], cluster?: readonly string[]): string {
  const header: string[] = [...MESSY_COLUMNS];
  if (cluster) header.splice(1, 0, 'cluster');
  const lines = [header.join(',')];
  rows.forEach((row, i) => {
    const cells: string[] = MESSY_COLUMNS.map((c) => csvCell(row[c]));
    if (cluster) cells.splice(1, 0, csvCell(cluster[i] ?? ''));
    lines.push(cells.join(','));
  });
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Pools. Each list is ordered roughly from common to rare: picks are Zipf-like, so the head is common and the
// tail long.

const words = (s: string): string[] => s.trim().split(/\s+/);
const uniq = (xs: readonly string[]): string[] => [...new Set(xs.map((x) => x.toLowerCase()))];

/** A fixed shuffle (independent of the caller's seed), so invented tails are not in alphabetical order. */
function fixedShuffle<T>(xs: T[], seed: number): T[] {
  const r = new Random(seed);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

interface NamePools {
  /** Names mostly given before about 1960. */
  classic: string[];
  /** About 1960–1990. */
  mid: string[];
  /** About 1990 on. */
  modern: string[];
  /** Names from the UK's many communities (South Asian, Muslim, African, Caribbean, Eastern European, Chinese, Irish, Welsh…). */
  community: string[];
  /** Common middle names. */
  middle: string[];
}

const MALE: NamePools = {
  classic: uniq(
    words(`john david michael peter robert william james brian alan anthony richard kenneth george thomas ronald keith
      colin raymond derek barry roger terence trevor graham malcolm geoffrey frank arthur harold albert ernest frederick
      edward dennis leslie norman stanley gordon douglas donald eric roy philip martin ian gerald patrick francis joseph
      charles henry samuel alfred sidney reginald herbert percy wilfred cecil lawrence vincent maurice gilbert hugh ivor
      glyn hamish angus alistair duncan fergus desmond lionel rodney adrian jeremy clifford leonard bernard cyril howard
      walter ralph victor nigel clive harry jack jim`),
  ),
  mid: uniq(
    words(`mark paul david andrew richard stephen darren lee wayne craig gary jason dean scott stuart carl shaun neil
      matthew christopher daniel michael james adam simon martin jonathan robert anthony steven ian kevin jamie ryan gavin
      ross barry russell damian glen marcus nathan leon dominic philip sean liam kirk terry nicholas timothy jeremy julian
      justin antony gareth rhys aled dale mitchell warren grant jeffrey elliott`),
  ),
  modern: uniq([
    ...words(`oliver george noah arthur muhammad leo harry oscar archie henry jack charlie thomas jacob alfie theodore
      freddie finley isaac joshua daniel james liam callum connor kyle jamie lewis dylan ethan mason logan lucas alexander
      max toby reuben riley tyler jake luke nathan adam samuel benjamin william joseph edward sebastian elijah teddy tommy
      jenson ronnie reggie albie louie rory hugo felix jude harrison bobby frankie ollie zachary kai ezra elliot rhys
      kian jayden brandon declan aaron cameron jordan bradley kieran matthew christopher michael david owen gabriel caleb
      dexter austin stanley louis leon`),
    ...GIVEN_MALE,
  ]),
  community: uniq(
    words(`muhammad mohammed ahmed ali hassan hussain ibrahim yusuf omar bilal hamza imran asif tariq zain ayaan rayyan
      abdul amir faisal kamran shahid usman zubair adnan arjun rohan ravi sanjay vikram rajesh anil amit deepak harpreet
      gurpreet jaswinder kuldeep manjit sukhdev kwame kofi kwabena tunde oluwaseun chukwuemeka emeka chidi obinna femi
      babajide abdi abdirahman mohamed jakub tomasz mateusz piotr krzysztof pawel marek andrei ionut florin mihai
      alexandru wei jun hao ming mehmet mustafa emre kemal darius dimitri nikos cormac ruairi padraig cian oisin gethin
      emyr delroy winston leroy errol marlon tyrone abdullah idris junaid saqib waqar nadeem rizwan shoaib aziz`),
  ),
  middle: uniq(words(`john james david michael william thomas george edward lee paul alexander robert peter anthony charles
    joseph henry richard arthur mark andrew christopher jack daniel francis patrick`)),
};

const FEMALE: NamePools = {
  classic: uniq(
    words(`mary margaret patricia susan linda elizabeth barbara jean janet christine carol joan dorothy joyce pamela sandra
      valerie brenda sheila maureen doreen irene june hilda edna ethel mavis gladys elsie florence hazel pauline ann anne
      jennifer shirley rita jacqueline gillian marion kathleen eileen gwendoline beryl sylvia vera rose lilian violet
      winifred muriel freda audrey betty catherine helen alison deborah julie karen wendy diane lesley angela caroline
      frances judith rosemary heather marjorie phyllis olive iris enid constance nora bridget agnes`),
  ),
  mid: uniq(
    words(`sarah emma claire nicola lisa michelle kelly rachel amanda joanne louise helen samantha laura gemma donna
      natalie victoria rebecca leanne stacey hayley kerry danielle jennifer katherine lindsay zoe kirsty charlotte lucy
      jodie tracey dawn tina sharon julie karen alison suzanne joanna melanie catherine kim nicole vicky jane elaine
      carly kate sally lorraine tanya debbie andrea fiona jill`),
  ),
  modern: uniq([
    ...words(`olivia amelia isla ava mia ivy lily isabella rosie sophia grace freya willow emily ella poppy evie sienna
      chloe jessica ruby sophie millie daisy lola phoebe scarlett matilda harper esme florence alice maisie erin megan
      holly ellie lucy hannah molly eliza imogen niamh aria layla elsie harriet abigail bethany caitlin amber paige
      jasmine leah summer tilly violet penelope georgia eva thea emilia mila luna ada orla darcy eleanor charlotte
      isabelle heidi beatrice nancy edith`),
    ...GIVEN_FEMALE,
  ]),
  community: uniq(
    words(`fatima aisha maryam zara zainab amina khadija hafsa sana ayesha yasmin nadia samira noor iqra saima shabana
      nasreen rukhsana bushra tahmina farzana priya anjali pooja sunita meena deepa kavita neha harpreet gurpreet simran
      manpreet jaspreet amandeep chidinma ngozi adaeze chioma funmilayo abimbola yetunde folasade ama akosua efua abena
      hodan fadumo ayan agnieszka magdalena zofia katarzyna joanna anna ewa ioana elena maria andreea mei ling xin yan
      ayse elif zeynep siobhan aoife niamh saoirse roisin bronwen catrin eilidh morag shanice tanisha marcia beverley
      precious blessing comfort grace halima sumaya`),
  ),
  middle: uniq(words(`louise jane ann marie elizabeth rose mae grace victoria anne louisa may jayne michelle margaret
    catherine mary claire emma alice lily hope`)),
};

/** Short forms and spelling variants a given name is written as: the formal name, then its forms. */
const SHORT_FORMS = new Map<string, string[]>(
  `john jon johnny jack|david dave davie|michael mike mick micky|peter pete|robert rob bob bobby robbie|william will bill billy liam
  |james jim jimmy jamie|anthony tony antony|richard rich rick dick richie|christopher chris kit|stephen steve steven|kenneth ken kenny
  |thomas tom tommy|ronald ron ronnie|raymond ray|terence terry|frederick fred freddie|edward ed eddie ted teddy|leslie les|norman norm
  |douglas doug dougie|donald don|philip phil phillip|andrew andy drew|nigel nige|victor vic|leonard len lenny|bernard bernie|gerald gerry
  |patrick pat paddy|francis frank|joseph joe joey|charles charlie chas|henry harry hal|samuel sam sammy|alfred alf alfie|sidney sid
  |reginald reg reggie|herbert bert herb|lawrence larry laurie laurence|vincent vince|maurice mo|alistair ali alastair|jeremy jez
  |timothy tim timmy|nicholas nick nicky|jonathan jon jonny|matthew matt matty|daniel dan danny|benjamin ben benji|alexander alex alec sandy
  |oliver ollie olly|theodore theo ted teddy|joshua josh|jacob jake|zachary zach zak|nathan nate nat|stuart stu stewart|dominic dom
  |sebastian seb|harrison harry|frederick fred|gareth gaz|darren daz|barry baz|shaun shawn sean|steven steve stephen|geoffrey geoff jeff
  |graham graeme|callum calum cal|lewis louis|louis lewis louie|muhammad mohammed mohammad mohamed muhammed mohd|mohammed muhammad mohd mo
  |mohamed mohammed muhammad|ibrahim ebrahim|yusuf yousef yusif|abdul abdool|oluwaseun seun|babajide jide|chukwuemeka emeka
  |obinna obi|femi olufemi|tomasz tomek tom|mateusz mati|piotr peter|pawel paul|jakub kuba jacob|krzysztof krzys chris|alexandru alex
  |andrei andy|dimitri dimitris|hamza hamzah|usman osman|mustafa mostafa|padraig patrick|ruairi rory
  |margaret maggie meg peggy margo|elizabeth liz lizzie beth betty eliza libby|patricia pat trish tricia|susan sue susie|barbara barb babs
  |jennifer jen jenny|christine chris chrissie tina|catherine cathy kate katie kath katherine kathryn|katherine kate katie kathy catherine
  |deborah debbie debs debra|pamela pam|sandra sandy|valerie val|dorothy dot dotty|kathleen kath kathy|gillian gill jill|jacqueline jackie jacqui
  |judith judy|frances fran|rosemary rose rosie|angela angie|caroline caz carol|victoria vicky vikki tori|rebecca becky becca bex
  |samantha sam sammy|nicola nicky nikki|joanne jo joanna|rachel rach|amanda mandy|natalie nat nathalie|danielle dani|stacey stacy
  |hayley haley|kirsty kirstie|charlotte lottie charlie|jessica jess jessie|isabella bella izzy isabelle|olivia liv livvy|amelia millie amy
  |emily em emmy|eleanor ellie nora|florence flo florrie|matilda tilly|harriet hattie|abigail abbie abby|sophie sophia|sophia sophie
  |georgia george|penelope penny|imogen immy|evie eve|megan meg|zainab zaynab|fatima fatimah|aisha ayesha|ayesha aisha|maryam mariam
  |khadija khadijah|katarzyna kasia kate|agnieszka aga agnes|magdalena magda|zofia zosia sophie|ioana joanna|andreea andrea|siobhan shiv
  |jane janey jayne|ann anne annie|anne ann annie|mary molly mae|helen nell helena|louise lou louisa|sarah sara sally|gemma jemma|kerry keri
  |leanne lee-anne|tracey tracy|julie jules|lesley lesley|joan joanie|jean jeanie|irene rene|doreen dot|winifred winnie|gwendoline gwen`
    .split('|')
    .map((line) => {
      const [name, ...forms] = words(line);
      return [name!, forms.filter((f) => f !== name)] as const;
    }),
);

const COMMON_SURNAMES = uniq([
  ...words(`smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright walker
    white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward morris moore clark
    lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young griffiths mitchell
    kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis
    adams singh begum wilkinson foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen palmer
    holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed
    fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west
    lawrence cole atkinson bradley spencer gill dawson ball burton o'brien watts rose booth perry ryan grant wells
    armstrong francis rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods
    parsons berry stone reid holland hawkins harding porter robertson newton oliver reed kennedy williamson bird gardner
    shah dean lane cooke bates henderson parry burgess bishop walton burns nicholson shepherd ross cross long freeman
    warren nicholls hamilton byrne sutton mcdonald yates hodgson robson curtis hopkins o'connor harper coleman watkins moss
    mccarthy chambers o'neill griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace jordan hutchinson
    rowe burke may pritchard gilbert willis higgins read miles stevenson hammond arnold buckley walters hewitt barber
    nelson slater austin sullivan whitehead mann frost lambert blake akhtar lynch goodwin barton woodward iqbal rahman
    islam uddin miah mahmood bibi chaudhry butt malik sharma kumar sandhu dhillon sidhu bains okafor okeke mensah adeyemi
    adebayo owusu boateng osei asante mohamed hassan abdi farah nowak kowalski wisniewski wojcik kaminski lewandowski
    popescu ionescu popa chen wang zhang liu wong nguyen tran yilmaz demir kaya o'sullivan macdonald stewart fraser
    mackenzie morrison thomson paterson mclean docherty quinn mcgregor nwosu okonkwo achterberg`),
  ...FAMILY,
]);

const SURNAME_HEADS = words(`ash black brad bright brook clay cole dun fair farn fox gold hard hart hay holl kings lang lind
  marsh mill moor nor oak pen rad red ros rye sand shel staf stan thorn wake wal whit wor ald bram carl dal elm fern gar hol
  kel lod mar ock pid quen rus sel tad ull ven wes yar cram`);
const SURNAME_TAILS = words(`bury by combe den don field ford gate ham hurst ington land ley low man more ridge stead ton
  well wick worth wood dale er ing ett ard son kins`);

/** About 1,500 surnames: the common ones first, then an invented long tail. */
const SURNAMES: string[] = (() => {
  const common = new Set(COMMON_SURNAMES);
  const tail = fixedShuffle(
    SURNAME_HEADS.flatMap((h) => SURNAME_TAILS.map((t) => h + t)).filter((s) => !common.has(s)),
    101,
  );
  return [...COMMON_SURNAMES, ...tail.slice(0, Math.max(0, 1500 - COMMON_SURNAMES.length))];
})();

/** About 300 invented towns; the borough's own towns (names.ts) first, so they are the commonest birth places. */
const TOWN_POOL: string[] = (() => {
  const heads = words(`bramble brindle cinder crow ember fallow fern gorse heron holly kestrel lark linnet marl moss nettle
    otter pike quill raven rook rush sedge sorrel tansy thistle wren yarrow alder rowan hazel cobble flint slate tarn`);
  const tails = words(`by combe dale field ford gate ham holme hurst ley mere moor stead stow thorpe thwaite ton well wick worth`);
  const plain = fixedShuffle(heads.flatMap((h) => tails.map((t) => h + t)), 202);
  const base = plain.slice(0, 260);
  const extra = plain.slice(260, 300).map((t, i) => {
    switch (i % 5) {
      case 0:
        return `upper ${t}`;
      case 1:
        return `little ${t}`;
      case 2:
        return `${t} on the wold`;
      case 3:
        return `north ${t}`;
      default:
        return `${t} st mary`;
    }
  });
  return uniq([...TOWNS, ...fixedShuffle([...base, ...extra], 303)]);
})();

/** Working occupations, commonest first, each with the other ways it gets written. */
const OCCUPATIONS: readonly { name: string; synonyms: string[] }[] = `care worker|carer|care assistant|support worker
  shop assistant|retail assistant|sales assistant|shop worker
  teacher|school teacher|primary teacher|secondary school teacher
  nurse|staff nurse|registered nurse
  cleaner|domestic cleaner|cleaning operative
  warehouse operative|warehouse worker|picker packer
  delivery driver|van driver|courier
  administrator|admin assistant|office administrator|admin
  labourer|general labourer|builder
  self employed|self-employed
  factory worker|production operative|machine operator
  chef|cook|kitchen worker
  customer service advisor|call centre operator|customer services
  lorry driver|hgv driver|truck driver
  taxi driver|cab driver|private hire driver
  teaching assistant|classroom assistant|ta
  mechanic|motor mechanic|vehicle technician
  hairdresser|hair stylist|stylist
  electrician|electrical contractor|sparky
  plumber|plumbing and heating engineer|heating engineer
  bar staff|bartender|barmaid|barman
  waiter|waiting staff|waitress
  receptionist|front of house|medical receptionist
  nursery nurse|nursery worker|childcare worker
  security guard|security officer|door supervisor
  painter and decorator|decorator|painter
  carpenter|joiner
  bus driver|bus operator
  kitchen porter|kp|pot washer
  accountant|bookkeeper|chartered accountant
  police officer|police constable|pc
  social worker|social care worker
  engineer|design engineer|mechanical engineer
  software developer|programmer|software engineer
  it technician|it support|it support technician
  manager|store manager|shift manager
  office manager|practice manager
  civil servant|government officer
  council officer|local government officer|council worker
  doctor|gp|general practitioner
  dentist|dental surgeon
  dental nurse|dental assistant
  pharmacist|chemist
  paramedic|ambulance technician
  midwife|community midwife
  firefighter|fireman|fire officer
  soldier|armed forces|army
  postal worker|postman|royal mail
  farmer|farm worker|agricultural worker
  gardener|landscaper|groundsman
  bricklayer|brickie
  roofer|roofing contractor
  plasterer|dry liner
  welder|fabricator|welder fabricator
  scaffolder
  estate agent|lettings agent
  sales representative|sales rep|sales executive
  bank clerk|bank cashier
  clerk|office clerk|clerical assistant
  solicitor|lawyer
  librarian|library assistant
  lecturer|university lecturer
  beautician|beauty therapist
  nail technician|nail tech
  fitness instructor|personal trainer
  youth worker|youth support worker
  housing officer|housing support officer
  probation officer|probation service officer
  prison officer|custody officer
  optician|optometrist
  architect
  surveyor|quantity surveyor
  train driver|train operator
  butcher
  baker|bakery worker
  journalist|reporter
  photographer
  musician|music teacher
  artist|illustrator
  vicar|minister|clergy
  pilot|airline pilot
  cashier|checkout operator
  porter|hospital porter`
  .split('\n')
  .map((line) => {
    const [name, ...synonyms] = line.trim().split('|');
    return { name: name!, synonyms };
  });

/** What people outside work get written as, with their other ways of writing it. */
const NOT_WORKING: Record<string, string[]> = {
  retired: ['pensioner', 'retired'],
  unemployed: ['jobseeker', 'not working', 'unemployed'],
  homemaker: ['housewife', 'home maker', 'full time mum'],
  student: ['university student', 'college student'],
  'full time carer': ['carer', 'unpaid carer'],
};

const AREAS = ['FM', 'FN', 'FP', 'FR', 'FS', 'FT', 'FV', 'FW'];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const EMAIL_DOMAINS = ['example.org', 'example.net'];
const REFERENCE_YEAR = 2025;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

/** Zipf-like pick, density 1/(rank + k): the first items common, the rest a long tail. Smaller k, steeper head. */
function zipf<T>(items: readonly T[], r: Random, k: number): T {
  const n = items.length;
  const x = k * ((n + k) / k) ** r.next() - k;
  return items[Math.min(n - 1, Math.max(0, Math.floor(x)))]!;
}

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_POS = new Map<string, [number, number]>();
KEY_ROWS.forEach((row, y) => [...row].forEach((c, x) => KEY_POS.set(c, [y, x])));

/** A letter next to `c` on a keyboard. */
function nearKey(c: string, r: Random): string {
  const pos = KEY_POS.get(c);
  if (!pos) return String.fromCharCode(97 + r.int(0, 25));
  const [y, x] = pos;
  const near: string[] = [];
  for (const [dy, dx] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, 0], [1, -1]] as const) {
    const ch = KEY_ROWS[y + dy]?.[x + dx];
    if (ch) near.push(ch);
  }
  return r.pick(near);
}

/** Spellings people mix up: [from, to]. */
const SOUNDS: readonly (readonly [string, string])[] = [
  ['ph', 'f'], ['f', 'ph'], ['ck', 'k'], ['c', 'k'], ['k', 'c'], ['ie', 'y'], ['y', 'ie'], ['ou', 'ow'], ['ee', 'ea'],
  ['ea', 'ee'], ['th', 't'], ['mm', 'm'], ['nn', 'n'], ['ll', 'l'], ['l', 'll'], ['ss', 's'], ['tt', 't'], ['i', 'y'],
  ['y', 'i'], ['z', 's'], ['s', 'z'], ['ey', 'y'], ['son', 'sen'], ['mac', 'mc'], ['mc', 'mac'], ['ai', 'ay'],
  ['oo', 'u'], ['ar', 'er'], ['er', 'ar'], ['ine', 'ene'], ['ah', 'a'], ['a', 'ah'], ['ei', 'ie'], ['ie', 'ei'],
];

/** One keying or spelling error: a dropped, swapped, wrong (next key), doubled letter, or a sound-alike spelling. */
function typo(word: string, r: Random): string {
  const letters: number[] = [];
  for (let i = 0; i < word.length; i++) if (word[i]! >= 'a' && word[i]! <= 'z') letters.push(i);
  if (letters.length < 2) return word;
  for (let attempt = 0; attempt < 6; attempt++) {
    const kind = r.weighted([['drop', 25], ['swap', 20], ['key', 22], ['double', 13], ['sound', 20]] as const);
    // Errors are rarer in the first letter: people get the start of a name right.
    const i = letters.length > 2 && r.chance(0.9) ? letters[r.int(1, letters.length - 1)]! : letters[r.int(0, letters.length - 1)]!;
    let out = word;
    if (kind === 'drop') out = word.slice(0, i) + word.slice(i + 1);
    else if (kind === 'swap' && i + 1 < word.length) out = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    else if (kind === 'key') out = word.slice(0, i) + nearKey(word[i]!, r) + word.slice(i + 1);
    else if (kind === 'double') out = word.slice(0, i + 1) + word.slice(i);
    else if (kind === 'sound') {
      const found = SOUNDS.filter(([from]) => word.indexOf(from, 1) > 0);
      if (found.length) {
        const [from, to] = r.pick(found);
        const at = word.indexOf(from, 1);
        out = word.slice(0, at) + to + word.slice(at + from.length);
      }
    }
    if (out !== word && out.trim()) return out;
  }
  return word;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number): string => `${y}-${pad2(m)}-${pad2(d)}`;

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= REFERENCE_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** A date from its eight digits (YYYYMMDD), or null when not a real date. */
function fromDigits(digits: string): string | null {
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  return validDate(y, m, d) ? isoDate(y, m, d) : null;
}

type DobError = 'swap' | 'transpose' | 'digit' | 'year';

/** A date of birth written wrongly (always still a real date), by the kind of error asked for. */
function dobWith(kind: DobError, y: number, m: number, d: number, r: Random): string {
  const digits = `${y}${pad2(m)}${pad2(d)}`;
  if (kind === 'swap' && d <= 12 && d !== m) return isoDate(y, d, m);
  if (kind === 'swap' || kind === 'transpose') {
    // Adjacent digits within the year's last two, the month or the day.
    const pairs = [2, 4, 6].filter((i) => digits[i] !== digits[i + 1]);
    while (pairs.length) {
      const i = pairs.splice(r.int(0, pairs.length - 1), 1)[0]!;
      const out = fromDigits(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
      if (out) return out;
    }
  }
  if (kind !== 'year') {
    for (let attempt = 0; attempt < 10; attempt++) {
      const i = r.weighted([[3, 4], [2, 1], [7, 3], [6, 1], [5, 2]] as const);
      const wrong = (Number(digits[i]) + r.int(1, 9)) % 10;
      const out = fromDigits(digits.slice(0, i) + wrong + digits.slice(i + 1));
      if (out) return out;
    }
  }
  let shift = r.chance(0.7) ? r.pick([-1, 1]) : r.pick([-10, 10]);
  if (y + shift > REFERENCE_YEAR) shift = -shift;
  const year = y + shift;
  return isoDate(year, m, Math.min(d, daysIn(year, m)));
}

function randomPostcode(r: Random): string {
  const area = zipf(AREAS, r, 3);
  const district = zipf(Array.from({ length: 40 }, (_, i) => i + 1), r, 8);
  return `${area}${district} ${r.int(0, 9)}${UNIT_LETTERS[r.int(0, UNIT_LETTERS.length - 1)]}${UNIT_LETTERS[r.int(0, UNIT_LETTERS.length - 1)]}`;
}

/** One character of a postcode mistyped: a digit for a digit, a letter for a letter, sometimes O/0, I/1, S/5. */
function postcodeTypo(pc: string, r: Random): string {
  const confusable: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B' };
  for (let attempt = 0; attempt < 6; attempt++) {
    const i = r.int(0, pc.length - 1);
    const c = pc[i]!;
    if (c === ' ') continue;
    let to: string;
    if (confusable[c] && r.chance(0.25)) to = confusable[c]!;
    else if (c >= '0' && c <= '9') to = String((Number(c) + r.int(1, 9)) % 10);
    else to = nearKey(c.toLowerCase(), r).toUpperCase();
    if (to !== c) return pc.slice(0, i) + to + pc.slice(i + 1);
  }
  return pc;
}

// ---------------------------------------------------------------------------------------------------------------
// People.

type Sex = 'male' | 'female';

interface Person {
  id: string;
  sex: Sex;
  first: string;
  middle: string;
  surname: string;
  /** A maiden, married or double-barrelled surname some records use (adult women), else empty. */
  altSurname: string;
  year: number;
  month: number;
  day: number;
  birthPlace: string;
  postcode: string;
  /** An earlier address some records still carry, else empty. */
  prevPostcode: string;
  occupation: string;
  email: string;
  /** "jr" or "snr" for a junior or senior with the same first name in the household. */
  ordinal: string;
}

interface PersonSpec {
  sex?: Sex;
  year: number;
  month?: number;
  day?: number;
  first?: string;
  surname?: string;
  home?: string;
  prev?: string;
  birthPlace?: string;
  /** First names not to use (siblings differ). */
  avoid?: ReadonlySet<string>;
  /** Prefer a first name with this initial (twins, sometimes). */
  initial?: string;
  ordinal?: string;
}

class Generator {
  private readonly postcodes: string[];
  private next = 0;
  constructor(
    readonly r: Random,
    people: number,
  ) {
    // About one postcode for every two people, so unrelated neighbours share postcodes as they do in life.
    this.postcodes = Array.from({ length: Math.max(64, Math.ceil(people * 0.5)) }, () => randomPostcode(r));
  }

  home(): string {
    return this.r.pick(this.postcodes);
  }

  /** An earlier address for about 45% of households. */
  previous(): string {
    return this.r.chance(0.45) ? this.home() : '';
  }

  birthPlace(): string {
    return zipf(TOWN_POOL, this.r, 6);
  }

  surname(): string {
    return zipf(SURNAMES, this.r, 20);
  }

  /** A birth year 1930–2024, fewer of the oldest. */
  year(min = 1930, max = 2024): number {
    for (;;) {
      const y = this.r.int(min, max);
      if (y >= 1955 || this.r.chance(0.55) || min >= 1955) return y;
    }
  }

  given(sex: Sex, year: number, avoid?: ReadonlySet<string>, initial?: string): string {
    const r = this.r;
    const pools = sex === 'male' ? MALE : FEMALE;
    const era =
      year < 1960
        ? ([[pools.classic, 82], [pools.mid, 5], [pools.community, 13]] as const)
        : year < 1985
          ? ([[pools.classic, 25], [pools.mid, 58], [pools.modern, 2], [pools.community, 15]] as const)
          : year < 2000
            ? ([[pools.classic, 5], [pools.mid, 45], [pools.modern, 30], [pools.community, 20]] as const)
            : ([[pools.classic, 3], [pools.mid, 7], [pools.modern, 68], [pools.community, 22]] as const);
    let name = '';
    for (let attempt = 0; attempt < 40; attempt++) {
      name = zipf(r.weighted(era), r, 5);
      if (avoid?.has(name)) continue;
      if (initial && attempt < 30 && name[0] !== initial) continue;
      return name;
    }
    return name;
  }

  middle(sex: Sex, year: number, first: string): string {
    if (!this.r.chance(0.6)) return '';
    for (let attempt = 0; attempt < 10; attempt++) {
      const pools = sex === 'male' ? MALE : FEMALE;
      const m = this.r.chance(0.5) ? zipf(pools.middle, this.r, 4) : this.given(sex, year);
      if (m !== first) return m;
    }
    return '';
  }

  occupation(year: number): string {
    const r = this.r;
    const age = REFERENCE_YEAR - year;
    if (age < 5) return r.weighted([['child', 6], ['', 4]] as const);
    if (age < 16) return r.weighted([['pupil', 6], ['child', 2], ['', 2]] as const);
    if (age < 22 && r.chance(0.55)) return 'student';
    if (age >= 68 && r.chance(0.8)) return 'retired';
    if (age >= 60 && r.chance(0.3)) return 'retired';
    const other = r.next();
    if (other < 0.06) return 'unemployed';
    if (other < 0.09) return 'homemaker';
    if (other < 0.11) return 'full time carer';
    return zipf(OCCUPATIONS, r, 6).name;
  }

  email(first: string, surname: string, year: number): string {
    const r = this.r;
    const f = first.replace(/[^a-z]/g, '');
    const s = surname.replace(/[^a-z]/g, '');
    if (!f || !s) return '';
    const local = r.weighted([[`${f}.${s}`, 5], [`${f}${s}`, 2], [`${f}_${s}`, 1], [`${f[0]}.${s}`, 2], [`${s}.${f}`, 1], [`${f}${s[0]}`, 1]] as const);
    const digits = r.weighted([[String(r.int(1, 99)), 4], [pad2(year % 100), 3], [String(r.int(100, 999)), 1], ['', 2]] as const);
    return `${local}${digits}@${r.pick(EMAIL_DOMAINS)}`;
  }

  person(spec: PersonSpec): Person {
    const r = this.r;
    const sex = spec.sex ?? (r.chance(0.5) ? 'female' : 'male');
    const year = spec.year;
    const month = spec.month ?? r.int(1, 12);
    const day = spec.day ?? r.int(1, daysIn(year, month));
    const first = spec.first ?? this.given(sex, year, spec.avoid, spec.initial);
    const surname = spec.surname ?? this.surname();
    const age = REFERENCE_YEAR - year;
    let altSurname = '';
    if (sex === 'female' && age >= 20) {
      const other = this.surname();
      altSurname = other === surname ? '' : r.weighted([[other, 7], [`${surname}-${other}`, 2], [`${other}-${surname}`, 1]] as const);
    }
    return {
      id: `p${this.next++}`,
      sex,
      first,
      middle: this.middle(sex, year, first),
      surname,
      altSurname,
      year,
      month,
      day,
      birthPlace: spec.birthPlace ?? this.birthPlace(),
      postcode: spec.home ?? this.home(),
      prevPostcode: spec.prev ?? this.previous(),
      occupation: this.occupation(year),
      email: age >= 13 && r.chance(0.45) ? this.email(first, surname, year) : '',
      ordinal: spec.ordinal ?? '',
    };
  }
}

type GroupKind = 'single' | 'siblings' | 'twins' | 'juniorSenior' | 'family';

/** Weights per group, about (share of people) / (mean group size): 70% live alone, 30% with relatives. */
const GROUP_KINDS: readonly (readonly [GroupKind, number])[] = [
  ['single', 0.7],
  ['siblings', 0.1 / 2.5],
  ['twins', 0.03 / 2],
  ['juniorSenior', 0.05 / 2.3],
  ['family', 0.12 / 3.6],
];

/** A household: people sharing a surname and a postcode (and often a birth place and an earlier address). */
function group(g: Generator, kind: GroupKind): Person[] {
  const r = g.r;
  if (kind === 'single') return [g.person({ year: g.year() })];
  const surname = g.surname();
  const home = g.home();
  const prev = g.previous();
  const place = g.birthPlace();
  const shared = { surname, home, prev };
  const out: Person[] = [];
  const names = new Set<string>();
  const add = (p: Person): Person => {
    names.add(p.first);
    out.push(p);
    return p;
  };
  const parentOf = (childYear: number): Person =>
    add(g.person({ ...shared, year: Math.max(1930, childYear - r.int(20, 40)), birthPlace: r.chance(0.4) ? place : undefined, avoid: names }));

  switch (kind) {
    case 'siblings': {
      const n = r.weighted([[2, 60], [3, 30], [4, 10]] as const);
      const gaps = Array.from({ length: n - 1 }, () => r.int(1, 10));
      let year = g.year(1930, 2024 - gaps.reduce((a, b) => a + b, 0));
      for (let i = 0; i < n; i++) {
        add(g.person({ ...shared, year, birthPlace: r.chance(0.7) ? place : undefined, avoid: names }));
        year += gaps[i] ?? 0;
      }
      break;
    }
    case 'twins': {
      const year = g.year();
      const month = r.int(1, 12);
      const day = r.int(1, daysIn(year, month));
      const sexes = r.weighted([[['male', 'male'], 35], [['female', 'female'], 35], [['male', 'female'], 30]] as const);
      const a = add(g.person({ ...shared, year, month, day, sex: sexes[0], birthPlace: place }));
      add(g.person({ ...shared, year, month, day, sex: sexes[1], birthPlace: place, avoid: names, initial: r.chance(0.3) ? a.first[0] : undefined }));
      if (year >= 1975 && r.chance(0.4)) parentOf(year);
      break;
    }
    case 'juniorSenior': {
      const sex: Sex = r.chance(0.88) ? 'male' : 'female';
      const seniorYear = g.year(1935, 2024 - 25);
      const juniorYear = Math.min(2024, seniorYear + r.int(25, 35));
      const senior = add(g.person({ ...shared, sex, year: seniorYear, birthPlace: r.chance(0.5) ? place : undefined, ordinal: 'snr' }));
      const junior = add(g.person({ ...shared, sex, year: juniorYear, first: senior.first, birthPlace: place, ordinal: 'jr' }));
      if (senior.middle && r.chance(0.3)) junior.middle = senior.middle; // named entirely after the parent
      if (r.chance(0.35)) add(g.person({ ...shared, sex: sex === 'male' ? 'female' : 'male', year: seniorYear + r.int(-6, 6), avoid: names }));
      break;
    }
    case 'family': {
      const children = r.weighted([[1, 30], [2, 40], [3, 20], [4, 10]] as const);
      const gaps = Array.from({ length: children - 1 }, () => r.int(1, 8));
      const firstChild = g.year(1955, 2024 - gaps.reduce((a, b) => a + b, 0));
      parentOf(firstChild);
      if (r.chance(0.6)) {
        const other = out[0]!;
        add(g.person({ ...shared, sex: other.sex === 'male' ? 'female' : 'male', year: Math.max(1930, other.year + r.int(-6, 6)), avoid: names }));
      }
      const parentEmail = out.find((p) => p.email)?.email ?? '';
      let year = firstChild;
      for (let i = 0; i < children; i++) {
        const child = add(g.person({ ...shared, year, birthPlace: r.chance(0.6) ? place : undefined, avoid: names }));
        // Schools and clinics often hold a parent's email for a child: the same email, a different person.
        if (!child.email && parentEmail && REFERENCE_YEAR - year < 16 && r.chance(0.3)) child.email = parentEmail;
        year += gaps[i] ?? 0;
      }
      break;
    }
  }
  return out;
}

/** Records per person: about 35% one, most 2–8, a few up to 15 (mean about 2.9). */
const RECORD_COUNTS: readonly (readonly [number, number])[] = [
  [1, 35], [2, 22], [3, 15], [4, 9], [5, 6], [6, 4], [7, 3], [8, 2],
  [9, 1], [10, 0.8], [11, 0.6], [12, 0.5], [13, 0.4], [14, 0.4], [15, 0.3],
];

const TITLES_MALE = ['mr', 'mr', 'mr', 'dr', 'rev', 'sir', 'lord'];
const TITLES_FEMALE = ['mrs', 'mrs', 'miss', 'miss', 'ms', 'dr', 'rev', 'lady'];
const TITLE_ONLY_MALE = ['sir', 'lord', 'mr', 'dr', 'rev'];
const TITLE_ONLY_FEMALE = ['lady', 'mrs', 'miss', 'ms', 'dr'];
const TITLES_BOY = ['master', 'mr'];
const TITLES_GIRL = ['miss'];
const ORDINALS = ['2nd', 'jr', 'snr', 'iii', 'jnr', 'ii'];

/** Titles a person gets written with: children are "master" or "miss", not "lord". */
function titlesFor(p: Person, only: boolean): readonly string[] {
  if (REFERENCE_YEAR - p.year < 16) return p.sex === 'male' ? TITLES_BOY : TITLES_GIRL;
  if (p.sex === 'male') return only ? TITLE_ONLY_MALE : TITLES_MALE;
  return only ? TITLE_ONLY_FEMALE : TITLES_FEMALE;
}

function glue(title: string, name: string, before: boolean, r: Random): string {
  if (!name) return title;
  const sep = r.weighted([[' ', 8], ['. ', 1], ['', 1]] as const);
  return before ? `${title}${sep}${name}` : `${name}${sep === '. ' ? ' ' : sep}${title}`;
}

/** A person's first record: mostly clean, sometimes with one field missing. */
function cleanRecord(p: Person, r: Random): MessyRow {
  const row: MessyRow = {
    unique_id: '',
    first_name: p.first,
    surname: p.surname,
    dob: isoDate(p.year, p.month, p.day),
    birth_place: p.birthPlace,
    postcode: p.postcode,
    gender: p.sex,
    occupation: r.chance(0.12) ? '' : p.occupation,
    email: r.chance(0.5) ? '' : p.email,
  };
  if (r.chance(0.25)) {
    const field = r.weighted([['birth_place', 4], ['postcode', 2], ['dob', 1], ['gender', 2], ['occupation', 3]] as const);
    row[field] = '';
  }
  return row;
}

/** Another record of the same person, corrupted the ways real records are. */
function messyRecord(p: Person, r: Random): MessyRow {
  // First name.
  let first = p.first;
  const fr = r.next();
  const short = SHORT_FORMS.get(p.first);
  if (fr < 0.15) first = short ? r.pick(short) : p.first;
  else if (fr < 0.25) first = p.middle || p.first;
  else if (fr < 0.3) first = p.middle ? `${p.first} ${p.middle}` : p.first;
  else if (fr < 0.4) first = typo(p.first, r);
  else if (fr < 0.45) first = '';
  else if (fr < 0.48) first = p.first[0]!;

  // Surname; 4% of records get a surname typo and a date of birth error together.
  const both = r.chance(0.04);
  let surname = p.surname;
  const sr = r.next();
  if (both || sr < 0.12) surname = typo(p.surname, r);
  else if (sr < 0.19) surname = '';
  else if (sr < 0.27) surname = p.altSurname || p.surname;
  else if (sr < 0.32) {
    first = `${first || p.first} ${p.surname}`;
    surname = '';
  } else if (sr < 0.36) [first, surname] = [surname, first || p.first];

  // Titles, honorifics and ordinals glued into the names.
  const tr = r.next();
  if (tr < 0.02) first = r.pick(titlesFor(p, true));
  else if (tr < 0.08 || (p.ordinal && tr < 0.25)) {
    const ordinal = p.ordinal && r.chance(0.8) ? p.ordinal : r.chance(0.35) ? r.pick(ORDINALS) : '';
    if (ordinal) {
      if (surname && r.chance(0.75)) surname = glue(ordinal, surname, false, r);
      else first = glue(ordinal, first, false, r);
    } else {
      const title = r.pick(titlesFor(p, false));
      if (first || !surname || r.chance(0.8)) first = glue(title, first, true, r);
      else surname = glue(title, surname, true, r);
    }
  }

  // Date of birth.
  let dob = isoDate(p.year, p.month, p.day);
  const kinds: DobError[] = ['swap', 'transpose', 'digit', 'year'];
  if (both) dob = dobWith(r.weighted(kinds.map((k, i) => [k, [5, 5, 6, 4][i]!] as const)), p.year, p.month, p.day, r);
  else {
    const dr = r.next();
    if (dr < 0.08) dob = '';
    else if (dr < 0.13) dob = dobWith('swap', p.year, p.month, p.day, r);
    else if (dr < 0.18) dob = dobWith('transpose', p.year, p.month, p.day, r);
    else if (dr < 0.24) dob = dobWith('digit', p.year, p.month, p.day, r);
    else if (dr < 0.28) dob = dobWith('year', p.year, p.month, p.day, r);
  }

  // Postcode: missing, an earlier or later address, a typo, or written without its space.
  let postcode = p.postcode;
  const pr = r.next();
  if (pr < 0.15) postcode = '';
  else if (pr < 0.3) {
    let moved = p.prevPostcode && r.chance(0.7) ? p.prevPostcode : randomPostcode(r);
    if (moved === p.postcode) moved = randomPostcode(r);
    postcode = moved;
  } else if (pr < 0.35) postcode = postcodeTypo(p.postcode, r);
  if (postcode && r.chance(0.03)) postcode = postcode.replace(' ', '');

  const br = r.next();
  const birthPlace = br < 0.2 ? '' : br < 0.27 ? typo(p.birthPlace, r) : p.birthPlace;

  let occupation = p.occupation;
  const or = r.next();
  if (or < 0.3) occupation = '';
  else if (or < 0.4) {
    const synonyms = OCCUPATIONS.find((o) => o.name === p.occupation)?.synonyms ?? NOT_WORKING[p.occupation] ?? [];
    if (synonyms.length) occupation = r.pick(synonyms);
  }

  const gr = r.next();
  const gender = gr < 0.1 ? '' : gr < 0.11 ? (p.sex === 'male' ? 'female' : 'male') : p.sex;

  return { unique_id: '', first_name: first, surname, dob, birth_place: birthPlace, postcode, gender, occupation, email: r.chance(0.5) ? '' : p.email };
}

/**
 * `people` distinct invented persons, each written 1..15 times, corrupted. Returns the rows (shuffled, with
 * unique ids r1, r2, …) and, for each row, the id of the person it is (`truth[i]` for `rows[i]`).
 */
export function messyUk(people: number, seed: number): { rows: MessyRow[]; truth: string[] } {
  const r = new Random(seed);
  const g = new Generator(r, people);
  const rows: MessyRow[] = [];
  const truth: string[] = [];
  let made = 0;
  while (made < people) {
    let members = group(g, r.weighted(GROUP_KINDS));
    if (made + members.length > people) members = members.slice(0, people - made);
    for (const p of members) {
      const n = r.weighted(RECORD_COUNTS);
      rows.push(cleanRecord(p, r));
      truth.push(p.id);
      for (let i = 1; i < n; i++) {
        rows.push(messyRecord(p, r));
        truth.push(p.id);
      }
    }
    made += members.length;
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    [truth[i], truth[j]] = [truth[j]!, truth[i]!];
  }
  rows.forEach((row, i) => (row.unique_id = `r${i + 1}`));
  return { rows, truth };
}

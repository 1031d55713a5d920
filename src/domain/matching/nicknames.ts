/**
 * Common English given names and the short forms and variants they go by. Written for Threshold from general
 * knowledge of English naming (each line: a name and its usual equivalents). Two names are equivalent when they
 * share a line.
 */
const GROUPS: readonly string[] = [
  'alexander alex alec alexandra alexa sandy sasha xander',
  'alfred alf alfie fred freddie',
  'andrew andy drew',
  'anthony tony antony',
  'archibald archie',
  'arthur art artie',
  'barbara barb babs',
  'benjamin ben benny benji',
  'bernard bernie',
  'bradley brad',
  'callum cal calum',
  'catherine kate katie cathy cath kathryn katherine kathy kat kitty caitlin',
  'charles charlie chas chuck chaz',
  'charlotte lottie charlie lotte',
  'christopher chris kit topher',
  'christine chris chrissie christina tina',
  'daniel dan danny',
  'danielle dani',
  'david dave davie davy',
  'deborah debbie deb debra',
  'dominic dom',
  'donald don donny',
  'dorothy dot dotty dolly',
  'douglas doug dougie',
  'edward ed eddie ted teddy ned',
  'edmund ed eddie ned',
  'eleanor ellie nora elle elinor',
  'elizabeth liz lizzie beth betty bet eliza elisabeth libby lisa bess bessie',
  'emily em emmy',
  'emma em emmy',
  'frances fran frankie fanny',
  'francis frank frankie',
  'frederick fred freddie freddy',
  'gabriel gabe',
  'gabrielle gabby gabi',
  'geoffrey geoff jeff jeffrey',
  'gerald gerry jerry',
  'gregory greg',
  'harold harry hal',
  'harriet hattie harry',
  'henry harry hank hal',
  'isabel isabelle isabella izzy bella issy',
  'jacob jake jakob',
  'james jim jimmy jamie jem',
  'jane jenny janey',
  'jennifer jen jenny jenna',
  'jessica jess jessie',
  'joanna jo joanne joan',
  'john jack johnny jon',
  'jonathan jon jonny john',
  'joseph joe joey jo',
  'josephine jo josie',
  'joshua josh',
  'judith judy jude',
  'julia julie jules',
  'katherine kate katie kath kathy kathryn kat',
  'kenneth ken kenny',
  'lawrence laurence larry laurie',
  'leonard leo len lenny',
  'louis lou louie lewis',
  'louise lou lulu louisa',
  'luke lucas',
  'margaret maggie meg peggy marge madge maisie greta',
  'matthew matt matty',
  'michael mike mick mickey micky mikey',
  'michelle shelley michele',
  'nathan nate nat',
  'nathaniel nat nate',
  'nicholas nick nicky nico',
  'nicola nicky nikki nicole',
  'oliver ollie olly',
  'olivia liv livvy ollie',
  'patricia pat patsy trish tricia',
  'patrick pat paddy',
  'peter pete',
  'philip phil pip phillip',
  'rebecca becky becca bex',
  'richard rich rick ricky dick richie',
  'robert rob bob bobby robbie bert',
  'roberta bobbie robbie',
  'ronald ron ronnie',
  'rosemary rose rosie',
  'samantha sam sammy',
  'samuel sam sammy',
  'sarah sara sally sadie',
  'stephen steve stevie steven',
  'susan sue susie suzanne suzy',
  'theodore theo ted teddy',
  'thomas tom tommy',
  'timothy tim timmy',
  'victoria vicky vikki tori',
  'vincent vince vinny',
  'walter walt wally',
  'william will bill billy willie liam wills',
  'zachary zach zak zack',
];

const INDEX = new Map<string, Set<number>>();
GROUPS.forEach((line, i) => {
  for (const name of line.split(' ')) {
    let set = INDEX.get(name);
    if (!set) INDEX.set(name, (set = new Set()));
    set.add(i);
  }
});

/** Whether two (normalised) given names are the same name in another form: "bob" and "robert". */
export function nicknameEquivalent(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = INDEX.get(a);
  if (!ga) return false;
  const gb = INDEX.get(b);
  if (!gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

/** The canonical form (first name of its first group) for blocking: "bob" → "robert". */
export function canonicalGivenName(name: string): string {
  const groups = INDEX.get(name);
  if (!groups) return name;
  const first = Math.min(...groups);
  return GROUPS[first]!.split(' ')[0]!;
}

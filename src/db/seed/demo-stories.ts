/**
 * What the demo's contacts about children say: concerns that fit each child's age, and a short narrative written for
 * the concern and the age of the child it is about, as a referrer would write it. Every narrative is invented: the
 * names are the demo's synthetic people and the only place named is the synthetic borough of Fernmoor.
 *
 * Which concerns fit which ages is the demo's own judgement of what reads true to a practitioner (no exploitation,
 * trafficking, self-harm or radicalisation under 11; nothing about school under 5), not a rule of the service: a
 * practitioner may record any concern about any child, so it lives here and not in `src/domain/`.
 */
import { type LocalDate, ageOn, toDayNumber } from '../../domain/time.js';
import { type Random } from './random.js';

/** The age bands a referral is written for. */
export const AGE_BANDS = ['unborn', '0-4', '5-10', '11-15', '16-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A child's band on a date; null from their 18th birthday (an adult). A date of birth after the date is unborn. */
export function ageBandOn(dateOfBirth: LocalDate, on: LocalDate): AgeBand | null {
  if (dateOfBirth > on) return 'unborn';
  const age = ageOn(dateOfBirth, on);
  return age < 5 ? '0-4' : age < 11 ? '5-10' : age < 16 ? '11-15' : age < 18 ? '16-17' : null;
}

const BORN: readonly AgeBand[] = ['0-4', '5-10', '11-15', '16-17'];
const ALL: readonly AgeBand[] = AGE_BANDS;
const SCHOOL_AGE: readonly AgeBand[] = ['5-10', '11-15', '16-17'];
const OLDER: readonly AgeBand[] = ['11-15', '16-17'];

/** The bands each concern reads true for (the worry is about the child, or about the adults caring for them). */
const CONCERN_BANDS = {
  domestic_abuse: ALL,
  neglect: ALL,
  physical_abuse: BORN,
  emotional_abuse: BORN,
  sexual_abuse: SCHOOL_AGE,
  sexual_exploitation: OLDER,
  criminal_exploitation: OLDER,
  missing: OLDER,
  alcohol_misuse: ALL,
  drug_misuse: ALL,
  mental_health: ALL,
  self_harm: OLDER,
  learning_disability: BORN,
  physical_disability: BORN,
  young_carer: SCHOOL_AGE,
  trafficking: OLDER,
  gangs: OLDER,
  fgm: ['0-4', '5-10', '11-15'],
  faith_abuse: BORN,
  radicalisation: OLDER,
  privately_fostered: ['0-4', '5-10', '11-15'],
  other: ALL,
} satisfies Record<string, readonly AgeBand[]>;

/** The front door's concern codes (`CONCERNS` in the domain's codes; the tests check the two agree). */
export type ConcernCode = keyof typeof CONCERN_BANDS;
export const CONCERN_CODES = Object.keys(CONCERN_BANDS) as ConcernCode[];

/** Whether a concern reads true for a child in this band (FGM only for a girl). */
export function concernFitsChild(concern: string, band: AgeBand, gender: string | null): boolean {
  if (!(concern in CONCERN_BANDS)) return false;
  const bands: readonly AgeBand[] = CONCERN_BANDS[concern as ConcernCode];
  if (concern === 'fgm' && gender !== 'female') return false;
  return bands.includes(band);
}

/** How often each concern is raised at the demo's front door (neglect and domestic abuse most, trafficking rarely). */
export const CONCERN_WEIGHTS: Record<ConcernCode, number> = {
  domestic_abuse: 20,
  neglect: 18,
  physical_abuse: 10,
  emotional_abuse: 10,
  mental_health: 8,
  drug_misuse: 6,
  alcohol_misuse: 5,
  sexual_abuse: 4,
  missing: 3,
  sexual_exploitation: 3,
  criminal_exploitation: 3,
  self_harm: 3,
  other: 3,
  learning_disability: 2,
  physical_disability: 2,
  young_carer: 2,
  gangs: 1,
  fgm: 0.5,
  faith_abuse: 0.5,
  radicalisation: 0.5,
  trafficking: 0.5,
  privately_fostered: 0.5,
};

export interface StoryChild {
  givenName: string;
  gender: string | null;
  dateOfBirth: LocalDate;
}

/** A concern that fits every child named, by the front door's weights (domestic abuse and neglect always fit). */
export function pickConcern(random: Random, children: readonly StoryChild[], on: LocalDate, not: readonly string[] = []): ConcernCode {
  const fits = (Object.entries(CONCERN_WEIGHTS) as [ConcernCode, number][]).filter(
    ([code]) => !not.includes(code) && children.every((c) => { const band = ageBandOn(c.dateOfBirth, on); return band !== null && concernFitsChild(code, band, c.gender); }),
  );
  return fits.length ? random.weighted(fits) : 'other';
}

/**
 * Narratives by concern: each is for the bands listed. `{n}` is the child's given name, `{a}` their age in words,
 * `{he}`/`{him}`/`{his}`/`{himself}` (and capitalised `{He}`/`{His}`) their pronouns.
 */
const NARRATIVES: Record<ConcernCode, readonly (readonly [readonly AgeBand[], string])[]> = {
  domestic_abuse: [
    [['unborn'], 'Mother is about 28 weeks pregnant. Police were called after her partner pushed her against a wall during an argument; she says it has happened before and she is frightened of what he will do when the baby is born.'],
    [['0-4'], 'Police attended a loud argument between the parents at 11pm. {n} ({a}) was asleep upstairs. Mother had a red mark on her cheek and said it was the third time this month.'],
    [['0-4', '5-10'], 'Neighbours called the police after hearing shouting and things being thrown. {n} ({a}) was in the room and was crying when officers arrived.'],
    [['5-10'], '{n} ({a}) told a teaching assistant that Dad pushed Mum over at the weekend and “made her cry”. {He} said {he} hid under the bed.'],
    [['11-15', '16-17'], '{n} ({a}) rang the police during an argument between {his} mother and her partner and stood between them to stop it. {He} says the arguments happen most weekends.'],
    [['11-15', '16-17'], 'Police attended after the mother’s ex-partner came to the house in breach of his bail conditions and threatened her. {n} ({a}) saw it and has since been refusing to leave {his} mother alone.'],
  ],
  neglect: [
    [['unborn'], 'Mother is about 30 weeks pregnant, has missed four antenatal appointments and there is no cot or baby equipment in the flat. Her two older children were subject to a plan in another area.'],
    [['0-4'], 'The health visitor found the flat cold with little food in it. {n} ({a}) had been left in a nappy that had not been changed for some hours and has missed two sets of immunisations.'],
    [['0-4'], '{n} ({a}) has been brought to nursery hungry and in the same clothes most days this month, and {his} weight has dropped across two lines of the growth chart.'],
    [['5-10'], '{n} ({a}) often arrives at school late, hungry and in dirty uniform, and has had untreated head lice for weeks. {His} attendance this term is 84%.'],
    [['5-10'], 'Staff saw {n} ({a}) walking home alone across the main road at 6pm; {he} said no one was in when {he} got home and {he} had not eaten since lunch.'],
    [['11-15'], '{n} ({a}) says there is often no food at home and {he} looks after {himself} most evenings. {His} attendance has fallen to 79% and {he} has had toothache for weeks.'],
    [['16-17'], '{n} ({a}) has been sofa-surfing with friends for two weeks after being told to leave home, and has no money for food.'],
  ],
  physical_abuse: [
    [['0-4'], '{n} ({a}) was seen at the emergency department with bruising behind the ear. The explanation given, a fall from the sofa, does not fit the injury, and {he} is not yet walking.'],
    [['0-4'], 'Nursery staff saw finger-mark bruises on {n}’s upper arms when changing {him}. Mother said {n} ({a}) bruises easily.'],
    [['5-10'], '{n} ({a}) came to school with a bruise on {his} upper arm shaped like a grip mark and said {his} dad “grabbed me hard” when {he} would not go to bed.'],
    [['11-15', '16-17'], '{n} ({a}) told a teacher that {his} stepfather hit {him} with a belt after an argument about {his} phone. There is a mark on {his} back and {he} does not want to go home.'],
  ],
  emotional_abuse: [
    [['0-4'], 'Nursery staff hear mother shouting and swearing at {n} ({a}) at pick-up most days. {He} flinches when adults raise their voices.'],
    [['5-10'], '{n} ({a}) says {his} mum tells {him} {he} is “stupid” and “the reason Dad left”. {He} has become withdrawn in class and has started wetting {himself}.'],
    [['11-15', '16-17'], '{n} ({a}) says {his} parents constantly criticise {him}, have taken {his} phone and stopped {him} seeing friends, and tell {him} no one would miss {him}.'],
  ],
  sexual_abuse: [
    [['5-10'], '{n} ({a}) told a teaching assistant that an adult family friend “plays a secret game” with {him} at bedtime and told {him} not to tell anyone.'],
    [['11-15', '16-17'], '{n} ({a}) told the school nurse that a relative touched {him} when staying over last month. {He} is worried about the relative visiting again at the weekend.'],
  ],
  sexual_exploitation: [
    [['11-15', '16-17'], '{n} ({a}) has been seen getting into cars with older men near the station, has a new phone and clothes {he} cannot explain, and has missed school three times this week.'],
    [['11-15', '16-17'], 'Police found {n} ({a}) at a flat with adult men at 2am. {He} had been drinking and said {he} was given vodka by a man {he} met online.'],
  ],
  criminal_exploitation: [
    [['11-15', '16-17'], '{n} ({a}) was stopped by police in another town with £300 in cash and two phones. {He} says {he} was “doing a favour” for an older friend.'],
    [['11-15', '16-17'], '{n} ({a}) has been missing overnight three times this month and came back with a cut to {his} hand. Staff believe {he} is being used to carry drugs.'],
  ],
  missing: [
    [['11-15', '16-17'], '{n} ({a}) was reported missing overnight after an argument at home and was found by police at a friend’s address the next afternoon.'],
    [['11-15', '16-17'], 'This is the fourth time {n} ({a}) has been reported missing in two months. {He} comes back the next day and will not say where {he} has been.'],
  ],
  alcohol_misuse: [
    [['unborn'], 'Mother is about 24 weeks pregnant and was found drunk in the street by police. She says she drinks most days and has not told the midwife.'],
    [['0-4', '5-10'], 'Police attended after a neighbour reported that both parents were drunk and {n} ({a}) was alone in the front garden at 9pm.'],
    [['5-10'], '{n} ({a}) told a teacher that {he} made {his} own tea again because Mum was “asleep on the sofa with her wine”.'],
    [['11-15', '16-17'], '{n} ({a}) was brought home by police after being found drunk in the park with older young people; {his} father was too drunk himself to look after {him}.'],
  ],
  drug_misuse: [
    [['unborn'], 'Mother is about 20 weeks pregnant and has told the midwife she uses heroin. She is not in touch with the drug service.'],
    [['0-4'], 'The health visitor found cannabis and drug paraphernalia on the floor of the room where {n} ({a}) was playing.'],
    [['0-4', '5-10', '11-15', '16-17'], 'Police searched the home under a warrant and found cannabis plants and scales within reach of {n} ({a}). Both parents were arrested.'],
    [['11-15', '16-17'], '{n} ({a}) has been smelling of cannabis in school and has been sent home twice this term for being under the influence.'],
  ],
  mental_health: [
    [['unborn'], 'Mother, about 32 weeks pregnant, has stopped taking her medication for bipolar disorder and told the midwife she does not want the baby.'],
    [['0-4'], 'Mother has severe postnatal depression and told the GP she has thoughts of harming herself. She is the only carer for {n} ({a}).'],
    [['5-10'], '{n}’s father was detained under the Mental Health Act last week. {n} ({a}) is staying with a neighbour and the school is worried about who is looking after {him}.'],
    [['11-15', '16-17'], '{n} ({a}) has told the school counsellor {he} feels hopeless and has stopped eating properly. {His} parents have not taken up a GP appointment.'],
  ],
  self_harm: [
    [['11-15', '16-17'], '{n} ({a}) showed a friend cuts on {his} forearm. The school nurse has seen them and {n} says {he} has been doing it for months.'],
    [['11-15', '16-17'], '{n} ({a}) was taken to the emergency department after taking an overdose of paracetamol. {He} says it followed weeks of bullying online.'],
  ],
  learning_disability: [
    [['0-4'], '{n} ({a}) has global developmental delay. {His} parents, who have learning difficulties themselves, are struggling to follow the feeding plan and {his} weight is falling.'],
    [['5-10', '11-15'], '{n} ({a}) has a learning disability and is being left alone at home after school. {He} does not understand how to keep {himself} safe.'],
    [['11-15', '16-17'], '{n} ({a}), who has a learning disability, has been befriended online by an adult who has asked to meet {him} alone.'],
  ],
  physical_disability: [
    [['0-4'], '{n} ({a}) has complex medical needs and has missed three hospital appointments. The consultant is worried {his} condition is getting worse.'],
    [['5-10', '11-15', '16-17'], '{n} ({a}) uses a wheelchair and the family’s home is not adapted; {he} is carried up and down the stairs by a brother and has fallen twice.'],
  ],
  young_carer: [
    [['5-10'], '{n} ({a}) is often late for school because {he} helps {his} mother, who has multiple sclerosis, get up and dressed in the morning.'],
    [['11-15', '16-17'], '{n} ({a}) looks after {his} father, who has a long-term illness, and does the shopping and cooking. {He} has missed a lot of school and is exhausted.'],
  ],
  trafficking: [
    [['11-15', '16-17'], '{n} ({a}) arrived in the country recently with an adult who says he is an uncle. {n} has no documents and says {he} owes money for the journey.'],
    [['11-15', '16-17'], 'Police found {n} ({a}) working at a car wash in school hours. {He} sleeps above the premises and does not know {his} address.'],
  ],
  gangs: [
    [['11-15', '16-17'], '{n} ({a}) has been seen with young people linked to a local gang, has posted videos with knives, and was threatened outside school.'],
    [['11-15', '16-17'], '{n}’s family say {he} ({a}) has been beaten up and told {he} owes money to older boys. {He} is frightened to leave the house.'],
  ],
  fgm: [
    [['0-4', '5-10'], 'The midwife recorded that {n}’s mother has had female genital mutilation. The family are planning a long trip abroad this summer and {n} ({a}) would go with them.'],
    [['5-10', '11-15'], '{n} ({a}) told her teacher she is going abroad in the summer for “a special ceremony to become a woman”. Her older cousin has had FGM.'],
  ],
  faith_abuse: [
    [['0-4', '5-10'], 'Relatives say a faith healer has told the family {n} ({a}) is “cursed”, and they are planning a ceremony to “cleanse” {him}.'],
    [['5-10', '11-15', '16-17'], '{n} ({a}) told a teacher that a religious leader has said {he} is possessed, and {his} family have made {him} fast and stay up all night to pray.'],
  ],
  radicalisation: [
    [['11-15', '16-17'], '{n} ({a}) has been sharing extremist material with classmates and talking about “a coming war”. The school has also made a Prevent referral.'],
    [['11-15', '16-17'], '{n}’s parents found {n} ({a}) in online groups that promote violence, and say {he} has become secretive and angry.'],
  ],
  privately_fostered: [
    [['0-4', '5-10', '11-15'], '{n} ({a}) has been living with a family friend for six weeks while {his} mother works abroad. The carer had not told the council about the arrangement.'],
    [['5-10', '11-15'], 'The school found that {n} ({a}) has been staying with a friend’s family for two months; no one had told the council.'],
  ],
  other: [
    [['unborn'], 'Mother is about 26 weeks pregnant and the family are being evicted next week with nowhere to go.'],
    [['0-4', '5-10', '11-15', '16-17'], 'The family are being evicted next week and may have nowhere to stay. The referrer is worried about {n} ({a}) and the other children.'],
    [['0-4', '5-10', '11-15', '16-17'], 'The family have recently moved to Fernmoor, are not registered with a GP, and {n} ({a}) has not been seen by any service since they arrived.'],
  ],
};

/** One more line for a second concern (about the household, so it fits any child). */
const ALSO: Record<ConcernCode, string> = {
  domestic_abuse: 'Police have been called to the address for domestic abuse twice in the last year.',
  neglect: 'The home was also found dirty, with little food in the cupboards.',
  physical_abuse: 'There have been unexplained injuries before.',
  emotional_abuse: 'The referrer has also heard the children being shouted at and belittled.',
  sexual_abuse: 'There are also worries about an adult who visits the home.',
  sexual_exploitation: 'There are also worries about older men contacting {n} online.',
  criminal_exploitation: 'There are also worries that older young people are using {n} to carry drugs.',
  missing: '{n} has also gone missing overnight before.',
  alcohol_misuse: 'The referrer says the adults at home drink heavily most days.',
  drug_misuse: 'The referrer believes the adults at home are using drugs.',
  mental_health: 'Mother’s mental health has been poor since the spring.',
  self_harm: '{n} has also talked about hurting {himself}.',
  learning_disability: '{n} has a learning disability and finds it hard to say what is happening.',
  physical_disability: '{n} has a physical disability and relies on adults for care.',
  young_carer: '{n} also helps care for a parent who is unwell.',
  trafficking: 'There are also doubts about who {n}’s carers are and how {he} came to the country.',
  gangs: 'There are also worries about older young people linked to a gang.',
  fgm: 'The family come from a community where FGM is practised.',
  faith_abuse: 'The family have said the child is “possessed”.',
  radicalisation: 'There are also worries about extremist material seen at home.',
  privately_fostered: 'It is not clear who has parental responsibility for {n} at the moment.',
  other: 'The family are also in rent arrears.',
};

/** A child's age in words, as a referrer writes it: "7 months", "3". */
export function ageInWords(dateOfBirth: LocalDate, on: LocalDate): string {
  const years = ageOn(dateOfBirth, on);
  if (years >= 1) return String(years);
  const months = Math.max(0, Math.floor((toDayNumber(on) - toDayNumber(dateOfBirth)) / 30.44));
  return months <= 1 ? 'a few weeks old' : `${months} months`;
}

/** The narrative with the child's name, age and pronouns (the demo's children all have a recorded gender). */
function fill(text: string, child: StoryChild, on: LocalDate): string {
  const female = child.gender === 'female';
  const male = child.gender === 'male';
  const he = female ? 'she' : male ? 'he' : 'they';
  const words: Record<string, string> = {
    n: child.givenName,
    a: ageInWords(child.dateOfBirth, on),
    he,
    him: female ? 'her' : male ? 'him' : 'them',
    his: female ? 'her' : male ? 'his' : 'their',
    himself: female ? 'herself' : male ? 'himself' : 'themselves',
  };
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const lower = key.toLowerCase();
    const value = words[lower] ?? `{${key}}`;
    return key === lower ? value : value.charAt(0).toUpperCase() + value.slice(1);
  });
}

/** The narratives written for a concern and band (for the tests: every band a concern fits has at least one). */
export function narrativesFor(concern: ConcernCode, band: AgeBand): readonly string[] {
  return NARRATIVES[concern].filter(([bands]) => bands.includes(band)).map(([, text]) => text);
}

/**
 * What the referrer wrote: a narrative for the first concern about the first child named (for their age), a line for
 * a second concern, and the other children named.
 */
export function contactNarrative(random: Random, concerns: readonly ConcernCode[], children: readonly StoryChild[], on: LocalDate): string {
  const child = children[0]!;
  const band = ageBandOn(child.dateOfBirth, on) ?? '16-17';
  const [first, ...rest] = concerns;
  const choices = narrativesFor(first ?? 'other', band);
  const parts = [fill(random.pick(choices.length ? choices : narrativesFor('other', band)), child, on)];
  for (const c of rest) parts.push(fill(ALSO[c], child, on));
  const others = children.slice(1).map((c) => c.givenName);
  if (others.length) parts.push(`${others.join(' and ')} also live${others.length === 1 ? 's' : ''} at home.`);
  return parts.join(' ');
}

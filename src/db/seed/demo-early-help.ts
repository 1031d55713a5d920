/**
 * Demo early help for Fernmoor: a year of families taken on by the council's early help service, contacted and
 * triaged, led by the council's locality team or a partner (a school, health, the voluntary sector), their early
 * help assessments, the team around each family, steps up to children's social care and the closes.
 *
 * Volumes follow the seed board report (`004_7aa2e81ce8b2f59d.txt`, Rotherham LSCB 2017/18, lines 2000-2060): for
 * `scale` 1, 1,011 families taken on in the 365 days up to `now`; 59.7% contacted and engaged within the 3 working
 * day local timescale, 32.5% engaged later, the rest never; 85.3% triaged within 5 working days; early help
 * assessments completed in time 47.2%, late 29.8% (77% completed); 15.9% of completed assessments by partners, two
 * thirds of those by schools (Primary and Secondary schools 67.5%). A tail of families from the three months before
 * the year, so the year's assessments include those begun just before it.
 *
 * The most recent early help decisions at the demo's front door (the last 60 days, one per family) are the
 * episodes the front door's subscriber would have made: linked to their contact, started at the decision, triaged
 * when their triage clock stopped. Their children are the demo's; a later referral about one of them to children's
 * social care is their step up. The other families are made here: children only (aged 0-17 when the episode
 * began), synthetic, with NHS numbers in the 999 range kept for testing and postcodes in the invented FM area.
 * Every date is on a working day, in order, and nothing is after now. Deterministic: a seeded generator of its own.
 *
 * Step downs: when children's social care's demo has run first, each of its assessments with the outcome "early
 * help" gets its episode (stepped down from the referral); otherwise there are none.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgTable } from 'drizzle-orm/pg-core';
import { type Database, asDate, one, rows } from '../client.js';
import { earlyHelpEpisode, person, personAddress, personIdentifier, personName } from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { earlyHelpReference } from '../../domain/early-help.js';
import { nhsNumberFromNine } from '../../domain/identifiers.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { type LocalDate, addDays, fromDayNumber, instantAt, toDayNumber } from '../../domain/time.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_UNITS, STREETS, TOWNS, syntheticPostcode } from './names.js';
import { Random } from './random.js';

export interface EarlyHelpSeedInput {
  tenantId: string;
  /** 'csc', 'health', 'voluntary', 'housing', 'police', 'school:990101', … → agency id. */
  agencyIds: ReadonlyMap<string, string>;
  /** The part before @ of the demo users' emails → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface EarlyHelpSeedSummary {
  episodes: number;
  inYear: number;
  linked: number;
  children: number;
  steppedUp: number;
  steppedDown: number;
}

const SEED = 20_261_215;
const HOUR = 3_600_000;
const MINUTE = 60_000;

// ——— the seed's year ———
const FAMILIES_PER_YEAR = 1011;
const ENGAGED_IN_TIME = 0.597;
const ENGAGED_LATE = 0.325;
const TRIAGED_IN_TIME = 0.853;
/** Of engaged families whose assessment could start: how many start one. */
const EHA_STARTED = 0.97;
const EHA_IN_TIME = 0.472;
const EHA_LATE = 0.298;
/** Of completed assessments, the share by partners; of those, by schools. */
const BY_PARTNERS = 0.159;
const BY_SCHOOLS = 0.675;
const TAIL_DAYS = 95;

const MORE_FAMILY = ['Atkinson', 'Barker', 'Bradley', 'Brooks', 'Butler', 'Chapman', 'Cox', 'Dawson', 'Dixon', 'Ellis', 'Fletcher', 'Foster', 'Gibson', 'Hardy', 'Hartley', 'Holmes', 'Hudson', 'Jenkins', 'Lawson', 'Marsh', 'Mason', 'Mills', 'Naylor', 'Parkin', 'Pearson', 'Platt', 'Rhodes', 'Riley', 'Robson', 'Rowe', 'Sanderson', 'Slater', 'Sutcliffe', 'Swift', 'Sykes', 'Walsh', 'Webster', 'Whitaker', 'Wilkinson', 'Hirst', 'Crossley', 'Haigh', 'Lockwood', 'Firth', 'Greenwood', 'Holroyd', 'Dyson', 'Booth', 'Crowther', 'Beaumont', 'Kaye', 'Shepherd', 'Stead', 'Ramsden', 'Mellor', 'Moorhouse', 'Exley', 'Armitage'];
const MORE_GIVEN_F = ['Ruby', 'Daisy', 'Phoebe', 'Maisie', 'Harper', 'Millie', 'Layla', 'Eliza', 'Matilda', 'Esme', 'Florence', 'Ada', 'Hallie', 'Thea', 'Nancy', 'Bonnie', 'Aria', 'Iris', 'Lola', 'Summer', 'Lacey', 'Courtney', 'Kayleigh', 'Megan', 'Holly', 'Jasmine', 'Niamh', 'Tilly', 'Erin', 'Amber'];
const MORE_GIVEN_M = ['Alfie', 'Reggie', 'Teddy', 'Albie', 'Ronnie', 'Tommy', 'Frankie', 'Louie', 'Stanley', 'Ezra', 'Max', 'Toby', 'Riley', 'Harvey', 'Mason', 'Ethan', 'Logan', 'Dylan', 'Lewis', 'Owen', 'Jayden', 'Tyler', 'Brandon', 'Bailey', 'Kai', 'Reece', 'Jake', 'Rhys', 'Ellis', 'Sonny'];

const TEAM_ROLES: readonly (readonly [string, string, number])[] = [
  ['health', 'Health visitor: development checks, sleep and routines', 3],
  ['health', 'School nurse: emotional health drop-ins', 2],
  ['housing', 'Tenancy support: rent arrears and repairs', 1.5],
  ['voluntary', 'Family support worker: parenting group and home visits', 2.5],
  ['police', 'Neighbourhood officer: anti-social behaviour on the estate', 0.5],
  ['da', 'Domestic abuse outreach worker: support for mum', 0.8],
];

const SUMMARIES = [
  (n: string) => `Strengths: the ${n} family are close and mum is keen to get help. Needs: school attendance has fallen to 84%, mornings are chaotic and the youngest is not sleeping. Plan: school attendance support, a sleep clinic referral, and a parenting course at the family hub; review in six weeks.`,
  (n: string) => `Strengths: the ${n} family’s dad is working again and the children say home feels calmer. Needs: rent arrears after a gap in Universal Credit, and the eldest is anxious about starting secondary school. Plan: tenancy support to agree a repayment plan, a transition mentor at school; review in eight weeks.`,
  (n: string) => `Strengths: the ${n} children have a loving grandmother nearby. Needs: mum has low mood since the birth of the baby and is isolated; the health visitor is worried about feeding. Plan: GP appointment for mum, baby clinic weekly, a befriending volunteer; review in six weeks.`,
  (n: string) => `Strengths: the ${n} family engage well and want things to change. Needs: arguments at home after separation, the children caught in the middle; contact arrangements unclear. Plan: family mediation, school pastoral support for both children, parenting after separation course; review in eight weeks.`,
  (n: string) => `Strengths: good relationship with the school. Needs: the ${n} family’s eldest has had fixed-term exclusions and has been seen with older young people in the evenings. Plan: youth worker sessions, a home-school agreement, mum to join the parents’ group; review in six weeks.`,
];
const VIEWS = [
  'Mum: “I just want mornings to be calmer and for them to be in school on time.” The children said they would like a proper bedtime.',
  'Dad: “We’re doing our best, we just need a bit of breathing space with the money.” The eldest said: “I’m scared about big school.”',
  'Mum: “I feel like I’m on my own with it all.” Grandma said she can help more if someone helps mum get back on her feet.',
  'Mum: “I don’t want them to feel it’s their fault.” The youngest said: “I want to see dad on Saturdays.”',
  'Mum: “He’s a good lad really, he just needs something to do.” He said: “There’s nothing round here for us.”',
];

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts rows in batches, each as one JSON parameter that PostgreSQL unpacks. */
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

interface Family {
  children: string[];
  familyName: string;
  /** The youngest and eldest child's age at the start (for the partner who leads: a primary or secondary school). */
  eldest: number;
  youngest: number;
}

export async function seedEarlyHelpDemo(db: Database, input: EarlyHelpSeedInput): Promise<EarlyHelpSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar, scale, log } = input;
  const none = { episodes: 0, inYear: 0, linked: 0, children: 0, steppedUp: 0, steppedDown: 0 };
  const csc = agencyIds.get('csc');
  if (!csc) {
    log('early help: no children’s services agency, nothing seeded');
    return none;
  }
  const random = new Random(SEED);
  const zone = calendar.timeZone;
  const today = calendar.dateOf(now);
  const latest = now.getTime() - 10 * MINUTE;
  const at = (date: LocalDate, minutes: number) => instantAt(date, minutes, zone);
  /** A time in working hours on the working day `n` working days after an instant's date (0: the same day, later than it). */
  const workingTime = (from: Date, n: number): Date => {
    const date = n === 0 ? calendar.dateOf(from) : calendar.addWorkingDays(calendar.dateOf(from), n);
    const earliest = n === 0 ? Math.max(9 * 60, Math.ceil((from.getTime() - at(date, 0).getTime()) / MINUTE) + 30) : 9 * 60;
    if (earliest > 17 * 60) return workingTime(from, n + 1);
    return at(date, random.int(earliest, Math.max(earliest, 17 * 60)));
  };

  const user = (key: string) => userIds.get(key) ?? null;
  const schools = [...agencyIds.entries()].filter(([k]) => k.startsWith('school:')).map(([k, id]) => ({ urn: k.slice(7), id }));
  const schoolRows = await rows<{ agency_id: string; phase: string }>(db, sql`select agency_id, phase from school where tenant_id = ${tenantId}`);
  const phaseOf = new Map(schoolRows.map((s) => [s.agency_id, s.phase]));
  const schoolFor = (age: number) => {
    const phase = age < 11 ? 'primary' : age < 16 ? 'secondary' : 'sixteen_plus';
    const fits = schools.filter((s) => phaseOf.get(s.id) === phase);
    return random.pick(fits.length ? fits : schools);
  };
  const schoolLead: Record<string, string | null> = { '990101': user('dsl'), '990401': user('dsl2') };
  const partnerAgency = (key: string) => agencyIds.get(key) ?? null;

  // ——— the most recent early help decisions at the front door: the episodes the subscriber would have made ———
  const decided = await rows<{ contact_id: string; decided_at: string; restricted: boolean; children: string[]; family_name: string | null; triage_done: string | null; dobs: string[] }>(
    db,
    sql`select c.id as contact_id, d.decided_at::text, c.restricted,
               array(select s.person_id::text from contact_subject s where s.contact_id = c.id and s.role = 'subject_child' order by s.person_id) as children,
               (select n.family_name from contact_subject s join person_name n on n.person_id = s.person_id and n.is_primary where s.contact_id = c.id and s.role = 'subject_child' limit 1) as family_name,
               (select k.completed_at::text from clock k where k.contact_id = c.id and k.kind = 'early_help_triage') as triage_done,
               array(select p.date_of_birth::text from contact_subject s join person p on p.id = s.person_id where s.contact_id = c.id and s.role = 'subject_child') as dobs
          from contact c join screening_decision d on d.contact_id = c.id and d.authorisation = 'authorised' and d.outcome = 'early_help'
         where c.tenant_id = ${tenantId} and d.decided_at > ${new Date(now.getTime() - 60 * 86_400_000).toISOString()}
           and not exists (select 1 from early_help_episode e where e.contact_id = c.id)
         order by d.decided_at desc`,
  );
  const seenChildren = new Set<string>();
  const linked = decided.filter((d) => {
    if (d.children.length === 0 || d.children.some((c) => seenChildren.has(c))) return false;
    // only children born, and under 18, when the decision was made
    const decidedOn = calendar.dateOf(asDate(d.decided_at));
    if (d.dobs.length !== d.children.length || d.dobs.some((dob) => !dob || dob > decidedOn || addDays(dob, 18 * 365 + 4) <= decidedOn)) return false;
    for (const c of d.children) seenChildren.add(c);
    return true;
  });

  // ——— when families were taken on: working days, in office hours ———
  const inYear = Math.max(20, Math.round(FAMILIES_PER_YEAR * scale));
  const tail = Math.round((inYear * TAIL_DAYS) / 365);
  const starts: { at: Date; linked?: (typeof linked)[number] }[] = linked.map((l) => ({ at: asDate(l.decided_at), linked: l }));
  const pushStarts = (count: number, fromDay: number, toDay: number) => {
    for (let made = 0; made < count; ) {
      const date = addDays(today, -random.int(fromDay, toDay));
      if (!calendar.isWorkingDay(date)) continue;
      const t = at(date, random.int(9 * 60, 16 * 60 + 45));
      if (t.getTime() > latest - 2 * HOUR) continue;
      starts.push({ at: t });
      made += 1;
    }
  };
  pushStarts(Math.max(0, inYear - linked.length), 0, 364);
  pushStarts(tail, 365, 364 + TAIL_DAYS);
  starts.sort((a, b) => a.at.getTime() - b.at.getTime());

  // ——— the families made here ———
  const namesTaken = new Set((await rows<{ name: string }>(db, sql`select lower(given_names || ' ' || family_name) as name from person_name where tenant_id = ${tenantId}`)).map((r) => r.name));
  const personRows: Insert<typeof person>[] = [];
  const nameRows: Insert<typeof personName>[] = [];
  const addressRows: Insert<typeof personAddress>[] = [];
  const identifierRows: Insert<typeof personIdentifier>[] = [];
  const creator = user('early-help') ?? user('screener');
  let nhs = 0;
  const nextNhs = () => {
    for (;;) {
      nhs += 1;
      const n = nhsNumberFromNine(String(999_600_000 + nhs)); // a range of its own: the children's seed uses 999_300_000 on
      if (n) return n;
    }
  };
  const makeFamily = (startedOn: LocalDate): Family => {
    const familyName = random.pick(random.chance(0.5) ? FAMILY : MORE_FAMILY);
    const count = random.weighted([[1, 45], [2, 35], [3, 15], [4, 5]] as const);
    const address = { line1: `${random.int(1, 160)} ${random.pick(STREETS)}`, town: random.pick(TOWNS), postcode: syntheticPostcode(random.int(1, 9), random.int(1, 9), random.pick(POSTCODE_UNITS)) };
    const startN = toDayNumber(startedOn);
    const children: string[] = [];
    const ages: number[] = [];
    for (let c = 0; c < count; c += 1) {
      const female = random.chance(0.5);
      let given = random.pick(female ? [...GIVEN_FEMALE.slice(0, 20), ...MORE_GIVEN_F] : [...GIVEN_MALE.slice(0, 20), ...MORE_GIVEN_M]);
      for (let tries = 0; namesTaken.has(`${given} ${familyName}`.toLowerCase()) && tries < 20; tries += 1) given = random.pick(female ? MORE_GIVEN_F : MORE_GIVEN_M);
      namesTaken.add(`${given} ${familyName}`.toLowerCase());
      const age = random.weighted([[random.int(0, 4), 30], [random.int(5, 10), 35], [random.int(11, 15), 28], [random.int(16, 17), 7]] as const);
      // Born at least a month before the episode began, and under 18 on the day it began.
      const dob = fromDayNumber(startN - age * 365 - random.int(30, 360));
      const id = crypto.randomUUID();
      personRows.push({ id, tenantId, dateOfBirth: dob, dobPrecision: 'exact', gender: female ? 'female' : 'male', ethnicity: random.chance(0.85) ? 'WBRI' : random.pick(['WOTH', 'APKN', 'MWBC', 'BAFR', 'NOBT']), firstLanguage: 'English', createdByAgencyId: csc, createdByUserId: creator, synthetic: true });
      nameRows.push({ tenantId, personId: id, type: 'legal', givenNames: given, familyName, isPrimary: true, searchText: nameSearchText(given, familyName) });
      // At the address since they were born, if the family moved in before then.
      addressRows.push({ tenantId, personId: id, ...address, fromDate: fromDayNumber(Math.max(toDayNumber(dob), startN - random.int(60, 2000))) });
      if (random.chance(0.8)) identifierRows.push({ tenantId, personId: id, type: 'nhs_number', value: nextNhs() });
      children.push(id);
      ages.push(Math.floor((startN - toDayNumber(dob)) / 365.25));
    }
    return { children, familyName, eldest: Math.max(...ages), youngest: Math.min(...ages) };
  };

  // ——— each episode's story ———
  const episodeRows: Insert<typeof earlyHelpEpisode>[] = [];
  const stepUps: { index: number; children: string[]; after: Date }[] = [];
  let refN = Number((await one<{ n: string }>(db, sql`select nextval('early_help_reference_seq')::text as n`))!.n) - 1;
  const happened = (t: Date | null) => (t && t.getTime() <= latest ? t : null);

  for (const s of starts) {
    const startedAt = s.at;
    const family: Family = s.linked
      ? {
          children: s.linked.children,
          familyName: s.linked.family_name ?? 'Family name not known',
          eldest: Math.max(...s.linked.dobs.map((d) => Math.floor((toDayNumber(calendar.dateOf(startedAt)) - toDayNumber(d)) / 365.25))),
          youngest: Math.min(...s.linked.dobs.map((d) => Math.floor((toDayNumber(calendar.dateOf(startedAt)) - toDayNumber(d)) / 365.25))),
        }
      : makeFamily(calendar.dateOf(startedAt));
    const contactDueAt = calendar.workingDaysDeadline(startedAt, 3);
    const triageDueAt = calendar.workingDaysDeadline(startedAt, 5);
    const ehaDueAt = calendar.workingDaysDeadline(startedAt, 30);

    // the family contacted and engaged: in time, late, or never (contacted, not engaged)
    const engagement = random.weighted([['in_time', ENGAGED_IN_TIME], ['late', ENGAGED_LATE], ['never', 1 - ENGAGED_IN_TIME - ENGAGED_LATE]] as const);
    let contactedAt: Date | null;
    let engaged: boolean | null;
    if (engagement === 'in_time') {
      contactedAt = happened(workingTime(startedAt, random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const)));
      if (contactedAt && contactedAt > contactDueAt) contactedAt = new Date(contactDueAt.getTime() - random.int(10, 120) * MINUTE);
      engaged = contactedAt ? true : null;
    } else if (engagement === 'late') {
      contactedAt = happened(workingTime(contactDueAt, random.int(1, 12)));
      engaged = contactedAt ? true : null;
    } else {
      contactedAt = happened(workingTime(startedAt, random.int(1, 3)));
      engaged = contactedAt ? false : null;
    }

    // triage: in time or late; linked episodes when their front-door clock stopped
    let triagedAt: Date | null;
    if (s.linked) triagedAt = s.linked.triage_done ? asDate(s.linked.triage_done) : null;
    else triagedAt = happened(random.chance(TRIAGED_IN_TIME) ? workingTime(startedAt, random.weighted([[0, 2], [1, 3], [2, 3], [3, 2], [4, 1], [5, 1]] as const)) : workingTime(triageDueAt, random.int(1, 8)));
    if (triagedAt && triagedAt <= startedAt) triagedAt = new Date(startedAt.getTime() + random.int(30, 180) * MINUTE);
    if (triagedAt && triagedAt.getTime() > latest) triagedAt = null;

    // who leads: a partner (by the seed's share of assessments completed by partners) or the council's locality team
    let leadAgencyId: string = csc;
    let leadUserId: string | null = null;
    if (triagedAt) {
      if (random.chance(BY_PARTNERS)) {
        if (random.chance(BY_SCHOOLS) && schools.length) {
          const school = schoolFor(family.eldest >= 4 ? family.eldest : Math.max(4, family.eldest));
          leadAgencyId = school.id;
          leadUserId = schoolLead[school.urn] ?? null;
        } else {
          const key = family.youngest < 5 || random.chance(0.6) ? 'health' : 'voluntary';
          leadAgencyId = partnerAgency(key) ?? csc;
          leadUserId = key === 'health' ? user('health') : null;
        }
      } else {
        leadUserId = random.chance(0.3) ? user('early-help') : null;
      }
    }

    // the early help assessment: started once the family is engaged and triaged; completed in time, late or not
    let ehaStartedAt: Date | null = null;
    let ehaCompletedAt: Date | null = null;
    let ehaAgencyId: string | null = null;
    const canStart = engaged === true && contactedAt && triagedAt;
    if (canStart && random.chance(EHA_STARTED)) {
      const after = contactedAt! > triagedAt! ? contactedAt! : triagedAt!;
      ehaStartedAt = happened(workingTime(after, random.int(1, 8)));
      if (ehaStartedAt) {
        const share = random.next();
        if (share < EHA_IN_TIME) {
          const t = workingTime(ehaStartedAt, random.int(3, 18));
          ehaCompletedAt = happened(t > ehaDueAt ? new Date(ehaDueAt.getTime() - random.int(30, 300) * MINUTE) : t);
          if (ehaCompletedAt && ehaCompletedAt <= ehaStartedAt) ehaCompletedAt = null;
        } else if (share < EHA_IN_TIME + EHA_LATE) {
          ehaCompletedAt = happened(workingTime(ehaDueAt, random.int(1, 25)));
        }
        if (ehaCompletedAt) ehaAgencyId = leadAgencyId;
      }
    }

    // the team around the family: those the assessment brought in
    const team: { agencyId: string; role: string }[] = [];
    if (ehaStartedAt) {
      const members = random.weighted([[0, 2], [1, 4], [2, 3], [3, 1]] as const);
      for (let m = 0; m < members; m += 1) {
        const [key, role] = random.weighted(TEAM_ROLES.map(([k, r, w]) => [[k, r] as const, w] as const));
        const agencyId = partnerAgency(key);
        if (agencyId && agencyId !== leadAgencyId && !team.some((x) => x.agencyId === agencyId)) team.push({ agencyId, role });
      }
      if (leadAgencyId === csc && family.eldest >= 5 && schools.length && random.chance(0.5)) {
        const school = schoolFor(family.eldest);
        if (!team.some((x) => x.agencyId === school.id)) team.push({ agencyId: school.id, role: 'Designated safeguarding lead: attendance and pastoral support' });
      }
    }

    // the close: outcomes met after the plan, declined when never engaged, or ended without a completed assessment
    let closedAt: Date | null = null;
    let closureReason: string | null = null;
    if (ehaCompletedAt) {
      closedAt = happened(workingTime(ehaCompletedAt, random.int(30, 110)));
      closureReason = random.weighted([['outcomes_met', 8], ['universal', 2], ['moved_away', 0.5]] as const);
    } else if (engaged === false) {
      closedAt = happened(workingTime(contactedAt!, random.int(8, 20)));
      closureReason = 'family_declined';
    } else if (ehaStartedAt) {
      closedAt = happened(workingTime(ehaDueAt, random.int(26, 40)));
      closureReason = random.weighted([['family_declined', 3], ['moved_away', 1]] as const);
    } else if (engaged === true && triagedAt && !ehaStartedAt) {
      closedAt = happened(workingTime(triagedAt, random.int(15, 30)));
      closureReason = 'universal';
    }

    refN += 1;
    const restricted = s.linked ? s.linked.restricted : random.chance(0.01);
    episodeRows.push({
      tenantId,
      reference: earlyHelpReference(Number(calendar.dateOf(startedAt).slice(0, 4)), refN),
      contactId: s.linked?.contact_id ?? null,
      children: family.children,
      familyName: family.familyName,
      startedAt,
      contactDueAt,
      contactedAt,
      engaged,
      triageDueAt,
      triagedAt,
      leadAgencyId,
      leadUserId,
      ehaStartedAt,
      ehaDueAt: ehaStartedAt ? ehaDueAt : null,
      ehaCompletedAt,
      ehaAgencyId,
      ehaSummary: ehaCompletedAt ? random.pick(SUMMARIES)(family.familyName) : null,
      familyViews: ehaCompletedAt ? random.pick(VIEWS) : null,
      team,
      status: closedAt ? 'closed' : 'open',
      closedAt,
      closureReason: closedAt ? closureReason : null,
      restricted,
      createdAt: startedAt,
    });
    if (s.linked && engaged === true) stepUps.push({ index: episodeRows.length - 1, children: family.children, after: startedAt });
  }

  // ——— steps up: a later referral about one of a linked family's children, while the episode was open ———
  let steppedUp = 0;
  for (const u of stepUps) {
    const e = episodeRows[u.index]!;
    const later = await one<{ id: string; received_at: string }>(
      db,
      sql`select c.id, c.received_at::text from contact c join contact_subject s on s.contact_id = c.id and s.role = 'subject_child'
           join screening_decision d on d.contact_id = c.id and d.outcome in ('referral_csc', 'strategy_discussion')
          where c.tenant_id = ${tenantId} and s.person_id = any(${`{${u.children.join(',')}}`}::uuid[]) and c.received_at > ${new Date(u.after.getTime() + 2 * 86_400_000).toISOString()}
            and c.received_at < ${(e.closedAt ? (e.closedAt as Date) : now).toISOString()}
          order by c.received_at limit 1`,
    );
    if (!later) continue;
    e.steppedUpToContactId = later.id;
    const closeAt = happened(workingTime(asDate(later.received_at), random.int(1, 5)));
    if (closeAt) {
      e.status = 'closed';
      e.closedAt = closeAt;
      e.closureReason = 'stepped_up';
      if (e.ehaCompletedAt && (e.ehaCompletedAt as Date) > closeAt) {
        e.ehaCompletedAt = null;
        e.ehaAgencyId = null;
        e.ehaSummary = null;
        e.familyViews = null;
      }
    }
    steppedUp += 1;
  }

  // ——— an episode closes after everything else on it (or, when that would be after now, is still open) ———
  for (const e of episodeRows) {
    if (!e.closedAt) continue;
    const others = [e.startedAt, e.contactedAt, e.triagedAt, e.ehaStartedAt, e.ehaCompletedAt].filter((x): x is Date => x instanceof Date);
    const last = others.reduce((a, b) => (a > b ? a : b));
    if ((e.closedAt as Date) >= last) continue;
    const closedAt = happened(workingTime(last, random.int(5, 15)));
    e.closedAt = closedAt;
    if (!closedAt) {
      e.status = 'open';
      e.closureReason = null;
    }
  }

  // ——— steps down: children's social care's assessments ending "early help", when its demo has run ———
  const stepDowns = await rows<{ referral_id: string; person_id: string; authorised_at: string; family_name: string | null }>(
    db,
    sql`select a.referral_id, a.person_id, a.authorised_at::text, (select n.family_name from person_name n where n.person_id = a.person_id and n.is_primary limit 1) as family_name
          from child_assessment a join person p on p.id = a.person_id
         where a.tenant_id = ${tenantId} and a.outcome = 'early_help' and a.authorised_at is not null and a.authorised_at <= now()
           and p.date_of_birth <= (a.authorised_at at time zone 'Europe/London')::date and p.date_of_birth + interval '18 years' > (a.authorised_at at time zone 'Europe/London')::date
           and not exists (select 1 from early_help_episode e where e.stepped_down_from_referral_id = a.referral_id)
         order by a.authorised_at`,
  );
  for (const d of stepDowns) {
    const startedAt = asDate(d.authorised_at);
    refN += 1;
    const contactedAt = happened(workingTime(startedAt, random.int(1, 4)));
    const triagedAt = happened(workingTime(startedAt, random.int(0, 4)));
    episodeRows.push({
      tenantId,
      reference: earlyHelpReference(Number(calendar.dateOf(startedAt).slice(0, 4)), refN),
      steppedDownFromReferralId: d.referral_id,
      children: [d.person_id],
      familyName: d.family_name ?? 'Family name not known',
      startedAt,
      contactDueAt: calendar.workingDaysDeadline(startedAt, 3),
      contactedAt,
      engaged: contactedAt ? true : null,
      triageDueAt: calendar.workingDaysDeadline(startedAt, 5),
      triagedAt,
      leadAgencyId: csc,
      leadUserId: triagedAt ? user('early-help') : null,
      team: [],
      status: 'open',
      restricted: false,
      createdAt: startedAt,
    });
  }

  await insertMany(db, person, personRows);
  await insertMany(db, personName, nameRows);
  await insertMany(db, personIdentifier, identifierRows);
  await insertMany(db, personAddress, addressRows);
  await insertMany(db, earlyHelpEpisode, episodeRows);
  await db.execute(sql`select setval('early_help_reference_seq', ${Math.max(refN, 1)})`);
  const summary = { episodes: episodeRows.length, inYear: starts.filter((s) => s.at.getTime() > now.getTime() - 365 * 86_400_000).length, linked: linked.length, children: personRows.length, steppedUp, steppedDown: stepDowns.length };
  log(`early help: ${summary.episodes} episodes (${summary.inYear} in the year, ${summary.linked} from the front door’s decisions), ${summary.children} children, ${steppedUp} stepped up, ${summary.steppedDown} stepped down`);
  return summary;
}

/**
 * Demo domestic abuse activity over the last 13 months, from the demo's own families: police DA notifications
 * (each a contact and a DA case with its people, gradings and DASH), the daily triage (MADA) and its decisions,
 * MARAC (referrals, repeats, fortnightly meetings with research, minutes and actions, and one coming up), the IDVA
 * and commissioned services (caseloads, handovers, risk changes, a waiting list), and Operation Encompass (key
 * adults, the authority's school day and terms, where each child goes to school, and a notification per child).
 *
 * Deterministic: one seeded generator of its own, so the rest of the demo is unchanged by it. Sized by `scale`.
 * Everything is invented; rows are marked synthetic where the table has the column.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgTable } from 'drizzle-orm/pg-core';
import { type Database, one, rows, transaction } from '../client.js';
import {
  contact,
  contactShare,
  contactSubject,
  daAction,
  daCase,
  daPerson,
  daServiceAllocation,
  daServiceCase,
  daServiceRiskChange,
  dashAssessment,
  encompassKeyAdult,
  encompassNotice,
  incident,
  madaDecision,
  madaMeeting,
  maracMeeting,
  maracMeetingAgency,
  maracMinutes,
  maracReferral,
  maracResearch,
  personEducation,
  schoolCalendar,
  screeningDecision,
} from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { currentChecklist, gradeScore } from '../../domain/dash.js';
import {
  type MadaDecision,
  type RiskLevel,
  compareRisk,
  householdRisk,
  incidentsInTwelveMonths,
  isEscalation,
  madaDecisionProblems,
  maracCriteriaMet,
  repeatOf,
} from '../../domain/domestic-abuse.js';
import { SUPPORT_GIVEN, nextSchoolDayStart, routeFor } from '../../domain/encompass.js';
import { personKey } from '../../domain/intake.js';
import { addDays, ageOn, dayOfWeek, fromDayNumber, instantAt, parseLocalDate, toDayNumber, wallTime } from '../../domain/time.js';
import { timescaleDeadline } from '../../domain/timescales.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names.js';
import { Random } from './random.js';

export interface DomesticAbuseSeedInput {
  tenantId: string;
  /** 'csc', 'police', 'da', 'cs', 'health', … and 'school:<urn>' → agency id. */
  agencyIds: Map<string, string>;
  /** The part before @ of the demo users' emails ('screener', 'idva', 'marac', 'dsl', …) → user id. */
  userIds: Map<string, string>;
  people: readonly { id: string; name: string; dob: string; child: boolean; familyIndex: number }[];
  families: readonly { adults: string[]; children: string[] }[];
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

/** This module's own generator seed (the rest of the demo keeps its own sequence). */
const DA_SEED = 20_261_201;
/** Thirteen months of history: a rolling year and the month before it. */
const HISTORY_DAYS = 395;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * MARAC volume. SafeLives recommends about 40 MARAC cases a year per 10,000 women aged 16 and over; the demo's
 * population figure for women 16+ is 108,000 (demo.ts), so a sensible demo MARAC hears about 430 cases a year —
 * the seed report's 436. The demo register holds only a sample of the borough's families (about 400 people), so
 * the MARAC cases that come from the demo's own DA notifications (high risk, escalation and repeats: a few dozen a
 * year) are topped up with referrals about victims who are not on the demo register, as a real MARAC hears cases
 * from every agency in the borough. The rate per 10,000 then comes out near 40, the IDVA service (which takes most
 * MARAC victims) near the seed report's 435 referrals a year, and each fortnightly meeting hears about 17 cases, as
 * a MARAC of that size does. `scale` multiplies the volume with everything else.
 */
const MARAC_CASES_PER_YEAR = 436;
/** Share of MARAC victims referred to the IDVA service. */
const IDVA_SHARE_OF_MARAC = 0.92;
/** Standard and medium risk clients referred to the commissioned service by other routes, a year. */
const COMMISSIONED_OTHER_ROUTES_PER_YEAR = 28;

/** Support a setting records after a notification (codes of the domain's list, the commonest first). */
const SUPPORT_CODES = ['key_adult_check_in', 'key_adult_check_in', 'quiet_space', 'pastoral_support', 'school_counsellor', 'flexibility'].filter((c) => SUPPORT_GIVEN.some((s) => s.code === c));
const SUPPORT_NOTES = [
  'The key adult checked in with the child at the start of the day and will keep watch this week.',
  'Quiet start in the nurture room; the class teacher knows to be flexible about homework this week.',
  'Spoke with the child at break; they chose to carry on as normal. Pastoral lead to check in on Friday.',
];

/** The authority's terms for 2025-26 and 2026-27, as English school terms fall, with INSET days as closures. */
const TERMS = [
  { name: 'Autumn term 2025 (first half)', from: '2025-09-01', to: '2025-10-24' },
  { name: 'Autumn term 2025 (second half)', from: '2025-11-03', to: '2025-12-19' },
  { name: 'Spring term 2026 (first half)', from: '2026-01-05', to: '2026-02-13' },
  { name: 'Spring term 2026 (second half)', from: '2026-02-23', to: '2026-03-27' },
  { name: 'Summer term 2026 (first half)', from: '2026-04-13', to: '2026-05-22' },
  { name: 'Summer term 2026 (second half)', from: '2026-06-01', to: '2026-07-22' },
  { name: 'Autumn term 2026 (first half)', from: '2026-09-01', to: '2026-10-23' },
  { name: 'Autumn term 2026 (second half)', from: '2026-11-02', to: '2026-12-18' },
  { name: 'Spring term 2027 (first half)', from: '2027-01-04', to: '2027-02-12' },
  { name: 'Spring term 2027 (second half)', from: '2027-02-22', to: '2027-03-25' },
  { name: 'Summer term 2027 (first half)', from: '2027-04-12', to: '2027-05-28' },
  { name: 'Summer term 2027 (second half)', from: '2027-06-07', to: '2027-07-21' },
];
const CLOSURES = ['2025-09-01', '2025-09-02', '2026-01-05', '2026-06-01', '2026-09-01', '2027-01-04', '2027-06-07'];
const SCHOOL_DAY_STARTS = '08:45';

const INCIDENT_TYPES: readonly (readonly [string, number])[] = [
  ['physical', 28],
  ['verbal', 30],
  ['coercive_control', 14],
  ['stalking_harassment', 8],
  ['criminal_damage', 8],
  ['breach_of_order', 7],
  ['sexual', 2],
  ['honour_based', 1],
  ['other', 2],
];
const INCIDENT_WORDS: Record<string, string> = {
  physical: 'a physical assault',
  verbal: 'a verbal argument that neighbours reported',
  coercive_control: 'coercive and controlling behaviour disclosed to officers',
  stalking_harassment: 'repeated unwanted contact and following',
  criminal_damage: 'damage to the front door and a phone',
  breach_of_order: 'a breach of bail conditions',
  sexual: 'a sexual assault disclosed to officers',
  honour_based: 'threats from extended family',
  other: 'a disturbance at the address',
};
const PLACES = ['Home address', 'Home address', 'Home address', 'Outside the home address', 'The victim’s address (the alleged perpetrator lives elsewhere)', 'A relative’s address', 'A public place'];
const VOICES = ['Said “I don’t like it when they shout.”', 'Said they were fine and wanted to go to school.', 'Did not want to talk; nodded when asked if they felt safe.', 'Too young to speak; observed by the officer.', 'Said “Mum was crying and I hid upstairs.”', 'Asked whether Dad was going to come back tonight.'];
/** A child's words and demeanour for their age (a baby says nothing; a teenager does not play on the floor). */
const byAge = <T>(age: number, items: readonly T[], fits: (item: T, age: number) => boolean): readonly T[] => {
  const fit = items.filter((item) => fits(item, age));
  return fit.length ? fit : items;
};
const voiceFits = (voice: string, age: number) => (voice.startsWith('Too young') ? age < 3 : voice.includes('school') ? age >= 5 : age >= 3);
const demeanourFits = (demeanour: string, age: number) => (demeanour.startsWith('Playing') || demeanour.startsWith('Clinging') ? age < 11 : demeanour.startsWith('Alert and chatty') ? age >= 3 : true);
const DEMEANOURS = ['Quiet and withdrawn.', 'Playing normally, relaxed with the officer.', 'Clinging to their mother, tearful.', 'Appeared tired and hungry.', 'Alert and chatty.', 'Startled by raised voices; calmed quickly.'];
const LOWER_GRADING_REASONS = [
  'Was staying with their grandparents on the night and does not usually see the abuse; school reports no concerns.',
  'Lives mainly with their father at another address and visits at weekends under a safety plan.',
  'Aged 17 with a trusted adult and a safety plan of their own; not at the address when the abuse happens.',
];
const MADA_REASONS: Record<string, string> = {
  high: 'High risk to the victim; the children live with the risk. MARAC and an IDVA, with children’s services where the children need it.',
  medium: 'Medium risk: support from the commissioned service, with help for the children where they need it.',
  standard: 'Standard risk: information on support offered; partners keep watch for further incidents.',
};
const RESEARCH = [
  'Known: two call-outs to the address in the last year; bail conditions ended in the spring.',
  'Known: victim attended the emergency department with a wrist injury eight months ago.',
  'Known: the children are on a child in need plan; the social worker visits fortnightly.',
  'Known: rent arrears and a request to move; no reports of abuse to the housing officer.',
  'Not known to this agency.',
  'Known: the alleged perpetrator is supervised on licence until next year.',
  'Known: IDVA has been working with the victim since the last incident; safety plan in place.',
];
const MINUTES = [
  'Risks discussed with the agencies present. Police to flag the address for an urgent response; IDVA to review the safety plan with the victim; school to be told through Operation Encompass arrangements.',
  'Victim wants to stay at the address with a non-molestation order. Housing to fit target hardening; police to review bail; health visitor to check in at the next visit.',
  'Repeat case: the last referral was eight months ago. Actions from that meeting were completed. New risk from contact handovers at the school gate: school and police to agree a plan.',
  'Victim has moved to a refuge out of area: IDVA to hand over to the receiving service; police to share information with the receiving force.',
];
const MARAC_ACTIONS: readonly (readonly [string, string])[] = [
  ['police', 'Flag the address for an urgent response and add a warning marker'],
  ['da', 'Review the safety plan with the victim within 5 working days'],
  ['housing', 'Fit target hardening (locks and a door chain) at the address'],
  ['health', 'GP and health visitor to be told of the risk; check in at the next appointment'],
  ['csc', 'Allocated social worker to update the child’s plan with the MARAC actions'],
  ['probation', 'Review licence conditions and consider an exclusion zone'],
  ['police', 'Review bail conditions with the custody sergeant'],
];
const MADA_ACTIONS: readonly (readonly [string, string])[] = [
  ['police', 'Welfare check at the address within 24 hours'],
  ['health', 'Health visitor to visit within 5 working days and ask about safety'],
  ['csc', 'Social worker to see the children at school this week'],
  ['da', 'Commissioned service to make contact with the victim by phone'],
  ['education', 'School to be asked about attendance and how the child presents'],
];
const CLOSURE_REASONS = [
  'Risk reduced: safety plan in place and the victim knows how to get help.',
  'Client did not respond after three attempts to contact; case closed with a letter.',
  'Moved out of area: handed over to the receiving service.',
  'Support complete: the client asked to close.',
];
const HANDOVER_REASONS = ['Keyworker on long-term leave: caseload shared out.', 'Client moved to the north of the borough: the worker covering that area takes over.', 'The client asked for a different worker.'];
const RISK_CHANGE_REASONS = ['New DASH after a further incident.', 'Perpetrator remanded in custody; risk reviewed with the client.', 'Non-molestation order granted and working; risk reviewed.', 'Perpetrator released; risk reviewed with the police.'];
/** Schools a notification can name that are not in Fernmoor (the child then waits for a setting). */
const UNKNOWN_SCHOOLS = ['Riverside Academy', 'St Mary’s RC Primary, Harrowdene', 'Oakfield Free School'];

/** Workers the demo's user list does not have, modelled on one that it does. */
const EXTRA_USERS: readonly { local: string; name: string; like: string; agency: string | null; role: string }[] = [
  { local: 'idva2', name: 'Rowan Advocate', like: 'idva', agency: null, role: 'idva' },
  { local: 'idva3', name: 'Kit Fairweather', like: 'idva', agency: null, role: 'idva' },
  { local: 'outreach', name: 'Noor Outreach', like: 'idva', agency: null, role: 'idva' },
  { local: 'dsl-staidans', name: 'Ellis Warden', like: 'dsl', agency: 'school:990102', role: 'school_dsl' },
  { local: 'dsl-moorside', name: 'Jamie Harcourt', like: 'dsl', agency: 'school:990201', role: 'school_dsl' },
  { local: 'dsl-high', name: 'Sky Pemberton', like: 'dsl', agency: 'school:990202', role: 'school_dsl' },
  { local: 'dsl-nursery', name: 'Robin Meadows', like: 'dsl', agency: 'school:990501', role: 'school_dsl' },
];

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts rows in batches, each as one JSON parameter that PostgreSQL unpacks (`json_populate_recordset`): several
 * times faster than a parameter per value for thousands of rows, on PGlite and on a server alike. Only the columns
 * the rows give are written, so the others take their defaults.
 */
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

function splitName(name: string): { given: string; family: string } {
  const i = name.indexOf(' ');
  return i < 0 ? { given: name, family: name } : { given: name.slice(0, i), family: name.slice(i + 1) };
}

const minDate = (a: Date, b: Date) => (a < b ? a : b);
const nameOf = (p: { given: string; family: string }) => `${p.given} ${p.family}`;

export async function seedDomesticAbuse(db: Database, input: DomesticAbuseSeedInput): Promise<void> {
  const { tenantId, agencyIds, userIds, people, families, now, calendar, scale, log } = input;
  const random = new Random(DA_SEED);
  const today = calendar.dateOf(now);
  const todayN = toDayNumber(today);
  const windowStart = now.getTime() - HISTORY_DAYS * DAY;
  const latest = new Date(now.getTime() - 5 * MINUTE);
  const agency = (key: string): string | null => agencyIds.get(key) ?? null;
  const user = (key: string): string | null => userIds.get(key) ?? null;
  const csc = agency('csc')!;
  const police = agency('police') ?? csc;
  const daService = agency('da') ?? csc;
  const health = agency('health');
  const screener = user('screener');
  const manager = user('manager') ?? screener;
  const policeUser = user('police');
  const maracUser = user('marac');
  const byId = new Map(people.map((p) => [p.id, p]));
  const urnOf = new Map([...agencyIds].filter(([k]) => k.startsWith('school:')).map(([k, v]) => [v, k.slice(7)]));

  // ——— more workers: IDVA colleagues and the commissioned service's outreach worker (so caseloads and handovers
  // have workers), and a designated safeguarding lead for most other schools (so most notices have a key adult to go
  // to; the infant and special schools are left without one, which the Encompass monitor shows). They sign in with
  // the demo password: the hash is copied from the demo user they are modelled on.
  const idva = user('idva');
  const more = new Map<string, string>();
  for (const u of EXTRA_USERS) {
    const like = user(u.like);
    const agencyId = u.agency ? agency(u.agency) : null;
    if (!like || (u.agency && !agencyId)) continue;
    const added = await one<{ id: string }>(
      db,
      sql`insert into app_user (tenant_id, agency_id, team_id, email, display_name, password_hash)
          select u.tenant_id, coalesce(${agencyId}::uuid, u.agency_id), ${agencyId ? null : sql`u.team_id`}, ${u.local} || '@' || split_part(u.email, '@', 2), ${u.name}, u.password_hash
            from app_user u where u.id = ${like}
          on conflict (email) do nothing
          returning id`,
    );
    if (!added) continue;
    await db.execute(sql`insert into role_assignment (tenant_id, user_id, role) values (${tenantId}, ${added.id}, ${u.role}) on conflict do nothing`);
    more.set(u.local, added.id);
  }
  const workers = {
    idva: [idva, more.get('idva2'), more.get('idva3')].filter((x): x is string => !!x),
    outreach: more.get('outreach') ?? idva,
  };
  const pickIdva = () => (workers.idva.length ? random.weighted(workers.idva.map((w, i) => [w, i === 0 ? 45 : 27] as const)) : null);

  // ——— Operation Encompass: the school day, terms, key adults ———
  await db.insert(schoolCalendar).values({ tenantId, agencyId: null, dayStartsAt: SCHOOL_DAY_STARTS, terms: TERMS, closures: CLOSURES, updatedAt: now });
  const keyAdults: [string, string, string | null][] = [
    ['school:990101', 'dsl', 'school-admin'],
    ['school:990401', 'dsl2', 'admin'],
    ['health', 'health', 'admin'],
    ['csc', 'screener', 'admin'],
    ...EXTRA_USERS.filter((u) => u.role === 'school_dsl').map((u) => [u.agency!, u.local, 'admin'] as [string, string, string]),
  ];
  const keyAdultOf = new Map<string, string>();
  const keyAdultRows: Insert<typeof encompassKeyAdult>[] = [];
  for (const [a, u, by] of keyAdults) {
    const agencyId = agency(a);
    const userId = user(u) ?? more.get(u) ?? null;
    if (!agencyId || !userId) continue;
    keyAdultOf.set(agencyId, userId);
    keyAdultRows.push({ tenantId, agencyId, userId, addedByUserId: by ? user(by) : null, addedAt: new Date(windowStart - 30 * DAY) });
  }
  await insertMany(db, encompassKeyAdult, keyAdultRows);

  const schoolRules = { dayStartsAt: SCHOOL_DAY_STARTS, terms: TERMS, closures: CLOSURES };

  // ——— where each demo child goes to school, nursery, or who their health visitor is (by school year) ———
  type Span = { kind: string; agencyId: string | null; from: string; to: string | null };
  const spans = new Map<string, Span[]>();
  const educationRows: Insert<typeof personEducation>[] = [];
  const { year: ty, month: tm } = parseLocalDate(today);
  const academicYear = tm >= 9 ? ty : ty - 1;
  const primary = [agency('school:990101'), agency('school:990102'), agency('school:990103')];
  const secondary = [agency('school:990201'), agency('school:990202')];
  const special = agency('school:990301');
  const sixth = agency('school:990401');
  const nursery = agency('school:990501');
  for (const p of people) {
    if (!p.child) continue;
    const dob = parseLocalDate(p.dob);
    // Reception is the September after the fourth birthday (children born September to August share a year).
    const reception = dob.year + 4 + (dob.month >= 9 ? 1 : 0);
    const yearGroup = academicYear - reception; // 0 = reception … 6 = year 6, 7–11 secondary, 12–13 sixth form
    const list: Span[] = [];
    const push = (kind: string, agencyId: string | null | undefined, from: string, to: string | null = null) => list.push({ kind, agencyId: agencyId ?? null, from, to });
    const sept = (y: number) => `${y}-09-01`;
    const aug = (y: number) => `${y}-08-31`;
    const roll = random.next();
    if (yearGroup < 0) {
      if (ageOn(p.dob, today) >= 2 && nursery && random.chance(0.45)) push('early_years', nursery, addDays(p.dob, 2 * 365 + random.int(0, 200)));
      else if (health) push('health_visitor', health, p.dob);
    } else if (roll < 0.02 && yearGroup <= 11) {
      push('elective_home_education', null, sept(academicYear - random.int(0, 1)));
    } else if (roll < 0.05 && yearGroup <= 11) {
      // Not on any roll: the needs-a-setting queue finds these.
    } else if (yearGroup <= 6) {
      const school = yearGroup <= 2 ? random.weighted([[primary[0], 45], [primary[1], 25], [primary[2], 27], [special, 3]] as const) : random.weighted([[primary[0], 60], [primary[1], 37], [special, 3]] as const);
      if (yearGroup === 0 && health) push('health_visitor', health, p.dob, aug(reception));
      push('school', school, sept(reception));
    } else if (yearGroup <= 11) {
      const school = random.weighted([[secondary[0], 52], [secondary[1], 43], [special, 5]] as const);
      if (yearGroup === 7) push('school', primary[random.int(0, 1)], sept(reception), aug(reception + 7));
      push('school', school, sept(reception + 7));
    } else if (yearGroup <= 13 && random.chance(0.8)) {
      if (yearGroup === 12) push('school', secondary[random.int(0, 1)], sept(reception + 7), aug(reception + 12));
      push('school', sixth, sept(reception + 12));
    }
    spans.set(p.id, list);
    for (const s of list) educationRows.push({ tenantId, personId: p.id, kind: s.kind, agencyId: s.agencyId, source: random.chance(0.8) ? 'record' : 'census', fromDate: s.from, toDate: s.to, createdAt: new Date(Math.min(now.getTime(), Math.max(windowStart, instantAt(s.from, 9 * 60).getTime()))) });
  }
  await insertMany(db, personEducation, educationRows);
  const settingOn = (personId: string, date: string): Span | undefined => spans.get(personId)?.find((s) => s.from <= date && (s.to === null || date <= s.to));

  // ——— households and their incidents ———
  const postcodes = new Map(
    (await rows<{ person_id: string; postcode: string }>(db, sql`select person_id, postcode from person_address where tenant_id = ${tenantId} and to_date is null and postcode is not null`)).map((r) => [r.person_id, r.postcode]),
  );
  type Party = { personId: string | null; given: string; family: string; dob: string; key: string | null };
  const party = (id: string): Party => {
    const p = byId.get(id)!;
    const n = splitName(p.name);
    return { personId: id, given: n.given, family: n.family, dob: p.dob, key: personKey({ givenNames: n.given, familyName: n.family, dateOfBirth: p.dob }) };
  };
  const invented = (female: boolean, aroundDob: string): Party => {
    const given = random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
    const family = random.pick(FAMILY);
    const dob = fromDayNumber(toDayNumber(aroundDob) + random.int(-6 * 365, 6 * 365));
    return { personId: null, given, family, dob, key: personKey({ givenNames: given, familyName: family, dateOfBirth: dob }) };
  };
  interface Household {
    victim: Party;
    perpetrator: Party;
    children: string[];
    postcode: string | null;
    baseRisk: RiskLevel;
    referrals: { referredOn: string; id: string }[];
    incidentDates: string[];
  }
  const withChildren = families.filter((f) => f.children.length > 0 && f.adults.length > 0);
  const households: Household[] = [];
  for (const f of withChildren) {
    if (!random.chance(0.7)) continue;
    const mother = party(f.adults[0]!);
    const other = f.adults[1] ? party(f.adults[1]) : invented(false, mother.dob);
    const reversed = !!f.adults[1] && random.chance(0.12);
    households.push({
      victim: reversed ? other : mother,
      perpetrator: reversed ? mother : other,
      children: f.children,
      postcode: postcodes.get(f.adults[0]!) ?? null,
      baseRisk: random.weighted([['standard', 50], ['medium', 32], ['high', 18]] as const),
      referrals: [],
      incidentDates: [],
    });
  }
  if (households.length === 0) {
    log('domestic abuse: no families with children to seed');
    return;
  }
  const stepRisk = (r: RiskLevel, by: number): RiskLevel => (['standard', 'medium', 'high'] as const)[Math.max(0, Math.min(2, ['standard', 'medium', 'high'].indexOf(r) + by))]!;
  /**
   * Hours from incident to receipt. High risk comes overnight; medium and standard risk mostly do, but some take
   * days and a few weeks (the peer review: "up to three weeks after the incident").
   */
  const lagHours = (risk: RiskLevel, occurred: Date): number => {
    const band = random.weighted(
      risk === 'high'
        ? ([['hours', 92], ['days', 7], ['weeks', 1], ['late', 0]] as const)
        : risk === 'medium'
          ? ([['hours', 80], ['days', 13], ['weeks', 6], ['late', 1]] as const)
          : ([['hours', 70], ['days', 17], ['weeks', 10], ['late', 3]] as const),
    );
    switch (band) {
      case 'hours': {
        // An evening or night incident is usually with the MASH by early the next morning.
        const w = wallTime(occurred);
        if (w.minutes >= 17 * 60 || w.minutes < 5 * 60) {
          const morning = instantAt(w.minutes >= 17 * 60 ? addDays(w.date, 1) : w.date, 8 * 60 + 15);
          const most = (morning.getTime() - occurred.getTime()) / HOUR;
          if (most > 1.5) return 1 + random.next() * (most - 1);
        }
        return 1 + random.next() * 5;
      }
      case 'days':
        return random.int(25, 7 * 24);
      case 'weeks':
        return random.int(7 * 24 + 1, 21 * 24);
      default:
        return random.int(21 * 24 + 1, 30 * 24);
    }
  };
  /** An incident time on a London day: most in the evening and at night. */
  const incidentAt = (day: string): Date => {
    const minutes = random.chance(0.65) ? (17 * 60 + random.int(0, 9 * 60)) % (24 * 60) : random.int(0, 24 * 60 - 1);
    return instantAt(day, minutes);
  };
  const firstDay = toDayNumber(calendar.dateOf(new Date(windowStart)));
  const events: { h: Household; occurred: Date; received: Date; risk: RiskLevel }[] = [];
  const addEvent = (h: Household, occurred: Date, lag?: number) => {
    const risk = random.chance(0.25) ? stepRisk(h.baseRisk, random.chance(0.5) ? 1 : -1) : h.baseRisk;
    const received = new Date(occurred.getTime() + (lag ?? lagHours(risk, occurred)) * HOUR);
    if (received <= latest && received.getTime() >= windowStart) events.push({ h, occurred, received, risk });
  };
  for (const h of households) {
    const count = random.weighted([[1, 55], [2, 25], [3, 12], [4, 8]] as const);
    for (let i = 0; i < count; i += 1) addEvent(h, incidentAt(fromDayNumber(firstDay + random.int(0, HISTORY_DAYS - 2))));
  }
  // Notifications of the last day or so, not yet triaged: today's MADA list has work. The first are about
  // households with a child on no school roll, so the Encompass needs-a-setting queue has some too.
  const unsettled = households.filter((h) => h.children.some((c) => (spans.get(c) ?? []).length === 0));
  for (let i = 0; i < Math.max(3, Math.round(4 * scale)); i += 1) {
    const lag = random.int(1, 8);
    const h = i < 2 && unsettled.length ? unsettled[i % unsettled.length]! : random.pick(households);
    addEvent(h, new Date(now.getTime() - (lag + random.int(1, 20)) * HOUR), lag);
  }
  events.sort((a, b) => a.occurred.getTime() - b.occurred.getTime());

  const dashFor = (risk: RiskLevel, on: string, kind: 'police' | 'partner') => {
    const list = currentChecklist(kind, on) ?? currentChecklist('partner', on);
    const questions = list?.questions.map((q) => q.id) ?? Array.from({ length: 24 }, (_, i) => `q${i + 1}`);
    const thresholds = list?.thresholds ?? { high: 14, medium: 10 };
    const judgement = risk === 'high' && random.chance(0.25);
    const [lo, hi] = risk === 'high' ? (judgement ? [thresholds.medium - 1, thresholds.high - 1] : [thresholds.high, thresholds.high + 7]) : risk === 'medium' ? [thresholds.medium, thresholds.high - 1] : [2, thresholds.medium - 1];
    const score = Math.min(questions.length, random.int(lo, hi));
    const yes = new Set<string>();
    while (yes.size < score) yes.add(random.pick(questions));
    const answers: Record<string, string> = {};
    for (const q of questions) answers[q] = yes.has(q) ? 'yes' : random.chance(0.8) ? 'no' : 'not_known';
    const scored = gradeScore(yes.size, thresholds);
    const grading = compareRisk(risk, scored) > 0 ? risk : scored;
    return {
      version: list?.id ?? 'safelives-partner',
      answers,
      score: yes.size,
      scoredGrading: scored,
      judgementGrading: grading !== scored ? grading : null,
      judgementReason: grading !== scored ? 'Professional judgement: recent escalation, threats to kill and the victim’s fear.' : null,
      grading,
      highThreshold: thresholds.high,
    };
  };

  /** A checklist from dashFor as the dash_assessment columns it fills. */
  const dashColumns = ({ highThreshold: _threshold, ...columns }: ReturnType<typeof dashFor>) => columns;

  // Rows to insert.
  const contactRows: Insert<typeof contact>[] = [];
  const subjectRows: Insert<typeof contactSubject>[] = [];
  const shareRows: Insert<typeof contactShare>[] = [];
  const decisionRows: Insert<typeof screeningDecision>[] = [];
  const incidentRows: Insert<typeof incident>[] = [];
  const caseRows: Insert<typeof daCase>[] = [];
  const personRows: Insert<typeof daPerson>[] = [];
  const dashRows: Insert<typeof dashAssessment>[] = [];
  const madaMeetings = new Map<string, Insert<typeof madaMeeting>>();
  const madaRows: Insert<typeof madaDecision>[] = [];
  const actionRows: Insert<typeof daAction>[] = [];
  const referralRows: (Insert<typeof maracReferral> & { id: string; referredAt: Date })[] = [];
  const serviceSeeds: { service: 'idva' | 'commissioned'; referredAt: Date; daCaseId: string | null; maracReferralId: string | null; personId: string | null; clientName: string; agencyId: string | null; risk: RiskLevel; daPersonId: string | null }[] = [];
  const noticeRows: Insert<typeof encompassNotice>[] = [];

  const ref0 = (await one<{ n: number }>(db, sql`select nextval('contact_reference_seq') as n`))!.n;
  let refN = ref0 - 1;
  let policeRef = 0;
  const agenciesAtMada = [csc, police, health, daService, agency('education')].filter((x): x is string => !!x);

  for (const { h, received, occurred, risk } of events) {
    const occurredOn = calendar.dateOf(occurred);
    const receivedOn = calendar.dateOf(received);
    const incidentsInYear = incidentsInTwelveMonths(occurredOn, h.incidentDates);
    h.incidentDates.push(occurredOn);
    const repeat = repeatOf(occurredOn, h.referrals);
    const escalation = isEscalation(incidentsInYear);
    const policeDash = risk !== 'standard' || random.chance(0.6) ? dashFor(escalation && risk === 'standard' ? 'medium' : risk, occurredOn, 'police') : null;
    const policeRisk: RiskLevel = policeDash?.grading ?? risk;
    const meetingOn = calendar.nextWorkingDay(receivedOn);
    const decided = meetingOn < today;
    const contactId = crypto.randomUUID();
    const caseId = crypto.randomUUID();
    const incidentId = crypto.randomUUID();
    refN += 1;
    policeRef += 1;
    const type = random.weighted(INCIDENT_TYPES);
    const place = random.pick(PLACES);
    const children = h.children.filter((c) => byId.get(c)!.dob <= receivedOn);
    const present = new Set(children.filter(() => random.chance(0.55)));

    // Gradings at the MADA: the victim's (police grading, raised for escalation), each child's, the household's.
    const victimGrading: RiskLevel = escalation && policeRisk === 'standard' ? 'medium' : policeRisk;
    const lowerChild = decided && victimGrading !== 'standard' && children.length > 1 && random.chance(0.15) ? children[children.length - 1] : null;
    const gradingOf = (childId: string): RiskLevel => (childId === lowerChild ? stepRisk(victimGrading, -1) : victimGrading);
    const household = decided ? householdRisk([victimGrading, ...children.map(gradingOf)]) : null;

    // The daily triage's decisions for the household.
    let decisions: MadaDecision[] = [];
    if (decided && household) {
      const toMarac = household === 'high' || !!repeat || escalation;
      if (toMarac) decisions.push('marac_referral');
      if (household === 'high' ? random.chance(0.9) : toMarac && random.chance(0.5)) decisions.push('idva');
      if (household !== 'high' && !decisions.includes('idva') && random.chance(household === 'medium' ? 0.6 : 0.3)) decisions.push('commissioned_service');
      if (random.chance(household === 'high' ? 0.6 : household === 'medium' ? 0.25 : 0.08)) decisions.push('childrens_social_care');
      else if (random.chance(household === 'standard' ? 0.25 : 0.35)) decisions.push('early_help');
      if (decisions.length === 0) decisions = ['no_further_action'];
      if (madaDecisionProblems(decisions, household).length) decisions = ['no_further_action'];
    }
    const decidedAt = decided ? instantAt(meetingOn, 10 * 60 + random.int(0, 150)) : null;

    // The contact the notification made, with its people, screening decision and sharing.
    const concerns = ['domestic_abuse', ...(random.chance(0.25) ? [random.pick(['alcohol_misuse', 'drug_misuse', 'mental_health', 'emotional_abuse'])] : [])];
    contactRows.push({
      id: contactId,
      tenantId,
      reference: `C-${receivedOn.slice(0, 4)}-${String(refN).padStart(6, '0')}`,
      status: decided ? 'decided' : 'open',
      contactType: 'child',
      owningAgencyId: csc,
      sourceAgencyId: police,
      sourceCode: '6',
      referrerName: `${random.pick([...GIVEN_FEMALE, ...GIVEN_MALE])} ${random.pick(FAMILY)}`,
      referrerRole: 'Police constable',
      receivedAt: received,
      incidentAt: occurred,
      concerns,
      narrative: `Domestic abuse notification: ${INCIDENT_WORDS[type]}. Officers attended (${place.toLowerCase()}). ${present.size ? `${present.size} child${present.size === 1 ? ' was' : 'ren were'} present.` : 'The children were not present.'}`,
      consent: random.weighted([['not_sought', 6], ['given', 3], ['overridden', 1]] as const),
      consentLawfulBasis: null,
      consentReason: null,
      decisionDueAt: timescaleDeadline(calendar, received, { amount: 1, unit: 'working_days' }),
      allocatedUserId: decided ? screener : null,
      restricted: false,
      channel: random.pick(['bulk', 'api', 'api']),
      riskLevel: policeRisk,
      rag: policeRisk === 'high' ? 'red' : policeRisk === 'medium' ? 'amber' : 'green',
      incidentId,
      createdByUserId: policeUser,
      synthetic: true,
      createdAt: received,
      submittedAt: received,
      updatedAt: decidedAt ?? received,
    });
    const last = contactRows[contactRows.length - 1]!;
    if (last.consent === 'overridden') {
      last.consentLawfulBasis = 'safeguarding';
      last.consentReason = 'Seeking consent could increase the risk to the victim and the children.';
    }
    for (const c of children) subjectRows.push({ tenantId, contactId, personId: c, role: 'subject_child', childVoice: present.has(c) ? random.pick(byAge(ageOn(byId.get(c)!.dob, receivedOn), VOICES, voiceFits)) : null, childDemeanour: present.has(c) ? random.pick(byAge(ageOn(byId.get(c)!.dob, receivedOn), DEMEANOURS, demeanourFits)) : null, createdAt: received });
    for (const a of [h.victim, h.perpetrator]) if (a.personId) subjectRows.push({ tenantId, contactId, personId: a.personId, role: 'parent_carer', createdAt: received });
    shareRows.push({ tenantId, contactId, agencyId: police, purpose: 'Referrer kept informed', sharedByUserId: screener, sharedAt: received });
    if (decisions.includes('idva') || decisions.includes('commissioned_service')) {
      shareRows.push({ tenantId, contactId, agencyId: daService, purpose: 'Referred to domestic abuse services at the daily triage (MADA)', sharedByUserId: screener, sharedAt: decidedAt! });
    }
    if (decided && decidedAt) {
      const outcome = decisions.includes('childrens_social_care') ? (household === 'high' && random.chance(0.3) ? 'strategy_discussion' : 'referral_csc') : decisions.includes('early_help') ? 'early_help' : 'nfa_advice';
      const screenedAt = new Date(decidedAt.getTime() + random.int(10, 60) * MINUTE);
      decisionRows.push({
        tenantId,
        contactId,
        thresholdLevel: outcome === 'strategy_discussion' ? 4 : outcome === 'referral_csc' ? 3 : outcome === 'early_help' ? 2 : 1,
        outcome,
        rationale: `Decided with partners at the daily domestic abuse triage (MADA) on ${meetingOn}. ${MADA_REASONS[household!]}`,
        decidedByUserId: screener!,
        decidedAt: screenedAt,
        authorisation: 'authorised',
        authorisedByUserId: manager,
        authorisedAt: minDate(latest, new Date(screenedAt.getTime() + random.int(1, 4) * HOUR)),
      });
    }

    // The incident and the DA case.
    const ref = `FM99/DA/${receivedOn.slice(2, 4)}/${String(policeRef).padStart(5, '0')}`;
    incidentRows.push({ id: incidentId, tenantId, policeReference: ref, occurredAt: occurred, postcode: h.postcode, place, contactId, peopleKeys: [h.victim.key, h.perpetrator.key, ...children.map((c) => party(c).key)].filter((k): k is string => !!k), createdAt: received });
    caseRows.push({
      id: caseId,
      tenantId,
      contactId,
      incidentId,
      policeReference: ref,
      incidentType: type,
      occurredAt: occurred,
      receivedAt: received,
      place,
      postcode: h.postcode,
      policeRisk,
      victimKey: h.victim.key,
      perpetratorKey: h.perpetrator.key,
      incidentsInYear,
      repeatOfReferralId: repeat?.id ?? null,
      householdRisk: household,
      householdReviewedAt: decidedAt ? new Date(decidedAt.getTime() - 10 * MINUTE) : null,
      householdReviewedByUserId: decidedAt ? screener : null,
      createdAt: received,
    });
    const victimPersonId = crypto.randomUUID();
    let position = 0;
    const addPerson = (id: string, role: string, p: Party, extra: Partial<Insert<typeof daPerson>> = {}) =>
      personRows.push({ id, tenantId, daCaseId: caseId, personId: p.personId, role, givenNames: p.given, familyName: p.family, dateOfBirth: p.dob, personKey: p.key, position: position++, ...extra });
    addPerson(victimPersonId, 'victim', h.victim, { policeRisk, grading: decided ? victimGrading : null });
    addPerson(crypto.randomUUID(), 'alleged_perpetrator', h.perpetrator);
    for (const c of children) {
      const id = crypto.randomUUID();
      const p = party(c);
      const setting = settingOn(c, receivedOn);
      const schoolGiven = setting?.kind === 'school' && setting.agencyId ? (random.chance(0.6) ? (urnOf.get(setting.agencyId) ?? null) : null) : !setting && random.chance(0.5) ? random.pick(UNKNOWN_SCHOOLS) : null;
      const lower = c === lowerChild;
      addPerson(id, present.has(c) ? 'child_present' : 'child_in_household', p, {
        policeRisk,
        grading: decided ? gradingOf(c) : null,
        gradingReason: lower ? random.pick(LOWER_GRADING_REASONS) : null,
        childVoice: present.has(c) ? random.pick(VOICES) : null,
        childDemeanour: present.has(c) ? random.pick(DEMEANOURS) : null,
        schoolGiven,
      });
      const notice = encompassFor(id, caseId, c, received, occurred, schoolGiven);
      if (notice) noticeRows.push(notice);
    }

    // The police DASH that came with the notification.
    if (policeDash) {
      const d = policeDash;
      dashRows.push({
        tenantId,
        daCaseId: caseId,
        daPersonId: victimPersonId,
        personId: h.victim.personId,
        ...dashColumns(d),
        escalation,
        source: 'police_notification',
        agencyId: agency('police'),
        completedByUserId: policeUser,
        completedAt: new Date(occurred.getTime() + random.int(20, 120) * MINUTE),
      });
    }

    if (!decided || !decidedAt) continue;
    if (!madaMeetings.has(meetingOn)) {
      madaMeetings.set(meetingOn, {
        id: crypto.randomUUID(),
        tenantId,
        meetingOn,
        chairUserId: manager,
        agenciesPresent: agenciesAtMada.filter(() => random.chance(0.92)),
        status: 'closed',
        createdAt: instantAt(meetingOn, 9 * 60 + 30),
        closedAt: instantAt(meetingOn, 12 * 60 + 45),
      });
    }
    const meeting = madaMeetings.get(meetingOn)!;
    madaRows.push({ tenantId, daCaseId: caseId, meetingId: meeting.id!, meetingTenantId: tenantId, decisions, reason: MADA_REASONS[household!]!, decidedByUserId: screener, decidedAt });
    if (random.chance(0.35)) {
      const [owner, description] = random.pick(MADA_ACTIONS);
      const ownerAgencyId = agency(owner);
      if (ownerAgencyId) {
        const dueOn = calendar.addWorkingDays(meetingOn, random.int(1, 5));
        const done = dueOn < today && random.chance(0.85);
        actionRows.push({
          tenantId,
          forum: 'mada',
          daCaseId: caseId,
          meetingId: meeting.id!,
          description,
          ownerAgencyId,
          dueOn,
          createdByUserId: screener,
          createdAt: decidedAt,
          doneAt: done ? minDate(latest, instantAt(addDays(dueOn, -random.int(0, 2)), 14 * 60)) : null,
          doneNote: done ? 'Done: see the agency’s own record.' : null,
        });
      }
    }
    let referralId: string | null = null;
    if (decisions.includes('marac_referral')) {
      referralId = crypto.randomUUID();
      const referredAt = minDate(latest, new Date(decidedAt.getTime() + random.int(1, 4) * HOUR));
      const judgementHigh = victimGrading === 'high' && (policeDash?.judgementGrading === 'high' || !policeDash);
      const criteria = maracCriteriaMet({ dashScore: policeDash?.score ?? null, highRiskThreshold: policeDash?.highThreshold ?? 14, judgementHigh, incidentsInYear, isRepeat: !!repeat });
      if (criteria.length === 0) criteria.push('professional_judgement');
      const referring = random.weighted([['police', 55], ['csc', 30], ['da', 15]] as const);
      referralRows.push({
        id: referralId,
        tenantId,
        daCaseId: caseId,
        victimPersonId: h.victim.personId,
        perpetratorPersonId: h.perpetrator.personId,
        victimName: nameOf(h.victim),
        perpetratorName: nameOf(h.perpetrator),
        victimKey: h.victim.key,
        perpetratorKey: h.perpetrator.key,
        referringAgencyId: agency(referring) ?? csc,
        referredByUserId: referring === 'police' ? policeUser : referring === 'da' ? idva : screener,
        referredAt,
        criteria,
        dashScore: policeDash?.score ?? null,
        reason: repeat ? 'A further incident within 12 months of the last MARAC referral.' : escalation ? 'Third incident between the same people in 12 months.' : 'High risk at the daily triage.',
        previousReferralId: repeat?.id ?? null,
        status: 'referred',
        createdAt: referredAt,
      });
      h.referrals.push({ referredOn: calendar.dateOf(referredAt), id: referralId });
    }
    const client = { personId: h.victim.personId, clientName: nameOf(h.victim), daCaseId: caseId, daPersonId: victimPersonId };
    if (decisions.includes('idva')) serviceSeeds.push({ service: 'idva', referredAt: new Date(decidedAt.getTime() + HOUR), maracReferralId: referralId, agencyId: csc, risk: victimGrading, ...client });
    if (decisions.includes('commissioned_service')) serviceSeeds.push({ service: 'commissioned', referredAt: new Date(decidedAt.getTime() + HOUR), maracReferralId: null, agencyId: csc, risk: victimGrading, ...client });
  }

  /**
   * The Operation Encompass notification for one child of a DA case, routed by the domain's rules and due at the
   * start of the next school day after the incident. As in the app, a notice goes to the setting's key adults as soon
   * as the notification is received (so it is late when the notification itself arrived after the due time); a
   * setting without a key adult is not sent to; a child with no setting waits in the needs-a-setting queue (recent
   * ones still do; older ones were assigned a setting later and sent late).
   */
  function encompassFor(daPersonId: string, daCaseId: string, childId: string, received: Date, occurred: Date, schoolGiven: string | null): Insert<typeof encompassNotice> | null {
    const incidentOn = calendar.dateOf(occurred);
    const age = ageOn(byId.get(childId)!.dob, incidentOn);
    const list = spans.get(childId) ?? [];
    const current = (kind: string) => list.find((s) => s.kind === kind && s.from <= incidentOn && (s.to === null || incidentOn <= s.to));
    const setting = (s: Span | undefined) => (s?.agencyId ? { agencyId: s.agencyId, name: '' } : null);
    const decision = routeFor(
      {
        ageAtIncident: age,
        electivelyHomeEducated: !!current('elective_home_education'),
        // A nursery school is a school: a four-year-old there before reception is told about through it.
        school: setting(current('school')) ?? (age >= 4 ? setting(current('early_years')) : null),
        earlyYears: setting(current('early_years')),
        healthVisitor: setting(current('health_visitor')),
        schoolGiven,
      },
      { frontDoor: { agencyId: csc, name: '' } },
    );
    if ('noNotice' in decision) return null;
    const dueAt = nextSchoolDayStart(occurred, schoolRules, (d) => calendar.isHoliday(d));
    let agencyId: string | null = 'agencyId' in decision ? decision.agencyId : null;
    let needsSetting = 'needsSetting' in decision ? decision.needsSetting : null;
    let sentAt: Date | null = null;
    if (!agencyId) {
      if (received.getTime() < now.getTime() - 21 * DAY) {
        agencyId = (age >= 4 ? (age <= 10 ? primary[0] : age <= 15 ? secondary[0] : sixth) : nursery) ?? null;
        if (agencyId) needsSetting = null;
        if (agencyId && keyAdultOf.has(agencyId)) sentAt = new Date(received.getTime() + random.int(1, 5) * DAY);
      }
    } else if (keyAdultOf.has(agencyId)) {
      sentAt = new Date(received.getTime() + random.int(1, 15) * MINUTE);
    }
    if (sentAt && sentAt > latest) sentAt = null;
    const keyAdult = agencyId ? keyAdultOf.get(agencyId) : undefined;
    let ack: Date | null = null;
    if (sentAt && keyAdult && random.chance(0.88)) {
      // Most key adults read it before the bell; some later that morning.
      const before = dueAt > sentAt && random.chance(0.85);
      ack = before ? new Date(sentAt.getTime() + random.next() * (dueAt.getTime() - sentAt.getTime())) : new Date(Math.max(sentAt.getTime(), dueAt.getTime()) + random.int(10, 5 * 60) * MINUTE);
      if (ack > latest) ack = null;
    }
    let supportAt = ack && random.chance(0.75) ? new Date(ack.getTime() + random.int(1, 30) * HOUR) : null;
    if (supportAt && supportAt > latest) supportAt = null;
    const codes = supportAt ? [...new Set([random.pick(SUPPORT_CODES), ...(random.chance(0.4) ? [random.pick(SUPPORT_CODES)] : [])])] : [];
    return {
      tenantId,
      daCaseId,
      daPersonId,
      route: decision.route,
      agencyId,
      needsSetting,
      dueAt,
      sentAt,
      acknowledgedAt: ack,
      acknowledgedByUserId: ack ? keyAdult! : null,
      support: codes,
      supportNote: supportAt ? random.pick(SUPPORT_NOTES) : null,
      supportRecordedAt: supportAt,
      createdAt: received,
    };
  }

  // ——— MARAC referrals from across the borough (victims not on the demo register), chronologically ———
  const targetReferrals = Math.round(MARAC_CASES_PER_YEAR * scale * (HISTORY_DAYS / 365));
  const external = Math.max(0, targetReferrals - referralRows.length);
  const pairs: { victim: Party; perpetrator: Party; last: { referredOn: string; id: string } }[] = [];
  const times = Array.from({ length: external }, () => {
    let d = fromDayNumber(toDayNumber(calendar.dateOf(new Date(windowStart))) + random.int(0, HISTORY_DAYS));
    d = calendar.workingDayOnOrAfter(d);
    return instantAt(d, 9 * 60 + random.int(0, 8 * 60));
  })
    .filter((t) => t <= latest)
    .sort((a, b) => a.getTime() - b.getTime());
  for (const referredAt of times) {
    const on = calendar.dateOf(referredAt);
    const candidates = pairs.filter((p) => p.last.referredOn <= addDays(on, -14) && repeatOf(on, [p.last]));
    const isRepeat = candidates.length > 0 && random.chance(0.36);
    const pair = isRepeat ? random.pick(candidates) : null;
    const victimFemale = random.chance(0.9);
    const victim = pair?.victim ?? invented(victimFemale, fromDayNumber(todayN - random.int(20, 55) * 365));
    const perpetrator = pair?.perpetrator ?? invented(!victimFemale && random.chance(0.2), victim.dob);
    const basis = random.weighted([['visible_high_risk', 60], ['professional_judgement', 25], ['escalation', 15]] as const);
    const dashScore = basis === 'visible_high_risk' ? random.int(14, 22) : basis === 'professional_judgement' ? random.int(8, 13) : random.chance(0.5) ? random.int(10, 16) : null;
    const criteria = maracCriteriaMet({ dashScore, highRiskThreshold: 14, judgementHigh: basis === 'professional_judgement', incidentsInYear: basis === 'escalation' ? random.int(3, 5) : random.int(1, 2), isRepeat });
    if (criteria.length === 0) criteria.push('professional_judgement');
    const referring = random.weighted([['police', 58], ['da', 15], ['health', 10], ['csc', 8], ['housing', 5], ['probation', 2], ['voluntary', 2]] as const);
    const id = crypto.randomUUID();
    referralRows.push({
      id,
      tenantId,
      daCaseId: null,
      victimPersonId: null,
      perpetratorPersonId: null,
      victimName: nameOf(victim),
      perpetratorName: nameOf(perpetrator),
      victimKey: victim.key,
      perpetratorKey: perpetrator.key,
      referringAgencyId: agency(referring) ?? police,
      referredByUserId: referring === 'police' ? policeUser : referring === 'da' ? idva : referring === 'health' ? user('health') : referring === 'csc' ? screener : null,
      referredAt,
      criteria,
      dashScore,
      reason: isRepeat ? 'A further incident within 12 months of the last MARAC referral.' : 'High risk identified by the referring agency.',
      previousReferralId: pair?.last.id ?? null,
      status: 'referred',
      createdAt: referredAt,
    });
    const last = { referredOn: on, id };
    if (pair) pair.last = last;
    else pairs.push({ victim, perpetrator, last });
    if (random.chance(IDVA_SHARE_OF_MARAC)) {
      serviceSeeds.push({ service: 'idva', referredAt: minDate(latest, new Date(referredAt.getTime() + random.int(0, 48) * HOUR)), daCaseId: null, maracReferralId: id, personId: null, clientName: nameOf(victim), agencyId: agency(referring) ?? police, risk: 'high', daPersonId: null });
    }
  }
  referralRows.sort((a, b) => a.referredAt.getTime() - b.referredAt.getTime());

  // ——— MARAC meetings every two weeks (Thursday mornings), the next one within a fortnight ———
  let upcoming = addDays(today, 1);
  while (dayOfWeek(upcoming) !== 4) upcoming = addDays(upcoming, 1);
  const meetingDates: string[] = [];
  for (let d = upcoming; toDayNumber(d) >= todayN - HISTORY_DAYS - 14; d = addDays(d, -14)) meetingDates.unshift(calendar.workingDayOnOrAfter(d));
  const invited = ['police', 'csc', 'health', 'da', 'housing', 'probation', 'education', 'asc', 'cs', 'voluntary'].map((k) => [k, agency(k)] as const).filter((x): x is readonly [string, string] => !!x[1]);
  const meetingRows: Insert<typeof maracMeeting>[] = [];
  const meetingAgencyRows: Insert<typeof maracMeetingAgency>[] = [];
  const meetings = meetingDates.map((date) => {
    const id = crypto.randomUUID();
    const held = date < today;
    const at = instantAt(date, 10 * 60);
    meetingRows.push({ id, tenantId, meetingAt: at, location: random.chance(0.6) ? 'Fernmoor Civic Centre, Committee Room 2' : 'Online (video call)', status: held ? 'held' : 'scheduled', createdByUserId: maracUser, createdAt: new Date(at.getTime() - 28 * DAY) });
    const present = new Set<string>();
    for (const [key, agencyId] of invited) {
      const there = held ? random.chance(key === 'housing' ? 0.85 : key === 'probation' ? 0.8 : key === 'voluntary' ? 0.7 : key === 'education' ? 0.9 : 0.98) : null;
      if (there) present.add(key);
      meetingAgencyRows.push({ tenantId, meetingId: id, agencyId, present: there });
    }
    return { id, date, at, held, present };
  });
  const researchRows: Insert<typeof maracResearch>[] = [];
  const minutesRows: Insert<typeof maracMinutes>[] = [];
  const researchers: readonly (readonly [string, string | null])[] = [
    ['police', policeUser],
    ['health', user('health')],
    ['csc', screener],
    ['da', idva],
    ['housing', null],
  ];
  for (const r of referralRows) {
    const on = calendar.dateOf(r.referredAt);
    const meeting = meetings.find((m) => m.date >= addDays(on, 7));
    if (!meeting) continue;
    r.meetingId = meeting.id;
    r.status = meeting.held ? (meeting.date < addDays(today, -75) && random.chance(0.8) ? 'closed' : 'heard') : 'listed';
    for (const [key, by] of researchers) {
      const agencyId = agency(key);
      if (!agencyId || (key === 'housing' && random.chance(0.5))) continue;
      const done = meeting.held ? random.chance(0.96) : random.chance(0.5);
      if (!done) continue;
      const completedAt = minDate(latest, new Date(meeting.at.getTime() - random.int(1, 6) * DAY - random.int(0, 6) * HOUR));
      const info = key === 'police' ? RESEARCH[0]! : random.pick(RESEARCH);
      researchRows.push({ tenantId, referralId: r.id, agencyId, known: info.startsWith('Not known') ? 'no' : 'yes', information: info, completedByUserId: by, completedAt });
    }
    if (!meeting.held) continue;
    minutesRows.push({ tenantId, meetingId: meeting.id, referralId: r.id, text: random.pick(MINUTES), recordedByUserId: maracUser, recordedAt: new Date(meeting.at.getTime() + random.int(3, 30) * HOUR) });
    const count = random.weighted([[1, 50], [2, 40], [3, 10]] as const);
    const pool = [...MARAC_ACTIONS];
    const chosen = Array.from({ length: count }, () => pool.splice(random.int(0, pool.length - 1), 1)[0]!);
    for (const [key, description] of chosen) {
      const ownerAgencyId = agency(key);
      if (!ownerAgencyId) continue;
      const dueOn = calendar.addWorkingDays(meeting.date, random.int(5, 20));
      const done = dueOn < today ? random.chance(0.82) : random.chance(0.3);
      const doneAt = done ? minDate(latest, instantAt(addDays(dueOn, random.int(-10, 3)), 15 * 60)) : null;
      actionRows.push({
        tenantId,
        forum: 'marac',
        daCaseId: r.daCaseId ?? null,
        maracReferralId: r.id,
        meetingId: meeting.id,
        description,
        ownerAgencyId,
        ownerUserId: key === 'police' ? policeUser : key === 'da' ? idva : key === 'health' ? user('health') : null,
        dueOn,
        createdByUserId: maracUser,
        createdAt: new Date(meeting.at.getTime() + 2 * HOUR),
        doneAt: doneAt && doneAt > meeting.at ? doneAt : done ? new Date(meeting.at.getTime() + DAY) : null,
        doneByUserId: done ? (key === 'police' ? policeUser : key === 'da' ? idva : null) : null,
        doneNote: done ? 'Done.' : null,
      });
    }
  }

  // ——— IDVA and commissioned service cases: allocations, handovers, risk changes, the waiting list ———
  const otherRoutes = Math.round(COMMISSIONED_OTHER_ROUTES_PER_YEAR * scale * (HISTORY_DAYS / 365));
  for (let i = 0; i < otherRoutes; i += 1) {
    const referredAt = new Date(windowStart + Math.floor(random.next() * (latest.getTime() - windowStart)));
    const client = invented(true, fromDayNumber(todayN - random.int(20, 60) * 365));
    const from = random.weighted([['health', 4], ['housing', 3], ['voluntary', 3], ['police', 2]] as const);
    serviceSeeds.push({ service: 'commissioned', referredAt, daCaseId: null, maracReferralId: null, personId: null, clientName: nameOf(client), agencyId: agency(from), risk: random.weighted([['standard', 55], ['medium', 45]] as const), daPersonId: null });
  }
  const serviceRows: Insert<typeof daServiceCase>[] = [];
  const allocationRows: Insert<typeof daServiceAllocation>[] = [];
  const riskRows: Insert<typeof daServiceRiskChange>[] = [];
  for (const s of serviceSeeds.sort((a, b) => a.referredAt.getTime() - b.referredAt.getTime())) {
    if (s.referredAt > latest) continue;
    const id = crypto.randomUUID();
    const ageDays = (now.getTime() - s.referredAt.getTime()) / DAY;
    const idvaCase = s.service === 'idva';
    const waiting = idvaCase ? ageDays < 1.5 && random.chance(0.5) : ageDays < 42 && random.chance(0.6);
    const allocatedAt = waiting ? null : new Date(s.referredAt.getTime() + (idvaCase ? random.int(1, 36) * HOUR : random.int(1, 10) * DAY));
    const allocated = allocatedAt && allocatedAt <= latest ? allocatedAt : null;
    const lasts = (idvaCase ? random.int(45, 140) : random.int(30, 100)) * DAY;
    const closedAt = allocated && allocated.getTime() + lasts < latest.getTime() ? new Date(allocated.getTime() + lasts) : null;
    let keyworker = allocated ? (idvaCase ? pickIdva() : workers.outreach) : null;
    let risk: RiskLevel = s.risk;
    if (allocated && keyworker) {
      allocationRows.push({ tenantId, caseId: id, fromUserId: null, toUserId: keyworker, kind: 'allocation', reason: null, byUserId: idva, at: allocated });
      const end = closedAt ?? latest;
      // Risk moves; the keyworker stays unless someone hands over, and a handover is recorded with its reason.
      if (random.chance(idvaCase ? 0.22 : 0.15)) {
        const at = new Date(allocated.getTime() + random.int(7, 40) * DAY);
        if (at < end) {
          const to = idvaCase ? stepRisk(risk, -1) : stepRisk(risk, 1);
          if (to !== risk) {
            riskRows.push({ tenantId, caseId: id, fromRisk: risk, toRisk: to, reason: random.pick(RISK_CHANGE_REASONS), keyworkerUserId: keyworker, byUserId: keyworker, at });
            risk = to;
          }
        }
      }
      if (idvaCase && workers.idva.length > 1 && random.chance(0.06)) {
        const at = new Date(allocated.getTime() + random.int(10, 60) * DAY);
        if (at < end) {
          const to = random.pick(workers.idva.filter((w) => w !== keyworker));
          allocationRows.push({ tenantId, caseId: id, fromUserId: keyworker, toUserId: to, kind: 'handover', reason: random.pick(HANDOVER_REASONS), byUserId: idva, at });
          keyworker = to;
        }
      }
    }
    const riskAtClosure: RiskLevel | null = closedAt ? random.weighted([['standard', 45], ['medium', 40], ['high', 15]] as const) : null;
    serviceRows.push({
      id,
      tenantId,
      service: s.service,
      daCaseId: s.daCaseId,
      maracReferralId: s.maracReferralId,
      personId: s.personId,
      clientName: s.clientName,
      referredByAgencyId: s.agencyId,
      referredByUserId: s.agencyId === csc ? screener : null,
      referredAt: s.referredAt,
      status: closedAt ? 'closed' : allocated ? 'allocated' : 'waiting',
      riskAtIntake: s.risk,
      currentRisk: riskAtClosure ?? risk,
      riskAtClosure,
      keyworkerUserId: keyworker,
      safetyPlan: allocated ? 'Synthetic safety plan: agreed safe times to call, a code word with a neighbour, a bag ready at a relative’s, and the police marker on the address.' : null,
      safetyPlanUpdatedAt: allocated ? minDate(latest, new Date(allocated.getTime() + random.int(1, 7) * DAY)) : null,
      closedAt,
      closureReason: closedAt ? random.pick(CLOSURE_REASONS) : null,
      createdAt: s.referredAt,
    });
    // The IDVA's own DASH with the victim (partner version) at the first meeting, for victims on the register.
    if (idvaCase && allocated && s.daPersonId) {
      const d = dashFor('high', calendar.dateOf(allocated), 'partner');
      dashRows.push({
        tenantId,
        daCaseId: s.daCaseId,
        daPersonId: s.daPersonId,
        personId: s.personId,
        ...dashColumns(d),
        escalation: false,
        source: 'form',
        agencyId: daService,
        completedByUserId: keyworker,
        completedAt: minDate(latest, new Date(allocated.getTime() + DAY)),
      });
    }
  }

  // ——— write, parents first, in one transaction (one commit instead of one per batch) ———
  await transaction(db, async (db) => {
    await insertMany(db, contact, contactRows);
    await db.execute(sql`select setval('contact_reference_seq', ${Math.max(refN, ref0)})`);
    await insertMany(db, incident, incidentRows);
    await insertMany(db, contactSubject, subjectRows);
    await insertMany(db, contactShare, shareRows);
    await insertMany(db, screeningDecision, decisionRows);
    await insertMany(db, daCase, caseRows);
    await insertMany(db, daPerson, personRows);
    await insertMany(db, dashAssessment, dashRows);
    await insertMany(db, madaMeeting, [...madaMeetings.values()]);
    await insertMany(db, madaDecision, madaRows);
    await insertMany(db, maracMeeting, meetingRows);
    await insertMany(db, maracMeetingAgency, meetingAgencyRows);
    await insertMany(db, maracReferral, referralRows);
    await insertMany(db, maracResearch, researchRows);
    await insertMany(db, maracMinutes, minutesRows);
    await insertMany(db, daAction, actionRows);
    await insertMany(db, daServiceCase, serviceRows);
    await insertMany(db, daServiceAllocation, allocationRows);
    await insertMany(db, daServiceRiskChange, riskRows);
    await insertMany(db, encompassNotice, noticeRows);
  });

  const repeats = referralRows.filter((r) => r.previousReferralId).length;
  log(
    `domestic abuse: ${caseRows.length} DA notifications (${caseRows.length - madaRows.length} awaiting the daily triage), ${madaRows.length} MADA decisions at ${madaMeetings.size} meetings, ` +
      `${referralRows.length} MARAC referrals (${repeats} repeats) for ${meetingRows.length} meetings, ${serviceRows.filter((s) => s.service === 'idva').length} IDVA and ` +
      `${serviceRows.filter((s) => s.service === 'commissioned').length} commissioned service cases (${serviceRows.filter((s) => s.status === 'waiting').length} waiting), ` +
      `${noticeRows.length} Encompass notifications, ${educationRows.length} school and setting records`,
  );
}

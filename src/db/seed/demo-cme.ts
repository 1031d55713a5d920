/**
 * Demo children missing education for Fernmoor: the borough's localities (Central, North, South, East, with the
 * demo's synthetic FM postcodes), a year of referrals with their enquiries and outcome codes, earlier closed episodes
 * for the children who went missing before, and the elective home education register with its suitability checks.
 *
 * Volumes follow the seed report (`004_7aa2e81ce8b2f59d.txt`, Rotherham Improving Lives report, December 2018, from
 * line 7640): for `scale` 1, 177 children from 97 families referred a quarter (708 children in the 365 days up to
 * `now`); 51.9% with a previous episode that was closed; about 146 open at the end; an even split of primary and
 * secondary; 13.7% eligible for free school meals; ethnicity 40% Gypsy or Roma and 36% not recorded (information not
 * yet obtained), a few refused; by resident locality about 63% Central, 12% North, 15% South, 4% East and the rest
 * with no locality (the seed's "no locality registered/outside area"). Closed referrals carry the seed's outcome codes
 * in its proportions (found and passed to admissions 16%, another authority accepted responsibility 29%, found in a
 * school in another authority 8%, a new local school 11%, enquiries exhausted 22.5%, left the UK 12%, home educated
 * 0.8%). The seed's quarter resolved 256 (a backlog cleared); the demo's year is steady, so about 560 close in it.
 *
 * Every child is synthetic (names from the demo's lists, postcodes in the invented FM area), of a year group that
 * fits their date of birth on the day of the referral; every date is on a working day, in order, and nothing is after
 * now. The joint-enquiry date is the 20th school day by the area's school calendar (Operation Encompass's). The demo
 * school DSLs' schools (Bracken Way Primary; Fernmoor Sixth Form College) have referrals of their own. Deterministic.
 */
import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgTable } from 'drizzle-orm/pg-core';
import { type Database, one, rows } from '../client.js';
import { cmeEnquiry, cmeReferral, eheCheck, eheRegistration, locality, person, personAddress, personName } from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { FOUND_OUTCOMES, NEXT_CHECK_MONTHS, localityFor, phaseOf } from '../../domain/cme.js';
import { type SchoolTerm, isSchoolDay } from '../../domain/encompass.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { type LocalDate, addDays, addMonths, fromDayNumber, instantAt, toDayNumber } from '../../domain/time.js';
import { addSchoolDays } from '../../domain/timescales.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_UNITS, STREETS, TOWNS } from './names.js';
import { Random } from './random.js';

export interface CmeSeedInput {
  tenantId: string;
  agencyIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface CmeSeedSummary {
  referrals: number;
  inYear: number;
  families: number;
  open: number;
  registered: number;
}

const SEED = 20_261_216;
const DAY = 86_400_000;

// ——— the seed's figures ———
const CHILDREN_PER_QUARTER = 177;
const FAMILIES_PER_QUARTER = 97;
const RECURRENT = 0.519;
const FSM = 0.137;
/** Mean days a referral stays open: about 146 open at any time from 708 a year. */
const MEAN_OPEN_DAYS = 75;

/** The demo's localities: Central holds the town centre's districts (the seed's Central has most referrals). */
export const DEMO_LOCALITIES: readonly { code: string; name: string; prefixes: string[]; share: number; districts: (readonly [number, number | null])[] }[] = [
  { code: 'central', name: 'Central', prefixes: ['FM1', 'FM2'], share: 63, districts: [[1, null], [2, null]] },
  { code: 'north', name: 'North', prefixes: ['FM3', 'FM4'], share: 12, districts: [[3, null], [4, null]] },
  { code: 'south', name: 'South', prefixes: ['FM5', 'FM6'], share: 15, districts: [[5, null], [6, null]] },
  // East: its own districts and one sector of FM2 across the ring road (the longest prefix wins).
  { code: 'east', name: 'East', prefixes: ['FM7', 'FM8', 'FM9', 'FM2 9'], share: 4, districts: [[7, null], [8, null], [9, null], [2, 9]] },
];
const NO_LOCALITY_SHARE = 6;

const OUTCOMES: readonly (readonly [string, number])[] = [
  ['found_admissions', 16],
  ['found_other_la', 29],
  ['found_school_other_la', 8.2],
  ['found_local_school', 11.3],
  ['enquiries_exhausted', 22.5],
  ['left_uk', 12],
  ['home_educated', 0.8],
];

const ETHNICITY: readonly (readonly [string, number])[] = [
  ['WROM', 40], ['NOBT', 36], ['REFU', 4], ['WBRI', 8], ['WOTH', 5], ['APKN', 3], ['BAFR', 2], ['MWBC', 2],
];

const OTHER_AUTHORITIES = ['Ashmoor Borough Council', 'Kelby City Council', 'Northwold County Council', 'Riverdale Metropolitan Borough Council', 'Hallam Vale Council'];
const OTHER_SCHOOLS = ['Castle Rise Academy', 'St Bede’s Catholic Primary', 'Northwold Park School', 'Riverside Community College', 'Westfield Junior School', 'Hallam Vale Academy'];
const COUNTRIES = ['Slovakia', 'Czech Republic', 'Romania', 'Poland', 'Pakistan', 'Hungary'];

const ROMA_GIVEN_F = ['Denisa', 'Klaudia', 'Nikola', 'Simona', 'Veronika', 'Adriana', 'Natalia', 'Monika'];
const ROMA_GIVEN_M = ['Dominik', 'Patrik', 'Lukas', 'Marek', 'Tomas', 'Erik', 'Filip', 'Matej'];
const ROMA_FAMILY = ['Balog', 'Horvath', 'Kotlar', 'Lakatos', 'Dudas', 'Ferko', 'Gaspar', 'Mirga', 'Oláh', 'Rusnak'];

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

/** A date of birth that puts a child in a year group on a date (R = 0, N2 = -1 …), by the academic year. */
function dobFor(random: Random, yearGroup: number, on: LocalDate): LocalDate {
  const academic = Number(on.slice(0, 4)) - (Number(on.slice(5, 7)) < 9 ? 1 : 0);
  const cohort = academic - 5 - yearGroup; // born 1 September cohort … 31 August cohort + 1
  return fromDayNumber(toDayNumber(`${cohort}-09-01`) + random.int(0, 364));
}

const YEAR_CODE = (n: number) => (n === 0 ? 'R' : String(n));

export async function seedCmeDemo(db: Database, input: CmeSeedInput): Promise<CmeSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar, scale, log } = input;
  const random = new Random(SEED);
  const today = calendar.dateOf(now);
  const todayN = toDayNumber(today);
  const education = agencyIds.get('education') ?? null;
  const officer = userIds.get('cme') ?? null;
  const localityWorker = userIds.get('cme-locality') ?? officer;
  if (!education || !officer) {
    log('children missing education: no education service or CME officer in the demo, skipped');
    return { referrals: 0, inYear: 0, families: 0, open: 0, registered: 0 };
  }
  const workers = [officer, localityWorker!, localityWorker!];

  // ——— localities ———
  const localityRows = DEMO_LOCALITIES.map((l) => ({ id: randomUUID(), tenantId, code: l.code, name: l.name, postcodePrefixes: l.prefixes }));
  await insertMany(db, locality, localityRows);
  const rules = localityRows.map((l) => ({ id: l.id, name: l.name, postcodePrefixes: l.postcodePrefixes }));

  // ——— the school calendar (Operation Encompass's, for the area) ———
  const cal = await one<{ terms: SchoolTerm[]; closures: string[] }>(db, sql`select terms, closures from school_calendar where tenant_id = ${tenantId} and agency_id is null`);
  const schoolRules = { dayStartsAt: '08:45', terms: cal?.terms ?? [], closures: cal?.closures ?? [] };
  const school = { isSchoolDay: (d: LocalDate) => isSchoolDay(d, schoolRules, (x) => calendar.isHoliday(x)) };
  const jointDue = (on: LocalDate) => addSchoolDays(school, on, 20);

  // ——— schools ———
  const schools = await rows<{ agency_id: string; name: string; urn: string; phase: string }>(db, sql`select s.agency_id, a.name, s.urn, s.phase from school s join agency a on a.id = s.agency_id where s.tenant_id = ${tenantId} order by s.urn`);
  const primaries = schools.filter((s) => s.phase === 'primary');
  const secondaries = schools.filter((s) => s.phase === 'secondary' || s.phase === 'special');
  const bracken = schools.find((s) => s.urn === '990101');
  const college = schools.find((s) => s.urn === '990401');
  const schoolFor = (n: number) => {
    if (n <= 6) return bracken && random.chance(0.4) ? bracken : random.pick(primaries.length ? primaries : schools);
    return random.pick(secondaries.length ? secondaries : schools);
  };

  const workingOnOrBefore = (n: number) => {
    let d = fromDayNumber(n);
    while (!calendar.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  };
  const workingOnOrAfter = (n: number) => {
    let d = fromDayNumber(n);
    while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };
  const at = (d: LocalDate, from = 9, to = 16) => new Date(instantAt(d, random.int(from * 60, to * 60)).getTime());

  const personRows: Insert<typeof person>[] = [];
  const nameRows: Insert<typeof personName>[] = [];
  const addressRows: Insert<typeof personAddress>[] = [];
  const referralRows: Insert<typeof cmeReferral>[] = [];
  const enquiryRows: Insert<typeof cmeEnquiry>[] = [];
  const registrationRows: Insert<typeof eheRegistration>[] = [];
  const checkRows: Insert<typeof eheCheck>[] = [];
  let ref = 0;
  const reference = (d: Date) => `CME-${calendar.dateOf(d).slice(0, 4)}-${String((ref += 1)).padStart(6, '0')}`;

  function check(registrationId: string, registeredOn: LocalDate, closedFor: boolean) {
    // Checks from registration to now: the first within 3 months, then as the outcome says; some left overdue.
    let on = workingOnOrAfter(toDayNumber(registeredOn) + random.int(20, 80));
    let count = 0;
    while (toDayNumber(on) <= todayN && count < 4) {
      const outcome = random.weighted([['suitable', 70], ['more_information', 18], ['not_suitable', 4], ['no_engagement', 8]] as const);
      const method = random.weighted([['home_visit', 45], ['meeting', 15], ['written_report', 25], ['work_samples', 15]] as const);
      const next = addMonths(on, NEXT_CHECK_MONTHS[outcome]!);
      checkRows.push({
        tenantId, registrationId, checkedOn: on, method, outcome, nextDueOn: next, recordedByUserId: officer!, recordedAt: at(on),
        notes: {
          suitable: 'Parents showed a timetable and books; the child talked about their reading and a history project. Education appears suitable.',
          more_information: 'A short written outline only. Asked the parents for samples of maths and English work within four weeks.',
          not_suitable: 'No evidence of structured learning. Parents told in writing that the education does not appear suitable; school attendance order process started.',
          no_engagement: 'Parents did not reply to two letters or answer at a home visit. Further letter sent.',
        }[outcome],
      });
      count += 1;
      on = workingOnOrAfter(toDayNumber(next) + (random.chance(0.2) ? random.int(5, 40) : 0));
      if (closedFor && count >= 1 && random.chance(0.3)) break;
    }
  }

  // ——— a year of referrals, family by family ———
  const children = Math.round(CHILDREN_PER_QUARTER * 4 * scale);
  const familyTarget = Math.round(FAMILIES_PER_QUARTER * 4 * scale);
  const perFamily = children / familyTarget;
  let made = 0;
  let families = 0;
  let open = 0;
  let registered = 0;
  const schoolReferralsOf = new Map<string, number>();

  while (made < children) {
    families += 1;
    const left = children - made;
    const size = Math.min(left, random.weighted([[1, 50], [2, 26], [3, 14], [4, 7], [5, 3]] as const) + (perFamily > 1.9 && random.chance(0.1) ? 1 : 0));
    const startN = todayN - 364 + Math.floor(((made + random.next() * size) / children) * 364);
    const referredOn = workingOnOrBefore(Math.min(startN, todayN));
    const referredAt = at(referredOn);
    if (referredAt.getTime() > now.getTime()) referredAt.setTime(now.getTime() - random.int(10, 120) * 60_000);
    const ethnicityFamily = random.weighted(ETHNICITY);
    // Many families who do not give an ethnicity are Roma too (the seed's schools say so; it cannot be assumed).
    const roma = ethnicityFamily === 'WROM' || ((ethnicityFamily === 'NOBT' || ethnicityFamily === 'REFU') && random.chance(0.5));
    const familyName = roma ? random.pick(ROMA_FAMILY) : random.pick(FAMILY);
    const localityPick = random.weighted([...DEMO_LOCALITIES.map((l) => [l, l.share] as const), [null, NO_LOCALITY_SHARE] as const]);
    const [district, sector] = localityPick ? random.pick(localityPick.districts) : [0, null];
    const postcode = localityPick ? `FM${district} ${sector ?? random.int(1, 8)}${random.pick(POSTCODE_UNITS)}` : null;
    const line1 = `${random.int(1, 140)} ${random.pick(STREETS)}`;
    const source = random.weighted([['school', 58], ['admissions', 12], ['other_authority', 17], ['other', 13]] as const);
    const recurrent = random.chance(RECURRENT);
    const familyKey = randomUUID();
    const durationDays = Math.max(3, Math.round(-Math.log(1 - random.next()) * MEAN_OPEN_DAYS));
    const outcome = random.weighted(OUTCOMES);
    const country = random.pick(COUNTRIES);
    const authority = random.pick(OTHER_AUTHORITIES);
    // Siblings: different year groups, spread across the school years.
    for (let k = 0; k < size; k += 1) {
      made += 1;
      const yearN = random.int(0, 11);
      const yearGroup = YEAR_CODE(yearN);
      const dob = dobFor(random, yearN, referredOn);
      const female = random.chance(0.5);
      const given = roma ? random.pick(female ? ROMA_GIVEN_F : ROMA_GIVEN_M) : random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
      const personId = randomUUID();
      const lastSchool = source === 'school' || random.chance(0.6) ? schoolFor(yearN) : null;
      const referringSchool = source === 'school' ? lastSchool : null;
      personRows.push({
        id: personId, tenantId, dateOfBirth: dob, dobPrecision: 'exact', gender: female ? 'female' : 'male', ethnicity: ethnicityFamily, firstLanguage: roma ? 'Slovak' : 'English',
        createdByAgencyId: referringSchool?.agency_id ?? education, createdByUserId: null, synthetic: true,
      });
      nameRows.push({ tenantId, personId, type: 'legal', givenNames: given, familyName, isPrimary: true, searchText: nameSearchText(given, familyName) });
      if (postcode) addressRows.push({ tenantId, personId, line1, town: random.pick(TOWNS), postcode, fromDate: fromDayNumber(toDayNumber(referredOn) - random.int(60, 900)) });
      const loc = localityFor(postcode, rules);
      const reason =
        source === 'school'
          ? random.weighted([['deleted_from_roll', 45], ['unauthorised_absence', 40], ['did_not_arrive', 15]] as const)
          : source === 'admissions'
            ? random.weighted([['did_not_arrive', 60], ['not_on_roll', 40]] as const)
            : random.weighted([['not_on_roll', 80], ['other', 20]] as const);
      const fsm = random.chance(FSM) ? true : random.chance(0.8) ? false : null;
      const childName = `${given} ${familyName}`;

      // An earlier episode, closed, in the year or two before this one.
      if (recurrent) {
        const prevOn = workingOnOrBefore(toDayNumber(referredOn) - 366 - random.int(0, 300));
        const prevAt = at(prevOn);
        const prevClosed = workingOnOrBefore(Math.min(toDayNumber(prevOn) + random.int(10, 120), toDayNumber(referredOn) - 5));
        const prevOutcome = random.weighted([['found_other_la', 35], ['left_uk', 30], ['found_admissions', 20], ['enquiries_exhausted', 15]] as const);
        referralRows.push({
          id: randomUUID(), tenantId, reference: reference(prevAt), personId, childName, familyKey, referredAt: prevAt, source: 'school', reason: 'deleted_from_roll',
          referringAgencyId: lastSchool?.agency_id ?? null, lastSchoolUrn: lastSchool?.urn ?? null, lastSchoolName: lastSchool?.name ?? null,
          yearGroup: yearN >= 1 ? YEAR_CODE(yearN - 1) : 'N2', phase: phaseOf(yearN >= 1 ? YEAR_CODE(yearN - 1) : 'N2'), fsmEligible: fsm, ethnicity: ethnicityFamily, postcode, localityId: loc?.id ?? null,
          jointEnquiryDueOn: jointDue(prevOn), narrative: `Left ${lastSchool?.name ?? 'school'} without a destination given; the family was believed to have travelled to ${country}.`,
          status: 'closed', closedAt: at(prevClosed), outcomeCode: prevOutcome, foundAt: prevOutcome === 'found_other_la' ? authority : null,
          outcomeNote: prevOutcome === 'left_uk' ? `Border Force confirmed travel to ${country}.` : null, restricted: false, createdByUserId: officer, createdAt: prevAt,
        });
        enquiryRows.push({ tenantId, referralId: referralRows.at(-1)!.id!, kind: 'home_visit', madeOn: workingOnOrAfter(toDayNumber(prevOn) + 2), result: 'House empty; a neighbour said the family had gone abroad.', recordedByUserId: localityWorker!, recordedAt: at(workingOnOrAfter(toDayNumber(prevOn) + 2)) });
      }

      const closedN = toDayNumber(referredOn) + durationDays;
      const closed = closedN < todayN;
      const closedOn = closed ? workingOnOrBefore(closedN) : null;
      const closedAt = closedOn ? at(closedOn, 10, 17) : null;
      const finalClosedAt = closedAt && closedAt.getTime() <= referredAt.getTime() ? new Date(referredAt.getTime() + 3_600_000) : closedAt;
      if (!closed) open += 1;
      const foundAt =
        outcome === 'found_school_other_la' ? `${random.pick(OTHER_SCHOOLS)}, ${authority}` : outcome === 'found_other_la' ? authority : outcome === 'found_local_school' ? random.pick(schools).name : null;
      const referralId = randomUUID();
      const whoReferred = referringSchool ? referringSchool.name : source === 'admissions' ? 'School admissions' : source === 'other_authority' ? authority : 'the health visiting team';
      const narrative = {
        deleted_from_roll: `${given} was taken off roll at ${lastSchool?.name ?? 'their school'} after the family said they were moving; no new school has asked for the records. Last seen ${size > 1 ? 'with their brothers and sisters ' : ''}at the school gate before the holiday.`,
        unauthorised_absence: `${given} has missed 10 school days in a row without explanation. Phone calls unanswered; a letter came back. ${roma ? `The family has family in ${country} and has travelled before.` : 'Mum’s phone is disconnected.'}`,
        did_not_arrive: `${given} was offered a place and did not arrive on the start date. The address on the application is ${postcode ? 'in Fernmoor' : 'not known'}.`,
        not_on_roll: `${whoReferred} told us ${given} is living in Fernmoor and is not on any school roll.`,
        other: `${whoReferred} raised a concern that ${given} is not in education.`,
      }[reason]!;
      referralRows.push({
        id: referralId, tenantId, reference: reference(referredAt), personId, childName, familyKey, referredAt, source, reason,
        referringAgencyId: referringSchool?.agency_id ?? null, lastSchoolUrn: lastSchool?.urn ?? null, lastSchoolName: lastSchool?.name ?? null,
        yearGroup, phase: phaseOf(yearGroup), fsmEligible: fsm, ethnicity: ethnicityFamily, postcode, localityId: loc?.id ?? null, jointEnquiryDueOn: jointDue(referredOn),
        narrative, status: closed ? 'closed' : 'open', closedAt: closed ? finalClosedAt : null, outcomeCode: closed ? outcome : null, foundAt: closed ? foundAt : null,
        outcomeNote: closed && outcome === 'left_uk' ? `Border Force confirmed the family travelled to ${country}.` : null,
        restricted: random.chance(0.01), createdByUserId: source === 'school' ? null : officer, createdAt: referredAt,
      });
      if (referringSchool) schoolReferralsOf.set(referringSchool.urn, (schoolReferralsOf.get(referringSchool.urn) ?? 0) + 1);

      // Enquiries: between the referral and the close (or now), one to five.
      const endN = closedOn ? toDayNumber(closedOn) : todayN;
      const startEnq = toDayNumber(referredOn);
      const count = Math.min(5, Math.max(1, Math.round((endN - startEnq) / 12)), random.int(1, 5));
      const kinds: string[] = ['home_visit', ...(lastSchool ? ['school'] : []), ...(outcome === 'left_uk' ? ['border_force'] : []), ...(outcome === 'found_other_la' || outcome === 'found_school_other_la' ? ['other_authority'] : []), 'health', 'admissions', 'police', 'housing'];
      for (let q = 0; q < count && endN > startEnq; q += 1) {
        const onN = startEnq + Math.max(0, Math.round(((q + 1) / (count + 1)) * (endN - startEnq)));
        const madeOn = workingOnOrBefore(Math.min(onN, endN));
        if (toDayNumber(madeOn) < startEnq) continue;
        const kind = kinds[q] ?? random.pick(kinds);
        const result = {
          home_visit: random.pick(['No answer; card left. Neighbours say the family are away.', 'Spoke to an adult at the address who said the children are with relatives.', 'House appears empty; curtains closed, post piling up.', 'Family at home: the children were seen and a school place is being sought.']),
          school: `Checked with ${lastSchool?.name ?? 'the school'}: no contact from the family; no request for records from another school.`,
          border_force: `Border Force check: travel to ${country} recorded.`,
          other_authority: `${authority} confirms the family has applied for a school place there.`,
          health: 'GP practice: still registered; no recent appointments.',
          admissions: 'No in-year application received.',
          police: 'Police have no recent contact with the family.',
          housing: 'Housing: the tenancy was given up last month.',
          other: 'No further information.',
        }[kind]!;
        enquiryRows.push({ tenantId, referralId, kind, madeOn, result, recordedByUserId: random.pick(workers), recordedAt: new Date(Math.max(at(madeOn).getTime(), referredAt.getTime() + 60_000)) });
      }

      if (closed && outcome === 'home_educated' && closedOn) {
        const registrationId = randomUUID();
        registrationRows.push({ id: registrationId, tenantId, personId, childName, cmeReferralId: referralId, registeredOn: closedOn, previousSchoolUrn: lastSchool?.urn ?? null, yearGroup, localityId: loc?.id ?? null, status: 'active', createdByUserId: officer, createdAt: finalClosedAt! });
        check(registrationId, closedOn, false);
        registered += 1;
      }
    }
  }

  // ——— the college's own referrals: 14-16 students who did not arrive ———
  if (college) {
    for (let i = 0; i < Math.max(2, Math.round(5 * scale)); i += 1) {
      const referredOn = workingOnOrBefore(todayN - random.int(5, 300));
      const referredAt = at(referredOn);
      const dob = dobFor(random, 11, referredOn);
      const female = random.chance(0.5);
      const given = random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
      const familyName = random.pick(FAMILY);
      const personId = randomUUID();
      const district = random.pick(DEMO_LOCALITIES[0]!.districts)[0];
      const postcode = `FM${district} ${random.int(1, 8)}${random.pick(POSTCODE_UNITS)}`;
      personRows.push({ id: personId, tenantId, dateOfBirth: dob, dobPrecision: 'exact', gender: female ? 'female' : 'male', ethnicity: 'WBRI', firstLanguage: 'English', createdByAgencyId: college.agency_id, synthetic: true });
      nameRows.push({ tenantId, personId, type: 'legal', givenNames: given, familyName, isPrimary: true, searchText: nameSearchText(given, familyName) });
      addressRows.push({ tenantId, personId, line1: `${random.int(1, 140)} ${random.pick(STREETS)}`, town: 'Fernmoor', postcode, fromDate: fromDayNumber(toDayNumber(referredOn) - 400) });
      const closed = i % 2 === 0 && toDayNumber(referredOn) + 40 < todayN;
      const closedOn = closed ? workingOnOrBefore(toDayNumber(referredOn) + random.int(15, 40)) : null;
      const id = randomUUID();
      referralRows.push({
        id, tenantId, reference: reference(referredAt), personId, childName: `${given} ${familyName}`, familyKey: randomUUID(), referredAt, source: 'school', reason: 'did_not_arrive',
        referringAgencyId: college.agency_id, lastSchoolUrn: college.urn, lastSchoolName: college.name, yearGroup: '11', phase: 'secondary', fsmEligible: random.chance(FSM), ethnicity: 'WBRI', postcode,
        localityId: localityFor(postcode, rules)?.id ?? null, jointEnquiryDueOn: jointDue(referredOn),
        narrative: `${given} was offered a place on the college’s 14-16 programme after leaving their secondary school and did not arrive on the start date. Mum said they would start “next week”; nothing since.`,
        status: closed ? 'closed' : 'open', closedAt: closedOn ? at(closedOn, 10, 17) : null, outcomeCode: closed ? 'found_local_school' : null, foundAt: closed ? 'Fernmoor High School' : null,
        restricted: false, createdByUserId: null, createdAt: referredAt,
      });
      enquiryRows.push({ tenantId, referralId: id, kind: 'home_visit', madeOn: workingOnOrAfter(toDayNumber(referredOn) + 3), result: 'Spoke to mum at the door; the young person was in bed.', recordedByUserId: localityWorker!, recordedAt: at(workingOnOrAfter(toDayNumber(referredOn) + 3)) });
      if (!closed) open += 1;
      made += 1;
    }
  }

  // ——— children on the home education register directly (parents told the authority) ———
  for (let i = 0; i < Math.round(60 * scale); i += 1) {
    const registeredOn = workingOnOrBefore(todayN - random.int(10, 900));
    const yearN = random.int(1, 10);
    const female = random.chance(0.5);
    const given = random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
    const familyName = random.pick(FAMILY);
    const personId = randomUUID();
    const loc = random.weighted(DEMO_LOCALITIES.map((l) => [l, l.code === 'central' ? 30 : 20] as const));
    const [district, sector] = random.pick(loc.districts);
    const postcode = `FM${district} ${sector ?? random.int(1, 8)}${random.pick(POSTCODE_UNITS)}`;
    personRows.push({ id: personId, tenantId, dateOfBirth: dobFor(random, yearN, registeredOn), dobPrecision: 'exact', gender: female ? 'female' : 'male', ethnicity: random.pick(['WBRI', 'WBRI', 'WOTH', 'NOBT']), firstLanguage: 'English', createdByAgencyId: education, synthetic: true });
    nameRows.push({ tenantId, personId, type: 'legal', givenNames: given, familyName, isPrimary: true, searchText: nameSearchText(given, familyName) });
    addressRows.push({ tenantId, personId, line1: `${random.int(1, 140)} ${random.pick(STREETS)}`, town: random.pick(TOWNS), postcode, fromDate: fromDayNumber(toDayNumber(registeredOn) - 500) });
    const registrationId = randomUUID();
    const ended = random.chance(0.12) && toDayNumber(registeredOn) + 120 < todayN;
    const endedOn = ended ? workingOnOrBefore(toDayNumber(registeredOn) + random.int(60, Math.min(600, todayN - toDayNumber(registeredOn)))) : null;
    registrationRows.push({
      id: registrationId, tenantId, personId, childName: `${given} ${familyName}`, cmeReferralId: null, registeredOn, previousSchoolUrn: random.chance(0.7) ? random.pick(schools).urn : null,
      yearGroup: YEAR_CODE(yearN), localityId: localityFor(postcode, rules)?.id ?? null, status: ended ? 'ended' : 'active', endedOn, endReason: ended ? random.pick(['returned_to_school', 'moved_away']) : null,
      createdByUserId: officer, createdAt: at(registeredOn),
    });
    if (!(random.chance(0.08) && !ended)) check(registrationId, registeredOn, ended);
    registered += 1;
  }

  await insertMany(db, person, personRows);
  await insertMany(db, personName, nameRows);
  await insertMany(db, personAddress, addressRows);
  await insertMany(db, cmeReferral, referralRows);
  await insertMany(db, cmeEnquiry, enquiryRows);
  await insertMany(db, eheRegistration, registrationRows);
  // A check for a registration that ended is kept only if it was before the end.
  const endedOn = new Map(registrationRows.filter((r) => r.endedOn).map((r) => [r.id!, r.endedOn!]));
  await insertMany(db, eheCheck, checkRows.filter((c) => !endedOn.has(c.registrationId) || c.checkedOn <= endedOn.get(c.registrationId)!));
  await db.execute(sql`select setval('cme_referral_reference_seq', ${Math.max(ref, 1)})`);
  const inYear = referralRows.filter((r) => (r.referredAt as Date).getTime() > now.getTime() - 365 * DAY).length;
  log(`children missing education: ${referralRows.length} referrals (${inYear} in the year, ${families} families, ${open} open), ${registered} on the home education register; schools: ${[...schoolReferralsOf].map(([u, n]) => `${u} ${n}`).join(', ')}; found outcomes ${FOUND_OUTCOMES.size}`);
  return { referrals: referralRows.length, inYear, families, open, registered };
}

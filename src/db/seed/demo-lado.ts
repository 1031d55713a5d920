/**
 * Demo allegations against people who work with children for Fernmoor: a year of the designated officer's (LADO's)
 * work. Volumes follow the seed board report (`004_7aa2e81ce8b2f59d.txt`, Rotherham LSCB 2017/18, section 7, Safer
 * Workforce): for `scale` 1, 96 enquiries progressed to the LADO process and 739 queries of this kind where advice
 * and guidance was given (some passed to another area's LADO), in the 365 days up to `now`; the categories of abuse
 * reported (physical and emotional harm the highest, physical restraint repeatedly considered) and the employing
 * sectors (secondary education and local authority foster carers the most; primary, teaching assistants, early
 * years, childminders, independent foster carers, residential, health, social care, police, transport, youth work,
 * faith organisations, the voluntary sector, private tutors). A few arrived in the last working day, to decide.
 *
 * Each progressed allegation has an allegation management meeting within days, reviews about every six weeks while
 * it is open, and actions with their owners (the employer, the police, children's social care) and due dates, most
 * done. About a third involve the police; many of those stay open for months awaiting the investigation (or the
 * forensic examination of devices), with the reason recorded. Outcomes in plausible proportions, with the
 * employer's actions (suspensions, dismissals referred to the DBS, referrals to the TRA, NMC or Ofsted, training).
 * Education allegations are mostly about the demo's schools, the DSL users' two schools (Bracken Way Primary,
 * Fernmoor Sixth Form College) among them, so their employer pages have content.
 *
 * Adults and children are synthetic names (no register records: these allegations have no front-door contact behind
 * them); each child's age, in the narrative, fits the setting. Every date is in order, on a working day where a
 * person acts, and nothing is after now. Deterministic: a seeded generator of its own.
 */
import { sql } from 'drizzle-orm';
import { type Database } from '../client.js';
import { ladoAction, ladoAllegation, ladoChild, ladoMeeting } from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { encodeEmployerAction, type EmployerAction } from '../../domain/lado.js';
import { type LocalDate, addDays, instantAt, toDayNumber } from '../../domain/time.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names.js';
import { Random } from './random.js';

export interface LadoSeedInput {
  tenantId: string;
  /** 'csc', 'police', 'health', 'education', 'voluntary', 'school:990101', … → agency id. */
  agencyIds: ReadonlyMap<string, string>;
  /** The part before @ of the demo users' emails → user id. */
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

export interface LadoSeedSummary {
  progressed: number;
  advice: number;
  toDecide: number;
  meetings: number;
  actions: number;
}

const SEED = 20_261_216;
const HOUR = 3_600_000;
const PROGRESSED = 96;
const ADVICE = 739;
const TO_DECIDE = 4;
const ANOTHER_AREA = 0.06;
const DECIDED_IN_TIME = 0.93;
const POLICE_INVOLVED = 0.36;

/** Categories of abuse reported, 2017/18 (physical and emotional harm the highest). */
const CATEGORIES: readonly (readonly [string, number])[] = [
  ['physical', 22], ['physical_restraint', 13], ['emotional', 20], ['sexual', 10], ['historical_sexual', 6], ['historical', 4], ['cse', 3], ['neglect', 6], ['person_posing_risk', 9], ['conduct', 7],
];

/** Employing sectors, 2017/18 (secondary education and local authority foster carers the most). */
const SECTORS: readonly (readonly [string, number])[] = [
  ['education_secondary', 18], ['foster_carer_la', 18], ['education_primary', 11], ['teaching_assistant', 8], ['early_years', 6], ['residential', 6], ['foster_carer_independent', 6], ['health', 5],
  ['social_care', 3], ['police', 2], ['transport', 3], ['youth_work', 3], ['faith', 2], ['voluntary', 3], ['private_tutor', 2], ['childminder', 2], ['family_support', 2],
];

const ROLES: Record<string, readonly string[]> = {
  education_secondary: ['Teacher of PE', 'Teacher of science', 'Head of year', 'Teacher of English', 'Cover supervisor', 'Lecturer'],
  education_primary: ['Class teacher (year 4)', 'Class teacher (year 2)', 'Deputy headteacher', 'Lunchtime supervisor'],
  teaching_assistant: ['Teaching assistant', 'Higher level teaching assistant', 'Special needs teaching assistant'],
  early_years: ['Nursery practitioner', 'Nursery room leader'],
  childminder: ['Registered childminder'],
  foster_carer_la: ['Foster carer (council)'],
  foster_carer_independent: ['Foster carer (independent fostering agency)'],
  residential: ['Residential support worker', 'Night care worker'],
  health: ['Staff nurse (children’s ward)', 'Health care assistant', 'Paediatric physiotherapist'],
  social_care: ['Social worker', 'Contact supervisor'],
  family_support: ['Family support worker'],
  police: ['Police constable', 'Police community support officer'],
  transport: ['School taxi driver', 'Passenger assistant'],
  youth_work: ['Youth worker', 'Sports coach'],
  faith: ['Youth leader (church)', 'Madrasah teacher'],
  voluntary: ['Scout leader', 'Volunteer mentor'],
  private_tutor: ['Private tutor'],
};

const EMPLOYERS: Record<string, readonly string[]> = {
  early_years: ['Little Sprouts Day Nursery', 'Bright Start Nursery'],
  childminder: ['Self-employed (registered with Ofsted)'],
  foster_carer_independent: ['Moorland Fostering Ltd', 'Northern Hearts Fostering'],
  residential: ['Ashdene Children’s Home', 'Oak Lodge Residential'],
  social_care: ['Fernmoor Children’s Services'],
  transport: ['Fernmoor Cabs (school transport contract)'],
  youth_work: ['Fernmoor Youth Service', 'Kelsey Bridge Juniors FC'],
  faith: ['St Mark’s Church', 'Fernmoor Islamic Centre'],
  voluntary: ['1st Fernmoor Scouts', 'Fernmoor Mentoring Project'],
  private_tutor: ['Self-employed'],
};

/** A child's age that fits the setting. */
const AGES: Record<string, readonly [number, number]> = {
  education_primary: [4, 11], teaching_assistant: [4, 15], early_years: [1, 4], childminder: [1, 4], education_secondary: [11, 17],
};

const WHAT: Record<string, string> = {
  physical: 'grabbed the child by the arm, leaving a bruise',
  physical_restraint: 'restrained the child during an incident; the hold used was not one the setting trains',
  emotional: 'repeatedly shouted at and belittled the child in front of others',
  sexual: 'touched the child inappropriately',
  historical_sexual: 'sexually abused the child, now an adult, some years ago (disclosed recently)',
  historical: 'hit children in their care some years ago (a former child disclosed)',
  cse: 'sent the child messages on social media arranging to meet',
  neglect: 'left the children unsupervised for long periods',
  person_posing_risk: 'is being investigated by the police for an offence outside work that suggests a risk to children',
  conduct: 'shared personal contact details and messaged the child outside school',
};

const OUTCOMES: readonly (readonly [string, number])[] = [['substantiated', 32], ['unsubstantiated', 28], ['unfounded', 24], ['false', 11], ['malicious', 5]];

const REGULATOR: Record<string, string> = {
  education_secondary: 'tra', education_primary: 'tra', teaching_assistant: 'tra', health: 'nmc', early_years: 'ofsted', childminder: 'ofsted', social_care: 'swe', residential: 'ofsted',
};

/** A deterministic version-4 UUID from the generator. */
function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + rng.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

async function insertMany(db: Database, table: Parameters<Database['insert']>[0], values: readonly object[]): Promise<void> {
  for (let i = 0; i < values.length; i += 300) {
    const part = values.slice(i, i + 300);
    if (part.length) await db.insert(table).values(part as never);
  }
}

export async function seedLadoDemo(db: Database, input: LadoSeedInput): Promise<LadoSeedSummary> {
  const { tenantId, agencyIds, userIds, now, calendar } = input;
  const rng = new Random(SEED);
  const officer = userIds.get('lado');
  const service = agencyIds.get('education');
  if (!officer || !service) {
    input.log('lado: no designated officer in the demo');
    return { progressed: 0, advice: 0, toDecide: 0, meetings: 0, actions: 0 };
  }
  const agency = (key: string) => agencyIds.get(key) ?? null;
  const schools = [...agencyIds.entries()].filter(([k]) => k.startsWith('school:'));
  const schoolId = (urn: string) => agency(`school:${urn}`);
  // The DSL users' schools come up three times as often as the others of their phase.
  const PRIMARY = ['990101', '990101', '990101', '990102', '990103', '990501'].filter((u) => schoolId(u));
  const SECONDARY = ['990401', '990401', '990401', '990201', '990202', '990301'].filter((u) => schoolId(u));
  const today = calendar.dateOf(now);
  const from = addDays(today, -365);
  const scale = Math.max(input.scale, 0);

  const allegations: (typeof ladoAllegation.$inferInsert)[] = [];
  const children: (typeof ladoChild.$inferInsert)[] = [];
  const meetings: (typeof ladoMeeting.$inferInsert)[] = [];
  const actions: (typeof ladoAction.$inferInsert)[] = [];

  const name = () => `${rng.chance(0.55) ? rng.pick(GIVEN_FEMALE) : rng.pick(GIVEN_MALE)} ${rng.pick(FAMILY)}`;
  const workingDayIn = (start: LocalDate, end: LocalDate): LocalDate => {
    const span = Math.max(toDayNumber(end) - toDayNumber(start), 0);
    const d = addDays(start, rng.int(0, span));
    if (calendar.isWorkingDay(d)) return d;
    // A weekend or bank holiday at the end of the span (a Monday's "two days ago") goes back, never past the end.
    const next = calendar.nextWorkingDay(d);
    return toDayNumber(next) <= toDayNumber(end) ? next : calendar.workingDayOnOrBefore(d);
  };
  const at = (date: LocalDate, fromHour: number, toHour: number) => instantAt(date, rng.int(fromHour * 60, toHour * 60 - 1));
  const notAfterNow = (d: Date) => (d.getTime() > now.getTime() ? new Date(now.getTime() - rng.int(5, 60) * 60_000) : d);

  /** Who employs the adult and who referred: a demo school for education, the council, health or the police where they employ; a name otherwise. */
  function employerOf(sector: string): { employerAgencyId: string | null; employerName: string | null; referringAgencyId: string | null } {
    let employerAgencyId: string | null = null;
    if ((sector === 'education_primary' || (sector === 'teaching_assistant' && rng.chance(0.6))) && PRIMARY.length) employerAgencyId = schoolId(rng.pick(PRIMARY));
    else if ((sector === 'education_secondary' || sector === 'teaching_assistant') && SECONDARY.length) employerAgencyId = schoolId(rng.pick(SECONDARY));
    else if (sector === 'foster_carer_la' || sector === 'family_support') employerAgencyId = agency('csc');
    else if (sector === 'health') employerAgencyId = agency('health');
    else if (sector === 'police') employerAgencyId = agency('police');
    if (employerAgencyId === null && schools.length && sector.startsWith('education')) employerAgencyId = rng.pick(schools)[1];
    const employerName = employerAgencyId ? null : rng.pick(EMPLOYERS[sector] ?? ['Not known']);
    // Schools, health and the police refer their own; the council's fostering service its carers; otherwise the police, social care or the voluntary sector.
    const referringAgencyId = employerAgencyId && rng.chance(0.85) ? employerAgencyId : rng.weighted<string | null>([[agency('police'), 3], [agency('csc'), 4], [agency('health'), 1], [agency('voluntary'), 1]]);
    return { employerAgencyId, employerName, referringAgencyId };
  }

  function narrative(sector: string, category: string, childCount: number): { text: string; kids: string[] } {
    const [lo, hi] = AGES[sector] ?? [2, 17];
    const kids = Array.from({ length: childCount }, () => name());
    const ages = kids.map(() => rng.int(lo, hi));
    const who = kids.map((k, i) => `${k} (${ages[i]})`).join(' and ');
    return { text: `It is alleged the adult ${WHAT[category] ?? 'behaved in a way that may have harmed a child'}. Child${childCount > 1 ? 'ren' : ''}: ${who}.`, kids };
  }

  let seq = 0;
  function base(receivedDate: LocalDate, received: Date, sector: string, category: string, childCount: number) {
    const id = uuidFrom(rng);
    const who = employerOf(sector);
    const story = narrative(sector, category, childCount);
    for (const k of story.kids) children.push({ id: uuidFrom(rng), tenantId, allegationId: id, name: k });
    const due = calendar.workingDaysDeadline(received, 1);
    const decidedInTime = rng.chance(DECIDED_IN_TIME);
    const decidedAt = notAfterNow(decidedInTime ? new Date(Math.min(received.getTime() + rng.int(1, 5) * HOUR, due.getTime() - 10 * 60_000)) : at(calendar.addWorkingDays(receivedDate, 2), 9, 16));
    seq += 1;
    return {
      row: {
        id,
        tenantId,
        reference: `LADO-${receivedDate.slice(0, 4)}-${String(seq).padStart(6, '0')}`,
        owningAgencyId: service!,
        adultName: name(),
        roleTitle: rng.pick(ROLES[sector] ?? ['Volunteer']),
        ...who,
        sector,
        category,
        receivedAt: received,
        whatHappened: story.text,
        decisionDueAt: due,
        restricted: true,
        createdAt: received,
      },
      decidedAt: decidedAt.getTime() < received.getTime() ? new Date(received.getTime() + 30 * 60_000) : decidedAt,
    };
  }

  // ——— queries where advice and guidance was given (and some passed to another area) ———
  const adviceCount = Math.round(ADVICE * scale);
  const adviceDates = Array.from({ length: adviceCount }, () => workingDayIn(from, addDays(today, -2))).sort();
  for (const d of adviceDates) {
    const received = at(d, 9, 17);
    const b = base(d, received, rng.weighted(SECTORS), rng.weighted([...CATEGORIES, ['conduct', 30]]), rng.chance(0.5) ? 1 : 0);
    const another = rng.chance(ANOTHER_AREA);
    allegations.push({
      ...b.row,
      decision: another ? 'another_area' : 'advice',
      decisionReason: another ? 'The adult lives and works in a neighbouring authority: passed to its LADO the same day.' : rng.pick(['The harm test is not met: advice to the employer on its own conduct procedures.', 'Lacks detail to be recorded as a LADO investigation: advice and guidance given to the caller.', 'A practice concern, not a safeguarding one: advice to the setting on supervision and training.']),
      decidedAt: b.decidedAt,
      decidedByUserId: officer,
      allocatedUserId: officer,
      status: 'closed',
      closedAt: b.decidedAt,
    });
  }

  // ——— enquiries progressed to the LADO process ———
  const progressedCount = Math.round(PROGRESSED * scale);
  const progressedDates = Array.from({ length: progressedCount }, () => workingDayIn(from, addDays(today, -3))).sort();
  let overWithPolice = 0;
  for (const d of progressedDates) {
    const received = at(d, 8, 17);
    const sector = rng.weighted(SECTORS);
    const category = rng.weighted(CATEGORIES);
    const b = base(d, received, sector, category, rng.chance(0.25) ? 2 : 1);
    const id = b.row.id;
    const police = rng.chance(category === 'sexual' || category === 'historical_sexual' || category === 'cse' || category === 'person_posing_risk' ? 0.85 : POLICE_INVOLVED * 0.7);
    // Days to an outcome: weeks without the police, months with them.
    const resolveIn = police ? rng.int(70, 320) : rng.int(18, 110);
    const outcomeDate = calendar.addWorkingDays(d, Math.round(resolveIn * (5 / 7)));
    const resolved = outcomeDate <= addDays(today, -1);
    const ageDays = toDayNumber(today) - toDayNumber(d);
    let policeStatus = 'none';
    let policeOn: LocalDate | null = null;
    if (police) {
      policeOn = calendar.addWorkingDays(d, rng.int(1, 3));
      if (resolved) policeStatus = rng.weighted([['no_further_action', 60], ['convicted', 25], ['acquitted', 15]]);
      else policeStatus = ageDays > 150 ? rng.weighted([['investigating', 55], ['charged', 25], ['court', 20]]) : ageDays > 10 ? 'investigating' : 'referred';
      if (policeStatus !== 'referred' && policeStatus !== 'investigating') policeOn = resolved ? addDays(outcomeDate, -rng.int(3, 20)) : calendar.addWorkingDays(d, Math.min(Math.round(ageDays * 0.6), 200));
      if (policeOn > today) policeOn = today;
      if (policeOn < d) policeOn = d;
    }
    const over = !resolved && ageDays > 92;
    let openReason: string | null = null;
    if (over && police) {
      overWithPolice += 1;
      openReason = policeStatus === 'court' ? 'awaiting_court' : policeStatus === 'charged' ? 'awaiting_cps' : rng.chance(0.3) ? 'awaiting_forensics' : 'awaiting_police';
    } else if (over && rng.chance(0.7)) {
      openReason = rng.pick(['awaiting_employer', 'awaiting_fostering_panel', 'awaiting_regulator']);
    }
    let outcome: string | null = null;
    let outcomeOn: LocalDate | null = null;
    let employerActions: string[] = [];
    let closedAt: Date | null = null;
    const suspended = rng.chance(police ? 0.5 : 0.2) ? calendar.addWorkingDays(d, rng.int(0, 2)) : null;
    if (resolved) {
      outcome = rng.weighted(OUTCOMES);
      outcomeOn = outcomeDate;
      const acts: EmployerAction[] = [];
      if (suspended && suspended <= outcomeOn) acts.push({ code: 'suspension', on: suspended, regulator: null });
      if (outcome === 'substantiated') {
        const dismissed = rng.chance(0.45);
        if (dismissed) {
          const on = calendar.addWorkingDays(outcomeOn, rng.int(0, 3));
          const dbs = calendar.addWorkingDays(on, rng.int(1, 5));
          if (dbs <= today) {
            acts.push({ code: 'dismissal', on, regulator: null }, { code: 'dbs_referral', on: dbs, regulator: null });
            const regulator = REGULATOR[sector];
            if (regulator && rng.chance(0.6)) acts.push({ code: 'regulator_referral', on: dbs, regulator });
          }
        }
        if (!acts.some((a) => a.code === 'dismissal')) acts.push({ code: 'training', on: null, regulator: null });
      } else if (outcome === 'unsubstantiated' || outcome === 'unfounded') {
        acts.push(rng.chance(0.5) ? { code: 'training', on: null, regulator: null } : { code: 'no_further_action', on: null, regulator: null });
        if (acts.some((a) => a.code === 'no_further_action') && acts.length > 1) acts.splice(acts.findIndex((a) => a.code === 'no_further_action'), 1);
      } else if (acts.length === 0) {
        acts.push({ code: 'no_further_action', on: null, regulator: null });
      }
      employerActions = acts.map(encodeEmployerAction);
      if (rng.chance(0.9)) closedAt = notAfterNow(at(calendar.addWorkingDays(outcomeOn, rng.int(1, 8)), 9, 17));
    } else if (suspended && suspended <= today) {
      employerActions = [encodeEmployerAction({ code: 'suspension', on: suspended, regulator: null })];
    }

    // Meetings: one within days, then reviews about every six weeks until the outcome (or now).
    const until = outcomeOn ?? today;
    const police_ = agency('police');
    const employerAgency = b.row.employerAgencyId;
    let held = calendar.addWorkingDays(d, rng.int(2, 6));
    let n = 0;
    while (held <= until && held <= addDays(today, -1) && n < 6) {
      const meetingId = uuidFrom(rng);
      const heldAt = notAfterNow(at(held, 9, 15));
      const next = calendar.addWorkingDays(held, rng.int(25, 35));
      const attendees = [
        { agencyId: service, name: 'Lee Designated', role: 'lado' },
        ...(police ? [{ agencyId: police_, name: `DC ${rng.pick(FAMILY)}`, role: 'police' }] : []),
        { agencyId: employerAgency, name: name(), role: 'employer' },
        ...(rng.chance(0.7) ? [{ agencyId: employerAgency, name: name(), role: 'hr' }] : []),
        ...(rng.chance(0.5) || sector.startsWith('foster') ? [{ agencyId: agency('csc'), name: name(), role: sector.startsWith('foster') ? 'fostering' : 'social_care' }] : []),
      ];
      meetings.push({
        id: meetingId,
        tenantId,
        allegationId: id,
        heldAt,
        attendees,
        decisions: n === 0
          ? `${police ? 'Police to lead a criminal investigation; the employer’s own investigation to wait for it. ' : 'The employer to investigate under its disciplinary procedure. '}${suspended ? 'The adult is suspended while the allegation is investigated. ' : 'Suspension considered: not needed with the safeguards agreed. '}Support for the child${b.row.whatHappened.includes(' and ') ? 'ren' : ''} and family.`
          : `Review: ${police ? 'the police investigation continues' : 'the employer’s investigation continues'}; actions reviewed.`,
        reviewOn: held < until || !resolved ? next : null,
        recordedByUserId: officer,
        recordedAt: heldAt,
      });
      const mine = [
        { description: n === 0 ? 'Risk assessment for the child and a support plan in the setting' : 'Update the risk assessment', ownerAgencyId: employerAgency, ownerName: employerAgency ? null : (b.row.employerName ?? 'The employer') },
        ...(police ? [{ description: n === 0 ? 'Interview the adult under caution and secure any devices' : 'Update the LADO on the investigation', ownerAgencyId: police_, ownerName: null }] : []),
        ...(n === 0 && rng.chance(0.5) ? [{ description: 'Visit the family and offer support', ownerAgencyId: agency('csc'), ownerName: null }] : []),
      ];
      for (const a of mine) {
        const dueOn = calendar.addWorkingDays(held, rng.int(5, 15));
        const doneOn = dueOn <= today && rng.chance(0.85) ? (() => {
          const x = calendar.addWorkingDays(held, rng.int(1, 18));
          return x > today ? today : x;
        })() : null;
        actions.push({ id: uuidFrom(rng), tenantId, allegationId: id, meetingId, ...a, dueOn, doneOn });
      }
      n += 1;
      held = next;
    }

    allegations.push({
      ...b.row,
      decision: 'lado_process',
      decisionReason: rng.pick(['The harm test is met: the adult may have harmed a child.', 'The harm test is met: a possible criminal offence against a child.', 'The harm test is met: behaviour that indicates a possible risk of harm to children.']),
      decidedAt: b.decidedAt,
      decidedByUserId: officer,
      allocatedUserId: officer,
      status: closedAt ? 'closed' : 'in_process',
      policeStatus,
      policeUpdatedOn: policeOn,
      openReason,
      outcome,
      outcomeOn,
      employerActions,
      closedAt,
    });
  }

  // ——— arrived in the last working day: to decide ———
  const toDecide = Math.max(Math.round(TO_DECIDE * scale), scale > 0 ? 1 : 0);
  for (let i = 0; i < toDecide; i += 1) {
    const received = new Date(now.getTime() - rng.int(1, 20) * HOUR);
    const d = calendar.dateOf(received);
    const b = base(d, received, rng.weighted(SECTORS), rng.weighted(CATEGORIES), 1);
    allegations.push({ ...b.row });
  }

  await insertMany(db, ladoAllegation, allegations);
  await insertMany(db, ladoChild, children);
  await insertMany(db, ladoMeeting, meetings);
  await insertMany(db, ladoAction, actions);
  await db.execute(sql`select setval('lado_allegation_reference_seq', greatest((select coalesce(max(substring(reference from '\\d{6}$')::int), 0) from lado_allegation), 1))`);
  input.log(`lado: ${progressedCount} progressed (${overWithPolice} open over 3 months with the police), ${adviceCount} advice, ${toDecide} to decide, ${meetings.length} meetings, ${actions.length} actions`);
  return { progressed: progressedCount, advice: adviceCount, toDecide, meetings: meetings.length, actions: actions.length };
}

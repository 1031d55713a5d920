/**
 * Demo Deprivation of Liberty Safeguards applications for Fernmoor: a year of applications from its care homes and
 * hospitals at the seed report's volume, with the backlog the report worries about.
 *
 * The seed board report (`004_7aa2e81ce8b2f59d.txt`, "Mental Capacity Act and Deprivation of Liberty Safeguards",
 * 2017/18): 1,190 applications in the year, 227 authorised, 4 not authorised, 738 screened and unallocated. So, for
 * `scale` 1: about 1,190 applications received over the last 365 days, about 62% of them still unallocated at the
 * end of the year (mostly the lower priorities: high priority ones are taken first), and the rest allocated to an
 * assessor, granted (6 to 12 months, some expiring within the next 28 days), not granted (rarely) or withdrawn (the
 * person died, went home or moved). Urgent applications have their urgent authorisation on or before receipt, and
 * some were extended; assessments are completed between allocation and decision; a decision follows its six
 * assessments (granted: all met; not granted: one not met). The people are adults, mostly aged 65 to 100.
 *
 * Managing authorities are the demo's care homes and hospital wards (`care_provider`) when the providers' seed has
 * made them, or invented names of our own. Every name and note is invented. Deterministic: a seeded generator of its
 * own, so the rest of the demo is unchanged by it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../client.js';
import { dolsApplication, dolsAssessment } from '../schema/index.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import {
  type AssessmentKind,
  type DolsKind,
  type DolsSetting,
  type DolsStatus,
  SCREENING_FACTORS,
  maxAuthorisedUntil,
  priorityRank,
  priorityReasonText,
  screenPriority,
  urgentExpiresOn,
} from '../../domain/dols.js';
import { type LocalDate, addDays, formatLocalDate, instantAt, parseLocalDate, toDayNumber } from '../../domain/time.js';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE } from './names.js';
import { Random } from './random.js';

export interface DolsSeedInput {
  tenantId: string;
  agencyIds: ReadonlyMap<string, string>;
  userIds: ReadonlyMap<string, string>;
  now: Date;
  calendar: WorkingCalendar;
  scale: number;
  log: (message: string) => void;
}

const SEED = 20_261_215;

/** The seed's year: 1,190 applications, 738 of them unallocated at its end. */
const PER_YEAR = 1190;
const UNALLOCATED_SHARE = 738 / 1190;

interface Authority {
  name: string;
  setting: DolsSetting;
  providerId: string | null;
}

/** Our own names, when the providers' seed has not made any care homes or hospitals. */
const OWN_CARE_HOMES = ['Moorside Nursing Home', 'Bracken Lodge', 'Kelsey Bridge Residential Home', 'Larch House', 'Foxglove Court Care Centre', 'Orchard Rise Nursing Home', 'Pennine View Care Home', 'Linnet Gardens', 'Ashby Fern Manor', 'Weavers Walk Nursing Home'];
const OWN_HOSPITALS = ['Fernmoor General Hospital, Ward 12 (older people)', 'Fernmoor General Hospital, Ward 7 (stroke)', 'Kelsey Bridge Community Hospital'];

const CONDITIONS: Record<DolsSetting, string[]> = {
  care_home: [
    'The home to support at least one outing a week in the community with a member of staff, and to record it.',
    'The use of bed rails and the sensor mat to be reviewed with the person’s family within four weeks.',
    'Medication given covertly to be reviewed by the GP and the pharmacist every month, and the plan kept with the medication records.',
    'The home to refer for an assessment of the person’s communication needs and use what it recommends.',
  ],
  hospital: [
    'The ward to involve the person’s daughter in planning the discharge, as the person wishes.',
    'The ward to review the need for one-to-one observation every day and record the reasons.',
  ],
};
const WITHDRAWN_CARE_HOME = ['The person died before the assessments were completed.', 'Moved to a care home in another area: the new home will apply to that area.', 'The home reports that the restrictions have been removed and the person is free to leave.'];
const WITHDRAWN_HOSPITAL = ['Discharged home before the assessments were completed.', 'Discharged to a care home, which has made its own application.', 'The person died on the ward.'];

const NOT_MET: Partial<Record<AssessmentKind, string>> = {
  mental_capacity: 'Able to understand, retain and weigh the information about where to live and the care here, and to communicate a decision: has capacity to decide.',
  best_interests: 'Not deprived of liberty: free to go out and not under continuous supervision and control.',
  eligibility: 'Objects to being in hospital for treatment of a mental disorder: the Mental Health Act 1983 applies instead.',
};

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A date some whole months on (the last day of the month when the day does not exist then). */
function monthsOn(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatLocalDate(y, m, Math.min(day, last));
}

/** An instant on a London date within working hours, after `notBefore` when given. */
function timeOn(random: Random, date: LocalDate, notBefore?: Date): Date {
  const at = instantAt(date, random.int(8 * 60 + 30, 16 * 60 + 30));
  return notBefore && at.getTime() <= notBefore.getTime() ? new Date(notBefore.getTime() + random.int(10, 90) * 60_000) : at;
}

async function authorities(db: Database, tenantId: string): Promise<Authority[]> {
  const found = await rows<{ id: string; name: string; service_type: string }>(db, sql`select id, name, service_type from care_provider where tenant_id = ${tenantId} and active order by name`);
  const homes: Authority[] = found.filter((p) => p.service_type.startsWith('care_home')).map((p) => ({ name: p.name, setting: 'care_home', providerId: p.id }));
  const hospitals: Authority[] = found.filter((p) => p.service_type === 'hospital').map((p) => ({ name: p.name, setting: 'hospital', providerId: p.id }));
  return [
    ...(homes.length ? homes : OWN_CARE_HOMES.map((name) => ({ name, setting: 'care_home' as const, providerId: null }))),
    ...(hospitals.length ? hospitals : OWN_HOSPITALS.map((name) => ({ name, setting: 'hospital' as const, providerId: null }))),
  ];
}

interface Planned {
  id: string;
  receivedOn: LocalDate;
  receivedAt: Date;
  kind: DolsKind;
  urgentFrom: LocalDate | null;
  authority: Authority;
  personName: string;
  dateOfBirth: LocalDate;
  factors: string[];
  priority: 'high' | 'medium' | 'low';
  score: number;
}

export async function seedDolsDemo(db: Database, input: DolsSeedInput): Promise<void> {
  const { tenantId, now, calendar } = input;
  const random = new Random(SEED);
  const today = calendar.dateOf(now);
  const lead = input.userIds.get('dols') ?? null;
  const assessorPool = [input.userIds.get('bia'), input.userIds.get('bia'), input.userIds.get('bia'), lead].filter((id): id is string => !!id);
  const where = await authorities(db, tenantId);
  const homes = where.filter((a) => a.setting === 'care_home');
  const hospitals = where.filter((a) => a.setting === 'hospital');
  const count = Math.max(12, Math.round(PER_YEAR * input.scale));

  // ——— the applications as received ———
  const planned: Planned[] = [];
  for (let i = 0; i < count; i += 1) {
    const receivedOn = addDays(today, -random.int(1, 365));
    const hospital = random.chance(0.22);
    const authority = random.pick(hospital ? hospitals : homes);
    const kind: DolsKind = random.chance(hospital ? 0.75 : 0.3) ? 'urgent' : 'standard';
    const urgentFrom = kind === 'urgent' ? addDays(receivedOn, -random.weighted([[0, 6], [1, 3], [2, 1]] as const)) : null;
    const female = random.chance(0.6);
    const personName = `${random.pick(female ? GIVEN_FEMALE : GIVEN_MALE)} ${random.pick(FAMILY)}`;
    // Mostly older people (dementia); some younger adults with a learning disability or a mental illness.
    const age = random.chance(0.12) ? random.int(19, 64) : 65 + Math.round(((random.next() + random.next() + random.next()) / 3) * 35);
    const dateOfBirth = addDays(receivedOn, -(age * 365 + Math.floor(age / 4) + random.int(1, 360)));
    const factors = SCREENING_FACTORS.filter((f) => f.code !== 'urgent_authorisation' && random.chance(f.priority === 'high' ? 0.04 : 0.1)).map((f) => f.code);
    const { priority } = screenPriority(kind, factors);
    // High priority first (the ADASS tool), though not only: the allocated ones are mostly, not all, high.
    const score = priorityRank(priority) * 0.45 + random.next() * 1.5;
    planned.push({ id: randomUUID(), receivedOn, receivedAt: timeOn(random, receivedOn), kind, urgentFrom, authority, personName, dateOfBirth, factors, priority, score });
  }
  planned.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const taken = new Set([...planned].sort((a, b) => b.score - a.score).slice(0, Math.round(count * (1 - UNALLOCATED_SHARE))).map((p) => p.id));

  const ref0 = Number((await one<{ n: number }>(db, sql`select nextval('dols_application_reference_seq') as n`))!.n);
  let refN = ref0 - 1;
  const applicationRows: (typeof dolsApplication.$inferInsert)[] = [];
  const assessmentRows: (typeof dolsAssessment.$inferInsert)[] = [];
  const tally: Record<DolsStatus, number> = { received: 0, allocated: 0, granted: 0, not_granted: 0, withdrawn: 0 };

  for (const p of planned) {
    refN += 1;
    const row: typeof dolsApplication.$inferInsert = {
      id: p.id,
      tenantId,
      reference: `DOLS-${p.receivedOn.slice(0, 4)}-${String(refN).padStart(6, '0')}`,
      personName: p.personName,
      dateOfBirth: p.dateOfBirth,
      providerId: p.authority.providerId,
      managingAuthority: p.authority.name,
      setting: p.authority.setting,
      kind: p.kind,
      receivedAt: p.receivedAt,
      urgentFrom: p.urgentFrom,
      priority: p.priority,
      priorityReason: priorityReasonText(p.kind, p.factors, null),
      status: 'received',
      createdByUserId: lead,
      createdAt: p.receivedAt,
    };
    applicationRows.push(row);
    if (!taken.has(p.id) || assessorPool.length === 0) {
      tally.received += 1;
      continue;
    }

    // ——— allocated: high priority within days, the rest after weeks ———
    const waitedSoFar = toDayNumber(today) - toDayNumber(p.receivedOn);
    const delay = p.kind === 'urgent' ? random.int(0, 1) : p.priority === 'high' ? random.int(0, 5) : p.priority === 'medium' ? random.int(5, 40) : random.int(20, 90);
    const allocatedOn = addDays(p.receivedOn, Math.min(delay, waitedSoFar - 1));
    const allocatedAt = timeOn(random, allocatedOn, p.receivedAt);
    const assessor = random.pick(assessorPool);
    Object.assign(row, { status: 'allocated', assessorUserId: assessor, allocatedAt });

    // ——— the assessments, then the decision (a few stall: still allocated, overdue, an assessment or more to go) ———
    const stalled = random.chance(0.15);
    const work = stalled ? random.int(60, 200) : p.kind === 'urgent' ? random.int(2, 8) : random.int(10, 60);
    let decisionOn = addDays(allocatedOn, work);
    const urgentEnds = p.urgentFrom ? urgentExpiresOn(p.urgentFrom, false) : null;
    if (p.urgentFrom && urgentEnds && decisionOn > urgentEnds && allocatedOn <= urgentEnds) {
      const extendedOn = addDays(p.urgentFrom, random.int(5, 7));
      if (extendedOn < today) row.urgentExtendedAt = timeOn(random, extendedOn < allocatedOn ? allocatedOn : extendedOn, allocatedAt);
      const extendedEnds = urgentExpiresOn(p.urgentFrom, true);
      if (!stalled && decisionOn > extendedEnds) decisionOn = extendedEnds;
    }
    const decided = !stalled && decisionOn < today;
    const outcome: 'granted' | 'not_granted' | 'withdrawn' = random.chance(0.33) ? 'withdrawn' : random.chance(0.015) ? 'not_granted' : 'granted';
    const notMet: AssessmentKind | null = outcome === 'not_granted' ? random.weighted([['mental_capacity', 5], ['best_interests', 3], ['eligibility', 1]] as const) : null;
    // The order they are done in: age and no refusals first, best interests last; a not-met one ends them.
    const order: AssessmentKind[] = ['age', 'no_refusals', 'mental_health', 'mental_capacity', 'eligibility', 'best_interests'];
    const stopAt = notMet ? order.indexOf(notMet) + 1 : order.length;
    const lastDay = decided ? decisionOn : addDays(today, -1);
    const span = Math.max(0, toDayNumber(decisionOn) - toDayNumber(allocatedOn));
    const inProgress = stalled ? random.int(0, 4) : Math.floor((order.length * (toDayNumber(today) - toDayNumber(allocatedOn))) / Math.max(1, span));
    const doneBy = decided ? (outcome === 'withdrawn' ? random.int(0, 4) : stopAt) : Math.min(stopAt - 1, inProgress);
    for (let k = 0; k < Math.min(doneBy, stopAt); k += 1) {
      const kind = order[k]!;
      const completedOn = addDays(allocatedOn, Math.min(toDayNumber(lastDay) - toDayNumber(allocatedOn), Math.round(((k + 1) / order.length) * span)));
      if (completedOn >= today || completedOn < p.receivedOn) continue;
      const isNotMet = kind === notMet;
      assessmentRows.push({
        tenantId,
        applicationId: p.id,
        kind,
        outcome: isNotMet ? 'not_met' : 'met',
        note: isNotMet ? NOT_MET[kind]! : kind === 'best_interests' ? 'Deprived of liberty, in their best interests, necessary and proportionate to the risk of harm.' : null,
        assessorUserId: assessor,
        completedOn,
      });
    }
    if (!decided) {
      tally.allocated += 1;
      continue;
    }
    const decidedAt = timeOn(random, decisionOn, allocatedAt);
    if (outcome === 'withdrawn') {
      Object.assign(row, { status: 'withdrawn', decidedAt, decisionNote: random.pick(p.authority.setting === 'hospital' ? WITHDRAWN_HOSPITAL : WITHDRAWN_CARE_HOME) });
    } else if (outcome === 'not_granted') {
      Object.assign(row, { status: 'not_granted', decidedAt, decisionNote: NOT_MET[notMet!]! });
    } else {
      const months = random.int(6, 12);
      const until = [addDays(monthsOn(decisionOn, months), -1), maxAuthorisedUntil(decisionOn)].sort()[0]!;
      Object.assign(row, { status: 'granted', decidedAt, authorisedFrom: decisionOn, authorisedUntil: until, conditions: random.chance(0.4) ? random.pick(CONDITIONS[p.authority.setting]) : null });
    }
    tally[row.status as DolsStatus] += 1;
  }

  for (const part of chunks(applicationRows, 500)) await db.insert(dolsApplication).values(part);
  for (const part of chunks(assessmentRows, 1000)) await db.insert(dolsAssessment).values(part);
  await db.execute(sql`select setval('dols_application_reference_seq', ${Math.max(refN, ref0)})`);
  input.log(`DoLS applications: ${count} (${tally.received} unallocated, ${tally.allocated} allocated, ${tally.granted} granted, ${tally.not_granted} not granted, ${tally.withdrawn} withdrawn)`);
}

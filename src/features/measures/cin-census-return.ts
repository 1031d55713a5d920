/**
 * The DfE Children in Need census return, built from the records by the rules of `domain/cin-census.ts`: the year's
 * referrals with their assessments, section 47 enquiries, conferences and plans (read from children's social care's
 * tables, as the SAC return reads adult safeguarding's), the children on the person register with their UPNs, mapped
 * to the census model, validated, and written as the XML the DfE's COLLECT takes.
 *
 * The area's LEA (its three-digit DfE number) is the code of its children's social care agency (Agencies, in
 * administration). Threshold does not record disability: the return leaves Disabilities out and says so.
 */
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../../db/client.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import {
  type CensusCounts,
  type CensusIssue,
  type CensusPersonInput,
  type CensusReferralInput,
  type CinCensus,
  buildCensus,
  censusCounts,
  censusXml,
  censusYear,
  validateCensus,
} from '../../domain/cin-census.js';
import { type LocalDate, instantAt, londonDate } from '../../domain/time.js';
import { CalendarService } from '../../platform/calendar.js';

export const CENSUS_RELEASE = 'Threshold 0.1';

export interface CinCensusReturn {
  census: CinCensus;
  xml: string;
  issues: CensusIssue[];
  /** What the return cannot hold because Threshold does not record it. */
  notices: string[];
  counts: CensusCounts;
}

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const day = (n: number | null): LocalDate | null => (n === null ? null : londonDate(new Date(n)));

/** The area's three-digit DfE number: the code of its children's social care agency. */
export async function laNumber(db: Database, tenantId: string): Promise<string> {
  const found = await rows<{ external_code: string | null }>(
    db,
    sql`select external_code from agency where tenant_id = ${tenantId} and type = 'children_social_care' and active order by created_at, id`,
  );
  return found.map((a) => a.external_code?.trim() ?? '').find((c) => /^\d{3}$/.test(c)) ?? '';
}

async function calendarFor(db: Database, tenantId: string): Promise<WorkingCalendar> {
  const [t] = await rows<{ calendar_division: string }>(db, sql`select calendar_division from tenant where id = ${tenantId}`);
  return new CalendarService(db).forDivision(t?.calendar_division ?? 'england-and-wales');
}

/** The records the year's census is made from: referrals open at any time in it, their modules and their children. */
export async function loadCensusRecords(db: Database, tenantId: string, year: number): Promise<{ people: Map<string, CensusPersonInput>; referrals: CensusReferralInput[] }> {
  const y = censusYear(year);
  const from = instantAt(y.start, 0).toISOString();
  const to = instantAt(y.end, 0).toISOString();
  // The referrals in the year, each under the child it is about now (a merged record reads as its survivor).
  const scope = sql`r.tenant_id = ${tenantId} and r.referred_at < ${to}::timestamptz and (r.closed_at is null or r.closed_at >= ${from}::timestamptz)`;
  const referralRows = await rows<{
    id: string; person_id: string; referred: number; source_code: string | null; primary_need_code: string | null; nfa: boolean; closed: number | null; closure_reason: string | null;
  }>(
    db,
    sql`select r.id, coalesce(p.merged_into_person_id, r.person_id) as person_id, ${ms('r.referred_at')} as referred, r.source_code, r.primary_need_code,
               r.nfa, ${ms('r.closed_at')} as closed, r.closure_reason
          from csc_referral r join person p on p.id = r.person_id
         where ${scope}
         order by r.referred_at, r.id`,
  );
  const assessmentRows = await rows<{ referral_id: string; started: number | null; authorised: number | null; status: string; factors: string | null }>(
    db,
    sql`select a.referral_id, ${ms('a.started_at')} as started, ${ms('a.authorised_at')} as authorised, a.status, array_to_string(a.factors, ',') as factors
          from child_assessment a join csc_referral r on r.id = a.referral_id
         where ${scope} and a.tenant_id = ${tenantId}
         order by a.started_at nulls last, a.id`,
  );
  const s47Rows = await rows<{ referral_id: string; started: number; due: number; outcome: string | null; completed: number | null; icpc: number | null }>(
    db,
    sql`select s.referral_id, ${ms('s.started_at')} as started, ${ms('s.conference_due_at')} as due, s.outcome, ${ms('s.completed_at')} as completed,
               (select ${ms('min(c.held_at)')} from cp_conference c where c.s47_id = s.id and c.kind = 'initial' and c.status = 'held') as icpc
          from s47_enquiry s join csc_referral r on r.id = s.referral_id
         where ${scope} and s.tenant_id = ${tenantId}
         order by s.started_at, s.id`,
  );
  const conferenceRows = await rows<{ referral_id: string; held: number }>(
    db,
    sql`select c.referral_id, ${ms('c.held_at')} as held
          from cp_conference c join csc_referral r on r.id = c.referral_id
         where ${scope} and c.tenant_id = ${tenantId} and c.s47_id is null and c.kind in ('initial', 'transfer_in') and c.status = 'held' and c.held_at is not null`,
  );
  const planRows = await rows<{ id: string; referral_id: string; kind: string; started_on: string; ended_on: string | null; initial_category: string | null; latest_category: string | null }>(
    db,
    sql`select pl.id, pl.referral_id, pl.kind, pl.started_on::text, pl.ended_on::text, pl.initial_category, pl.latest_category
          from child_plan pl join csc_referral r on r.id = pl.referral_id
         where ${scope} and pl.tenant_id = ${tenantId}
         order by pl.started_on, pl.id`,
  );
  const reviewRows = await rows<{ plan_id: string; held: number }>(
    db,
    sql`select c.plan_id, ${ms('c.held_at')} as held
          from cp_conference c join child_plan pl on pl.id = c.plan_id join csc_referral r on r.id = pl.referral_id
         where ${scope} and c.tenant_id = ${tenantId} and c.kind = 'review' and c.status = 'held' and c.held_at is not null`,
  );

  const group = <T extends { referral_id: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.referral_id, [...(m.get(x.referral_id) ?? []), x]);
    return m;
  };
  const assessments = group(assessmentRows);
  const s47s = group(s47Rows);
  const conferences = group(conferenceRows);
  const plans = group(planRows);
  const reviews = new Map<string, LocalDate[]>();
  for (const r of reviewRows) reviews.set(r.plan_id, [...(reviews.get(r.plan_id) ?? []), day(r.held)!]);

  const referrals: CensusReferralInput[] = referralRows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    referredOn: day(r.referred)!,
    sourceCode: r.source_code,
    primaryNeedCode: r.primary_need_code,
    nfa: r.nfa,
    closedOn: day(r.closed),
    closureReason: r.closure_reason,
    assessments: (assessments.get(r.id) ?? []).map((a) => ({
      startedOn: day(a.started),
      authorisedOn: a.status === 'authorised' ? day(a.authorised) : null,
      factors: a.factors ? a.factors.split(',').filter(Boolean) : [],
    })),
    s47s: (s47s.get(r.id) ?? []).map((s) => ({ startedOn: day(s.started)!, conferenceDueOn: day(s.due), outcome: s.outcome, completedOn: day(s.completed), icpcHeldOn: day(s.icpc) })),
    conferencesWithoutS47: (conferences.get(r.id) ?? []).map((c) => day(c.held)!),
    cinPlans: (plans.get(r.id) ?? []).filter((p) => p.kind === 'cin').map((p) => ({ startedOn: p.started_on, endedOn: p.ended_on })),
    cpPlans: (plans.get(r.id) ?? [])
      .filter((p) => p.kind === 'cp')
      .map((p) => ({ startedOn: p.started_on, endedOn: p.ended_on, initialCategory: p.initial_category, latestCategory: p.latest_category, reviewsHeldOn: reviews.get(p.id) ?? [] })),
  }));

  const ids = [...new Set(referrals.map((r) => r.personId))];
  const people = new Map<string, CensusPersonInput>();
  if (ids.length) {
    const list = sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `);
    const found = await rows<{ id: string; date_of_birth: string | null; dob_precision: string; gender: string; ethnicity: string | null; deceased_on: string | null }>(
      db,
      sql`select id, date_of_birth::text, dob_precision, gender, ethnicity, deceased_on::text from person where tenant_id = ${tenantId} and id in (${list})`,
    );
    // UPNs held on the child's record or on a record merged into it, newest first.
    const upns = await rows<{ person_id: string; value: string }>(
      db,
      sql`select coalesce(p.merged_into_person_id, i.person_id) as person_id, i.value
            from person_identifier i join person p on p.id = i.person_id
           where i.tenant_id = ${tenantId} and i.type = 'upn' and coalesce(p.merged_into_person_id, i.person_id) in (${list})
           order by i.created_at desc, i.id`,
    );
    const cpStarts = await rows<{ person_id: string; started_on: string }>(
      db,
      sql`select coalesce(p.merged_into_person_id, pl.person_id) as person_id, pl.started_on::text
            from child_plan pl join person p on p.id = pl.person_id
           where pl.tenant_id = ${tenantId} and pl.kind = 'cp' and coalesce(p.merged_into_person_id, pl.person_id) in (${list})`,
    );
    const byPerson = <T extends { person_id: string }, V>(list: T[], value: (x: T) => V) => {
      const m = new Map<string, V[]>();
      for (const x of list) m.set(x.person_id, [...(m.get(x.person_id) ?? []), value(x)]);
      return m;
    };
    const upnsOf = byPerson(upns, (u) => u.value);
    const startsOf = byPerson(cpStarts, (c) => c.started_on);
    for (const p of found) {
      people.set(p.id, {
        personId: p.id,
        dateOfBirth: p.date_of_birth,
        dobPrecision: p.dob_precision,
        gender: p.gender,
        ethnicity: p.ethnicity,
        deceasedOn: p.deceased_on,
        upns: upnsOf.get(p.id) ?? [],
        disabilities: null,
        cpPlanStarts: startsOf.get(p.id) ?? [],
      });
    }
  }
  return { people, referrals };
}

/** The year's return: the census, its XML, what the DfE's rules find in it, and its counts. */
export async function cinCensusReturn(db: Database, tenantId: string, year: number, generatedAt: Date): Promise<CinCensusReturn> {
  const { people, referrals } = await loadCensusRecords(db, tenantId, year);
  const census = buildCensus(year, { lea: await laNumber(db, tenantId), release: CENSUS_RELEASE, serialNo: '001', generatedAt }, people, referrals);
  const issues = validateCensus(census, await calendarFor(db, tenantId), londonDate(generatedAt));
  const notices: string[] = [];
  const needDisability = census.children.filter((c) => c.characteristics.disabilities === null && c.cinDetails.some((e) => !e.referralNfa)).length;
  if (needDisability > 0) {
    notices.push(
      `Threshold does not record disability, so the return has no Disabilities for any child. The DfE needs each child’s disability codes (or NONE) for every child whose referral went on to further action (${needDisability.toLocaleString('en-GB')} children this year, rule 8540): add them in COLLECT or from the case system before the return is submitted.`,
    );
  }
  return { census, xml: censusXml(census), issues, notices, counts: censusCounts(census) };
}

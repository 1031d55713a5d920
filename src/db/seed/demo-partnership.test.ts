/**
 * The demo's year of the partnership's own work, as the demo seed leaves it in the test database: three boards with
 * their sub-groups, meetings and attendance in the appendix's proportions, the risk log; learning reviews of every
 * kind with their clocks; the action tracker (the peer review's short plan of 5); the audit programme with samples of
 * real records; training at the seed report's volumes (2,410 and 1,058 attended) with evaluations and the 3-month
 * impact check; the self-assessment rounds in the seed's bands. Every rule kept. Then the seed again in an area of
 * its own, small.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { TEST_DEMO_SCALE, atTestScale } from '../../../test/support/demo-scale.js';
import { limit } from '../../../test/support/time-limits.js';
import { WorkingCalendar } from '../../domain/calendar.js';
import holidaysFile from '../../domain/data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { STAGES_OF_KIND } from '../../domain/learning-reviews.js';
import { band } from '../../domain/self-assessment.js';
import { PARTNERSHIP_MINIMUMS, PARTNERSHIP_VOLUMES, scaled, seedPartnershipDemo } from './demo-partnership.js';

let t: TestApp;
let db: Database;
let tenantId: string;
const calendar = new WorkingCalendar(holidaysFile.events.map((e) => e.date));
const n = async (query: SQL) => (await one<{ n: number }>(db, query))!.n;
const atScale = (figure: number, min = 1) => scaled(figure, TEST_DEMO_SCALE, min);

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
}, limit(120_000));
afterAll(async () => t?.close());

const stageRule = sql.raw(
  Object.entries(STAGES_OF_KIND)
    .map(([kind, stages]) => `(kind = '${kind}' and stage in (${stages.map((s) => `'${s}'`).join(',')}))`)
    .join(' or '),
);

/** Rows breaking each rule the features keep (0 everywhere when the data is coherent; a day or two of the data ageing allowed). */
async function broken(tenant: string): Promise<Record<string, number>> {
  const checks: Record<string, SQL> = {
    // boards
    'meeting held in the future or scheduled in the past': sql`select count(*)::int as n from board_meeting where tenant_id = ${tenant} and ((status = 'held' and held_at > now()) or (status = 'scheduled' and held_at < now() - interval '2 days') or created_at > now())`,
    'attendance or decision at a meeting not held': sql`select count(*)::int as n from board_meeting m where m.tenant_id = ${tenant} and m.status <> 'held' and (exists (select 1 from board_attendance a where a.meeting_id = m.id) or exists (select 1 from board_decision d where d.meeting_id = m.id))`,
    'held meeting without attendance': sql`select count(*)::int as n from board_meeting m where m.tenant_id = ${tenant} and m.status = 'held' and not exists (select 1 from board_attendance a where a.meeting_id = m.id)`,
    'attendance status or deputy': sql`select count(*)::int as n from board_attendance where tenant_id = ${tenant} and (status not in ('attended', 'deputy', 'apologies', 'absent') or (status = 'deputy') <> (deputy_name is not null))`,
    'attendance agency is not the member’s': sql`select count(*)::int as n from board_attendance a join board_member m on m.id = a.member_id where a.tenant_id = ${tenant} and a.agency_id <> m.agency_id`,
    'decision after now or on another meeting’s item': sql`select count(*)::int as n from board_decision d left join board_agenda_item i on i.id = d.agenda_item_id where d.tenant_id = ${tenant} and (d.recorded_at > now() or (i.id is not null and i.meeting_id <> d.meeting_id))`,
    'risk out of range': sql`select count(*)::int as n from board_risk where tenant_id = ${tenant} and (likelihood not between 1 and 5 or impact not between 1 and 5 or kind not in ('risk', 'issue') or reference !~ '^RISK-[0-9]{4}$' or (status = 'closed') <> (closed_on is not null) or closed_on > current_date or created_at > now() or updated_at < created_at)`,
    // learning reviews
    'review reference': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and reference !~ '^LR-[0-9]{5}$'`,
    'review stage not of its kind': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and not (${stageRule})`,
    'review dates out of order': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and (learned_on < incident_on or notified_on < learned_on or rapid_review_held_on < notified_on or decided_on < learned_on or panel_sent_on < learned_on or published_on < learned_on
        or greatest(incident_on, learned_on, notified_on, rapid_review_held_on, decided_on, panel_sent_on, published_on, terms_of_reference_on) > current_date or created_at > now() or updated_at < created_at)`,
    'rapid review clocks not set': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and kind = 'rapid_review' and notified_on is not null and (notification_due_on is null or rapid_review_due_on is null)`,
    'rapid review closed without its decision': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and kind = 'rapid_review' and stage = 'closed' and (decision not in ('lcspr', 'no_lcspr', 'national_review') or decision is null or panel_sent_on is null or rapid_review_held_on is null)`,
    'child death closed without CDOP': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and kind = 'child_death_review' and ((stage = 'closed') <> (cdop_category is not null and modifiable_factors is not null and learning is not null) or cdop_category not between 1 and 10 or modifiable_factors not in ('yes', 'no', 'insufficient'))`,
    'SAR without s44 criteria': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and kind = 'sar' and stage <> 'notified' and (s44_criteria is null or (s44_criteria->>'careAndSupportNeeds')::boolean is not true or s44_criteria->>'basis' <> 's44(1)')`,
    'published and the date disagree': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and ((stage = 'published') <> (published_on is not null) or (publication_held and stage not in ('in_review', 'report')) or (publication_held <> (publication_held_reason is not null)))`,
    'findings outside 3 to 6': sql`select count(*)::int as n from (select r.id, count(f.id) as k from learning_review r left join learning_review_finding f on f.review_id = r.id where r.tenant_id = ${tenant} and r.kind <> 'child_death_review' and r.stage not in ('notified', 'rapid_review') group by r.id) x where k not between 3 and 6`,
    'pseudonym missing': sql`select count(*)::int as n from learning_review where tenant_id = ${tenant} and (subject_pseudonym = '' or subject_person_id is not null)`,
    // actions
    'plan or action reference': sql`select (select count(*) from action_plan where tenant_id = ${tenant} and reference !~ '^AP-[0-9]{5}$') + (select count(*) from partnership_action where tenant_id = ${tenant} and reference !~ '^PA-[0-9]{5}$')::int as n`,
    'action status and dates disagree': sql`select count(*)::int as n from partnership_action where tenant_id = ${tenant} and (status not in ('not_started', 'in_progress', 'completed', 'cancelled') or rag not in ('red', 'amber', 'green')
        or (status = 'completed') <> (completed_on is not null) or completed_on > current_date or completed_on < (created_at at time zone 'Europe/London')::date or created_at > now() or updated_at < created_at)`,
    'reminder or escalation on the wrong day': sql`select count(*)::int as n from partnership_action where tenant_id = ${tenant} and (reminded_on > current_date or escalated_on > current_date or escalated_on <= due_on or reminded_on > due_on or ((escalated_on is not null) and status not in ('not_started', 'in_progress')))`,
    'open action overdue but not red': sql`select count(*)::int as n from partnership_action where tenant_id = ${tenant} and status in ('not_started', 'in_progress') and due_on < current_date - 2 and rag <> 'red'`,
    'impact checked without completion': sql`select count(*)::int as n from partnership_action where tenant_id = ${tenant} and impact is not null and (completed_on is null or impact_checked_on < completed_on or impact_checked_on > current_date or impact_checked_by_user_id is null)`,
    'update outside its action’s life': sql`select count(*)::int as n from action_update u join partnership_action a on a.id = u.action_id where u.tenant_id = ${tenant} and (u.at < a.created_at or u.at > now() or u.file is not null)`,
    'action of another plan’s recommendation': sql`select count(*)::int as n from partnership_action a join action_recommendation r on r.id = a.recommendation_id where a.tenant_id = ${tenant} and r.plan_id <> a.plan_id`,
    'short plan over its open actions': sql`select count(*)::int as n from action_plan p where p.tenant_id = ${tenant} and p.short and (select count(*) from partnership_action a where a.plan_id = p.id and a.status in ('not_started', 'in_progress')) > p.max_open`,
    // audits
    'audit reference or status': sql`select count(*)::int as n from case_audit where tenant_id = ${tenant} and (reference !~ '^MAA-[0-9]{4}-[0-9]{3}$' or status not in ('planned', 'sampling', 'grading', 'findings', 'closed'))`,
    'grading by an agency not asked': sql`select count(*)::int as n from case_audit_grading g join case_audit_sample s on s.id = g.sample_id where g.tenant_id = ${tenant} and (not g.agency_id = any(s.agency_ids) or g.audit_id <> s.audit_id or g.graded_at > now() or g.grade not in ('outstanding', 'good', 'requires_improvement', 'inadequate'))`,
    'sample over 6 or not a real record': sql`select count(*)::int as n from case_audit_sample s where s.tenant_id = ${tenant} and not (
        (s.record_kind = 'csc_referral' and exists (select 1 from csc_referral r where r.id = s.record_id and r.person_id = s.person_id))
        or (s.record_kind = 'adult_concern' and exists (select 1 from adult_concern c where c.id = s.record_id and c.person_id = s.person_id))
        or (s.record_kind = 'da_case' and exists (select 1 from da_person p where p.da_case_id = s.record_id and p.person_id = s.person_id)))
      or (select count(*) from case_audit_sample x where x.audit_id = s.audit_id) > 6`,
    'graded before the audit was planned or a planned audit with a sample': sql`select count(*)::int as n from case_audit a where a.tenant_id = ${tenant} and ((a.status = 'planned' and exists (select 1 from case_audit_sample s where s.audit_id = a.id))
        or exists (select 1 from case_audit_grading g where g.audit_id = a.id and (g.graded_at at time zone 'Europe/London')::date < a.planned_on))`,
    // training
    'session times': sql`select count(*)::int as n from training_session where tenant_id = ${tenant} and (ends_at <= starts_at or capacity not between 20 and 40 or (status = 'held' and (ends_at > now() or register_taken_at is null or register_taken_at > now())) or (status = 'scheduled' and register_taken_at is not null))`,
    'booking status for its session': sql`select count(*)::int as n from training_booking b join training_session s on s.id = b.session_id where b.tenant_id = ${tenant} and not (
        (s.status = 'held' and b.status in ('attended', 'did_not_attend', 'cancelled')) or (s.status = 'scheduled' and b.status in ('booked', 'cancelled')) or (s.status = 'cancelled' and b.status = 'cancelled'))`,
    'session over capacity': sql`select count(*)::int as n from training_session s where s.tenant_id = ${tenant} and (select count(*) from training_booking b where b.session_id = s.id and b.status <> 'cancelled') > s.capacity`,
    'same email twice on a session': sql`select count(*)::int as n from (select session_id, attendee_email from training_booking where tenant_id = ${tenant} group by 1, 2 having count(*) > 1) x`,
    'email not an example domain': sql`select count(*)::int as n from training_booking where tenant_id = ${tenant} and attendee_email !~ '^[a-z0-9.-]+@([a-z0-9-]+\\.)*(example|demo\\.threshold\\.test)$'`,
    'booked after the session or after now': sql`select count(*)::int as n from training_booking b join training_session s on s.id = b.session_id where b.tenant_id = ${tenant} and (b.booked_at > s.starts_at or b.booked_at > now())`,
    'agency type not the agency’s': sql`select count(*)::int as n from training_booking b join agency a on a.id = b.agency_id where b.tenant_id = ${tenant} and a.type <> b.agency_type`,
    'evaluation without attending': sql`select count(*)::int as n from training_booking where tenant_id = ${tenant} and (evaluation is not null) and (status <> 'attended' or evaluated_at is null or evaluated_at > now()
        or (evaluation->>'confidenceBefore')::int not between 1 and 5 or (evaluation->>'confidenceAfter')::int not between 1 and 5 or (evaluation->>'usefulness')::int not between 1 and 5)`,
    'impact due not 3 months after the session': sql`select count(*)::int as n from training_booking b join training_session s on s.id = b.session_id where b.tenant_id = ${tenant} and (
        (b.status = 'attended') <> (b.impact_due_on is not null) or b.impact_due_on <> ((s.starts_at at time zone 'Europe/London')::date + interval '3 months')::date)`,
    'impact sent before due or answered before sent': sql`select count(*)::int as n from training_booking where tenant_id = ${tenant} and ((impact_sent_at is not null and (impact_due_on > current_date or status <> 'attended')) or (impact_sent_at is null and status = 'attended' and impact_due_on < current_date - 2) or (impact_sent_at is not null) <> (impact_token_hash is not null)
        or impact_sent_at > now() or (impact is not null) <> (impact_answered_at is not null) or impact_answered_at < impact_sent_at or impact_answered_at > now() or (impact is not null and impact_sent_at is null)
        or (impact->>'used' = 'yes' and coalesce(impact->>'example', '') = '') or impact_token_hash !~ '^[0-9a-f]{64}$')`,
    // self-assessment
    'answers and return status disagree': sql`select count(*)::int as n from (
        select r.status, r.submitted_at, r.challenge_on, (select count(*) from sa_answer a where a.return_id = r.id) as answered, (select count(*) from sa_standard s where s.framework_id = d.framework_id) as standards
          from sa_return r join sa_round d on d.id = r.round_id where r.tenant_id = ${tenant}) x
       where (status = 'not_started') <> (answered = 0) or (status in ('submitted', 'challenged') and (answered < standards or submitted_at is null)) or (status = 'challenged') <> (challenge_on is not null) or answered > standards or submitted_at > now()`,
    'answer of another framework’s standard': sql`select count(*)::int as n from sa_answer a join sa_return r on r.id = a.return_id join sa_round d on d.id = r.round_id join sa_standard s on s.id = a.standard_id where a.tenant_id = ${tenant} and (s.framework_id <> d.framework_id or a.rag not in ('green', 'amber', 'red') or length(a.evidence) < 20 or a.answered_at > now())`,
    'return of an organisation the framework is not for': sql`select count(*)::int as n from sa_return r join sa_round d on d.id = r.round_id join sa_framework f on f.id = d.framework_id join agency a on a.id = r.agency_id where r.tenant_id = ${tenant} and not a.type = any(f.agency_types)`,
  };
  const out: Record<string, number> = {};
  for (const [rule, query] of Object.entries(checks)) out[rule] = await n(query);
  return out;
}
const none = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));

describe('the demo’s year of the partnership’s work', () => {
  it('keeps every rule', async () => {
    const counts = await broken(tenantId);
    expect(counts).toEqual(none(counts));
  });

  it('has three boards with 4 to 6 sub-groups, five main-board meetings in the year and one to come, sub-groups quarterly', async () => {
    const boards = await rows<{ kind: string; subs: number; held: number; upcoming: number }>(
      db,
      sql`select b.kind, (select count(*) from board_group g where g.board_id = b.id and not g.is_main)::int as subs,
                 (select count(*) from board_meeting m join board_group g on g.id = m.group_id where g.board_id = b.id and g.is_main and m.status = 'held' and m.held_at > now() - interval '365 days')::int as held,
                 (select count(*) from board_meeting m join board_group g on g.id = m.group_id where g.board_id = b.id and g.is_main and m.status = 'scheduled' and m.held_at > now())::int as upcoming
            from board b where b.tenant_id = ${tenantId} order by b.kind`,
    );
    expect(boards.map((b) => b.kind)).toEqual(['adults', 'children', 'community_safety']);
    for (const b of boards) {
      expect(b.subs).toBeGreaterThanOrEqual(4);
      expect(b.subs).toBeLessThanOrEqual(6);
      expect(b.held).toBe(5);
      expect(b.upcoming).toBe(1);
    }
    const months = await rows<{ m: number }>(db, sql`select distinct extract(month from m.held_at)::int as m from board_meeting m join board_group g on g.id = m.group_id where m.tenant_id = ${tenantId} and g.is_main order by 1`);
    expect(months.map((x) => x.m)).toEqual([3, 5, 6, 9, 12]);
    const quarterly = await n(sql`select count(*)::int as n from board_group g where g.tenant_id = ${tenantId} and not g.is_main and (select count(*) from board_meeting m where m.group_id = g.id and m.status = 'held' and m.held_at > now() - interval '366 days') <> 4`);
    expect(quarterly).toBe(0);
  });

  it('records attendance like the appendix: most agencies 75–100%, housing and the cabinet member 0% at the children’s board', async () => {
    const members = await rows<{ title: string; agency: string; pct: number }>(
      db,
      sql`select m.job_title as title, a.type as agency, round(100.0 * count(*) filter (where t.status in ('attended', 'deputy')) / count(*))::int as pct
            from board_attendance t join board_member m on m.id = t.member_id join board_group g on g.id = m.group_id join board b on b.id = g.board_id join agency a on a.id = m.agency_id
           where b.tenant_id = ${tenantId} and b.kind = 'children' and g.is_main group by 1, 2`,
    );
    expect(members.find((m) => m.agency === 'housing')!.pct).toBe(0);
    expect(members.find((m) => m.title.startsWith('Cabinet Member'))!.pct).toBe(0);
    expect(members.filter((m) => m.pct >= 75).length).toBeGreaterThan(members.length * 0.6);
    expect(await n(sql`select count(*)::int as n from board_attendance where tenant_id = ${tenantId} and status = 'deputy'`)).toBeGreaterThan(5);
    for (const user of ['police-manager', 'health', 'manager', 'adults-manager', 'csc-manager', 'analyst', 'business-unit']) {
      expect(await n(sql`select count(*)::int as n from board_member m join app_user u on u.id = m.user_id where u.email = ${`${user}@demo.threshold.test`}`), user).toBeGreaterThan(0);
    }
  });

  it('keeps an issues and risk log of about 12 a board, a few reviews overdue', async () => {
    const perBoard = await rows<{ k: number }>(db, sql`select count(*)::int as k from board_risk where tenant_id = ${tenantId} group by board_id`);
    expect(perBoard.map((b) => b.k)).toEqual([1, 2, 3].map(() => atScale(PARTNERSHIP_VOLUMES.risksPerBoard, PARTNERSHIP_MINIMUMS.risksPerBoard)));
    expect(await n(sql`select count(*)::int as n from board_risk where tenant_id = ${tenantId} and status = 'open' and review_on < current_date`)).toBeGreaterThanOrEqual(3);
    expect(await n(sql`select count(*)::int as n from board_risk where tenant_id = ${tenantId} and reference = 'RISK-0001'`)).toBe(1);
  });

  it('holds learning reviews of every kind, in the seed’s numbers, with clocks mostly met and a couple late', async () => {
    const kinds = Object.fromEntries(
      (await rows<{ kind: string; k: number }>(db, sql`select kind, count(*)::int as k from learning_review where tenant_id = ${tenantId} and (kind <> 'rapid_review' or learned_on > current_date - 365) group by 1`)).map((r) => [r.kind, r.k]),
    );
    expect(kinds).toEqual({ rapid_review: atScale(4, 3), lcspr: 2, sar: 2, dhr: 1, practice_review: 2, child_death_review: atScale(25, 4) });
    const decisions = await rows<{ decision: string }>(db, sql`select decision from learning_review where tenant_id = ${tenantId} and kind = 'rapid_review' and learned_on > current_date - 365 and decision is not null`);
    expect(decisions.map((d) => d.decision)).toEqual(expect.arrayContaining(['lcspr', 'national_review']));
    expect(await n(sql`select count(*)::int as n from learning_review where tenant_id = ${tenantId} and kind = 'lcspr' and publication_held and stage in ('in_review', 'report')`)).toBe(1);
    expect(await n(sql`select count(*)::int as n from learning_review c join learning_review p on p.id = c.parent_review_id where c.tenant_id = ${tenantId} and c.kind = 'lcspr' and p.decision = 'lcspr'`)).toBe(2);
    const clocks = (await one<{ notified_in_time: number; notified_late: number; rapid_in_time: number; rapid_late: number }>(
      db,
      sql`select count(*) filter (where notified_on <= notification_due_on)::int as notified_in_time, count(*) filter (where notified_on > notification_due_on)::int as notified_late,
                 count(*) filter (where rapid_review_held_on <= rapid_review_due_on)::int as rapid_in_time, count(*) filter (where rapid_review_held_on > rapid_review_due_on)::int as rapid_late
            from learning_review where tenant_id = ${tenantId} and kind = 'rapid_review'`,
    ))!;
    expect(clocks.notified_late).toBe(1);
    expect(clocks.rapid_late).toBe(1);
    expect(clocks.notified_in_time).toBeGreaterThan(clocks.notified_late);
    expect(await n(sql`select count(*)::int as n from learning_review where tenant_id = ${tenantId} and kind = 'sar' and (s44_criteria->>'adultDied')::boolean`)).toBe(1);
    const sar = await one<{ c: Record<string, boolean> }>(db, sql`select s44_criteria as c from learning_review where tenant_id = ${tenantId} and kind = 'sar' limit 1`);
    expect(Object.keys(sar!.c).sort()).toEqual(['abuseOrNeglect', 'adultDied', 'basis', 'careAndSupportNeeds', 'concernAboutPartners']);
  });

  it('reviews child deaths in plausible CDOP proportions: perinatal and congenital the most, modifiable factors in a minority', async () => {
    const cats = await rows<{ c: number; k: number }>(db, sql`select cdop_category as c, count(*)::int as k from learning_review where tenant_id = ${tenantId} and kind = 'child_death_review' and cdop_category is not null group by 1 order by 2 desc, 1`);
    expect(cats.slice(0, 2).map((c) => c.c).filter((c) => c === 7 || c === 8).length).toBeGreaterThanOrEqual(1);
    const all = await rows<{ c: number; k: number }>(db, sql`select substring(summary from 1 for 20) as c, count(*)::int as k from learning_review where tenant_id = ${tenantId} and kind = 'child_death_review' group by 1`);
    expect(all.length).toBeGreaterThanOrEqual(Math.min(8, atScale(25, 4)));
    const m = (await one<{ yes: number; closed: number }>(db, sql`select count(*) filter (where modifiable_factors = 'yes')::int as yes, count(*) filter (where stage = 'closed')::int as closed from learning_review where tenant_id = ${tenantId} and kind = 'child_death_review'`))!;
    expect(m.closed).toBeGreaterThan(atScale(25, 4) / 2);
    expect(m.yes).toBeGreaterThan(0);
    expect(m.yes).toBeLessThan(m.closed * 0.6);
  });

  it('tracks about 120 actions in plans from reviews, audits, rounds, an inspection and the peer review’s short plan of 5', async () => {
    const actions = await n(sql`select count(*)::int as n from partnership_action where tenant_id = ${tenantId}`);
    expect(actions).toBeGreaterThanOrEqual(100);
    expect(actions).toBeLessThanOrEqual(160);
    const kinds = await rows<{ source_kind: string }>(db, sql`select distinct source_kind from action_plan where tenant_id = ${tenantId} order by 1`);
    expect(kinds.map((k) => k.source_kind)).toEqual(['case_audit', 'inspection', 'learning_review', 'peer_review', 'self_assessment']);
    const peer = (await one<{ short: boolean; max_open: number; open: number; all: number }>(
      db,
      sql`select p.short, p.max_open, (select count(*) from partnership_action a where a.plan_id = p.id and a.status in ('not_started', 'in_progress'))::int as open, (select count(*) from partnership_action a where a.plan_id = p.id)::int as all
            from action_plan p where p.tenant_id = ${tenantId} and p.source_kind = 'peer_review'`,
    ))!;
    expect(peer).toEqual({ short: true, max_open: 5, open: 5, all: 5 });
    const byStatus = Object.fromEntries((await rows<{ status: string; k: number }>(db, sql`select status, count(*)::int as k from partnership_action where tenant_id = ${tenantId} group by 1`)).map((r) => [r.status, r.k]));
    expect(byStatus.completed! + byStatus.in_progress!).toBeGreaterThan(actions * 0.6);
    expect(await n(sql`select count(*)::int as n from partnership_action where tenant_id = ${tenantId} and status in ('in_progress', 'not_started') and due_on < current_date`)).toBeGreaterThanOrEqual(5);
    expect(await n(sql`select count(*)::int as n from partnership_action where tenant_id = ${tenantId} and impact is not null`)).toBeGreaterThanOrEqual(5);
    expect(await n(sql`select count(*)::int as n from action_update where tenant_id = ${tenantId} and is_evidence`)).toBeGreaterThan(20);
    expect(await n(sql`select count(*)::int as n from learning_review r where r.tenant_id = ${tenantId} and exists (select 1 from learning_review_finding f where f.review_id = r.id) and not exists (select 1 from action_plan p where p.source_id = r.id)`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from partnership_action a join app_user u on u.id = a.owner_user_id where a.tenant_id = ${tenantId} and u.email = 'police-manager@demo.threshold.test'`)).toBeGreaterThan(0);
  });

  it('runs the year’s audit programme: 3 closed with gradings and findings, one grading now, one sampled, one planned; samples of 6 real records', async () => {
    const audits = await rows<{ topic: string; status: string; samples: number; gradings: number; findings: number; programme_year: number }>(
      db,
      sql`select a.topic, a.status, a.programme_year, (select count(*) from case_audit_sample s where s.audit_id = a.id)::int as samples, (select count(*) from case_audit_grading g where g.audit_id = a.id)::int as gradings,
                 (select count(*) from case_audit_finding f where f.audit_id = a.id)::int as findings from case_audit a where a.tenant_id = ${tenantId} order by a.planned_on`,
    );
    expect(audits.map((a) => a.status)).toEqual(['closed', 'closed', 'closed', 'grading', 'sampling', 'planned']);
    for (const a of audits.slice(0, 5)) expect(a.samples, a.topic).toBe(6);
    for (const a of audits.slice(0, 3)) {
      expect(a.gradings, a.topic).toBe(24);
      expect(a.findings, a.topic).toBeGreaterThanOrEqual(3);
    }
    expect(audits[3]!.gradings).toBeGreaterThan(0);
    expect(audits[3]!.gradings).toBeLessThan(24);
    expect(audits[5]!.samples).toBe(0);
  });

  it('trains 2,410 on children’s courses and 1,058 on adults’, about 8% not attending, evaluations for most and the 3-month impact answered by about a third', async () => {
    const attended = Object.fromEntries(
      (await rows<{ board_kind: string; k: number }>(db, sql`select c.board_kind, count(*)::int as k from training_booking b join training_session s on s.id = b.session_id join training_course c on c.id = s.course_id where b.tenant_id = ${tenantId} and b.status = 'attended' group by 1`)).map((r) => [r.board_kind, r.k]),
    );
    expect(attended.children).toBe(atScale(PARTNERSHIP_VOLUMES.attendedChildren));
    expect(attended.adults).toBe(atScale(PARTNERSHIP_VOLUMES.attendedAdults));
    expect(attended.domestic_abuse).toBeGreaterThan(atTestScale(200));
    expect(await n(sql`select count(*)::int as n from training_course where tenant_id = ${tenantId} and board_kind = 'children'`)).toBe(20);
    const r = (await one<{ attended: number; dna: number; evaluated: number; sent: number; answered: number }>(
      db,
      sql`select count(*) filter (where status = 'attended')::int as attended, count(*) filter (where status = 'did_not_attend')::int as dna, count(*) filter (where evaluation is not null)::int as evaluated,
                 count(*) filter (where impact_sent_at is not null)::int as sent, count(*) filter (where impact is not null)::int as answered from training_booking where tenant_id = ${tenantId}`,
    ))!;
    const dnaRate = r.dna / (r.attended + r.dna);
    expect(dnaRate).toBeGreaterThan(0.06);
    expect(dnaRate).toBeLessThan(0.1);
    expect(r.evaluated / r.attended).toBeGreaterThan(0.75);
    expect(r.answered / r.sent).toBeGreaterThan(0.28);
    expect(r.answered / r.sent).toBeLessThan(0.42);
    expect(await n(sql`select count(*)::int as n from training_booking where tenant_id = ${tenantId} and status = 'cancelled'`)).toBeGreaterThan(0);
    const adults = Object.fromEntries(
      (await rows<{ agency_type: string; k: number }>(db, sql`select b.agency_type, count(*)::int as k from training_booking b join training_session s on s.id = b.session_id join training_course c on c.id = s.course_id where b.tenant_id = ${tenantId} and b.status = 'attended' and c.board_kind = 'adults' group by 1`)).map((x) => [x.agency_type, x.k]),
    );
    expect((adults.care_provider ?? 0) + (adults.voluntary ?? 0)).toBeGreaterThan(attended.adults! * 0.45);
    expect(adults.police ?? 0).toBe(0);
    expect(await n(sql`select count(*)::int as n from training_need where tenant_id = ${tenantId}`)).toBe(atScale(PARTNERSHIP_VOLUMES.trainingNeeds, PARTNERSHIP_MINIMUMS.trainingNeeds));
    expect(await n(sql`select count(*)::int as n from training_session s join training_course c on c.id = s.course_id where s.tenant_id = ${tenantId} and c.mode = 'e_learning' and s.status = 'held'`)).toBe(7 * 12 + 1 * 12);
    expect(await n(sql`select count(*)::int as n from training_booking b join app_user u on u.id = b.attendee_user_id where b.tenant_id = ${tenantId} and u.email = 'health@demo.threshold.test' and b.status = 'attended'`)).toBe(1);
  });

  it('opens the self-assessment rounds in the seed’s bands: 129 schools (67 at 90–100%, 41 over 50%), 24 voluntary organisations (5 / 13 / 6 not started)', async () => {
    const returns = await rows<{ kind: string; answered: number; standards: number; status: string; email: string | null }>(
      db,
      sql`select f.kind, (select count(*) from sa_answer a where a.return_id = r.id)::int as answered, (select count(*) from sa_standard s where s.framework_id = f.id)::int as standards, r.status,
                 (select min(u.email) from app_user u where u.agency_id = r.agency_id and u.email in ('dsl@demo.threshold.test', 'dsl2@demo.threshold.test', 'health@demo.threshold.test')) as email
            from sa_return r join sa_round d on d.id = r.round_id join sa_framework f on f.id = d.framework_id where r.tenant_id = ${tenantId}`,
    );
    const bands = (kind: string) => {
      const out: Record<string, number> = { top: 0, over_half: 0, up_to_half: 0, not_started: 0 };
      for (const r of returns.filter((x) => x.kind === kind)) out[band(r.answered, r.standards)]! += 1;
      return out;
    };
    const schools = Math.max(atScale(PARTNERSHIP_VOLUMES.schools), 8);
    const s175 = bands('s175');
    expect(Object.values(s175).reduce((a, b) => a + b, 0)).toBe(schools);
    expect(s175.top).toBe(Math.round((schools * 67) / 129));
    expect(s175.over_half).toBe(Math.round((schools * 41) / 129));
    const voluntary = atScale(PARTNERSHIP_VOLUMES.voluntary, PARTNERSHIP_MINIMUMS.voluntary);
    const vcs = bands('vcs');
    expect(vcs.top).toBe(Math.round((voluntary * 5) / 24));
    expect(vcs.not_started).toBe(Math.round((voluntary * 6) / 24));
    expect(vcs.over_half).toBe(voluntary - vcs.top! - vcs.not_started!);
    expect(returns.filter((r) => r.kind === 's11').length).toBeGreaterThanOrEqual(8);
    expect(returns.filter((r) => r.kind === 'joint' && r.status === 'not_started').length).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int as n from sa_return where tenant_id = ${tenantId} and status = 'challenged'`)).toBeGreaterThanOrEqual(2);
    expect(await n(sql`select count(*)::int as n from sa_framework where tenant_id = ${tenantId}`)).toBe(5);
    // The journeys: the DSLs' schools each have an S175 return in progress; health a joint return to complete.
    expect(returns.filter((r) => r.kind === 's175' && r.email?.startsWith('dsl')).map((r) => [r.email, r.status]).sort()).toEqual([['dsl2@demo.threshold.test', 'in_progress'], ['dsl@demo.threshold.test', 'in_progress']]);
    expect(returns.filter((r) => r.kind === 'joint' && r.email === 'health@demo.threshold.test').map((r) => r.status)).toEqual(['not_started']);
    expect(await n(sql`select count(*)::int as n from school s join agency a on a.id = s.agency_id where a.tenant_id = ${tenantId}`)).toBe(schools);
  });
});

describe('the seed in an area of its own', () => {
  it('makes a small year with every kind of record that keeps every rule', async () => {
    const other = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('partnership-seed-fixture', 'Partnership seed fixture', true) returning id`))!.id;
    const agencies = new Map<string, string>();
    for (const [key, type] of [['csc', 'children_social_care'], ['asc', 'adult_social_care'], ['police', 'police'], ['health', 'health'], ['probation', 'probation'], ['education', 'education'], ['housing', 'housing'], ['voluntary', 'voluntary'], ['da', 'idva_da_service'], ['cs', 'community_safety'], ['board', 'community_safety']] as const) {
      agencies.set(key, (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${other}, ${`Seed ${key}`}, ${type}) returning id`))!.id);
    }
    const user = (await one<{ id: string }>(db, sql`select id from app_user where email = 'business-unit@demo.threshold.test'`))!.id;
    const summary = await seedPartnershipDemo(db, { tenantId: other, agencyIds: agencies, userIds: new Map([['business-unit', user]]), now: new Date(), calendar, scale: 0.1, log: () => {} });
    expect(summary).toMatchObject({ boards: 3, attendedChildren: 241, attendedAdults: 106, schools: 13, voluntary: 4 });
    expect(summary.actions).toBeGreaterThan(50);
    expect(summary.returns).toBeGreaterThan(20);
    const kinds = await rows<{ kind: string }>(db, sql`select distinct kind from learning_review where tenant_id = ${other} order by 1`);
    expect(kinds.map((k) => k.kind)).toEqual(['child_death_review', 'dhr', 'lcspr', 'practice_review', 'rapid_review', 'sar']);
    const counts = await broken(other);
    expect(counts).toEqual(none(counts));
  });
});

/**
 * The learning reviews' tables: reviews, their findings, and the agencies taking part (this feature's tables;
 * owners.json). Reads of agencies are for names only.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type LearningReviewFacts } from '../../domain/access.js';
import { type LocalDate } from '../../domain/time.js';

// ——— record checks ———

export async function reviewFacts(db: Database, reviewId: string): Promise<LearningReviewFacts | undefined> {
  const row = await one<{ tenant_id: string; stage: string; published: boolean; restricted: boolean }>(
    db,
    sql`select tenant_id, stage, published_on is not null and stage in ('published', 'closed') as published, restricted from learning_review where id = ${reviewId}`,
  );
  return row && { tenantId: row.tenant_id, stage: row.stage, published: row.published, restricted: row.restricted };
}

// ——— reading ———

export interface ReviewRow {
  id: string;
  tenant_id: string;
  reference: string;
  kind: string;
  parent_review_id: string | null;
  parent_reference: string | null;
  /** A rapid review's LCSPR, once started. */
  lcspr_id: string | null;
  lcspr_reference: string | null;
  title: string;
  subject_person_id: string | null;
  subject_pseudonym: string;
  summary: string;
  incident_on: LocalDate;
  learned_on: LocalDate | null;
  notified_on: LocalDate | null;
  notification_due_on: LocalDate | null;
  rapid_review_due_on: LocalDate | null;
  rapid_review_held_on: LocalDate | null;
  decision: string | null;
  decision_reason: string | null;
  decided_on: LocalDate | null;
  s44_criteria: Record<string, unknown> | null;
  cdop_category: number | null;
  modifiable_factors: string | null;
  reviewer: string | null;
  terms_of_reference_on: LocalDate | null;
  panel_sent_on: LocalDate | null;
  publication_due_on: LocalDate | null;
  publication_held: boolean;
  publication_held_reason: string | null;
  published_on: LocalDate | null;
  stage: string;
  learning: string | null;
  board_kind: string;
  restricted: boolean;
  created_at: string;
  findings: number;
}

const REVIEW_COLUMNS = sql`r.id, r.tenant_id, r.reference, r.kind, r.parent_review_id, p.reference as parent_reference,
  c.id as lcspr_id, c.reference as lcspr_reference, r.title, r.subject_person_id, r.subject_pseudonym, r.summary, r.incident_on, r.learned_on,
  r.notified_on, r.notification_due_on, r.rapid_review_due_on, r.rapid_review_held_on, r.decision, r.decision_reason, r.decided_on,
  r.s44_criteria, r.cdop_category, r.modifiable_factors, r.reviewer, r.terms_of_reference_on, r.panel_sent_on, r.publication_due_on,
  r.publication_held, r.publication_held_reason, r.published_on, r.stage, r.learning, r.board_kind, r.restricted, r.created_at,
  (select count(*)::int from learning_review_finding f where f.review_id = r.id) as findings`;

const REVIEW_FROM = sql`learning_review r
  left join learning_review p on p.id = r.parent_review_id
  left join lateral (select x.id, x.reference from learning_review x where x.parent_review_id = r.id order by x.created_at limit 1) c on true`;

export async function review(db: Database, tenantId: string, id: string): Promise<ReviewRow | undefined> {
  return one<ReviewRow>(db, sql`select ${REVIEW_COLUMNS} from ${REVIEW_FROM} where r.id = ${id} and r.tenant_id = ${tenantId}`);
}

/** The review locked for a change in this transaction. */
export async function lock(tx: Database, tenantId: string, id: string): Promise<ReviewRow | undefined> {
  await tx.execute(sql`select id from learning_review where id = ${id} and tenant_id = ${tenantId} for update`);
  return review(tx, tenantId, id);
}

export interface FindingRow {
  id: string;
  position: number;
  text: string;
}

export async function findings(db: Database, reviewId: string): Promise<FindingRow[]> {
  return rows<FindingRow>(db, sql`select id, position, text from learning_review_finding where review_id = ${reviewId} order by position`);
}

export interface AgencyRow {
  id: string;
  agency_id: string;
  agency_name: string;
  asked_for: string;
  due_on: LocalDate | null;
  received_on: LocalDate | null;
}

export async function agencies(db: Database, reviewId: string): Promise<AgencyRow[]> {
  return rows<AgencyRow>(
    db,
    sql`select ra.id, ra.agency_id, a.name as agency_name, ra.asked_for, ra.due_on, ra.received_on
          from learning_review_agency ra join agency a on a.id = ra.agency_id
         where ra.review_id = ${reviewId} order by a.name`,
  );
}

// ——— lists ———

export type ListTab = 'active' | 'notified' | 'rapid_review' | 'in_review' | 'report' | 'published' | 'closed';

export interface ListRow {
  id: string;
  reference: string;
  kind: string;
  title: string;
  subject_pseudonym: string;
  stage: string;
  learned_on: LocalDate | null;
  incident_on: LocalDate;
  published_on: LocalDate | null;
  publication_held: boolean;
  next_due_on: LocalDate | null;
  total: number;
}

/**
 * The earliest open clock of a review (null when none runs): the notification, the rapid review and its Panel
 * decision, a DHR's decision (`dhrMonths` after the partnership learned of the death) and publication (not while held).
 */
export function nextDue(dhrMonths: number): SQL {
  return sql`case when r.stage in ('published', 'closed') then null else least(
    case when r.notified_on is null then r.notification_due_on end,
    case when r.rapid_review_held_on is null then r.rapid_review_due_on end,
    case when r.kind = 'rapid_review' and r.panel_sent_on is null then r.rapid_review_due_on end,
    case when r.kind = 'dhr' and r.decided_on is null and r.learned_on is not null then (r.learned_on + make_interval(months => ${dhrMonths}))::date end,
    case when r.published_on is null and not r.publication_held then r.publication_due_on end
  ) end`;
}

function tabWhere(tab: ListTab): SQL {
  return tab === 'active' ? sql`r.stage not in ('published', 'closed')` : sql`r.stage = ${tab}`;
}

/** One page of a tab, overdue first, then by the next clock, then the newest. */
export async function list(
  db: Database,
  q: { tenantId: string; tab: ListTab; kind: string | null; publishedOnly: boolean; today: LocalDate; dhrMonths: number; limit: number; offset: number },
): Promise<ListRow[]> {
  const due = nextDue(q.dhrMonths);
  return rows<ListRow>(
    db,
    sql`select r.id, r.reference, r.kind, r.title, r.subject_pseudonym, r.stage, r.learned_on, r.incident_on, r.published_on, r.publication_held,
               ${due} as next_due_on, count(*) over ()::int as total
          from learning_review r
         where r.tenant_id = ${q.tenantId} and ${tabWhere(q.tab)}
           ${q.kind ? sql`and r.kind = ${q.kind}` : sql``}
           ${q.publishedOnly ? sql`and r.stage = 'published'` : sql``}
         order by (${due} < ${q.today}::date) desc nulls last, ${due} nulls last, r.created_at desc, r.id
         limit ${q.limit} offset ${q.offset}`,
  );
}

/** How many reviews each tab holds (and how many have an overdue clock). */
export async function counts(db: Database, q: { tenantId: string; kind: string | null; publishedOnly: boolean; today: LocalDate; dhrMonths: number }): Promise<Record<ListTab | 'overdue', number>> {
  const due = nextDue(q.dhrMonths);
  const row = await one<Record<ListTab | 'overdue', number>>(
    db,
    sql`select count(*) filter (where r.stage not in ('published', 'closed'))::int as active,
               count(*) filter (where r.stage = 'notified')::int as notified,
               count(*) filter (where r.stage = 'rapid_review')::int as rapid_review,
               count(*) filter (where r.stage = 'in_review')::int as in_review,
               count(*) filter (where r.stage = 'report')::int as report,
               count(*) filter (where r.stage = 'published')::int as published,
               count(*) filter (where r.stage = 'closed')::int as closed,
               count(*) filter (where ${due} < ${q.today}::date)::int as overdue
          from learning_review r
         where r.tenant_id = ${q.tenantId}
           ${q.kind ? sql`and r.kind = ${q.kind}` : sql``}
           ${q.publishedOnly ? sql`and r.stage = 'published'` : sql``}`,
  );
  return row!;
}

/** Reviews with a clock overdue or due on or before `horizon` (the home page's panel), soonest first. */
export async function needingAttention(db: Database, q: { tenantId: string; horizon: LocalDate; dhrMonths: number; limit: number }): Promise<ListRow[]> {
  const due = nextDue(q.dhrMonths);
  return rows<ListRow>(
    db,
    sql`select r.id, r.reference, r.kind, r.title, r.subject_pseudonym, r.stage, r.learned_on, r.incident_on, r.published_on, r.publication_held,
               ${due} as next_due_on, count(*) over ()::int as total
          from learning_review r
         where r.tenant_id = ${q.tenantId} and ${due} <= ${q.horizon}::date
         order by ${due}, r.reference
         limit ${q.limit}`,
  );
}

// ——— writing ———

export interface NewReview {
  tenantId: string;
  kind: string;
  parentReviewId: string | null;
  title: string;
  subjectPersonId: string | null;
  subjectPseudonym: string;
  summary: string;
  incidentOn: LocalDate;
  learnedOn: LocalDate | null;
  notificationDueOn: LocalDate | null;
  publicationDueOn: LocalDate | null;
  stage: string;
  boardKind: string;
  createdByUserId: string;
}

export async function insertReview(tx: Database, r: NewReview): Promise<{ id: string; reference: string }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into learning_review (tenant_id, reference, kind, parent_review_id, title, subject_person_id, subject_pseudonym, summary, incident_on, learned_on,
                                     notification_due_on, publication_due_on, stage, board_kind, restricted, created_by_user_id)
        values (${r.tenantId}, 'LR-' || lpad(nextval('learning_review_reference_seq')::text, 5, '0'), ${r.kind}, ${r.parentReviewId}, ${r.title}, ${r.subjectPersonId},
                ${r.subjectPseudonym}, ${r.summary}, ${r.incidentOn}, ${r.learnedOn}, ${r.notificationDueOn}, ${r.publicationDueOn}, ${r.stage}, ${r.boardKind}, true, ${r.createdByUserId})
        returning id, reference`,
  );
  return row!;
}

/** Sets columns of a review (only the names given here; never from input keys). */
async function set(tx: Database, id: string, assignments: SQL): Promise<void> {
  await tx.execute(sql`update learning_review set ${assignments}, updated_at = now() where id = ${id}`);
}

export async function recordNotification(tx: Database, id: string, notifiedOn: LocalDate, rapidReviewDueOn: LocalDate): Promise<void> {
  await set(tx, id, sql`notified_on = ${notifiedOn}, rapid_review_due_on = ${rapidReviewDueOn}, stage = 'rapid_review'`);
}

export async function recordRapidReview(tx: Database, id: string, r: { heldOn: LocalDate; decision: string; reason: string; panelSentOn: LocalDate | null; stage: string }): Promise<void> {
  await set(tx, id, sql`rapid_review_held_on = ${r.heldOn}, decision = ${r.decision}, decision_reason = ${r.reason}, decided_on = ${r.heldOn}, panel_sent_on = ${r.panelSentOn}, stage = ${r.stage}`);
}

export async function recordPanelSent(tx: Database, id: string, on: LocalDate, stage: string): Promise<void> {
  await set(tx, id, sql`panel_sent_on = ${on}, stage = ${stage}`);
}

export async function recordDecision(tx: Database, id: string, d: { decision: string; reason: string; decidedOn: LocalDate; stage: string; s44: Record<string, unknown> | null }): Promise<void> {
  await set(tx, id, sql`decision = ${d.decision}, decision_reason = ${d.reason}, decided_on = ${d.decidedOn}, stage = ${d.stage}, s44_criteria = ${d.s44 ? JSON.stringify(d.s44) : null}::jsonb`);
}

export async function recordCdop(tx: Database, id: string, c: { category: number; modifiableFactors: string; learning: string }): Promise<void> {
  await set(tx, id, sql`cdop_category = ${c.category}, modifiable_factors = ${c.modifiableFactors}, learning = ${c.learning}`);
}

export async function recordTerms(tx: Database, id: string, t: { termsOfReferenceOn: LocalDate; reviewer: string }): Promise<void> {
  await set(tx, id, sql`terms_of_reference_on = ${t.termsOfReferenceOn}, reviewer = ${t.reviewer}`);
}

/** An agency taking part, or what is asked of it updated (one row per agency). */
export async function upsertAgency(tx: Database, a: { tenantId: string; reviewId: string; agencyId: string; askedFor: string; dueOn: LocalDate | null; receivedOn: LocalDate | null }): Promise<'added' | 'updated'> {
  const row = await one<{ added: boolean }>(
    tx,
    sql`insert into learning_review_agency (tenant_id, review_id, agency_id, asked_for, due_on, received_on)
        values (${a.tenantId}, ${a.reviewId}, ${a.agencyId}, ${a.askedFor}, ${a.dueOn}, ${a.receivedOn})
        on conflict (review_id, agency_id) do update set asked_for = excluded.asked_for, due_on = excluded.due_on, received_on = excluded.received_on
        returning (xmax = 0) as added`,
  );
  return row?.added ? 'added' : 'updated';
}

export async function insertFinding(tx: Database, f: { tenantId: string; reviewId: string; text: string }): Promise<{ id: string; position: number }> {
  const row = await one<{ id: string; position: number }>(
    tx,
    sql`insert into learning_review_finding (tenant_id, review_id, position, text)
        values (${f.tenantId}, ${f.reviewId}, (select coalesce(max(position), 0) + 1 from learning_review_finding where review_id = ${f.reviewId}), ${f.text})
        returning id, position`,
  );
  return row!;
}

export async function recordReportSent(tx: Database, id: string, on: LocalDate): Promise<void> {
  await set(tx, id, sql`panel_sent_on = ${on}, stage = 'report'`);
}

export async function holdPublication(tx: Database, id: string, reason: string): Promise<void> {
  await set(tx, id, sql`publication_held = true, publication_held_reason = ${reason}`);
}

export async function releasePublication(tx: Database, id: string): Promise<void> {
  await set(tx, id, sql`publication_held = false, publication_held_reason = null`);
}

export async function publish(tx: Database, id: string, on: LocalDate): Promise<void> {
  await set(tx, id, sql`published_on = ${on}, stage = 'published'`);
}

export async function close(tx: Database, id: string): Promise<void> {
  await set(tx, id, sql`stage = 'closed'`);
}

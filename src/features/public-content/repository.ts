/** The public site's directory of help and the partnership's awareness campaigns (written only by this capability). */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type CampaignInput, type ServiceInput } from './forms.js';

const textArray = (values: readonly string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::text[]`;

// ——— record checks ———

export async function helpServiceFacts(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from help_service where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

export async function campaignFacts(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from awareness_campaign where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

// ——— the directory ———

export interface HelpServiceRow {
  id: string;
  tenant_id: string;
  name: string;
  summary: string;
  needs: string[];
  ages: string[];
  areas: string[];
  phone: string | null;
  text_number: string | null;
  email: string | null;
  website: string | null;
  opening_hours: string | null;
  open_24_hours: boolean;
  languages: string | null;
  last_checked_on: string;
  last_checked_by: string | null;
  reminder_sent_on: string | null;
  archived_at: string | null;
  updated_at: string;
}

const SERVICE_COLUMNS = sql`h.id, h.tenant_id, h.name, h.summary, h.needs::text[] as needs, h.ages::text[] as ages, h.areas::text[] as areas, h.phone, h.text_number, h.email,
  h.website, h.opening_hours, h.open_24_hours, h.languages, h.last_checked_on, u.display_name as last_checked_by, h.reminder_sent_on, h.archived_at::text as archived_at,
  h.updated_at::text as updated_at`;

export interface ServiceFilter {
  need: string | null;
  archived: boolean;
  /** Only the entries last checked on or before this date (out of date), or null for all. */
  staleOn?: string | null;
}

/** The area's entries (current or archived), optionally those meeting one need, by name. */
export async function listServices(db: Database, tenantId: string, filter: ServiceFilter, limit: number, offset: number): Promise<{ rows: HelpServiceRow[]; total: number }> {
  const stale = filter.staleOn ? sql`and h.last_checked_on <= ${filter.staleOn}::date` : sql``;
  const where: SQL = sql`h.tenant_id = ${tenantId} and (h.archived_at is not null) = ${filter.archived} and (${filter.need}::text is null or ${filter.need}::text = any(h.needs)) ${stale}`;
  const list = await rows<HelpServiceRow>(
    db,
    sql`select ${SERVICE_COLUMNS} from help_service h left join app_user u on u.id = h.last_checked_by_user_id where ${where} order by lower(h.name), h.id limit ${limit} offset ${offset}`,
  );
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from help_service h where ${where}`);
  return { rows: list, total: total?.n ?? 0 };
}

/** How many current entries were last checked on or before `staleOn` (out of date). */
export async function countStale(db: Database, tenantId: string, staleOn: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from help_service where tenant_id = ${tenantId} and archived_at is null and last_checked_on <= ${staleOn}::date`);
  return row?.n ?? 0;
}

export function service(db: Database, id: string): Promise<HelpServiceRow | undefined> {
  return one<HelpServiceRow>(db, sql`select ${SERVICE_COLUMNS} from help_service h left join app_user u on u.id = h.last_checked_by_user_id where h.id = ${id}`);
}

/** The entries the public sees for an area: every one not archived (at most `limit`). */
export function publishedServices(db: Database, tenantId: string, limit: number): Promise<HelpServiceRow[]> {
  return rows<HelpServiceRow>(
    db,
    sql`select ${SERVICE_COLUMNS} from help_service h left join app_user u on u.id = h.last_checked_by_user_id
        where h.tenant_id = ${tenantId} and h.archived_at is null order by lower(h.name), h.id limit ${limit}`,
  );
}

const serviceValues = (s: ServiceInput) => ({
  needs: textArray(s.needs),
  ages: textArray(s.ages),
  areas: textArray(s.areas),
});

/** A new entry, checked today by whoever added it. */
export async function insertService(tx: Database, tenantId: string, s: ServiceInput, userId: string, today: string): Promise<string> {
  const v = serviceValues(s);
  const row = await one<{ id: string }>(
    tx,
    sql`insert into help_service (tenant_id, name, summary, needs, ages, areas, phone, text_number, email, website, opening_hours, open_24_hours, languages, last_checked_on, last_checked_by_user_id)
        values (${tenantId}, ${s.name}, ${s.summary}, ${v.needs}, ${v.ages}, ${v.areas}, ${s.phone}, ${s.textNumber}, ${s.email}, ${s.website}, ${s.openingHours}, ${s.open24Hours}, ${s.languages}, ${today}::date, ${userId})
        returning id`,
  );
  return row!.id;
}

export async function updateService(tx: Database, id: string, s: ServiceInput, at: Date): Promise<void> {
  const v = serviceValues(s);
  await tx.execute(sql`update help_service set name = ${s.name}, summary = ${s.summary}, needs = ${v.needs}, ages = ${v.ages}, areas = ${v.areas}, phone = ${s.phone},
    text_number = ${s.textNumber}, email = ${s.email}, website = ${s.website}, opening_hours = ${s.openingHours}, open_24_hours = ${s.open24Hours}, languages = ${s.languages},
    updated_at = ${at.toISOString()} where id = ${id}`);
}

export async function markChecked(tx: Database, id: string, userId: string, today: string, at: Date): Promise<void> {
  await tx.execute(sql`update help_service set last_checked_on = ${today}::date, last_checked_by_user_id = ${userId}, updated_at = ${at.toISOString()} where id = ${id}`);
}

/** Archives (at) or restores (null) an entry; false when it was already so. */
export async function setServiceArchived(tx: Database, id: string, at: Date | null): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    at
      ? sql`update help_service set archived_at = ${at.toISOString()}, updated_at = ${at.toISOString()} where id = ${id} and archived_at is null returning id`
      : sql`update help_service set archived_at = null, updated_at = now() where id = ${id} and archived_at is not null returning id`,
  );
  return Boolean(row);
}

// ——— reminders ———

export interface StaleRow {
  id: string;
  tenant_id: string;
  name: string;
  last_checked_on: string;
  reminder_sent_on: string | null;
}

/** Current entries of every area last checked on or before `staleOn` and not reminded of since. */
export function staleUnreminded(db: Database, staleOn: string): Promise<StaleRow[]> {
  return rows<StaleRow>(
    db,
    sql`select id, tenant_id, name, last_checked_on, reminder_sent_on from help_service
        where archived_at is null and last_checked_on <= ${staleOn}::date and (reminder_sent_on is null or reminder_sent_on < last_checked_on)
        order by tenant_id, lower(name), id`,
  );
}

/** Marks the entries reminded today, those still due (another process may have sent it): the ids marked. */
export async function markReminded(tx: Database, ids: readonly string[], staleOn: string, today: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const marked = await rows<{ id: string }>(
    tx,
    sql`update help_service set reminder_sent_on = ${today}::date
        where id = any(${textArray(ids)}::uuid[]) and archived_at is null and last_checked_on <= ${staleOn}::date and (reminder_sent_on is null or reminder_sent_on < last_checked_on)
        returning id`,
  );
  return marked.map((r) => r.id);
}

// ——— campaigns ———

export interface CampaignRow {
  id: string;
  tenant_id: string;
  board: string;
  title: string;
  summary: string;
  starts_on: string;
  ends_on: string;
  page_key: string | null;
  archived_at: string | null;
}

const CAMPAIGN_COLUMNS = sql`id, tenant_id, board, title, summary, starts_on, ends_on, page_key, archived_at::text as archived_at`;

/** The area's campaigns (current or archived), latest first. */
export async function listCampaigns(db: Database, tenantId: string, archived: boolean, limit: number, offset: number): Promise<{ rows: CampaignRow[]; total: number }> {
  const where = sql`tenant_id = ${tenantId} and (archived_at is not null) = ${archived}`;
  const list = await rows<CampaignRow>(db, sql`select ${CAMPAIGN_COLUMNS} from awareness_campaign where ${where} order by starts_on desc, lower(title), id limit ${limit} offset ${offset}`);
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from awareness_campaign where ${where}`);
  return { rows: list, total: total?.n ?? 0 };
}

export function campaign(db: Database, id: string): Promise<CampaignRow | undefined> {
  return one<CampaignRow>(db, sql`select ${CAMPAIGN_COLUMNS} from awareness_campaign where id = ${id}`);
}

/** Campaigns the public sees: not archived and not yet ended, soonest first (at most `limit`). */
export function currentCampaigns(db: Database, tenantId: string, today: string, limit: number): Promise<CampaignRow[]> {
  return rows<CampaignRow>(
    db,
    sql`select ${CAMPAIGN_COLUMNS} from awareness_campaign where tenant_id = ${tenantId} and archived_at is null and ends_on >= ${today}::date
        order by starts_on, ends_on, lower(title), id limit ${limit}`,
  );
}

export async function insertCampaign(tx: Database, tenantId: string, c: CampaignInput): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into awareness_campaign (tenant_id, board, title, summary, starts_on, ends_on, page_key)
        values (${tenantId}, ${c.board}, ${c.title}, ${c.summary}, ${c.startsOn}::date, ${c.endsOn}::date, ${c.pageKey}) returning id`,
  );
  return row!.id;
}

export async function updateCampaign(tx: Database, id: string, c: CampaignInput, at: Date): Promise<void> {
  await tx.execute(sql`update awareness_campaign set board = ${c.board}, title = ${c.title}, summary = ${c.summary}, starts_on = ${c.startsOn}::date, ends_on = ${c.endsOn}::date,
    page_key = ${c.pageKey}, updated_at = ${at.toISOString()} where id = ${id}`);
}

export async function setCampaignArchived(tx: Database, id: string, at: Date | null): Promise<boolean> {
  const row = await one<{ id: string }>(
    tx,
    at
      ? sql`update awareness_campaign set archived_at = ${at.toISOString()}, updated_at = ${at.toISOString()} where id = ${id} and archived_at is null returning id`
      : sql`update awareness_campaign set archived_at = null, updated_at = now() where id = ${id} and archived_at is not null returning id`,
  );
  return Boolean(row);
}

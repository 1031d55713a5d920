/** The public site's tables: reports as given, drafts (sealed), page counts. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type PageCount } from './page-counter.js';

export async function tenantByCode(db: Database, code: string): Promise<{ id: string; name: string } | undefined> {
  return one<{ id: string; name: string }>(db, sql`select id, name from tenant where code = ${code}`);
}

/** The only area, when there is exactly one (a council's own installation). */
export async function onlyTenant(db: Database): Promise<{ id: string; name: string } | undefined> {
  const row = await one<{ id: string; name: string; n: number }>(db, sql`select min(id::text)::uuid as id, min(name) as name, count(*)::int as n from tenant`);
  return row && row.n === 1 ? { id: row.id, name: row.name } : undefined;
}

export async function addPageCounts(db: Database, counts: readonly PageCount[]): Promise<void> {
  if (counts.length === 0) return;
  const values = sql.join(
    counts.map((c) => sql`(${c.tenantId}::uuid, ${c.page}, ${c.language}, ${c.day}::date, ${c.views}::int)`),
    sql`, `,
  );
  await db.execute(sql`insert into public_page_count (tenant_id, page, language, day, views) values ${values}
    on conflict (tenant_id, page, language, day) do update set views = public_page_count.views + excluded.views`);
}

export async function deleteDraft(db: Database, id: string): Promise<void> {
  await db.execute(sql`delete from public_report_draft where id = ${id}`);
}

// ——— reports and their drafts ———

export interface DraftRow {
  id: string;
  tenant_id: string;
  sealed: string;
  started_at: string;
  expires_at: string;
}

export async function insertDraft(db: Database, d: { id: string; tenantId: string; sealed: string; startedAt: Date; expiresAt: Date }): Promise<void> {
  await db.execute(sql`insert into public_report_draft (id, tenant_id, sealed, started_at, expires_at, updated_at)
    values (${d.id}, ${d.tenantId}, ${d.sealed}, ${d.startedAt.toISOString()}, ${d.expiresAt.toISOString()}, ${d.startedAt.toISOString()})`);
}

/** A draft that has not expired by `now`. */
export async function liveDraft(db: Database, id: string, now: Date): Promise<DraftRow | undefined> {
  return one<DraftRow>(db, sql`select id, tenant_id, sealed, started_at, expires_at from public_report_draft where id = ${id} and expires_at > ${now.toISOString()}`);
}

export async function updateDraft(db: Database, id: string, sealed: string, now: Date, expiresAt: Date): Promise<void> {
  await db.execute(sql`update public_report_draft set sealed = ${sealed}, updated_at = ${now.toISOString()}, expires_at = ${expiresAt.toISOString()} where id = ${id}`);
}

export async function deleteExpiredDrafts(db: Database, now: Date): Promise<number> {
  const gone = await rows<{ id: string }>(db, sql`delete from public_report_draft where expires_at <= ${now.toISOString()} returning id`);
  return gone.length;
}

export async function insertReport(db: Database, r: { tenantId: string; contactId: string; draftId: string; language: string; about: string; answers: unknown; anonymous: boolean; receivedAt: Date }): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    sql`insert into public_report (tenant_id, contact_id, draft_id, language, about, answers, anonymous, received_at)
        values (${r.tenantId}, ${r.contactId}, ${r.draftId}, ${r.language}, ${r.about}, ${JSON.stringify(r.answers)}::jsonb, ${r.anonymous}, ${r.receivedAt.toISOString()})
        returning id`,
  );
  return row!.id;
}

/** The report a draft became, with its contact's reference (read only: the contact is the front door's). */
export async function reportOfDraft(db: Database, draftId: string, sentSince: Date): Promise<{ id: string; reference: string | null; emailed: boolean } | undefined> {
  return one<{ id: string; reference: string | null; emailed: boolean }>(
    db,
    sql`select r.id, c.reference,
               coalesce(r.answers #>> '{contact,contactMe}' = 'yes' and r.answers #>> '{contact,emailSafe}' = 'yes' and coalesce(r.answers #>> '{contact,email}', '') <> '', false) as emailed
          from public_report r join contact c on c.id = r.contact_id where r.draft_id = ${draftId} and r.received_at > ${sentSince}`,
  );
}

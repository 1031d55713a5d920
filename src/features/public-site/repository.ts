/** The public site's tables: reports as given, drafts (sealed), page counts. */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
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

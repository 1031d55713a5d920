/** SQL for clocks: work running against a statutory or local timescale. */
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../../db/client.js';

export interface ClockRow {
  id: string;
  kind: string;
  contact_id: string;
  person_id: string | null;
  person_name: string | null;
  started_at: string;
  due_at: string;
  completed_at: string | null;
}

export async function start(db: Database, values: { tenantId: string; kind: string; contactId: string; personId: string | null; startedAt: Date; dueAt: Date }): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`insert into clock (tenant_id, kind, contact_id, person_id, started_at, due_at, updated_at)
        select ${values.tenantId}, ${values.kind}, ${values.contactId}, ${values.personId}, ${values.startedAt.toISOString()}, ${values.dueAt.toISOString()}, ${values.startedAt.toISOString()}
         where not exists (select 1 from clock where contact_id = ${values.contactId} and kind = ${values.kind}
                             and person_id is not distinct from ${values.personId})
        returning id`,
  );
  return r.length === 1;
}

export function ofContact(db: Database, contactId: string) {
  return rows<ClockRow>(
    db,
    sql`select k.id, k.kind, k.contact_id, k.person_id, k.started_at::text, k.due_at::text, k.completed_at::text,
               (select n.given_names || ' ' || n.family_name from person_name n where n.person_id = k.person_id and n.is_primary) as person_name
          from clock k where k.contact_id = ${contactId} order by k.due_at, k.id`,
  );
}

export async function complete(db: Database, contactId: string, clockId: string, userId: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`update clock set completed_at = ${at.toISOString()}, completed_by_user_id = ${userId}, updated_at = ${at.toISOString()}
         where id = ${clockId} and contact_id = ${contactId} and completed_at is null returning id`,
  );
  return r.length === 1;
}

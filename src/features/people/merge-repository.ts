/** SQL for merging two person records into one, and undoing it exactly. */
import { eq, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { personMerge } from '../../db/schema/index.js';
import { personName } from '../../domain/names.js';

/** Everything that moved in a merge, so that undoing it moves exactly that back. */
export interface Moved {
  names: { id: string; isPrimary: boolean }[];
  identifiers: string[];
  addresses: string[];
  contacts: string[];
  relationshipsFrom: string[];
  relationshipsTo: string[];
  /** Relationships between the two records themselves, removed by the merge (kept whole to restore). */
  relationshipsRemoved: Record<string, unknown>[];
  householdMembers: string[];
  /** What other capabilities moved (their subscribers' reports, by name: see events.ts). */
  subscribers?: Record<string, Record<string, unknown>>;
  /** Merges made before subscribers moved contacts' subjects kept them here (undone through the front door's subscriber). */
  subjects?: string[];
  subjectsRemoved?: Record<string, unknown>[];
}

const ids = (r: { id: string }[]) => r.map((x) => x.id);

export async function moveAll(db: Database, survivorId: string, mergedId: string): Promise<Moved> {
  const names = await rows<{ id: string; is_primary: boolean }>(
    db,
    sql`update person_name p set person_id = ${survivorId}, is_primary = false from person_name old
         where p.id = old.id and p.person_id = ${mergedId} returning p.id, old.is_primary`,
  );
  const identifiers = await rows<{ id: string }>(db, sql`update person_identifier set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  const addresses = await rows<{ id: string }>(db, sql`update person_address set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  const contacts = await rows<{ id: string }>(db, sql`update person_contact set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  const relationshipsRemoved = await rows<Record<string, unknown>>(
    db,
    sql`delete from person_relationship where (person_id = ${mergedId} and related_person_id = ${survivorId})
           or (person_id = ${survivorId} and related_person_id = ${mergedId}) returning *`,
  );
  const relationshipsFrom = await rows<{ id: string }>(db, sql`update person_relationship set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  const relationshipsTo = await rows<{ id: string }>(db, sql`update person_relationship set related_person_id = ${survivorId} where related_person_id = ${mergedId} returning id`);
  const householdMembers = await rows<{ id: string }>(db, sql`update household_member set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  return {
    names: names.map((n) => ({ id: n.id, isPrimary: n.is_primary })),
    identifiers: ids(identifiers),
    addresses: ids(addresses),
    contacts: ids(contacts),
    relationshipsFrom: ids(relationshipsFrom),
    relationshipsTo: ids(relationshipsTo),
    relationshipsRemoved,
    householdMembers: ids(householdMembers),
  };
}

function list(values: readonly string[]) {
  return sql.join(values.map((v) => sql`${v}`), sql`, `);
}

/** Moves back exactly what a merge moved, and restores what it removed. */
export async function moveBack(db: Database, mergedId: string, moved: Moved): Promise<void> {
  for (const n of moved.names) await db.execute(sql`update person_name set person_id = ${mergedId}, is_primary = ${n.isPrimary} where id = ${n.id}`);
  const back = async (table: string, column: string, values: readonly string[]) => {
    if (values.length) await db.execute(sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${mergedId} where id in (${list(values)})`);
  };
  await back('person_identifier', 'person_id', moved.identifiers);
  await back('person_address', 'person_id', moved.addresses);
  await back('person_contact', 'person_id', moved.contacts);
  await back('person_relationship', 'person_id', moved.relationshipsFrom);
  await back('person_relationship', 'related_person_id', moved.relationshipsTo);
  await back('household_member', 'person_id', moved.householdMembers);
  for (const r of moved.relationshipsRemoved) {
    await db.execute(sql`insert into person_relationship (id, tenant_id, person_id, related_person_id, type, from_date, to_date, created_by_user_id, created_at)
                         values (${r.id}, ${r.tenant_id}, ${r.person_id}, ${r.related_person_id}, ${r.type}, ${r.from_date}, ${r.to_date}, ${r.created_by_user_id}, ${r.created_at})`);
  }
}

export async function markMerged(db: Database, mergedId: string, survivorId: string | null, at: Date | null): Promise<void> {
  await db.execute(sql`update person set merged_into_person_id = ${survivorId}, merged_at = ${at ? at.toISOString() : null} where id = ${mergedId}`);
}

export async function personState(db: Database, id: string) {
  return one<{ tenant_id: string; merged_into_person_id: string | null }>(db, sql`select tenant_id, merged_into_person_id from person where id = ${id}`);
}

export async function recordMerge(db: Database, values: { tenantId: string; survivorId: string; mergedId: string; moved: Moved; reason: string | null; mergedByUserId: string; mergedAt: Date }): Promise<string> {
  const [row] = await db.insert(personMerge).values(values).returning({ id: personMerge.id });
  return row!.id;
}

export async function getMerge(db: Database, tenantId: string, id: string) {
  const [m] = await db.select().from(personMerge).where(eq(personMerge.id, id));
  return m && m.tenantId === tenantId ? m : undefined;
}

export async function markUndone(db: Database, id: string, userId: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(db, sql`update person_merge set undone_by_user_id = ${userId}, undone_at = ${at.toISOString()} where id = ${id} and undone_at is null returning id`);
  return r.length === 1;
}

/** Merges into a person that are still in force, with the name the merged record had. */
export async function mergesInto(db: Database, survivorId: string) {
  const merges = await rows<{ id: string; merged_id: string; merged_at: string; reason: string | null; merged_by: string | null; moved: Moved | string }>(
    db,
    sql`select m.id, m.merged_id, m.merged_at, m.reason, u.display_name as merged_by, m.moved
          from person_merge m left join app_user u on u.id = m.merged_by_user_id
         where m.survivor_id = ${survivorId} and m.undone_at is null order by m.merged_at desc`,
  );
  const out = [];
  for (const m of merges) {
    const moved = typeof m.moved === 'string' ? (JSON.parse(m.moved) as Moved) : m.moved;
    const primary = moved.names.find((n) => n.isPrimary) ?? moved.names[0];
    const name = primary ? await one<{ given_names: string; family_name: string }>(db, sql`select given_names, family_name from person_name where id = ${primary.id}`) : undefined;
    out.push({ id: m.id, mergedId: m.merged_id, mergedAt: m.merged_at, reason: m.reason, mergedBy: m.merged_by, name: personName(name, { missing: 'a record' }) });
  }
  return out;
}

/** The area a merge was made in (for its record rule). */
export function mergeArea(db: Database, id: string) {
  return one<{ tenant_id: string }>(db, sql`select tenant_id from person_merge where id = ${id}`);
}

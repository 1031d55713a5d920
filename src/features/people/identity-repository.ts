/** SQL for the matching engine's view of the register: profiles, blocking keys, models and duplicate candidates. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { duplicateCandidate, matchModel, personMatchKey, personMatchProfile } from '../../db/schema/index.js';
import { type PersonFields } from '../../domain/matching/record.js';

/** The fields the engine uses, read from the register for some people (merged records excluded). */
export async function readFields(db: Database, personIds: readonly string[]): Promise<Map<string, PersonFields>> {
  const out = new Map<string, PersonFields>();
  if (personIds.length === 0) return out;
  const ids = sql.join(personIds.map((id) => sql`${id}`), sql`, `);
  const people = await rows<{ id: string; date_of_birth: string | null; dob_precision: string; gender: string }>(
    db,
    sql`select id, date_of_birth, dob_precision, gender from person where id in (${ids}) and merged_into_person_id is null`,
  );
  for (const p of people) {
    out.set(p.id, {
      givenNames: [],
      familyNames: [],
      dateOfBirth: p.dob_precision === 'unborn' ? null : p.date_of_birth,
      dobEstimated: p.dob_precision === 'estimated',
      gender: p.gender === 'unknown' || p.gender === 'other' ? null : p.gender,
      identifiers: {},
    });
  }
  const names = await rows<{ person_id: string; given_names: string; family_name: string }>(
    db,
    sql`select person_id, given_names, family_name from person_name where person_id in (${ids}) order by is_primary desc, created_at`,
  );
  for (const n of names) {
    const f = out.get(n.person_id);
    if (!f) continue;
    (f.givenNames as string[]).push(n.given_names);
    (f.familyNames as string[]).push(n.family_name);
  }
  const addresses = await rows<{ person_id: string; line1: string; town: string | null; postcode: string | null }>(
    db,
    sql`select distinct on (person_id) person_id, line1, town, postcode from person_address
         where person_id in (${ids}) and to_date is null order by person_id, from_date desc nulls last, created_at desc`,
  );
  for (const a of addresses) {
    const f = out.get(a.person_id);
    if (!f) continue;
    const m = /^\s*(\d+[a-z]?)\s+(.*)$/i.exec(a.line1);
    f.streetNumber = m ? m[1]! : null;
    f.street = m ? m[2]! : a.line1;
    f.locality = a.town;
    f.postcode = a.postcode;
  }
  const ids2 = await rows<{ person_id: string; type: string; value: string; issuer_agency_id: string | null }>(
    db,
    sql`select person_id, type, value, issuer_agency_id from person_identifier where person_id in (${ids})`,
  );
  for (const i of ids2) {
    const f = out.get(i.person_id);
    if (!f) continue;
    // Local ids only compare within the agency that issued them.
    const value = i.type === 'local' ? `${i.issuer_agency_id ?? ''}:${i.value}` : i.value;
    (f.identifiers as Record<string, string>)[i.type] = value;
  }
  return out;
}

export async function saveProfiles(db: Database, tenantId: string, entries: { personId: string; fields: PersonFields; keys: number[] }[]): Promise<void> {
  if (entries.length === 0) return;
  const ids = entries.map((e) => e.personId);
  await db.delete(personMatchKey).where(inArray(personMatchKey.personId, ids));
  await db.delete(personMatchProfile).where(inArray(personMatchProfile.personId, ids));
  await db.insert(personMatchProfile).values(entries.map((e) => ({ personId: e.personId, tenantId, fields: e.fields })));
  const keyRows = entries.flatMap((e) => e.keys.map((key) => ({ tenantId, key, personId: e.personId })));
  for (let i = 0; i < keyRows.length; i += 5000) await db.insert(personMatchKey).values(keyRows.slice(i, i + 5000));
}

export async function dropProfile(db: Database, personId: string): Promise<void> {
  await db.delete(personMatchKey).where(eq(personMatchKey.personId, personId));
  await db.delete(personMatchProfile).where(eq(personMatchProfile.personId, personId));
}

/** People sharing any of the keys, those sharing most first. Uses the key index only. */
export async function candidateIds(db: Database, tenantId: string, keys: readonly number[], limit: number): Promise<string[]> {
  if (keys.length === 0) return [];
  const r = await rows<{ person_id: string }>(
    db,
    sql`select person_id from person_match_key
         where tenant_id = ${tenantId} and key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
         group by person_id order by count(*) desc, person_id limit ${limit}`,
  );
  return r.map((x) => x.person_id);
}

export async function profiles(db: Database, ids: readonly string[]): Promise<Map<string, PersonFields>> {
  if (ids.length === 0) return new Map();
  const r = await db.select().from(personMatchProfile).where(inArray(personMatchProfile.personId, [...ids]));
  return new Map(r.map((x) => [x.personId, x.fields as PersonFields]));
}

/** Profiles of a whole area, in pages (for estimating parameters and finding duplicates). */
export async function* allProfiles(db: Database, tenantId: string, pageSize = 20_000): AsyncGenerator<{ personId: string; fields: PersonFields }[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await rows<{ person_id: string; fields: PersonFields | string }>(
      db,
      sql`select person_id, fields from person_match_profile where tenant_id = ${tenantId} and person_id > ${after} order by person_id limit ${pageSize}`,
    );
    if (page.length === 0) return;
    yield page.map((p) => ({ personId: p.person_id, fields: typeof p.fields === 'string' ? (JSON.parse(p.fields) as PersonFields) : p.fields }));
    after = page[page.length - 1]!.person_id;
  }
}

/** People without a profile, in id order after `after` (a cursor, so each batch reads only what it returns). */
export async function peopleWithoutProfile(db: Database, tenantId: string, limit: number, after = '00000000-0000-0000-0000-000000000000'): Promise<string[]> {
  const r = await rows<{ id: string }>(
    db,
    sql`select p.id from person p where p.tenant_id = ${tenantId} and p.id > ${after} and p.merged_into_person_id is null
           and not exists (select 1 from person_match_profile m where m.person_id = p.id)
         order by p.id limit ${limit}`,
  );
  return r.map((x) => x.id);
}

export async function registerSize(db: Database, tenantId: string): Promise<number> {
  const r = await one<{ n: number }>(db, sql`select count(*) as n from person_match_profile where tenant_id = ${tenantId}`);
  return r?.n ?? 0;
}

export async function latestModel(db: Database, tenantId: string) {
  const [m] = await db.select().from(matchModel).where(eq(matchModel.tenantId, tenantId)).orderBy(sql`${matchModel.trainedAt} desc`).limit(1);
  return m;
}

export async function saveModel(db: Database, values: { tenantId: string; params: unknown; frequencies: unknown; source: string; trainedAt: Date }): Promise<void> {
  await db.insert(matchModel).values(values);
}

/** People holding an identifier (verified types only), not merged away. */
export async function holdersOf(db: Database, tenantId: string, type: string, value: string): Promise<string[]> {
  const r = await rows<{ person_id: string }>(
    db,
    sql`select distinct i.person_id from person_identifier i join person p on p.id = i.person_id
         where i.tenant_id = ${tenantId} and i.type = ${type} and i.value = ${value} and p.merged_into_person_id is null`,
  );
  return r.map((x) => x.person_id);
}

/** Adds new open candidates; pairs already decided (merged or "not the same") are left alone. */
export async function addDuplicateCandidates(db: Database, tenantId: string, pairs: { a: string; b: string; probability: number }[]): Promise<number> {
  let added = 0;
  for (const p of pairs) {
    const [a, b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const r = await db
      .insert(duplicateCandidate)
      .values({ tenantId, personA: a, personB: b, probability: p.probability })
      .onConflictDoUpdate({
        target: [duplicateCandidate.personA, duplicateCandidate.personB],
        set: { probability: p.probability },
        setWhere: sql`${duplicateCandidate.status} = 'open'`,
      })
      .returning({ id: duplicateCandidate.id });
    added += r.length;
  }
  return added;
}

export function openDuplicates(db: Database, tenantId: string, limit: number, offset: number) {
  return rows<{ id: string; person_a: string; person_b: string; probability: number; found_at: string }>(
    db,
    sql`select d.id, d.person_a, d.person_b, d.probability, d.found_at from duplicate_candidate d
          join person pa on pa.id = d.person_a join person pb on pb.id = d.person_b
         where d.tenant_id = ${tenantId} and d.status = 'open'
           and pa.merged_into_person_id is null and pb.merged_into_person_id is null
         order by d.probability desc, d.found_at, d.id limit ${limit} offset ${offset}`,
  );
}

/** How many pairs `openDuplicates` would list, over all its pages. */
export async function countOpenDuplicates(db: Database, tenantId: string): Promise<number> {
  const r = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from duplicate_candidate d
          join person pa on pa.id = d.person_a join person pb on pb.id = d.person_b
         where d.tenant_id = ${tenantId} and d.status = 'open'
           and pa.merged_into_person_id is null and pb.merged_into_person_id is null`,
  );
  return Number(r?.n ?? 0);
}

export async function getDuplicate(db: Database, tenantId: string, id: string) {
  const [d] = await db.select().from(duplicateCandidate).where(and(eq(duplicateCandidate.tenantId, tenantId), eq(duplicateCandidate.id, id)));
  return d;
}

export async function decideDuplicate(db: Database, id: string, status: 'merged' | 'not_same', userId: string, at: Date, reason: string | null): Promise<boolean> {
  const r = await db
    .update(duplicateCandidate)
    .set({ status, decidedByUserId: userId, decidedAt: at, reason })
    .where(and(eq(duplicateCandidate.id, id), eq(duplicateCandidate.status, 'open')))
    .returning({ id: duplicateCandidate.id });
  return r.length === 1;
}

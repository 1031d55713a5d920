/** SQL for households: people living at one address, derived from current addresses and adjusted by hand. */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { household, householdMember } from '../../db/schema/index.js';
import { normaliseText } from '../../domain/matching/strings.js';

/** The key of an address: its UPRN if known, else the first line and postcode, normalised. */
export function addressKey(a: { uprn: string | null; line1: string; postcode: string | null }): string {
  if (a.uprn) return `uprn:${a.uprn}`;
  return `addr:${normaliseText(a.line1)}|${(a.postcode ?? '').replace(/\s/g, '').toUpperCase()}`;
}

export async function currentAddress(db: Database, personId: string) {
  return one<{ uprn: string | null; line1: string; postcode: string | null }>(
    db,
    sql`select uprn, line1, postcode from person_address where person_id = ${personId} and to_date is null
         order by from_date desc nulls last, created_at desc limit 1`,
  );
}

export async function householdFor(db: Database, tenantId: string, key: string): Promise<string> {
  const existing = await one<{ id: string }>(db, sql`select id from household where tenant_id = ${tenantId} and address_key = ${key}`);
  if (existing) return existing.id;
  const [row] = await db.insert(household).values({ tenantId, addressKey: key }).returning({ id: household.id });
  return row!.id;
}

export async function membership(db: Database, householdId: string, personId: string) {
  return one<{ id: string; to_date: string | null; removed_by_hand: boolean; source: string }>(
    db,
    sql`select id, to_date, removed_by_hand, source from household_member where household_id = ${householdId} and person_id = ${personId}
         order by created_at desc limit 1`,
  );
}

export async function join(db: Database, values: { tenantId: string; householdId: string; personId: string; source: string; fromDate: string; createdByUserId: string | null }): Promise<void> {
  await db.insert(householdMember).values(values);
}

/** Ends a person's derived memberships of other households (they moved). */
export async function leaveOtherDerived(db: Database, personId: string, keepHouseholdId: string | null, toDate: string): Promise<void> {
  await db.execute(sql`update household_member set to_date = ${toDate}
                        where person_id = ${personId} and source = 'address' and to_date is null
                          ${keepHouseholdId ? sql`and household_id <> ${keepHouseholdId}` : sql``}`);
}

export async function removeByHand(db: Database, householdId: string, personId: string, toDate: string): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`update household_member set to_date = ${toDate}, removed_by_hand = true
         where household_id = ${householdId} and person_id = ${personId} and to_date is null returning id`,
  );
  return r.length > 0;
}

/** The current address of people who have never been in a household (one row each). */
export async function currentAddressesWithoutHousehold(db: Database, tenantId: string, limit: number, after = '00000000-0000-0000-0000-000000000000') {
  return rows<{ person_id: string; uprn: string | null; line1: string; postcode: string | null }>(
    db,
    sql`select distinct on (a.person_id) a.person_id, a.uprn, a.line1, a.postcode
          from person_address a join person p on p.id = a.person_id
         where p.tenant_id = ${tenantId} and a.person_id > ${after} and p.merged_into_person_id is null and a.to_date is null
           and not exists (select 1 from household_member m where m.person_id = a.person_id)
         order by a.person_id, a.from_date desc nulls last, a.created_at desc
         limit ${limit}`,
  );
}

/** Puts many people in the households of their address keys at once (creating the households needed). */
export async function joinDerivedInBulk(db: Database, tenantId: string, entries: { personId: string; key: string }[], fromDate: string): Promise<void> {
  if (entries.length === 0) return;
  const json = JSON.stringify(entries.map((e) => ({ person_id: e.personId, key: e.key })));
  await db.execute(sql`insert into household (tenant_id, address_key)
    select distinct ${tenantId}::uuid, x.key from jsonb_to_recordset(${json}::jsonb) as x(person_id uuid, key text)
    on conflict (tenant_id, address_key) do nothing`);
  await db.execute(sql`insert into household_member (tenant_id, household_id, person_id, source, from_date)
    select ${tenantId}::uuid, h.id, x.person_id, 'address', ${fromDate}::date
      from jsonb_to_recordset(${json}::jsonb) as x(person_id uuid, key text)
      join household h on h.tenant_id = ${tenantId} and h.address_key = x.key`);
}

/** The household a person lives in now: the one their address puts them in, else one they were added to by hand. */
export async function currentHouseholdOf(db: Database, personId: string): Promise<string | null> {
  const row = await one<{ household_id: string }>(
    db,
    sql`select household_id from household_member where person_id = ${personId} and to_date is null
         order by (source = 'address') desc, from_date desc, created_at desc limit 1`,
  );
  return row?.household_id ?? null;
}

/** The households a person is in now, with everyone in them. */
export async function householdsOf(db: Database, personId: string) {
  const hh = await rows<{ household_id: string }>(
    db,
    sql`select distinct household_id from household_member where person_id = ${personId} and to_date is null`,
  );
  const out: { id: string; members: { person_id: string; given_names: string; family_name: string; date_of_birth: string | null; source: string }[] }[] = [];
  for (const h of hh) {
    const members = await rows<{ person_id: string; given_names: string; family_name: string; date_of_birth: string | null; source: string }>(
      db,
      sql`select m.person_id, n.given_names, n.family_name, p.date_of_birth, m.source
            from household_member m join person p on p.id = m.person_id
            join person_name n on n.person_id = p.id and n.is_primary
           where m.household_id = ${h.household_id} and m.to_date is null and p.merged_into_person_id is null
           order by p.date_of_birth nulls last`,
    );
    out.push({ id: h.household_id, members });
  }
  return out;
}

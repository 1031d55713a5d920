/**
 * Care providers, contract concerns and provider enquiries: this feature's tables (owners.json). Every query names
 * the area (tenant): another area's provider is never read.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';

export async function providerArea(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from care_provider where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

export async function enquiryArea(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from provider_enquiry where id = ${id}`);
  return row && { tenantId: row.tenant_id };
}

// ——— providers ———

export interface ProviderListRow {
  id: string;
  name: string;
  cqc_location_id: string | null;
  service_type: string;
  postcode: string | null;
  open_low: number;
  open_medium: number;
  open_high: number;
  open_enquiries: number;
}

/** Which providers: all, those with an open contract concern, an open high-risk one (score 15 to 25), or an open provider enquiry. */
export const PROVIDER_SHOWS = ['all', 'concern', 'high', 'enquiry'] as const;
export type ProviderShow = (typeof PROVIDER_SHOWS)[number];

export interface ProviderFilter {
  /** Part of the name or CQC location ID. */
  q: string;
  serviceType: string | null;
  /** Absent: all. */
  show?: ProviderShow;
}

const SHOW_WHERE: Record<ProviderShow, SQL> = {
  all: sql``,
  concern: sql`and exists (select 1 from contract_concern c where c.provider_id = p.id and c.status = 'open')`,
  high: sql`and exists (select 1 from contract_concern c where c.provider_id = p.id and c.status = 'open' and c.likelihood * c.impact >= 15)`,
  enquiry: sql`and exists (select 1 from provider_enquiry e where e.provider_id = p.id and e.status = 'open')`,
};

function filterOf(tenantId: string, f: ProviderFilter) {
  const q = f.q.trim();
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const text = q === '' ? sql`` : sql`and (p.name ilike ${like} or p.cqc_location_id ilike ${like})`;
  const type = f.serviceType === null ? sql`` : sql`and p.service_type = ${f.serviceType}`;
  return sql`p.tenant_id = ${tenantId} ${text} ${type} ${SHOW_WHERE[f.show ?? 'all']}`;
}

/** Open contract concerns by band (low 1–6, medium 8–12, high 15–25: domain/providers.ts) and open enquiries. */
const OPEN_COUNTS = sql`
  (select count(*)::int from contract_concern c where c.provider_id = p.id and c.status = 'open' and c.likelihood * c.impact <= 6) as open_low,
  (select count(*)::int from contract_concern c where c.provider_id = p.id and c.status = 'open' and c.likelihood * c.impact between 8 and 12) as open_medium,
  (select count(*)::int from contract_concern c where c.provider_id = p.id and c.status = 'open' and c.likelihood * c.impact >= 15) as open_high,
  (select count(*)::int from provider_enquiry e where e.provider_id = p.id and e.status = 'open') as open_enquiries`;

/** A page of the area's providers, by name, with their open counts. */
export function listProviders(db: Database, tenantId: string, f: ProviderFilter, limit: number, offset: number): Promise<ProviderListRow[]> {
  return rows<ProviderListRow>(
    db,
    sql`select p.id, p.name, p.cqc_location_id, p.service_type, p.postcode, ${OPEN_COUNTS}
          from care_provider p where ${filterOf(tenantId, f)}
         order by p.name collate "und-x-icu", p.id limit ${limit} offset ${offset}`,
  );
}

export async function countProviders(db: Database, tenantId: string, f: ProviderFilter): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from care_provider p where ${filterOf(tenantId, f)}`);
  return row?.n ?? 0;
}

export interface ProviderRow {
  id: string;
  tenant_id: string;
  name: string;
  cqc_location_id: string | null;
  service_type: string;
  address: string | null;
  postcode: string | null;
  agency_id: string | null;
  agency_name: string | null;
  active: boolean;
  created_at: string;
  open_low: number;
  open_medium: number;
  open_high: number;
  open_enquiries: number;
}

export function providerById(db: Database, tenantId: string, id: string): Promise<ProviderRow | undefined> {
  return one<ProviderRow>(
    db,
    sql`select p.id, p.tenant_id, p.name, p.cqc_location_id, p.service_type, p.address, p.postcode, p.agency_id, a.name as agency_name,
               p.active, p.created_at, ${OPEN_COUNTS}
          from care_provider p left join agency a on a.id = p.agency_id
         where p.id = ${id} and p.tenant_id = ${tenantId}`,
  );
}

export function providerByCqcId(db: Database, tenantId: string, cqcLocationId: string): Promise<{ id: string; name: string } | undefined> {
  return one(db, sql`select id, name from care_provider where tenant_id = ${tenantId} and cqc_location_id = ${cqcLocationId}`);
}

export async function insertProvider(
  tx: Database,
  v: { tenantId: string; name: string; cqcLocationId: string | null; serviceType: string; address: string | null; postcode: string | null },
): Promise<string | null> {
  // A provider added at the same moment with the same CQC location ID wins; this one reports it.
  const row = await one<{ id: string }>(
    tx,
    sql`insert into care_provider (tenant_id, name, cqc_location_id, service_type, address, postcode)
        values (${v.tenantId}, ${v.name}, ${v.cqcLocationId}, ${v.serviceType}, ${v.address}, ${v.postcode})
        on conflict (tenant_id, cqc_location_id) do nothing returning id`,
  );
  return row?.id ?? null;
}

// ——— contract concerns ———

export interface ContractConcernRow {
  id: string;
  raised_on: string;
  category: string;
  description: string;
  likelihood: number;
  impact: number;
  status: string;
  closed_on: string | null;
  closing_note: string | null;
  raised_by_name: string | null;
}

/** A page of a provider's contract concerns: open first, then the higher score, then the most recently raised. */
export function contractConcerns(db: Database, tenantId: string, providerId: string, limit: number, offset: number): Promise<ContractConcernRow[]> {
  return rows<ContractConcernRow>(
    db,
    sql`select c.id, c.raised_on::text as raised_on, c.category, c.description, c.likelihood, c.impact, c.status, c.closed_on::text as closed_on,
               c.closing_note, u.display_name as raised_by_name
          from contract_concern c left join app_user u on u.id = c.raised_by_user_id
         where c.tenant_id = ${tenantId} and c.provider_id = ${providerId}
         order by (c.status = 'open') desc, c.likelihood * c.impact desc, c.raised_on desc, c.id
         limit ${limit} offset ${offset}`,
  );
}

export async function countContractConcerns(db: Database, tenantId: string, providerId: string): Promise<{ all: number; open: number }> {
  const row = await one<{ all: number; open: number }>(
    db,
    sql`select count(*)::int as all, (count(*) filter (where status = 'open'))::int as open
          from contract_concern where tenant_id = ${tenantId} and provider_id = ${providerId}`,
  );
  return { all: row?.all ?? 0, open: row?.open ?? 0 };
}

export function contractConcern(db: Database, tenantId: string, providerId: string, id: string): Promise<ContractConcernRow | undefined> {
  return one<ContractConcernRow>(
    db,
    sql`select c.id, c.raised_on::text as raised_on, c.category, c.description, c.likelihood, c.impact, c.status, c.closed_on::text as closed_on,
               c.closing_note, null::text as raised_by_name
          from contract_concern c where c.id = ${id} and c.tenant_id = ${tenantId} and c.provider_id = ${providerId}`,
  );
}

/** The concern's state, locked for the rest of the transaction. */
export function lockContractConcern(tx: Database, tenantId: string, providerId: string, id: string): Promise<{ status: string; raised_on: string } | undefined> {
  return one(
    tx,
    sql`select status, raised_on::text as raised_on from contract_concern
         where id = ${id} and tenant_id = ${tenantId} and provider_id = ${providerId} for update`,
  );
}

export async function insertContractConcern(
  tx: Database,
  v: { tenantId: string; providerId: string; raisedOn: string; category: string; description: string; likelihood: number; impact: number; raisedByUserId: string },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into contract_concern (tenant_id, provider_id, raised_on, category, description, likelihood, impact, raised_by_user_id)
        values (${v.tenantId}, ${v.providerId}, ${v.raisedOn}, ${v.category}, ${v.description}, ${v.likelihood}, ${v.impact}, ${v.raisedByUserId})
        returning id`,
  );
  return row!.id;
}

export async function closeContractConcern(tx: Database, id: string, v: { closedOn: string; closingNote: string }): Promise<boolean> {
  const done = await rows(
    tx,
    sql`update contract_concern set status = 'closed', closed_on = ${v.closedOn}, closing_note = ${v.closingNote}
         where id = ${id} and status = 'open' returning id`,
  );
  return done.length === 1;
}

// ——— provider enquiries ———

export interface EnquiryRow {
  id: string;
  tenant_id: string;
  provider_id: string;
  provider_name: string;
  opened_on: string;
  reason: string;
  status: string;
  closed_on: string | null;
  conclusion: string | null;
  opened_by_name: string | null;
  linked: number;
}

const ENQUIRY = sql`select e.id, e.tenant_id, e.provider_id, p.name as provider_name, e.opened_on::text as opened_on, e.reason, e.status,
         e.closed_on::text as closed_on, e.conclusion, u.display_name as opened_by_name,
         (select count(*)::int from provider_enquiry_concern l where l.provider_enquiry_id = e.id) as linked
    from provider_enquiry e join care_provider p on p.id = e.provider_id left join app_user u on u.id = e.opened_by_user_id`;

/** A provider's enquiries, open first, newest first. */
export function enquiriesOf(db: Database, tenantId: string, providerId: string): Promise<EnquiryRow[]> {
  return rows<EnquiryRow>(db, sql`${ENQUIRY} where e.tenant_id = ${tenantId} and e.provider_id = ${providerId} order by (e.status = 'open') desc, e.opened_on desc, e.id limit 200`);
}

export function enquiryById(db: Database, tenantId: string, id: string): Promise<EnquiryRow | undefined> {
  return one<EnquiryRow>(db, sql`${ENQUIRY} where e.id = ${id} and e.tenant_id = ${tenantId}`);
}

export function lockEnquiry(tx: Database, tenantId: string, id: string): Promise<{ status: string; provider_id: string } | undefined> {
  return one(tx, sql`select status, provider_id from provider_enquiry where id = ${id} and tenant_id = ${tenantId} for update`);
}

export async function insertEnquiry(tx: Database, v: { tenantId: string; providerId: string; openedOn: string; reason: string; openedByUserId: string }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into provider_enquiry (tenant_id, provider_id, opened_on, reason, opened_by_user_id)
        values (${v.tenantId}, ${v.providerId}, ${v.openedOn}, ${v.reason}, ${v.openedByUserId}) returning id`,
  );
  return row!.id;
}

export async function closeEnquiry(tx: Database, id: string, v: { closedOn: string; conclusion: string }): Promise<boolean> {
  const done = await rows(
    tx,
    sql`update provider_enquiry set status = 'closed', closed_on = ${v.closedOn}, conclusion = ${v.conclusion} where id = ${id} and status = 'open' returning id`,
  );
  return done.length === 1;
}

/** The individual concerns linked to an enquiry, in the order they were linked. */
export function linkedConcernIds(db: Database, enquiryId: string): Promise<{ concern_id: string; linked_at: string }[]> {
  return rows(db, sql`select concern_id, linked_at from provider_enquiry_concern where provider_enquiry_id = ${enquiryId} order by linked_at, concern_id`);
}

/** Each individual concern about a provider that is linked to one of its enquiries, with the enquiry. */
export function linksOfProvider(db: Database, tenantId: string, providerId: string): Promise<{ concern_id: string; enquiry_id: string }[]> {
  return rows(
    db,
    sql`select l.concern_id, l.provider_enquiry_id as enquiry_id from provider_enquiry_concern l join provider_enquiry e on e.id = l.provider_enquiry_id
         where e.tenant_id = ${tenantId} and e.provider_id = ${providerId}`,
  );
}

export async function linkConcerns(tx: Database, v: { tenantId: string; enquiryId: string; concernIds: readonly string[] }): Promise<number> {
  let made = 0;
  for (const concernId of v.concernIds) {
    const done = await rows(
      tx,
      sql`insert into provider_enquiry_concern (tenant_id, provider_enquiry_id, concern_id) values (${v.tenantId}, ${v.enquiryId}, ${concernId})
          on conflict (provider_enquiry_id, concern_id) do nothing returning id`,
    );
    made += done.length;
  }
  return made;
}

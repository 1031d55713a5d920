/**
 * The demo's year of children missing education, as the normal demo seed leaves it in the test database: the seed
 * report's volumes (177 children from 97 families a quarter; 51.9% with a previous closed episode; about 146 open;
 * 13.7% eligible for free school meals; 36% ethnicity not recorded; most in Central), the seed's outcome codes on
 * every closed referral, year groups that fit the children's dates of birth, localities that fit their postcodes,
 * dates that read true, and the demo school DSLs' schools with referrals of their own.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { OUTCOME_CODES, localityFor, phaseOf, yearGroupOn } from '../../domain/cme.js';
import { DEMO_LOCALITIES } from './demo-cme.js';

let t: TestApp;
let db: Database;
let tenantId: string;

interface Row {
  id: string;
  referred_on: string;
  referred_at: string;
  closed_at: string | null;
  status: string;
  outcome_code: string | null;
  found_at: string | null;
  year_group: string | null;
  phase: string | null;
  date_of_birth: string;
  postcode: string | null;
  locality: string | null;
  fsm_eligible: boolean | null;
  ethnicity: string;
  family_key: string;
  recurrent: boolean;
  joint_enquiry_due_on: string;
}
let year: Row[] = [];

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
  year = await rows<Row>(
    db,
    sql`select r.id, (r.referred_at at time zone 'Europe/London')::date::text as referred_on, r.referred_at::text, r.closed_at::text, r.status, r.outcome_code, r.found_at,
               r.year_group, r.phase, p.date_of_birth::text as date_of_birth, r.postcode, l.code as locality, r.fsm_eligible, r.ethnicity, r.family_key,
               exists (select 1 from cme_referral e where e.person_id = r.person_id and e.id <> r.id and e.status = 'closed' and e.closed_at < r.referred_at) as recurrent,
               r.joint_enquiry_due_on::text
          from cme_referral r join person p on p.id = r.person_id left join locality l on l.id = r.locality_id
         where r.tenant_id = ${tenantId} and r.referred_at > now() - interval '365 days' and r.contact_id is null`,
  );
}, limit(120_000));
afterAll(async () => t?.close());

const share = (n: number) => n / year.length;

describe('the demo’s year of children missing education', () => {
  it('refers about 177 children from 97 families a quarter', () => {
    expect(year.length).toBeGreaterThanOrEqual(708);
    expect(year.length).toBeLessThan(730);
    const families = new Set(year.map((r) => r.family_key)).size;
    expect(families).toBeGreaterThan(330);
    expect(families).toBeLessThan(450);
  });

  it('has about half the children with a previous episode closed, and about 146 open', () => {
    expect(share(year.filter((r) => r.recurrent).length)).toBeGreaterThan(0.45);
    expect(share(year.filter((r) => r.recurrent).length)).toBeLessThan(0.59);
    const open = year.filter((r) => r.status === 'open').length;
    expect(open).toBeGreaterThan(105);
    expect(open).toBeLessThan(190);
  });

  it('closes every referral with one of the seed’s outcome codes, with where for the found-elsewhere ones', () => {
    const closed = year.filter((r) => r.status === 'closed');
    expect(closed.every((r) => OUTCOME_CODES.some((o) => o.code === r.outcome_code))).toBe(true);
    expect(closed.filter((r) => r.outcome_code === 'found_school_other_la' || r.outcome_code === 'found_other_la').every((r) => !!r.found_at)).toBe(true);
    const by = (code: string) => closed.filter((r) => r.outcome_code === code).length / closed.length;
    expect(by('found_other_la')).toBeGreaterThan(0.2);
    expect(by('enquiries_exhausted')).toBeGreaterThan(0.15);
    expect(by('left_uk')).toBeGreaterThan(0.07);
    expect(year.filter((r) => r.status === 'open').every((r) => r.outcome_code === null && r.closed_at === null)).toBe(true);
  });

  it('has 13.7% eligible for free school meals and 36% ethnicity not recorded, kept apart from refused', () => {
    expect(share(year.filter((r) => r.fsm_eligible === true).length)).toBeGreaterThan(0.1);
    expect(share(year.filter((r) => r.fsm_eligible === true).length)).toBeLessThan(0.18);
    const notRecorded = share(year.filter((r) => r.ethnicity === 'NOBT').length);
    expect(notRecorded).toBeGreaterThan(0.29);
    expect(notRecorded).toBeLessThan(0.43);
    const refused = share(year.filter((r) => r.ethnicity === 'REFU').length);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(0.1);
    expect(share(year.filter((r) => r.ethnicity === 'WROM').length)).toBeGreaterThan(0.32);
  });

  it('lives mostly in Central, each child in the locality their postcode gives', async () => {
    const localities = await rows<{ id: string; code: string; name: string; postcode_prefixes: string[] }>(db, sql`select id, code, name, postcode_prefixes::text[] from locality where tenant_id = ${tenantId} and code in ('central', 'north', 'south', 'east')`);
    expect(localities.map((l) => l.code).sort()).toEqual(DEMO_LOCALITIES.map((l) => l.code).sort());
    const rules = localities.map((l) => ({ id: l.code, name: l.name, postcodePrefixes: l.postcode_prefixes }));
    expect(year.filter((r) => (localityFor(r.postcode, rules)?.id ?? null) !== r.locality).map((r) => r.id)).toEqual([]);
    expect(share(year.filter((r) => r.locality === 'central').length)).toBeGreaterThan(0.5);
    expect(share(year.filter((r) => r.locality === null).length)).toBeGreaterThan(0.02);
    for (const code of ['north', 'south', 'east']) expect(year.some((r) => r.locality === code)).toBe(true);
  });

  it('gives each child the year group their date of birth puts them in, of compulsory school age, split between primary and secondary', () => {
    expect(year.filter((r) => yearGroupOn(r.date_of_birth, r.referred_on) !== r.year_group || phaseOf(r.year_group) !== r.phase).map((r) => [r.id, r.year_group, r.date_of_birth, r.referred_on])).toEqual([]);
    const primary = share(year.filter((r) => r.phase === 'primary').length);
    expect(primary).toBeGreaterThan(0.4);
    expect(primary).toBeLessThan(0.65);
    expect(year.every((r) => r.phase === 'primary' || r.phase === 'secondary')).toBe(true);
  });

  it('keeps its dates true: nothing after now, closes and enquiries after the referral, 20 school days after it', async () => {
    const now = Date.now();
    expect(year.filter((r) => new Date(r.referred_at).getTime() > now || (r.closed_at && (new Date(r.closed_at) < new Date(r.referred_at) || new Date(r.closed_at).getTime() > now)))).toEqual([]);
    expect(year.filter((r) => r.joint_enquiry_due_on <= r.referred_on)).toEqual([]);
    const badEnquiries = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cme_enquiry q join cme_referral r on r.id = q.referral_id
           where r.tenant_id = ${tenantId} and (q.made_on < (r.referred_at at time zone 'Europe/London')::date or q.made_on > coalesce((r.closed_at at time zone 'Europe/London')::date, current_date))`,
    );
    expect(badEnquiries!.n).toBe(0);
    const badChecks = await one<{ n: number }>(db, sql`select count(*)::int as n from ehe_check c join ehe_registration h on h.id = c.registration_id where h.tenant_id = ${tenantId} and (c.next_due_on <= c.checked_on or c.checked_on < h.registered_on or c.checked_on > current_date)`);
    expect(badChecks!.n).toBe(0);
  });

  it('gives the demo school DSLs’ schools referrals of their own, and has a home education register', async () => {
    for (const email of ['dsl@demo.threshold.test', 'dsl2@demo.threshold.test']) {
      const n = await one<{ n: number }>(db, sql`select count(*)::int as n from cme_referral r join app_user u on u.agency_id = r.referring_agency_id where u.email = ${email}`);
      expect([email, n!.n > 0]).toEqual([email, true]);
    }
    const ehe = await one<{ active: number; from_referrals: number; checked: number }>(
      db,
      sql`select count(*) filter (where status = 'active')::int as active, count(*) filter (where cme_referral_id is not null)::int as from_referrals,
                 count(*) filter (where exists (select 1 from ehe_check c where c.registration_id = h.id))::int as checked from ehe_registration h where tenant_id = ${tenantId}`,
    );
    expect(ehe!.active).toBeGreaterThan(40);
    expect(ehe!.checked).toBeGreaterThan(40);
    expect(ehe!.from_referrals).toBeGreaterThanOrEqual(0);
  });
});

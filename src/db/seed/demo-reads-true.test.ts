/**
 * The demo reads true to a practitioner (issue 19), across the whole borough the demo seed leaves: every entry of a
 * person's chronology dated when it happened (after the contact it belongs to began, not after now, and a contact
 * shared close to its own steps, not at the seed's own time), no dated fact about a person before they were born, no
 * placeholder narratives, and every child's concerns fitting their age.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { ageBandOn, concernFitsChild } from './demo-stories.js';

let t: TestApp;
let db: Database;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
}, limit(120_000));
afterAll(async () => t?.close());

const ld = (column: string) => sql.raw(`(${column} at time zone 'Europe/London')::date`);

describe('the demo reads true', () => {
  it('dates every entry of a person’s chronology after its contact began and not after now', async () => {
    // The chronology's entries (src/features/front-door/contact-repository.ts `chronology`), each with its contact's start.
    const entries = await rows<{ kind: string; broken: number; total: number }>(
      db,
      sql`select kind, count(*) filter (where at is null or at < received_at or at > now())::int as broken, count(*)::int as total from (
            select 'contact' as kind, c.received_at as at, c.received_at from contact c where c.tenant_id = ${tenantId} and c.status <> 'draft'
            union all select 'decision', d.decided_at, c.received_at from screening_decision d join contact c on c.id = d.contact_id where c.tenant_id = ${tenantId}
            union all select 'authorised', d.authorised_at, d.decided_at from screening_decision d join contact c on c.id = d.contact_id where c.tenant_id = ${tenantId} and d.authorised_at is not null
            union all select 'also reported', u.received_at, c.received_at from contact_update u join contact c on c.id = u.contact_id where c.tenant_id = ${tenantId}
            union all select 'information', r.answered_at, r.requested_at from info_request r join contact c on c.id = r.contact_id where c.tenant_id = ${tenantId} and r.answered_at is not null
            union all select 'shared', sh.shared_at, c.received_at from contact_share sh join contact c on c.id = sh.contact_id where c.tenant_id = ${tenantId}
          ) x group by kind order by kind`,
    );
    expect(entries.map((e) => e.kind)).toEqual(['also reported', 'authorised', 'contact', 'decision', 'information', 'shared']);
    expect(Object.fromEntries(entries.map((e) => [e.kind, e.broken]))).toEqual(Object.fromEntries(entries.map((e) => [e.kind, 0])));
    // Shared as the contact was worked, not on the day the demo was seeded: within a day of its last decision (or of
    // its receipt, while it is undecided).
    const late = await one<{ n: number; total: number }>(
      db,
      sql`select count(*) filter (where sh.shared_at > greatest(c.received_at, d.decided_at, d.authorised_at) + interval '1 day')::int as n, count(*)::int as total
            from contact_share sh join contact c on c.id = sh.contact_id left join screening_decision d on d.contact_id = c.id where c.tenant_id = ${tenantId}`,
    );
    expect(late!.total).toBeGreaterThan(1000);
    expect(late!.n).toBe(0);
    // The lead history on the same page: each lead began after the person was born and not after now.
    expect(
      (await one<{ n: number }>(db, sql`select count(*)::int as n from safeguarding_lead l join person p on p.id = l.person_id
        where l.tenant_id = ${tenantId} and (l.since > now() or l.until > now() or l.until < l.since or ${ld('l.since')} < p.date_of_birth)`))!.n,
    ).toBe(0);
  });

  it('shows the history on the person’s chronology in that order: each share no earlier than its contact and within a day of its last step', async () => {
    const screener = await t.as('screener');
    const busiest = await rows<{ person_id: string }>(
      db,
      sql`select cs.person_id from contact_subject cs join contact_share sh on sh.contact_id = cs.contact_id join contact c on c.id = cs.contact_id
           where c.tenant_id = ${tenantId} and c.received_at < now() - interval '60 days' group by 1 order by count(*) desc, 1 limit 12`,
    );
    expect(busiest.length).toBe(12);
    let shares = 0;
    for (const { person_id } of busiest) {
      expect((await screener.get(`/people/${person_id}`)).statusCode).toBe(200);
      // the whole chronology, every page of it (the person's page shows the latest 10)
      let body = '';
      for (let page = 1; page <= 40; page += 1) {
        const res = await screener.get(`/people/${person_id}/chronology?page=${page}`);
        expect(res.statusCode).toBe(200);
        body += res.body;
        if (!res.body.includes('govuk-pagination__icon--next')) break;
      }
      const items = body.split('class="moj-timeline__item"').slice(1).map((block) => ({
        contact: /href="\/contacts\/([0-9a-f-]{36})"/.exec(block)?.[1] ?? '',
        at: new Date(/datetime="([^"]+)"/.exec(block)?.[1] ?? 'invalid').getTime(),
        shared: / shared with /.test(block),
      }));
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.at).toBeLessThanOrEqual(Date.now());
        if (!item.shared) continue;
        shares += 1;
        const steps = items.filter((i) => i.contact === item.contact && !i.shared).map((i) => i.at);
        expect(item.at).toBeGreaterThanOrEqual(Math.min(...steps));
        expect(item.at).toBeLessThanOrEqual(Math.max(...steps) + 86_400_000);
      }
    }
    expect(shares).toBeGreaterThan(0);
  });

  it('dates nothing about a person before they were born', async () => {
    // Every table that names a person, every date and time on it (an unborn child's records are dated before their
    // expected date of birth by nature, so they are left out).
    const refs = await rows<{ table_name: string; column_name: string }>(
      db,
      sql`select table_name, column_name from information_schema.columns
           where table_schema = 'public' and column_name like '%person_id' and data_type = 'uuid' and table_name <> 'person' order by 1, 2`,
    );
    expect(refs.length).toBeGreaterThan(20);
    const broken: Record<string, number> = {};
    let checked = 0;
    for (const ref of refs) {
      const dated = await rows<{ column_name: string; data_type: string }>(
        db,
        sql`select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = ${ref.table_name}
              and data_type in ('date', 'timestamp with time zone') and column_name not in ('date_of_birth', 'dob') order by 1`,
      );
      for (const c of dated) {
        const column = c.data_type === 'date' ? `x.${c.column_name}` : `(x.${c.column_name} at time zone 'Europe/London')::date`;
        const n = (await one<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${sql.raw(ref.table_name)} x join person p on p.id = ${sql.raw(`x.${ref.column_name}`)}
               where p.tenant_id = ${tenantId} and p.dob_precision <> 'unborn' and ${sql.raw(column)} < p.date_of_birth`,
        ))!.n;
        checked += 1;
        if (n) broken[`${ref.table_name}.${c.column_name} (${ref.column_name})`] = n;
      }
    }
    expect(checked).toBeGreaterThan(50);
    // Contacts and episodes name their children through other tables.
    const viaContacts = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from contact_subject cs join contact c on c.id = cs.contact_id join person p on p.id = cs.person_id
           where c.tenant_id = ${tenantId} and p.dob_precision <> 'unborn' and ${ld('c.received_at')} < p.date_of_birth`,
    );
    if (viaContacts!.n) broken['contact.received_at (contact_subject)'] = viaContacts!.n;
    expect(broken).toEqual({});
  });

  it('has no placeholder narratives', async () => {
    const placeholders = await one<{ n: number; total: number }>(
      db,
      sql`select count(*) filter (where narrative ilike '%Synthetic demo narrative%')::int as n, count(*)::int as total from contact where tenant_id = ${tenantId}`,
    );
    expect(placeholders!.total).toBeGreaterThan(1000);
    expect(placeholders!.n).toBe(0);
  });

  it('gives every child concerns that fit their age on the day (and every child named is under 18)', async () => {
    const subjects = await rows<{ reference: string; concerns: string[]; date_of_birth: string; gender: string | null; received_on: string }>(
      db,
      sql`select c.reference, c.concerns, p.date_of_birth::text as date_of_birth, p.gender, ${ld('c.received_at')}::text as received_on
            from contact c join contact_subject cs on cs.contact_id = c.id and cs.role = 'subject_child' join person p on p.id = cs.person_id
           where c.tenant_id = ${tenantId} and p.date_of_birth is not null`,
    );
    expect(subjects.length).toBeGreaterThan(1500);
    const misfits: string[] = [];
    for (const s of subjects) {
      const band = ageBandOn(s.date_of_birth, s.received_on);
      for (const concern of s.concerns) {
        if (band === null || !concernFitsChild(concern, band, s.gender)) misfits.push(`${s.reference}: ${concern} for a child ${band ?? '18 or over'} (${s.gender})`);
      }
    }
    expect(misfits.slice(0, 20)).toEqual([]);
  });
});

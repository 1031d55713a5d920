/**
 * Record-level rules exist twice: as pure functions (domain/access.ts) for one record, and as SQL predicates for
 * lists. This checks they agree, record by record, for a viewer from every kind of agency.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/client.js';
import { contactAccess, personAccess, type Viewer } from '../src/domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES } from '../src/domain/codes.js';
import { accessFacts as contactFacts, visibleContacts } from '../src/features/contacts/repository.js';
import { accessFacts as personFacts, visiblePeople } from '../src/features/people/repository.js';
import { type TestApp, createTestApp } from './support/app.js';

let t: TestApp;
let viewers: Viewer[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // Make the cases interesting: allocations, drafts by partners, shares, people added by partners.
  const police = await t.as('police');
  await police.get('/contacts/new');
  await police.post('/contacts/new', {
    contactType: 'child', sourceCode: '6', referrerName: 'Pat Constable', concerns: 'neglect', narrative: 'Police draft', consent: 'given',
    'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2025', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
  });
  await t.db.db.execute(sql`update contact set allocated_user_id = (select id from app_user where email = 'health@demo.threshold.test')
                             where id in (select id from contact where status = 'decided' order by id limit 3)`);
  viewers = await rows<Viewer>(
    t.db.db,
    sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType"
          from app_user u join agency a on a.id = u.agency_id order by u.email`,
  );
});
afterAll(async () => t.close());

describe('the SQL list filters and the record rules agree', () => {
  it('for contacts', { timeout: 180_000 }, async () => {
    const all = await rows<{ id: string }>(t.db.db, sql`select id from contact order by id`);
    for (const viewer of viewers) {
      const listed = new Set((await rows<{ id: string }>(t.db.db, sql`select c.id from contact c where ${visibleContacts(viewer)}`)).map((r) => r.id));
      const mismatches: string[] = [];
      for (const { id } of all) {
        const decision = contactAccess(viewer, (await contactFacts(t.db.db, id))!, true);
        if ((decision.outcome === 'allow') !== listed.has(id)) mismatches.push(id);
      }
      expect({ viewer: viewer.userId, mismatches }).toEqual({ viewer: viewer.userId, mismatches: [] });
    }
  });

  it('for people', { timeout: 180_000 }, async () => {
    const all = await rows<{ id: string }>(t.db.db, sql`select id from person order by id limit 400`);
    for (const viewer of viewers.filter((_, i) => i % 2 === 0)) {
      const listed = new Set((await rows<{ id: string }>(t.db.db, sql`select p.id from person p where ${visiblePeople(viewer)}`)).map((r) => r.id));
      const mismatches: string[] = [];
      for (const { id } of all) {
        const decision = personAccess(viewer, (await personFacts(t.db.db, id))!, true, REGISTER_WIDE_AGENCY_TYPES);
        if ((decision.outcome === 'allow') !== listed.has(id)) mismatches.push(id);
      }
      expect({ viewer: viewer.userId, mismatches }).toEqual({ viewer: viewer.userId, mismatches: [] });
    }
  });
});

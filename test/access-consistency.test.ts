/**
 * Record-level rules exist twice: as pure functions (domain/access.ts) for one record, and as SQL predicates for
 * lists. This checks they agree, record by record, for a viewer from every kind of agency and every role.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/client.js';
import { contactAccess, personAccess, type Viewer } from '../src/domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES } from '../src/domain/codes.js';
import { accessFacts as contactFacts, visibleContacts } from '../src/features/front-door/contact-repository.js';
import { accessFacts as personFacts, visiblePeople } from '../src/features/people/repository.js';
import { type FastifyRequest } from 'fastify';
import { type SQL } from 'drizzle-orm';
import { type RecordKind } from '../src/domain/access.js';
import { type Role, permissionsOf } from '../src/domain/roles.js';
import { visibleCases as visibleDaCases } from '../src/features/domestic-abuse/repository.js';
import { visibleActions, visibleMeetings, visibleReferrals } from '../src/features/marac/repository.js';
import { visibleNotices } from '../src/features/encompass/repository.js';
import { visibleRequests } from '../src/features/front-door/information-request-repository.js';
import { visibleCases as visibleServiceCases } from '../src/features/da-services/repository.js';
import { type CurrentUser } from '../src/platform/authz.js';
import { visibleConcerns } from '../src/features/adult-safeguarding/repository.js';
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
  // adult concerns restricted, and one allocated to a worker of another agency, among the first ones checked
  await t.db.db.execute(sql`update adult_concern set restricted = true where id in (select id from adult_concern order by id limit 5)`);
  await t.db.db.execute(sql`update adult_concern set allocated_user_id = (select id from app_user where email = 'police@demo.threshold.test')
                             where id in (select id from adult_concern order by id offset 5 limit 1)`);
  viewers = await rows<Viewer>(
    t.db.db,
    sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType"
          from app_user u join agency a on a.id = u.agency_id where u.email like '%@demo.threshold.test' order by u.email`,
  );
});
afterAll(async () => t.close());

describe('the SQL list filters and the record rules agree', () => {
  it('for contacts', { timeout: 180_000 }, async () => {
    const all = await rows<{ id: string }>(t.db.db, sql`select id from contact order by id`);
    // A record's facts do not depend on who asks: read once, judged for every viewer.
    const facts = new Map<string, NonNullable<Awaited<ReturnType<typeof contactFacts>>>>();
    for (const { id } of all) facts.set(id, (await contactFacts(t.db.db, id))!);
    for (const viewer of viewers) {
      const listed = new Set((await rows<{ id: string }>(t.db.db, sql`select c.id from contact c where ${visibleContacts(viewer)}`)).map((r) => r.id));
      const mismatches: string[] = [];
      for (const { id } of all) {
        const decision = contactAccess(viewer, facts.get(id)!, true);
        if ((decision.outcome === 'allow') !== listed.has(id)) mismatches.push(id);
      }
      expect({ viewer: viewer.userId, mismatches }).toEqual({ viewer: viewer.userId, mismatches: [] });
    }
  });

  it('for people', { timeout: 180_000 }, async () => {
    const all = await rows<{ id: string }>(t.db.db, sql`select id from person order by id limit 800`);
    const facts = new Map<string, NonNullable<Awaited<ReturnType<typeof personFacts>>>>();
    for (const { id } of all) facts.set(id, (await personFacts(t.db.db, id))!);
    for (const viewer of viewers) {
      const listed = new Set((await rows<{ id: string }>(t.db.db, sql`select p.id from person p where ${visiblePeople(viewer)}`)).map((r) => r.id));
      const mismatches: string[] = [];
      for (const { id } of all) {
        const decision = personAccess(viewer, facts.get(id)!, true, REGISTER_WIDE_AGENCY_TYPES);
        if ((decision.outcome === 'allow') !== listed.has(id)) mismatches.push(id);
      }
      expect({ viewer: viewer.userId, mismatches }).toEqual({ viewer: viewer.userId, mismatches: [] });
    }
  });
});

describe('the SQL list filters and the record rules agree for the domestic abuse records', () => {
  /** Every demo account (one or more per role; not the seed's extra staff) as the record checks see them: their agency and what their roles allow. */
  async function recordViewers(): Promise<CurrentUser[]> {
    const users = await rows<{ userId: string; tenantId: string; agencyId: string; agencyType: string; roles: Role[] }>(
      t.db.db,
      sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType",
                 coalesce((select array_agg(ra.role) from role_assignment ra where ra.user_id = u.id), '{}') as roles
            from app_user u join agency a on a.id = u.agency_id where u.disabled_at is null and u.email like '%@demo.threshold.test' order by u.email`,
    );
    return users.map((u) => ({ ...u, agencyName: '', teamId: null, displayName: '', email: '', mfaEnabled: false, permissions: permissionsOf(u.roles) }));
  }

  /** `listedWhenRestricted`: a list shows a restricted record (the reason is asked when it is opened). */
  const CASES: { kind: RecordKind; from: SQL; alias: string; where: (v: CurrentUser) => SQL; listedWhenRestricted?: boolean }[] = [
    { kind: 'adult_concern', from: sql`adult_concern c`, alias: 'c', where: (v) => visibleConcerns(v), listedWhenRestricted: true },
    { kind: 'da_case', from: sql`da_case d join contact c on c.id = d.contact_id`, alias: 'd', where: (v) => visibleDaCases(v) },
    { kind: 'marac_meeting', from: sql`marac_meeting m`, alias: 'm', where: (v) => visibleMeetings(v) },
    { kind: 'marac_referral', from: sql`marac_referral r`, alias: 'r', where: (v) => visibleReferrals(v) },
    { kind: 'marac_action', from: sql`da_action d`, alias: 'd', where: (v) => visibleActions(v) },
    { kind: 'encompass_notice', from: sql`encompass_notice n`, alias: 'n', where: (v) => visibleNotices(v) },
    { kind: 'info_request', from: sql`info_request r`, alias: 'r', where: (v) => visibleRequests(v) },
    { kind: 'da_service_case', from: sql`da_service_case c`, alias: 'c', where: (v) => visibleServiceCases(v) },
  ];

  it.each(CASES.map((c) => [c.kind, c] as const))('for %s', { timeout: 300_000 }, async (_kind, c) => {
    const alias = sql.raw(c.alias);
    const all = await rows<{ id: string }>(t.db.db, sql`select ${alias}.id from ${c.from} order by 1 limit 300`);
    expect(all.length).toBeGreaterThan(0);
    for (const viewer of await recordViewers()) {
      const listed = new Set((await rows<{ id: string }>(t.db.db, sql`select ${alias}.id from ${c.from} where ${c.where(viewer)}`)).map((r) => r.id));
      const mismatches: string[] = [];
      const request = { user: viewer, params: {}, query: {}, body: {} } as unknown as FastifyRequest;
      // Twenty records at a time: the checks only read, and a server database answers them side by side.
      for (let i = 0; i < all.length; i += 20) {
        const batch = all.slice(i, i + 20);
        const decisions = await Promise.all(batch.map(({ id }) => t.app.records.decide(request, c.kind, id)));
        batch.forEach(({ id }, j) => {
          const open = decisions[j]?.outcome === 'allow' || (c.listedWhenRestricted === true && decisions[j]?.outcome === 'needs-reason');
          if (open !== listed.has(id)) mismatches.push(id);
        });
      }
      expect({ viewer: viewer.userId, roles: viewer.permissions.size, mismatches }).toEqual({ viewer: viewer.userId, roles: viewer.permissions.size, mismatches: [] });
    }
  });
});

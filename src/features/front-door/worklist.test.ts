/**
 * The worklist against a front door whose contacts are known: rows, order, filters, pages and counts; the counts
 * the database keeps (contact_worklist_tally) against counting every open contact, through every kind of change;
 * and the page against the record rules. Also, on PostgreSQL, that keeping the counts never makes one writer wait
 * for another.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, asDate, one, rows, transaction } from '../../db/client.js';
import { type Viewer, contactAccess } from '../../domain/access.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { type WorklistFilter, type WorklistRow, accessFacts, visibleContacts, worklist, worklistCounts } from './contact-repository.js';

/** A Tuesday in March (London is on GMT), half past ten; today ends at 23:59:59.999. */
const NOW = new Date('2026-03-10T10:30:00.000Z');
const END_OF_TODAY = new Date('2026-03-10T23:59:59.999Z');
const FILLERS = 55;
const onPostgres = inject('database').kind === 'postgres';

let t: TestApp;
let db: Database;
let tenantId = '';
let otherTenantId = '';
let frontDoor = ''; // the test front door's agency
let demoFrontDoor = ''; // the demo's children's services front door, another agency in the same area
let otherAreaAgency = '';
let police = '';
let v: Viewer; // a screener at the test front door
let w: Viewer; // their colleague
let demoScreener: Viewer;
/** Contact id → fixture key ("a", "b", …, "filler"). */
const keyOf = new Map<string, string>();
const idOf = new Map<string, string>();

interface Spec {
  key: string;
  status: string;
  due: string | null;
  received?: string;
  rag?: string | null;
  allocated?: 'v' | 'w' | null;
  restricted?: boolean;
  subjects?: { given: string; family: string; restricted?: boolean }[];
  toMatch?: string[];
  updates?: number;
  tenant?: string;
  owner?: string;
  source?: string | null;
  createdBy?: string;
}

async function addContact(s: Spec): Promise<string> {
  const tenant = s.tenant ?? tenantId;
  const allocated = s.allocated === 'v' ? v.userId : s.allocated === 'w' ? w.userId : null;
  const received = s.received ?? (s.due ? new Date(asDate(s.due).getTime() - 86_400_000).toISOString() : NOW.toISOString());
  const c = await one<{ id: string }>(
    db,
    sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code, referrer_name,
                             received_at, concerns, narrative, consent, decision_due_at, allocated_user_id, restricted, channel, rag,
                             created_by_user_id, synthetic, submitted_at)
        values (${tenant}, ${s.status === 'draft' ? null : `WL-${s.key}`}, ${s.status}, 'child', ${s.owner ?? frontDoor}, ${s.source === undefined ? police : s.source}, '6',
                'Pat Constable', ${received}, array['neglect'], 'Worklist fixture.', 'given', ${s.due}, ${allocated}, ${s.restricted ?? false}, 'phone',
                ${s.rag ?? null}, ${s.createdBy ?? v.userId}, true, ${s.status === 'draft' ? null : received})
        returning id`,
  );
  const id = c!.id;
  for (const [i, p] of (s.subjects ?? []).entries()) {
    const person = await one<{ id: string }>(db, sql`insert into person (tenant_id, restricted, synthetic) values (${tenant}, ${p.restricted ?? false}, true) returning id`);
    await db.execute(sql`insert into person_name (tenant_id, person_id, type, given_names, family_name, is_primary) values (${tenant}, ${person!.id}, 'legal', ${p.given}, ${p.family}, true)`);
    await db.execute(sql`insert into contact_subject (tenant_id, contact_id, person_id, role, created_at)
                         values (${tenant}, ${id}, ${person!.id}, 'subject_child', ${new Date(NOW.getTime() + i * 1000).toISOString()})`);
  }
  for (const [i, name] of (s.toMatch ?? []).entries()) {
    const [given, family] = name.split(' ');
    await db.execute(sql`insert into contact_named_person (tenant_id, contact_id, role, given_names, family_name, dob_precision, gender, position)
                         values (${tenant}, ${id}, 'subject_child', ${given}, ${family}, 'exact', 'unknown', ${i})`);
  }
  for (let i = 0; i < (s.updates ?? 0); i++) {
    await db.execute(sql`insert into contact_update (tenant_id, contact_id, channel, received_at, narrative, matched_by, payload)
                         values (${tenant}, ${id}, 'api', ${NOW.toISOString()}, 'Also reported.', 'same_police_reference', '{}'::jsonb)`);
  }
  keyOf.set(id, s.key);
  idOf.set(s.key, id);
  return id;
}

/** The test front door's open work. Deadlines relative to NOW (10:30): overdue, in now's hour, today, later. */
const FRONT_DOOR: Spec[] = [
  { key: 'a', status: 'open', due: '2026-03-06T09:00:00Z', rag: 'red', subjects: [{ given: 'Ava', family: 'Alpha' }], updates: 2 },
  { key: 'b', status: 'open', due: '2026-03-10T10:05:00Z', rag: 'amber', allocated: 'v', subjects: [{ given: 'Ben', family: 'Beta' }, { given: 'Cara', family: 'Gamma', restricted: true }] },
  { key: 'c', status: 'open', due: '2026-03-10T10:30:00Z', rag: 'green', allocated: 'w', subjects: [{ given: 'Dan', family: 'Delta' }], toMatch: ['Eve Epsilon'] },
  { key: 'd', status: 'awaiting_authorisation', due: '2026-03-10T10:45:00Z', restricted: true, subjects: [{ given: 'Finn', family: 'Zeta' }] },
  { key: 'e', status: 'open', due: '2026-03-10T15:00:00Z', rag: 'red', allocated: 'v', subjects: [{ given: 'Gus', family: 'Eta' }, { given: 'Hal', family: 'Theta' }] },
  { key: 'f', status: 'open', due: '2026-03-10T23:30:00Z', toMatch: ['Ida Iota', 'Jo Kappa'] },
  { key: 'g', status: 'open', due: '2026-03-10T23:59:59.999Z', rag: 'amber', subjects: [{ given: 'Kit', family: 'Lambda' }] },
  { key: 'h', status: 'open', due: '2026-03-11T00:00:00Z', rag: 'red', allocated: 'w', subjects: [{ given: 'Lou', family: 'Mu' }] },
  { key: 'i', status: 'awaiting_authorisation', due: '2026-03-09T16:00:00Z', rag: 'green', allocated: 'v', subjects: [{ given: 'Max', family: 'Nu' }] },
  // Same deadline and time received: the id decides, the same way on every page.
  { key: 'j', status: 'open', due: '2026-03-12T09:00:00Z', received: '2026-03-10T09:00:00Z', subjects: [{ given: 'Ned', family: 'Xi' }] },
  { key: 'k', status: 'open', due: '2026-03-12T09:00:00Z', received: '2026-03-10T09:00:00Z', subjects: [{ given: 'Olly', family: 'Omicron' }] },
  { key: 'l', status: 'open', due: '2026-03-10T10:29:59.999Z', rag: 'red', subjects: [{ given: 'Pip', family: 'Pi' }] },
];

/** Contacts that are not the test front door's open work, whoever else may see them. */
const ELSEWHERE: (() => Spec)[] = [
  () => ({ key: 'draft', status: 'draft', due: null }),
  () => ({ key: 'decided', status: 'decided', due: '2026-03-09T09:00:00Z', rag: 'red' }),
  () => ({ key: 'demo-open', status: 'open', due: '2026-03-05T09:00:00Z', rag: 'red', owner: demoFrontDoor }),
  // Seen by the test front door (it sent it, a screener there is allocated it, it was shared), not owned by it.
  () => ({ key: 'sent-by-us', status: 'open', due: '2026-03-05T09:00:00Z', owner: demoFrontDoor, source: frontDoor }),
  () => ({ key: 'allocated-to-v', status: 'open', due: '2026-03-05T09:00:00Z', owner: demoFrontDoor, allocated: 'v' }),
  () => ({ key: 'shared', status: 'awaiting_authorisation', due: '2026-03-05T09:00:00Z', owner: demoFrontDoor }),
  // Another area: its own front door, and a row naming this front door's agency under the other area.
  () => ({ key: 'other-area', status: 'open', due: '2026-03-05T09:00:00Z', tenant: otherTenantId, owner: otherAreaAgency, source: null, createdBy: demoScreener.userId }),
  () => ({ key: 'other-area-our-agency', status: 'open', due: '2026-03-05T09:00:00Z', tenant: otherTenantId, source: null, createdBy: demoScreener.userId }),
];

async function userAt(agencyId: string, email: string, name: string): Promise<Viewer> {
  const u = await one<{ id: string }>(
    db,
    sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenantId}, ${agencyId}, ${email}, ${name}) returning id`,
  );
  await db.execute(sql`insert into role_assignment (tenant_id, user_id, role) values (${tenantId}, ${u!.id}, 'mash_screener')`);
  return { userId: u!.id, tenantId, agencyId, agencyType: 'children_social_care' };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  db = t.db.db;
  const screener = await one<{ id: string; tenant_id: string; agency_id: string }>(db, sql`select id, tenant_id, agency_id from app_user where email = 'screener@demo.threshold.test'`);
  tenantId = screener!.tenant_id;
  demoFrontDoor = screener!.agency_id;
  demoScreener = { userId: screener!.id, tenantId, agencyId: demoFrontDoor, agencyType: 'children_social_care' };
  police = (await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenantId} and type = 'police' order by name limit 1`))!.id;
  frontDoor = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${tenantId}, 'Worklist Test Front Door', 'children_social_care') returning id`))!.id;
  v = await userAt(frontDoor, 'wl-screener@demo.threshold.test', 'Vic Screener');
  w = await userAt(frontDoor, 'wl-colleague@demo.threshold.test', 'Wyn Colleague');
  otherTenantId = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('wl-other', 'Other Area', true) returning id`))!.id;
  otherAreaAgency = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${otherTenantId}, 'Other Area Front Door', 'children_social_care') returning id`))!.id;

  for (const s of FRONT_DOOR) await addContact(s);
  for (const s of ELSEWHERE) await addContact(s());
  await db.execute(sql`insert into contact_share (tenant_id, contact_id, agency_id, purpose) values (${tenantId}, ${idOf.get('shared')!}, ${frontDoor}, 'Worklist fixture')`);
  // Open work due next week, green, nobody allocated: enough for a second page of 50 (one statement, many rows).
  const fillers = await rows<{ id: string }>(
    db,
    sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent,
                             decision_due_at, rag, channel, created_by_user_id, synthetic, submitted_at)
        select ${tenantId}, 'WL-filler-' || lpad(g::text, 2, '0'), 'open', 'child', ${frontDoor}, '6', timestamptz '2026-03-10 09:00Z', 'Filler.', 'given',
               timestamptz '2026-03-16 09:00Z' + make_interval(mins => g), 'green', 'phone', ${v.userId}, true, timestamptz '2026-03-10 09:00Z'
          from generate_series(1, ${FILLERS}) g
        returning id`,
  );
  for (const f of fillers) keyOf.set(f.id, 'filler');
});
afterAll(async () => t.close());

const ALL: Omit<WorklistFilter, 'limit' | 'offset'> = { status: 'all', due: 'all', rag: 'all', allocated: 'all', sort: 'deadline', now: NOW, endOfToday: END_OF_TODAY };

async function keys(viewer: Viewer, filter: Partial<WorklistFilter> = {}): Promise<string[]> {
  const list = await worklist(db, viewer, { ...ALL, limit: 200, offset: 0, ...filter });
  return list.map((r) => keyOf.get(r.id) ?? `unknown:${r.reference}`);
}
const fillers = (n = FILLERS) => Array<string>(n).fill('filler');

describe('the worklist of a front door', () => {
  it('lists its open work by deadline, earliest first, and nothing else', async () => {
    expect(await keys(v)).toEqual(['a', 'i', 'b', 'l', 'c', 'd', 'e', 'f', 'g', 'h', ...[idOf.get('j')!, idOf.get('k')!].sort().map((id) => keyOf.get(id)!), ...fillers()]);
    // The same list for a colleague at the same front door; another front door in the area sees none of it.
    expect(await keys(w)).toEqual(await keys(v));
    const demo = await keys(demoScreener);
    expect(demo).toContain('demo-open');
    expect(demo.filter((k) => FRONT_DOOR.some((s) => s.key === k) || k === 'filler')).toEqual([]);
  });

  it('gives each row its people, restricted flag, updates, allocation and source', async () => {
    const list = await worklist(db, v, { ...ALL, limit: 12, offset: 0 });
    const row = (key: string) => list.find((r) => keyOf.get(r.id) === key)!;
    expect(row('a')).toMatchObject({ reference: 'WL-a', status: 'open', rag: 'red', subjects: 'Ava Alpha', restricted: false, updates: 2, allocated_name: null, source_agency_name: expect.any(String) });
    expect(row('b')).toMatchObject({ subjects: 'Ben Beta, Cara Gamma', restricted: true, allocated_name: 'Vic Screener', rag: 'amber' }); // a restricted person
    expect(row('c')).toMatchObject({ subjects: 'Dan Delta, Eve Epsilon (to match)', restricted: false, allocated_name: 'Wyn Colleague' });
    expect(row('d')).toMatchObject({ status: 'awaiting_authorisation', restricted: true, rag: null, subjects: 'Finn Zeta' }); // a restricted contact
    expect(row('e')).toMatchObject({ subjects: 'Gus Eta, Hal Theta', updates: 0 });
    expect(row('f')).toMatchObject({ subjects: 'Ida Iota (to match), Jo Kappa (to match)', restricted: false });
    expect(asDate(row('g').decision_due_at).toISOString()).toBe('2026-03-10T23:59:59.999Z');
    expect(row('l')).toMatchObject({ contact_type: 'child', source_code: '6', channel: 'phone', concerns: ['neglect'] });
  });

  it.each<[string, Partial<WorklistFilter>, 'v' | 'w', string[]]>([
    ['awaiting authorisation', { status: 'awaiting_authorisation' }, 'v', ['i', 'd']],
    ['overdue (a deadline one millisecond ago is; one now is not)', { due: 'overdue' }, 'v', ['a', 'i', 'b', 'l']],
    ['due today (from now to the last millisecond of today)', { due: 'today' }, 'v', ['c', 'd', 'e', 'f', 'g']],
    ['red', { rag: 'red' }, 'v', ['a', 'l', 'e', 'h']],
    ['amber', { rag: 'amber' }, 'v', ['b', 'g']],
    ['green', { rag: 'green' }, 'v', ['i', 'c', ...fillers()]],
    ['not rated', { rag: 'none' }, 'v', ['d', 'f', 'j', 'k']],
    ['allocated to me', { allocated: 'me' }, 'v', ['i', 'b', 'e']],
    ['allocated to me, as the colleague', { allocated: 'me' }, 'w', ['c', 'h']],
    ['urgency first', { sort: 'rag' }, 'v', ['a', 'l', 'e', 'h', 'b', 'g', 'i', 'c', ...fillers(), 'd', 'f', 'j', 'k']],
    ['urgency first, due today', { sort: 'rag', due: 'today' }, 'v', ['e', 'g', 'c', 'd', 'f']],
    ['open, overdue, red, not allocated', { status: 'open', due: 'overdue', rag: 'red', allocated: 'nobody' }, 'v', ['a', 'l']],
    ['awaiting authorisation, allocated to me, urgency first', { status: 'awaiting_authorisation', allocated: 'me', sort: 'rag' }, 'v', ['i']],
  ])('filters: %s', async (_label, filter, viewer, expected) => {
    const tieOrder = [idOf.get('j')!, idOf.get('k')!].sort().map((id) => keyOf.get(id)!);
    const want = expected.join(',').replace('j,k', tieOrder.join(',')).split(',');
    expect(await keys(viewer === 'w' ? w : v, filter)).toEqual(want);
  });

  it('not allocated: everything nobody has, in deadline order', async () => {
    const list = await keys(v, { allocated: 'nobody' });
    expect(list.filter((k) => k !== 'filler')).toEqual(['a', 'l', 'd', 'f', 'g', ...[idOf.get('j')!, idOf.get('k')!].sort().map((id) => keyOf.get(id)!)]);
    expect(list.filter((k) => k === 'filler')).toHaveLength(FILLERS);
  });

  it('pages through the list with no row twice or missed, whatever the page size and order', async () => {
    for (const sort of ['deadline', 'rag'] as const) {
      const whole = await worklist(db, v, { ...ALL, sort, limit: 500, offset: 0 });
      expect(whole).toHaveLength(12 + FILLERS);
      for (const size of [1, 2, 5, 10, 11, 50]) {
        const paged: WorklistRow[] = [];
        for (let offset = 0; offset < whole.length + size; offset += size) paged.push(...(await worklist(db, v, { ...ALL, sort, limit: size, offset })));
        expect(paged.map((r) => r.id)).toEqual(whole.map((r) => r.id));
      }
    }
  });

  it('counts open work, work awaiting authorisation, overdue work and work due today', async () => {
    expect(await worklistCounts(db, v, NOW, END_OF_TODAY)).toEqual({ open: 10 + FILLERS, awaiting: 2, overdue: 4, due_today: 5 });
    expect(await worklistCounts(db, w, NOW, END_OF_TODAY)).toEqual({ open: 10 + FILLERS, awaiting: 2, overdue: 4, due_today: 5 });
    const otherArea = { userId: demoScreener.userId, tenantId: otherTenantId, agencyId: otherAreaAgency, agencyType: 'children_social_care' };
    expect(await worklistCounts(db, otherArea, NOW, END_OF_TODAY)).toEqual({ open: 1, awaiting: 0, overdue: 1, due_today: 0 });
    expect(await keys(otherArea)).toEqual(['other-area']);
  });

  it('shows the page: the counts, names hidden on restricted rows, filters and a second page', async () => {
    const client = await t.as('wl-screener');
    const page1 = await client.get('/worklist');
    expect(page1.statusCode).toBe(200);
    const figures = [...page1.body.matchAll(/govuk-heading-l govuk-!-margin-bottom-0"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
    expect(figures).toEqual([4, 5, 10 + FILLERS, 2]); // overdue, due today, awaiting screening, awaiting authorisation
    const refs = (body: string) => [...body.matchAll(/>(WL-[a-z0-9-]+)</g)].map((m) => m[1]!);
    expect(refs(page1.body)).toHaveLength(25);
    expect(page1.body).toContain(`data-list-total="${12 + FILLERS}"`);
    expect(refs(page1.body).slice(0, 4)).toEqual(['WL-a', 'WL-i', 'WL-b', 'WL-l']);
    expect(page1.body).toContain('Ava Alpha');
    expect(page1.body).toContain('Eve Epsilon (to match)');
    for (const hidden of ['Cara Gamma', 'Ben Beta', 'Finn Zeta']) expect(page1.body).not.toContain(hidden);
    expect(page1.body).toContain('page=2');
    const page3 = await client.get('/worklist?status=all&due=all&rag=all&allocated=all&sort=deadline&page=3');
    expect(refs(page3.body)).toHaveLength(12 + FILLERS - 50);
    expect(refs(page3.body).every((r) => r.startsWith('WL-filler-'))).toBe(true);
    expect(page3.body).not.toContain('page=4');
    expect(page3.body).toContain(`data-list-total="${12 + FILLERS}"`);
    const amber = await client.get('/worklist?rag=amber&sort=rag');
    expect(refs(amber.body)).toEqual(['WL-b', 'WL-g']);
    expect(amber.body).toContain('data-list-total="2"');
    const demo = await (await t.as('screener')).get('/worklist');
    expect(demo.statusCode).toBe(200);
    expect(refs(demo.body).filter((r) => r.startsWith('WL-filler-') || FRONT_DOOR.some((s) => r === `WL-${s.key}`))).toEqual([]);
  });
});

type Candidate = WorklistRow & { rank: number; allocated_user_id: string | null };

/** The worklist as first written: every open contact of the front door, each with its people (filtered and sorted by `expected`). */
function candidates(viewer: Viewer): Promise<Candidate[]> {
  return rows<Candidate>(
    db,
    sql`select c.id, c.reference, c.status, c.contact_type, c.received_at, c.decision_due_at, c.source_code,
               sa.name as source_agency_name, c.concerns, au.display_name as allocated_name, c.rag, c.channel,
               (c.restricted or exists (select 1 from contact_subject cs join person p on p.id = cs.person_id where cs.contact_id = c.id and p.restricted)) as restricted,
               (select count(*)::int from contact_update u where u.contact_id = c.id) as updates,
               exists (select 1 from incident_review r where r.contact_id = c.id and r.status = 'open') as possible_same_incident,
               concat_ws(', ',
                 (select string_agg(n.given_names || ' ' || n.family_name, ', ' order by cs.created_at, n.given_names, n.family_name)
                    from contact_subject cs join person_name n on n.person_id = cs.person_id and n.is_primary where cs.contact_id = c.id),
                 (select string_agg(np.given_names || ' ' || np.family_name || ' (to match)', ', ' order by np.position)
                    from contact_named_person np where np.contact_id = c.id and np.person_id is null)) as subjects,
               case c.rag when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end as rank, c.allocated_user_id
          from contact c left join agency sa on sa.id = c.source_agency_id left join app_user au on au.id = c.allocated_user_id
         where ${visibleContacts(viewer)} and c.owning_agency_id = ${viewer.agencyId} and c.status in ('open', 'awaiting_authorisation')`,
  );
}

function expected(all: Candidate[], viewer: Viewer, f: Omit<WorklistFilter, 'limit' | 'offset'>): WorklistRow[] {
  const time = (s: string | null) => (s ? asDate(s).getTime() : Number.POSITIVE_INFINITY);
  return all
    .filter((r) => f.status === 'all' || !f.status || r.status === f.status)
    .filter((r) => (f.due === 'overdue' ? time(r.decision_due_at) < f.now.getTime() : f.due === 'today' ? time(r.decision_due_at) >= f.now.getTime() && time(r.decision_due_at) <= f.endOfToday.getTime() : true))
    .filter((r) => (!f.rag || f.rag === 'all' ? true : f.rag === 'none' ? r.rag === null : r.rag === f.rag))
    .filter((r) => (f.allocated === 'me' ? r.allocated_user_id === viewer.userId : f.allocated === 'nobody' ? r.allocated_user_id === null : true))
    .sort(
      (x, y) =>
        (f.sort === 'rag' ? x.rank - y.rank : 0) ||
        time(x.decision_due_at) - time(y.decision_due_at) ||
        time(x.received_at) - time(y.received_at) ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    )
    .map(({ rank: _rank, allocated_user_id: _allocated, ...r }) => r);
}

/** The counts as first written: every open contact of the front door, counted. */
async function referenceCounts(viewer: Viewer, now: Date, endOfToday: Date) {
  return one<{ open: number; overdue: number; due_today: number; awaiting: number }>(
    db,
    sql`select count(*) filter (where status = 'open') as open,
               count(*) filter (where decision_due_at < ${now.toISOString()}) as overdue,
               count(*) filter (where decision_due_at >= ${now.toISOString()} and decision_due_at <= ${endOfToday.toISOString()}) as due_today,
               count(*) filter (where status = 'awaiting_authorisation') as awaiting
          from contact
         where tenant_id = ${viewer.tenantId} and owning_agency_id = ${viewer.agencyId} and status in ('open', 'awaiting_authorisation')`,
  );
}

/** The counts kept per key against the contacts themselves, for every front door in every area. */
async function tallyMismatches(): Promise<unknown[]> {
  return rows(
    db,
    sql`with kept as (select tenant_id, owning_agency_id, status, due_hour, sum(contacts)::int as n from contact_worklist_tally group by 1, 2, 3, 4),
             counted as (select tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at) as due_hour, count(*)::int as n
                           from contact where status in ('open', 'awaiting_authorisation') group by 1, 2, 3, 4)
        select * from kept full join counted using (tenant_id, owning_agency_id, status, due_hour)
         where kept.n is distinct from counted.n and not (kept.n = 0 and counted.n is null)`,
  );
}

describe('the same results as reading every open contact', () => {
  const filters: Omit<WorklistFilter, 'limit' | 'offset' | 'now' | 'endOfToday'>[] = [];
  for (const status of ['all', 'open', 'awaiting_authorisation'] as const)
    for (const due of ['all', 'overdue', 'today'] as const)
      for (const rag of ['all', 'red', 'amber', 'green', 'none'] as const)
        for (const allocated of ['all', 'me', 'nobody'] as const) for (const sort of ['deadline', 'rag'] as const) filters.push({ status, due, rag, allocated, sort });

  it('for every filter and order, for this front door and the demo one (first page, and a page further on)', { timeout: 120_000 }, async () => {
    for (const viewer of [v, demoScreener]) {
      const all = await candidates(viewer);
      for (const f of filters) {
        const full = { ...f, now: NOW, endOfToday: END_OF_TODAY };
        const want = expected(all, viewer, full);
        expect(await worklist(db, viewer, { ...full, limit: 51, offset: 0 })).toEqual(want.slice(0, 51));
        expect(await worklist(db, viewer, { ...full, limit: 4, offset: 6 })).toEqual(want.slice(6, 10));
      }
    }
  });

  it('counts the same at every moment around each deadline, at hour boundaries and whatever hour today ends in', async () => {
    const moments = new Set<number>([NOW.getTime()]);
    for (const s of FRONT_DOOR) for (const delta of [-1, 0, 1]) moments.add(asDate(s.due!).getTime() + delta);
    for (const hour of [0, 9, 10, 11, 23]) for (const delta of [-1, 0, 1]) moments.add(Date.UTC(2026, 2, 10, hour) + delta);
    for (const viewer of [v, demoScreener]) {
      for (const now of moments) {
        for (const end of [END_OF_TODAY, new Date(now + 36 * 60_000), new Date(now - 1), new Date(now + 3 * 86_400_000), new Date(Date.UTC(2026, 2, 10, 23))]) {
          expect({ now, end: end.getTime(), counts: await worklistCounts(db, viewer, new Date(now), end) }).toEqual({ now, end: end.getTime(), counts: await referenceCounts(viewer, new Date(now), end) });
        }
      }
    }
  });

  it('never lists a contact the viewer may not open, and lists every one they own that needs a decision', async () => {
    const viewers = [v, w, demoScreener, ...(await rows<Viewer>(db, sql`select u.id as "userId", u.tenant_id as "tenantId", u.agency_id as "agencyId", a.type as "agencyType"
                                                                   from app_user u join agency a on a.id = u.agency_id where u.email like '%@demo.threshold.test' order by u.email limit 6`))];
    for (const viewer of viewers) {
      const listed = await worklist(db, viewer, { ...ALL, limit: 10_000, offset: 0 });
      for (const r of listed) {
        const facts = (await accessFacts(db, r.id))!;
        expect({ id: r.id, outcome: contactAccess(viewer, facts, true).outcome }).toEqual({ id: r.id, outcome: 'allow' });
        expect(facts.owningAgencyId).toBe(viewer.agencyId);
        // Its "restricted" is the record rule's: a viewer who is not its author or allocated worker must give a reason.
        expect(r.restricted).toBe(facts.restricted);
      }
      const owned = await rows<{ id: string }>(
        db,
        sql`select c.id from contact c where ${visibleContacts(viewer)} and c.owning_agency_id = ${viewer.agencyId} and c.status in ('open', 'awaiting_authorisation') order by c.id`,
      );
      expect(listed.map((r) => r.id).sort()).toEqual(owned.map((r) => r.id));
    }
    const onOurList = new Set((await worklist(db, v, { ...ALL, limit: 10_000, offset: 0 })).map((r) => r.id));
    for (const key of ['draft', 'decided', 'demo-open', 'sent-by-us', 'allocated-to-v', 'shared', 'other-area', 'other-area-our-agency']) expect(onOurList.has(idOf.get(key)!)).toBe(false);
  });
});

describe('the counts the database keeps', () => {
  async function expectExact() {
    expect(await tallyMismatches()).toEqual([]);
    for (const viewer of [v, demoScreener]) expect(await worklistCounts(db, viewer, NOW, END_OF_TODAY)).toEqual(await referenceCounts(viewer, NOW, END_OF_TODAY));
  }

  it('were right from the start (the demo borough and the fixture)', async () => {
    await expectExact();
  });

  it('follow every change to a contact, in the same transaction', async () => {
    const change = async (statement: SQL) => {
      await db.execute(statement);
      await expectExact();
    };
    await change(sql`update contact set status = 'awaiting_authorisation' where id = ${idOf.get('a')!}`);
    await change(sql`update contact set status = 'decided' where id = ${idOf.get('a')!}`);
    await change(sql`update contact set status = 'open' where id = ${idOf.get('a')!}`);
    await change(sql`update contact set decision_due_at = '2026-03-10T10:10:00Z' where id = ${idOf.get('h')!}`); // into now's hour
    await change(sql`update contact set decision_due_at = null where id = ${idOf.get('h')!}`);
    await change(sql`update contact set decision_due_at = '2026-03-11T00:00:00Z' where id = ${idOf.get('h')!}`);
    await change(sql`update contact set allocated_user_id = ${w.userId}, rag = 'green', narrative = 'Edited.' where id = ${idOf.get('b')!}`); // moves nothing
    await change(sql`update contact set owning_agency_id = ${demoFrontDoor} where id = ${idOf.get('e')!}`); // transferred
    await change(sql`update contact set owning_agency_id = ${frontDoor} where id = ${idOf.get('e')!}`);
    await change(sql`update contact set status = 'open', submitted_at = ${NOW.toISOString()}, reference = 'WL-draft', decision_due_at = ${NOW.toISOString()} where id = ${idOf.get('draft')!}`); // submitted
    await change(sql`update contact set decision_due_at = decision_due_at + interval '1 hour' where owning_agency_id = ${frontDoor} and reference like 'WL-filler-%'`); // many at once
    await change(sql`update contact set status = 'decided' where owning_agency_id = ${frontDoor} and reference like 'WL-filler-%' and decision_due_at < '2026-03-16 10:20Z'`);
    await change(sql`delete from contact where id = ${idOf.get('k')!}`);
    await change(sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent, decision_due_at, channel, synthetic)
                     select ${tenantId}, 'WL-bulk-' || g, case when g % 3 = 0 then 'awaiting_authorisation' when g % 3 = 1 then 'open' else 'decided' end, 'child',
                            case when g % 2 = 0 then ${frontDoor}::uuid else ${demoFrontDoor}::uuid end, '6', timestamptz '2026-03-09 09:00Z', 'Bulk.', 'given',
                            timestamptz '2026-03-09 09:00Z' + make_interval(mins => g * 17), 'api', true
                       from generate_series(1, 300) g`);
    // A transaction that rolls back leaves the counts as they were.
    const before = await worklistCounts(db, v, NOW, END_OF_TODAY);
    await expect(
      transaction(db, async (tx) => {
        await tx.execute(sql`update contact set status = 'decided' where owning_agency_id = ${frontDoor} and status = 'open'`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await worklistCounts(db, v, NOW, END_OF_TODAY)).toEqual(before);
    await expectExact();
  });

  it.runIf(onPostgres)('never makes one writer wait for another, and stay exact when both commit or one rolls back', { timeout: 60_000 }, async () => {
    const insertOpen = (tx: Database, reference: string) =>
      tx.execute(sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent, decision_due_at, channel, synthetic)
                     values (${tenantId}, ${reference}, 'open', 'child', ${frontDoor}, '6', '2026-03-09T09:00:00Z', 'Concurrent.', 'given', '2026-03-10T10:15:00Z', 'api', true)`);
    for (const outcome of ['commit', 'rollback'] as const) {
      const before = await worklistCounts(db, v, NOW, END_OF_TODAY);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const holding = new Promise<void>((resolve) => (started = resolve));
      // A long transaction (a police file, say) holds the rows of the counts it changed until it ends.
      const long = transaction(db, async (tx) => {
        await insertOpen(tx, `WL-long-${outcome}`);
        await tx.execute(sql`update contact set status = 'awaiting_authorisation' where id = ${idOf.get('l')!}`);
        started();
        await held;
        if (outcome === 'rollback') throw new Error('rolled back');
      });
      await holding;
      // Meanwhile, writers in the same hours finish at once (a writer that waited would hit its 5 s statement timeout).
      await transaction(db, async (tx) => {
        await tx.execute(sql`set local statement_timeout = '5s'`);
        await insertOpen(tx, `WL-short-${outcome}`);
        await tx.execute(sql`update contact set decision_due_at = '2026-03-10T09:20:00Z' where id = ${idOf.get('b')!}`);
      });
      await transaction(db, async (tx) => {
        await tx.execute(sql`set local statement_timeout = '5s'`);
        await tx.execute(sql`update contact set decision_due_at = '2026-03-10T10:05:00Z' where id = ${idOf.get('b')!}`);
      });
      // While the long one is open, the page reads the committed state.
      expect(await worklistCounts(db, v, NOW, END_OF_TODAY)).toEqual({ ...before, open: before.open + 1, overdue: before.overdue + 1 });
      release();
      if (outcome === 'rollback') await expect(long).rejects.toThrow('rolled back');
      else await long;
      await expectExact();
      if (outcome === 'commit') await db.execute(sql`update contact set status = 'open' where id = ${idOf.get('l')!}`);
    }
    // Rows started while others were held are folded back into one by the next change to their key.
    await db.execute(sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent, decision_due_at, channel, synthetic)
                         values (${tenantId}, 'WL-fold', 'open', 'child', ${frontDoor}, '6', '2026-03-09T09:00:00Z', 'Fold.', 'given', '2026-03-10T10:15:00Z', 'api', true)`);
    const slots = await one<{ n: number }>(
      db,
      sql`select count(*) as n from contact_worklist_tally where owning_agency_id = ${frontDoor} and status = 'open' and due_hour = '2026-03-10T10:00:00Z'`,
    );
    expect(slots?.n).toBe(1);
    await expectExact();
  });
});

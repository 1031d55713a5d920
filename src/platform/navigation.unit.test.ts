/**
 * The navigation that fits (issue 19): for every role, every pair of roles, every demo user's roles and every
 * permission at once — at most seven top-level items; every page the old flat list gave still reachable (top-level or
 * in its area's sub-navigation) for exactly the same permissions; the current area and page marked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_ROLES, PERMISSIONS, type Permission, type Role, isRole, permissionsOf } from '../domain/roles.js';
import { MAX_TOP_LEVEL, navigationFor } from './navigation.js';

/** The flat list before issue 19 (less Notifications and Your account, now in the user bar): what each page needed. */
const PARTNERSHIP: Permission[] = ['partnership:manage', 'partnership:view', 'reviews:manage', 'actions:update', 'audits:grade', 'training:book', 'training:manage', 'self_assessment:complete'];
const OLD: { href: string; needs: Permission | readonly Permission[] | 'signed-in' }[] = [
  { href: '/', needs: 'signed-in' },
  { href: '/worklist', needs: 'worklist:view' },
  { href: '/contacts/new', needs: 'contact:create' },
  { href: '/contacts', needs: 'contact:read' },
  { href: '/information-requests', needs: 'info_request:answer' },
  { href: '/contacts/import', needs: 'contact:import' },
  { href: '/domestic-abuse', needs: 'da:triage' },
  { href: '/marac', needs: 'marac:research' },
  { href: '/da-services', needs: 'da_service:work' },
  { href: '/encompass', needs: 'encompass:receive' },
  { href: '/encompass/monitor', needs: 'encompass:monitor' },
  { href: '/encompass/key-adults', needs: 'encompass:key_adults' },
  { href: '/children', needs: 'csc:work' },
  { href: '/children/conferences', needs: 'conference:chair' },
  { href: '/children/conference-reports', needs: 'conference:report' },
  { href: '/adults', needs: 'adult:work' },
  { href: '/adults/contributions', needs: 'adult:contribute' },
  { href: '/dols', needs: 'dols:assess' },
  { href: '/providers', needs: 'providers:monitor' },
  { href: '/early-help', needs: 'early_help:manage' },
  { href: '/early-help/our-families', needs: 'early_help:lead' },
  { href: '/cme', needs: 'cme:work' },
  { href: '/cme/home-education', needs: 'cme:work' },
  { href: '/cme/our-referrals', needs: 'cme:refer' },
  { href: '/lado', needs: 'lado:work' },
  { href: '/lado/employer', needs: 'lado:employer' },
  { href: '/transitions', needs: 'lead:transfer' },
  { href: '/people', needs: 'person:search' },
  { href: '/authorisations', needs: 'contact:authorise' },
  { href: '/measures', needs: 'measures:view' },
  { href: '/partnership', needs: PARTNERSHIP },
  { href: '/audit', needs: 'audit:view' },
  { href: '/admin', needs: 'admin:manage' },
];

function oldPages(permissions: ReadonlySet<Permission>): string[] {
  return OLD.filter((o) => o.needs === 'signed-in' || (typeof o.needs === 'string' ? permissions.has(o.needs as Permission) : o.needs.some((n) => permissions.has(n)))).map((o) => o.href);
}

/** Every page reachable: each top-level item, and every sub-item shown on the page a top-level item leads to. */
function reachable(permissions: ReadonlySet<Permission>): string[] {
  const out = new Set<string>();
  for (const item of navigationFor(permissions, '/').items) {
    out.add(item.href);
    for (const sub of navigationFor(permissions, item.href).subItems) out.add(sub.href);
  }
  return [...out];
}

/** The role combinations the demo users have (src/db/seed/demo.ts), read from its text. */
function demoCombinations(): Role[][] {
  const text = readFileSync(new URL('../db/seed/demo.ts', import.meta.url), 'utf8');
  const out: Role[][] = [];
  for (const m of text.matchAll(/roles: \[([^\]]+)\]/g)) {
    const roles = [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((r) => r[1]!).filter(isRole);
    if (roles.length) out.push(roles);
  }
  return out;
}

const combinations: { label: string; roles: Role[] }[] = [
  ...ALL_ROLES.map((r) => ({ label: r, roles: [r] })),
  ...ALL_ROLES.flatMap((a, i) => ALL_ROLES.slice(i + 1).map((b) => ({ label: `${a} + ${b}`, roles: [a, b] }))),
  ...demoCombinations().map((roles) => ({ label: `demo user: ${roles.join(' + ')}`, roles })),
  { label: 'every role', roles: [...ALL_ROLES] },
];

describe('navigationFor', () => {
  it('reads the demo users’ role combinations', () => {
    expect(demoCombinations().length).toBeGreaterThan(20);
  });

  it.each(combinations)('gives $label at most seven top-level items, each page of the old list still reachable and no other', ({ roles }) => {
    const permissions = permissionsOf(roles);
    const nav = navigationFor(permissions, '/');
    expect(nav.items.length).toBeLessThanOrEqual(MAX_TOP_LEVEL);
    expect(nav.items[0]).toMatchObject({ href: '/', text: 'Home', active: true, current: true });
    expect(new Set(nav.items.map((i) => i.text)).size).toBe(nav.items.length);
    expect(reachable(permissions).sort()).toEqual(oldPages(permissions).sort());
    expect(nav.items.map((i) => i.text)).not.toContain('Notifications');
    expect(nav.items.map((i) => i.text)).not.toContain('Your account');
  });

  it('gives every permission at once at most seven items too', () => {
    const all = new Set(Object.keys(PERMISSIONS) as Permission[]);
    expect(navigationFor(all, '/').items.length).toBeLessThanOrEqual(MAX_TOP_LEVEL);
    expect(reachable(all).sort()).toEqual(oldPages(all).sort());
  });

  it.each(combinations)('shows $label a sub-navigation only for an area with two or more pages, with the area’s link among its pages', ({ roles }) => {
    const permissions = permissionsOf(roles);
    for (const item of navigationFor(permissions, '/').items) {
      const nav = navigationFor(permissions, item.href);
      const active = nav.items.filter((i) => i.active);
      expect(active).toEqual([{ ...item, active: true, current: true }]);
      if (nav.subItems.length === 0) continue;
      expect(nav.subItems.length).toBeGreaterThanOrEqual(2);
      expect(nav.subLabel).toBe(item.text);
      expect(nav.subItems[0]).toMatchObject({ href: item.href, active: true, current: true });
      expect(nav.subItems.filter((s) => s.active)).toHaveLength(1);
    }
  });

  const screener = permissionsOf(['mash_screener']);
  const manager = permissionsOf(['mash_manager']);
  const dsl = permissionsOf(['school_dsl']);

  it('marks the area and its page for a page deep inside an area', () => {
    const cases: [ReadonlySet<Permission>, string, string, string | undefined][] = [
      [screener, '/marac/meetings/1234', 'Domestic abuse', 'MARAC'],
      [screener, '/domestic-abuse/cases/1', 'Domestic abuse', 'Triage'],
      [screener, '/encompass/monitor', 'Domestic abuse', 'Encompass monitor'],
      [screener, '/encompass/notices/9', 'Domestic abuse', 'Operation Encompass'],
      [screener, '/contacts/abc', 'Front door', 'Contacts'],
      [screener, '/contacts/new', 'Front door', 'Record a contact'],
      [screener, '/contacts/import/5', 'Front door', 'Upload notifications'],
      [screener, '/worklist', 'Front door', 'Worklist'],
      [screener, '/transitions/transfers/1', 'Front door', 'Lead and transitions'],
      [screener, '/people/p1', 'People', undefined],
      [manager, '/people/duplicates', 'Front door', 'People'],
      [manager, '/authorisations', 'Front door', 'Authorisations'],
      [manager, '/audit/contacts/1', 'Audit', undefined],
      [screener, '/partnership/boards/1', 'Partnership', 'Partnership'],
      [screener, '/measures/children', 'Partnership', 'Measures'],
      [screener, '/adults/contributions/1', 'Enquiry requests', undefined],
      [permissionsOf(['social_worker']), '/children/cases/abc', 'Children', 'Children’s cases'],
      [permissionsOf(['social_worker']), '/children/plans/abc/visits', 'Children', 'Children’s cases'],
      [permissionsOf(['conference_chair']), '/children/conferences/1', 'Children', 'Conferences'],
      [dsl, '/children/conferences/1', 'Children', 'Conference reports'],
      [dsl, '/cme/referrals/7', 'Children', 'Our CME referrals'],
      [dsl, '/cme/our-referrals/new', 'Children', 'Our CME referrals'],
      [dsl, '/lado/allegations/3', 'Children', 'Allegations about our staff'],
      [dsl, '/early-help/episodes/3', 'Children', 'Our early help families'],
      [permissionsOf(['cme_officer']), '/cme/referrals/7', 'Children', 'Children missing education'],
      [permissionsOf(['cme_officer']), '/cme/home-education/7/checks', 'Children', 'Home education register'],
      [permissionsOf(['lado']), '/lado/allegations/3', 'Children', 'Allegations (LADO)'],
      [permissionsOf(['early_help_practitioner']), '/early-help/episodes/3', 'Children', 'Early help'],
      [permissionsOf(['adult_safeguarding_manager']), '/adults/concerns/1', 'Adults', 'Adult safeguarding'],
      [permissionsOf(['adult_safeguarding_manager']), '/providers/enquiries/1', 'Adults', 'Care providers'],
      [permissionsOf(['dols_lead']), '/dols/applications/1', 'DoLS', undefined],
      [permissionsOf(['idva']), '/da-services/cases/1', 'Domestic abuse', 'IDVA and services'],
      [permissionsOf(['school_administrator']), '/encompass/key-adults', 'Key adults', undefined],
      [permissionsOf(['health_lead']), '/encompass/notices/1', 'Domestic abuse', 'Operation Encompass'],
      [permissionsOf(['business_unit_officer']), '/training/impact/1', 'Partnership', 'Partnership'],
      [permissionsOf(['system_admin']), '/admin/users/1', 'Administration', undefined],
      [permissionsOf(['system_admin', 'mash_manager']), '/admin/users/1', 'Administration', 'Administration'],
    ];
    for (const [permissions, path, area, page] of cases) {
      const nav = navigationFor(permissions, path);
      expect(nav.items.filter((i) => i.active).map((i) => i.text), path).toEqual([area]);
      expect(nav.subItems.filter((s) => s.active).map((s) => s.text), path).toEqual(page ? [page] : []);
      for (const s of nav.subItems) expect(s.current ?? false, `${path} ${s.href}`).toBe(s.href === path);
    }
  });

  it('marks nothing on a page outside every area', () => {
    for (const path of ['/notifications', '/account', '/accessibility', '/break-glass/1']) {
      const nav = navigationFor(screener, path);
      expect(nav.items.some((i) => i.active || i.current)).toBe(false);
      expect(nav.subItems).toEqual([]);
    }
  });

  it('shows an area reached through one page under that page’s own name, linking straight to it', () => {
    expect(navigationFor(permissionsOf(['provider_user']), '/').items.map((i) => [i.text, i.href])).toEqual([
      ['Home', '/'],
      ['Enquiry requests', '/adults/contributions'],
    ]);
    expect(navigationFor(permissionsOf(['school_administrator']), '/').items).toEqual([
      { href: '/', text: 'Home', active: true, current: true },
      { href: '/encompass/key-adults', text: 'Key adults' },
    ]);
    expect(navigationFor(permissionsOf(['contract_compliance_officer']), '/').items.map((i) => [i.text, i.href])).toEqual([
      ['Home', '/'],
      ['Care providers', '/providers'],
      ['Measures', '/measures'],
    ]);
  });

  it('folds People into the front door only when there would be more than seven items', () => {
    expect(navigationFor(screener, '/').items.map((i) => i.text)).toEqual(['Home', 'Front door', 'People', 'Domestic abuse', 'Children', 'Enquiry requests', 'Partnership']);
    expect(navigationFor(manager, '/').items.map((i) => i.text)).toEqual(['Home', 'Front door', 'Domestic abuse', 'Children', 'Enquiry requests', 'Partnership', 'Audit']);
    expect(navigationFor(manager, '/people').subItems.map((s) => s.text)).toContain('People');
  });
});

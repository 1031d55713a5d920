/**
 * The service navigation for the signed-in user, from what their roles allow: a few areas grouped by the work (the
 * GOV.UK service navigation), and the pages of the area the user is in (MOJ sub-navigation, shown when the area has
 * two or more pages for them). An area the user reaches through one page only is shown under that page's own name.
 */
import { type Permission, ROLES, type Role } from '../domain/roles.js';

/** A top-level item: `active` when the user is anywhere in its area, `current` when on its very page. */
export interface NavItem {
  href: string;
  text: string;
  active?: boolean;
  current?: boolean;
}

/** A page of the current area: `active` when the user is on it or deeper in it, `current` when on its very page. */
export interface SubNavItem {
  href: string;
  text: string;
  active?: boolean;
  current?: boolean;
}

export interface Navigation {
  items: NavItem[];
  /** The current area's pages, or none when the user is not in an area with two or more pages. */
  subItems: SubNavItem[];
  /** The current area's name, to label its sub-navigation. */
  subLabel?: string;
  /** The path it was worked out for (the user bar marks "Notifications" or "Your account" when on it). */
  path: string;
}

/** About seven: more than this and People folds into the front door. */
export const MAX_TOP_LEVEL = 7;

/** The partnership's work (boards, plans, reviews, audits, training, self-assessment): one page for anyone who takes part. */
const PARTNERSHIP: Permission[] = ['partnership:manage', 'partnership:view', 'reviews:manage', 'actions:update', 'audits:grade', 'training:book', 'training:manage', 'self_assessment:complete'];

interface Page {
  href: string;
  /** Its name in the area's sub-navigation. */
  text: string;
  /** Its name when it is the only page of its area the user has. */
  alone?: string;
  needs: Permission | readonly Permission[] | 'signed-in';
  /** The paths it covers (the longest match wins); its href when not given. */
  prefixes?: string[];
  /** Paths it covers only when no page the user has covers them (a record reached from this page's list). */
  also?: string[];
}

/**
 * An area's pages: its own work first, then the pages where a partner answers or follows the area's work (conference
 * reports, enquiry requests, their own referrals); the area's link goes to the first page the user has.
 */
interface Area {
  name: string;
  pages: Page[];
  /** Folded into this area when the user would otherwise have more than MAX_TOP_LEVEL areas. */
  foldsInto?: string;
}

export const AREAS: readonly Area[] = [
  { name: 'Home', pages: [{ href: '/', text: 'Home', needs: 'signed-in' }] },
  {
    name: 'Front door',
    pages: [
      { href: '/worklist', text: 'Worklist', needs: 'worklist:view' },
      { href: '/contacts', text: 'Contacts', needs: 'contact:read' },
      { href: '/contacts/new', text: 'Record a contact', needs: 'contact:create' },
      { href: '/information-requests', text: 'Information requests', needs: 'info_request:answer' },
      { href: '/contacts/import', text: 'Upload notifications', needs: 'contact:import' },
      { href: '/authorisations', text: 'Authorisations', needs: 'contact:authorise' },
      { href: '/transitions', text: 'Lead and transitions', needs: 'lead:transfer' },
    ],
  },
  { name: 'People', foldsInto: 'Front door', pages: [{ href: '/people', text: 'People', needs: 'person:search' }] },
  {
    name: 'Domestic abuse',
    pages: [
      { href: '/da-services', text: 'IDVA and services', needs: 'da_service:work' },
      { href: '/domestic-abuse', text: 'Triage', alone: 'Domestic abuse', needs: 'da:triage' },
      { href: '/marac', text: 'MARAC', needs: 'marac:research' },
      { href: '/encompass', text: 'Operation Encompass', needs: 'encompass:receive' },
      { href: '/encompass/monitor', text: 'Encompass monitor', needs: 'encompass:monitor' },
      { href: '/encompass/key-adults', text: 'Key adults', needs: 'encompass:key_adults' },
    ],
  },
  {
    name: 'Children',
    pages: [
      { href: '/children', text: 'Children’s cases', needs: 'csc:work' },
      { href: '/children/conferences', text: 'Conferences', needs: 'conference:chair' },
      { href: '/early-help', text: 'Early help', needs: 'early_help:manage' },
      { href: '/cme', text: 'Children missing education', needs: 'cme:work' },
      { href: '/cme/home-education', text: 'Home education register', needs: 'cme:work' },
      { href: '/lado', text: 'Allegations (LADO)', needs: 'lado:work' },
      { href: '/children/conference-reports', text: 'Conference reports', needs: 'conference:report', also: ['/children/conferences'] },
      { href: '/early-help/our-families', text: 'Our early help families', needs: 'early_help:lead', also: ['/early-help/episodes'] },
      { href: '/cme/our-referrals', text: 'Our CME referrals', needs: 'cme:refer', also: ['/cme/referrals'] },
      { href: '/lado/employer', text: 'Allegations about our staff', needs: 'lado:employer', also: ['/lado/allegations'] },
    ],
  },
  {
    name: 'Adults',
    pages: [
      { href: '/adults', text: 'Adult safeguarding', needs: 'adult:work' },
      { href: '/dols', text: 'DoLS', needs: 'dols:assess' },
      { href: '/providers', text: 'Care providers', needs: 'providers:monitor' },
      { href: '/adults/contributions', text: 'Enquiry requests', needs: 'adult:contribute' },
    ],
  },
  {
    name: 'Partnership',
    pages: [
      { href: '/partnership', text: 'Partnership', needs: PARTNERSHIP, also: ['/training'] },
      { href: '/measures', text: 'Measures', needs: 'measures:view' },
    ],
  },
  {
    name: 'Administration',
    pages: [
      { href: '/audit', text: 'Audit', needs: 'audit:view' },
      { href: '/admin', text: 'Administration', needs: 'admin:manage' },
    ],
  },
];

function allowed(page: Page, permissions: ReadonlySet<Permission>): boolean {
  if (page.needs === 'signed-in') return true;
  if (typeof page.needs === 'string') return permissions.has(page.needs as Permission);
  return page.needs.some((n) => permissions.has(n));
}

function covers(prefix: string, path: string): boolean {
  if (prefix === '/') return path === '/';
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The areas and their pages this user has, People folded into the front door if there would be too many. */
export function areasFor(permissions: ReadonlySet<Permission>): { name: string; pages: Page[] }[] {
  const areas = AREAS.map((a) => ({ name: a.name, foldsInto: a.foldsInto, pages: a.pages.filter((p) => allowed(p, permissions)) })).filter((a) => a.pages.length > 0);
  if (areas.length <= MAX_TOP_LEVEL) return areas.map(({ name, pages }) => ({ name, pages }));
  const out: { name: string; pages: Page[] }[] = [];
  for (const area of areas) {
    const into = area.foldsInto ? out.find((o) => o.name === area.foldsInto) : undefined;
    if (into) into.pages.push(...area.pages);
    else out.push({ name: area.name, pages: [...area.pages] });
  }
  return out;
}

/** The page of these areas a path is in: the longest matching prefix, then the longest matching `also` prefix. */
function pageFor(areas: { name: string; pages: Page[] }[], path: string): Page | undefined {
  for (const key of ['prefixes', 'also'] as const) {
    let best: Page | undefined;
    let bestLength = -1;
    for (const area of areas) {
      for (const page of area.pages) {
        const prefixes = key === 'prefixes' ? (page.prefixes ?? [page.href]) : (page.also ?? []);
        for (const p of prefixes) {
          if (covers(p, path) && p.length > bestLength) {
            best = page;
            bestLength = p.length;
          }
        }
      }
    }
    if (best) return best;
  }
  return undefined;
}

/** The top-level items and the current area's sub-navigation for a signed-in user on a path (without its query). */
export function navigationFor(permissions: ReadonlySet<Permission>, path: string): Navigation {
  const areas = areasFor(permissions);
  const here = pageFor(areas, path);
  const marks = (href: string, inside: boolean) => ({ ...(inside ? { active: true } : {}), ...(path === href ? { current: true } : {}) });
  let subItems: SubNavItem[] = [];
  let subLabel: string | undefined;
  const items = areas.map((area): NavItem => {
    const inside = here !== undefined && area.pages.includes(here);
    if (area.pages.length === 1) {
      const page = area.pages[0]!;
      return { href: page.href, text: page.alone ?? page.text, ...marks(page.href, inside) };
    }
    if (inside) {
      subLabel = area.name;
      subItems = area.pages.map((p) => ({ href: p.href, text: p.text, ...marks(p.href, p === here) }));
    }
    return { href: area.pages[0]!.href, text: area.name, ...marks(area.pages[0]!.href, inside) };
  });
  return { items, subItems, ...(subLabel ? { subLabel } : {}), path };
}

export function roleLabels(roles: readonly Role[]): string[] {
  return roles.map((r) => ROLES[r]);
}

/** The service navigation for the signed-in user, from what their roles allow. */
import { type Permission, ROLES, type Role } from '../domain/roles.js';

export interface NavItem {
  href: string;
  text: string;
  active?: boolean;
}

/** The partnership's work (boards, plans, reviews, audits, training, self-assessment): one item for anyone who takes part. */
const PARTNERSHIP: Permission[] = ['partnership:manage', 'partnership:view', 'reviews:manage', 'actions:update', 'audits:grade', 'training:book', 'training:manage', 'self_assessment:complete'];

const ITEMS: { href: string; text: string; needs: Permission | readonly Permission[] | 'signed-in'; prefixes?: string[] }[] = [
  { href: '/', text: 'Home', needs: 'signed-in' },
  { href: '/worklist', text: 'Worklist', needs: 'worklist:view' },
  { href: '/contacts/new', text: 'Record a contact', needs: 'contact:create', prefixes: ['/contacts/new'] },
  { href: '/contacts', text: 'Contacts', needs: 'contact:read' },
  { href: '/information-requests', text: 'Information requests', needs: 'info_request:answer' },
  { href: '/contacts/import', text: 'Upload notifications', needs: 'contact:import' },
  { href: '/domestic-abuse', text: 'Domestic abuse', needs: 'da:triage' },
  { href: '/marac', text: 'MARAC', needs: 'marac:research' },
  { href: '/da-services', text: 'IDVA and services', needs: 'da_service:work' },
  { href: '/encompass', text: 'Operation Encompass', needs: 'encompass:receive' },
  { href: '/encompass/monitor', text: 'Encompass monitor', needs: 'encompass:monitor' },
  { href: '/encompass/key-adults', text: 'Key adults', needs: 'encompass:key_adults' },
  { href: '/children', text: 'Children’s cases', needs: 'csc:work', prefixes: ['/children', '/children/cases', '/children/plans'] },
  { href: '/children/conferences', text: 'Conferences', needs: 'conference:chair' },
  { href: '/children/conference-reports', text: 'Conference reports', needs: 'conference:report' },
  { href: '/adults', text: 'Adult safeguarding', needs: 'adult:work' },
  { href: '/adults/contributions', text: 'Enquiry requests', needs: 'adult:contribute' },
  { href: '/dols', text: 'DoLS', needs: 'dols:assess' },
  { href: '/providers', text: 'Care providers', needs: 'providers:monitor' },
  { href: '/early-help', text: 'Early help', needs: 'early_help:manage' },
  { href: '/early-help/our-families', text: 'Our early help families', needs: 'early_help:lead' },
  { href: '/cme', text: 'Children missing education', needs: 'cme:work' },
  { href: '/cme/home-education', text: 'Home education register', needs: 'cme:work' },
  { href: '/cme/our-referrals', text: 'Our CME referrals', needs: 'cme:refer' },
  { href: '/lado', text: 'Allegations (LADO)', needs: 'lado:work' },
  { href: '/lado/employer', text: 'Allegations about our staff', needs: 'lado:employer' },
  { href: '/transitions', text: 'Lead and transitions', needs: 'lead:transfer' },
  { href: '/people', text: 'People', needs: 'person:search' },
  { href: '/authorisations', text: 'Authorisations', needs: 'contact:authorise' },
  { href: '/measures', text: 'Measures', needs: 'measures:view' },
  { href: '/partnership', text: 'Partnership', needs: PARTNERSHIP },
  { href: '/audit', text: 'Audit', needs: 'audit:view' },
  { href: '/admin', text: 'Administration', needs: 'admin:manage' },
  { href: '/notifications', text: 'Notifications', needs: 'signed-in' },
  { href: '/account', text: 'Your account', needs: 'signed-in' },
];

export function navigationFor(permissions: ReadonlySet<Permission>, path: string): NavItem[] {
  const visible = ITEMS.filter((i) => i.needs === 'signed-in' || (typeof i.needs === 'string' ? permissions.has(i.needs) : i.needs.some((n) => permissions.has(n))));
  // The longest matching prefix is the active item.
  let best: (typeof visible)[number] | undefined;
  for (const item of visible) {
    const prefixes = item.prefixes ?? [item.href];
    for (const p of prefixes) {
      const matches = p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`);
      if (matches && (!best || p.length > (best.prefixes?.[0] ?? best.href).length)) best = item;
    }
  }
  return visible.map((i) => ({ href: i.href, text: i.text, ...(i === best ? { active: true } : {}) }));
}

export function roleLabels(roles: readonly Role[]): string[] {
  return roles.map((r) => ROLES[r]);
}

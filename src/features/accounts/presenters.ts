/**
 * The demo sign-in page's accounts, grouped by the work each role does and with the roles named in words (not
 * their codes), so someone trying Threshold finds "the MASH screener" or "the IDVA" at a glance.
 */
import { ROLES, type Role } from '../../domain/roles.js';

/** The groups in the order the page shows them, each with the roles that belong to it. */
export const DEMO_GROUPS: readonly { title: string; roles: readonly Role[] }[] = [
  { title: 'The front door (MASH)', roles: ['mash_screener', 'mash_manager'] },
  { title: 'Children’s social care and early help', roles: ['social_worker', 'csc_team_manager', 'conference_chair', 'early_help_practitioner'] },
  { title: 'Domestic abuse', roles: ['idva', 'marac_coordinator'] },
  { title: 'Adults', roles: ['adult_safeguarding_worker', 'adult_safeguarding_manager', 'dols_lead', 'best_interests_assessor', 'contract_compliance_officer', 'provider_user'] },
  { title: 'Children missing education and allegations (LADO)', roles: ['cme_officer', 'cme_locality_worker', 'lado'] },
  { title: 'Partner agencies and schools', roles: ['police_officer', 'health_lead', 'partner_manager', 'school_dsl', 'school_administrator'] },
  { title: 'The safeguarding partnership', roles: ['business_unit_officer', 'board_analyst'] },
  { title: 'Administration', roles: ['system_admin'] },
];

export interface DemoAccount {
  email: string;
  display_name: string;
  agency_name: string;
  roles: string[] | null;
}

export interface DemoGroup {
  title: string;
  accounts: { email: string; name: string; agency: string; roles: string }[];
}

const roleName = (code: string) => (code in ROLES ? ROLES[code as Role] : code);

/** Each account in the group of its first role (accounts with no known role under "Other"), in the groups' order of roles. */
export function demoSignInGroups(accounts: readonly DemoAccount[]): DemoGroup[] {
  const order = (a: DemoAccount) => {
    const first = a.roles?.[0] ?? '';
    const g = DEMO_GROUPS.findIndex((x) => x.roles.includes(first as Role));
    // An account with no known role goes last, under "Other".
    return { group: g >= 0 ? g : DEMO_GROUPS.length, within: g >= 0 ? DEMO_GROUPS[g]!.roles.indexOf(first as Role) : 0 };
  };
  const sorted = [...accounts].sort((a, b) => order(a).group - order(b).group || order(a).within - order(b).within || a.email.localeCompare(b.email));
  const groups: DemoGroup[] = [];
  for (const a of sorted) {
    const g = order(a).group;
    const title = DEMO_GROUPS[g]?.title ?? 'Other';
    let group = groups.find((x) => x.title === title);
    if (!group) {
      group = { title, accounts: [] };
      groups.push(group);
    }
    group.accounts.push({ email: a.email, name: a.display_name, agency: a.agency_name, roles: (a.roles ?? []).map(roleName).join(', ') || 'No role' });
  }
  return groups;
}

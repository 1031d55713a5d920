/** The demo sign-ins grouped by the work each role does, roles in words. */
import { describe, expect, it } from 'vitest';
import { ALL_ROLES } from '../../domain/roles.js';
import { DEMO_GROUPS, demoSignInGroups } from './presenters.js';

describe('demo sign-in groups', () => {
  it('puts every role in exactly one group', () => {
    const grouped = DEMO_GROUPS.flatMap((g) => g.roles);
    expect([...grouped].sort()).toEqual([...ALL_ROLES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('groups accounts by their first role, in the groups’ order, with the roles named in words', () => {
    const groups = demoSignInGroups([
      { email: 'idva@x', display_name: 'Ira', agency_name: 'DA service', roles: ['idva'] },
      { email: 'admin@x', display_name: 'Ada', agency_name: 'Council', roles: ['system_admin'] },
      { email: 'screener@x', display_name: 'Sam', agency_name: 'Council', roles: ['mash_screener', 'mash_manager'] },
      { email: 'manager@x', display_name: 'Max', agency_name: 'Council', roles: ['mash_manager'] },
      { email: 'odd@x', display_name: 'Odd', agency_name: 'Council', roles: null },
    ]);
    expect(groups.map((g) => g.title)).toEqual(['The front door (MASH)', 'Domestic abuse', 'Administration', 'Other']);
    expect(groups[0]!.accounts.map((a) => a.email)).toEqual(['screener@x', 'manager@x']);
    expect(groups[0]!.accounts[0]!.roles).toBe('MASH screener / social worker, MASH team manager');
    expect(groups[3]!.accounts[0]!.roles).toBe('No role');
  });
});

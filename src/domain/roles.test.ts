import { describe, expect, it } from 'vitest';
import { ALL_ROLES, PERMISSIONS, ROLE_PERMISSIONS, allows, permissionsOf, requiresMfa } from './roles.js';

describe('roles and permissions', () => {
  it('has every role in the brief', () => {
    expect(ALL_ROLES).toHaveLength(25);
    expect(ALL_ROLES).toContain('business_unit_officer');
    expect(ALL_ROLES).toEqual(expect.arrayContaining(['dols_lead', 'best_interests_assessor', 'contract_compliance_officer', 'provider_user']));
    expect(ALL_ROLES).toEqual(expect.arrayContaining(['social_worker', 'csc_team_manager', 'conference_chair', 'early_help_practitioner', 'cme_locality_worker']));
  });

  it('gives every role only known permissions', () => {
    for (const role of ALL_ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(Object.keys(PERMISSIONS)).toContain(p);
  });

  it('keeps administrators away from case records and case workers away from administration', () => {
    const admin = permissionsOf(['system_admin']);
    expect([...admin]).toEqual(['admin:manage', 'matching:manage', 'encompass:key_adults']);
    for (const role of ALL_ROLES.filter((r) => r !== 'system_admin')) expect(permissionsOf([role]).has('admin:manage')).toBe(false);
  });

  it('lets only managers authorise and see the audit trail', () => {
    const authorisers = ALL_ROLES.filter((r) => permissionsOf([r]).has('contact:authorise'));
    expect(authorisers.sort()).toEqual(['adult_safeguarding_manager', 'mash_manager']);
  });

  it('combines the permissions of several roles', () => {
    expect(permissionsOf(['police_officer', 'system_admin']).has('admin:manage')).toBe(true);
    expect(permissionsOf(['police_officer', 'system_admin']).has('contact:create')).toBe(true);
  });

  it('applies route rules: public, signed in, or a permission', () => {
    expect(allows('public', false, new Set())).toBe(true);
    expect(allows('signed-in', false, new Set())).toBe(false);
    expect(allows('signed-in', true, new Set())).toBe(true);
    expect(allows('contact:read', true, new Set())).toBe(false);
    expect(allows('contact:read', true, new Set(['contact:read']))).toBe(true);
  });

  it('requires a second factor of administrators', () => {
    expect(requiresMfa(['system_admin'])).toBe(true);
    expect(requiresMfa(['mash_screener'])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { type ContactFacts, type PersonFacts, type Viewer, breakGlassReasonProblem, contactAccess, personAccess } from './access.js';
import { REGISTER_WIDE_AGENCY_TYPES } from './codes.js';

const viewer: Viewer = { userId: 'u1', tenantId: 't1', agencyId: 'police', agencyType: 'police' };

function facts(over: Partial<ContactFacts> = {}): ContactFacts {
  return {
    tenantId: 't1',
    status: 'open',
    owningAgencyId: 'csc',
    sourceAgencyId: null,
    sharedWithAgencyIds: [],
    allocatedUserId: null,
    createdByUserId: 'someone',
    restricted: false,
    ...over,
  };
}

describe('who may open a contact', () => {
  it('denies an agency with no part in it', () => {
    expect(contactAccess(viewer, facts(), false)).toEqual({ outcome: 'deny', reason: 'not shared with this agency' });
  });

  it.each([
    ['the owning agency', { owningAgencyId: 'police' }],
    ['the agency that sent it', { sourceAgencyId: 'police' }],
    ['an agency it was shared with', { sharedWithAgencyIds: ['health', 'police'] }],
    ['the allocated worker', { allocatedUserId: 'u1' }],
    ['the person who recorded it', { createdByUserId: 'u1' }],
  ])('allows %s', (_label, over) => {
    expect(contactAccess(viewer, facts(over), false)).toEqual({ outcome: 'allow' });
  });

  it('denies everyone in another area, whatever their link', () => {
    expect(contactAccess(viewer, facts({ tenantId: 't2', owningAgencyId: 'police', createdByUserId: 'u1' }), true).outcome).toBe('deny');
  });

  it('shows a draft only to its author', () => {
    expect(contactAccess(viewer, facts({ status: 'draft', owningAgencyId: 'police' }), false).outcome).toBe('deny');
    expect(contactAccess(viewer, facts({ status: 'draft', createdByUserId: 'u1' }), false).outcome).toBe('allow');
  });

  it('asks for a reason to open a restricted contact, unless allocated or its author, or the glass is broken', () => {
    expect(contactAccess(viewer, facts({ restricted: true, owningAgencyId: 'police' }), false).outcome).toBe('needs-reason');
    expect(contactAccess(viewer, facts({ restricted: true, owningAgencyId: 'police' }), true).outcome).toBe('allow');
    expect(contactAccess(viewer, facts({ restricted: true, allocatedUserId: 'u1' }), false).outcome).toBe('allow');
    expect(contactAccess(viewer, facts({ restricted: true, createdByUserId: 'u1' }), false).outcome).toBe('allow');
  });

  it('never lets breaking the glass reach a contact the agency has no part in', () => {
    expect(contactAccess(viewer, facts({ restricted: true }), true).outcome).toBe('deny');
  });

  it('is deny by default across every combination of links (exhaustive)', () => {
    const bools = [false, true];
    for (const owning of bools) for (const source of bools) for (const shared of bools) for (const allocated of bools) {
      for (const author of bools) for (const restricted of bools) for (const glass of bools) for (const draft of bools) {
        const f = facts({
          status: draft ? 'draft' : 'open',
          owningAgencyId: owning ? 'police' : 'csc',
          sourceAgencyId: source ? 'police' : null,
          sharedWithAgencyIds: shared ? ['police'] : [],
          allocatedUserId: allocated ? 'u1' : null,
          createdByUserId: author ? 'u1' : 'x',
          restricted,
        });
        const d = contactAccess(viewer, f, glass).outcome;
        const related = owning || source || shared || allocated || author;
        let expected: string;
        if (draft) expected = author ? 'allow' : 'deny';
        else if (!related) expected = 'deny';
        else if (restricted && !author && !allocated && !glass) expected = 'needs-reason';
        else expected = 'allow';
        expect([owning, source, shared, allocated, author, restricted, glass, draft, d]).toEqual([owning, source, shared, allocated, author, restricted, glass, draft, expected]);
      }
    }
  });
});

describe('who may open a person', () => {
  const p = (over: Partial<PersonFacts> = {}): PersonFacts => ({ tenantId: 't1', createdByAgencyId: 'csc', agenciesSeeingAContact: [], allocatedUserIds: [], restricted: false, ...over });

  it('lets the front-door agencies see the whole register of their area', () => {
    const csc: Viewer = { userId: 'u9', tenantId: 't1', agencyId: 'csc2', agencyType: 'children_social_care' };
    expect(personAccess(csc, p(), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
    expect(personAccess({ ...csc, tenantId: 't2' }, p(), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('deny');
  });

  it('lets a partner see only people it added or who are in a contact it can see', () => {
    expect(personAccess(viewer, p(), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('deny');
    expect(personAccess(viewer, p({ createdByAgencyId: 'police' }), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
    expect(personAccess(viewer, p({ agenciesSeeingAContact: ['police'] }), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
    expect(personAccess(viewer, p({ allocatedUserIds: ['u1'] }), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
  });

  it('asks for a reason for a restricted person, except from an allocated worker', () => {
    expect(personAccess(viewer, p({ createdByAgencyId: 'police', restricted: true }), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('needs-reason');
    expect(personAccess(viewer, p({ createdByAgencyId: 'police', restricted: true }), true, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
    expect(personAccess(viewer, p({ allocatedUserIds: ['u1'], restricted: true }), false, REGISTER_WIDE_AGENCY_TYPES).outcome).toBe('allow');
  });
});

describe('break-glass reasons', () => {
  it('needs a real reason', () => {
    expect(breakGlassReasonProblem('')).toBe('Enter why you need to open this restricted record');
    expect(breakGlassReasonProblem('   x   ')).toBe('Reason must be at least 10 characters');
    expect(breakGlassReasonProblem('Covering for a colleague')).toBeNull();
    expect(breakGlassReasonProblem('x'.repeat(501))).toBe('Reason must be 500 characters or fewer');
  });
});

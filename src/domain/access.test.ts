import { describe, expect, it } from 'vitest';
import {
  type ContactFacts,
  type DaActionFacts,
  type EncompassNoticeFacts,
  type InfoRequestFacts,
  type MaracMeetingFacts,
  type PersonFacts,
  type RecordViewer,
  type Viewer,
  areaAccess,
  breakGlassReasonProblem,
  contactAccess,
  daCaseAccess,
  daServiceCaseAccess,
  encompassNoticeAccess,
  infoRequestAccess,
  infoRequestAnswerAccess,
  madaActionAccess,
  madaCaseAccess,
  maracActionAccess,
  maracMeetingAccess,
  maracMeetingParts,
  maracReferralAccess,
  meetingParts,
  ownedContactAccess,
  personAccess,
  referralVisible,
  settingAccess,
  unplacedNoticeAccess,
} from './access.js';
import { type Permission, ALL_ROLES, permissionsOf } from './roles.js';
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

describe('who sees a meeting’s research and minutes', () => {
  it('shares research with invited agencies, minutes only with those present, and both with the coordinating agency', () => {
    expect(meetingParts({ coordinating: true, invited: false, present: null })).toEqual({ meeting: true, research: true, minutes: true });
    expect(meetingParts({ coordinating: false, invited: true, present: true })).toEqual({ meeting: true, research: true, minutes: true });
    expect(meetingParts({ coordinating: false, invited: true, present: false })).toEqual({ meeting: true, research: true, minutes: false });
    // not held yet: attendance not recorded, so no minutes
    expect(meetingParts({ coordinating: false, invited: true, present: null })).toEqual({ meeting: true, research: true, minutes: false });
    expect(meetingParts({ coordinating: false, invited: false, present: null })).toEqual({ meeting: false, research: false, minutes: false });
    // "present" without an invitation is not possible in the data, and grants nothing on its own
    expect(meetingParts({ coordinating: false, invited: false, present: true })).toEqual({ meeting: false, research: false, minutes: false });
  });

  it('opens a referral to its referrer, the coordinating agency and its meeting’s agencies only', () => {
    const none = meetingParts({ coordinating: false, invited: false, present: null });
    const invited = meetingParts({ coordinating: false, invited: true, present: null });
    expect(referralVisible({ coordinating: false, referringAgency: true, meeting: null })).toBe(true);
    expect(referralVisible({ coordinating: true, referringAgency: false, meeting: null })).toBe(true);
    expect(referralVisible({ coordinating: false, referringAgency: false, meeting: invited })).toBe(true);
    expect(referralVisible({ coordinating: false, referringAgency: false, meeting: none })).toBe(false);
    expect(referralVisible({ coordinating: false, referringAgency: false, meeting: null })).toBe(false);
  });
});


const as = (permissions: Permission[], over: Partial<RecordViewer> = {}): RecordViewer => ({ ...viewer, permissions: new Set(permissions), ...over });
const bools = [false, true] as const;

describe('who may act on a contact as its owner', () => {
  it('is the owning agency only, never on a draft, and restricted contacts still need the reason (exhaustive)', () => {
    for (const owning of bools) for (const shared of bools) for (const restricted of bools) for (const glass of bools) for (const draft of bools) {
      const f = facts({ owningAgencyId: owning ? 'police' : 'csc', sharedWithAgencyIds: shared ? ['police'] : [], restricted, status: draft ? 'draft' : 'open', createdByUserId: 'u1' });
      const d = ownedContactAccess(viewer, f, glass).outcome;
      const expected = draft || !owning ? 'deny' : 'allow';
      expect({ owning, shared, restricted, glass, draft, d }).toEqual({ owning, shared, restricted, glass, draft, d: expected });
    }
    expect(ownedContactAccess(viewer, facts({ owningAgencyId: 'police', restricted: true }), false).outcome).toBe('needs-reason');
  });
});

describe('who may open a domestic abuse case', () => {
  const daCase = (over: Partial<ContactFacts> = {}, tenantId = 't1') => ({ tenantId, contact: facts(over) });

  it('opens the area’s cases to the triage agencies, a restricted one only to the agency that owns its contact, and to others as its contact is shared (exhaustive)', () => {
    for (const triage of bools) for (const restricted of bools) for (const owning of bools) for (const source of bools) for (const otherArea of bools) {
      const v = as(triage ? ['da:triage', 'dash:complete'] : ['dash:complete']);
      const d = daCaseAccess(v, daCase({ restricted, owningAgencyId: owning ? 'police' : 'csc', sourceAgencyId: source ? 'police' : null }, otherArea ? 't2' : 't1')).outcome;
      let expected = 'deny';
      // outside the triage a restricted case is never opened (its contact would need a reason, which DA pages do not take)
      if (!otherArea && !(restricted && !owning) && (triage || (!restricted && (owning || source)))) expected = 'allow';
      expect({ triage, restricted, owning, source, otherArea, d }).toEqual({ triage, restricted, owning, source, otherArea, d: expected });
    }
  });

  it('follows its contact’s sharing for an agency outside the triage', () => {
    expect(daCaseAccess(as(['dash:complete']), daCase({ sharedWithAgencyIds: ['police'] })).outcome).toBe('allow');
    expect(daCaseAccess(as(['dash:complete']), daCase({ allocatedUserId: 'u1' })).outcome).toBe('allow');
    expect(daCaseAccess(as(['dash:complete']), daCase()).outcome).toBe('deny');
  });

  it('takes a partner area’s case to a meeting that shares with that area under an agreement in force, never a restricted one', () => {
    const meeting = { tenantId: 't1', meetingOn: '2026-12-01', partnerTenantIds: ['t2'] };
    const triage = as(['da:triage']);
    const partnerCase = { tenantId: 't2', contact: facts({ tenantId: 't2' }) };
    expect(madaCaseAccess(triage, { meeting, daCase: partnerCase, partnersInForce: ['t2'] }).outcome).toBe('allow');
    expect(madaCaseAccess(triage, { meeting, daCase: partnerCase, partnersInForce: [] }).outcome).toBe('deny');
    expect(madaCaseAccess(triage, { meeting: { ...meeting, partnerTenantIds: [] }, daCase: partnerCase, partnersInForce: ['t2'] }).outcome).toBe('deny');
    expect(madaCaseAccess(triage, { meeting, daCase: { ...partnerCase, contact: facts({ tenantId: 't2', restricted: true }) }, partnersInForce: ['t2'] }).outcome).toBe('deny');
    expect(madaCaseAccess(as(['da:triage'], { tenantId: 't3' }), { meeting, daCase: partnerCase, partnersInForce: ['t2'] }).outcome).toBe('deny');
    expect(madaCaseAccess(triage, { meeting, daCase: { tenantId: 't1', contact: facts() }, partnersInForce: [] }).outcome).toBe('allow');
  });
});

describe('who may open a MARAC meeting, referral or action', () => {
  const meeting = (over: Partial<MaracMeetingFacts> = {}): MaracMeetingFacts => ({ tenantId: 't1', invitedAgencyIds: [], presentAgencyIds: [], coordinatingAgencyIds: ['marac-team'], ...over });

  it('shares a meeting with invited agencies and the coordinating agency, minutes only with those present', () => {
    expect(maracMeetingAccess(as([]), meeting()).outcome).toBe('deny');
    expect(maracMeetingAccess(as([]), meeting({ invitedAgencyIds: ['police'] })).outcome).toBe('allow');
    expect(maracMeetingAccess(as(['marac:coordinate']), meeting()).outcome).toBe('allow');
    expect(maracMeetingAccess(as([], { agencyId: 'marac-team' }), meeting()).outcome).toBe('allow');
    expect(maracMeetingAccess(as(['marac:coordinate'], { tenantId: 't2' }), meeting()).outcome).toBe('deny');
    expect(maracMeetingParts(as([]), meeting({ invitedAgencyIds: ['police'] })).minutes).toBe(false);
    expect(maracMeetingParts(as([]), meeting({ invitedAgencyIds: ['police'], presentAgencyIds: ['police'] })).minutes).toBe(true);
  });

  it('opens a referral to its referrer, the coordinating agency, and its meeting’s agencies (exhaustive)', () => {
    for (const referrer of bools) for (const coordinator of bools) for (const listed of bools) for (const invited of bools) {
      const v = as(coordinator ? ['marac:coordinate'] : []);
      const d = maracReferralAccess(v, { tenantId: 't1', referringAgencyId: referrer ? 'police' : 'health', coordinatingAgencyIds: [], meeting: listed ? meeting({ invitedAgencyIds: invited ? ['police'] : [] }) : null }).outcome;
      const expected = referrer || coordinator || (listed && invited) ? 'allow' : 'deny';
      expect({ referrer, coordinator, listed, invited, d }).toEqual({ referrer, coordinator, listed, invited, d: expected });
    }
    expect(maracReferralAccess(as(['marac:coordinate'], { tenantId: 't2' }), { tenantId: 't1', referringAgencyId: 'police', coordinatingAgencyIds: [], meeting: null }).outcome).toBe('deny');
  });

  it('opens an action to its owner agency, and a MARAC action to the coordinating agency too', () => {
    const action = (over: Partial<DaActionFacts> = {}): DaActionFacts => ({ tenantId: 't1', ownerAgencyId: 'health', coordinatingAgencyIds: ['marac-team'], forum: 'marac', ...over });
    expect(maracActionAccess(as([]), action()).outcome).toBe('deny');
    expect(maracActionAccess(as([]), action({ ownerAgencyId: 'police' })).outcome).toBe('allow');
    expect(maracActionAccess(as(['marac:coordinate']), action()).outcome).toBe('allow');
    expect(maracActionAccess(as(['marac:coordinate']), action({ forum: 'mada' })).outcome).toBe('deny');
    expect(madaActionAccess(viewer, action({ forum: 'mada', ownerAgencyId: 'police' })).outcome).toBe('allow');
    expect(madaActionAccess(viewer, action({ forum: 'mada' })).outcome).toBe('deny');
    expect(madaActionAccess({ ...viewer, tenantId: 't2' }, action({ forum: 'mada', ownerAgencyId: 'police' })).outcome).toBe('deny');
  });
});

describe('who may open an Operation Encompass notice', () => {
  const notice = (over: Partial<EncompassNoticeFacts> = {}): EncompassNoticeFacts => ({ tenantId: 't1', agencyId: 'school', sent: true, keyAdultUserIds: ['u1'], ...over });
  it('is the setting’s key adults once it is sent; the monitor sees the area’s waiting notices', () => {
    expect(encompassNoticeAccess(viewer, notice()).outcome).toBe('allow');
    expect(encompassNoticeAccess(viewer, notice({ keyAdultUserIds: ['u2'] })).outcome).toBe('deny');
    expect(encompassNoticeAccess(viewer, notice({ sent: false })).outcome).toBe('deny');
    expect(encompassNoticeAccess(viewer, notice({ agencyId: null })).outcome).toBe('deny');
    expect(encompassNoticeAccess({ ...viewer, tenantId: 't2' }, notice()).outcome).toBe('deny');
    expect(unplacedNoticeAccess(viewer, notice({ agencyId: null, keyAdultUserIds: [] })).outcome).toBe('allow');
    expect(unplacedNoticeAccess({ ...viewer, tenantId: 't2' }, notice()).outcome).toBe('deny');
  });
});

describe('who may open an information request', () => {
  const request = (over: Partial<InfoRequestFacts> = {}): InfoRequestFacts => ({ tenantId: 't1', agencyId: 'health', contactOwningAgencyId: 'csc', ...over });

  it('is the agency asked and the agency that asked, through a role that works with cases, and no one else in any role', () => {
    for (const role of ALL_ROLES) {
      for (const agencyId of ['health', 'csc', 'police']) {
        const v = { ...viewer, agencyId, permissions: permissionsOf([role]) };
        const d = infoRequestAccess(v, request()).outcome;
        const expected = (agencyId === 'health' && v.permissions.has('info_request:answer')) || (agencyId === 'csc' && v.permissions.has('contact:screen')) ? 'allow' : 'deny';
        expect({ role, agencyId, d }).toEqual({ role, agencyId, d: expected });
      }
    }
    // finding 3: the board analyst, the system administrator and the school administrator never open one
    for (const role of ['board_analyst', 'system_admin', 'school_administrator'] as const) {
      expect(infoRequestAccess({ ...viewer, agencyId: 'health', permissions: permissionsOf([role]) }, request()).outcome).toBe('deny');
      expect(infoRequestAccess({ ...viewer, agencyId: 'csc', permissions: permissionsOf([role]) }, request()).outcome).toBe('deny');
    }
  });

  it('lets only the agency asked answer it', () => {
    expect(infoRequestAnswerAccess(as(['info_request:answer'], { agencyId: 'health' }), request()).outcome).toBe('allow');
    expect(infoRequestAnswerAccess(as(['info_request:answer', 'contact:screen'], { agencyId: 'csc' }), request()).outcome).toBe('deny');
    expect(infoRequestAnswerAccess(as(['info_request:answer'], { agencyId: 'health', tenantId: 't2' }), request()).outcome).toBe('deny');
  });
});

describe('who may open the other records', () => {
  it('keeps service cases to the area’s service workers', () => {
    expect(daServiceCaseAccess(as(['da_service:work']), { tenantId: 't1' }).outcome).toBe('allow');
    expect(daServiceCaseAccess(as([]), { tenantId: 't1' }).outcome).toBe('deny');
    expect(daServiceCaseAccess(as(['da_service:work'], { tenantId: 't2' }), { tenantId: 't1' }).outcome).toBe('deny');
  });

  it('keeps set-up records to their own area, and a setting’s key adults and calendar to its own staff and administrators', () => {
    expect(areaAccess(viewer, { tenantId: 't1' }).outcome).toBe('allow');
    expect(areaAccess(viewer, { tenantId: 't2' }).outcome).toBe('deny');
    expect(settingAccess(as([], { agencyId: 'school' }), { tenantId: 't1', agencyId: 'school' }).outcome).toBe('allow');
    expect(settingAccess(as([], { agencyId: 'school-2' }), { tenantId: 't1', agencyId: 'school' }).outcome).toBe('deny');
    expect(settingAccess(as(['admin:manage']), { tenantId: 't1', agencyId: 'school' }).outcome).toBe('allow');
    expect(settingAccess(as(['admin:manage'], { tenantId: 't2' }), { tenantId: 't1', agencyId: 'school' }).outcome).toBe('deny');
  });
});

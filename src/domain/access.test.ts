import { describe, expect, it } from 'vitest';
import {
  type AdultConcernFacts,
  type AdultContributionFacts,
  type ContactFacts,
  type DaActionFacts,
  type EncompassNoticeFacts,
  type InfoRequestFacts,
  type LeadTransferFacts,
  type MaracMeetingFacts,
  type PersonFacts,
  type RecordViewer,
  type Viewer,
  adultConcernAccess,
  adultContributionAccess,
  adultContributionAnswerAccess,
  adultMinutesVisible,
  areaAccess,
  breakGlassReasonProblem,
  contactAccess,
  daCaseAccess,
  daServiceCaseAccess,
  dolsApplicationAccess,
  dolsAssessorAccess,
  encompassNoticeAccess,
  infoRequestAccess,
  infoRequestAnswerAccess,
  leadTransferAccess,
  leadTransferResponseAccess,
  madaActionAccess,
  madaCaseAccess,
  maracActionAccess,
  maracMeetingAccess,
  maracMeetingParts,
  maracReferralAccess,
  meetingParts,
  ownedAdultConcernAccess,
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

describe('who may open an adult safeguarding concern, its requests, a DoLS application and a lead transfer', () => {
  // The viewer: user u1 of agency "me" in area t1. Each relation names the agency "me" (or user u1) in the facts.
  type Outcome = 'allow' | 'deny' | 'needs-reason';
  const me = (over: Partial<Viewer> = {}): Viewer => ({ userId: 'u1', tenantId: 't1', agencyId: 'me', agencyType: 'police', ...over });
  const adultTeam = me({ agencyType: 'adult_social_care' });
  const provider = me({ agencyType: 'care_provider' });
  const concern = (over: Partial<AdultConcernFacts> = {}): AdultConcernFacts => ({
    tenantId: 't1',
    owningAgencyId: 'adult-team',
    sourceAgencyId: 'care-home',
    leadAgencyId: null,
    allocatedUserIds: ['worker'],
    createdByUserId: 'someone',
    restricted: false,
    ...over,
  });
  const yesNo = [false, true] as const;

  const RELATIONS: [string, Viewer, Partial<AdultConcernFacts>, { open: Outcome; restricted: Outcome; owned: Outcome; ownedRestricted: Outcome }][] = [
    ['the owning adult team', adultTeam, { owningAgencyId: 'me' }, { open: 'allow', restricted: 'needs-reason', owned: 'allow', ownedRestricted: 'needs-reason' }],
    ['the raising agency', me(), { sourceAgencyId: 'me' }, { open: 'allow', restricted: 'needs-reason', owned: 'deny', ownedRestricted: 'deny' }],
    ['the agency the enquiry was caused to', me(), { leadAgencyId: 'me' }, { open: 'allow', restricted: 'needs-reason', owned: 'deny', ownedRestricted: 'deny' }],
    ['an allocated worker of the adult team', adultTeam, { owningAgencyId: 'me', allocatedUserIds: ['worker', 'u1'] }, { open: 'allow', restricted: 'allow', owned: 'allow', ownedRestricted: 'allow' }],
    ['an allocated worker of another agency', me(), { allocatedUserIds: ['u1'] }, { open: 'allow', restricted: 'allow', owned: 'deny', ownedRestricted: 'deny' }],
    ['its creator in the adult team', adultTeam, { owningAgencyId: 'me', createdByUserId: 'u1' }, { open: 'allow', restricted: 'allow', owned: 'allow', ownedRestricted: 'allow' }],
    ['its creator in the raising agency', me(), { sourceAgencyId: 'me', createdByUserId: 'u1' }, { open: 'allow', restricted: 'allow', owned: 'deny', ownedRestricted: 'deny' }],
    // Being its creator is not a link of its own: it only spares a related viewer the reason.
    ['its creator in an agency with no other part in it', me(), { createdByUserId: 'u1' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['an unrelated agency', me(), {}, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['an unrelated adult team', adultTeam, {}, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['a care provider that raised it', provider, { sourceAgencyId: 'me' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['a care provider the enquiry was caused to', provider, { leadAgencyId: 'me' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['a care provider’s allocated worker who created it', provider, { sourceAgencyId: 'me', allocatedUserIds: ['u1'], createdByUserId: 'u1' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['a care provider recorded as owning it', provider, { owningAgencyId: 'me' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['the owning adult team of another area', adultTeam, { tenantId: 't2', owningAgencyId: 'me' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
    ['an allocated creator in another area', me(), { tenantId: 't2', sourceAgencyId: 'me', allocatedUserIds: ['u1'], createdByUserId: 'u1' }, { open: 'deny', restricted: 'deny', owned: 'deny', ownedRestricted: 'deny' }],
  ];

  it.each(RELATIONS)('%s: open or restricted, with or without breaking the glass, to read and to act on', (_label, v, over, want) => {
    for (const glass of yesNo) {
      const glassed = (o: Outcome): Outcome => (glass && o === 'needs-reason' ? 'allow' : o);
      expect(adultConcernAccess(v, concern(over), glass).outcome).toBe(want.open);
      expect(adultConcernAccess(v, concern({ ...over, restricted: true }), glass).outcome).toBe(glassed(want.restricted));
      expect(ownedAdultConcernAccess(v, concern(over), glass).outcome).toBe(want.owned);
      expect(ownedAdultConcernAccess(v, concern({ ...over, restricted: true }), glass).outcome).toBe(glassed(want.ownedRestricted));
    }
  });

  it('gives its reasons for refusing', () => {
    expect(adultConcernAccess(adultTeam, concern({ tenantId: 't2', owningAgencyId: 'me' }), true)).toEqual({ outcome: 'deny', reason: 'another area' });
    expect(adultConcernAccess(provider, concern({ sourceAgencyId: 'me' }), true)).toEqual({ outcome: 'deny', reason: 'a care provider sees only the requests made of it' });
    expect(adultConcernAccess(me(), concern(), true)).toEqual({ outcome: 'deny', reason: 'not the adult team, the raising agency or the lead of the enquiry' });
    expect(ownedAdultConcernAccess(me(), concern({ sourceAgencyId: 'me' }), true)).toEqual({ outcome: 'deny', reason: 'not the adult team that owns it' });
    expect(ownedAdultConcernAccess(provider, concern({ owningAgencyId: 'me' }), true)).toEqual({ outcome: 'deny', reason: 'a care provider sees only the requests made of it' });
  });

  it('is deny by default across every combination of links, agency type, area, restriction and broken glass (exhaustive)', () => {
    let seen = 0;
    for (const owning of yesNo) for (const source of yesNo) for (const lead of yesNo) for (const allocated of yesNo) for (const creator of yesNo) {
      for (const restricted of yesNo) for (const glass of yesNo) for (const careProvider of yesNo) for (const otherArea of yesNo) {
        const v = me({ agencyType: careProvider ? 'care_provider' : 'adult_social_care' });
        const f = concern({
          tenantId: otherArea ? 't2' : 't1',
          owningAgencyId: owning ? 'me' : 'adult-team',
          sourceAgencyId: source ? 'me' : null,
          leadAgencyId: lead ? 'me' : 'police',
          allocatedUserIds: allocated ? ['worker', 'u1'] : ['worker'],
          createdByUserId: creator ? 'u1' : null,
          restricted,
        });
        let open: Outcome;
        if (otherArea || careProvider || !(owning || source || lead || allocated)) open = 'deny';
        else if (restricted && !allocated && !creator && !glass) open = 'needs-reason';
        else open = 'allow';
        const owned: Outcome = open === 'deny' || !owning ? 'deny' : open;
        const key = { owning, source, lead, allocated, creator, restricted, glass, careProvider, otherArea };
        expect({ ...key, open: adultConcernAccess(v, f, glass).outcome, owned: ownedAdultConcernAccess(v, f, glass).outcome }).toEqual({ ...key, open, owned });
        seen += 1;
      }
    }
    expect(seen).toBe(512);
  });

  it('never lets breaking the glass reach a concern the agency has no part in, nor one in another area', () => {
    expect(adultConcernAccess(me(), concern({ restricted: true }), true).outcome).toBe('deny');
    expect(adultConcernAccess(adultTeam, concern({ restricted: true, tenantId: 't2', owningAgencyId: 'me' }), true).outcome).toBe('deny');
  });

  it('shows a meeting’s minutes to the owning adult team and the agencies that attended, whatever their type', () => {
    const m = (owningAgencyId: string, attendedAgencyIds: string[]) => ({ owningAgencyId, attendedAgencyIds });
    expect(adultMinutesVisible(adultTeam, m('me', []))).toBe(true);
    expect(adultMinutesVisible(me(), m('adult-team', ['police', 'me']))).toBe(true);
    expect(adultMinutesVisible(provider, m('adult-team', ['me']))).toBe(true);
    expect(adultMinutesVisible(me(), m('adult-team', []))).toBe(false);
    expect(adultMinutesVisible(me(), m('adult-team', ['police', 'health']))).toBe(false);
    expect(adultMinutesVisible(provider, m('adult-team', ['police']))).toBe(false);
    for (const owning of yesNo) for (const attended of yesNo) {
      expect(adultMinutesVisible(me(), m(owning ? 'me' : 'adult-team', attended ? ['me'] : ['other']))).toBe(owning || attended);
    }
  });

  const request = (over: Partial<AdultContributionFacts> = {}): AdultContributionFacts => ({ tenantId: 't1', agencyId: 'asked', owningAgencyId: 'adult-team', ...over });
  const withPerms = (permissions: Permission[], over: Partial<RecordViewer> = {}): RecordViewer => ({ ...me(), permissions: new Set(permissions), ...over });

  it('opens a request to contribute to the agency asked (adult:contribute) and the adult team (adult:work), with and without each permission (exhaustive)', () => {
    for (const agency of ['asked', 'adult-team', 'other'] as const) for (const contribute of yesNo) for (const work of yesNo) for (const otherArea of yesNo) {
      for (const agencyType of ['police', 'care_provider', 'adult_social_care']) {
        const perms: Permission[] = [...(contribute ? (['adult:contribute'] as const) : []), ...(work ? (['adult:work'] as const) : [])];
        const v = withPerms(perms, { agencyId: agency, agencyType, tenantId: otherArea ? 't2' : 't1' });
        const allowed = !otherArea && ((agency === 'asked' && contribute) || (agency === 'adult-team' && work));
        const answer = !otherArea && agency === 'asked' && contribute;
        const key = { agency, contribute, work, otherArea, agencyType };
        expect({ ...key, open: adultContributionAccess(v, request()).outcome, answer: adultContributionAnswerAccess(v, request()).outcome }).toEqual({
          ...key,
          open: allowed ? 'allow' : 'deny',
          answer: answer ? 'allow' : 'deny',
        });
      }
    }
  });

  it('lets a care provider’s staff open and answer the requests made of their provider, by role', () => {
    const providerUser = (agencyId: string) => withPerms([...permissionsOf(['provider_user'])], { agencyId, agencyType: 'care_provider' });
    expect(adultContributionAccess(providerUser('asked'), request()).outcome).toBe('allow');
    expect(adultContributionAnswerAccess(providerUser('asked'), request()).outcome).toBe('allow');
    expect(adultContributionAccess(providerUser('another-provider'), request()).outcome).toBe('deny');
    expect(adultContributionAnswerAccess(providerUser('another-provider'), request()).outcome).toBe('deny');
  });

  it('opens a request to contribute by role: the agency asked through a partner role, the adult team through its own, no one else', () => {
    for (const role of ALL_ROLES) for (const agencyId of ['asked', 'adult-team', 'other']) {
      const v = withPerms([...permissionsOf([role])], { agencyId });
      const expected = (agencyId === 'asked' && v.permissions.has('adult:contribute')) || (agencyId === 'adult-team' && v.permissions.has('adult:work')) ? 'allow' : 'deny';
      expect({ role, agencyId, d: adultContributionAccess(v, request()).outcome }).toEqual({ role, agencyId, d: expected });
    }
    // the adult team itself may not answer the request it made, even with adult:contribute (its workers have it)
    const worker = withPerms([...permissionsOf(['adult_safeguarding_worker'])], { agencyId: 'adult-team' });
    expect(worker.permissions.has('adult:contribute')).toBe(true);
    expect(adultContributionAnswerAccess(worker, request()).outcome).toBe('deny');
    expect(adultContributionAccess(worker, request()).outcome).toBe('allow');
    for (const role of ['board_analyst', 'system_admin', 'contract_compliance_officer', 'dols_lead', 'best_interests_assessor'] as const) {
      expect(adultContributionAccess(withPerms([...permissionsOf([role])], { agencyId: 'asked' }), request()).outcome).toBe('deny');
      expect(adultContributionAccess(withPerms([...permissionsOf([role])], { agencyId: 'adult-team' }), request()).outcome).toBe('deny');
    }
  });

  it('gives its reasons for refusing a request', () => {
    expect(adultContributionAccess(withPerms(['adult:contribute'], { agencyId: 'asked', tenantId: 't2' }), request())).toEqual({ outcome: 'deny', reason: 'another area' });
    expect(adultContributionAccess(withPerms(['adult:work']), request())).toEqual({ outcome: 'deny', reason: 'not the agency asked or the adult team' });
    expect(adultContributionAnswerAccess(withPerms(['adult:work'], { agencyId: 'adult-team' }), request())).toEqual({ outcome: 'deny', reason: 'not the agency asked' });
    expect(adultContributionAnswerAccess(withPerms(['adult:contribute'], { agencyId: 'asked', tenantId: 't2' }), request())).toEqual({ outcome: 'deny', reason: 'another area' });
  });

  it('opens a DoLS application to the area’s DoLS team and its allocated assessor, with and without dols:manage (exhaustive)', () => {
    for (const manage of yesNo) for (const assess of yesNo) for (const assessor of ['u1', 'u2', null] as const) for (const otherArea of yesNo) {
      const perms: Permission[] = [...(manage ? (['dols:manage'] as const) : []), ...(assess ? (['dols:assess'] as const) : [])];
      const v = withPerms(perms, { tenantId: otherArea ? 't2' : 't1' });
      const f = { tenantId: 't1', assessorUserId: assessor };
      const expected = !otherArea && (manage || assessor === 'u1') ? 'allow' : 'deny';
      const key = { manage, assess, assessor, otherArea };
      expect({ ...key, d: dolsApplicationAccess(v, f).outcome, a: dolsAssessorAccess(v, f).outcome }).toEqual({ ...key, d: expected, a: expected });
    }
    expect(dolsApplicationAccess(withPerms(['dols:assess']), { tenantId: 't1', assessorUserId: 'u2' })).toEqual({ outcome: 'deny', reason: 'not the DoLS team or the allocated assessor' });
    expect(dolsApplicationAccess(withPerms(['dols:manage'], { tenantId: 't2' }), { tenantId: 't1', assessorUserId: 'u1' })).toEqual({ outcome: 'deny', reason: 'another area' });
    // by role: the DoLS lead sees every application in the area; an assessor only those allocated to them
    expect(dolsApplicationAccess(withPerms([...permissionsOf(['dols_lead'])]), { tenantId: 't1', assessorUserId: null }).outcome).toBe('allow');
    expect(dolsApplicationAccess(withPerms([...permissionsOf(['best_interests_assessor'])]), { tenantId: 't1', assessorUserId: null }).outcome).toBe('deny');
    expect(dolsApplicationAccess(withPerms([...permissionsOf(['best_interests_assessor'])]), { tenantId: 't1', assessorUserId: 'u1' }).outcome).toBe('allow');
  });

  const transfer = (over: Partial<LeadTransferFacts> = {}): LeadTransferFacts => ({ tenantId: 't1', fromAgencyId: 'csc', toAgencyId: 'adult-team', ...over });

  it('opens a lead transfer to the agency handing over and the agency asked to take it; only the latter answers it (exhaustive)', () => {
    for (const from of yesNo) for (const to of yesNo) for (const otherArea of yesNo) for (const agencyType of ['children_social_care', 'adult_social_care', 'care_provider', 'police']) {
      const v = me({ agencyType, tenantId: otherArea ? 't2' : 't1' });
      const f = transfer({ fromAgencyId: from ? 'me' : 'csc', toAgencyId: to ? 'me' : 'adult-team' });
      const key = { from, to, otherArea, agencyType };
      expect({ ...key, open: leadTransferAccess(v, f).outcome, answer: leadTransferResponseAccess(v, f).outcome }).toEqual({
        ...key,
        open: !otherArea && (from || to) ? 'allow' : 'deny',
        answer: !otherArea && to ? 'allow' : 'deny',
      });
    }
  });

  it('gives its reasons for refusing a lead transfer', () => {
    expect(leadTransferAccess(me(), transfer())).toEqual({ outcome: 'deny', reason: 'not the agency handing over or taking the lead' });
    expect(leadTransferAccess(me({ tenantId: 't2' }), transfer({ fromAgencyId: 'me' }))).toEqual({ outcome: 'deny', reason: 'another area' });
    expect(leadTransferResponseAccess(me(), transfer({ fromAgencyId: 'me' }))).toEqual({ outcome: 'deny', reason: 'not the agency asked to take the lead' });
    expect(leadTransferResponseAccess(me({ tenantId: 't2' }), transfer({ toAgencyId: 'me' }))).toEqual({ outcome: 'deny', reason: 'another area' });
  });
});

/**
 * Record-level access: which agency and which person may open which record. Deny by default. One rule per kind of
 * record, each a pure function of the viewer and the record's facts; the feature that owns the record loads the
 * facts (and mirrors the rule in SQL for its lists: test/access-consistency.test.ts checks they agree), and
 * platform/record-access.ts enforces the decision before a route's handler runs.
 *
 * A contact is open to: the person who drafted it (while a draft), the agency that owns it (the front door), the
 * agency that sent it, agencies it was shared with, and the worker allocated to it. A restricted record also needs
 * a stated reason ("break glass") from anyone but its allocated worker and the person who recorded it.
 */
import { type Permission } from './roles.js';

export interface Viewer {
  userId: string;
  tenantId: string;
  agencyId: string;
  agencyType: string;
}

/** A viewer with what their roles allow (some rules depend on a permission, such as sitting at the DA triage). */
export interface RecordViewer extends Viewer {
  permissions: ReadonlySet<Permission>;
}

/**
 * Every kind of record a route can name. `contact.owned` is a contact acted on by its owning agency; the kinds
 * after `info_request` are records of an area's set-up or housekeeping, open to the area's users whose role reaches
 * the route.
 */
export const RECORD_KINDS = [
  'contact',
  'contact.owned',
  'person',
  'da_case',
  'mada_meeting',
  'mada_case',
  'da_action',
  'marac_referral',
  'marac_meeting',
  'marac_action',
  'encompass_notice',
  'encompass_notice.unplaced',
  'da_service_case',
  'info_request',
  'info_request.asked',
  'import_job',
  'duplicate',
  'merge',
  'agency',
  'setting',
  'user',
  'api_client',
  'agreement',
  'adult_concern',
  'adult_concern.owned',
  'adult_contribution',
  'adult_contribution.asked',
  'care_provider',
  'provider_enquiry',
  'dols_application',
  'dols_application.assessor',
  'lead_transfer',
  'lead_transfer.to',
  'csc_referral',
  'csc_referral.owned',
  'cp_conference',
  'cp_conference.chair',
  'conference_invite',
  'conference_invite.agency',
  'child_plan',
  'child_plan.owned',
  'early_help_episode',
  'early_help_episode.lead',
  'cme_referral',
  'cme_referral.owned',
  'ehe_registration',
  'lado_allegation',
  'lado_allegation.owned',
  'lado_allegation.employer',
  'board_group',
  'board_meeting',
  'board_meeting.manage',
  'board_risk',
  'action_plan',
  'action_plan.manage',
  'partnership_action',
  'partnership_action.owner',
  'learning_review',
  'case_audit',
  'case_audit.manage',
  'case_audit_sample.grade',
  'training_course',
  'training_session',
  'training_booking',
  'sa_round',
  'sa_return',
  'sa_return.complete',
  'help_service',
  'awareness_campaign',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ContactFacts {
  tenantId: string;
  status: string;
  owningAgencyId: string;
  sourceAgencyId: string | null;
  sharedWithAgencyIds: readonly string[];
  allocatedUserId: string | null;
  createdByUserId: string;
  restricted: boolean;
}

export interface PersonFacts {
  tenantId: string;
  createdByAgencyId: string | null;
  /** Agencies that can see at least one contact this person is named in. */
  agenciesSeeingAContact: readonly string[];
  /** Workers allocated to a contact this person is named in. */
  allocatedUserIds: readonly string[];
  restricted: boolean;
}

export type AccessDecision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; reason: string }
  | { outcome: 'needs-reason' };

const ALLOW: AccessDecision = { outcome: 'allow' };

export function contactAccess(viewer: Viewer, facts: ContactFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return { outcome: 'deny', reason: 'another area' };
  const isAuthor = facts.createdByUserId === viewer.userId;
  if (facts.status === 'draft') return isAuthor ? ALLOW : { outcome: 'deny', reason: 'draft of another user' };
  const isAllocated = facts.allocatedUserId === viewer.userId;
  const agencyRelated =
    facts.owningAgencyId === viewer.agencyId ||
    facts.sourceAgencyId === viewer.agencyId ||
    facts.sharedWithAgencyIds.includes(viewer.agencyId);
  if (!isAuthor && !isAllocated && !agencyRelated) return { outcome: 'deny', reason: 'not shared with this agency' };
  if (facts.restricted && !isAuthor && !isAllocated && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

export function personAccess(
  viewer: Viewer,
  facts: PersonFacts,
  hasBreakGlass: boolean,
  registerWideAgencyTypes: ReadonlySet<string>,
): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return { outcome: 'deny', reason: 'another area' };
  const isAllocated = facts.allocatedUserIds.includes(viewer.userId);
  const related =
    registerWideAgencyTypes.has(viewer.agencyType) ||
    facts.createdByAgencyId === viewer.agencyId ||
    facts.agenciesSeeingAContact.includes(viewer.agencyId) ||
    isAllocated;
  if (!related) return { outcome: 'deny', reason: 'not known to this agency' };
  if (facts.restricted && !isAllocated && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

const deny = (reason: string): AccessDecision => ({ outcome: 'deny', reason });
const ANOTHER_AREA = deny('another area');

/** A contact its owning agency acts on (screening, allocation, sharing, requests, recording a DA incident). */
export function ownedContactAccess(viewer: Viewer, facts: ContactFacts, hasBreakGlass: boolean): AccessDecision {
  const open = contactAccess(viewer, facts, hasBreakGlass);
  if (open.outcome === 'deny') return open;
  if (facts.status === 'draft') return deny('a draft: submit it first');
  if (facts.owningAgencyId !== viewer.agencyId) return deny('not the owning agency');
  return open;
}

/** A record of an area's set-up or housekeeping (an agency, a user, a duplicate pair, an import): its own area only. */
export function areaAccess(viewer: Viewer, facts: { tenantId: string }): AccessDecision {
  return viewer.tenantId === facts.tenantId ? ALLOW : ANOTHER_AREA;
}

export interface DaCaseFacts {
  tenantId: string;
  /** The case's contact, whose sharing the case follows for agencies outside the triage. */
  contact: ContactFacts;
}

/**
 * A DA case (the household's risk view and DASH): the agencies at the daily triage (da:triage) see the area's
 * cases, except a restricted one, which stays with the agency that owns its contact; any other agency sees a case
 * when it may open its contact (it sent it, or it was shared with it), and never a restricted one.
 */
export function daCaseAccess(viewer: RecordViewer, facts: DaCaseFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  const c = facts.contact;
  if (c.restricted && c.owningAgencyId !== viewer.agencyId) return deny('restricted to the agency that owns its contact');
  if (viewer.permissions.has('da:triage')) return ALLOW;
  return contactAccess(viewer, c, false).outcome === 'allow' ? ALLOW : deny('not shared with this agency');
}

export interface MadaMeetingFacts {
  tenantId: string;
}

/** The daily triage meeting: the area's triage agencies (the route asks for da:triage). */
export function madaMeetingAccess(viewer: Viewer, facts: MadaMeetingFacts): AccessDecision {
  return areaAccess(viewer, facts);
}

export interface MadaCaseFacts {
  meeting: MadaMeetingFacts & { meetingOn: string; partnerTenantIds: readonly string[] };
  /** The DA case, which may be a partner area's under a data-sharing agreement. */
  daCase: DaCaseFacts;
  /** Partner areas whose agreement with the meeting's area is in force on the meeting's day. */
  partnersInForce: readonly string[];
}

/**
 * A case brought to a triage meeting: a case of the meeting's own area as for any DA case; a partner area's case
 * when the meeting took that area in, under an agreement in force that day, and the case is not restricted.
 */
export function madaCaseAccess(viewer: RecordViewer, facts: MadaCaseFacts): AccessDecision {
  if (viewer.tenantId !== facts.meeting.tenantId) return ANOTHER_AREA;
  const caseArea = facts.daCase.tenantId;
  if (caseArea === facts.meeting.tenantId) return daCaseAccess(viewer, facts.daCase);
  if (!facts.meeting.partnerTenantIds.includes(caseArea) || !facts.partnersInForce.includes(caseArea)) return deny('an area this meeting does not share with');
  if (facts.daCase.contact.restricted) return deny('restricted to the agency that owns its contact');
  return viewer.permissions.has('da:triage') ? ALLOW : deny('not at the triage');
}

export interface DaActionFacts {
  tenantId: string;
  ownerAgencyId: string;
  /** Agencies that coordinate MARAC in the area (for a MARAC action). */
  coordinatingAgencyIds: readonly string[];
  forum: 'mada' | 'marac' | string;
}

/** A triage (MADA) action: its owner agency. */
export function madaActionAccess(viewer: Viewer, facts: DaActionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.ownerAgencyId === viewer.agencyId ? ALLOW : deny('not the owner agency');
}

/** A MARAC action: its owner agency and the coordinating agency. */
export function maracActionAccess(viewer: RecordViewer, facts: DaActionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.forum !== 'marac') return deny('not a MARAC action');
  if (facts.ownerAgencyId === viewer.agencyId || isCoordinating(viewer, facts.coordinatingAgencyIds)) return ALLOW;
  return deny('not the owner or coordinating agency');
}

/** Whether the viewer's agency coordinates MARAC: their roles do, or a colleague's do. */
export function isCoordinating(viewer: RecordViewer, coordinatingAgencyIds: readonly string[]): boolean {
  return viewer.permissions.has('marac:coordinate') || coordinatingAgencyIds.includes(viewer.agencyId);
}

export interface MeetingAccess {
  /** The meeting, its agenda and who has completed research. */
  meeting: boolean;
  /** What each agency found in its records. */
  research: boolean;
  /** The minutes (and the actions agreed). */
  minutes: boolean;
}

export interface MaracMeetingFacts {
  tenantId: string;
  invitedAgencyIds: readonly string[];
  /** Agencies marked present (empty until the meeting is held). */
  presentAgencyIds: readonly string[];
  coordinatingAgencyIds: readonly string[];
}

/** How an agency stands to a MARAC meeting. */
export interface MeetingRelation {
  coordinating: boolean;
  invited: boolean;
  /** Marked present (null until the meeting is held). */
  present: boolean | null;
}

/**
 * The MARAC sharing rule: research is shared with the agencies invited to the meeting, minutes only with those
 * marked present, and the coordinating agency sees both. Everyone else sees nothing of the meeting.
 */
export function meetingParts(r: MeetingRelation): MeetingAccess {
  const research = r.coordinating || r.invited;
  return { meeting: research, research, minutes: r.coordinating || (r.invited && r.present === true) };
}

function relationTo(viewer: RecordViewer, facts: MaracMeetingFacts): MeetingRelation {
  return {
    coordinating: isCoordinating(viewer, facts.coordinatingAgencyIds),
    invited: facts.invitedAgencyIds.includes(viewer.agencyId),
    present: facts.presentAgencyIds.includes(viewer.agencyId),
  };
}

/** What of a meeting the viewer's agency may see. */
export function maracMeetingParts(viewer: RecordViewer, facts: MaracMeetingFacts): MeetingAccess {
  if (viewer.tenantId !== facts.tenantId) return { meeting: false, research: false, minutes: false };
  return meetingParts(relationTo(viewer, facts));
}

export function maracMeetingAccess(viewer: RecordViewer, facts: MaracMeetingFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return meetingParts(relationTo(viewer, facts)).meeting ? ALLOW : deny('not invited to the meeting');
}

/** A MARAC referral is open to its referring agency, the coordinating agency, and the agencies of the meeting it is listed for. */
export function referralVisible(r: { coordinating: boolean; referringAgency: boolean; meeting: MeetingAccess | null }): boolean {
  return r.coordinating || r.referringAgency || (r.meeting?.meeting ?? false);
}

export interface MaracReferralFacts {
  tenantId: string;
  referringAgencyId: string;
  coordinatingAgencyIds: readonly string[];
  /** The meeting it is listed for, if any. */
  meeting: MaracMeetingFacts | null;
}

/** A MARAC referral (see `referralVisible`). */
export function maracReferralAccess(viewer: RecordViewer, facts: MaracReferralFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  const visible = referralVisible({
    coordinating: isCoordinating(viewer, facts.coordinatingAgencyIds),
    referringAgency: facts.referringAgencyId === viewer.agencyId,
    meeting: facts.meeting && facts.meeting.tenantId === viewer.tenantId ? meetingParts(relationTo(viewer, facts.meeting)) : null,
  });
  return visible ? ALLOW : deny('not the referring, coordinating or an invited agency');
}

export interface EncompassNoticeFacts {
  tenantId: string;
  /** The setting it is for (null while it waits for one). */
  agencyId: string | null;
  sent: boolean;
  /** The setting's key adults. */
  keyAdultUserIds: readonly string[];
}

/** An Operation Encompass notice: the key adults of the child's setting, once it has been sent. */
export function encompassNoticeAccess(viewer: Viewer, facts: EncompassNoticeFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (!facts.sent || !facts.agencyId) return deny('not sent to a setting yet');
  return facts.keyAdultUserIds.includes(viewer.userId) ? ALLOW : deny('not a key adult of the setting');
}

/** A notice waiting for a setting, for the MASH monitor (the route asks for encompass:monitor). */
export function unplacedNoticeAccess(viewer: Viewer, facts: EncompassNoticeFacts): AccessDecision {
  return areaAccess(viewer, facts);
}

export interface DaServiceCaseFacts {
  tenantId: string;
}

/** An IDVA or commissioned-service case: the area's service workers (the route asks for da_service:work). */
export function daServiceCaseAccess(viewer: RecordViewer, facts: DaServiceCaseFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('da_service:work') ? ALLOW : deny('not a domestic abuse service worker');
}

export interface InfoRequestFacts {
  tenantId: string;
  /** The agency asked. */
  agencyId: string;
  /** The agency that owns the contact it is about (the asking front door). */
  contactOwningAgencyId: string;
}

/**
 * An information request: the agency asked (who answers it) and the agency that owns the contact (who asked), each
 * only through a role that works with cases.
 */
export function infoRequestAccess(viewer: RecordViewer, facts: InfoRequestFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.agencyId === viewer.agencyId && viewer.permissions.has('info_request:answer')) return ALLOW;
  if (facts.contactOwningAgencyId === viewer.agencyId && viewer.permissions.has('contact:screen')) return ALLOW;
  return deny('not the asked or asking agency');
}

/** Answering an information request: the agency asked, only. */
export function infoRequestAnswerAccess(viewer: RecordViewer, facts: InfoRequestFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.agencyId === viewer.agencyId && viewer.permissions.has('info_request:answer') ? ALLOW : deny('not the agency asked');
}

/** A setting's own Operation Encompass key adults and calendar: its own staff, and the area's administrators. */
export function settingAccess(viewer: RecordViewer, facts: { tenantId: string; agencyId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.agencyId === viewer.agencyId || viewer.permissions.has('admin:manage')) return ALLOW;
  return deny('another setting');
}

// ——— adult safeguarding ———

export interface AdultConcernFacts {
  tenantId: string;
  /** The adult team that owns it. */
  owningAgencyId: string;
  /** The agency that raised it, if one did. */
  sourceAgencyId: string | null;
  /** The agency an enquiry was caused to (a provider, the police, health), if any. */
  leadAgencyId: string | null;
  /** Workers allocated to the concern or its enquiry. */
  allocatedUserIds: readonly string[];
  createdByUserId: string | null;
  /** The concern is marked restricted, or the adult is a restricted person. */
  restricted: boolean;
}

/**
 * An adult safeguarding concern and its enquiry: open to the adult team that owns it, the agency that raised it, an
 * agency the enquiry was caused to and its allocated workers; a restricted one also needs a stated reason from
 * anyone but its allocated workers and the person who recorded it (who must still be of a related agency). An agency asked only to contribute sees its request, not the concern; a care provider only ever sees the
 * requests made of it, even about a concern it raised, since the concern may be about its own care.
 */
export function adultConcernAccess(viewer: Viewer, facts: AdultConcernFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (viewer.agencyType === 'care_provider') return deny('a care provider sees only the requests made of it');
  const allocated = facts.allocatedUserIds.includes(viewer.userId);
  const related = facts.owningAgencyId === viewer.agencyId || facts.sourceAgencyId === viewer.agencyId || facts.leadAgencyId === viewer.agencyId || allocated;
  if (!related) return deny('not the adult team, the raising agency or the lead of the enquiry');
  if (facts.restricted && !allocated && facts.createdByUserId !== viewer.userId && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

/** A concern the adult team acts on (test, decision, enquiry, meetings, outcome): the owning adult team only. */
export function ownedAdultConcernAccess(viewer: Viewer, facts: AdultConcernFacts, hasBreakGlass: boolean): AccessDecision {
  const open = adultConcernAccess(viewer, facts, hasBreakGlass);
  if (open.outcome === 'deny') return open;
  if (facts.owningAgencyId !== viewer.agencyId) return deny('not the adult team that owns it');
  return open;
}

/** Who attended an enquiry's meeting, for its minutes. */
export function adultMinutesVisible(viewer: Viewer, facts: { owningAgencyId: string; attendedAgencyIds: readonly string[] }): boolean {
  return facts.owningAgencyId === viewer.agencyId || facts.attendedAgencyIds.includes(viewer.agencyId);
}

export interface AdultContributionFacts {
  tenantId: string;
  /** The agency asked to contribute. */
  agencyId: string;
  /** The adult team that asked. */
  owningAgencyId: string;
}

/** A request to contribute to an enquiry: the agency asked (through a role that answers) and the adult team. */
export function adultContributionAccess(viewer: RecordViewer, facts: AdultContributionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.agencyId === viewer.agencyId && viewer.permissions.has('adult:contribute')) return ALLOW;
  if (facts.owningAgencyId === viewer.agencyId && viewer.permissions.has('adult:work')) return ALLOW;
  return deny('not the agency asked or the adult team');
}

/** Answering a request to contribute: the agency asked, only. */
export function adultContributionAnswerAccess(viewer: RecordViewer, facts: AdultContributionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.agencyId === viewer.agencyId && viewer.permissions.has('adult:contribute') ? ALLOW : deny('not the agency asked');
}

export interface DolsApplicationFacts {
  tenantId: string;
  assessorUserId: string | null;
}

/** A DoLS application: the area's DoLS team (the route asks for dols:manage), and the assessor it is allocated to. */
export function dolsApplicationAccess(viewer: RecordViewer, facts: DolsApplicationFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (viewer.permissions.has('dols:manage') || facts.assessorUserId === viewer.userId) return ALLOW;
  return deny('not the DoLS team or the allocated assessor');
}

/** Recording an assessment: the allocated assessor, or the DoLS team. */
export const dolsAssessorAccess = dolsApplicationAccess;

export interface LeadTransferFacts {
  tenantId: string;
  fromAgencyId: string;
  toAgencyId: string;
}

/** A proposed transfer of the lead: the agency handing over and the agency asked to take it. */
export function leadTransferAccess(viewer: Viewer, facts: LeadTransferFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.fromAgencyId === viewer.agencyId || facts.toAgencyId === viewer.agencyId ? ALLOW : deny('not the agency handing over or taking the lead');
}

/** Accepting or declining a transfer: the agency asked to take the lead, only. */
export function leadTransferResponseAccess(viewer: Viewer, facts: LeadTransferFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.toAgencyId === viewer.agencyId ? ALLOW : deny('not the agency asked to take the lead');
}

/** A break-glass reason must say why: at least a sentence, not a placeholder. */
// ——— children's social care ———

export interface CscCaseFacts {
  tenantId: string;
  /** Children's social care, which owns the referral and everything under it. */
  owningAgencyId: string;
  /** The social worker allocated to the referral or one of its plans. */
  allocatedUserIds: readonly string[];
  /** The referral is marked restricted, or the child is a restricted person. */
  restricted: boolean;
}

/**
 * A child's case in children's social care (the referral, its assessment, strategy discussions and section 47
 * enquiry): children's social care only. Partners meet the case through the conferences they are invited to and the
 * plans whose core group they sit in, not through the case record. A restricted case needs a stated reason from
 * anyone but its allocated workers.
 */
export function cscCaseAccess(viewer: Viewer, facts: CscCaseFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  const allocated = facts.allocatedUserIds.includes(viewer.userId);
  if (facts.owningAgencyId !== viewer.agencyId && !allocated) return deny('not children’s social care of this area');
  if (facts.restricted && !allocated && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

/** Working a case (assessment, strategy discussion, section 47, allocation): children's social care with a role that works cases. */
export function ownedCscCaseAccess(viewer: RecordViewer, facts: CscCaseFacts, hasBreakGlass: boolean): AccessDecision {
  const open = cscCaseAccess(viewer, facts, hasBreakGlass);
  if (open.outcome === 'deny') return open;
  if (facts.owningAgencyId !== viewer.agencyId || !viewer.permissions.has('csc:work')) return deny('not a children’s social care worker of the owning service');
  return open;
}

export interface ConferenceFacts {
  tenantId: string;
  owningAgencyId: string;
  /** Agencies invited to the conference. */
  invitedAgencyIds: readonly string[];
  restricted: boolean;
}

/** A conference: children's social care, and each agency invited to it (through a role that writes its reports). */
export function conferenceAccess(viewer: RecordViewer, facts: ConferenceFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.owningAgencyId === viewer.agencyId && (viewer.permissions.has('csc:work') || viewer.permissions.has('conference:chair'))) return ALLOW;
  if (facts.invitedAgencyIds.includes(viewer.agencyId) && viewer.permissions.has('conference:report')) return ALLOW;
  return deny('not children’s social care or an agency invited to the conference');
}

/** Convening, recording and deciding a conference: the owning service's conference chairs. */
export function conferenceChairAccess(viewer: RecordViewer, facts: ConferenceFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.owningAgencyId === viewer.agencyId && viewer.permissions.has('conference:chair') ? ALLOW : deny('not a conference chair of the owning service');
}

export interface ConferenceInviteFacts {
  tenantId: string;
  agencyId: string;
  owningAgencyId: string;
}

/** An agency's invitation and report: the agency invited, and children's social care. */
export function conferenceInviteAccess(viewer: RecordViewer, facts: ConferenceInviteFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.agencyId === viewer.agencyId && viewer.permissions.has('conference:report')) return ALLOW;
  if (facts.owningAgencyId === viewer.agencyId && (viewer.permissions.has('csc:work') || viewer.permissions.has('conference:chair'))) return ALLOW;
  return deny('not the agency invited or children’s social care');
}

/** Writing the report: the agency invited, only. */
export function conferenceReportAccess(viewer: RecordViewer, facts: ConferenceInviteFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return facts.agencyId === viewer.agencyId && viewer.permissions.has('conference:report') ? ALLOW : deny('not the agency invited');
}

export interface ChildPlanFacts extends CscCaseFacts {
  /** Agencies in the plan's core group (invited to its conferences, or present at a core group meeting). */
  coreGroupAgencyIds: readonly string[];
}

/** A plan: children's social care, and the agencies of its core group (partners see the plan, its core groups and category). */
export function childPlanAccess(viewer: RecordViewer, facts: ChildPlanFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.coreGroupAgencyIds.includes(viewer.agencyId) && facts.owningAgencyId !== viewer.agencyId && viewer.permissions.has('conference:report')) return ALLOW;
  return cscCaseAccess(viewer, facts, hasBreakGlass);
}

/** Recording visits, core groups, reviews and ending a plan: children's social care workers. */
export function ownedChildPlanAccess(viewer: RecordViewer, facts: ChildPlanFacts, hasBreakGlass: boolean): AccessDecision {
  return ownedCscCaseAccess(viewer, facts, hasBreakGlass);
}

export interface EarlyHelpFacts {
  tenantId: string;
  /** The council's service that runs early help triage (children's social care). */
  councilAgencyId: string;
  leadAgencyId: string;
  teamAgencyIds: readonly string[];
  leadUserId: string | null;
  restricted: boolean;
}

/**
 * An early help episode: the council's early help service, the lead practitioner's agency, and the agencies of the
 * team around the family. A restricted episode: the council's service and the lead's agency only.
 */
export function earlyHelpAccess(viewer: RecordViewer, facts: EarlyHelpFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  const council = facts.councilAgencyId === viewer.agencyId && (viewer.permissions.has('early_help:manage') || viewer.permissions.has('early_help:lead') || viewer.permissions.has('csc:work'));
  const lead = facts.leadAgencyId === viewer.agencyId && viewer.permissions.has('early_help:lead');
  if (council || lead) return ALLOW;
  if (facts.restricted) return deny('restricted: the council’s early help service and the lead agency only');
  if (facts.teamAgencyIds.includes(viewer.agencyId) && viewer.permissions.has('early_help:lead')) return ALLOW;
  return deny('not the early help service, the lead agency or the team around the family');
}

/** Working an episode: the lead practitioner's agency, or the council's early help managers. */
export function earlyHelpLeadAccess(viewer: RecordViewer, facts: EarlyHelpFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.leadAgencyId === viewer.agencyId && viewer.permissions.has('early_help:lead')) return ALLOW;
  if (facts.councilAgencyId === viewer.agencyId && viewer.permissions.has('early_help:manage')) return ALLOW;
  return deny('not the lead agency or the early help service');
}

// ——— children missing education ———

export interface CmeReferralFacts {
  tenantId: string;
  /** The agency that referred (a school's agency for a school's referral). */
  referringAgencyId: string | null;
  restricted: boolean;
}

/**
 * A children missing education referral: the area's CME service (any agency's users whose role works CME) and the
 * agency that referred it (a school sees only its own referrals, through a role that refers). A restricted referral
 * is the CME service's only.
 */
export function cmeReferralAccess(viewer: RecordViewer, facts: CmeReferralFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (viewer.permissions.has('cme:work')) return ALLOW;
  if (facts.restricted) return deny('restricted: the CME service only');
  if (facts.referringAgencyId === viewer.agencyId && viewer.permissions.has('cme:refer')) return ALLOW;
  return deny('not the CME service or the agency that referred');
}

/** Working a referral (enquiries, outcome): the CME service. */
export function ownedCmeReferralAccess(viewer: RecordViewer, facts: CmeReferralFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('cme:work') ? ALLOW : deny('not the CME service');
}

/** A child on the elective home education register: the CME service only. */
export function eheRegistrationAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('cme:work') ? ALLOW : deny('not the CME service');
}

// ——— allegations against people who work with children (LADO) ———

export interface LadoAllegationFacts {
  tenantId: string;
  /** The LADO's service. */
  owningAgencyId: string;
  employerAgencyId: string | null;
  referringAgencyId: string | null;
  allocatedUserId: string | null;
  /** Restricted by default. */
  restricted: boolean;
}

/**
 * An allegation: the LADO's service (through the designated officer's role); a restricted allegation (the default)
 * also needs a stated reason from anyone in that service but the officer allocated to it. Employers and referrers
 * never open the LADO's record: they follow their own referrals through `ladoEmployerAccess`.
 */
export function ladoAllegationAccess(viewer: RecordViewer, facts: LadoAllegationFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (facts.owningAgencyId !== viewer.agencyId || !viewer.permissions.has('lado:work')) return deny('not the designated officer’s service');
  if (facts.restricted && facts.allocatedUserId !== null && facts.allocatedUserId !== viewer.userId && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

/** Working an allegation: the same as opening it (the designated officer's service). */
export const ownedLadoAllegationAccess = ladoAllegationAccess;

/** The employer's view (status, meetings' actions for them, the employer's actions): the employer's or referrer's agency. */
export function ladoEmployerAccess(viewer: RecordViewer, facts: LadoAllegationFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (!viewer.permissions.has('lado:employer')) return deny('no role that follows allegations for an employer');
  return facts.employerAgencyId === viewer.agencyId || facts.referringAgencyId === viewer.agencyId ? ALLOW : deny('not the employer or the referrer');
}

// ——— the partnership's own work: boards, action plans, learning reviews, audits, training, self-assessment ———

/** The business unit runs the partnership's work; board members and analysts follow it. */
const runsPartnership = (v: RecordViewer) => v.permissions.has('partnership:manage');
const followsPartnership = (v: RecordViewer) => runsPartnership(v) || v.permissions.has('partnership:view');

export interface BoardGroupFacts {
  tenantId: string;
  /** Users who are members of the group (or of the meeting's group) today. */
  memberUserIds: readonly string[];
}

/** A board or sub-group, or one of its meetings: the business unit, those who follow the partnership, and its own members. */
export function boardGroupAccess(viewer: RecordViewer, facts: BoardGroupFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (followsPartnership(viewer) || facts.memberUserIds.includes(viewer.userId)) return ALLOW;
  return deny('not a member of this group and no role that follows the partnership');
}
export const boardMeetingAccess = boardGroupAccess;

/** Changing a meeting (agenda, papers, attendance, decisions, minutes): the business unit. */
export function boardMeetingManageAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return runsPartnership(viewer) ? ALLOW : deny('not the partnership’s business unit');
}

/** An entry in a board's issues / risk log: those who follow the partnership (changed by the business unit, by route rule). */
export function boardRiskAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return followsPartnership(viewer) ? ALLOW : deny('no role that follows the partnership');
}

export interface ActionPlanFacts {
  tenantId: string;
  /** A plan from a restricted source (a review of a named person). */
  restricted: boolean;
  /** The agencies that own at least one action in the plan. */
  ownerAgencyIds: readonly string[];
}

/**
 * An action plan: the business unit; those who follow the partnership unless the plan is restricted; and an agency
 * that owns an action in it (through a role that updates actions), which sees the plan its actions answer.
 */
export function actionPlanAccess(viewer: RecordViewer, facts: ActionPlanFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (runsPartnership(viewer)) return ALLOW;
  if (viewer.permissions.has('actions:update') && facts.ownerAgencyIds.includes(viewer.agencyId)) return ALLOW;
  if (facts.restricted) return deny('restricted: the business unit and the agencies with actions in it');
  return followsPartnership(viewer) ? ALLOW : deny('no role that follows the partnership, and no action of this agency in it');
}

/** Changing a plan (recommendations, new actions, closing it): the business unit. */
export function actionPlanManageAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return runsPartnership(viewer) ? ALLOW : deny('not the partnership’s business unit');
}

export interface PartnershipActionFacts {
  tenantId: string;
  ownerAgencyId: string;
  planRestricted: boolean;
}

/** One action: as its plan, narrowed to the owning agency for partners. */
export function partnershipActionAccess(viewer: RecordViewer, facts: PartnershipActionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (runsPartnership(viewer)) return ALLOW;
  if (viewer.permissions.has('actions:update') && facts.ownerAgencyId === viewer.agencyId) return ALLOW;
  if (facts.planRestricted) return deny('restricted: the business unit and the owning agency');
  return followsPartnership(viewer) ? ALLOW : deny('not the owning agency');
}

/** Updating an action (progress, evidence, status, RAG): the owning agency through a role that updates actions, or the business unit. */
export function partnershipActionOwnerAccess(viewer: RecordViewer, facts: PartnershipActionFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (runsPartnership(viewer)) return ALLOW;
  return viewer.permissions.has('actions:update') && facts.ownerAgencyId === viewer.agencyId ? ALLOW : deny('not the owning agency');
}

export interface LearningReviewFacts {
  tenantId: string;
  stage: string;
  /** Published (and so open to those who follow the partnership), staying so after it is closed. */
  published: boolean;
  restricted: boolean;
}

/**
 * A learning review: those who run reviews; once published, those who follow the partnership (the subject stays a
 * pseudonym on every page). Before publication a review is never open to anyone else: it may name a child who died.
 */
export function learningReviewAccess(viewer: RecordViewer, facts: LearningReviewFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (viewer.permissions.has('reviews:manage')) return ALLOW;
  if (facts.published && followsPartnership(viewer)) return ALLOW;
  return deny('learning reviews are open to those who run them until they are published');
}

export interface CaseAuditFacts {
  tenantId: string;
  /** Agencies asked to grade at least one record in the sample. */
  gradingAgencyIds: readonly string[];
}

/** A multi-agency audit: the business unit, those who follow the partnership, and the agencies asked to grade. */
export function caseAuditAccess(viewer: RecordViewer, facts: CaseAuditFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (followsPartnership(viewer)) return ALLOW;
  if (viewer.permissions.has('audits:grade') && facts.gradingAgencyIds.includes(viewer.agencyId)) return ALLOW;
  return deny('not an agency asked to grade in this audit');
}

/** Running an audit (topic, sample, findings, close): the business unit. */
export function caseAuditManageAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return runsPartnership(viewer) ? ALLOW : deny('not the partnership’s business unit');
}

/** Grading one sampled record: only an agency asked to grade it, through a role that grades (each agency grades its own part). */
export function caseAuditSampleGradeAccess(viewer: RecordViewer, facts: { tenantId: string; agencyIds: readonly string[] }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('audits:grade') && facts.agencyIds.includes(viewer.agencyId) ? ALLOW : deny('this agency was not asked to grade this record');
}

const trainsOrBooks = (v: RecordViewer) => v.permissions.has('training:manage') || v.permissions.has('training:book') || followsPartnership(v);

/** A course or a session: anyone in the area who books or runs training, or follows the partnership. */
export function trainingCourseAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return trainsOrBooks(viewer) ? ALLOW : deny('no role that books or runs training');
}
export const trainingSessionAccess = trainingCourseAccess;

export interface TrainingBookingFacts {
  tenantId: string;
  agencyId: string;
  attendeeUserId: string | null;
}

/** A booking: the training team, the attendee, and their own agency's bookers (never another agency's staff list). */
export function trainingBookingAccess(viewer: RecordViewer, facts: TrainingBookingFacts): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (viewer.permissions.has('training:manage')) return ALLOW;
  if (facts.attendeeUserId === viewer.userId) return ALLOW;
  return viewer.permissions.has('training:book') && facts.agencyId === viewer.agencyId ? ALLOW : deny('another agency’s booking');
}

/** A self-assessment round and its returns' progress: the business unit and those who follow the partnership. */
export function saRoundAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return followsPartnership(viewer) ? ALLOW : deny('no role that follows the partnership');
}

/** One organisation's return: the business unit, those who follow the partnership, and the organisation itself. */
export function saReturnAccess(viewer: RecordViewer, facts: { tenantId: string; agencyId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  if (followsPartnership(viewer)) return ALLOW;
  return viewer.permissions.has('self_assessment:complete') && facts.agencyId === viewer.agencyId ? ALLOW : deny('another organisation’s return');
}

/** Answering a return: only the organisation itself, through a role that completes self-assessments. */
export function saReturnCompleteAccess(viewer: RecordViewer, facts: { tenantId: string; agencyId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('self_assessment:complete') && facts.agencyId === viewer.agencyId ? ALLOW : deny('another organisation’s return');
}

export function breakGlassReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length === 0) return 'Enter why you need to open this restricted record';
  if (text.length < 10) return 'Reason must be at least 10 characters';
  if (text.length > 500) return 'Reason must be 500 characters or fewer';
  return null;
}

/**
 * An entry in the public site's "Find help" directory or an awareness campaign, as the business unit keeps it
 * (the public reads the published directory without signing in, through the public site, not through this rule).
 */
export function publicContentAccess(viewer: RecordViewer, facts: { tenantId: string }): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return ANOTHER_AREA;
  return viewer.permissions.has('public_content:manage') ? ALLOW : deny('not the partnership’s business unit');
}

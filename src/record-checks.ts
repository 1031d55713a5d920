/**
 * The record checks: for each kind of record a route can name, how its facts are loaded (through the owning
 * feature's service) and which rule of domain/access.ts decides. Part of the composition root: features do not
 * know each other's rules, and platform/record-access.ts enforces whichever check a route names.
 */
import { type FastifyRequest } from 'fastify';
import {
  type AccessDecision,
  type RecordViewer,
  adultContributionAccess,
  adultContributionAnswerAccess,
  areaAccess,
  dolsApplicationAccess,
  dolsAssessorAccess,
  earlyHelpAccess,
  earlyHelpLeadAccess,
  cmeReferralAccess,
  ownedCmeReferralAccess,
  eheRegistrationAccess,
  leadTransferAccess,
  leadTransferResponseAccess,
  daCaseAccess,
  daServiceCaseAccess,
  encompassNoticeAccess,
  infoRequestAccess,
  infoRequestAnswerAccess,
  madaActionAccess,
  madaCaseAccess,
  madaMeetingAccess,
  settingAccess,
  unplacedNoticeAccess,
} from './domain/access.js';
import { isUuid } from './platform/params.js';
import { type RecordChecks } from './platform/record-access.js';
import { type Services } from './services.js';

/** A record found through an area-scoped lookup is in the viewer's area; one not found is not there (404). */
const found = (record: unknown): AccessDecision | undefined => (record ? { outcome: 'allow' } : undefined);

function param(request: FastifyRequest, name: string): string | null {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return isUuid(value) ? value.toLowerCase() : null;
}

export function recordChecks(s: Services): RecordChecks {
  async function daCase(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const c = await s.domesticAbuse.caseById(id);
    if (!c) return undefined;
    const contact = await s.contacts.accessFacts(c.contact_id);
    return contact && daCaseAccess(viewer, { tenantId: c.tenant_id, contact });
  }

  async function notice(viewer: RecordViewer, id: string, rule: typeof encompassNoticeAccess) {
    const facts = await s.encompass.noticeFacts(id);
    return facts && rule(viewer, facts);
  }

  return {
    contact: (viewer, id) => s.contacts.access(viewer, id),
    'contact.owned': (viewer, id) => s.contacts.ownedAccess(viewer, id),
    // A merged record's id still works: it opens to whoever may open the record it was merged into.
    person: async (viewer, id) => s.people.access(viewer, (await s.people.mergedInto(id)) ?? id),
    da_case: daCase,
    mada_meeting: async (viewer, id) => {
      const m = await s.domesticAbuse.meeting(id);
      return m && madaMeetingAccess(viewer, { tenantId: m.tenant_id });
    },
    mada_case: async (viewer, id, request) => {
      const meetingId = param(request, 'meetingId');
      const [m, c] = await Promise.all([meetingId ? s.domesticAbuse.meeting(meetingId) : undefined, s.domesticAbuse.caseById(id)]);
      if (!m || !c) return undefined;
      const contact = await s.contacts.accessFacts(c.contact_id);
      if (!contact) return undefined;
      const partners = await s.domesticAbuse.partners(m.tenant_id);
      return madaCaseAccess(viewer, {
        meeting: { tenantId: m.tenant_id, meetingOn: m.meeting_on, partnerTenantIds: m.partner_tenant_ids },
        daCase: { tenantId: c.tenant_id, contact },
        partnersInForce: partners.map((p) => p.id),
      });
    },
    da_action: async (viewer, id) => {
      const facts = await s.domesticAbuse.actionFacts(id);
      return facts && madaActionAccess(viewer, facts);
    },
    marac_referral: (viewer, id) => s.marac.referralAccess(viewer, id),
    marac_meeting: (viewer, id) => s.marac.meetingAccess(viewer, id),
    marac_action: (viewer, id) => s.marac.actionAccess(viewer, id),
    encompass_notice: (viewer, id) => notice(viewer, id, encompassNoticeAccess),
    'encompass_notice.unplaced': (viewer, id) => notice(viewer, id, unplacedNoticeAccess),
    da_service_case: async (viewer, id) => {
      const facts = await s.daServices.caseArea(id);
      return facts && daServiceCaseAccess(viewer, facts);
    },
    info_request: async (viewer, id) => {
      const facts = await s.infoRequests.accessFacts(id);
      return facts && infoRequestAccess(viewer, facts);
    },
    'info_request.asked': async (viewer, id) => {
      const facts = await s.infoRequests.accessFacts(id);
      return facts && infoRequestAnswerAccess(viewer, facts);
    },
    import_job: async (viewer, id) => found(await s.imports.job(viewer.tenantId, id)),
    duplicate: async (viewer, id) => found(await s.identity.duplicate(viewer.tenantId, id)),
    merge: async (viewer, id) => {
      const facts = await s.merges.mergeArea(id);
      return facts && areaAccess(viewer, facts);
    },
    agency: async (viewer, id) => found(await s.organisations.agency(viewer.tenantId, id)),
    setting: async (viewer, id) => {
      const agency = await s.organisations.agency(viewer.tenantId, id);
      return agency && settingAccess(viewer, { tenantId: viewer.tenantId, agencyId: agency.id });
    },
    user: async (viewer, id) => found(await s.accounts.getUser(viewer.tenantId, id)),
    api_client: async (viewer, id) => found((await s.apiClients.list(viewer.tenantId)).find((c) => c.id === id)),
    agreement: async (viewer, id) => found((await s.domesticAbuse.agreements(viewer.tenantId)).find((a) => a.id === id)),
    adult_concern: (viewer, id) => s.adults.access(viewer, id),
    'adult_concern.owned': (viewer, id) => s.adults.ownedAccess(viewer, id),
    adult_contribution: async (viewer, id) => {
      const facts = await s.adults.contributionFacts(id);
      return facts && adultContributionAccess(viewer, facts);
    },
    'adult_contribution.asked': async (viewer, id) => {
      const facts = await s.adults.contributionFacts(id);
      return facts && adultContributionAnswerAccess(viewer, facts);
    },
    care_provider: async (viewer, id) => {
      const facts = await s.providers.providerArea(id);
      return facts && areaAccess(viewer, facts);
    },
    provider_enquiry: async (viewer, id) => {
      const facts = await s.providers.enquiryArea(id);
      return facts && areaAccess(viewer, facts);
    },
    dols_application: async (viewer, id) => {
      const facts = await s.dols.applicationFacts(id);
      return facts && dolsApplicationAccess(viewer, facts);
    },
    'dols_application.assessor': async (viewer, id) => {
      const facts = await s.dols.applicationFacts(id);
      return facts && dolsAssessorAccess(viewer, facts);
    },
    lead_transfer: async (viewer, id) => {
      const facts = await s.leads.transferFacts(id);
      return facts && leadTransferAccess(viewer, facts);
    },
    'lead_transfer.to': async (viewer, id) => {
      const facts = await s.leads.transferFacts(id);
      return facts && leadTransferResponseAccess(viewer, facts);
    },
    csc_referral: (viewer, id) => s.children.caseAccess(viewer, id),
    'csc_referral.owned': (viewer, id) => s.children.ownedCaseAccess(viewer, id),
    cp_conference: (viewer, id) => s.children.conferenceAccess(viewer, id, false),
    'cp_conference.chair': (viewer, id) => s.children.conferenceAccess(viewer, id, true),
    conference_invite: (viewer, id) => s.children.inviteAccess(viewer, id, false),
    'conference_invite.agency': (viewer, id) => s.children.inviteAccess(viewer, id, true),
    child_plan: (viewer, id) => s.children.planAccess(viewer, id, false),
    'child_plan.owned': (viewer, id) => s.children.planAccess(viewer, id, true),
    early_help_episode: async (viewer, id) => {
      const facts = await s.earlyHelp.accessFacts(id);
      return facts && earlyHelpAccess(viewer, facts);
    },
    'early_help_episode.lead': async (viewer, id) => {
      const facts = await s.earlyHelp.accessFacts(id);
      return facts && earlyHelpLeadAccess(viewer, facts);
    },
    cme_referral: async (viewer, id) => {
      const facts = await s.cme.accessFacts(id);
      return facts && cmeReferralAccess(viewer, facts);
    },
    'cme_referral.owned': async (viewer, id) => {
      const facts = await s.cme.accessFacts(id);
      return facts && ownedCmeReferralAccess(viewer, facts);
    },
    ehe_registration: async (viewer, id) => {
      const facts = await s.cme.registrationFacts(id);
      return facts && eheRegistrationAccess(viewer, facts);
    },
    lado_allegation: (viewer, id) => s.lado.access(viewer, id),
    'lado_allegation.owned': (viewer, id) => s.lado.access(viewer, id, true),
    'lado_allegation.employer': (viewer, id) => s.lado.employerAccess(viewer, id),
    board_group: (viewer, id) => s.boards.groupAccess(viewer, id),
    board_meeting: (viewer, id) => s.boards.meetingAccess(viewer, id),
    'board_meeting.manage': (viewer, id) => s.boards.meetingAccess(viewer, id, true),
    board_risk: (viewer, id) => s.boards.riskAccess(viewer, id),
    action_plan: (viewer, id) => s.actions.planAccess(viewer, id),
    'action_plan.manage': (viewer, id) => s.actions.planAccess(viewer, id, true),
    partnership_action: (viewer, id) => s.actions.actionAccess(viewer, id),
    'partnership_action.owner': (viewer, id) => s.actions.actionAccess(viewer, id, true),
    learning_review: (viewer, id) => s.learningReviews.access(viewer, id),
    case_audit: (viewer, id) => s.caseAudits.access(viewer, id),
    'case_audit.manage': (viewer, id) => s.caseAudits.access(viewer, id, true),
    'case_audit_sample.grade': (viewer, id) => s.caseAudits.sampleGradeAccess(viewer, id),
    training_course: (viewer, id) => s.training.courseAccess(viewer, id),
    training_session: (viewer, id) => s.training.sessionAccess(viewer, id),
    training_booking: (viewer, id) => s.training.bookingAccess(viewer, id),
    sa_round: (viewer, id) => s.selfAssessment.roundAccess(viewer, id),
    sa_return: (viewer, id) => s.selfAssessment.returnAccess(viewer, id),
    'sa_return.complete': (viewer, id) => s.selfAssessment.returnAccess(viewer, id, true),
    help_service: (viewer, id) => s.publicContent.helpServiceAccess(viewer, id),
    awareness_campaign: (viewer, id) => s.publicContent.campaignAccess(viewer, id),
  };
}

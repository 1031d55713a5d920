/**
 * Malformed, oversized and hostile input to every form route: always a clear 4xx, never a 500, and nothing saved.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../src/db/client.js';
import { type TestApp, type TestClient, createTestApp } from './support/app.js';
import { limit } from './support/time-limits.js';
import { reviewFixture } from './support/review-fixture.js';
import { trainingFixture } from './support/training-fixture.js';
import { caseAuditFixture } from './support/case-audit-fixture.js';
import { closedPlanFixture } from './support/actions-fixture.js';
import { selfAssessmentFixture } from './support/self-assessment-fixture.js';

let t: TestApp;
let ids: Record<string, string> = {};
const clients: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['screener', 'manager', 'admin', 'police', 'analyst', 'marac', 'idva', 'dsl', 'adults', 'adults-manager', 'contracts', 'dols', 'early-help', 'social-worker', 'csc-manager', 'chair', 'cme', 'lado', 'business-unit']) clients[u] = await t.as(u);
  // A draft to aim the draft routes at.
  const screener = clients.screener!;
  await screener.get('/contacts/new');
  const created = await screener.post('/contacts/new', {
    contactType: 'child', sourceCode: '6', referrerName: 'Pat Officer', concerns: 'neglect', narrative: 'Draft for hostile tests', consent: 'given',
    'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2025', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
  });
  const draftId = String(created.headers.location).split('/')[2]!;
  const open = await one<{ id: string; tenant_id: string }>(t.db.db, sql`select id, tenant_id from contact where status = 'open' order by received_at limit 1`);
  const awaiting = await one<{ id: string }>(t.db.db, sql`select id from contact where status = 'awaiting_authorisation' limit 1`);
  const person = await one<{ id: string }>(t.db.db, sql`select id from person where not restricted and merged_into_person_id is null limit 1`);
  const relationship = await one<{ id: string; person_id: string }>(t.db.db, sql`select id, person_id from person_relationship where to_date is null limit 1`);
  const member = await one<{ household_id: string; person_id: string }>(t.db.db, sql`select household_id, person_id from household_member where to_date is null limit 1`);
  const duplicate = await one<{ id: string }>(t.db.db, sql`select id from duplicate_candidate where status = 'open' limit 1`);
  const agency = await one<{ id: string }>(t.db.db, sql`select id from agency limit 1`);
  const user = await one<{ id: string }>(t.db.db, sql`select id from app_user where email = 'screener2@demo.threshold.test'`);
  // A contact from the API with a person to match, and an information request to the police about it.
  const police = await one<{ id: string }>(t.db.db, sql`select id from agency where type = 'police' limit 1`);
  const received = await t.app.services.intake.receive(
    { actor: { userId: null, tenantId: open!.tenant_id, agencyId: police!.id, roles: [], requestId: null }, tenantId: open!.tenant_id, channel: 'api', sourceAgencyId: police!.id, createdByUserId: null, apiClientId: null },
    { contactType: 'child', notificationType: 'gen117', sourceCode: '6', referrer: { name: 'PC Example', role: null, phone: null, email: null }, receivedAt: new Date(), incident: null, riskLevel: null, domesticAbuse: null, concerns: ['neglect'], narrative: 'Hostile fixture', worriedAbout: null, workingWell: null, needsToHappen: null, consent: 'not_sought', consentLawfulBasis: null, consentReason: null, restricted: false,
      people: [{ role: 'subject_child', givenNames: 'Hostile', familyName: 'Fixture', dateOfBirth: '2018-01-01', dobPrecision: 'exact', gender: 'male', nhsNumber: null, addressLine1: null, postcode: null, school: null, daRole: null, riskLevel: null, childVoice: 'x', childDemeanour: 'y' }] },
  );
  if ('problem' in received) throw new Error(received.problem);
  const namedContactId = received.received.contactId;
  const named = await one<{ id: string }>(t.db.db, sql`select id from contact_named_person where contact_id = ${namedContactId}`);
  const screenerUser = await one<{ id: string; agency_id: string }>(t.db.db, sql`select id, agency_id from app_user where email = 'screener@demo.threshold.test'`);
  const asked = await t.app.services.infoRequests.ask({ userId: screenerUser!.id, tenantId: open!.tenant_id, agencyId: screenerUser!.agency_id, roles: [], requestId: null }, namedContactId, 'C-fixture', { agencyIds: [police!.id], rag: 'green', questions: 'Known?' });
  if (!('ids' in asked)) throw new Error('no request');
  ids = {
    namedContactId, namedId: named!.id, requestId: asked.ids[0]!,
    draftId, openId: open!.id, awaitingId: awaiting!.id, personId: person!.id, agencyId: agency!.id, userId: user!.id,
    relationshipId: relationship!.id, relatedPersonId: relationship!.person_id, householdId: member!.household_id, memberId: member!.person_id,
    duplicateId: duplicate!.id,
  };
  const da = await one<{ id: string }>(t.db.db, sql`select id from da_case limit 1`);
  const mada = await one<{ id: string }>(t.db.db, sql`select id from mada_meeting order by meeting_on desc limit 1`);
  const marac = await one<{ id: string; meeting_id: string }>(t.db.db, sql`select id, meeting_id from marac_referral where meeting_id is not null limit 1`);
  const service = await one<{ id: string }>(t.db.db, sql`select id from da_service_case limit 1`);
  const notice = await one<{ id: string }>(t.db.db, sql`select id from encompass_notice limit 1`);
  const school = await one<{ id: string }>(t.db.db, sql`select agency_id as id from school limit 1`);
  Object.assign(ids, { daCase: da!.id, mada: mada!.id, referral: marac!.id, maracMeeting: marac!.meeting_id, serviceCase: service!.id, notice: notice!.id, school: school!.id });
  // a possible same incident still waiting for the screener (the demo has some), aimed at on its own contact
  const review = await one<{ id: string; contact_id: string }>(t.db.db, sql`select r.id, r.contact_id from incident_review r join contact c on c.id = r.contact_id where r.status = 'open' and c.status = 'open' limit 1`);
  Object.assign(ids, { reviewId: review!.id, reviewContactId: review!.contact_id });
  // an adult concern with an open enquiry, and a request to contribute to one that the police have not answered
  const concern = await one<{ id: string }>(t.db.db, sql`select c.id from adult_concern c join adult_enquiry e on e.concern_id = c.id where e.status = 'open' and not c.restricted limit 1`);
  const contribution = await one<{ id: string }>(t.db.db, sql`select k.id from adult_contribution k join agency a on a.id = k.agency_id where a.type = 'police' and k.answered_at is null limit 1`);
  Object.assign(ids, { adultConcern: concern!.id, adultContribution: contribution!.id });
  // a care provider, and a provider enquiry (the demo has one open, at Heathervale)
  const providerEnquiry = await one<{ id: string; provider_id: string }>(t.db.db, sql`select id, provider_id from provider_enquiry order by (status = 'open') desc limit 1`);
  Object.assign(ids, { providerEnquiry: providerEnquiry!.id, careProvider: providerEnquiry!.provider_id });
  // a transfer of a person's lead (the demo has one waiting for the adult team's answer)
  const transfer = await one<{ id: string }>(t.db.db, sql`select id from lead_transfer order by (status = 'proposed') desc, proposed_at desc limit 1`);
  Object.assign(ids, { leadTransfer: transfer!.id });
  // a DoLS application
  const dols = await one<{ id: string }>(t.db.db, sql`select id from dols_application limit 1`);
  Object.assign(ids, { dols: dols!.id });
  // children's social care: an open case with its assessment open, a scheduled conference, the police's report still to write, an open plan
  const cscReferral = await one<{ id: string }>(t.db.db, sql`select r.id from csc_referral r join child_assessment a on a.referral_id = r.id where r.status = 'open' and not r.restricted and a.status in ('not_started', 'in_progress') limit 1`);
  const invite = await one<{ id: string; conference_id: string }>(t.db.db, sql`select i.id, i.conference_id from conference_invite i join agency a on a.id = i.agency_id join cp_conference k on k.id = i.conference_id where a.type = 'police' and i.report_status = 'requested' and k.status = 'scheduled' limit 1`);
  const childPlan = await one<{ id: string }>(t.db.db, sql`select p.id from child_plan p join csc_referral r on r.id = p.referral_id where p.ended_on is null and not r.restricted order by p.kind = 'cin' desc limit 1`);
  Object.assign(ids, { cscReferral: cscReferral!.id, cpConference: invite!.conference_id, conferenceInvite: invite!.id, childPlan: childPlan!.id });
  // an open early help episode (the council's early help service may work any)
  const earlyHelp = await one<{ id: string }>(t.db.db, sql`select id from early_help_episode where status = 'open' and not restricted order by started_at desc limit 1`);
  Object.assign(ids, { earlyHelp: earlyHelp!.id });
  // children missing education: an open referral and a child on the home education register
  const cmeReferral = await one<{ id: string }>(t.db.db, sql`select id from cme_referral where status = 'open' and not restricted order by referred_at desc limit 1`);
  const ehe = await one<{ id: string }>(t.db.db, sql`select id from ehe_registration where status = 'active' order by registered_on desc limit 1`);
  Object.assign(ids, { cmeReferral: cmeReferral!.id, ehe: ehe!.id });
  // allegations (LADO): one in the LADO process, about staff of the demo DSL's school
  const allegation = await one<{ id: string }>(t.db.db, sql`select a.id from lado_allegation a join app_user u on u.agency_id = a.employer_agency_id where u.email = 'dsl@demo.threshold.test' order by (a.status = 'in_process') desc, a.received_at desc limit 1`);
  Object.assign(ids, { allegation: allegation!.id });
  // a learning review under way (an LCSPR in review)
  Object.assign(ids, await reviewFixture(t.db.db));
  // the action tracker: a closed plan with a cancelled action of the police's, so every form on them is refused
  Object.assign(ids, await closedPlanFixture(t.app.services, t.db.db));
  // boards: the children's main board, its latest meeting and an open entry of its risk log (the demo's)
  const boardMeeting = await one<{ id: string; group_id: string }>(t.db.db, sql`select m.id, m.group_id from board_meeting m join board_group g on g.id = m.group_id and g.is_main join board b on b.id = g.board_id and b.kind = 'children' order by m.held_at desc limit 1`);
  const boardRisk = await one<{ id: string }>(t.db.db, sql`select id from board_risk where status = 'open' order by reference limit 1`);
  Object.assign(ids, { boardGroup: boardMeeting!.group_id, boardMeeting: boardMeeting!.id, boardRisk: boardRisk!.id });
  // self-assessment: the demo DSL's school's return in an open round
  Object.assign(ids, await selfAssessmentFixture(t.db.db));
  // partnership training: a course, a session to come, one held, a place booked by the demo DSL's school, an impact link
  Object.assign(ids, await trainingFixture(t.db.db));
  // multi-agency audits: one choosing its sample, and a record the police were asked to grade
  Object.assign(ids, await caseAuditFixture(t.db.db));
  // the public site's Find help directory and campaigns (the demo's)
  const helpService = await one<{ id: string }>(t.db.db, sql`select id from help_service where archived_at is null order by name limit 1`);
  const campaign = await one<{ id: string }>(t.db.db, sql`select id from awareness_campaign where archived_at is null order by starts_on limit 1`);
  Object.assign(ids, { helpService: helpService!.id, campaign: campaign!.id });
});
afterAll(async () => t.close());

/** Every field name any form uses, so each route sees its own fields among them. */
const FIELDS = [
  'email', 'password', 'returnTo', 'code', 'name', 'type', 'externalCode', 'active', 'teamName', 'urn', 'phase', 'postcode',
  'displayName', 'agencyId', 'teamId', 'roles', 'identityProviderOnly', 'title', 'year', 'date', 'amount', 'unit', 'source',
  'contactType', 'sourceCode', 'sourceAgencyId', 'referrerName', 'referrerRole', 'referrerPhone', 'referrerEmail',
  'concerns', 'narrative', 'consent', 'consentLawfulBasis', 'consentReason', 'restricted', 'personId', 'role',
  'relatedPersonId', 'relationshipType', 'givenNames', 'familyName', 'knownAsGivenNames', 'knownAsFamilyName', 'dobPrecision',
  'gender', 'ethnicity', 'firstLanguage', 'interpreterNeeded', 'nhsNumber', 'addressLine1', 'addressLine2', 'addressTown',
  'addressPostcode', 'childVoice', 'childDemeanour', 'thresholdLevel', 'outcome', 'rationale', 'passedTo', 'decision',
  'comment', 'purpose', 'userId', 'reason', 'id', 'currentPassword', 'newPassword', 'confirmPassword',
  'identifierType', 'identifier', 'line1', 'line2', 'town', 'uprn', 'value', 'note', 'riskToStaff', 'riskToStaffNote', 'keep',
  'makePrimary', 'ageFrom', 'ageTo', 'otherPersonId', 'relationship', 'sameHousehold',
  'measures', 'periodType', 'ownerUserId', 'target', 'tolerance', 'group', 'population', 'measureId', 'kind',
  'workingWell', 'worriedAbout', 'goingToDo',
  'needsToHappen', 'channel', 'school', 'agencyIds', 'rag', 'questions', 'knownToAgency', 'riskIndicators', 'answer', 'grant_type',
  'client_id', 'client_secret',
];
const DATE_FIELDS = ['receivedAt', 'incidentAt', 'dateOfBirth', 'date', 'fromDate', 'toDate', 'deceasedOn', 'heldAt', 'action1Due'];

const HOSTILE: Record<string, (field: string) => string | string[]> = {
  script: () => '<script>alert(document.cookie)</script>',
  'html attribute': () => '"><img src=x onerror=alert(1)>',
  'sql fragment': () => "'; DROP TABLE contact; --",
  'sql tautology': () => "' OR '1'='1",
  'control characters': () => 'a\u0000b\u0007c',
  'wrong type (repeated field)': () => ['one', 'two'],
  'path traversal': () => '../../../../etc/passwd',
};

function body(make: (field: string) => string | string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of FIELDS) out[f] = make(f);
  for (const d of DATE_FIELDS) for (const part of ['day', 'month', 'year', 'hour', 'minute']) out[`${d}-${part}`] = make(d);
  return out;
}

/** Each form route, with the user allowed to use it. */
function formRoutes(): { url: string; as: string }[] {
  const as: Record<string, string> = { '/contacts/:id/authorisation': 'manager' };
  const manager = (url: string) => url.startsWith('/people/duplicates') || url.startsWith('/people/merges');
  return t.app.registeredRoutes
    .filter((r) => r.method === 'POST' && r.url !== '/sign-out')
    .map((r) => ({
      url: r.url
        .replace('/contacts/:id/people/:personId', `/contacts/${ids.draftId}/people/${ids.personId}`)
        .replace(/\/contacts\/:id\/(details|people|submit)/, `/contacts/${ids.draftId}/$1`)
        .replace('/contacts/:id/named', `/contacts/${ids.namedContactId}/named`)
        .replace('/contacts/:id/incident-review/:reviewId', `/contacts/${ids.reviewContactId}/incident-review/${ids.reviewId}`)
        .replace('/contacts/:id/authorisation', `/contacts/${ids.awaitingId}/authorisation`)
        .replace('/contacts/:id', `/contacts/${ids.openId}`)
        .replace('/partnership/public-site/services/:id', `/partnership/public-site/services/${ids.helpService}`)
        .replace('/partnership/public-site/campaigns/:id', `/partnership/public-site/campaigns/${ids.campaign}`)
        .replace('/partnership/training/courses/:id', `/partnership/training/courses/${ids.trainingCourse}`)
        .replace('/partnership/training/sessions/:id/register', `/partnership/training/sessions/${ids.trainingHeld}/register`)
        .replace('/partnership/training/sessions/:id', `/partnership/training/sessions/${ids.trainingSession}`)
        .replace('/partnership/training/bookings/:id', `/partnership/training/bookings/${ids.trainingBooking}`)
        // the public site, in English and in Urdu (right to left): a question page, a signs-of-abuse topic
        .replace('/help/:lang/report/:page', '/help/en/report/danger')
        .replace('/help/:lang/signs-of-abuse/:group/:topic', '/help/ur/signs-of-abuse/adults/financial')
        .replace('/help/:lang', '/help/en')
        .replace(':token', ids.trainingToken!)
        .replace('/admin/agencies/:id', `/admin/agencies/${ids.agencyId}`)
        .replace('/admin/users/:id', `/admin/users/${ids.userId}`)
        .replace(':code', 'contact.decision.child')
        .replace('/people/:id/relationships/:relationshipId', `/people/${ids.relatedPersonId}/relationships/${ids.relationshipId}`)
        .replace('/people/:id/households/:householdId', `/people/${ids.memberId}/households/${ids.householdId}`)
        .replace('/people/duplicates/:id', `/people/duplicates/${ids.duplicateId}`)
        .replace('/people/merges/:id', '/people/merges/00000000-0000-4000-8000-000000000000')
        .replace('/people/:id', `/people/${ids.personId}`)
        .replace(':clockId', '00000000-0000-4000-8000-000000000000')
        .replace('/contacts/:id/people/described/:namedId', `/contacts/${ids.draftId}/people/described/00000000-0000-4000-8000-000000000000`)
        .replace(':namedId', ids.namedId!)
        .replace(':requestId', ids.requestId!)
        .replace('/information-requests/:id', `/information-requests/${ids.requestId}`)
        .replace('/measures/:id', '/measures/re_referrals')
        .replace('/domestic-abuse/cases/:id', `/domestic-abuse/cases/${ids.daCase}`)
        .replace(':meetingId', ids.mada!)
        .replace(':caseId', ids.daCase!)
        .replace('/marac/meetings/:id', `/marac/meetings/${ids.maracMeeting}`)
        .replace(':referralId', ids.referral!)
        .replace('/marac/referrals/:id', `/marac/referrals/${ids.referral}`)
        .replace('/da-services/cases/:id', `/da-services/cases/${ids.serviceCase}`)
        .replace('/encompass/monitor/:id', `/encompass/monitor/${ids.notice}`)
        .replace('/encompass/:id', `/encompass/${ids.notice}`)
        .replace('/dols/applications/:id', `/dols/applications/${ids.dols}`)
        .replace('/early-help/episodes/:id', `/early-help/episodes/${ids.earlyHelp}`)
        .replace('/cme/referrals/:id', `/cme/referrals/${ids.cmeReferral}`)
        .replace('/cme/home-education/:id', `/cme/home-education/${ids.ehe}`)
        .replace('/partnership/audits/records/:id', `/partnership/audits/records/${ids.caseAuditSample}`)
        .replace('/partnership/audits/:id', `/partnership/audits/${ids.caseAudit}`)
        .replace('/lado/allegations/:id', `/lado/allegations/${ids.allegation}`)
        .replace('/lado/employer/allegations/:id', `/lado/employer/allegations/${ids.allegation}`)
        .replace('/partnership/reviews/:id', `/partnership/reviews/${ids.learningReview}`)
        .replace('/partnership/plans/:id', `/partnership/plans/${ids.actionPlan}`)
        .replace('/partnership/actions/:id', `/partnership/actions/${ids.partnershipAction}`)
        .replace('/partnership/boards/groups/:id', `/partnership/boards/groups/${ids.boardGroup}`)
        .replace('/partnership/meetings/:id', `/partnership/meetings/${ids.boardMeeting}`)
        .replace('/partnership/risks/:id', `/partnership/risks/${ids.boardRisk}`)
        .replace('/partnership/self-assessment/rounds/:id', `/partnership/self-assessment/rounds/${ids.saRound}`)
        .replace('/partnership/self-assessment/returns/:id', `/partnership/self-assessment/returns/${ids.saReturn}`)
        .replace(':agencyId', ids.school!)
        .replace('/adults/concerns/:id', `/adults/concerns/${ids.adultConcern}`)
        .replace('/children/cases/:id', `/children/cases/${ids.cscReferral}`)
        .replace('/children/conferences/:id', `/children/conferences/${ids.cpConference}`)
        .replace('/children/conference-reports/:id', `/children/conference-reports/${ids.conferenceInvite}`)
        .replace('/children/plans/:id', `/children/plans/${ids.childPlan}`)
        .replace('/providers/enquiries/:id', `/providers/enquiries/${ids.providerEnquiry}`)
        .replace('/providers/:id', `/providers/${ids.careProvider}`)
        .replace('/adults/contributions/:id', `/adults/contributions/${ids.adultContribution}`)
        .replace('/transitions/transfers/:id', `/transitions/transfers/${ids.leadTransfer}`),
      as: r.url.startsWith('/partnership/public-site') ? 'business-unit'
        : r.url === '/partnership/training/sessions/:id/book' || r.url === '/partnership/training/bookings/:id/cancel' || r.url.startsWith('/training/impact') ? 'dsl' : r.url.startsWith('/partnership/training') ? 'business-unit'
        : r.url.startsWith('/partnership/audits/records') ? 'police' : r.url.startsWith('/partnership/audits') ? 'business-unit'
        : r.url.startsWith('/dols') ? 'dols'
        : r.url.startsWith('/children/conference-reports') ? 'police'
        : r.url.startsWith('/children/conferences') ? 'chair'
        : r.url.endsWith('/allocate') && r.url.startsWith('/children') ? 'csc-manager' : r.url.endsWith('/authorisation') && r.url.startsWith('/children') ? 'csc-manager'
        : r.url.startsWith('/children') ? 'social-worker'
        : r.url.startsWith('/early-help') ? 'early-help'
        : r.url.startsWith('/cme/our-referrals') ? 'dsl' : r.url.startsWith('/cme') ? 'cme'
        : r.url === '/partnership/actions/:id/update' ? 'police' : r.url.startsWith('/partnership/plans') || r.url.startsWith('/partnership/actions') ? 'business-unit'
        : r.url.startsWith('/lado/employer') ? 'dsl' : r.url.startsWith('/lado') ? 'lado'
        : r.url.startsWith('/partnership/reviews') ? 'business-unit'
        : /^\/partnership\/(boards|meetings|risks)/.test(r.url) ? 'business-unit'
        : r.url.startsWith('/partnership/self-assessment/returns/:id') && !r.url.endsWith('/challenge') ? 'dsl' : r.url.startsWith('/partnership/self-assessment') ? 'business-unit'
        : r.url === '/transitions/transfers/:id/response' ? 'adults-manager' : r.url.startsWith('/transitions') ? 'manager'
        : r.url.endsWith('/authorisation') && r.url.startsWith('/adults') ? 'adults-manager'
        : r.url.startsWith('/adults/contributions') ? 'police'
        : r.url.startsWith('/adults') ? 'adults'
        : r.url.startsWith('/providers') ? 'contracts'
        : r.url.startsWith('/admin') || r.url.startsWith('/encompass/key-adults') || r.url.startsWith('/encompass/calendars') ? 'admin'
        : r.url.startsWith('/marac') ? 'marac'
        : r.url.startsWith('/da-services') ? 'idva'
        : r.url.startsWith('/encompass/:id') ? 'dsl' : r.url.startsWith('/measures') ? 'analyst' : manager(r.url) ? 'manager' : r.url.startsWith('/information-requests') || r.url === '/contacts/import' ? 'police' : (as[r.url] ?? 'screener'),
    }));
}

// the domestic abuse forms' own field names
FIELDS.push('sourceCode', 'othersInvolved', 'personsView', 'providerId', 'needs', 'needsReason', 'abuse', 'abuseReason', 'protect', 'protectReason', 'signpostTo',
  'leadKind', 'leadAgencyId', 'capacity', 'capacityNote', 'primarySupportReason', 'advocacy', 'advocateName', 'mspAsked', 'desiredOutcomes', 'location',
  'description', 'question', 'personAttendance', 'advocateAttendance', 'familyName', 'familyAttendance', 'agenciesAttended', 'agenciesApologies', 'personsVoice',
  'minutes', 'action1', 'action1Owner', 'result1', 'outcomesAchieved', 'sanctions', 'conclusion');
FIELDS.push('to'); // the lead's transfer form
FIELDS.push('decisions', 'partnerTenantIds', 'version', 'daPersonId', 'judgement', 'judgementReason', 'criteria', 'dashScore', 'support', 'supportNote', 'service', 'risk', 'clientName', 'safetyPlan', 'dayStartsAt');

// the provider forms' own field names
FIELDS.push('cqcLocationId', 'serviceType', 'address', 'category', 'likelihood', 'impact', 'concernId', 'closingNote', 'concernIds');
DATE_FIELDS.push('raisedOn');

// the children's social care forms' own field names
FIELDS.push('factors', 'seenAlone', 'viewsHow', 'viewsWhat', 'viewsBy', 'analysis', 'primaryNeedCode', 'action', 'agency1', 'name1', 'role1', 'agency2', 'name2', 'role2',
  'informationShared', 'chairUserId', 'childAttended', 'childAdvocate', 'childViewsPresented', 'childViews', 'parentsParticipation', 'parentsViews', 'endReason',
  'dissent', 'dissentEscalated', 'report', 'view', 'seen', 'notes');
DATE_FIELDS.push('seenOn', 'scheduledAt', 'visitedOn', 'heldOn', 'endedOn');

// the early help forms' own field names
FIELDS.push('engaged', 'leadUserId', 'summary', 'familyViews');
DATE_FIELDS.push('contactedAt');

// the children missing education forms' own field names
FIELDS.push('fsm', 'yearGroup', 'lastSchoolName', 'lastSchoolUrn', 'result', 'outcomeCode', 'foundAt', 'outcomeNote', 'prefixes', 'method', 'previousSchoolUrn');
DATE_FIELDS.push('madeOn', 'closedOn', 'registeredOn', 'checkedOn', 'nextDueOn');

// the LADO's forms' own field names
FIELDS.push('adultName', 'roleTitle', 'employerAgencyId', 'employerName', 'sector', 'whatHappened', 'children', 'policeStatus', 'openReason', 'employerActions', 'regulator', 'confirm', 'actionId',
  'agency3', 'name3', 'role3', 'action2', 'owner1', 'owner2', 'ownerName1');
DATE_FIELDS.push('on', 'reviewOn', 'due1', 'due2', 'outcomeOn', 'suspensionOn', 'dismissalOn', 'dbsOn', 'regulatorOn');

// the action tracker's forms' own field names
FIELDS.push('sourceKind', 'sourceTitle', 'boardKind', 'short', 'maxOpen', 'text', 'ownerAgencyId', 'ownerName', 'ownerUserId', 'recommendationId', 'status', 'isEvidence', 'impact');
DATE_FIELDS.push('dueOn');

// partnership training's forms' own field names
FIELDS.push('theme', 'mode', 'boardKind', 'audience', 'durationMinutes', 'venue', 'trainer', 'attendeeName', 'attendeeEmail', 'jobRole', 'confidenceBefore', 'confidenceAfter', 'usefulness',
  'comments', 'used', 'example', 'confidenceNow', 'moreHelp', 'staffCount', 'priority');
DATE_FIELDS.push('startsAt', 'endsAt');

// the public site's Find help directory and campaigns forms' own field names
FIELDS.push('needs', 'ages', 'areas', 'phone', 'textNumber', 'website', 'openingHours', 'open24Hours', 'languages', 'board', 'pageKey');
DATE_FIELDS.push('startsOn', 'endsOn');

// the self-assessment's forms' own field names
FIELDS.push('frameworkId', 'who', 'rag1', 'evidence1', 'rag2', 'evidence2');
DATE_FIELDS.push('challengeOn');

// the boards' forms' own field names
FIELDS.push('boardId', 'remit', 'jobTitle', 'memberId', 'presenter', 'text', 'agendaItemId', 'decisionId', 'board', 'ownerAgencyId', 'ownerName', 'mitigations');
DATE_FIELDS.push('fromOn', 'toOn', 'endOn');

// the learning reviews' forms' own field names
FIELDS.push('subjectPseudonym', 'subjectPersonId', 'text', 'reviewer', 'askedFor', 'careAndSupportNeeds', 'concernAboutPartners', 'adultDied', 'abuseOrNeglect', 'modifiableFactors', 'learning', 'boardKind', 'kind', 'title', 'summary', 'confirm');
DATE_FIELDS.push('incidentOn', 'learnedOn', 'notifiedOn', 'panelSentOn', 'decidedOn', 'termsOfReferenceOn', 'dueOn', 'receivedOn', 'sentOn', 'publishedOn');

// the multi-agency audits' forms' own field names
FIELDS.push('topic', 'scope', 'sampleKind', 'size', 'sampleId', 'finding', 'grade', 'strengths', 'improvements');
DATE_FIELDS.push('plannedOn', 'gradingDueOn', 'from', 'to');

const CASE_TABLES = [
  'tenant', 'agency', 'team', 'school', 'app_user', 'role_assignment', 'bank_holiday', 'calendar_year', 'timescale_setting',
  'person', 'person_name', 'person_identifier', 'person_address', 'person_relationship', 'contact', 'contact_subject',
  'contact_share', 'screening_decision', 'break_glass', 'person_contact', 'household', 'household_member', 'duplicate_candidate',
  'person_merge', 'match_model', 'clock', 'scorecard_measure', 'population', 'comparator', 'measure_snapshot', 'measure_commentary',
  'contact_named_person', 'incident', 'contact_update', 'info_request', 'import_job', 'api_client', 'api_token', 'idempotency_record',
  'outbox_message', 'notification', 'intake_setting', 'incident_review', 'late_notification', 'late_notification_setting',
  'da_case', 'da_person', 'dash_assessment', 'data_sharing_agreement', 'mada_meeting', 'mada_decision', 'da_action', 'marac_meeting',
  'marac_meeting_agency', 'marac_referral', 'marac_research', 'marac_minutes', 'da_service_case', 'da_service_allocation',
  'da_service_risk_change', 'person_education', 'school_calendar', 'encompass_key_adult', 'encompass_notice',
  'adult_concern', 'adult_enquiry', 'adult_risk', 'adult_contribution', 'adult_meeting', 'adult_meeting_attendee', 'adult_action',
  'care_provider', 'contract_concern', 'provider_enquiry', 'provider_enquiry_concern',
  'safeguarding_lead', 'lead_transfer',
  'dols_application', 'dols_assessment',
  'early_help_episode',
  'locality', 'cme_referral', 'cme_enquiry', 'ehe_registration', 'ehe_check',
  'lado_allegation', 'lado_child', 'lado_meeting', 'lado_action',
  'case_audit', 'case_audit_sample', 'case_audit_grading', 'case_audit_finding',
  'learning_review', 'learning_review_finding', 'learning_review_agency',
  'action_plan', 'action_recommendation', 'partnership_action', 'action_update',
  'board', 'board_group', 'board_member', 'board_meeting', 'board_agenda_item', 'board_decision', 'board_attendance', 'board_risk',
  'sa_framework', 'sa_standard', 'sa_round', 'sa_return', 'sa_answer',
  'training_course', 'training_session', 'training_booking', 'training_need',
  'help_service', 'awareness_campaign', 'public_report',
  'csc_referral', 'child_assessment', 'strategy_discussion', 's47_enquiry', 'cp_conference', 'conference_invite', 'child_plan', 'core_group', 'plan_visit', 'plan_review',
];

async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of CASE_TABLES) {
    const r = await rows<{ n: number; h: string }>(t.db.db, sql.raw(`select count(*) as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${table} x`));
    out[table] = r[0];
  }
  return out;
}

describe('hostile input to every form route', () => {
  it('is refused with a 4xx, and changes nothing', { timeout: limit(600_000) }, async () => {
    const routes = formRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const before = await snapshot();
    const problems: string[] = [];
    for (const route of routes) {
      const client = clients[route.as]!;
      // A fresh CSRF token from a light page (the layout's sign-out form), not the home page's panels.
      await client.get('/accessibility');
      for (const [kind, make] of Object.entries(HOSTILE)) {
        // A public report's question page answers only within a report begun: begin one (a draft, not a report).
        if (route.url.startsWith('/help/en/report/')) await client.post('/help/en/report', { about: 'child' });
        const res = await client.post(route.url, body(make));
        if (res.statusCode < 400 || res.statusCode >= 500) problems.push(`${route.url} (${kind}): ${res.statusCode}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a body over the size limit with 413 and a page that says so', async () => {
    const client = clients.screener!;
    await client.get('/contacts/new');
    const res = await client.post('/contacts/new', { narrative: 'x'.repeat(1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('What you sent is too large');
  });

  it('refuses a field longer than its limit by name, under the body limit', async () => {
    const client = clients.screener!;
    await client.get('/contacts/new');
    const res = await client.post('/contacts/new', { narrative: 'x'.repeat(20_001) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('What happened must be 20,000 characters or fewer');
  });

  it('refuses bodies of the wrong content type', async () => {
    const client = clients.screener!;
    await client.get('/contacts/new');
    const res = await client.raw({ method: 'POST', url: '/contacts/new', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(415);
  });

  it('refuses JSON with the wrong types on a form route', async () => {
    const client = clients.screener!;
    await client.get('/contacts/new');
    const res = await client.raw({
      method: 'POST',
      url: '/contacts/new',
      payload: JSON.stringify({ _csrf: client.csrf, contactType: 42, concerns: { a: 1 }, narrative: ['x'], receivedAt: { day: {} } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('treats SQL-like words in a case note as words: stored exactly and shown escaped', async () => {
    const client = clients.screener!;
    await client.get(`/contacts/${ids.draftId}/details`);
    const narrative = "Dad said 'drop it' -- then left; the child said \"1=1\" & laughed";
    const res = await client.post(`/contacts/${ids.draftId}/details`, {
      contactType: 'child', sourceCode: '6', referrerName: 'Pat Officer', concerns: 'neglect', narrative, consent: 'given',
      'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2025', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
    });
    expect(res.statusCode).toBe(303);
    const stored = await one<{ narrative: string }>(t.db.db, sql`select narrative from contact where id = ${ids.draftId}`);
    expect(stored?.narrative).toBe(narrative);
    const page = await client.get(`/contacts/${ids.draftId}/check`);
    expect(page.body).toContain('Dad said &#39;drop it&#39; -- then left; the child said &quot;1=1&quot; &amp; laughed');
  });

  it('never reflects markup from the query string', async () => {
    const client = clients.screener!;
    const res = await client.get(`/people?familyName=${encodeURIComponent('<script>x</script>')}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>x</script>');
  });

  it('reads a hostile filter or page of the domestic abuse lists as the default list, without reflecting it', async () => {
    const bad = encodeURIComponent('<script>x</script>');
    const lists: [string, string][] = [
      ['screener', `/domestic-abuse?show=${bad}&page=${bad}`],
      ['marac', `/marac/actions?due=${bad}&show=${bad}&page=-3`],
      ['marac', `/marac/referrals?status=${bad}&page=${bad}`],
      ['marac', `/marac/meetings/${ids.maracMeeting}/agenda?research=${bad}&page=99999`],
      ['marac', `/marac/meetings/${ids.maracMeeting}/attendance?x=${bad}`],
      ['idva', `/da-services/cases?show=${bad}&page=${bad}`],
      ['dsl', `/encompass?show=${bad}&page=0`],
      ['screener', `/encompass/monitor?show=${bad}&page=${bad}`],
      ['admin', `/encompass/key-adults?show=${bad}`],
    ];
    for (const [who, url] of lists) {
      const res = await clients[who]!.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).not.toContain('<script>x</script>');
      expect(res.body).toMatch(/data-list-total="\d+"|MARAC attendance|Agencies invited/);
    }
  });

  it('refuses hostile boards and years in the partnership measures’ addresses, without reflecting them', async () => {
    for (const q of [`board=${encodeURIComponent('<script>x</script>')}`, `year=${encodeURIComponent('<script>x</script>')}`, 'year=0x7E9', 'board=toString']) {
      const res = await clients.screener!.get(`/measures/partnership?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('<script>x</script>');
    }
  });
});

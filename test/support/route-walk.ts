/**
 * The route walk, shared by its shards (test/route-walk/*.test.ts, so the two test workers share the work): every
 * registered route as every role and signed out. Every route must declare an access rule, and every answer must be
 * what the rule says: no 500s, no route reachable by a role its rule does not allow.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { ALL_ROLES, type Role, permissionsOf, allows } from '../../src/domain/roles.js';
import { type RegisteredRoute } from '../../src/platform/authz.js';
import { type TestApp, type TestClient, createTestApp } from './app.js';
import { USER_FOR } from './roles.js';
import { limit } from './time-limits.js';
import { trainingFixture } from './training-fixture.js';
import { reviewFixture } from './review-fixture.js';
import { walkActionsFixture } from './actions-fixture.js';
import { selfAssessmentFixture } from './self-assessment-fixture.js';
import { caseAuditFixture } from './case-audit-fixture.js';

let t: TestApp;
const clients = new Map<Role, TestClient>();
let ids: Record<string, string> = {};

/**
 * Documents built from the same figures for everyone who may have them (the board report and scorecard files):
 * rendered for the first role allowed and refused for the rest, instead of built again for every role.
 */
const BUILT_ONCE = /\.(pdf|xlsx|csv)$/;

/**
 * The public site (/help): the same pages for everyone, who is never signed in there. Walked signed out and with one
 * staff session (a member of staff who opens it must not break it), not again for every role.
 */
const SAME_FOR_EVERY_ROLE = (url: string) => BUILT_ONCE.test(url) || url === '/help' || url.startsWith('/help/');

/** A server error is a failure, except the one planned answer: the identity provider is down (503). */
function serverError(status: number, url: string): boolean {
  return status >= 500 && !(status === 503 && url === '/sign-in/oidc');
}

function concrete(url: string): string {
  return url
    .replace('/domestic-abuse/cases/:id', `/domestic-abuse/cases/${ids.daCase}`)
    .replace(':dashId', ids.dash!)
    .replace('/adults/concerns/:id/enquiry/meetings/:adultMeetingId', `/adults/concerns/${ids.adultConcern}/enquiry/meetings/${ids.adultMeeting}`)
    .replace(':meetingId', ids.mada!)
    .replace(':caseId', ids.daCase!)
    .replace('/encompass/monitor/:id', `/encompass/monitor/${ids.notice}`)
    .replace('/encompass/:id', `/encompass/${ids.notice}`)
    .replace(':agencyId', ids.school!)
    .replace('/marac/meetings/:id', `/marac/meetings/${ids.maracMeeting}`)
    .replace(':referralId', ids.referral!)
    .replace('/marac/referrals/:id', `/marac/referrals/${ids.referral}`)
    .replace('/marac/actions/:id', `/marac/actions/${ids.maracAction}`)
    .replace('/da-services/cases/:id', `/da-services/cases/${ids.serviceCase}`)
    .replace('/adults/concerns/:id', `/adults/concerns/${ids.adultConcern}`)
    .replace('/children/cases/:id', `/children/cases/${ids.cscReferral}`)
    .replace('/children/conferences/:id', `/children/conferences/${ids.cpConference}`)
    .replace('/children/conference-reports/:id', `/children/conference-reports/${ids.conferenceInvite}`)
    .replace('/children/plans/:id', `/children/plans/${ids.childPlan}`)
    .replace('/adults/contributions/:id', `/adults/contributions/${ids.adultContribution}`)
    .replace('/dols/applications/:id', `/dols/applications/${ids.dols}`)
    .replace('/early-help/episodes/:id', `/early-help/episodes/${ids.earlyHelp}`)
    .replace('/cme/referrals/:id', `/cme/referrals/${ids.cmeReferral}`)
    .replace('/cme/home-education/:id', `/cme/home-education/${ids.ehe}`)
    .replace('/partnership/audits/records/:id', `/partnership/audits/records/${ids.caseAuditSample}`)
    .replace('/partnership/audits/:id', `/partnership/audits/${ids.caseAudit}`)
    .replace('/lado/allegations/:id', `/lado/allegations/${ids.allegation}`)
    .replace('/lado/employer/allegations/:id', `/lado/employer/allegations/${ids.allegation}`)
    .replace('/partnership/reviews/:id', `/partnership/reviews/${ids.learningReview}`)
    .replace(':updateId', ids.actionUpdate!)
    .replace('/partnership/plans/:id', `/partnership/plans/${ids.actionPlan}`)
    .replace('/partnership/actions/:id', `/partnership/actions/${ids.partnershipAction}`)
    .replace('/partnership/boards/groups/:id', `/partnership/boards/groups/${ids.boardGroup}`)
    .replace('/partnership/meetings/:id', `/partnership/meetings/${ids.boardMeeting}`)
    .replace('/partnership/risks/:id', `/partnership/risks/${ids.boardRisk}`)
    .replace('/partnership/self-assessment/rounds/:id', `/partnership/self-assessment/rounds/${ids.saRound}`)
    .replace('/partnership/self-assessment/returns/:id', `/partnership/self-assessment/returns/${ids.saReturn}`)
    .replace('/providers/enquiries/:id', `/providers/enquiries/${ids.providerEnquiry}`)
    .replace('/providers/:id', `/providers/${ids.provider}`)
    .replace('/transitions/transfers/:id', `/transitions/transfers/${ids.transfer}`)
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
    .replace('/admin/agencies/:id', `/admin/agencies/${ids.agency}`)
    .replace('/admin/users/:id', `/admin/users/${ids.user}`)
    .replace('/audit/people/:id', `/audit/people/${ids.personId}`)
    .replace('/people/:id', `/people/${ids.personId}`)
    .replace(':personId', ids.personId!)
    .replace(':code', ids.code!)
    .replace(':id', ids.id!)
    .replace('*', 'vendor/govuk-frontend.min.css');
}


/** Which routes a shard walks: every route falls in exactly one shard. */
function inShard(route: RegisteredRoute, index: number, shard: number, shards: number): boolean {
  return index % shards === shard;
}

export function defineRouteWalk(shard: number, shards: number): void {
  beforeAll(async () => {
    // An identity provider that is not there: its routes are walked too, and must fail politely.
    t = await createTestApp({
      env: { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', OIDC_REDIRECT_URI: 'http://localhost/sign-in/oidc/callback', OIDC_ALLOW_INSECURE: 'true' },
    });
    for (const role of ALL_ROLES) clients.set(role, await t.as(USER_FOR[role]));
    const contact = await one<{ id: string }>(t.db.db, sql`select id from contact where status = 'open' order by received_at limit 1`);
    const person = await one<{ id: string }>(t.db.db, sql`select id from person where not restricted limit 1`);
    const agency = await one<{ id: string }>(t.db.db, sql`select id from agency limit 1`);
    const user = await one<{ id: string }>(t.db.db, sql`select id from app_user where email = 'screener2@demo.threshold.test'`);
    ids = { id: contact!.id, personId: person!.id, agency: agency!.id, user: user!.id, code: 'contact.decision.child' };
    // the domestic abuse records the demo holds, so their pages are walked with real records
    const dash = await one<{ id: string; da_case_id: string }>(t.db.db, sql`select id, da_case_id from dash_assessment where da_case_id is not null limit 1`);
    const mada = await one<{ id: string }>(t.db.db, sql`select id from mada_meeting order by meeting_on desc limit 1`);
    const notice = await one<{ id: string }>(t.db.db, sql`select id from encompass_notice order by (agency_id is null) desc limit 1`);
    const school = await one<{ id: string }>(t.db.db, sql`select agency_id as id from school limit 1`);
    const marac = await one<{ id: string; meeting_id: string }>(t.db.db, sql`select id, meeting_id from marac_referral where meeting_id is not null limit 1`);
    const action = await one<{ id: string }>(t.db.db, sql`select id from da_action where forum = 'marac' limit 1`);
    const service = await one<{ id: string }>(t.db.db, sql`select id from da_service_case limit 1`);
    // the adult safeguarding records: a concern with a meeting, a request to contribute, a DoLS application, a provider, a transfer
    const meeting = await one<{ id: string; concern_id: string }>(t.db.db, sql`select m.id, e.concern_id from adult_meeting m join adult_enquiry e on e.id = m.enquiry_id limit 1`);
    const contribution = await one<{ id: string }>(t.db.db, sql`select id from adult_contribution limit 1`);
    const dols = await one<{ id: string }>(t.db.db, sql`select id from dols_application limit 1`);
    const provider = await one<{ id: string }>(t.db.db, sql`select id from care_provider limit 1`);
    const providerEnquiry = await one<{ id: string }>(t.db.db, sql`select id from provider_enquiry limit 1`);
    const transfer = await one<{ id: string }>(t.db.db, sql`select id from lead_transfer limit 1`);
    const earlyHelp = await one<{ id: string }>(t.db.db, sql`select id from early_help_episode where status = 'open' and not restricted order by started_at desc limit 1`);
    Object.assign(ids, { earlyHelp: earlyHelp!.id });
    // children missing education: an open referral from the demo school DSL's school, and a child on the home education register
    const cmeReferral = await one<{ id: string }>(t.db.db, sql`select r.id from cme_referral r join app_user u on u.agency_id = r.referring_agency_id where u.email = 'dsl@demo.threshold.test' and r.status = 'open' and not r.restricted limit 1`);
    const ehe = await one<{ id: string }>(t.db.db, sql`select id from ehe_registration where status = 'active' limit 1`);
    Object.assign(ids, { cmeReferral: cmeReferral!.id, ehe: ehe!.id });
    // allegations (LADO): one in the LADO process, about staff of the demo DSL's school
    const allegation = await one<{ id: string }>(t.db.db, sql`select a.id from lado_allegation a join app_user u on u.agency_id = a.employer_agency_id where u.email = 'dsl@demo.threshold.test' order by (a.status = 'in_process') desc, a.received_at desc limit 1`);
    Object.assign(ids, { allegation: allegation!.id });
    // a learning review under way (an LCSPR in review)
    Object.assign(ids, await reviewFixture(t.db.db));
    // the action tracker: a plan of the demo data, one of its actions and an update on it
    Object.assign(ids, await walkActionsFixture(t.db.db));
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
    // children's social care: a case, a scheduled conference and one of its invitations, a plan
    const invite = await one<{ id: string; conference_id: string; referral_id: string }>(t.db.db, sql`select i.id, i.conference_id, k.referral_id from conference_invite i join cp_conference k on k.id = i.conference_id where k.status = 'scheduled' limit 1`);
    const childPlan = await one<{ id: string }>(t.db.db, sql`select id from child_plan where ended_on is null limit 1`);
    Object.assign(ids, { cscReferral: invite!.referral_id, cpConference: invite!.conference_id, conferenceInvite: invite!.id, childPlan: childPlan!.id });
    Object.assign(ids, { adultConcern: meeting!.concern_id, adultMeeting: meeting!.id, adultContribution: contribution!.id, dols: dols!.id, provider: provider!.id, providerEnquiry: providerEnquiry!.id, transfer: transfer!.id });
    Object.assign(ids, { daCase: dash!.da_case_id, dash: dash!.id, mada: mada!.id, notice: notice!.id, school: school!.id, referral: marac!.id, maracMeeting: marac!.meeting_id, maracAction: action!.id, serviceCase: service!.id });
  }, limit(120_000));
  afterAll(async () => t?.close());

  describe(`every route declares who may use it (shard ${shard + 1} of ${shards})`, () => {
    if (shard === 0) {
      it('has a rule on every route', () => {
        const missing = t.app.registeredRoutes.filter((r) => r.rule === undefined).map((r) => `${r.method} ${r.url}`);
        expect(missing).toEqual([]);
        expect(t.app.registeredRoutes.length).toBeGreaterThan(40);
      });

      it('audits a refusal by role', async () => {
        const before = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event where action = 'access.denied' and record_type = 'route'`);
        await clients.get('police_officer')!.get('/admin');
        const after = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event where action = 'access.denied' and record_type = 'route'`);
        expect(Number(after!.n)).toBe(Number(before!.n) + 1);
      });
    }

    it('answers every route, for every role and when signed out, as its rule says', { timeout: limit(600_000) }, async () => {
      const problems: string[] = [];
      const routes = t.app.registeredRoutes.filter((r) => r.method === 'GET' || r.method === 'POST').filter((r, i) => inShard(r, i, shard, shards));
      expect(routes.length).toBeGreaterThan(10);
      for (const route of routes) {
        const url = concrete(route.url);
        // Signed out: only public routes answer; the rest send the browser to sign in.
        const anon = t.client();
        const anonRes = route.method === 'GET' ? await anon.get(url) : await anon.post(url, {});
        if (serverError(anonRes.statusCode, route.url)) problems.push(`signed out ${route.method} ${route.url}: ${anonRes.statusCode}`);
        if (route.rule !== 'public' && ![303, 401, 403].includes(anonRes.statusCode)) {
          problems.push(`signed out ${route.method} ${route.url}: ${anonRes.statusCode} (should be refused)`);
        }
        let builtFor: Role | null = null;
        for (const role of ALL_ROLES) {
          const allowed = allows(route.rule!, true, permissionsOf([role]));
          if (allowed && SAME_FOR_EVERY_ROLE(route.url) && builtFor) continue;
          if (allowed) builtFor = role;
          // Signing out ends the session: walk that route with a session of its own.
          const client = route.url === '/sign-out' ? await t.as(USER_FOR[role]) : clients.get(role)!;
          const res = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
          if (serverError(res.statusCode, route.url)) problems.push(`${role} ${route.method} ${route.url}: ${res.statusCode}`);
          if (!allowed && res.statusCode !== 403) problems.push(`${role} ${route.method} ${route.url}: ${res.statusCode} (rule ${route.rule} should refuse)`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
}

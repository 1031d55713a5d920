/** Home pages: each role starts where its work is. Also the accessibility statement and privacy notice. */
import { type FastifyInstance } from 'fastify';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { type ContactService } from '../front-door/contact-service.js';
import { contactPath, frontDoorPath } from '../front-door/paths.js';
import { HOME_ROUTES } from './paths.js';
import { type AdultSafeguardingService } from '../adult-safeguarding/service.js';
import { adultPath } from '../adult-safeguarding/paths.js';
import { type ChildrenService } from '../children/service.js';
import { childrenPath } from '../children/paths.js';
import { type CmeService } from '../cme/service.js';
import { cmePath } from '../cme/paths.js';
import { type LadoService } from '../lado/service.js';
import { ladoPath } from '../lado/paths.js';
import { type TrainingService } from '../training/service.js';
import { bookingsPanel, teamPanel } from '../training/presenters.js';
import { type CaseAuditService } from '../case-audits/service.js';
import { auditPath } from '../case-audits/paths.js';
import { type BoardService } from '../boards/service.js';
import { boardPath } from '../boards/paths.js';
import { homePanel as boardsPanel } from '../boards/presenters.js';
import { type SelfAssessmentService } from '../self-assessment/service.js';
import { saPath } from '../self-assessment/paths.js';
import { ourRow } from '../self-assessment/presenters.js';
import { type ActionService } from '../actions/service.js';
import { actionPath } from '../actions/paths.js';
import { type LearningReviewService } from '../learning-reviews/service.js';
import { homePanel as reviewsPanel } from '../learning-reviews/presenters.js';

export function registerHomeRoutes(app: FastifyInstance, services: { contacts: ContactService; adults: AdultSafeguardingService; children: ChildrenService; cme: CmeService; lado: LadoService; training: TrainingService; actions: ActionService; learningReviews: LearningReviewService; selfAssessment: SelfAssessmentService; boards: BoardService; caseAudits: CaseAuditService }): void {
  const { contacts, adults, children, cme, lado, training, actions, learningReviews, selfAssessment, boards, caseAudits } = services;

  /** The organisation's self-assessment returns still to submit (none: no panel). */
  async function selfAssessmentPanel(actor: ReturnType<typeof userActor>) {
    const open = await selfAssessment.openReturns(actor);
    return open.total > 0 ? { rows: open.rows.map(ourRow), total: open.total, ours: saPath('ours', {}) } : null;
  }

  app.get(HOME_ROUTES.home, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    const panels = {
      worklist: can(request, 'worklist:view') ? await contacts.worklistCounts(user) : null,
      adults: can(request, 'adult:work') ? { counts: await adults.counts(user), href: (view: string) => adultPath('worklist', {}, { view }), authorise: can(request, 'adult:authorise') } : null,
      children: can(request, 'csc:work') ? { counts: await children.counts(user), href: (view: string) => childrenPath('cases', {}, { view }), authorise: can(request, 'csc:authorise') } : null,
      conferences: can(request, 'conference:chair') ? await children.diaryCounts(user) : null,
      reports: can(request, 'conference:report') ? await children.reportCounts(user) : null,
      contributions: can(request, 'adult:contribute') ? (await adults.contributionsForAgency(user, false, 1, 1)).total : null,
      cme: can(request, 'cme:work') ? { counts: await cme.counts(userActor(request)), worklist: cmePath('worklist', {}), register: cmePath('register', {}, { show: 'due' }) } : null,
      cmeSchool: can(request, 'cme:refer') ? { counts: await cme.agencyCounts(userActor(request)), ours: cmePath('ours', {}), refer: cmePath('refer', {}) } : null,
      boards: can(request, 'partnership:view') ? boardsPanel(await boards.homePanel(user, can(request, 'partnership:manage')), { boardsHref: boardPath('boards', {}), risksHref: boardPath('risks', {}) }) : null,
      lado: can(request, 'lado:work') ? { counts: await lado.homeCounts(user), href: (show: string) => ladoPath('worklist', {}, { show }) } : null,
      trainingBookings: can(request, 'training:book') ? bookingsPanel(await training.agencyPanel(user)) : null,
      trainingTeam: can(request, 'training:manage') ? teamPanel(await training.teamPanel(user)) : null,
      partnershipActions: can(request, 'actions:update') ? { counts: await actions.homeCounts({ ...userActor(request), permissions: user.permissions }), href: actionPath('ours', {}) } : null,
      reviews: can(request, 'reviews:manage') ? reviewsPanel(await learningReviews.attention(user)) : null,
      selfAssessment: can(request, 'self_assessment:complete') ? await selfAssessmentPanel(userActor(request)) : null,
      // Multi-agency audits: records waiting for this agency's grading, with the due dates.
      audits: can(request, 'audits:grade') ? { waiting: await caseAudits.waiting(user), href: (id: string) => auditPath('ours', { id }), all: auditPath('ourGradings', {}) } : null,
      authorise: can(request, 'contact:authorise'),
      partner:
        can(request, 'contact:read') && !can(request, 'worklist:view')
          ? // A draft is still being written: its link goes to its check page.
            (await contacts.visibleList(user, 10, 0)).map((i) => ({ ...i, href: i.status === 'draft' ? frontDoorPath('check', { id: i.id }) : contactPath(i.id) }))
          : null,
      record: can(request, 'contact:create'),
      people: can(request, 'person:search'),
      admin: can(request, 'admin:manage'),
      audit: can(request, 'audit:view'),
    };
    return reply.view('home/views/home.njk', { pageTitle: 'Home', panels });
  });

  app.get(HOME_ROUTES.accessibility, { config: { rule: 'public' } }, async (_request, reply) =>
    reply.view('home/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
  app.get(HOME_ROUTES.privacy, { config: { rule: 'public' } }, async (_request, reply) => reply.view('home/views/privacy.njk', { pageTitle: 'Privacy' }));
}

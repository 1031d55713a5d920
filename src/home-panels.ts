/**
 * The home page's panels: each capability's "what must I do today", in the order a role meets its work. Part of the
 * composition root, like record-checks.ts: a capability publishes its contributor from its own home.ts, built on its
 * own service, and is listed here; the home feature knows none of them.
 */
import { HomePanels } from './features/home/panels.js';
import { type Services } from './services.js';
import { frontDoorHomePanels } from './features/front-door/home.js';
import { safeguardingLeadHomePanels } from './features/safeguarding-lead/home.js';
import { childrenHomePanels } from './features/children/home.js';
import { earlyHelpHomePanels } from './features/early-help/home.js';
import { cmeHomePanels } from './features/cme/home.js';
import { ladoHomePanels } from './features/lado/home.js';
import { adultSafeguardingHomePanels } from './features/adult-safeguarding/home.js';
import { dolsHomePanels } from './features/dols/home.js';
import { maracHomePanels } from './features/marac/home.js';
import { domesticAbuseHomePanels } from './features/domestic-abuse/home.js';
import { daServicesHomePanels } from './features/da-services/home.js';
import { encompassHomePanels } from './features/encompass/home.js';
import { providerHomePanels } from './features/providers/home.js';
import { boardHomePanels } from './features/boards/home.js';
import { actionHomePanels } from './features/actions/home.js';
import { learningReviewHomePanels } from './features/learning-reviews/home.js';
import { selfAssessmentHomePanels } from './features/self-assessment/home.js';
import { caseAuditHomePanels } from './features/case-audits/home.js';
import { trainingHomePanels } from './features/training/home.js';
import { publicContentHomePanels } from './features/public-content/home.js';
import { measuresHomePanels } from './features/measures/home.js';
import { accountHomePanels } from './features/accounts/home.js';
import { calendarHomePanels } from './features/calendar/home.js';
import { auditHomePanels } from './features/audit/home.js';

export function homePanels(services: Services): HomePanels {
  return new HomePanels([
    ...frontDoorHomePanels(services.contacts, services.infoRequests),
    ...safeguardingLeadHomePanels(services.leads),
    ...childrenHomePanels(services.children),
    ...earlyHelpHomePanels(services.earlyHelp),
    ...cmeHomePanels(services.cme),
    ...ladoHomePanels(services.lado),
    ...adultSafeguardingHomePanels(services.adults),
    ...dolsHomePanels(services.dols),
    ...maracHomePanels(services.marac),
    ...domesticAbuseHomePanels(services.domesticAbuse),
    ...daServicesHomePanels(services.daServices),
    ...encompassHomePanels(services.encompass),
    ...providerHomePanels(services.providers),
    ...boardHomePanels(services.boards),
    ...actionHomePanels(services.actions),
    ...learningReviewHomePanels(services.learningReviews),
    ...selfAssessmentHomePanels(services.selfAssessment),
    ...caseAuditHomePanels(services.caseAudits),
    ...trainingHomePanels(services.training),
    ...publicContentHomePanels(services.publicContent),
    ...measuresHomePanels(services.measures),
    ...accountHomePanels(services.accounts),
    ...calendarHomePanels(services.calendarAdmin, services.organisations),
    ...auditHomePanels(services.auditViews),
  ]);
}

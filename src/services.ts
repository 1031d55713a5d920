/**
 * The composition root: every service, built once per app from the configuration, the database and the clock.
 * Routes receive what they need from here; nothing else constructs services.
 */
import { PublicContentService } from './features/public-content/service.js';
import { PublicSiteService } from './features/public-site/service.js';
import { DEMO_TENANT_CODE } from './db/seed/demo.js';
import { DomesticAbuseService } from './features/domestic-abuse/service.js';
import { domesticAbuseSubscriber } from './features/domestic-abuse/front-door-subscriber.js';
import { DaActionService } from './features/domestic-abuse/actions.js';
import { idempotencySubscriber } from './features/api/idempotency.js';
import { londonDate } from './domain/time.js';
import { FrontDoorEvents } from './features/front-door/events.js';
import { ContactPageQuery } from './features/front-door/contact-page.js';
import { PeopleEvents } from './features/people/events.js';
import { subjectsFollowMerge, subjectsFollowUndo } from './features/front-door/person-merges.js';
import { adultHandOffSubscriber } from './features/front-door/adult-hand-off.js';
import { IncidentReviewService } from './features/front-door/incident-review-service.js';
import { incidentReviewSubscriber } from './features/front-door/incident-review.js';
import { LateNotificationService } from './features/front-door/late-notifications-service.js';
import { lateNotificationSubscriber } from './features/front-door/late-notifications.js';
import { clocksSubscriber } from './features/clocks/front-door-subscriber.js';
import { EncompassService } from './features/encompass/service.js';
import { MaracService } from './features/marac/service.js';
import { DaServiceCaseService } from './features/da-services/service.js';
import { InformationRequestService } from './features/front-door/information-request-service.js';
import { ImportService } from './features/front-door/imports.js';
import { NotificationService } from './features/notifications/service.js';
import { ApiClientService } from './features/api/clients.js';
import { IntakeService } from './features/front-door/intake-service.js';
import { type Config } from './config.js';
import { type DbHandle } from './db/client.js';
import { AccountService } from './features/accounts/service.js';
import { AuditService } from './features/audit/service.js';
import { CalendarAdminService } from './features/calendar/service.js';
import { ContactService } from './features/front-door/contact-service.js';
import { OrganisationService } from './features/organisations/service.js';
import { HouseholdService } from './features/people/households.js';
import { IdentityService } from './features/people/identity.js';
import { MergeService } from './features/people/merge.js';
import { PeopleService } from './features/people/service.js';
import { ClockService } from './features/clocks/service.js';
import { MeasureService } from './features/measures/service.js';
import { AdultSafeguardingService } from './features/adult-safeguarding/service.js';
import { ChildrenService } from './features/children/service.js';
import { childrenReferralSubscriber } from './features/children/front-door-subscriber.js';
import { CmeService } from './features/cme/service.js';
import { cmeSubscriber } from './features/cme/front-door-subscriber.js';
import { ProviderService } from './features/providers/service.js';
import { DolsService } from './features/dols/service.js';
import { SafeguardingLeadService } from './features/safeguarding-lead/service.js';
import { safeguardingLeadSubscriber } from './features/safeguarding-lead/front-door-subscriber.js';
import { adultFrontDoorConcernSubscriber, adultHandOffConcernSubscriber } from './features/adult-safeguarding/front-door-subscriber.js';
import { EarlyHelpService } from './features/early-help/service.js';
import { earlyHelpSubscriber } from './features/early-help/front-door-subscriber.js';
import { LadoService } from './features/lado/service.js';
import { BoardService } from './features/boards/service.js';
import { ActionService } from './features/actions/service.js';
import { LearningReviewService } from './features/learning-reviews/service.js';
import { CaseAuditService } from './features/case-audits/service.js';
import { TrainingService } from './features/training/service.js';
import { SelfAssessmentService } from './features/self-assessment/service.js';
import { ladoAllegationSubscriber } from './features/lado/front-door-subscriber.js';
import { AuditTrail } from './platform/audit.js';
import { BreakGlass } from './platform/break-glass.js';
import { CalendarService } from './platform/calendar.js';
import { OidcSignIn } from './platform/oidc.js';
import { SessionStore } from './platform/sessions.js';

export function createServices(config: Config, handle: DbHandle, now: () => Date) {
  const db = handle.db;
  const audit = new AuditTrail(db, now);
  const sessions = new SessionStore(db, config, now);
  const calendar = new CalendarService(db, now);
  const accounts = new AccountService(db, sessions, audit, config, now);
  const organisations = new OrganisationService(db, audit);
  const breakGlass = new BreakGlass(db, audit, now);
  const today = () => londonDate(now());
  const identity = new IdentityService(db, audit, now);
  const households = new HouseholdService(db, audit, today);
  const people = new PeopleService(db, audit, breakGlass, identity, households, today);
  const peopleEvents = new PeopleEvents();
  const merges = new MergeService(db, audit, identity, peopleEvents, now);
  // The front door's published events; what subscribes to them is listed below, in one place.
  const frontDoorEvents = new FrontDoorEvents();
  const clocks = new ClockService(db, audit, calendar, now);
  const contacts = new ContactService(db, audit, calendar, breakGlass, people, organisations, frontDoorEvents, now, config.publicUrl);
  const measures = new MeasureService(db, audit, now);
  const encompass = new EncompassService(db, audit, calendar, organisations, config.publicUrl, now);
  // da_action is domestic abuse's table; MARAC keeps its actions there through domestic abuse's writer.
  const daActions = new DaActionService();
  const marac = new MaracService(db, audit, calendar, now, daActions);
  const daServices = new DaServiceCaseService(db, audit, calendar, now);
  const domesticAbuse = new DomesticAbuseService(db, audit, calendar, organisations, encompass, marac, daServices, now, daActions);
  const intake = new IntakeService(db, audit, calendar, organisations, people, frontDoorEvents, now);
  const lateNotifications = new LateNotificationService(db, audit, organisations, now);
  const incidentReviews = new IncidentReviewService(db, audit, now, lateNotifications);
  const apiClients = new ApiClientService(db, audit, now);
  const imports = new ImportService(db, audit, intake, now);
  const notifications = new NotificationService(db, now);
  const infoRequests = new InformationRequestService(db, audit, calendar, organisations, config.publicUrl, frontDoorEvents, now);
  const auditViews = new AuditService(db, audit, breakGlass, now);
  const calendarAdmin = new CalendarAdminService(db, audit, calendar, now);
  const providers = new ProviderService(db, audit, now);
  const dols = new DolsService(db, audit, calendar, now);
  const leads = new SafeguardingLeadService(db, audit, organisations, now);
  const adults = new AdultSafeguardingService(db, audit, calendar, breakGlass, organisations, contacts, leads, now);
  const earlyHelp = new EarlyHelpService(db, audit, calendar, organisations, people, clocks, intake, now);
  const children = new ChildrenService(db, audit, calendar, breakGlass, organisations, leads, clocks, now);
  const cme = new CmeService(db, audit, calendar, organisations, people, encompass, now);
  children.useEarlyHelp({ setUp: (tenantId) => earlyHelp.setUp(tenantId), stepDown: (tx, setUp, input) => earlyHelp.stepDown(tx, setUp as NonNullable<Awaited<ReturnType<typeof earlyHelp.setUp>>>, input) });
  const lado = new LadoService(db, audit, calendar, breakGlass, organisations, now);
  const boards = new BoardService(db, audit, organisations, now);
  const actions = new ActionService(db, audit, now, calendar, organisations, config.publicUrl);
  const learningReviews = new LearningReviewService(db, audit, calendar, organisations, people, actions, now);
  const caseAudits = new CaseAuditService(db, audit, now, organisations, { children, adults, domesticAbuse }, actions);
  const training = new TrainingService(db, audit, calendar, organisations, config.publicUrl, now);
  const selfAssessment = new SelfAssessmentService(db, audit, organisations, actions, now);
  const publicContent = new PublicContentService(db, audit, now, organisations, config.publicUrl);
  const publicSite = new PublicSiteService(db, audit, config.publicSite, now, config.demo ? DEMO_TENANT_CODE : null, intake, { secureCookies: config.env === 'production', publicUrl: config.publicUrl });
  const contactPage = new ContactPageQuery(contacts, intake, infoRequests, clocks, organisations, domesticAbuse);

  // What starts from the front door, in the order it happens, each in the transaction of the change that raised it.
  // A police notification received (API, file or form) → its DA case → that case's Operation Encompass notices and
  // any repeat MARAC referral (inside the DA case's own service).
  frontDoorEvents.received.subscribe(domesticAbuseSubscriber(domesticAbuse));
  // … → the agency API's answer stored under its Idempotency-Key, with the contact.
  frontDoorEvents.received.subscribe(idempotencySubscriber(apiClients));
  // A new contact at the place and time of an incident already reported, sharing its people but not its police
  // reference → a possible same incident for the screener; any notification received late → its managers told.
  frontDoorEvents.received.subscribe(incidentReviewSubscriber(incidentReviews));
  frontDoorEvents.received.subscribe(lateNotificationSubscriber(lateNotifications));
  // A contact about an adult at the adult front door (any agency, form or API, or the public) → an adult
  // safeguarding concern on the adult team's worklist.
  frontDoorEvents.received.subscribe(adultFrontDoorConcernSubscriber(adults, contacts));
  // A contact naming an adult in a position of trust → an allegation for the designated officer (LADO), to decide within 1 working day.
  frontDoorEvents.received.subscribe(ladoAllegationSubscriber(lado, contacts));
  frontDoorEvents.received.subscribe(safeguardingLeadSubscriber(leads, contacts)); // … → anyone it is about with no lead yet: led by the front door that received it
  // A screening decision authorised → its clocks (early help, assessment, strategy discussion) → a hand-off to the
  // area's adult front door.
  frontDoorEvents.decisionAuthorised.subscribe(clocksSubscriber(clocks, organisations));
  frontDoorEvents.decisionAuthorised.subscribe(adultHandOffSubscriber(contacts, organisations, audit));
  // … and the adult team's concern made from it, on its worklist at once.
  frontDoorEvents.decisionAuthorised.subscribe(adultHandOffConcernSubscriber(adults, contacts));
  // … and, for early help, the family's episode on the early help service's worklist (its triage stops the clock).
  frontDoorEvents.decisionAuthorised.subscribe(earlyHelpSubscriber(earlyHelp, contacts));
  // … and, for a referral or a strategy discussion, each child's referral and assessment in children's social care.
  frontDoorEvents.decisionAuthorised.subscribe(childrenReferralSubscriber(children, contacts));
  // … and, for “pass to children missing education”, each child’s referral on the CME officer’s worklist.
  frontDoorEvents.decisionAuthorised.subscribe(cmeSubscriber(cme, contacts));

  // A person merged (or the merge undone) → the contacts they are the subject of follow them.
  peopleEvents.merged.subscribe(subjectsFollowMerge());
  peopleEvents.mergeUndone.subscribe(subjectsFollowUndo());

  const oidc = config.oidc ? new OidcSignIn(config.oidc) : undefined;
  return { db, audit, frontDoorEvents, peopleEvents, contactPage, breakGlass, sessions, calendar, accounts, organisations, identity, households, people, merges, contacts, clocks, measures, intake, incidentReviews, lateNotifications, apiClients, imports, notifications, infoRequests, auditViews, calendarAdmin, encompass, marac, daServices, domesticAbuse, adults, providers, dols, leads, earlyHelp, children, lado, cme, oidc, boards, actions, learningReviews, caseAudits, training, selfAssessment, publicContent, publicSite };
}

export type Services = ReturnType<typeof createServices>;

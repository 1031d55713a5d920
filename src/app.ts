/**
 * Builds the Fastify application (no listening) around the services it is given: plugins, security, sessions,
 * authorisation, and every capability's routes. The services come from the composition root (`createServices` in
 * services.ts); a test may replace one with a stub. Tests build the app and use `app.inject`; server.ts builds it
 * and listens.
 */
import { registerApiAdminRoutes } from './features/api/admin-routes.js';
import { registerIntakeRoutes } from './features/front-door/import-routes.js';
import { registerInformationRequestRoutes } from './features/front-door/information-request-routes.js';
import { registerIncidentReviewRoutes } from './features/front-door/incident-review-routes.js';
import { registerNotificationRoutes } from './features/notifications/routes.js';
import { registerDomesticAbuseRoutes } from './features/domestic-abuse/routes.js';
import { registerEncompassRoutes } from './features/encompass/routes.js';
import { registerMaracRoutes } from './features/marac/routes.js';
import { registerDaServiceRoutes } from './features/da-services/routes.js';
import { registerDolsRoutes } from './features/dols/routes.js';
import { registerSafeguardingLeadRoutes } from './features/safeguarding-lead/routes.js';
import { registerProviderRoutes } from './features/providers/routes.js';
import { registerAdultSafeguardingRoutes } from './features/adult-safeguarding/routes.js';
import { registerChildrenRoutes } from './features/children/routes.js';
import { registerEarlyHelpRoutes } from './features/early-help/routes.js';
import { registerCmeRoutes } from './features/cme/routes.js';
import { registerLadoRoutes } from './features/lado/routes.js';
import { registerCaseAuditRoutes } from './features/case-audits/routes.js';
import { registerBoardRoutes } from './features/boards/routes.js';
import { registerActionRoutes } from './features/actions/routes.js';
import { registerLearningReviewRoutes } from './features/learning-reviews/routes.js';
import { registerTrainingRoutes } from './features/training/routes.js';
import { registerPublicContentRoutes } from './features/public-content/routes.js';
import { registerApiRoutes } from './features/api/routes.js';
import { registerPublicHost, registerPublicSite } from './features/public-site/routes.js';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Config } from './config.js';
import { type DbHandle } from './db/client.js';
import { ROLES } from './domain/roles.js';
import { registerAccountAdminRoutes } from './features/accounts/admin-routes.js';
import { registerAccountRoutes } from './features/accounts/routes.js';
import { registerAuditRoutes } from './features/audit/routes.js';
import { registerCalendarRoutes } from './features/calendar/routes.js';
import { registerMeasureRoutes } from './features/measures/routes.js';
import { registerCensusRoutes } from './features/measures/census-routes.js';
import { registerContactRoutes } from './features/front-door/contact-routes.js';
import { registerHomeRoutes } from './features/home/routes.js';
import { homePanels } from './home-panels.js';
import { registerSelfAssessmentRoutes } from './features/self-assessment/routes.js';
import { registerClockRoutes } from './features/clocks/routes.js';
import { registerOrganisationRoutes } from './features/organisations/routes.js';
import { registerMatchingAdminRoutes, registerPeopleRoutes } from './features/people/routes.js';
import { type RegisteredRoute, registerAuthorisation } from './platform/authz.js';
import { registerErrorHandling } from './platform/errors.js';
import { registerHealthRoutes } from './platform/health.js';
import { serializeError } from './platform/log-safety.js';
import { navigationFor } from './platform/navigation.js';
import { registerInputSafety } from './platform/input-safety.js';
import { hashPassword } from './platform/passwords.js';
import { csrfToken, registerCsrf, registerSecurityHeaders } from './platform/security.js';
import { assetUrl, registerAssets } from './platform/assets.js';
import { registerViews } from './platform/views.js';
import { RecordAccess } from './platform/record-access.js';
import { recordChecks } from './record-checks.js';
import { type Services } from './services.js';

export const DEMO_PASSWORD = 'Threshold-demo-2026';

/** The demo accounts' password hash (computed when a demo is seeded). */
export const demoPasswordHash = () => hashPassword(DEMO_PASSWORD);

export interface AppOptions {
  config: Config;
  /** For the readiness check (`/health/ready`) and `/info`; the services hold their own access to the database. */
  db: DbHandle;
  /** The clock of the routes themselves (sign-in, start time): the same one the services were made with. */
  now?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    registeredRoutes: RegisteredRoute[];
    /** Record-level access: the check every route's named records pass before its handler, and for other ids. */
    records: RecordAccess;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(services: Services, options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const now = options.now ?? (() => new Date());

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
      serializers: {
        // Paths carry ids only; query strings can carry names (searches), so they are never logged.
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], id: req.id }),
        err: serializeError,
      },
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  // Graceful shutdown: requests in flight finish; their keep-alive connections are then closed at once rather
  // than held open until the keep-alive timeout.
  let closing: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = setInterval(() => app.server.closeIdleConnections?.(), 100);
    app.server.closeIdleConnections?.();
  });
  app.addHook('onClose', async () => clearInterval(closing));
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  const routes: RegisteredRoute[] = [];
  const records = new RecordAccess(services.audit, recordChecks(services));
  app.decorate('services', services);
  app.decorate('registeredRoutes', routes);
  app.decorate('records', records);

  registerErrorHandling(app);
  // A host name kept for the public site answers nothing else, before sessions and route rules are looked at.
  registerPublicHost(app, config.publicSite);
  await app.register(fastifyCookie, { secret: config.secret });
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimitBytes });
  // Before any route or child plugin: bounded JSON, and no prototype names, NULs or broken Unicode in any input.
  registerInputSafety(app, { bodyLimit: config.bodyLimitBytes });
  await app.register(fastifyRateLimit, { global: false });
  await registerSecurityHeaders(app);
  // Each template compiled once unless RELOAD_TEMPLATES is set (reading the GOV.UK macros again for every page cost
  // a form page about 150 ms).
  await registerViews(app, { reloadTemplates: config.reloadTemplates, globals: { asset: assetUrl } });
  registerAuthorisation(app, { sessions: services.sessions, audit: services.audit, routes });
  await registerCsrf(app, config.secret);
  await registerAssets(app, { reload: config.reloadTemplates });

  // What every page needs: the user, their navigation, the CSRF token and the CSP nonce.
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.url.startsWith('/public/')) return;
    const user = request.user;
    reply.locals = {
      ...(reply.locals ?? {}),
      demo: config.demo,
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: csrfToken(request, reply),
      // The app's clock for the page's relative dates ("today at 2:30pm"): the relativeDateTime and relativeDate filters.
      now: now(),
      currentUser: user ? { ...user, roleLabels: user.roles.map((r) => ROLES[r]) } : null,
      navigation: user ? navigationFor(user.permissions, request.url.split('?')[0] ?? '/') : null,
    };
  });
  // After the page's locals (a refusal is rendered as a page): the records a route names, before its handler.
  records.register(app);

  registerHealthRoutes(app, { db: options.db, config, startedAt: now() });
  registerAccountRoutes(app, {
    accounts: services.accounts,
    oidc: services.oidc,
    demo: config.demo,
    demoPassword: DEMO_PASSWORD,
    now,
    signInRateLimit: config.signInRateLimitPerMinute,
  });
  registerAccountAdminRoutes(app, services);
  registerHomeRoutes(app, { homePanels: homePanels(services) });
  registerOrganisationRoutes(app, services);
  registerCalendarRoutes(app, services);
  registerPeopleRoutes(app, services);
  registerMatchingAdminRoutes(app, services);
  registerContactRoutes(app, services);
  registerClockRoutes(app, services);
  registerAuditRoutes(app, services);
  registerMeasureRoutes(app, services);
  registerCensusRoutes(app, services);
  await registerApiRoutes(app, services);
  registerApiAdminRoutes(app, services);
  registerNotificationRoutes(app, services);
  registerInformationRequestRoutes(app, services);
  registerIncidentReviewRoutes(app, services);
  registerDomesticAbuseRoutes(app, services);
  registerEncompassRoutes(app, services);
  registerMaracRoutes(app, services);
  registerDaServiceRoutes(app, services);
  registerDolsRoutes(app, services);
  registerSafeguardingLeadRoutes(app, services);
  registerProviderRoutes(app, services);
  registerAdultSafeguardingRoutes(app, services);
  registerChildrenRoutes(app, services);
  registerEarlyHelpRoutes(app, services);
  registerCmeRoutes(app, services);
  registerLadoRoutes(app, services);
  registerCaseAuditRoutes(app, services);
  await registerBoardRoutes(app, services);
  await registerActionRoutes(app, services);
  registerLearningReviewRoutes(app, services);
  registerSelfAssessmentRoutes(app, services);
  registerTrainingRoutes(app, services, { publicRateLimit: config.signInRateLimitPerMinute });
  registerPublicContentRoutes(app, services);
  await registerIntakeRoutes(app, services, { importMaxBytes: config.importMaxBytes });
  await registerPublicSite(app, services, config.publicSite);

  return app;
}

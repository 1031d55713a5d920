/**
 * Deny by default. Every route declares a rule in its config (`{ rule: 'contact:read' }`, `'signed-in'` or
 * `'public'`); a route without one answers 403 to everybody and is listed by the route-walk test. The session is
 * loaded here, the rule checked, and refusals audited.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import { type RecordKind, type Viewer } from '../domain/access.js';
import { type Permission, type Role, type RouteRule, allows, permissionsOf } from '../domain/roles.js';
import { type Actor, type AuditTrail } from './audit.js';
import { forbidden, isApiRequest, sendProblem } from './errors.js';
import { type LoadedSession, SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a user needs to reach this route. Required on every route. */
    rule?: RouteRule;
    /** Reachable while the second factor is still awaited (second-factor pages, sign-out). */
    allowDuringMfa?: boolean;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    session: LoadedSession | null;
  }
}

export interface CurrentUser extends Viewer {
  displayName: string;
  email: string;
  agencyName: string;
  teamId: string | null;
  roles: Role[];
  permissions: Set<Permission>;
  mfaEnabled: boolean;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  rule: RouteRule | undefined;
  /** The records the route names (platform/record-access.ts). */
  records: Readonly<Record<string, RecordKind>> | undefined;
}

export function actorOf(request: FastifyRequest): Actor {
  const u = request.user;
  return {
    userId: u?.userId ?? null,
    tenantId: u?.tenantId ?? null,
    agencyId: u?.agencyId ?? null,
    roles: u?.roles ?? [],
    requestId: request.id,
  };
}

export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw forbidden('You need to sign in');
  return request.user;
}

/** The actor for a signed-in user's change. */
export function userActor(request: FastifyRequest) {
  const user = requireUser(request);
  return { ...actorOf(request), userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId };
}

export function can(request: FastifyRequest, permission: Permission): boolean {
  return request.user?.permissions.has(permission) ?? false;
}

function toUser(session: LoadedSession): CurrentUser {
  const u = session.user;
  return {
    userId: u.id,
    tenantId: u.tenantId,
    agencyId: u.agencyId,
    agencyType: u.agencyType,
    agencyName: u.agencyName,
    teamId: u.teamId,
    displayName: u.displayName,
    email: u.email,
    roles: u.roles,
    permissions: permissionsOf(u.roles),
    mfaEnabled: u.mfaEnabled,
  };
}

export function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const returnTo = request.method === 'GET' ? request.url : '/';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
}

export function registerAuthorisation(
  app: FastifyInstance,
  deps: { sessions: SessionStore; audit: AuditTrail; routes: RegisteredRoute[] },
): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Read the rule lazily: encapsulated plugins (static assets) set it in their own onRoute hook, after this one.
      deps.routes.push({
        method,
        url: route.url,
        get rule() {
          return route.config?.rule;
        },
        get records() {
          return route.config?.records;
        },
      });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const rule = config?.rule;
    // Unmatched requests (404) run with no route rule; the not-found handler answers them.
    if (request.is404) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await deps.sessions.load(token);
      if (session) {
        request.session = session;
        if (session.stage === 'active') request.user = toUser(session);
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (rule === undefined) {
      request.log.error({ url: request.routeOptions.url }, 'route has no access rule: refused');
      return sendProblem(request, reply, 403, 'This route has no access rule, so nobody may use it.');
    }
    if (rule === 'public') return;
    if (request.session && request.session.stage !== 'active') {
      if (config.allowDuringMfa) return;
      if (isApiRequest(request)) return sendProblem(request, reply, 401, 'Complete sign-in first.');
      return reply.redirect(request.session.stage === 'mfa' ? '/sign-in/second-factor' : '/account/second-factor', 303);
    }
    if (!request.user) {
      if (isApiRequest(request)) return sendProblem(request, reply, 401, 'Sign in or present agency credentials.');
      return signInRedirect(request, reply);
    }
    if (!allows(rule, true, request.user.permissions)) {
      await deps.audit.recordNow(actorOf(request), {
        action: 'access.denied',
        recordType: 'route',
        recordId: `${request.method} ${request.routeOptions.url}`,
        details: { needs: rule },
      });
      return sendProblem(request, reply, 403, 'Your role does not give you access to this page.');
    }
  });
}

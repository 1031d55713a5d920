/**
 * Administration of agency systems (API clients: a secret shown once, disable and enable) and of the front door's
 * multiple-concerns alert.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/authz.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { errorsFrom, form, integerIn, noFields, parseForm, requiredText, uuid } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';
import { userActor } from '../../platform/authz.js';
import { type IntakeService } from '../front-door/intake-service.js';
import { organisationsPath } from '../organisations/paths.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ApiClientService } from './clients.js';

/** The API's administration routes, written once: registered from these patterns, with links built by `apiAdminPath`. */
export const API_ADMIN_ROUTES = {
  clients: '/admin/api-clients',
  clientAction: '/admin/api-clients/:id/:action',
  frontDoorSettings: '/admin/front-door',
} as const;

export type ApiAdminRoute = keyof typeof API_ADMIN_ROUTES;

/** A link to one of the API's administration pages. */
export function apiAdminPath<R extends ApiAdminRoute>(route: R, params: PathParams<(typeof API_ADMIN_ROUTES)[R]>, query?: Query): string {
  return pathTo(API_ADMIN_ROUTES[route], params, query);
}

const clientForm = form({
  agencyId: uuid('Select the agency whose system this is'),
  name: requiredText({ label: 'Name', required: 'Enter a name for the system, like “Police case system”', max: 100 }),
});

const alertForm = form({
  multipleConcernsCount: integerIn(2, 50, 'Enter a number of contacts from 2 to 50'),
  multipleConcernsDays: integerIn(1, 730, 'Enter a number of days from 1 to 730'),
});

export function registerApiAdminRoutes(app: FastifyInstance, services: { apiClients: ApiClientService; organisations: OrganisationService; intake: IntakeService }): void {
  const { apiClients, organisations, intake } = services;
  const rule = { rule: 'admin:manage' as const };

  async function clientsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const agencies = await organisations.agencies(user.tenantId, { activeOnly: true });
    return reply.code(status).view('api/views/clients.njk', {
      pageTitle: 'Agency systems (API clients)',
      clients: (await apiClients.list(user.tenantId)).map((c) => ({ ...c, action: apiAdminPath('clientAction', { id: c.id, action: c.active ? 'disable' : 'enable' }) })),
      agencyItems: [{ value: '', text: 'Select an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name }))],
      backLink: { href: organisationsPath('admin', {}), text: 'Administration' },
      ...extra,
    });
  }

  app.get(API_ADMIN_ROUTES.clients, { config: rule }, async (request, reply) => clientsPage(request, reply));

  app.post(API_ADMIN_ROUTES.clients, { config: rule }, async (request, reply) => {
    const user = requireUser(request);
    const parsed = parseForm(clientForm, request.body);
    if (!parsed.ok) return clientsPage(request, reply, { errors: parsed.errors, values: parsed.values }, 400);
    if (!(await organisations.agency(user.tenantId, parsed.value.agencyId!))) {
      return clientsPage(request, reply, { errors: errorsFrom({ agencyId: 'Select an agency in your area' }), values: request.body }, 400);
    }
    const made = await apiClients.create(userActor(request), { agencyId: parsed.value.agencyId!, name: parsed.value.name });
    // The secret is shown this once, on this page, and never stored in clear.
    reply.header('cache-control', 'no-store');
    return clientsPage(request, reply, { created: made });
  });

  app.post(API_ADMIN_ROUTES.clientAction, { config: { ...rule, records: { id: 'api_client' } } }, async (request, reply) => {
    const action = (request.params as { action: string }).action;
    if (action !== 'disable' && action !== 'enable') throw notFound();
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    if (!(await apiClients.setActive(userActor(request), idParam(request), action === 'enable'))) throw notFound();
    return reply.redirect(apiAdminPath('clients', {}), 303);
  });

  async function alertsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const current = await intake.multipleConcernsSetting(user.tenantId);
    return reply.code(status).view('api/views/front-door-settings.njk', {
      pageTitle: 'Front door alerts',
      values: { multipleConcernsCount: current.count, multipleConcernsDays: current.days },
      backLink: { href: organisationsPath('admin', {}), text: 'Administration' },
      ...extra,
    });
  }

  app.get(API_ADMIN_ROUTES.frontDoorSettings, { config: rule }, async (request, reply) => alertsPage(request, reply));

  app.post(API_ADMIN_ROUTES.frontDoorSettings, { config: rule }, async (request, reply) => {
    const parsed = parseForm(alertForm, request.body);
    if (!parsed.ok) return alertsPage(request, reply, { errors: parsed.errors, values: parsed.values }, 400);
    await intake.saveMultipleConcernsSetting(userActor(request), { count: parsed.value.multipleConcernsCount!, days: parsed.value.multipleConcernsDays! });
    return reply.redirect(apiAdminPath('frontDoorSettings', {}, { saved: 1 }), 303);
  });
}

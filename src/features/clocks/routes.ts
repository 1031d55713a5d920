/** The clocks' own route: marking the work a decision started as done, from the contact's page. */
import { type FastifyInstance } from 'fastify';
import { requireUser, userActor } from '../../platform/authz.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { noFields, parseForm } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { FRONT_DOOR_ROUTES, frontDoorPath } from '../front-door/paths.js';
import { type ClockService } from './service.js';

export function registerClockRoutes(app: FastifyInstance, services: { clocks: ClockService }): void {
  app.post(FRONT_DOOR_ROUTES.completeClock, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    requireUser(request);
    const contactId = idParam(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    if (!(await services.clocks.complete(userActor(request), contactId, idParam(request, 'clockId')))) throw notFound();
    return reply.redirect(frontDoorPath('contact', { id: contactId }, { saved: 1 }), 303);
  });
}

/** The person register for practitioners: exact search, and a person's record with their family and chronology. */
import { type FastifyInstance } from 'fastify';
import { actorOf, can, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { parseForm } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { enforceRecordAccess } from '../../platform/record-access.js';
import { type PeopleService } from './service.js';
import { type ContactService } from '../contacts/service.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { personSearchForm } from '../contacts/forms.js';
import { displayName } from '../contacts/presenters.js';
import { familyGroups, personRows, timelineItems } from './presenters.js';

export function registerPeopleRoutes(app: FastifyInstance, services: { people: PeopleService; contacts: ContactService; audit: AuditTrail; calendar: CalendarService }): void {
  const { people, contacts, audit, calendar } = services;

  app.get('/people', { config: { rule: 'person:search' } }, async (request, reply) => {
    const user = requireUser(request);
    const query = request.query as Record<string, unknown>;
    const searched = Object.keys(query).length > 0;
    if (!searched) return reply.view('people/views/search.njk', { pageTitle: 'Find a person', values: {} });
    const form = parseForm(personSearchForm, query);
    if (!form.ok) return reply.code(400).view('people/views/search.njk', { pageTitle: 'Find a person', errors: form.errors, values: query });
    const results = await people.search(user, actorOf(request), form.value);
    return reply.view('people/views/search.njk', {
      pageTitle: 'Find a person',
      values: query,
      results: results.map((r) => ({ ...r, name: displayName(r, false) })),
    });
  });

  app.get('/people/:id', { config: { rule: 'person:read' } }, async (request, reply) => {
    const user = requireUser(request);
    const id = idParam(request);
    const refused = await enforceRecordAccess(request, reply, audit, await people.access(user, id), 'person', id);
    if (refused) return refused;
    const person = await people.view(user, actorOf(request), id);
    if (!person) throw notFound();
    const primary = person.names.find((n) => n.is_primary) ?? person.names[0];
    const today = (await calendar.forDivision('england-and-wales')).dateOf(new Date());
    return reply.view('people/views/person.njk', {
      pageTitle: primary ? `${primary.given_names} ${primary.family_name}` : 'Person',
      person,
      name: primary ? `${primary.given_names} ${primary.family_name}` : 'Name not recorded',
      rows: personRows(person, today),
      family: familyGroups(person.relationships),
      timeline: timelineItems(await contacts.chronology(user, id)),
      canSeeAudit: can(request, 'audit:view'),
    });
  });
}

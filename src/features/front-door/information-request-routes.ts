/**
 * Information requests: a screener asks from the contact; each agency answers from its queue, seeing only the
 * questions and what it needs to find the people in its own records.
 */
import { FRONT_DOOR_ROUTES, contactPath, frontDoorPath } from './paths.js';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { KNOWN_TO_AGENCY, RAG_RATINGS, RISK_INDICATORS, labelOfRag } from '../../domain/intake.js';
import { AGENCY_TYPES, labelOf } from '../../domain/codes.js';
import { type AuditTrail } from '../../platform/audit.js';
import { requireUser } from '../../platform/authz.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { idParam, pageParam } from '../../platform/params.js';
import { userActor } from '../../platform/authz.js';
import { type ContactService } from './contact-service.js';
import { askForm, answerForm } from './information-request-forms.js';
import { type RequestRow } from './information-request-repository.js';
import { type InformationRequestService } from './information-request-service.js';
import { presentQueue, queueChoice, requestDeadline } from './information-request-presenters.js';
import { pagination } from '../../platform/pagination.js';

const QUEUE_PAGE_SIZE = 25;

export function registerInformationRequestRoutes(app: FastifyInstance, services: { infoRequests: InformationRequestService; contacts: ContactService; audit: AuditTrail }): void {
  const { infoRequests, contacts } = services;
  const now = () => new Date();

  async function askPage(request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const contact = await contacts.summary(id);
    if (!contact) throw notFound();
    const agencies = await infoRequests.askable(user.tenantId);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const chosen = new Set([values.agencyIds ?? []].flat());
    return reply.code(status).view('front-door/views/ask.njk', {
      pageTitle: `Ask partner agencies about ${contact.reference}`,
      contact,
      // Schools are many (every school in the area): one is chosen from a list; the other agencies are ticked.
      agencyItems: agencies.filter((a) => a.type !== 'school').map((a) => ({ value: a.id, text: a.name, hint: { text: labelOf(AGENCY_TYPES, a.type) }, checked: chosen.has(a.id) })),
      schoolItems: [{ value: '', text: 'No school' }, ...agencies.filter((a) => a.type === 'school').map((a) => ({ value: a.id, text: a.name, selected: chosen.has(a.id) }))],
      ragItems: RAG_RATINGS.map((r) => ({ value: r.code, text: r.label, checked: values.rag === r.code })),
      backLink: { href: frontDoorPath('contact', { id: id }), text: 'Back' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.askInformation, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = { id: idParam(request) };
    return askPage(request, reply, g.id, { values: { rag: 'amber' } });
  });

  app.post(FRONT_DOOR_ROUTES.informationRequestsOfContact, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = { id: idParam(request) };
    const form = parseForm(askForm, request.body);
    if (!form.ok) return askPage(request, reply, g.id, { errors: form.errors, values: form.values }, 400);
    const contact = await contacts.summary(g.id);
    if (!contact || contact.status === 'decided') return askPage(request, reply, g.id, { errors: errorsFrom({ agencyIds: 'This contact has been decided: information requests are for contacts still being screened' }), values: request.body }, 409);
    const result = await infoRequests.ask(userActor(request), g.id, contact.reference ?? '', form.value);
    if ('problems' in result) return askPage(request, reply, g.id, { errors: errorsFrom(result.problems), values: request.body }, 409);
    return reply.redirect(`${frontDoorPath('contact', { id: g.id }, { asked: result.ids.length })}#information-requests`, 303);
  });

  app.post(FRONT_DOOR_ROUTES.withdrawInformationRequest, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = { id: idParam(request) };
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    if (!(await infoRequests.withdraw(userActor(request), g.id, idParam(request, 'requestId')))) throw notFound('This request does not exist or is no longer open.');
    return reply.redirect(contactPath(g.id, 'information-requests'), 303);
  });

  // ——— the answering agency ———

  const row = (r: RequestRow) => ({ ...r, rag: labelOfRag(r.rag), deadline: requestDeadline(r, now()) });

  app.get(FRONT_DOOR_ROUTES.informationRequests, { config: { rule: 'info_request:answer' } }, async (request, reply) => {
    const user = requireUser(request);
    const show = queueChoice(request.query as Record<string, unknown>);
    const page = pageParam(request);
    const list = await infoRequests.queue(user, show, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE });
    return reply.view('front-door/views/queue.njk', {
      pageTitle: 'Information requests',
      ...presentQueue(list.counts, show),
      requests: list.rows.map(row),
      total: list.total,
      pagination: pagination(page, list.total, QUEUE_PAGE_SIZE, (n) => frontDoorPath('informationRequests', {}, { show: show === 'open' ? null : show, page: n > 1 ? n : null })),
    });
  });

  async function answerPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const id = idParam(request);
    const found = await infoRequests.forAnswering(userActor(request), id);
    if (!found) throw notFound();
    const mine = found.request.agency_id === user.agencyId;
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const ticked = new Set([values.riskIndicators ?? []].flat());
    return reply.code(status).view('front-door/views/answer.njk', {
      pageTitle: `Information request: ${found.request.contact_reference}`,
      request: row(found.request),
      people: found.people,
      canAnswer: mine && found.request.status === 'open',
      knownItems: KNOWN_TO_AGENCY.map((k) => ({ value: k.code, text: k.label, checked: values.knownToAgency === k.code })),
      riskItems: RISK_INDICATORS.map((k) => ({ value: k.code, text: k.label, checked: ticked.has(k.code) })),
      knownLabel: labelOf(KNOWN_TO_AGENCY, found.request.known_to_agency),
      riskLabels: found.request.risk_indicators.map((r) => labelOf(RISK_INDICATORS, r)),
      backLink: mine ? { href: frontDoorPath('informationRequests', {}), text: 'Information requests' } : { href: contactPath(found.request.contact_id, 'information-requests'), text: 'Back to the contact' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.informationRequest, { config: { rule: 'contact:read', records: { id: 'info_request' } } }, async (request, reply) => answerPage(request, reply));

  app.post(FRONT_DOOR_ROUTES.informationRequest, { config: { rule: 'info_request:answer', records: { id: 'info_request.asked' } } }, async (request, reply) => {
    const form = parseForm(answerForm, request.body);
    if (!form.ok) return answerPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await infoRequests.answer(userActor(request), idParam(request), form.value);
    if ('refused' in result) throw forbidden('Only the agency asked can answer this request.');
    if ('problems' in result) return answerPage(request, reply, { errors: errorsFrom(result.problems), values: request.body }, 409);
    return reply.redirect(frontDoorPath('informationRequests', {}, { answered: 1 }), 303);
  });
}

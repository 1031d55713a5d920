/** Managers' views of the audit trail, and the break-glass page that opens a restricted record with a reason. */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { breakGlassReasonProblem } from '../../domain/access.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { errorsFrom, parseForm, requiredText, form } from '../../platform/forms.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { pagination } from '../../platform/pagination.js';
import { safeReturnPath } from '../../platform/security.js';
import { type RestrictedRecordType } from '../../platform/break-glass.js';
import { concernPath } from '../adult-safeguarding/paths.js';
import { casePath } from '../children/paths.js';
import { allegationPath } from '../lado/paths.js';
import { AUDIT_ROUTES, auditPath } from './paths.js';
import { type AuditService } from './service.js';
import { type ContactService } from '../front-door/contact-service.js';
import { contactPath } from '../front-door/paths.js';
import { personPath } from '../people/paths.js';
import { type PeopleService } from '../people/service.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';

/** A contact's or a person's page. */
const RECORD_PATHS: Record<RestrictedRecordType, (id: string) => string> = {
  contact: contactPath,
  person: personPath,
  adult_concern: concernPath,
  csc_referral: casePath,
  lado_allegation: (id) => allegationPath(id),
};

function recordPath(type: RestrictedRecordType, id: string): string {
  return RECORD_PATHS[type](id);
}

const reasonForm = form({
  reason: requiredText({ label: 'Reason', required: 'Enter why you need to open this restricted record', max: 500, multiline: true }),
  // Which record, and where to go next: read by target() below.
  type: z.unknown().optional(),
  id: z.unknown().optional(),
  returnTo: z.unknown().optional(),
});

const PAGE_SIZE = 50;

export function registerAuditRoutes(app: FastifyInstance, services: { auditViews: AuditService; contacts: ContactService; people: PeopleService; audit: AuditTrail; breakGlass: BreakGlass }): void {
  const { auditViews, breakGlass } = services;

  app.get(AUDIT_ROUTES.audit, { config: { rule: 'audit:view' } }, async (request, reply) => {
    const user = requireUser(request);
    // days=7: the last week's openings (the home page's count); anything else: the last 90 days.
    const days = queryString(request, 'days', 3) === '7' ? 7 : 90;
    const page = pageParam(request);
    const all = await auditViews.breakGlassReport(user.tenantId, days);
    const breakGlass = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((b) => ({
      ...b,
      href: auditPath(b.record_type === 'contact' ? 'contactHistory' : 'personHistory', { id: b.record_id }),
    }));
    return reply.view('audit/views/audit-home.njk', {
      pageTitle: 'Audit',
      days,
      total: all.length,
      breakGlass,
      otherHref: days === 7 ? auditPath('audit', {}) : auditPath('audit', {}, { days: 7 }),
      pagination: pagination(page, all.length, PAGE_SIZE, (n) => auditPath('audit', {}, { ...(days === 7 ? { days: 7 } : {}), page: n })),
    });
  });

  for (const type of ['contact', 'person'] as const) {
    // A manager sees the history of records their agency may see.
    app.get(AUDIT_ROUTES[type === 'contact' ? 'contactHistory' : 'personHistory'], { config: { rule: 'audit:view', records: { id: type } } }, async (request, reply) => {
      const user = requireUser(request);
      const id = idParam(request);
      return reply.view('audit/views/record-history.njk', {
        pageTitle: `Who has viewed this ${type}`,
        events: await auditViews.recordHistory(user.tenantId, type, id),
        backLink: { href: recordPath(type, id), text: 'Back' },
      });
    });
  }

  // ——— break glass ———
  function target(request: FastifyRequest): { type: RestrictedRecordType; id: string; returnTo: string } {
    const source = { ...(request.query as Record<string, unknown>), ...((request.body as Record<string, unknown> | undefined) ?? {}) };
    const type = source.type === 'contact' || source.type === 'person' || source.type === 'adult_concern' || source.type === 'csc_referral' || source.type === 'lado_allegation' ? source.type : null;
    if (!type || !isUuid(source.id)) throw notFound();
    return { type, id: source.id, returnTo: safeReturnPath(source.returnTo) };
  }

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    return reply.code(status).view('audit/views/break-glass.njk', { pageTitle: 'This record is restricted', ...target(request), ...extra });
  }

  app.get(AUDIT_ROUTES.breakGlass, { config: { rule: 'signed-in' } }, async (request, reply) => page(request, reply));

  app.post(AUDIT_ROUTES.breakGlass, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    const { type, id, returnTo } = target(request);
    const form = parseForm(reasonForm, request.body);
    if (!form.ok) return page(request, reply, { errors: form.errors, values: form.values }, 400);
    const problem = breakGlassReasonProblem(form.value.reason);
    if (problem) return page(request, reply, { errors: errorsFrom({ reason: problem }), values: form.value }, 400);
    // Only records the user's agency could see anyway: break glass lifts the restriction, not the sharing rules.
    const decision = await app.records.decide(request, type, id);
    if (!decision) throw notFound();
    if (decision.outcome === 'deny') await app.records.require(request, type, id);
    await breakGlass.open({ ...actorOf(request), userId: user.userId, tenantId: user.tenantId }, type, id, form.value.reason);
    // No page to go back to (safeReturnPath's '/'): the record itself.
    return reply.redirect(returnTo === '/' ? recordPath(type, id) : returnTo, 303);
  });
}

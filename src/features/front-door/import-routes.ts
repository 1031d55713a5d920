/**
 * Intake pages: the screener matches the people a referrer named (the identity engine's ranked candidates, or a
 * new person), and police notification files are uploaded, checked whole, and imported with a progress bar.
 */
import { personName } from '../../domain/names.js';
import { FRONT_DOOR_ROUTES, contactPath, frontDoorPath } from './paths.js';
import multipart from '@fastify/multipart';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CSV_COLUMNS } from './bulk.js';
import { type AuditTrail } from '../../platform/audit.js';
import { requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { userActor } from '../../platform/authz.js';
import { subjectRole } from './contact-presenters.js';
import { type ContactService } from './contact-service.js';
import { type OrganisationService } from '../organisations/service.js';
import { type PeopleService } from '../people/service.js';
import { matchSummary } from '../people/presenters.js';
import { matchNamedForm } from './intake-forms.js';
import { type ImportService } from './imports.js';
import { type IntakeService } from './intake-service.js';

export async function registerIntakeRoutes(
  app: FastifyInstance,
  services: { intake: IntakeService; imports: ImportService; contacts: ContactService; people: PeopleService; organisations: OrganisationService; audit: AuditTrail },
  options: { importMaxBytes: number },
): Promise<void> {
  const { intake, imports, contacts, people, organisations, audit } = services;

  // ——— matching the people a referrer named ———

  async function matchPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const g = { id: idParam(request), user: requireUser(request) };
    const named = await intake.namedPerson(g.id, idParam(request, 'namedId'));
    if (!named) throw notFound();
    if (named.person_id) return reply.redirect(frontDoorPath('contact', { id: g.id }), 303);
    const candidates = await intake.candidatesFor(g.user.tenantId, named);
    // Only people the screener may see are offered; the list shown is audited like a search.
    const visible = [];
    for (const c of candidates) {
      const access = await people.access(g.user, c.personId);
      if (access?.outcome === 'allow') visible.push(c);
    }
    const summaries = new Map((await people.summaries(visible.map((c) => c.personId))).map((p) => [p.id, p]));
    await audit.recordNow(userActor(request), { action: 'contact.match_candidates_viewed', recordType: 'contact', recordId: g.id, details: { namedId: named.id, ids: visible.map((c) => c.personId) } });
    const contact = await contacts.summary(g.id);
    return reply.code(status).view('front-door/views/match.njk', {
      pageTitle: `Match ${personName(named)}`,
      contact,
      named: { ...named, roleLabel: subjectRole(named.role), name: personName(named) },
      candidates: visible.map((c) => ({ ...summaries.get(c.personId)!, match: matchSummary(c) })).filter((c) => c.id),
      backLink: { href: contactPath(g.id, 'to-match'), text: 'Back to the contact' },
      ...extra,
    });
  }

  app.get(FRONT_DOOR_ROUTES.named, { config: { rule: 'contact:screen', records: { id: 'contact.owned' } } }, async (request, reply) => matchPage(request, reply));

  app.post(FRONT_DOOR_ROUTES.named, { config: { rule: 'contact:screen', records: { id: 'contact.owned', 'body.personId': 'person' } } }, async (request, reply) => {
    const g = { id: idParam(request), user: requireUser(request) };
    const form = parseForm(matchNamedForm, request.body);
    if (!form.ok) return matchPage(request, reply, { errors: form.errors }, 400);
    const named = await intake.namedPerson(g.id, idParam(request, 'namedId'));
    if (!named) throw notFound();
    const chosen = form.value.personId!;
    const choice: { create: true } | { personId: string } = chosen === 'new' ? { create: true } : { personId: chosen };
    if (chosen !== 'new' && (await people.access(g.user, chosen))?.outcome !== 'allow') {
      return matchPage(request, reply, { errors: errorsFrom({ personId: 'Select one of the people listed, or add a new person' }) }, 400);
    }
    const result = await intake.resolve(userActor(request), g.id, named, choice);
    if ('problem' in result) return matchPage(request, reply, { errors: errorsFrom({ personId: result.problem }) }, 409);
    return reply.redirect(contactPath(g.id, 'to-match'), 303);
  });

  // ——— police notification files ———

  await app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: true, limits: { fileSize: options.importMaxBytes, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: true });

    async function uploadPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
      const user = requireUser(request);
      const police = (await organisations.agencies(user.tenantId, { activeOnly: true })).filter((a) => a.type === 'police');
      return reply.code(status).view('front-door/views/upload.njk', {
        pageTitle: 'Upload police notifications',
        agencyItems: police.map((a) => ({ value: a.id, text: a.name, selected: a.id === user.agencyId })),
        columns: CSV_COLUMNS.filter((c) => !/^person[2-9]_/.test(c)),
        recent: await imports.recent(user.tenantId, user.userId),
        maxMegabytes: Math.round(options.importMaxBytes / 1024 / 1024),
        ...extra,
      });
    }

    scope.get(FRONT_DOOR_ROUTES.upload, { config: { rule: 'contact:import' } }, async (request, reply) => uploadPage(request, reply));

    scope.post(FRONT_DOOR_ROUTES.upload, { config: { rule: 'contact:import' } }, async (request, reply) => {
      const user = requireUser(request);
      const body = (request.body ?? {}) as Record<string, { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> } | undefined>;
      const agencyId = typeof body.agencyId?.value === 'string' ? body.agencyId.value : '';
      const upload = body.file?.type === 'file' ? body.file : undefined;
      const buffer = upload?.toBuffer ? await upload.toBuffer() : undefined;
      const file = buffer && buffer.length > 0 ? { name: upload!.filename || 'upload', text: buffer.toString('utf8') } : undefined;
      const problems: Record<string, string> = {};
      const police = (await organisations.agencies(user.tenantId, { activeOnly: true })).filter((a) => a.type === 'police');
      if (!police.some((a) => a.id === agencyId)) problems.agencyId = 'Select the police force the notifications came from';
      if (!file) problems.file = 'Select a CSV or JSON file of notifications';
      else if (file.text.includes('\uFFFD')) problems.file = 'The file must be saved as UTF-8 text (CSV or JSON)';
      if (Object.keys(problems).length) return uploadPage(request, reply, { errors: errorsFrom(problems), values: { agencyId } }, 400);
      const job = await imports.start(userActor(request), file!, agencyId);
      return reply.redirect(frontDoorPath('importJob', { id: job.id }), 303);
    });
  });

  async function jobOr404(request: FastifyRequest) {
    const user = requireUser(request);
    const job = await imports.job(user.tenantId, idParam(request));
    if (!job || job.createdByUserId !== user.userId) throw notFound();
    return job;
  }

  app.get(FRONT_DOOR_ROUTES.importJob, { config: { rule: 'contact:import', records: { id: 'import_job' } } }, async (request, reply) => {
    const job = await jobOr404(request);
    return reply.view('front-door/views/import.njk', {
      pageTitle: job.status === 'rejected' ? 'The file was not imported' : job.status === 'importing' ? 'Importing notifications' : job.status === 'failed' ? 'The import failed' : 'Notifications imported',
      job,
      percent: job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0,
      backLink: { href: frontDoorPath('upload', {}), text: 'Upload another file' },
    });
  });

  app.get(FRONT_DOOR_ROUTES.importProgress, { config: { rule: 'contact:import', records: { id: 'import_job' } } }, async (request, reply) => {
    const job = await jobOr404(request);
    return reply
      .header('cache-control', 'no-store')
      .send({ status: job.status, processed: job.processedRows, total: job.totalRows, contactsCreated: job.contactsCreated, updatesAttached: job.updatesAttached });
  });

  // A failed import carries on from the notification after the last one saved (no notification is imported twice).
  app.post(FRONT_DOOR_ROUTES.importResume, { config: { rule: 'contact:import', records: { id: 'import_job' } } }, async (request, reply) => {
    const job = await jobOr404(request);
    if (job.resumable) await imports.resume(userActor(request), job.id);
    return reply.redirect(frontDoorPath('importJob', { id: job.id }), 303);
  });
}

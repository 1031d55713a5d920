/**
 * The business unit's pages for the public site: the "Find help" directory (out-of-date entries counted at the top
 * and tagged), adding and changing an entry, "Mark as checked today", archiving and restoring; the awareness
 * campaigns, adding, changing and archiving them. Thin: parse, authorise (the route's rule and the records it
 * names), call the service (which audits and clears the public site's kept pages), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CAMPAIGN_BOARDS, HELP_AGES, HELP_AREAS, HELP_ENTRY_STALE_AFTER_DAYS, HELP_NEEDS } from '../../domain/public-content.js';
import { isCode } from '../../domain/codes.js';
import { requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { campaignForm, serviceForm } from './forms.js';
import { PUBLIC_CONTENT_ROUTES, publicContentPath } from './paths.js';
import { campaignRow, doneMessage, serviceRow, serviceSummary } from './presenters.js';
import { type CampaignRow, type ChangeResult, type HelpServiceRow, type PublicContentService } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const MANAGE = { rule: 'public_content:manage' } as const;
const MANAGE_SERVICE = { rule: 'public_content:manage', records: { id: 'help_service' } } as const;
const MANAGE_CAMPAIGN = { rule: 'public_content:manage', records: { id: 'awareness_campaign' } } as const;

/** The public pages the business unit can open from theirs (same app, no sign-in). */
const PUBLIC_FIND_HELP = '/help/en/find-help';
const PUBLIC_CAMPAIGNS = '/help/en/campaigns';

const dateParts = (name: string, date: string) => {
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : []);

export function registerPublicContentRoutes(app: FastifyInstance, services: { publicContent: PublicContentService }): void {
  const { publicContent } = services;

  // ——— the directory ———

  app.get(PUBLIC_CONTENT_ROUTES.services, { config: MANAGE }, async (request, reply) => {
    const user = requireUser(request);
    const needCode = queryString(request, 'need', 40);
    const need = isCode(HELP_NEEDS, needCode) ? needCode : null;
    const show = queryString(request, 'show', 20);
    const archived = show === 'archived';
    // show=stale: the current entries out of date (the home page's count); anything else: the current entries.
    const stale = show === 'stale';
    const page = pageParam(request);
    const found = await publicContent.directoryPage(user, { need, archived, stale }, page, PAGE_SIZE);
    return reply.view('public-content/views/services.njk', {
      pageTitle: 'Find help directory',
      rows: found.rows.map((s) => serviceRow(s, found.today)),
      total: found.total,
      stale: found.stale,
      staleMonths: Math.round(HELP_ENTRY_STALE_AFTER_DAYS / 30.5),
      needs: HELP_NEEDS,
      need,
      archived,
      staleOnly: stale,
      staleHref: publicContentPath('services', {}, { need: need ?? undefined, show: 'stale' }),
      action: PUBLIC_CONTENT_ROUTES.services,
      currentHref: publicContentPath('services', {}, { need: need ?? undefined }),
      archivedHref: publicContentPath('services', {}, { need: need ?? undefined, show: 'archived' }),
      newHref: publicContentPath('newService', {}),
      campaignsHref: publicContentPath('campaigns', {}),
      publicHref: PUBLIC_FIND_HELP,
      flash: doneMessage(queryString(request, 'done', 20)),
      pagination: pagination(page, found.total, PAGE_SIZE, (p) => publicContentPath('services', {}, { need: need ?? undefined, show: archived ? 'archived' : stale ? 'stale' : undefined, page: p })),
      backLink: { href: '/partnership', text: 'Safeguarding partnership' },
    });
  });

  async function servicePage(request: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const found = await publicContent.service(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const today = publicContent.today();
    return reply.code(status).view('public-content/views/service.njk', {
      pageTitle: found.name,
      s: found,
      row: serviceRow(found, today),
      summary: serviceSummary(found, today),
      errors,
      editHref: publicContentPath('editService', { id: found.id }),
      checkAction: publicContentPath('checkService', { id: found.id }),
      archiveAction: publicContentPath(found.archived_at ? 'restoreService' : 'archiveService', { id: found.id }),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: publicContentPath('services', {}), text: 'Find help directory' },
    });
  }

  app.get(PUBLIC_CONTENT_ROUTES.service, { config: MANAGE_SERVICE }, async (request, reply) => servicePage(request, reply));

  function serviceFormPage(reply: FastifyReply, s: HelpServiceRow | null, values: Values, errors?: FormErrors, status = 200) {
    const v = (k: string, current: unknown) => (k in values ? values[k] : current);
    const fresh = Object.keys(values).length === 0;
    return reply.code(status).view('public-content/views/service-form.njk', {
      pageTitle: s ? `Change ${s.name}` : 'Add an entry to Find help',
      title: s ? 'Change the entry' : 'Add an entry to Find help',
      errors,
      formAction: s ? publicContentPath('editService', { id: s.id }) : publicContentPath('newService', {}),
      f: {
        name: v('name', s?.name) ?? '',
        summary: v('summary', s?.summary) ?? '',
        needs: fresh ? (s?.needs ?? []) : list(values.needs),
        ages: fresh ? (s?.ages ?? []) : list(values.ages),
        areas: fresh ? (s?.areas ?? []) : list(values.areas),
        phone: v('phone', s?.phone) ?? '',
        textNumber: v('textNumber', s?.text_number) ?? '',
        email: v('email', s?.email) ?? '',
        website: v('website', s?.website) ?? '',
        openingHours: v('openingHours', s?.opening_hours) ?? '',
        open24Hours: fresh ? (s?.open_24_hours ? ['yes'] : []) : list(values.open24Hours),
        languages: v('languages', s?.languages) ?? '',
      },
      needs: HELP_NEEDS,
      ages: HELP_AGES,
      areas: HELP_AREAS,
      backLink: s ? { href: publicContentPath('service', { id: s.id }), text: 'Back to the entry' } : { href: publicContentPath('services', {}), text: 'Find help directory' },
    });
  }

  app.get(PUBLIC_CONTENT_ROUTES.newService, { config: MANAGE }, async (_request, reply) => serviceFormPage(reply, null, {}));
  app.post(PUBLIC_CONTENT_ROUTES.newService, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(serviceForm, request.body);
    if (!form.ok) return serviceFormPage(reply, null, form.values, form.errors, 400);
    const result = await publicContent.addService(userActor(request), form.value);
    if (!('id' in result)) throw notFound();
    return reply.redirect(publicContentPath('service', { id: result.id }, { done: 'added' }), 303);
  });

  app.get(PUBLIC_CONTENT_ROUTES.editService, { config: MANAGE_SERVICE }, async (request, reply) => {
    const found = await publicContent.service(requireUser(request), idParam(request));
    if (!found) throw notFound();
    return serviceFormPage(reply, found, {});
  });
  app.post(PUBLIC_CONTENT_ROUTES.editService, { config: MANAGE_SERVICE }, async (request, reply) => {
    const found = await publicContent.service(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(serviceForm, request.body);
    if (!form.ok) return serviceFormPage(reply, found, form.values, form.errors, 400);
    const result = await publicContent.editService(userActor(request), found.id, form.value);
    if (!('id' in result)) throw notFound();
    return reply.redirect(publicContentPath('service', { id: result.id }, { done: 'changed' }), 303);
  });

  /** A button on the entry's page: no fields of its own. */
  const serviceAction = (route: 'checkService' | 'archiveService' | 'restoreService', act: (request: FastifyRequest) => Promise<ChangeResult>, done: string) =>
    app.post(PUBLIC_CONTENT_ROUTES[route], { config: MANAGE_SERVICE }, async (request, reply) => {
      const form = parseForm(noFields, request.body);
      if (!form.ok) return servicePage(request, reply, form.errors, 400);
      const result = await act(request);
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return servicePage(request, reply, errorsFrom(result.problems), 400);
      return reply.redirect(publicContentPath('service', { id: result.id }, { done }), 303);
    });
  serviceAction('checkService', (r) => publicContent.markChecked(userActor(r), idParam(r)), 'checked');
  serviceAction('archiveService', (r) => publicContent.archiveService(userActor(r), idParam(r), true), 'archived');
  serviceAction('restoreService', (r) => publicContent.archiveService(userActor(r), idParam(r), false), 'restored');

  // ——— campaigns ———

  async function campaignsPage(request: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const archived = queryString(request, 'show', 20) === 'archived';
    const page = pageParam(request);
    const found = await publicContent.campaigns(requireUser(request), archived, page, PAGE_SIZE);
    return reply.code(status).view('public-content/views/campaigns.njk', {
      pageTitle: 'Awareness campaigns',
      rows: found.rows.map((c) => ({ ...campaignRow(c, found.today), archiveAction: publicContentPath(c.archived_at ? 'restoreCampaign' : 'archiveCampaign', { id: c.id }), archived: Boolean(c.archived_at) })),
      total: found.total,
      archived,
      errors,
      currentHref: publicContentPath('campaigns', {}),
      archivedHref: publicContentPath('campaigns', {}, { show: 'archived' }),
      newHref: publicContentPath('newCampaign', {}),
      servicesHref: publicContentPath('services', {}),
      publicHref: PUBLIC_CAMPAIGNS,
      flash: doneMessage(queryString(request, 'done', 20)),
      pagination: pagination(page, found.total, PAGE_SIZE, (p) => publicContentPath('campaigns', {}, { show: archived ? 'archived' : undefined, page: p })),
      backLink: { href: '/partnership', text: 'Safeguarding partnership' },
    });
  }

  app.get(PUBLIC_CONTENT_ROUTES.campaigns, { config: MANAGE }, async (request, reply) => campaignsPage(request, reply));

  function campaignFormPage(reply: FastifyReply, c: CampaignRow | null, values: Values, errors?: FormErrors, status = 200) {
    const fresh = Object.keys(values).length === 0;
    const f = fresh && c ? { board: c.board, title: c.title, summary: c.summary, pageKey: c.page_key ?? '', ...dateParts('startsOn', c.starts_on), ...dateParts('endsOn', c.ends_on) } : values;
    return reply.code(status).view('public-content/views/campaign-form.njk', {
      pageTitle: c ? `Change ${c.title}` : 'Add a campaign',
      title: c ? 'Change the campaign' : 'Add a campaign',
      errors,
      f,
      boards: CAMPAIGN_BOARDS,
      formAction: c ? publicContentPath('editCampaign', { id: c.id }) : publicContentPath('newCampaign', {}),
      backLink: { href: publicContentPath('campaigns', {}), text: 'Awareness campaigns' },
    });
  }

  app.get(PUBLIC_CONTENT_ROUTES.newCampaign, { config: MANAGE }, async (_request, reply) => campaignFormPage(reply, null, {}));
  app.post(PUBLIC_CONTENT_ROUTES.newCampaign, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(campaignForm, request.body);
    if (!form.ok) return campaignFormPage(reply, null, form.values, form.errors, 400);
    const result = await publicContent.addCampaign(userActor(request), form.value);
    if (!('id' in result)) throw notFound();
    return reply.redirect(publicContentPath('campaigns', {}, { done: 'campaign' }), 303);
  });

  app.get(PUBLIC_CONTENT_ROUTES.editCampaign, { config: MANAGE_CAMPAIGN }, async (request, reply) => {
    const found = await publicContent.campaign(requireUser(request), idParam(request));
    if (!found) throw notFound();
    return campaignFormPage(reply, found, {});
  });
  app.post(PUBLIC_CONTENT_ROUTES.editCampaign, { config: MANAGE_CAMPAIGN }, async (request, reply) => {
    const found = await publicContent.campaign(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(campaignForm, request.body);
    if (!form.ok) return campaignFormPage(reply, found, form.values, form.errors, 400);
    const result = await publicContent.editCampaign(userActor(request), found.id, form.value);
    if (!('id' in result)) throw notFound();
    return reply.redirect(publicContentPath('campaigns', {}, { done: 'campaign' }), 303);
  });

  const campaignAction = (route: 'archiveCampaign' | 'restoreCampaign', archive: boolean, done: string) =>
    app.post(PUBLIC_CONTENT_ROUTES[route], { config: MANAGE_CAMPAIGN }, async (request, reply) => {
      const form = parseForm(noFields, request.body);
      if (!form.ok) return campaignsPage(request, reply, form.errors, 400);
      const result = await publicContent.archiveCampaign(userActor(request), idParam(request), archive);
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return campaignsPage(request, reply, errorsFrom(result.problems), 400);
      return reply.redirect(publicContentPath('campaigns', {}, { done }), 303);
    });
  campaignAction('archiveCampaign', true, 'campaignArchived');
  campaignAction('restoreCampaign', false, 'campaignRestored');
}

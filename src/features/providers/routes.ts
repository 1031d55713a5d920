/**
 * Organisational safeguarding pages, for contract compliance officers and commissioners: the area's providers with
 * their RAG, a provider's page (details, contract concerns with their risk scores, provider enquiries and the
 * individual safeguarding concerns about it), and the explicit steps: add a provider, record and close a contract
 * concern, open a provider enquiry, link individual concerns to it and close it. Thin: parse, call the service
 * (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CONTRACT_CONCERN_CATEGORIES, IMPACT, LIKELIHOOD, RAG_THRESHOLDS, RISK_BANDS, RISK_MATRIX_SOURCE, SERVICE_TYPES, isServiceType } from '../../domain/providers.js';
import { userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { closeConcernForm, closeEnquiryForm, contractConcernForm, enquiryForm, linkForm, providerForm } from './forms.js';
import { PROVIDER_ROUTES, careProviderPath, providerEnquiryPath, providerPath } from './paths.js';
import {
  type ProviderConcern,
  concernRow,
  doneMessage,
  enquiryRow,
  enquiryStatusTag,
  listRow,
  openSafeguardingCount,
  pagination,
  ragOf,
  ragTag,
  safeguardingRows,
  summaryRows,
} from './presenters.js';
import { type ChangeResult, CONCERNS_PER_PAGE, PROVIDER_SHOWS, type Problems, type ProviderService, type ProviderShow, type UserActor } from './service.js';

/** What the provider pages need of adult safeguarding: the individual concerns about a provider's care. */
export interface ConcernsOfProvider {
  concernsAboutProvider(tenantId: string, providerId: string): Promise<ProviderConcern[]>;
}

type Values = Record<string, unknown>;
const RULE = { rule: 'providers:monitor' } as const;
const ON_PROVIDER = { ...RULE, records: { id: 'care_provider' } } as const;
const ON_ENQUIRY = { ...RULE, records: { id: 'provider_enquiry' } } as const;
const PAGE_SIZE = 25;
/** The list's filters a home page's counts open, as the list's heading says them. */
const SHOW_TITLES: Record<ProviderShow, string | null> = {
  all: null,
  concern: 'with an open contract concern',
  high: 'with an open high-risk contract concern',
  enquiry: 'under an open provider enquiry',
};

const items = (codes: readonly { code: string; label: string }[], chosen: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: chosen === c.code }));

export function registerProviderRoutes(app: FastifyInstance, services: { providers: ProviderService; adults: ConcernsOfProvider }): void {
  const { providers, adults } = services;

  async function providerOr404(actor: UserActor, id: string) {
    const p = await providers.provider(actor, id);
    if (!p) throw notFound();
    return p;
  }

  // ——— the list ———

  app.get(PROVIDER_ROUTES.list, { config: RULE }, async (request, reply) => {
    const actor = userActor(request);
    const q = queryString(request, 'q', 100).trim();
    const rawType = queryString(request, 'type', 40);
    const serviceType = isServiceType(rawType) ? rawType : null;
    const rawShow = queryString(request, 'show', 20);
    const show = (PROVIDER_SHOWS as readonly string[]).includes(rawShow) ? (rawShow as ProviderShow) : 'all';
    const page = pageParam(request);
    const found = await providers.list(actor, { q, serviceType, show }, page, PAGE_SIZE);
    const rows = [];
    for (const p of found.rows) rows.push(listRow(p, openSafeguardingCount(await adults.concernsAboutProvider(actor.tenantId, p.id))));
    return reply.view('providers/views/list.njk', {
      pageTitle: 'Care providers',
      q,
      typeItems: [{ value: '', text: 'Any type' }, ...SERVICE_TYPES.map((s) => ({ value: s.code, text: s.label, selected: s.code === serviceType }))],
      rows,
      total: found.total,
      searched: q !== '' || serviceType !== null,
      show,
      showTitle: SHOW_TITLES[show],
      pages: pagination(page, found.total, PAGE_SIZE, (n) => providerPath('list', {}, { q, type: serviceType, show: show === 'all' ? undefined : show, page: n > 1 ? n : undefined })),
      newHref: providerPath('newProvider', {}),
      thresholds: RAG_THRESHOLDS,
    });
  });

  // ——— add a provider ———

  function providerFormPage(reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    return reply.code(status).view('providers/views/provider-form.njk', {
      pageTitle: 'Add a care provider',
      values,
      errors,
      typeItems: items(SERVICE_TYPES, values.serviceType),
      formAction: PROVIDER_ROUTES.list,
      backLink: { href: providerPath('list', {}), text: 'Care providers' },
    });
  }

  app.get(PROVIDER_ROUTES.newProvider, { config: RULE }, async (_request, reply) => providerFormPage(reply));

  app.post(PROVIDER_ROUTES.list, { config: RULE }, async (request, reply) => {
    const form = parseForm(providerForm, request.body);
    if (!form.ok) return providerFormPage(reply, form.values, form.errors, 400);
    const result = await providers.addProvider(userActor(request), form.value);
    return respond(request, reply, result, (problems) => providerFormPage(reply, request.body as Values, errorsFrom(problems), 400), (made) => providerPath('provider', { id: made }, { done: 'added' }));
  });

  // ——— the provider's page ———

  app.get(PROVIDER_ROUTES.provider, { config: ON_PROVIDER }, async (request, reply) => {
    const actor = userActor(request);
    const id = idParam(request);
    const page = pageParam(request);
    const sgPage = pageParam(request, 'sg');
    const found = await providers.view(actor, id, page);
    if (!found) throw notFound();
    const p = found.provider;
    const concerns = await adults.concernsAboutProvider(actor.tenantId, id);
    const { rag, reasons } = ragOf(p, openSafeguardingCount(concerns));
    return reply.view('providers/views/provider.njk', {
      pageTitle: p.name,
      p,
      summary: summaryRows(p),
      rag: ragTag(rag),
      reasons,
      flash: doneMessage(queryString(request, 'done', 20)),
      contractConcerns: found.concerns.map((c) => concernRow(c, id)),
      counts: found.counts,
      pages: pagination(page, found.counts.all, CONCERNS_PER_PAGE, (n) => `${providerPath('provider', { id }, { page: n > 1 ? n : undefined, sg: sgPage > 1 ? sgPage : undefined })}#contract-concerns`),
      enquiries: found.enquiries.map(enquiryRow),
      safeguarding: safeguardingRows(concerns.slice((sgPage - 1) * CONCERNS_PER_PAGE, sgPage * CONCERNS_PER_PAGE), found.links),
      sgPages: pagination(sgPage, concerns.length, CONCERNS_PER_PAGE, (n) => `${providerPath('provider', { id }, { page: page > 1 ? page : undefined, sg: n > 1 ? n : undefined })}#safeguarding-concerns`),
      links: {
        newConcern: providerPath('newConcern', { id }),
        newEnquiry: providerPath('newEnquiry', { id }),
      },
      matrixSource: RISK_MATRIX_SOURCE,
      bands: RISK_BANDS,
      backLink: { href: providerPath('list', {}), text: 'Care providers' },
    });
  });

  // ——— contract concerns ———

  async function concernFormPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const p = await providerOr404(userActor(request), id);
    return reply.code(status).view('providers/views/concern-form.njk', {
      pageTitle: `Record a contract concern: ${p.name}`,
      p,
      values,
      errors,
      categoryItems: items(CONTRACT_CONCERN_CATEGORIES, values.category),
      likelihoodItems: items(LIKELIHOOD, values.likelihood),
      impactItems: items(IMPACT, values.impact),
      matrixSource: RISK_MATRIX_SOURCE,
      bands: RISK_BANDS,
      formAction: providerPath('concerns', { id }),
      backLink: { href: careProviderPath(id), text: p.name },
    });
  }

  app.get(PROVIDER_ROUTES.newConcern, { config: ON_PROVIDER }, async (request, reply) => concernFormPage(request, reply));

  app.post(PROVIDER_ROUTES.concerns, { config: ON_PROVIDER }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(contractConcernForm(providers.now), request.body);
    if (!form.ok) return concernFormPage(request, reply, form.values, form.errors, 400);
    const v = form.value;
    const result = await providers.raiseConcern(userActor(request), id, { category: v.category, description: v.description, likelihood: Number(v.likelihood), impact: Number(v.impact), raisedOn: v.raisedOn });
    return respond(request, reply, result, (problems) => concernFormPage(request, reply, request.body as Values, errorsFrom(problems), 400), `${providerPath('provider', { id }, { done: 'raised' })}#contract-concerns`);
  });

  async function closeConcernPage(request: FastifyRequest, reply: FastifyReply, concernId: string | null, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const id = idParam(request);
    const p = await providerOr404(actor, id);
    const c = concernId ? await providers.contractConcern(actor, id, concernId) : undefined;
    if (!c && status === 200) throw notFound();
    if (c && c.status !== 'open' && status === 200) return reply.redirect(`${careProviderPath(id)}#contract-concerns`, 303);
    return reply.code(status).view('providers/views/close-concern.njk', {
      pageTitle: `Close a contract concern: ${p.name}`,
      p,
      c: c ? concernRow(c, id) : null,
      concernId: c?.id ?? '',
      values,
      errors,
      formAction: providerPath('closeConcern', { id }),
      backLink: { href: `${careProviderPath(id)}#contract-concerns`, text: p.name },
    });
  }

  app.get(PROVIDER_ROUTES.closeConcern, { config: ON_PROVIDER }, async (request, reply) => {
    const concern = queryString(request, 'concern', 40);
    if (!isUuid(concern)) throw notFound();
    return closeConcernPage(request, reply, concern.toLowerCase());
  });

  app.post(PROVIDER_ROUTES.closeConcern, { config: ON_PROVIDER }, async (request, reply) => {
    const id = idParam(request);
    const body = (request.body ?? {}) as Values;
    const posted = isUuid(body.concernId) ? body.concernId.toLowerCase() : null;
    const form = parseForm(closeConcernForm, request.body);
    if (!form.ok) return closeConcernPage(request, reply, posted, form.values, form.errors, 400);
    const result = await providers.closeConcern(userActor(request), id, form.value);
    return respond(request, reply, result, (problems) => closeConcernPage(request, reply, posted, body, errorsFrom(problems), 400), `${providerPath('provider', { id }, { done: 'closed' })}#contract-concerns`);
  });

  // ——— provider enquiries ———

  async function enquiryFormPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const p = await providerOr404(userActor(request), id);
    return reply.code(status).view('providers/views/enquiry-form.njk', {
      pageTitle: `Open a provider enquiry: ${p.name}`,
      p,
      values,
      errors,
      formAction: providerPath('enquiries', { id }),
      backLink: { href: careProviderPath(id), text: p.name },
    });
  }

  app.get(PROVIDER_ROUTES.newEnquiry, { config: ON_PROVIDER }, async (request, reply) => enquiryFormPage(request, reply));

  app.post(PROVIDER_ROUTES.enquiries, { config: ON_PROVIDER }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(enquiryForm, request.body);
    if (!form.ok) return enquiryFormPage(request, reply, form.values, form.errors, 400);
    const result = await providers.openEnquiry(userActor(request), id, form.value);
    return respond(request, reply, result, (problems) => enquiryFormPage(request, reply, request.body as Values, errorsFrom(problems), 400), (made) => providerPath('enquiry', { id: made }, { done: 'opened' }));
  });

  /** The enquiry, its provider's concerns about it (from adult safeguarding) and which are linked. */
  async function enquiryData(request: FastifyRequest) {
    const actor = userActor(request);
    const id = idParam(request);
    const found = await providers.enquiry(actor, id);
    if (!found) throw notFound();
    const about = await adults.concernsAboutProvider(actor.tenantId, found.enquiry.provider_id);
    const linkedIds = new Set(found.linked.map((l) => l.concern_id));
    const byId = new Map(about.map((c) => [c.id, c]));
    return {
      actor,
      e: found.enquiry,
      about,
      linkedIds,
      linked: found.linked.map((l) => {
        const c = byId.get(l.concern_id);
        return c ? { ...safeguardingRows([c], [])[0]!, linkedAt: l.linked_at } : { id: l.concern_id, href: null, reference: 'No longer recorded as about this provider', adultName: '', receivedAt: null, stage: '', linkedAt: l.linked_at };
      }),
    };
  }

  app.get(PROVIDER_ROUTES.enquiry, { config: ON_ENQUIRY }, async (request, reply) => {
    const d = await enquiryData(request);
    await providers.recordEnquiryView(d.actor, d.e.id, 'enquiry');
    return reply.view('providers/views/enquiry.njk', {
      pageTitle: `Provider enquiry: ${d.e.provider_name}`,
      e: d.e,
      status: enquiryStatusTag(d.e.status),
      linked: d.linked,
      unlinked: d.about.filter((c) => !d.linkedIds.has(c.id)).length,
      flash: doneMessage(queryString(request, 'done', 20)),
      links: {
        provider: careProviderPath(d.e.provider_id),
        link: providerPath('linkConcerns', { id: d.e.id }),
        close: providerPath('closeEnquiry', { id: d.e.id }),
      },
      backLink: { href: `${careProviderPath(d.e.provider_id)}#provider-enquiries`, text: d.e.provider_name },
    });
  });

  async function linkPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const d = await enquiryData(request);
    if (d.e.status !== 'open' && status === 200) return reply.redirect(providerEnquiryPath(d.e.id), 303);
    await providers.recordEnquiryView(d.actor, d.e.id, 'link');
    const chosen = new Set([values.concernIds ?? []].flat().map(String));
    const candidates = safeguardingRows(d.about.filter((c) => !d.linkedIds.has(c.id)), []);
    return reply.code(status).view('providers/views/link.njk', {
      pageTitle: `Link safeguarding concerns: ${d.e.provider_name}`,
      e: d.e,
      errors,
      concernItems: candidates.map((c) => ({
        value: c.id,
        text: `${c.reference}: ${c.adultName}`,
        hint: { text: c.stage },
        checked: chosen.has(c.id),
      })),
      formAction: providerPath('linkConcerns', { id: d.e.id }),
      backLink: { href: providerEnquiryPath(d.e.id), text: 'Back to the enquiry' },
    });
  }

  app.get(PROVIDER_ROUTES.linkConcerns, { config: ON_ENQUIRY }, async (request, reply) => linkPage(request, reply));

  app.post(PROVIDER_ROUTES.linkConcerns, { config: ON_ENQUIRY }, async (request, reply) => {
    const form = parseForm(linkForm, request.body);
    if (!form.ok) return linkPage(request, reply, form.values, form.errors, 400);
    const d = await enquiryData(request);
    const result = await providers.linkConcerns(d.actor, d.e.id, form.value.concernIds, new Set(d.about.map((c) => c.id)));
    return respond(request, reply, result, (problems) => linkPage(request, reply, request.body as Values, errorsFrom(problems), 400), providerPath('enquiry', { id: d.e.id }, { done: 'linked' }));
  });

  async function closeEnquiryPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const found = await providers.enquiry(actor, idParam(request));
    if (!found) throw notFound();
    const e = found.enquiry;
    if (e.status !== 'open' && status === 200) return reply.redirect(providerEnquiryPath(e.id), 303);
    return reply.code(status).view('providers/views/close-enquiry.njk', {
      pageTitle: `Close the provider enquiry: ${e.provider_name}`,
      e,
      values,
      errors,
      formAction: providerPath('closeEnquiry', { id: e.id }),
      backLink: { href: providerEnquiryPath(e.id), text: 'Back to the enquiry' },
    });
  }

  app.get(PROVIDER_ROUTES.closeEnquiry, { config: ON_ENQUIRY }, async (request, reply) => closeEnquiryPage(request, reply));

  app.post(PROVIDER_ROUTES.closeEnquiry, { config: ON_ENQUIRY }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(closeEnquiryForm, request.body);
    if (!form.ok) return closeEnquiryPage(request, reply, form.values, form.errors, 400);
    const result = await providers.closeEnquiry(userActor(request), id, form.value);
    return respond(request, reply, result, (problems) => closeEnquiryPage(request, reply, request.body as Values, errorsFrom(problems), 400), providerPath('enquiry', { id }, { done: 'concluded' }));
  });

  /** A change's result: on to `done`, back to the form with its problems (400), or no such record (404). */
  function respond(_request: FastifyRequest, reply: FastifyReply, result: ChangeResult, again: (problems: Problems) => unknown, done: string | ((id: string) => string)) {
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return again(result.problems);
    return reply.redirect(typeof done === 'string' ? done : done(result.id), 303);
  }
}

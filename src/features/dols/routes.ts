/**
 * Deprivation of Liberty Safeguards: the DoLS lead's overview (counts and the unallocated, allocated, decided and
 * expiring lists), an assessor's own list, a new application, the application page and its explicit actions
 * (allocate, prioritise, record an assessment, extend the urgent authorisation, decide, withdraw).
 * Thin: parse, authorise (the route's rule and the records it names), call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type RecordKind } from '../../domain/access.js';
import {
  ASSESSMENT_OUTCOMES,
  DOLS_ASSESSMENTS,
  DOLS_DECISIONS,
  DOLS_KINDS,
  DOLS_PRIORITIES,
  DOLS_SETTINGS,
  SCREENING_FACTORS,
  type AssessmentKind,
  type AssessmentOutcome,
  type DolsAction,
  type DolsDecision,
  type DolsKind,
  type DolsPriority,
  type DolsSetting,
  applicationAllows,
  extensionProblems,
  isDolsStatus,
  longDate,
  maxAuthorisedUntil,
  screenPriority,
  urgentExpiresOn,
  urgentState,
} from '../../domain/dols.js';
import { type Permission } from '../../domain/roles.js';
import { can, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { allocateForm, applicationForm, assessmentForm, decisionForm, extendForm, priorityForm, withdrawForm } from './forms.js';
import { DOLS_ROUTES, applicationPath, dolsPath } from './paths.js';
import { assessmentViews, assessmentsAdvice, countCards, decisionText, doneMessage, listRow, priorityTag, statusTag, summaryRows, tabTitle, tabs, urgentWords } from './presenters.js';
import { type AssessorShow, type ChangeResult, type DolsService, LIST_SHOWS, type ListShow } from './service.js';
import { pagination } from '../../platform/pagination.js';

type Values = Record<string, unknown>;
/** 15 a page: the lead's page keeps its counts and one screenful of applications (issue 19). */
const PAGE_SIZE = 15;
const ASSESSOR_SHOWS: readonly AssessorShow[] = ['all', 'open', 'overdue'];
const ASSESSOR_TITLES: Record<AssessorShow, string> = { all: 'All', open: 'Open', overdue: 'Past their due date' };

const ASSESS = { rule: 'dols:assess' } as const;
const MANAGE = { rule: 'dols:manage' } as const;

/** Each explicit action on an application: its page, who may take it and the record it opens. */
const ACTIONS = {
  allocate: { view: 'allocate', title: 'Allocate to an assessor', action: 'allocate', rule: 'dols:manage', record: 'dols_application' },
  priority: { view: 'priority', title: 'Change the priority', action: 'prioritise', rule: 'dols:manage', record: 'dols_application' },
  assessments: { view: 'assessment', title: 'Record an assessment', action: 'assess', rule: 'dols:assess', record: 'dols_application.assessor' },
  extend: { view: 'extend', title: 'Extend the urgent authorisation', action: 'extend_urgent', rule: 'dols:manage', record: 'dols_application' },
  decision: { view: 'decision', title: 'Record the decision', action: 'decide', rule: 'dols:manage', record: 'dols_application' },
  withdraw: { view: 'withdraw', title: 'Withdraw the application', action: 'withdraw', rule: 'dols:manage', record: 'dols_application' },
} as const satisfies Record<string, { view: string; title: string; action: DolsAction; rule: Permission; record: RecordKind }>;
type ActionPath = keyof typeof ACTIONS;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Radio or checkbox items from a code list, with what was sent checked. */
function items(codes: readonly { code: string; label: string }[], selected: unknown) {
  const chosen = list(selected);
  return codes.map((c) => ({ value: c.code, text: c.label, checked: chosen.includes(c.code) }));
}

export function registerDolsRoutes(app: FastifyInstance, services: { dols: DolsService }): void {
  const { dols } = services;

  // ——— the overview: the DoLS lead's lists, or an assessor's own ———

  app.get(DOLS_ROUTES.overview, { config: ASSESS }, async (request, reply) => {
    const actor = userActor(request);
    const page = pageParam(request);
    const raw = queryString(request, 'show', 20);
    if (!can(request, 'dols:manage')) {
      const show: AssessorShow = raw === 'open' || raw === 'overdue' ? raw : 'all';
      const mine = await dols.mine(actor, show, page, PAGE_SIZE);
      return reply.view('dols/views/mine.njk', {
        pageTitle: 'DoLS applications allocated to you',
        show,
        tabs: ASSESSOR_SHOWS.map((s) => ({ text: ASSESSOR_TITLES[s], href: dolsPath('overview', {}, s === 'all' ? {} : { show: s }), current: s === show })),
        rows: mine.rows.map((r) => listRow(r, mine.today)),
        total: mine.total,
        pagination: pagination(page, mine.total, PAGE_SIZE, (n) => dolsPath('overview', {}, { ...(show === 'all' ? {} : { show }), page: n })),
      });
    }
    const show: ListShow = (LIST_SHOWS as readonly string[]).includes(raw) ? (raw as ListShow) : 'unallocated';
    const o = await dols.overview(actor, show, page, PAGE_SIZE);
    return reply.view('dols/views/index.njk', {
      pageTitle: 'Deprivation of Liberty Safeguards',
      show,
      showTitle: tabTitle(show),
      cards: countCards(o.counts),
      counts: o.counts,
      tabs: tabs(show, o.counts),
      rows: o.rows.map((r) => listRow(r, o.today)),
      page,
      total: o.total,
      pagination: pagination(page, o.total, PAGE_SIZE, (n) => dolsPath('overview', {}, { show, page: n })),
      newHref: dolsPath('newApplication', {}),
    });
  });

  // ——— a new application ———

  function newPage(reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    return reply.code(status).view('dols/views/new.njk', {
      pageTitle: 'Record a DoLS application',
      values,
      errors,
      settingItems: items(DOLS_SETTINGS, values.setting),
      kindItems: items(DOLS_KINDS, values.kind),
      factorItems: items(SCREENING_FACTORS, values.factors),
      priorityItems: items(DOLS_PRIORITIES, values.priority),
      formAction: dolsPath('applications', {}),
      backLink: { href: dolsPath('overview', {}), text: 'DoLS' },
    });
  }

  app.get(DOLS_ROUTES.newApplication, { config: MANAGE }, async (_request, reply) => newPage(reply));

  app.post(DOLS_ROUTES.applications, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(applicationForm, request.body);
    if (!form.ok) return newPage(reply, form.values, form.errors, 400);
    const v = form.value;
    const result = await dols.receive(userActor(request), {
      managingAuthority: v.managingAuthority,
      setting: v.setting as DolsSetting,
      personName: v.personName!,
      dateOfBirth: v.dateOfBirth,
      kind: v.kind as DolsKind,
      urgentFrom: v.urgentFrom,
      factors: v.factors,
      priority: v.priority as DolsPriority,
      priorityNote: v.priorityNote,
    });
    if ('problems' in result) return newPage(reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 400);
    return reply.redirect(dolsPath('application', { id: result.id }, { done: 'received' }), 303);
  });

  // ——— the application ———

  app.get(DOLS_ROUTES.application, { config: { ...ASSESS, records: { id: 'dols_application' } } }, async (request, reply) => {
    const found = await dols.view(userActor(request), idParam(request));
    if (!found) throw notFound();
    const a = found.application;
    const status = isDolsStatus(a.status) ? a.status : 'withdrawn';
    const manage = can(request, 'dols:manage');
    const allowed = (action: DolsAction) => applicationAllows(status, action);
    const urgent = urgentState({ kind: a.kind === 'urgent' ? 'urgent' : 'standard', urgentFrom: a.urgent_from, urgentExtended: a.urgent_extended_at !== null }, found.today);
    const link = (route: ActionPath) => dolsPath(route, { id: a.id });
    return reply.view('dols/views/application.njk', {
      pageTitle: `${a.person_name}: DoLS application ${a.reference}`,
      a,
      statusTag: statusTag(a.status),
      priorityTag: priorityTag(a.priority),
      summary: summaryRows(a, found.today),
      urgentWarning: urgent && urgent.expired && (status === 'received' || status === 'allocated') ? urgentWords(urgent) : null,
      assessments: assessmentViews(found.assessments),
      advice: assessmentsAdvice(found.assessments, status === 'received' || status === 'allocated'),
      decision: decisionText(a),
      flash: doneMessage(queryString(request, 'done', 20)),
      can: {
        allocate: manage && allowed('allocate'),
        priority: manage && allowed('prioritise'),
        assess: allowed('assess'),
        extend: manage && allowed('extend_urgent') && a.kind === 'urgent' && a.urgent_extended_at === null && !!urgent && !urgent.expired,
        decide: manage && allowed('decide'),
        withdraw: manage && allowed('withdraw'),
      },
      links: { allocate: link('allocate'), priority: link('priority'), assess: link('assessments'), extend: link('extend'), decide: link('decision'), withdraw: link('withdraw') },
      backLink: { href: dolsPath('overview', {}), text: 'DoLS' },
    });
  });

  async function actionPage(request: FastifyRequest, reply: FastifyReply, path: ActionPath, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const id = idParam(request);
    const found = await dols.view(actor, id, path);
    if (!found) throw notFound();
    const a = found.application;
    const spec = ACTIONS[path];
    const appStatus = isDolsStatus(a.status) ? a.status : 'withdrawn';
    if (status === 200 && !applicationAllows(appStatus, spec.action)) return reply.redirect(applicationPath(id), 303);
    const extension = { status: appStatus, kind: a.kind === 'urgent' ? ('urgent' as const) : ('standard' as const), urgentFrom: a.urgent_from, extended: a.urgent_extended_at !== null, today: found.today };
    if (status === 200 && path === 'extend' && Object.keys(extensionProblems(extension)).length) return reply.redirect(applicationPath(id), 303);
    const recorded = new Set(found.assessments.map((s) => s.kind));
    const assessors = path === 'allocate' ? await dols.assessors(actor.tenantId) : [];
    const urgent = urgentState({ kind: a.kind === 'urgent' ? 'urgent' : 'standard', urgentFrom: a.urgent_from, urgentExtended: a.urgent_extended_at !== null }, found.today);
    const screened = screenPriority(a.kind === 'urgent' ? 'urgent' : 'standard', list(values.factors));
    return reply.code(status).view(`dols/views/${spec.view}.njk`, {
      pageTitle: `${spec.title}: ${a.person_name}`,
      title: spec.title,
      a,
      values,
      errors,
      priorityTag: priorityTag(a.priority),
      today: found.today,
      urgentText: urgent ? urgentWords(urgent) : null,
      extendedUntil: a.urgent_from ? longDate(urgentExpiresOn(a.urgent_from, true)) : null,
      maxUntilFromToday: longDate(maxAuthorisedUntil(found.today)),
      assessorItems: assessors.filter((u) => u.id !== a.assessor_user_id).map((u) => ({ value: u.id, text: u.display_name, hint: { text: `${u.open} open ${u.open === 1 ? 'application' : 'applications'}` }, checked: values.assessorId === u.id })),
      currentAssessor: a.assessor_name,
      factorItems: items(SCREENING_FACTORS, values.factors),
      priorityItems: items(DOLS_PRIORITIES, values.priority ?? (status === 200 ? a.priority : undefined)),
      screenedPriority: screened.priority,
      assessmentItems: DOLS_ASSESSMENTS.filter((k) => !recorded.has(k.code)).map((k) => ({ value: k.code, text: k.label, hint: { text: k.question }, checked: values.kind === k.code })),
      outcomeItems: items(ASSESSMENT_OUTCOMES, values.outcome),
      decisionItems: items(DOLS_DECISIONS, values.decision),
      assessments: assessmentViews(found.assessments),
      advice: assessmentsAdvice(found.assessments),
      formAction: dolsPath(path, { id }),
      backLink: { href: applicationPath(id), text: 'Back to the application' },
    });
  }

  function respond(request: FastifyRequest, reply: FastifyReply, path: ActionPath, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return actionPage(request, reply, path, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(dolsPath('application', { id: idParam(request) }, { done }), 303);
  }

  for (const path of Object.keys(ACTIONS) as ActionPath[]) {
    const spec = ACTIONS[path];
    app.get(DOLS_ROUTES[path], { config: { rule: spec.rule, records: { id: spec.record } } }, async (request, reply) => actionPage(request, reply, path));
  }

  type Change = (actor: ReturnType<typeof userActor>, id: string, body: unknown) => Promise<{ form: FormErrors; values: Values } | { result: ChangeResult; done: string }>;

  /** Each explicit action: its form, and the service call that makes the change (and audits it). */
  const CHANGES: Record<ActionPath, Change> = {
    allocate: async (actor, id, body) => {
      const form = parseForm(allocateForm, body);
      return form.ok ? { result: await dols.allocate(actor, id, form.value), done: 'allocated' } : { form: form.errors, values: form.values };
    },
    priority: async (actor, id, body) => {
      const form = parseForm(priorityForm, body);
      return form.ok ? { result: await dols.prioritise(actor, id, { factors: form.value.factors, priority: form.value.priority as DolsPriority, priorityNote: form.value.priorityNote }), done: 'prioritised' } : { form: form.errors, values: form.values };
    },
    assessments: async (actor, id, body) => {
      const form = parseForm(assessmentForm, body);
      if (!form.ok) return { form: form.errors, values: form.values };
      const v = form.value;
      return { result: await dols.recordAssessment(actor, id, { kind: v.kind as AssessmentKind, outcome: v.outcome as AssessmentOutcome, completedOn: v.completedOn, note: v.note }), done: 'assessed' };
    },
    extend: async (actor, id, body) => {
      const form = parseForm(extendForm, body);
      return form.ok ? { result: await dols.extendUrgent(actor, id), done: 'extended' } : { form: form.errors, values: form.values };
    },
    decision: async (actor, id, body) => {
      const form = parseForm(decisionForm, body);
      if (!form.ok) return { form: form.errors, values: form.values };
      const v = form.value;
      const decision = v.decision as DolsDecision;
      return { result: await dols.decide(actor, id, { decision, authorisedFrom: v.authorisedFrom, authorisedUntil: v.authorisedUntil, conditions: v.conditions, note: v.note }), done: decision };
    },
    withdraw: async (actor, id, body) => {
      const form = parseForm(withdrawForm, body);
      return form.ok ? { result: await dols.withdraw(actor, id, form.value), done: 'withdrawn' } : { form: form.errors, values: form.values };
    },
  };

  for (const path of Object.keys(CHANGES) as ActionPath[]) {
    const spec = ACTIONS[path];
    app.post(DOLS_ROUTES[path], { config: { rule: spec.rule, records: { id: spec.record } } }, async (request, reply) => {
      const changed = await CHANGES[path](userActor(request), idParam(request), request.body);
      if ('form' in changed) return actionPage(request, reply, path, changed.values, changed.form, 400);
      return respond(request, reply, path, changed.result, changed.done);
    });
  }
}

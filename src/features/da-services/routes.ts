/**
 * IDVA and commissioned domestic abuse services: caseloads and waiting lists, the service's own referral form, and
 * the case page with its explicit actions (allocate, change the risk level, hand over, safety plan, close).
 * Thin: parse, call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DA_SERVICES, type DaService, caseAllows, isDaService, isServiceCaseStatus, riskChangeOutcome, serviceForRisk, serviceInSentence, serviceLabel } from '../../domain/da-services.js';
import { type RiskLevel, isRiskLevel } from '../../domain/domestic-abuse.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { pagination } from '../../platform/pagination.js';
import { CASE_LISTS, type CaseList } from './repository.js';
import { userActor } from '../../platform/authz.js';
import { allocateForm, closeForm, handoverForm, referralForm, riskForm, safetyPlanForm } from './forms.js';
import { caseRiskTag, doneMessage, listRow, riskAdvice, riskTag, riskWord, statusTag, summaryRows, timelineItems, workerRow } from './presenters.js';
import { DA_SERVICES_ROUTES, daServicesPath, serviceCasePath } from './paths.js';
import { type ChangeResult, type DaServiceCaseService } from './service.js';

const RULE = { rule: 'da_service:work' } as const;
const PAGE_SIZE = 50;
const OVERVIEW_ROWS = 10;
const CASE_LIST_TITLES: Record<CaseList, string> = {
  mine: 'My caseload',
  'no-plan': 'My cases without a safety plan',
  'waiting-idva': 'Waiting for a keyworker: IDVA service',
  'waiting-commissioned': 'Waiting for a keyworker: commissioned service',
};
const CASE_LIST_TABS: Record<CaseList, string> = { mine: 'My caseload', 'no-plan': 'No safety plan', 'waiting-idva': 'Waiting: IDVA', 'waiting-commissioned': 'Waiting: commissioned' };
type Values = Record<string, unknown>;

const ACTIONS = {
  allocate: { view: 'allocate', title: 'Allocate a keyworker', action: 'allocate', done: 'allocated', route: 'allocate' },
  risk: { view: 'risk', title: 'Change the risk level', action: 'change_risk', done: 'risk', route: 'changeRisk' },
  handover: { view: 'handover', title: 'Hand the case over', action: 'hand_over', done: 'handover', route: 'handover' },
  'safety-plan': { view: 'safety-plan', title: 'Safety plan', action: 'safety_plan', done: 'safety-plan', route: 'safetyPlan' },
  close: { view: 'close', title: 'Close the case', action: 'close', done: 'closed', route: 'close' },
} as const;
type ActionPath = keyof typeof ACTIONS;

export function registerDaServiceRoutes(app: FastifyInstance, services: { daServices: DaServiceCaseService }): void {
  const { daServices } = services;

  app.get(DA_SERVICES_ROUTES.overview, { config: RULE }, async (request, reply) => {
    const overview = await daServices.overview(userActor(request));
    const now = daServices.now();
    // The first few of each list; each links to its own paginated list.
    const first = <T>(rows: readonly T[], list: CaseList) => ({ rows: rows.slice(0, OVERVIEW_ROWS), total: rows.length, href: daServicesPath('cases', {}, { show: list }) });
    return reply.view('da-services/views/index.njk', {
      pageTitle: 'IDVA and domestic abuse services',
      mine: first(overview.mine.map((r) => listRow(r, now)), 'mine'),
      idvaWaiting: first(overview.waiting.idva.map((r) => listRow(r, now)), 'waiting-idva'),
      commissionedWaiting: first(overview.waiting.commissioned.map((r) => listRow(r, now)), 'waiting-commissioned'),
      workers: overview.workers.map(workerRow),
    });
  });

  app.get(DA_SERVICES_ROUTES.cases, { config: RULE }, async (request, reply) => {
    const raw = queryString(request, 'show');
    // An unknown list is the worker's own caseload (the home page's counts link to each list).
    const show: CaseList = (CASE_LISTS as readonly string[]).includes(raw) ? (raw as CaseList) : 'mine';
    const page = pageParam(request);
    const found = await daServices.cases(userActor(request), show, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const now = daServices.now();
    return reply.view('da-services/views/cases.njk', {
      pageTitle: CASE_LIST_TITLES[show],
      show,
      total: found.total,
      cases: found.list.map((r) => listRow(r, now)),
      tabs: CASE_LISTS.map((l) => ({ text: `${CASE_LIST_TABS[l]} (${found.counts[l]})`, href: daServicesPath('cases', {}, { show: l }), current: l === show })),
      pagination: pagination(page, found.total, PAGE_SIZE, (p) => daServicesPath('cases', {}, { show, page: p > 1 ? p : undefined })),
      backLink: { href: daServicesPath('overview', {}), text: 'IDVA and domestic abuse services' },
    });
  });

  // ——— the service's own referral form ———

  function referralPage(reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    return reply.code(status).view('da-services/views/referral.njk', {
      pageTitle: 'Refer a client to a domestic abuse service',
      values,
      errors,
      serviceItems: DA_SERVICES.map((s) => ({ value: s.code, text: s.label, checked: values.service === s.code })),
      riskItems: RISK_LEVELS.map((r) => ({ value: r.code, text: r.label, checked: values.risk === r.code })),
      backLink: { href: daServicesPath('overview', {}), text: 'Back' },
    });
  }

  app.get(DA_SERVICES_ROUTES.newReferral, { config: RULE }, async (_request, reply) => referralPage(reply));

  app.post(DA_SERVICES_ROUTES.referrals, { config: RULE }, async (request, reply) => {
    const form = parseForm(referralForm, request.body);
    if (!form.ok) return referralPage(reply, form.values, form.errors, 400);
    const { id } = await daServices.refer(userActor(request), { clientName: form.value.clientName!, service: form.value.service as DaService, risk: form.value.risk as RiskLevel });
    return reply.redirect(daServicesPath('case', { id }, { done: 'referred' }), 303);
  });

  // ——— the case ———

  app.get(DA_SERVICES_ROUTES.case, { config: { ...RULE, records: { id: 'da_service_case' } } }, async (request, reply) => {
    const found = await daServices.view(userActor(request), idParam(request));
    if (!found) throw notFound();
    const c = found.case;
    const status = isServiceCaseStatus(c.status) ? c.status : 'closed';
    const can = (action: Parameters<typeof caseAllows>[1]) => caseAllows(status, action);
    return reply.view('da-services/views/case.njk', {
      pageTitle: `${c.client_name}: ${serviceLabel(c.service)}`,
      c,
      serviceName: serviceLabel(c.service),
      statusTag: statusTag(c.status),
      riskTag: caseRiskTag(c),
      summary: summaryRows(c, daServices.now()),
      timeline: timelineItems(found.history, c.service),
      advice: riskAdvice(c),
      flash: doneMessage(queryString(request, 'done', 20), c),
      can: { allocate: can('allocate'), risk: can('change_risk'), handover: can('hand_over'), safetyPlan: can('safety_plan'), close: can('close') },
      links: {
        allocate: daServicesPath('allocate', { id: c.id }),
        risk: daServicesPath('changeRisk', { id: c.id }),
        handover: daServicesPath('handover', { id: c.id }),
        safetyPlan: daServicesPath('safetyPlan', { id: c.id }),
        close: daServicesPath('close', { id: c.id }),
      },
      backLink: { href: daServicesPath('overview', {}), text: 'IDVA and services' },
    });
  });

  async function actionPage(request: FastifyRequest, reply: FastifyReply, path: ActionPath, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const id = idParam(request);
    const found = await daServices.view(actor, id, path);
    if (!found) throw notFound();
    const c = found.case;
    const spec = ACTIONS[path];
    const caseStatus = isServiceCaseStatus(c.status) ? c.status : 'closed';
    if (!caseAllows(caseStatus, spec.action) && status === 200) return reply.redirect(serviceCasePath(id), 303);
    const workers = path === 'allocate' || path === 'handover' ? (await daServices.workers(actor)).filter((w) => path === 'allocate' || w.id !== c.keyworker_user_id) : [];
    const currentRisk = isRiskLevel(c.current_risk) ? c.current_risk : null;
    return reply.code(status).view(`da-services/views/${spec.view}.njk`, {
      pageTitle: `${spec.title}: ${c.client_name}`,
      title: spec.title,
      c,
      values,
      errors,
      riskTag: riskTag(c.current_risk),
      currentRiskWord: riskWord(c.current_risk).toLowerCase(),
      workerItems: workers.map((w) => ({ value: w.id, text: w.display_name, checked: values.workerId === w.id })),
      riskItems: RISK_LEVELS.filter((r) => path !== 'risk' || r.code !== c.current_risk).map((r) => ({
        value: r.code,
        text: r.label,
        checked: (path === 'close' ? values.riskAtClosure : values.risk) === r.code,
        hint: path === 'risk' && currentRisk && isRiskLevel(r.code) && isDaService(c.service) && riskChangeOutcome(c.service, currentRisk, r.code).outsideService
          ? { text: `Usually worked by the ${serviceInSentence(serviceForRisk(r.code))}. The keyworker still stays.` }
          : undefined,
      })),
      safetyPlan: values.safetyPlan ?? c.safety_plan ?? '',
      formAction: daServicesPath(spec.route, { id: c.id }),
      backLink: { href: serviceCasePath(id), text: 'Back to the case' },
    });
  }

  function respond(request: FastifyRequest, reply: FastifyReply, path: ActionPath, result: ChangeResult) {
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return actionPage(request, reply, path, request.body as Values, errorsFrom(result.problems), 409);
    return reply.redirect(daServicesPath('case', { id: idParam(request) }, { done: ACTIONS[path].done }), 303);
  }

  for (const path of Object.keys(ACTIONS) as ActionPath[]) {
    app.get(DA_SERVICES_ROUTES[ACTIONS[path].route], { config: { ...RULE, records: { id: 'da_service_case' } } }, async (request, reply) => actionPage(request, reply, path));
  }

  /** Each explicit action: its form, and the service call that makes the change (and audits it). */
  const CHANGES: { [P in ActionPath]: (actor: ReturnType<typeof userActor>, id: string, body: unknown) => Promise<{ form: FormErrors; values: Values } | ChangeResult> } = {
    allocate: async (actor, id, body) => {
      const form = parseForm(allocateForm, body);
      return form.ok ? daServices.allocate(actor, id, form.value) : { form: form.errors, values: form.values };
    },
    risk: async (actor, id, body) => {
      const form = parseForm(riskForm, body);
      return form.ok ? daServices.changeRisk(actor, id, form.value) : { form: form.errors, values: form.values };
    },
    handover: async (actor, id, body) => {
      const form = parseForm(handoverForm, body);
      return form.ok ? daServices.handOver(actor, id, form.value) : { form: form.errors, values: form.values };
    },
    'safety-plan': async (actor, id, body) => {
      const form = parseForm(safetyPlanForm, body);
      return form.ok ? daServices.updateSafetyPlan(actor, id, form.value) : { form: form.errors, values: form.values };
    },
    close: async (actor, id, body) => {
      const form = parseForm(closeForm, body);
      return form.ok ? daServices.close(actor, id, form.value) : { form: form.errors, values: form.values };
    },
  };

  for (const path of Object.keys(CHANGES) as ActionPath[]) {
    app.post(DA_SERVICES_ROUTES[ACTIONS[path].route], { config: { ...RULE, records: { id: 'da_service_case' } } }, async (request, reply) => {
      const result = await CHANGES[path](userActor(request), idParam(request), request.body);
      if ('form' in result) return actionPage(request, reply, path, result.values, result.form, 400);
      return respond(request, reply, path, result);
    });
  }
}

/**
 * The action tracker's pages: the partnership hub and board dashboard (/partnership), the plans list, a new plan for
 * a source not held in Threshold, a plan's page (recommendations, actions, RAG counts, adding both, closing it), the
 * actions list the dashboard's figures link to, an action's page (details, timeline, the update form with an
 * optional evidence file, evidence downloads, the impact check) and "our actions" for partners' staff. Thin: parse,
 * authorise (the route's rule and the records it names), call the service (which audits), render.
 */
import multipart from '@fastify/multipart';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Code } from '../../domain/codes.js';
import { ACTION_STATUSES, BOARD_KINDS, EVIDENCE_TYPES_TEXT, MANUAL_SOURCE_KINDS, MAX_EVIDENCE_BYTES, PEER_REVIEW_QUOTE, PLAN_SOURCE_KINDS, RAGS, STATUS_TRANSITIONS, type ActionStatus, checkEvidenceFile, ragCounts } from '../../domain/actions.js';
import { requireUser, userActor } from '../../platform/authz.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { formatDate } from '../../platform/views.js';
import { actionForm, closeForm, impactForm, planForm, recommendationForm, updateForm } from './forms.js';
import { ACTION_ROUTES, actionPath, partnershipActionPath, planPath } from './paths.js';
import { actionRow, actionsHref, boardText, dashboardRow, doneMessage, filterText, hasPartnershipPermission, hubSections, ownerText, planRow, ragTag, sourceText, statusText, timelineItem } from './presenters.js';
import { type ActionFilter, type ActionService, type ActionState, type ActionViewer, type ChangeResult } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const STATES: readonly ActionState[] = ['open', 'overdue', 'on_track', 'completed', 'cancelled'];
const MANAGE_PLAN = { rule: 'partnership:manage', records: { id: 'action_plan.manage' } } as const;

const options = (codes: readonly Code[], selected: unknown, blank: string) => [{ value: '', text: blank }, ...codes.map((c) => ({ value: c.code, text: c.label, selected: selected === c.code }))];
const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: selected === c.code }));
const oneOf = (codes: readonly Code[], value: string) => (codes.some((c) => c.code === value) ? value : null);

function viewerOf(request: FastifyRequest): ActionViewer {
  const user = requireUser(request);
  return { ...userActor(request), permissions: user.permissions };
}

/** A multipart body's fields as a form body (values, and lists for repeated fields), and its one file part. */
function readMultipart(raw: unknown): { body: Values; file: { name: string; type: string; content: Buffer; truncated: boolean } | null; fileField: boolean } {
  const body: Values = {};
  let file: { name: string; type: string; content: Buffer; truncated: boolean } | null = null;
  let fileField = false;
  if (typeof raw !== 'object' || raw === null) return { body, file, fileField };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const parts = Array.isArray(value) ? value : [value];
    const texts: unknown[] = [];
    for (const part of parts) {
      const p = part as { type?: string; value?: unknown; filename?: string; mimetype?: string; _buf?: Buffer | null; file?: { truncated?: boolean } } | string;
      if (typeof p === 'object' && p !== null && p.type === 'file') {
        fileField = true;
        const content = p._buf ?? Buffer.alloc(0);
        if (key === 'file' && content.length > 0) file = { name: p.filename ?? 'evidence', type: p.mimetype ?? '', content, truncated: Boolean(p.file?.truncated) };
      } else if (typeof p === 'object' && p !== null && p.type === 'field') texts.push(p.value);
      else texts.push(p);
    }
    if (texts.length) body[key] = texts.length === 1 ? texts[0] : texts;
  }
  return { body, file, fileField };
}

export async function registerActionRoutes(app: FastifyInstance, services: { actions: ActionService }): Promise<void> {
  const { actions } = services;

  // ——— the partnership hub and board dashboard ———

  app.get(ACTION_ROUTES.dashboard, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    if (!hasPartnershipPermission(user.permissions)) throw forbidden('Your role takes no part in the safeguarding partnership’s work.');
    const follows = user.permissions.has('partnership:view') || user.permissions.has('partnership:manage');
    const dashboard = follows ? await actions.dashboard(viewerOf(request)) : null;
    return reply.view('actions/views/dashboard.njk', {
      pageTitle: 'Safeguarding partnership',
      sections: hubSections(user.permissions),
      dashboard: dashboard && {
        boards: dashboard.boards.map(dashboardRow),
        byAgency: dashboard.byAgency.map((a) => ({ name: a.agency_name, n: a.n, href: actionsHref({ state: 'overdue', agencyId: a.agency_id }) })),
        overdueHref: actionsHref({ state: 'overdue' }),
        today: formatDate(dashboard.today),
      },
    });
  });

  // ——— plans ———

  app.get(ACTION_ROUTES.plans, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const filter = { board: oneOf(BOARD_KINDS, queryString(request, 'board', 40)), sourceKind: oneOf(PLAN_SOURCE_KINDS, queryString(request, 'source', 40)), status: oneOf([{ code: 'open', label: '' }, { code: 'closed', label: '' }], queryString(request, 'status', 20)) };
    const page = pageParam(request);
    const list = await actions.listPlans(viewerOf(request), filter, page, PAGE_SIZE);
    const query = { board: filter.board ?? undefined, source: filter.sourceKind ?? undefined, status: filter.status ?? undefined };
    return reply.view('actions/views/plans.njk', {
      pageTitle: 'Action plans',
      rows: list.rows.map(planRow),
      total: list.total,
      boardOptions: options(BOARD_KINDS, filter.board, 'All boards'),
      sourceOptions: options(PLAN_SOURCE_KINDS, filter.sourceKind, 'All sources'),
      statusOptions: options([{ code: 'open', label: 'Open' }, { code: 'closed', label: 'Closed' }], filter.status, 'Open and closed'),
      canManage: requireUser(request).permissions.has('partnership:manage'),
      newPlanHref: actionPath('newPlan', {}),
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => actionPath('plans', {}, { ...query, page: p })),
      peerReview: PEER_REVIEW_QUOTE,
    });
  });

  async function newPlanPage(_request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    return reply.code(status).view('actions/views/new-plan.njk', {
      pageTitle: 'Make an action plan',
      values,
      errors,
      sourceItems: items(MANUAL_SOURCE_KINDS, values.sourceKind),
      boardItems: items(BOARD_KINDS, values.boardKind),
      shortItems: [
        { value: 'yes', text: 'Yes', checked: values.short === 'yes' },
        { value: 'no', text: 'No', checked: values.short === 'no' },
      ],
      peerReview: PEER_REVIEW_QUOTE,
      formAction: actionPath('newPlan', {}),
      backLink: { href: actionPath('plans', {}), text: 'Action plans' },
    });
  }

  app.get(ACTION_ROUTES.newPlan, { config: { rule: 'partnership:manage' } }, async (request, reply) => newPlanPage(request, reply, { short: 'yes', maxOpen: '5' }));

  app.post(ACTION_ROUTES.newPlan, { config: { rule: 'partnership:manage' } }, async (request, reply) => {
    const form = parseForm(planForm, request.body);
    if (!form.ok) return newPlanPage(request, reply, form.values, form.errors, 400);
    const v = form.value;
    const made = await actions.createPlan(userActor(request), { title: v.title, sourceKind: v.sourceKind as 'inspection' | 'peer_review', sourceTitle: v.sourceTitle, boardKind: v.boardKind, short: v.short, maxOpen: v.maxOpen ?? null });
    const body = (request.body ?? {}) as Values;
    if ('problems' in made) return newPlanPage(request, reply, body, errorsFrom(made.problems, body), 400);
    return reply.redirect(planPath(made.id, { done: 'plan' }), 303);
  });

  type Owners = Awaited<ReturnType<ActionService['owners']>>;
  const agencyCodes = (o: Owners): Code[] => o.agencies.map((a) => ({ code: a.id, label: a.name }));
  const userCodes = (o: Owners): Code[] => {
    const names = new Map(o.agencies.map((a) => [a.id, a.name]));
    return o.users.map((u) => ({ code: u.id, label: `${u.email} (${names.get(u.agency_id) ?? 'another agency'})` })).sort((a, b) => a.label.localeCompare(b.label));
  };

  async function planPage(request: FastifyRequest, reply: FastifyReply, form: { which?: string; values?: Values; errors?: FormErrors } = {}, status = 200) {
    const id = idParam(request);
    const viewer = viewerOf(request);
    const found = await actions.viewPlan(viewer, id);
    if (!found) throw notFound();
    const { plan, recommendations, today } = found;
    const canManage = viewer.permissions.has('partnership:manage') && plan.status === 'open';
    const owners = canManage ? await actions.owners(viewer.tenantId) : null;
    // Only the actions this viewer may open are links (a partner sees the plan, but opens only its own agency's actions).
    const v = actions.visibility(viewer);
    const opens = (ownerAgencyId: string) => v.all || (v.follows && !plan.restricted) || v.ownAgencyId === ownerAgencyId;
    const rows = found.actions.map((a) => ({ ...actionRow(a, today), href: opens(a.owner_agency_id) ? partnershipActionPath(a.id) : null, recommendationId: a.recommendation_id }));
    const values = form.values ?? {};
    const counts = ragCounts(found.actions.map((a) => ({ status: a.status, dueOn: a.due_on, rag: a.rag })), today);
    return reply.code(status).view('actions/views/plan.njk', {
      pageTitle: `Action plan ${plan.reference}: ${plan.title}`,
      plan,
      source: `${sourceText(plan.source_kind)}: ${plan.source_title}`,
      board: boardText(plan.board_kind),
      counts,
      shortText: plan.short && plan.max_open !== null ? `This is a short plan: it can have at most ${plan.max_open} open actions (${counts.open} open now).` : null,
      groups: [
        ...recommendations.map((r) => ({ title: `Recommendation ${r.position}`, text: r.text, actions: rows.filter((a) => a.recommendationId === r.id) })),
        ...(rows.some((a) => !a.recommendationId) ? [{ title: 'Actions not linked to a recommendation', text: null, actions: rows.filter((a) => !a.recommendationId) }] : []),
      ],
      canManage,
      closed: plan.status !== 'open',
      which: form.which,
      errors: form.errors,
      values,
      recommendationAction: actionPath('recommendation', { id }),
      newActionAction: actionPath('newAction', { id }),
      closeAction: actionPath('close', { id }),
      agencyOptions: owners ? options(agencyCodes(owners), values.ownerAgencyId, 'Choose the agency') : [],
      userOptions: owners ? options(userCodes(owners), values.ownerUserId, 'No user named') : [],
      recommendationOptions: options(recommendations.map((r) => ({ code: r.id, label: `Recommendation ${r.position}` })), values.recommendationId, 'Not linked to a recommendation'),
      ragItems: items(RAGS, values.rag ?? 'amber'),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: actionPath('plans', {}), text: 'Action plans' },
    });
  }

  app.get(ACTION_ROUTES.plan, { config: { rule: 'signed-in', records: { id: 'action_plan' } } }, async (request, reply) => planPage(request, reply));

  function afterPlanChange(request: FastifyRequest, reply: FastifyReply, which: string, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return planPage(request, reply, { which, values: body, errors: errorsFrom(result.problems, body) }, 400);
    return reply.redirect(planPath(idParam(request), { done }), 303);
  }

  app.post(ACTION_ROUTES.recommendation, { config: MANAGE_PLAN }, async (request, reply) => {
    const form = parseForm(recommendationForm, request.body);
    if (!form.ok) return planPage(request, reply, { which: 'recommendation', values: form.values, errors: form.errors }, 400);
    return afterPlanChange(request, reply, 'recommendation', await actions.addRecommendation(userActor(request), idParam(request), form.value.text), 'recommendation');
  });

  app.post(ACTION_ROUTES.newAction, { config: MANAGE_PLAN }, async (request, reply) => {
    const user = requireUser(request);
    const id = idParam(request);
    const owners = await actions.owners(user.tenantId);
    const found = await actions.viewPlan(viewerOf(request), id);
    if (!found) throw notFound();
    const form = parseForm(actionForm(agencyCodes(owners), userCodes(owners), found.recommendations.map((r) => ({ code: r.id, label: String(r.position) }))), request.body);
    if (!form.ok) return planPage(request, reply, { which: 'action', values: form.values, errors: form.errors }, 400);
    const v = form.value;
    const result = await actions.addAction(userActor(request), id, {
      description: v.description,
      ownerAgencyId: v.ownerAgencyId,
      ownerUserId: v.ownerUserId,
      ownerName: v.ownerName as string,
      dueOn: v.dueOn,
      recommendationId: v.recommendationId,
      rag: v.rag,
    });
    return afterPlanChange(request, reply, 'action', result, 'action');
  });

  app.post(ACTION_ROUTES.close, { config: MANAGE_PLAN }, async (request, reply) => {
    const form = parseForm(closeForm, request.body);
    if (!form.ok) return planPage(request, reply, { which: 'close', values: form.values, errors: form.errors }, 400);
    return afterPlanChange(request, reply, 'close', await actions.closePlan(userActor(request), idParam(request)), 'closed');
  });

  // ——— the actions list, "our actions" ———

  app.get(ACTION_ROUTES.actions, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const agency = queryString(request, 'agency', 40);
    const plan = queryString(request, 'plan', 40);
    const state = queryString(request, 'state', 20);
    const filter: ActionFilter = {
      board: oneOf(BOARD_KINDS, queryString(request, 'board', 40)),
      rag: oneOf(RAGS, queryString(request, 'rag', 20)),
      state: (STATES as readonly string[]).includes(state) ? (state as ActionState) : null,
      agencyId: isUuid(agency) ? agency : null,
      planId: isUuid(plan) ? plan : null,
    };
    const page = pageParam(request);
    const list = await actions.listActions(viewerOf(request), filter, page, PAGE_SIZE);
    const agencyName = filter.agencyId ? (list.rows[0]?.owner_agency_name ?? 'the agency chosen') : null;
    return reply.view('actions/views/actions.njk', {
      pageTitle: filterText(filter, agencyName),
      title: filterText(filter, agencyName),
      total: list.total,
      rows: list.rows.map((a) => actionRow(a, list.today)),
      boardOptions: options(BOARD_KINDS, filter.board, 'All boards'),
      ragOptions: options(RAGS, filter.rag, 'Any RAG'),
      stateOptions: options(STATES.map((s) => ({ code: s, label: { open: 'Open', overdue: 'Overdue', on_track: 'On track', completed: 'Completed', cancelled: 'Cancelled' }[s] })), filter.state, 'Any state'),
      hidden: { agency: filter.agencyId, plan: filter.planId },
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => `${actionsHref(filter)}${actionsHref(filter).includes('?') ? '&' : '?'}page=${p}`),
      backLink: { href: actionPath('dashboard', {}), text: 'Safeguarding partnership' },
    });
  });

  app.get(ACTION_ROUTES.ours, { config: { rule: 'actions:update' } }, async (request, reply) => {
    const page = pageParam(request);
    const state = queryString(request, 'state', 20) === 'overdue' ? 'overdue' : 'open';
    const list = await actions.ourActions(viewerOf(request), state, page, PAGE_SIZE);
    return reply.view('actions/views/ours.njk', {
      pageTitle: 'Our partnership actions',
      agencyName: requireUser(request).agencyName,
      state,
      tabs: [
        { text: 'Open', href: actionPath('ours', {}), current: state === 'open' },
        { text: 'Overdue', href: actionPath('ours', {}, { state: 'overdue' }), current: state === 'overdue' },
      ],
      total: list.total,
      rows: list.rows.map((a) => actionRow(a, list.today)),
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => actionPath('ours', {}, { ...(state === 'open' ? {} : { state }), page: p })),
      backLink: { href: actionPath('dashboard', {}), text: 'Safeguarding partnership' },
    });
  });

  // ——— an action ———

  async function actionPage(request: FastifyRequest, reply: FastifyReply, form: { which?: string; values?: Values; errors?: FormErrors } = {}, status = 200) {
    const id = idParam(request);
    const viewer = viewerOf(request);
    const found = await actions.viewAction(viewer, id);
    if (!found) throw notFound();
    const a = found.action;
    const owner = (await actions.actionAccess(requireUser(request), id, true))?.outcome === 'allow';
    const canUpdate = owner && a.plan_status === 'open';
    const values = form.values ?? {};
    const from = a.status as ActionStatus;
    const statuses = ACTION_STATUSES.filter((c) => c.code === from || (STATUS_TRANSITIONS[from] ?? []).includes(c.code as ActionStatus));
    return reply.code(status).view('actions/views/action.njk', {
      pageTitle: `Action ${a.reference}`,
      a,
      rag: ragTag(a.rag, a.status),
      row: actionRow(a, found.today),
      planHref: planPath(a.plan_id),
      summary: [
        { key: { text: 'Source' }, value: { text: `${sourceText(a.source_kind)}: ${a.source_title}` } },
        { key: { text: 'Board' }, value: { text: boardText(a.board_kind) } },
        { key: { text: 'Recommendation' }, value: a.recommendation ? { text: a.recommendation, classes: 'app-narrative' } : { text: 'Not linked to a recommendation' } },
        { key: { text: 'Owner' }, value: { text: ownerText(a) + (a.owner_user_name ? ` (user: ${a.owner_user_name})` : '') } },
        { key: { text: 'Due' }, value: { text: actionRow(a, found.today).due } },
        { key: { text: 'Status' }, value: { text: statusText(a.status) + (a.completed_on ? `, ${formatDate(a.completed_on)}` : '') } },
      ],
      timeline: found.updates.map((u) => timelineItem(u, id)),
      canUpdate,
      canCheckImpact: viewer.permissions.has('partnership:manage') && a.status === 'completed',
      which: form.which,
      errors: form.errors,
      values,
      statusItems: items(statuses, values.status ?? a.status),
      ragItems: items(RAGS, values.rag ?? a.rag),
      evidenceChecked: values.isEvidence === 'yes' || (Array.isArray(values.isEvidence) && values.isEvidence.includes('yes')),
      evidenceTypes: EVIDENCE_TYPES_TEXT,
      updateAction: actionPath('update', { id }),
      impactAction: actionPath('impact', { id }),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: planPath(a.plan_id), text: `Action plan ${a.plan_reference}` },
    });
  }

  app.get(ACTION_ROUTES.action, { config: { rule: 'signed-in', records: { id: 'partnership_action' } } }, async (request, reply) => actionPage(request, reply));

  app.get(ACTION_ROUTES.evidenceFile, { config: { rule: 'signed-in', records: { id: 'partnership_action' } } }, async (request, reply) => {
    const updateId = request.params && (request.params as Record<string, string>).updateId;
    if (!isUuid(updateId)) throw notFound();
    const file = await actions.evidence(viewerOf(request), idParam(request), updateId);
    if (!file) throw notFound();
    return reply
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename="${file.name.replace(/["\\]/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });

  app.post(ACTION_ROUTES.impact, { config: { rule: 'partnership:manage', records: { id: 'partnership_action' } } }, async (request, reply) => {
    const form = parseForm(impactForm, request.body);
    if (!form.ok) return actionPage(request, reply, { which: 'impact', values: form.values, errors: form.errors }, 400);
    const result = await actions.recordImpact(userActor(request), idParam(request), form.value.impact);
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return actionPage(request, reply, { which: 'impact', values: body, errors: errorsFrom(result.problems, body) }, 400);
    return reply.redirect(partnershipActionPath(idParam(request), { done: 'impact' }), 303);
  });

  // The update form takes an optional evidence file: multipart, in a scope of its own with its limits. A file over
  // the limit is cut short (not thrown), so the form can say so by name.
  await app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 10, parts: 12 }, throwFileSizeLimit: false });

    scope.post(ACTION_ROUTES.update, { config: { rule: 'signed-in', records: { id: 'partnership_action.owner' } } }, async (request, reply) => {
      const multipartBody = request.isMultipart();
      const { body, file } = multipartBody ? readMultipart(request.body) : { body: (request.body ?? {}) as Values, file: null };
      const form = parseForm(updateForm, body);
      const checked = file ? checkEvidenceFile({ name: file.name, declaredType: file.type, content: file.content, truncated: file.truncated }) : null;
      const fileProblem = checked && !checked.ok ? checked.problem : null;
      if (!form.ok || fileProblem) {
        const errors = form.ok ? errorsFrom({ file: fileProblem! }, body) : fileProblem ? { summary: [...form.errors.summary, { text: fileProblem, href: '#file' }], fields: { ...form.errors.fields, file: { text: fileProblem } } } : form.errors;
        return actionPage(request, reply, { which: 'update', values: form.ok ? body : form.values, errors }, 400);
      }
      const v = form.value;
      const result = await actions.updateAction(userActor(request), idParam(request), {
        note: v.note,
        status: v.status,
        rag: v.rag,
        isEvidence: v.isEvidence.includes('yes'),
        file: checked && checked.ok ? { ...checked, content: file!.content } : null,
      });
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return actionPage(request, reply, { which: 'update', values: body, errors: errorsFrom(result.problems, body) }, 400);
      return reply.redirect(partnershipActionPath(idParam(request), { done: 'updated' }), 303);
    });
  });
}

/**
 * Early help pages: the early help service's worklist, a lead practitioner's families, the episode and its explicit
 * actions (the family contacted, triage, the assessment started and completed, the team around the family, a step
 * up to children's social care, the close). Thin: parse, authorise (the route's rule and the records it names),
 * call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type RecordKind } from '../../domain/access.js';
import { EARLY_HELP_CLOSURE_REASONS } from '../../domain/children.js';
import { CONCERNS, CONSENT } from '../../domain/codes.js';
import { type EpisodeAction, actionProblem } from '../../domain/early-help.js';
import { type Permission } from '../../domain/roles.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { closeForm, completeEhaForm, contactedForm, removeMemberForm, stepUpForm, teamForm, triageForm } from './forms.js';
import { EARLY_HELP_ROUTES, earlyHelpPath, episodePath } from './paths.js';
import { SHOW_TITLES, childRows, clockRows, doneMessage, listRow, stageOf, stageTag, summaryRows, tabs, teamRows } from './presenters.js';
import { type ChangeResult, type EarlyHelpService, type WorklistShow, stateOf } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const SHOWS: readonly WorklistShow[] = ['new', 'overdue', 'open', 'closed'];

/** Each explicit action on an episode: its page, who may take it, the record it opens and the rule it must pass. */
const ACTIONS = {
  contacted: { view: 'contacted', title: 'Record contact with the family', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'contacted' },
  triage: { view: 'triage', title: 'Triage: choose who leads', rule: 'early_help:manage', record: 'early_help_episode.lead', action: 'triage' },
  startEha: { view: 'start-eha', title: 'Start the early help assessment', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'start_eha' },
  completeEha: { view: 'complete-eha', title: 'Complete the early help assessment', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'complete_eha' },
  team: { view: 'team', title: 'Team around the family', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'team' },
  stepUp: { view: 'step-up', title: 'Step up to children’s social care', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'step_up' },
  close: { view: 'close', title: 'Close the early help episode', rule: 'early_help:lead', record: 'early_help_episode.lead', action: 'close' },
} as const satisfies Record<string, { view: string; title: string; rule: Permission; record: RecordKind; action: EpisodeAction }>;
type ActionPath = keyof typeof ACTIONS;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function items(codes: readonly { code: string; label: string }[], selected: unknown) {
  const chosen = list(selected);
  return codes.map((c) => ({ value: c.code, text: c.label, checked: chosen.includes(c.code) }));
}

export function registerEarlyHelpRoutes(app: FastifyInstance, services: { earlyHelp: EarlyHelpService }): void {
  const { earlyHelp } = services;

  // ——— the early help service's worklist ———

  app.get(EARLY_HELP_ROUTES.worklist, { config: { rule: 'early_help:manage' } }, async (request, reply) => {
    const raw = queryString(request, 'show', 20);
    const show: WorklistShow = (SHOWS as readonly string[]).includes(raw) ? (raw as WorklistShow) : 'new';
    const page = pageParam(request);
    const w = await earlyHelp.worklist(userActor(request), show, page, PAGE_SIZE);
    return reply.view('early-help/views/worklist.njk', {
      pageTitle: 'Early help',
      show,
      showTitle: SHOW_TITLES[show],
      counts: w.counts,
      tabs: tabs(show, w.counts, (s) => earlyHelpPath('worklist', {}, { show: s })),
      rows: w.rows.map((r) => listRow(r, w.calendar, w.now)),
      total: w.total,
      pagination: pagination(page, w.total, PAGE_SIZE, (p) => earlyHelpPath('worklist', {}, { show, page: p })),
      oursHref: earlyHelpPath('ours', {}),
    });
  });

  // ——— a lead practitioner's families ———

  app.get(EARLY_HELP_ROUTES.ours, { config: { rule: 'early_help:lead' } }, async (request, reply) => {
    const show = queryString(request, 'show', 10) === 'overdue' ? 'overdue' : 'all';
    const page = pageParam(request);
    const o = await earlyHelp.ours(userActor(request), page, PAGE_SIZE, show);
    const query = show === 'overdue' ? { show } : {};
    return reply.view('early-help/views/ours.njk', {
      pageTitle: 'Our early help families',
      agencyName: requireUser(request).agencyName,
      show,
      tabs: [
        { text: `All our families (${o.counts.all.toLocaleString('en-GB')})`, href: earlyHelpPath('ours', {}), current: show === 'all' },
        { text: `Deadline overdue (${o.counts.overdue.toLocaleString('en-GB')})`, href: earlyHelpPath('ours', {}, { show: 'overdue' }), current: show === 'overdue' },
      ],
      rows: o.rows.map((r) => listRow(r, o.calendar, o.now)),
      total: o.total,
      pagination: pagination(page, o.total, PAGE_SIZE, (p) => earlyHelpPath('ours', {}, { ...query, page: p })),
      worklistHref: can(request, 'early_help:manage') ? earlyHelpPath('worklist', {}) : null,
    });
  });

  // ——— the episode ———

  app.get(EARLY_HELP_ROUTES.episode, { config: { rule: 'early_help:lead', records: { id: 'early_help_episode' } } }, async (request, reply) => {
    const actor = userActor(request);
    const found = await earlyHelp.view(actor, idParam(request));
    if (!found) throw notFound();
    const e = found.episode;
    const state = stateOf(e);
    const works = e.lead_agency_id === actor.agencyId || (can(request, 'early_help:manage') && found.councilAgencyId === actor.agencyId);
    const may = (path: ActionPath) => works && can(request, ACTIONS[path].rule) && actionProblem(state, ACTIONS[path].action) === null;
    const link = (path: ActionPath) => earlyHelpPath(path, { id: e.id });
    return reply.view('early-help/views/episode.njk', {
      pageTitle: `The ${e.family_name} family: early help ${e.reference}`,
      e,
      stage: stageTag(stageOf(e)),
      summary: summaryRows(e),
      clocks: clockRows(e, found.calendar, found.now),
      children: childRows(found.children, found.now),
      team: teamRows(e.lead_agency_name, e.team ?? [], found.agencies),
      flash: doneMessage(queryString(request, 'done', 20)),
      actions: (Object.keys(ACTIONS) as ActionPath[]).filter(may).map((p) => ({ href: link(p), text: ACTIONS[p].title })),
      backLink: { href: can(request, 'early_help:manage') ? earlyHelpPath('worklist', {}) : earlyHelpPath('ours', {}), text: 'Early help' },
    });
  });

  async function actionPage(request: FastifyRequest, reply: FastifyReply, path: ActionPath, values: Values = {}, errors?: FormErrors, status = 200) {
    const actor = userActor(request);
    const id = idParam(request);
    const found = await earlyHelp.view(actor, id, path);
    if (!found) throw notFound();
    const e = found.episode;
    const spec = ACTIONS[path];
    if (status === 200 && actionProblem(stateOf(e), spec.action)) return reply.redirect(episodePath(id), 303);
    const choices = path === 'triage' ? await earlyHelp.leadChoices(actor.tenantId) : null;
    const inTeam = new Set([e.lead_agency_id, ...(e.team ?? []).map((m) => m.agencyId)]);
    return reply.code(status).view(`early-help/views/${spec.view}.njk`, {
      pageTitle: `${spec.title}: the ${e.family_name} family`,
      title: spec.title,
      e,
      values,
      errors,
      children: childRows(found.children, found.now),
      team: teamRows(e.lead_agency_name, e.team ?? [], found.agencies),
      engagedItems: [
        { value: 'yes', text: 'Yes, the family agreed to early help', checked: values.engaged === 'yes' },
        { value: 'no', text: 'No, not yet', checked: values.engaged === 'no' },
      ],
      agencyItems: choices ? choices.agencies.map((a) => ({ value: a.id, text: a.name, checked: values.leadAgencyId === a.id })) : [],
      practitionerItems: choices
        ? [{ value: '', text: 'The lead agency will choose' }, ...choices.practitioners.map((p) => ({ value: p.id, text: `${p.display_name} (${p.agency_name})`, selected: values.leadUserId === p.id }))]
        : [],
      memberItems: [{ value: '', text: 'Select an agency' }, ...found.agencies.filter((a) => !inTeam.has(a.id)).map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id }))],
      removeAction: earlyHelpPath('removeMember', { id }),
      concernItems: items(CONCERNS, values.concerns),
      consentItems: items(CONSENT.filter((c) => c.code !== 'overridden'), values.consent),
      reasonItems: items(EARLY_HELP_CLOSURE_REASONS, values.reason),
      formAction: earlyHelpPath(path, { id }),
      backLink: { href: episodePath(id), text: 'Back to the episode' },
    });
  }

  for (const path of Object.keys(ACTIONS) as ActionPath[]) {
    const spec = ACTIONS[path];
    app.get(EARLY_HELP_ROUTES[path], { config: { rule: spec.rule, records: { id: spec.record } } }, async (request, reply) => actionPage(request, reply, path));
  }

  type Actor = ReturnType<typeof userActor>;
  type Change = (actor: Actor, id: string, body: unknown, request: FastifyRequest) => Promise<{ form: FormErrors; values: Values } | { result: ChangeResult; done: string }>;

  const CHANGES: Record<ActionPath, Change> = {
    contacted: async (actor, id, body) => {
      const form = parseForm(contactedForm, body);
      return form.ok ? { result: await earlyHelp.recordContacted(actor, id, form.value), done: 'contacted' } : { form: form.errors, values: form.values };
    },
    triage: async (actor, id, body) => {
      const form = parseForm(triageForm, body);
      return form.ok ? { result: await earlyHelp.triage(actor, id, form.value), done: 'triaged' } : { form: form.errors, values: form.values };
    },
    startEha: async (actor, id, body) => {
      const form = parseForm(noFields, body);
      return form.ok ? { result: await earlyHelp.startEha(actor, id), done: 'started' } : { form: form.errors, values: form.values };
    },
    completeEha: async (actor, id, body) => {
      const form = parseForm(completeEhaForm, body);
      return form.ok ? { result: await earlyHelp.completeEha(actor, id, form.value), done: 'completed' } : { form: form.errors, values: form.values };
    },
    team: async (actor, id, body) => {
      const form = parseForm(teamForm, body);
      return form.ok ? { result: await earlyHelp.addMember(actor, id, form.value), done: 'team' } : { form: form.errors, values: form.values };
    },
    stepUp: async (actor, id, body, request) => {
      const form = parseForm(stepUpForm, body);
      if (!form.ok) return { form: form.errors, values: form.values };
      const result = await earlyHelp.stepUp(actor, id, { ...form.value, referrerName: requireUser(request).displayName });
      return { result, done: 'stepped_up' };
    },
    close: async (actor, id, body) => {
      const form = parseForm(closeForm, body);
      return form.ok ? { result: await earlyHelp.close(actor, id, form.value), done: 'closed' } : { form: form.errors, values: form.values };
    },
  };

  function respond(request: FastifyRequest, reply: FastifyReply, path: ActionPath, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return actionPage(request, reply, path, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(episodePath(idParam(request), { done }), 303);
  }

  for (const path of Object.keys(CHANGES) as ActionPath[]) {
    const spec = ACTIONS[path];
    app.post(EARLY_HELP_ROUTES[path], { config: { rule: spec.rule, records: { id: spec.record } } }, async (request, reply) => {
      const changed = await CHANGES[path](userActor(request), idParam(request), request.body, request);
      if ('form' in changed) return actionPage(request, reply, path, changed.values, changed.form, 400);
      return respond(request, reply, path, changed.result, changed.done);
    });
  }

  app.post(EARLY_HELP_ROUTES.removeMember, { config: { rule: 'early_help:lead', records: { id: 'early_help_episode.lead' } } }, async (request, reply) => {
    const form = parseForm(removeMemberForm, request.body);
    if (!form.ok) return actionPage(request, reply, 'team', form.values, form.errors, 400);
    const result = await earlyHelp.removeMember(userActor(request), idParam(request), form.value);
    return respond(request, reply, 'team', result, 'team');
  });
}

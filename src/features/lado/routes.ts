/**
 * The LADO's pages: the designated officer's worklist (to decide within 1 working day, open in the LADO process with
 * their age, those open over 3 months with the reason, advice given, closed), an allegation with each step on a page
 * of its own (details, threshold decision, allegation management meeting, police status, why it is still open,
 * outcome with the employer's actions, close), and the employer's pages (its own referrals, the actions its agency
 * owns, the employer's own actions). Thin: parse, authorise (the route's rule and the records it names), call the
 * service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Code } from '../../domain/codes.js';
import {
  EMPLOYER_ACTIONS,
  LADO_CATEGORIES,
  LADO_DECISIONS,
  LADO_OUTCOMES,
  LADO_SECTORS,
  type LadoStep,
  MEETING_ROLES,
  OPEN_REASONS,
  POLICE_STATUSES,
  POLICE_TRANSITIONS,
  type PoliceStatus,
  REGULATORS,
  decodeEmployerAction,
  openSteps,
  stepProblem,
} from '../../domain/lado.js';
import { requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { ACTION_ROWS, ATTENDEE_ROWS, actionDoneForm, actionsFrom, closeForm, decisionForm, detailsForm, employerActionForm, meetingForm, outcomeForm, policeForm, reasonForm } from './forms.js';
import { LADO_ROUTES, allegationPath, employerAllegationPath, ladoPath } from './paths.js';
import { SHOW_TITLES, actionRow, codeText, doneMessage, employerActionsText, employerRow, listRow, meetingCard, stageTag, summaryRows } from './presenters.js';
import { type ChangeResult, type LadoService, type WorklistShow, stateOf } from './service.js';

type Values = Record<string, unknown>;
type Found = NonNullable<Awaited<ReturnType<LadoService['view']>>>;
const PAGE_SIZE = 25;
/** The worklist's tabs; `late` and `no_reason` are filters within `decide` and `over` (the home page's counts). */
const TABS: readonly WorklistShow[] = ['decide', 'open', 'over', 'advice', 'closed'];
const SHOWS: readonly WorklistShow[] = [...TABS, 'late', 'no_reason'];
const OWNED = { rule: 'lado:work', records: { id: 'lado_allegation.owned' } } as const;
const EMPLOYER = { rule: 'lado:employer', records: { id: 'lado_allegation.employer' } } as const;

const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code }));
const options = (codes: readonly Code[], selected: unknown, blank: string) => [{ value: '', text: blank }, ...codes.map((c) => ({ value: c.code, text: c.label, selected: selected === c.code }))];
const dateValues = (name: string, date: string | null | undefined) => {
  const [y, m, d] = (date ?? '').split('-');
  return date ? { [`${name}-day`]: d?.replace(/^0/, ''), [`${name}-month`]: m?.replace(/^0/, ''), [`${name}-year`]: y } : {};
};

const STEP_TITLES: Record<LadoStep, string> = {
  details: 'The allegation’s details',
  decide: 'Threshold decision',
  meeting: 'Record an allegation management meeting',
  police: 'Update the police status',
  reason: 'Why it is still open',
  outcome: 'Outcome and the employer’s actions',
  close: 'Close the allegation',
};

export function registerLadoRoutes(app: FastifyInstance, services: { lado: LadoService }): void {
  const { lado } = services;

  // ——— the designated officer's worklist ———

  app.get(LADO_ROUTES.worklist, { config: { rule: 'lado:work' } }, async (request, reply) => {
    const raw = queryString(request, 'show', 20);
    const show: WorklistShow = (SHOWS as readonly string[]).includes(raw) ? (raw as WorklistShow) : 'decide';
    const page = pageParam(request);
    const w = await lado.worklist(userActor(request), show, page, PAGE_SIZE);
    return reply.view('lado/views/worklist.njk', {
      pageTitle: 'Allegations against people who work with children',
      show,
      showTitle: SHOW_TITLES[show],
      counts: w.counts,
      months: w.months,
      median: w.median,
      tabs: TABS.map((s) => ({ text: `${SHOW_TITLES[s]} (${w.counts[s]})`, href: ladoPath('worklist', {}, { show: s }), current: s === show })),
      within: show === 'late' ? { text: SHOW_TITLES.late, all: ladoPath('worklist', {}, { show: 'decide' }), allText: 'every allegation to decide' } : show === 'no_reason' ? { text: SHOW_TITLES.no_reason, all: ladoPath('worklist', {}, { show: 'over' }), allText: 'every allegation open over 3 months' } : null,
      lateHref: ladoPath('worklist', {}, { show: 'late' }),
      noReasonHref: ladoPath('worklist', {}, { show: 'no_reason' }),
      total: w.total,
      rows: w.rows.map((r) => listRow(r, show, w.calendar, w.now, w.today, w.months)),
      pagination: pagination(page, w.total, PAGE_SIZE, (p) => ladoPath('worklist', {}, { show, page: p })),
    });
  });

  // ——— an allegation ———

  app.get(LADO_ROUTES.allegation, { config: { rule: 'lado:work', records: { id: 'lado_allegation' } } }, async (request, reply) => {
    const id = idParam(request);
    const found = await lado.view(userActor(request), id);
    if (!found) throw notFound();
    const a = found.allegation;
    return reply.view('lado/views/allegation.njk', {
      pageTitle: `Allegation ${a.reference}: ${a.adult_name}`,
      a,
      stage: stageTag(a),
      summary: summaryRows(a, found.calendar, found.now, found.today, found.months),
      children: found.children,
      meetings: found.meetings.map((m) => meetingCard(m, found.actions, found.today)),
      otherActions: found.actions.filter((x) => !x.meeting_id).map((x) => actionRow(x, found.today)),
      steps: openSteps(stateOf(a)).map((s) => ({ href: ladoPath(s, { id }), text: STEP_TITLES[s] })),
      heldForPolice: a.status === 'in_process' && !a.outcome ? stepProblem(stateOf(a), 'outcome') : null,
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: ladoPath('worklist', {}), text: 'Allegations' },
    });
  });

  // ——— each step on a page of its own ———

  const agencyCodes = (found: Found): Code[] => found.agencies.map((a) => ({ code: a.id, label: a.name }));

  interface Step {
    route: LadoStep;
    page: (found: Found, values: Values) => Values;
    save: (request: FastifyRequest, found: Found) => Promise<{ form: FormErrors; values: Values } | ChangeResult>;
    done: string;
  }

  const STEPS: Step[] = [
    {
      route: 'details',
      page: (found, values) => {
        const a = found.allegation;
        const v = (k: string, current: unknown) => (k in values ? values[k] : current);
        const agencies = agencyCodes(found);
        return {
          adultName: v('adultName', a.adult_name),
          roleTitle: v('roleTitle', a.role_title) ?? '',
          employerOptions: options(agencies, v('employerAgencyId', a.employer_agency_id), 'Not in the list'),
          employerName: v('employerName', a.employer_agency_id ? '' : a.employer_name) ?? '',
          sectorOptions: options(LADO_SECTORS, v('sector', a.sector), 'Choose the sector'),
          categoryOptions: options(LADO_CATEGORIES, v('category', a.category), 'Choose the category'),
          whatHappened: v('whatHappened', a.what_happened),
          childNames: v('children', found.children.map((c) => c.name).join('\n')) ?? '',
        };
      },
      save: async (request, found) => {
        const form = parseForm(detailsForm(agencyCodes(found)), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.updateDetails(userActor(request), found.allegation.id, { ...form.value, adultName: form.value.adultName as string });
      },
      done: 'details',
    },
    {
      route: 'decide',
      page: (found, values) => ({
        category: codeText(LADO_CATEGORIES, found.allegation.category),
        sector: codeText(LADO_SECTORS, found.allegation.sector),
        decisionItems: items(LADO_DECISIONS, values.decision),
        reason: values.reason ?? '',
        detailsHref: ladoPath('details', { id: found.allegation.id }),
      }),
      save: async (request, found) => {
        const form = parseForm(decisionForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.decide(userActor(request), found.allegation.id, form.value);
      },
      done: 'decided',
    },
    {
      route: 'meeting',
      page: (found, values) => {
        const agencies = agencyCodes(found);
        const a = found.allegation;
        const police = found.agencies.find((x) => x.type === 'police')?.id;
        const defaults: { role: string; agency: string | null | undefined }[] = [
          { role: 'lado', agency: a.owning_agency_id },
          { role: 'police', agency: police },
          { role: 'employer', agency: a.employer_agency_id },
          { role: 'hr', agency: a.employer_agency_id },
        ];
        const first = Object.keys(values).length === 0;
        return {
          attendees: Array.from({ length: ATTENDEE_ROWS }, (_, i) => {
            const n = i + 1;
            const d = first ? defaults[i] : undefined;
            return {
              n,
              roleOptions: options(MEETING_ROLES, first ? d?.role : values[`role${n}`], 'Choose their part'),
              agencyOptions: options(agencies, first ? d?.agency : values[`agency${n}`], 'Choose an agency'),
              name: values[`name${n}`] ?? '',
            };
          }),
          actions: Array.from({ length: ACTION_ROWS }, (_, i) => {
            const n = i + 1;
            return { n, description: values[`action${n}`] ?? '', ownerOptions: options(agencies, values[`owner${n}`], 'Choose an agency'), ownerName: values[`ownerName${n}`] ?? '' };
          }),
          decisions: values.decisions ?? '',
        };
      },
      save: async (request, found) => {
        const agencies = agencyCodes(found);
        const form = parseForm(meetingForm(agencies), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value as Record<string, unknown> & { heldAt: Date; decisions: string; reviewOn: string | null };
        const attendees = [];
        for (let i = 1; i <= ATTENDEE_ROWS; i += 1) {
          if (v[`name${i}`]) attendees.push({ agencyId: (v[`agency${i}`] as string | null) ?? null, name: String(v[`name${i}`]), role: String(v[`role${i}`]) });
        }
        const actions = [];
        for (let i = 1; i <= ACTION_ROWS; i += 1) {
          if (v[`action${i}`]) actions.push({ description: String(v[`action${i}`]), ownerAgencyId: (v[`owner${i}`] as string | null) ?? null, ownerName: (v[`ownerName${i}`] as string | null) ?? null, dueOn: String(v[`due${i}`]) });
        }
        return lado.recordMeeting(userActor(request), found.allegation.id, { heldAt: v.heldAt, attendees, decisions: v.decisions, reviewOn: v.reviewOn, actions });
      },
      done: 'meeting',
    },
    {
      route: 'police',
      page: (found, values) => {
        const from = found.allegation.police_status as PoliceStatus;
        const next = (POLICE_TRANSITIONS[from] ?? []) as readonly string[];
        return { current: codeText(POLICE_STATUSES, from), statusItems: items(POLICE_STATUSES.filter((c) => next.includes(c.code)), values.policeStatus) };
      },
      save: async (request, found) => {
        const form = parseForm(policeForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.updatePolice(userActor(request), found.allegation.id, form.value);
      },
      done: 'police',
    },
    {
      route: 'reason',
      page: (found, values) => ({ reasonItems: items(OPEN_REASONS, 'openReason' in values ? values.openReason : found.allegation.open_reason) }),
      save: async (request, found) => {
        const form = parseForm(reasonForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.recordReason(userActor(request), found.allegation.id, form.value);
      },
      done: 'reason',
    },
    {
      route: 'outcome',
      page: (found, values) => {
        const a = found.allegation;
        const stored = a.employer_actions.map(decodeEmployerAction);
        const first = Object.keys(values).length === 0;
        const on = (code: string) => stored.find((x) => x.code === code)?.on ?? null;
        const start = first
          ? {
              outcome: a.outcome,
              employerActions: stored.map((x) => x.code),
              regulator: stored.find((x) => x.code === 'regulator_referral')?.regulator ?? null,
              ...dateValues('outcomeOn', a.outcome_on),
              ...dateValues('suspensionOn', on('suspension')),
              ...dateValues('dismissalOn', on('dismissal')),
              ...dateValues('dbsOn', on('dbs_referral')),
              ...dateValues('regulatorOn', on('regulator_referral')),
            }
          : values;
        return {
          values: start,
          outcomeItems: items(LADO_OUTCOMES, start.outcome),
          actionCodes: EMPLOYER_ACTIONS,
          actionChecked: Object.fromEntries(EMPLOYER_ACTIONS.map((c) => [c.code, (Array.isArray(start.employerActions) ? start.employerActions : [start.employerActions]).includes(c.code)])),
          regulatorOptions: options(REGULATORS, start.regulator, 'Choose the regulator'),
        };
      },
      save: async (request, found) => {
        const form = parseForm(outcomeForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.recordOutcome(userActor(request), found.allegation.id, { outcome: form.value.outcome, outcomeOn: form.value.outcomeOn, actions: actionsFrom(form.value) });
      },
      done: 'outcome',
    },
    {
      route: 'close',
      page: (found) => ({ outcome: codeText(LADO_OUTCOMES, found.allegation.outcome), actions: employerActionsText(found.allegation.employer_actions) }),
      save: async (request, found) => {
        const form = parseForm(closeForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return lado.close(userActor(request), found.allegation.id);
      },
      done: 'closed',
    },
  ];

  async function stepPage(request: FastifyRequest, reply: FastifyReply, step: Step, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await lado.view(userActor(request), id, step.route);
    if (!found) throw notFound();
    const blocked = stepProblem(stateOf(found.allegation), step.route);
    if (status === 200 && blocked) return reply.redirect(allegationPath(id), 303);
    return reply.code(status).view(`lado/views/${step.route}.njk`, {
      pageTitle: `${STEP_TITLES[step.route]}: ${found.allegation.reference}`,
      title: STEP_TITLES[step.route],
      a: found.allegation,
      values,
      errors,
      formAction: ladoPath(step.route, { id }),
      backLink: { href: allegationPath(id), text: 'Back to the allegation' },
      ...step.page(found, values),
    });
  }

  for (const step of STEPS) {
    app.get(LADO_ROUTES[step.route], { config: OWNED }, async (request, reply) => stepPage(request, reply, step));
    app.post(LADO_ROUTES[step.route], { config: OWNED }, async (request, reply) => {
      const found = await lado.view(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      const result = await step.save(request, found);
      if ('form' in result) return stepPage(request, reply, step, result.values, result.form, 400);
      if ('notFound' in result) throw notFound();
      const body = (request.body ?? {}) as Values;
      if ('problems' in result) return stepPage(request, reply, step, body, errorsFrom(result.problems, body), 400);
      return reply.redirect(allegationPath(found.allegation.id, { done: step.done }), 303);
    });
  }

  // ——— the employer ———

  app.get(LADO_ROUTES.employer, { config: { rule: 'lado:employer' } }, async (request, reply) => {
    const show = queryString(request, 'show', 10) === 'open' ? 'open' : 'all';
    const page = pageParam(request);
    const list = await lado.employerList(userActor(request), page, PAGE_SIZE, show);
    return reply.view('lado/views/employer.njk', {
      pageTitle: 'Allegations about your staff',
      agencyName: requireUser(request).agencyName,
      tabs: [
        { text: `All (${list.counts.all})`, href: ladoPath('employer', {}), current: show === 'all' },
        { text: `Still open (${list.counts.open})`, href: ladoPath('employer', {}, { show: 'open' }), current: show === 'open' },
      ],
      rows: list.rows.map(employerRow),
      total: list.total,
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => ladoPath('employer', {}, { ...(show === 'open' ? { show } : {}), page: p })),
    });
  });

  async function employerPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await lado.employerView(userActor(request), id);
    if (!found) throw notFound();
    const a = found.allegation;
    return reply.code(status).view('lado/views/employer-allegation.njk', {
      pageTitle: `Allegation ${a.reference}: ${a.adult_name}`,
      a,
      stage: stageTag(a),
      outcome: a.outcome ? codeText(LADO_OUTCOMES, a.outcome) : null,
      employerActions: employerActionsText(a.employer_actions),
      actions: found.actions.map((x) => actionRow(x, found.today)),
      meetingsHeld: found.meetingsHeld,
      reviewOn: found.reviewOn,
      open: a.status !== 'closed',
      actionItems: items(EMPLOYER_ACTIONS, values.action),
      regulatorOptions: options(REGULATORS, values.regulator, 'Not a regulator referral'),
      values,
      errors,
      flash: doneMessage(queryString(request, 'done', 20)),
      actionFormAction: ladoPath('employerAction', { id }),
      doneFormAction: ladoPath('employerActionDone', { id }),
      backLink: { href: ladoPath('employer', {}), text: 'Allegations about your staff' },
    });
  }

  app.get(LADO_ROUTES.employerAllegation, { config: EMPLOYER }, async (request, reply) => employerPage(request, reply));

  function respond(request: FastifyRequest, reply: FastifyReply, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return employerPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(employerAllegationPath(idParam(request), { done }), 303);
  }

  app.post(LADO_ROUTES.employerAction, { config: EMPLOYER }, async (request, reply) => {
    const form = parseForm(employerActionForm, request.body);
    if (!form.ok) return employerPage(request, reply, form.values, form.errors, 400);
    if (form.value.action === 'regulator_referral' && !form.value.regulator) {
      const body = (request.body ?? {}) as Values;
      return employerPage(request, reply, body, errorsFrom({ regulator: 'Select the regulator your organisation referred to' }, body), 400);
    }
    return respond(request, reply, await lado.employerAction(userActor(request), idParam(request), form.value), 'action');
  });

  app.post(LADO_ROUTES.employerActionDone, { config: EMPLOYER }, async (request, reply) => {
    const form = parseForm(actionDoneForm, request.body);
    if (!form.ok) return employerPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await lado.employerActionDone(userActor(request), idParam(request), form.value), 'done');
  });
}

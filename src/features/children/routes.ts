/**
 * Children's social care pages: the caseload, a child's case (referral, assessment, strategy discussions, section
 * 47, conferences, plans) with each step on a page of its own, the conference chair's diary and the record of a
 * conference, partners' conference reports from their own queue, and a plan with its visits, core groups and
 * reviews. Thin: parse, call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  ATTENDANCE,
  CIN_REVIEW_DECISIONS,
  CLOSURE_REASONS,
  CONFERENCE_DECISIONS,
  CP_CATEGORIES,
  PARENT_PARTICIPATION,
  PLAN_END_REASONS,
  PRIMARY_NEEDS,
  REPORT_VIEWS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  STRATEGY_REQUIRED_AGENCY_TYPES,
  VIEWS_GATHERED,
  type Participant,
} from '../../domain/children.js';
import { type Code, labelOf } from '../../domain/codes.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { PARTICIPANT_ROWS, allocateForm, assessmentForm, authoriseForm, closeForm, conferenceForm, coreGroupForm, endPlanForm, reportForm, reviewForm, s47Form, scheduleForm, strategyForm, visitForm } from './forms.js';
import { CHILDREN_ROUTES, casePath, childrenPath, conferencePath, planPath } from './paths.js';
import {
  assessmentRows,
  caseDueLinks,
  caseDueWords,
  caseRow,
  caseStatusTag,
  caseSteps,
  conferenceRows,
  conferenceStatusTag,
  conferenceTitle,
  coreGroupTable,
  diaryRow,
  dueOnTag,
  inviteRow,
  parseCaseDue,
  planLink,
  planRows,
  planSteps,
  referralRows,
  reportQueueRow,
  reviewTable,
  s47Rows,
  stageOf,
  strategyCard,
  visitTable,
} from './presenters.js';
import { type CaseView, type ReportShow } from './repository.js';
import { type ChangeResult, type ChildrenService } from './service.js';

type Values = Record<string, unknown>;
type Found = NonNullable<Awaited<ReturnType<ChildrenService['view']>>>;
type FoundPlan = NonNullable<Awaited<ReturnType<ChildrenService['plan']>>>;

const VIEWS: Record<CaseView, string> = { mine: 'My cases', unallocated: 'Not allocated', to_authorise: 'Assessments to authorise', open: 'All open cases' };
const isView = (v: string): v is CaseView => Object.hasOwn(VIEWS, v);
const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code }));
const options = (codes: readonly Code[], selected: unknown, blank: string) => [{ value: '', text: blank }, ...codes.map((c) => ({ value: c.code, text: c.label, selected: selected === c.code }))];
const CASE = { records: { id: 'csc_referral.owned' } } as const;
const PLAN = { rule: 'csc:work', records: { id: 'child_plan.owned' } } as const;

export function registerChildrenRoutes(app: FastifyInstance, services: { children: ChildrenService }): void {
  const { children } = services;

  async function codesOf(request: FastifyRequest) {
    const user = requireUser(request);
    const [workers, chairs, agencies] = await Promise.all([children.workers(user), children.chairs(user), children.partnerAgencies(user)]);
    return {
      workers: workers.map((w) => ({ code: w.id, label: w.display_name })),
      chairs: chairs.map((w) => ({ code: w.id, label: w.display_name })),
      agencies: agencies.map((a) => ({ code: a.id, label: a.name, type: a.type })),
      partners: agencies.filter((a) => a.id !== user.agencyId).map((a) => ({ code: a.id, label: a.name, type: a.type })),
    };
  }

  // ——— the caseload ———

  app.get(CHILDREN_ROUTES.cases, { config: { rule: 'csc:work' } }, async (request, reply) => {
    const user = requireUser(request);
    const asked = queryString(request, 'view', 20);
    const view: CaseView = isView(asked) ? asked : can(request, 'csc:authorise') && !asked ? 'to_authorise' : 'mine';
    const due = parseCaseDue(queryString(request, 'due', 30));
    const page = pageParam(request);
    const list = await children.cases(user, view, page, 25, due);
    return reply.view('children/views/cases.njk', {
      pageTitle: 'Children’s cases',
      tabs: (Object.keys(VIEWS) as CaseView[]).map((v) => ({ text: VIEWS[v], count: list.counts[v] ?? 0, href: childrenPath('cases', {}, { view: v }), current: v === view })),
      viewTitle: VIEWS[view],
      due: due && { words: caseDueWords(due, list.total), clear: childrenPath('cases', {}, { view }) },
      dueLinks: caseDueLinks(list.dues, (d) => childrenPath('cases', {}, { view, due: d }), due),
      rows: list.items.map((c) => caseRow(c, list.calendar, list.now, list.visitInterval)),
      total: list.total,
      pagination: pagination(page, list.total, 25, (n) => childrenPath('cases', {}, { view, ...(due ? { due } : {}), page: n })),
    });
  });

  // ——— a child's case ———

  /**
   * A child's case in three parts, each a page of its own under one sub-navigation: the summary (the referral, where
   * it stands, what you can do, conferences and plans), the child and family assessment, and the strategy
   * discussions and section 47 enquiries.
   */
  type CaseSection = 'summary' | 'assessment' | 'enquiries';
  async function casePage(request: FastifyRequest, reply: FastifyReply, section: CaseSection) {
    const id = idParam(request);
    const found = await children.view(userActor(request), id, section === 'summary' ? undefined : section);
    if (!found) throw notFound();
    const { referral: r, assessment: a, calendar, now } = found;
    const openS47 = found.s47s.some((s) => s.outcome === null);
    const openPlan = found.plans.find((p) => !p.ended_on);
    const stage = stageOf({ plan_kind: openPlan?.kind ?? null, s47_open: openS47, assessment_status: a?.status ?? null });
    const titles: Record<CaseSection, string> = { summary: 'Summary', assessment: 'Child and family assessment', enquiries: 'Strategy discussions and section 47' };
    const hrefs: Record<CaseSection, string> = { summary: casePath(id), assessment: childrenPath('caseAssessment', { id }), enquiries: childrenPath('caseEnquiries', { id }) };
    return reply.view('children/views/case.njk', {
      pageTitle: section === 'summary' ? `${r.child_name}: ${r.reference}` : `${titles[section]}: ${r.child_name}, ${r.reference}`,
      r,
      section,
      sectionTitle: titles[section],
      tabs: (Object.keys(titles) as CaseSection[]).map((s) => ({ text: s === 'enquiries' ? `${titles[s]} (${found.strategies.length + found.s47s.length})` : titles[s], href: hrefs[s], current: s === section })),
      sectionHrefs: hrefs,
      statusTag: caseStatusTag(r, stage),
      summary: referralRows(r, calendar, now),
      assessment: a && assessmentRows(a, calendar, now),
      returned: a?.status === 'in_progress' && a.returned_comment,
      strategies: found.strategies.map(strategyCard),
      s47s: found.s47s.map((s) => s47Rows(s, calendar, now)),
      openS47: found.s47s.filter((s) => s.outcome === null).map((s) => s47Rows(s, calendar, now))[0] ?? null,
      conferences: found.conferences.map((k) => ({ href: conferencePath(k.id), text: conferenceTitle(k), tag: conferenceStatusTag(k) })),
      plans: found.plans.map(planLink),
      steps: caseSteps(id, r, a, openS47, { work: can(request, 'csc:work'), authorise: can(request, 'csc:authorise') }),
      flash: queryString(request, 'done', 40),
    });
  }

  const CASE_READ = { rule: 'signed-in', records: { id: 'csc_referral' } } as const;
  app.get(CHILDREN_ROUTES.case, { config: CASE_READ }, async (request, reply) => casePage(request, reply, 'summary'));
  app.get(CHILDREN_ROUTES.caseAssessment, { config: CASE_READ }, async (request, reply) => casePage(request, reply, 'assessment'));
  app.get(CHILDREN_ROUTES.caseEnquiries, { config: CASE_READ }, async (request, reply) => casePage(request, reply, 'enquiries'));

  // ——— each step on a page of its own ———

  type StepRoute = 'allocate' | 'assessment' | 'authorisation' | 'strategy' | 's47' | 'close';
  interface Step {
    route: StepRoute;
    title: string;
    rule: 'csc:work' | 'csc:authorise';
    page: (request: FastifyRequest, found: Found, values: Values) => Promise<Values> | Values;
    save: (request: FastifyRequest, found: Found) => Promise<{ form: FormErrors; values: Values } | ChangeResult>;
    done: string;
  }

  const STEPS: Step[] = [
    {
      route: 'allocate',
      title: 'Allocate a social worker',
      rule: 'csc:authorise',
      page: async (request, found, values) => ({ workerItems: options((await codesOf(request)).workers, values.userId ?? found.referral.allocated_user_id, 'Choose a social worker') }),
      save: async (request, found) => {
        const form = parseForm(allocateForm((await codesOf(request)).workers), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.allocate(userActor(request), found.referral.id, form.value.userId);
      },
      done: 'allocated',
    },
    {
      route: 'assessment',
      title: 'Child and family assessment',
      rule: 'csc:work',
      page: (_request, found, values) => {
        const a = found.assessment;
        const v = (k: string, current: unknown) => (k in values ? values[k] : current);
        const seen = a?.seen_on?.split('-') ?? [];
        return {
          a,
          due: a && assessmentRows(a, found.calendar, found.now).due,
          factorItems: items([...ASSESSMENT_FACTORS.filter((f) => f.code !== '20' && f.code !== '21'), ...ASSESSMENT_FACTORS.filter((f) => f.code === '20' || f.code === '21')].map((f) => ({ code: f.code, label: `${f.label} (${f.code})` })), v('factors', a?.factors ?? [])),
          seenValues: 'seenOn-day' in values ? values : { 'seenOn-day': seen[2]?.replace(/^0/, ''), 'seenOn-month': seen[1]?.replace(/^0/, ''), 'seenOn-year': seen[0] },
          seenAloneItems: items([{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], v('seenAlone', a?.seen_alone === null || a?.seen_alone === undefined ? null : a.seen_alone ? 'yes' : 'no')),
          viewsHowItems: items(VIEWS_GATHERED, v('viewsHow', a?.views_how)),
          viewsWhat: v('viewsWhat', a?.views_what) ?? '',
          viewsBy: v('viewsBy', a?.views_by) ?? '',
          analysis: v('analysis', a?.analysis) ?? '',
          needOptions: options(PRIMARY_NEEDS, v('primaryNeedCode', found.referral.primary_need_code), 'Choose the primary need'),
          outcomeItems: items(ASSESSMENT_OUTCOMES, v('outcome', a?.outcome)),
        };
      },
      save: async (request, found) => {
        const form = parseForm(assessmentForm(children.now), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const f = form.value;
        return children.saveAssessment(
          userActor(request),
          found.referral.id,
          { factors: f.factors, seenOn: f.seenOn, seenAlone: f.seenAlone === null ? null : f.seenAlone === 'yes', viewsHow: f.viewsHow, viewsWhat: f.viewsWhat, viewsBy: f.viewsBy, analysis: f.analysis, outcome: f.outcome, primaryNeedCode: f.primaryNeedCode },
          f.action === 'submit',
        );
      },
      done: 'assessment',
    },
    {
      route: 'authorisation',
      title: 'Authorise the assessment',
      rule: 'csc:authorise',
      page: (_request, found, values) => ({
        assessment: found.assessment && assessmentRows(found.assessment, found.calendar, found.now),
        need: labelOf(PRIMARY_NEEDS, found.referral.primary_need_code),
        items: items([{ code: 'authorise', label: 'Authorise the assessment' }, { code: 'return', label: 'Return it to the social worker' }], values.decision),
        comment: values.comment ?? '',
      }),
      save: async (request, found) => {
        const form = parseForm(authoriseForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.decideAssessment(userActor(request), found.referral.id, form.value.decision === 'authorise', form.value.comment);
      },
      done: 'authorised',
    },
    {
      route: 'strategy',
      title: 'Record a strategy discussion',
      rule: 'csc:work',
      page: async (request, found, values) => {
        const { agencies } = await codesOf(request);
        const user = requireUser(request);
        const defaults = STRATEGY_REQUIRED_AGENCY_TYPES.map((t) => (t.type === 'children_social_care' ? user.agencyId : agencies.find((a) => a.type === t.type)?.code));
        return {
          participants: Array.from({ length: PARTICIPANT_ROWS }, (_, i) => {
            const n = i + 1;
            const chosen = `agency${n}` in values ? values[`agency${n}`] : defaults[i];
            return { n, agencyOptions: options(agencies, chosen, 'Choose an agency'), name: values[`name${n}`] ?? '', role: values[`role${n}`] ?? '' };
          }),
          decisionItems: items(STRATEGY_DECISIONS, values.decision),
          informationShared: values.informationShared ?? '',
          reason: values.reason ?? '',
        };
      },
      save: async (request, found) => {
        const { agencies } = await codesOf(request);
        const form = parseForm(strategyForm(agencies), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value as Record<string, unknown> & { heldAt: Date; informationShared: string; decision: string; reason: string };
        const participants: Participant[] = [];
        for (let i = 1; i <= PARTICIPANT_ROWS; i += 1) {
          const agency = agencies.find((a) => a.code === v[`agency${i}`]);
          if (agency) participants.push({ agencyType: agency.type, agencyId: agency.code, name: String(v[`name${i}`]), role: (v[`role${i}`] as string | null) ?? agency.label });
        }
        return children.recordStrategy(userActor(request), found.referral.id, { heldAt: v.heldAt, participants, informationShared: v.informationShared, decision: v.decision, reason: v.reason });
      },
      done: 'strategy',
    },
    {
      route: 's47',
      title: 'Section 47 enquiry: the outcome',
      rule: 'csc:work',
      page: async (request, found, values) => {
        const { partners, chairs } = await codesOf(request);
        const s = found.s47s.find((x) => x.outcome === null);
        const defaultInvites = partners.filter((a) => a.type === 'police' || a.type === 'health').map((a) => a.code);
        return {
          s47: s && s47Rows(s, found.calendar, found.now),
          outcomeItems: items(S47_OUTCOMES, values.outcome),
          reason: values.reason ?? '',
          agencyItems: items(partners, values.agencyIds ?? defaultInvites),
          chairOptions: options(chairs, values.chairUserId, 'Choose later'),
        };
      },
      save: async (request, found) => {
        const { partners, chairs } = await codesOf(request);
        const form = parseForm(s47Form(partners, chairs), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const f = form.value;
        return children.s47Outcome(userActor(request), found.referral.id, {
          outcome: f.outcome,
          reason: f.reason,
          conference: f.outcome === 'substantiated_icpc' && f.scheduledAt ? { scheduledAt: f.scheduledAt, agencyIds: f.agencyIds, chairUserId: f.chairUserId } : null,
        });
      },
      done: 's47',
    },
    {
      route: 'close',
      title: 'Close the case',
      rule: 'csc:work',
      page: (_request, _found, values) => ({ reasonItems: items(CLOSURE_REASONS, values.reason) }),
      save: async (request, found) => {
        const form = parseForm(closeForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.close(userActor(request), found.referral.id, form.value.reason);
      },
      done: 'closed',
    },
  ];

  async function stepPage(request: FastifyRequest, reply: FastifyReply, step: Step, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await children.view(userActor(request), id, step.route);
    if (!found) throw notFound();
    return reply.code(status).view(`children/views/${step.route}.njk`, {
      pageTitle: `${step.title}: ${found.referral.child_name}`,
      title: step.title,
      r: found.referral,
      values,
      errors,
      formAction: childrenPath(step.route, { id }),
      backLink: { href: casePath(id), text: 'Back to the case' },
      ...(await step.page(request, found, values)),
    });
  }

  for (const step of STEPS) {
    const config = { ...CASE, rule: step.rule };
    app.get(CHILDREN_ROUTES[step.route], { config }, async (request, reply) => stepPage(request, reply, step));
    app.post(CHILDREN_ROUTES[step.route], { config }, async (request, reply) => {
      const found = await children.view(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      const result = await step.save(request, found);
      if ('form' in result) return stepPage(request, reply, step, result.values, result.form, 400);
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return stepPage(request, reply, step, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
      if (step.route === 's47' && result.id) return reply.redirect(childrenPath('conference', { id: result.id }, { done: 'convened' }), 303);
      return reply.redirect(childrenPath('case', { id: found.referral.id }, { done: step.done }), 303);
    });
  }

  // ——— conferences ———

  app.get(CHILDREN_ROUTES.diary, { config: { rule: 'conference:chair' } }, async (request, reply) => {
    const user = requireUser(request);
    const mine = queryString(request, 'show', 10) !== 'all';
    const overdue = queryString(request, 'due', 10) === 'overdue';
    const page = pageParam(request);
    const list = await children.diary(user, { mine, overdue }, page);
    const show = mine ? {} : { show: 'all' };
    return reply.view('children/views/diary.njk', {
      pageTitle: 'Child protection conferences',
      tabs: [
        { text: 'My conferences', count: list.counts.mine, href: childrenPath('diary', {}), current: mine },
        { text: 'All scheduled', count: list.counts.scheduled, href: childrenPath('diary', {}, { show: 'all' }), current: !mine },
      ],
      counts: list.counts,
      overdue: { count: mine ? list.counts.mine_overdue : list.counts.overdue, current: overdue, href: childrenPath('diary', {}, { ...show, due: 'overdue' }), clear: childrenPath('diary', {}, show) },
      rows: list.items.map(diaryRow),
      total: list.total,
      pagination: pagination(page, list.total, 25, (n) => childrenPath('diary', {}, { ...show, ...(overdue ? { due: 'overdue' } : {}), page: n })),
    });
  });

  app.get(CHILDREN_ROUTES.conference, { config: { rule: 'signed-in', records: { id: 'cp_conference' } } }, async (request, reply) => {
    const user = requireUser(request);
    const found = await children.conference(userActor(request), idParam(request));
    if (!found) throw notFound();
    const k = found.conference;
    const owning = k.owning_agency_id === user.agencyId;
    const calendar = await children.calendarFor(k.tenant_id);
    return reply.view('children/views/conference.njk', {
      pageTitle: `${conferenceTitle(k)}: ${k.child_name}`,
      k,
      title: conferenceTitle(k),
      tag: conferenceStatusTag(k),
      rows: conferenceRows(k, owning, calendar),
      invites: found.invites.filter((i) => owning || i.agency_id === user.agencyId).map((i) => ({ ...inviteRow(i, found.now), href: i.agency_id === user.agencyId ? childrenPath('report', { id: i.id }) : null })),
      owning,
      caseHref: owning ? casePath(k.referral_id) : null,
      planHref: owning && k.plan_id ? planPath(k.plan_id) : null,
      steps: owning && can(request, 'conference:chair') && k.status === 'scheduled' ? [{ href: childrenPath('conferenceRecord', { id: k.id }), text: 'Record the conference' }, { href: childrenPath('conferenceSchedule', { id: k.id }), text: 'Change the date, time or chair' }] : [],
      flash: queryString(request, 'done', 40),
    });
  });

  async function schedulePage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await children.conference(userActor(request), idParam(request), 'schedule');
    if (!found) throw notFound();
    const { chairs } = await codesOf(request);
    return reply.code(status).view('children/views/schedule.njk', {
      pageTitle: `Change the conference: ${found.conference.child_name}`,
      k: found.conference,
      title: 'Change the date, time or chair',
      values,
      errors,
      chairOptions: options(chairs, values.chairUserId ?? found.conference.chair_user_id, 'Choose later'),
      formAction: childrenPath('conferenceSchedule', { id: found.conference.id }),
      backLink: { href: conferencePath(found.conference.id), text: 'Back to the conference' },
    });
  }

  const CHAIR = { rule: 'conference:chair', records: { id: 'cp_conference.chair' } } as const;
  app.get(CHILDREN_ROUTES.conferenceSchedule, { config: CHAIR }, async (request, reply) => schedulePage(request, reply));
  app.post(CHILDREN_ROUTES.conferenceSchedule, { config: CHAIR }, async (request, reply) => {
    const { chairs } = await codesOf(request);
    const form = parseForm(scheduleForm(chairs), request.body);
    if (!form.ok) return schedulePage(request, reply, form.values, form.errors, 400);
    const result = await children.reschedule(userActor(request), idParam(request), form.value.scheduledAt, form.value.chairUserId);
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return schedulePage(request, reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
    return reply.redirect(childrenPath('conference', { id: idParam(request) }, { done: 'scheduled' }), 303);
  });

  async function recordPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await children.conference(userActor(request), idParam(request), 'record');
    if (!found) throw notFound();
    const k = found.conference;
    return reply.code(status).view('children/views/record.njk', {
      pageTitle: `Record the conference: ${k.child_name}`,
      k,
      title: 'Record the conference',
      values,
      errors,
      review: k.kind === 'review',
      attendance: found.invites.map((i) => ({ id: i.id, agency: i.agency_name, report: inviteRow(i, found.now).report, items: items(ATTENDANCE, values[`attendance-${i.id}`]) })),
      yesNo: (name: string) => items([{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], values[name]),
      parentItems: items(PARENT_PARTICIPATION, values.parentsParticipation),
      decisionItems: items(CONFERENCE_DECISIONS.filter((d) => (k.kind === 'review' ? ['continue', 'end_plan'] : ['plan', 'no_plan']).includes(d.code)), values.decision),
      categoryOptions: options(CP_CATEGORIES, values.category, 'Choose a category'),
      endReasonOptions: options(PLAN_END_REASONS.filter((r) => r.code !== 'step_up_cp'), values.endReason, 'Choose a reason'),
      formAction: childrenPath('conferenceRecord', { id: k.id }),
      backLink: { href: conferencePath(k.id), text: 'Back to the conference' },
    });
  }

  app.get(CHILDREN_ROUTES.conferenceRecord, { config: CHAIR }, async (request, reply) => recordPage(request, reply));
  app.post(CHILDREN_ROUTES.conferenceRecord, { config: CHAIR }, async (request, reply) => {
    const found = await children.conference(userActor(request), idParam(request), 'record');
    if (!found) throw notFound();
    const form = parseForm(conferenceForm(found.invites.map((i) => i.id)), request.body);
    if (!form.ok) return recordPage(request, reply, form.values, form.errors, 400);
    const v = form.value as Record<string, unknown> & ReturnType<typeof conferenceForm>['_output'];
    const attendance: Record<string, string> = {};
    for (const i of found.invites) if (typeof v[`attendance-${i.id}`] === 'string') attendance[i.id] = v[`attendance-${i.id}`] as string;
    const result = await children.recordConference(userActor(request), found.conference.id, {
      heldAt: v.heldAt,
      attendance,
      childAttended: v.childAttended,
      childAdvocate: v.childAdvocate,
      childViewsPresented: v.childViewsPresented,
      childViews: v.childViews,
      parentsParticipation: v.parentsParticipation,
      parentsViews: v.parentsViews,
      decision: v.decision,
      category: v.category,
      endReason: v.endReason,
      reason: v.reason,
      dissent: v.dissent,
      dissentEscalated: v.dissentEscalated === 'yes',
    });
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return recordPage(request, reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
    return reply.redirect(childrenPath('conference', { id: found.conference.id }, { done: 'recorded' }), 303);
  });

  // ——— partners' conference reports ———

  app.get(CHILDREN_ROUTES.reports, { config: { rule: 'conference:report' } }, async (request, reply) => {
    const user = requireUser(request);
    const asked = queryString(request, 'show', 10);
    const show: ReportShow = asked === 'sent' || asked === 'overdue' ? asked : 'due';
    const page = pageParam(request);
    const list = await children.reports(user, show, page);
    return reply.view('children/views/reports.njk', {
      pageTitle: 'Reports for child protection conferences',
      tabs: [
        { text: 'To write', count: list.counts.due, href: childrenPath('reports', {}), current: show === 'due' },
        { text: 'Overdue', count: list.counts.overdue, href: childrenPath('reports', {}, { show: 'overdue' }), current: show === 'overdue' },
        { text: 'Sent', count: list.counts.sent, href: childrenPath('reports', {}, { show: 'sent' }), current: show === 'sent' },
      ],
      rows: list.items.map((r) => reportQueueRow(r, list.now)),
      total: list.total,
      sent: show === 'sent',
      pagination: pagination(page, list.total, 25, (n) => childrenPath('reports', {}, { ...(show === 'due' ? {} : { show }), page: n })),
    });
  });

  async function reportPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const found = await children.invitation(userActor(request), idParam(request));
    if (!found) throw notFound();
    const { invite: i, conference: k } = found;
    const canWrite = i.agency_id === user.agencyId && i.report_status === 'requested' && k.status === 'scheduled' && can(request, 'conference:report');
    const calendar = await children.calendarFor(k.tenant_id);
    return reply.code(status).view('children/views/report.njk', {
      pageTitle: `Conference report: ${k.child_name}`,
      i,
      k,
      title: conferenceTitle(k),
      conference: conferenceRows(k, false, calendar),
      state: inviteRow(i, found.now),
      submitted: i.report_status === 'submitted' ? { view: labelOf(REPORT_VIEWS, i.report_view), report: i.report } : null,
      canWrite,
      viewItems: items(REPORT_VIEWS, values.view),
      report: values.report ?? '',
      values,
      errors,
      formAction: childrenPath('report', { id: i.id }),
      backLink: i.agency_id === user.agencyId ? { href: childrenPath('reports', {}), text: 'Reports for conferences' } : { href: conferencePath(k.id), text: 'Back to the conference' },
    });
  }

  app.get(CHILDREN_ROUTES.report, { config: { rule: 'signed-in', records: { id: 'conference_invite' } } }, async (request, reply) => reportPage(request, reply));
  app.post(CHILDREN_ROUTES.report, { config: { rule: 'conference:report', records: { id: 'conference_invite.agency' } } }, async (request, reply) => {
    const form = parseForm(reportForm, request.body);
    if (!form.ok) return reportPage(request, reply, form.values, form.errors, 400);
    const result = await children.submitReport(userActor(request), idParam(request), form.value);
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return reportPage(request, reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
    return reply.redirect(childrenPath('reports', {}, { done: 'sent' }), 303);
  });

  // ——— plans ———

  /**
   * A plan in parts under one sub-navigation: the summary (what is due, what you can do, the plan, its conferences and
   * the latest meetings and visits), then every core group meeting or review, and every visit (the owning service's),
   * each list paginated with its total.
   */
  type PlanSection = 'summary' | 'meetings' | 'visits';
  const LATEST = 3;
  async function planPage(request: FastifyRequest, reply: FastifyReply, section: PlanSection) {
    const user = requireUser(request);
    const found = await children.plan(userActor(request), idParam(request), section === 'summary' ? undefined : section);
    if (!found) throw notFound();
    const p = found.plan;
    const owning = p.owning_agency_id === user.agencyId;
    if (section === 'visits' && !owning) throw notFound();
    const cp = p.kind === 'cp';
    const meetings = cp ? found.coreGroups : found.reviews;
    const meetingsTitle = cp ? 'Core group meetings' : 'Reviews';
    const page = pageParam(request);
    const slice = <T,>(all: readonly T[]) => (section === 'summary' ? all.slice(0, LATEST) : all.slice((page - 1) * 25, page * 25));
    const hrefs: Record<PlanSection, string> = { summary: planPath(p.id), meetings: childrenPath('planMeetings', { id: p.id }), visits: childrenPath('planVisits', { id: p.id }) };
    const sections: PlanSection[] = owning ? ['summary', 'meetings', 'visits'] : ['summary', 'meetings'];
    const titles: Record<PlanSection, string> = { summary: 'Summary', meetings: `${meetingsTitle} (${meetings.length})`, visits: `Visits (${found.visits.length})` };
    const total = section === 'visits' ? found.visits.length : meetings.length;
    return reply.view('children/views/plan.njk', {
      pageTitle: `${p.child_name}: ${cp ? 'child protection plan' : 'child in need plan'}${section === 'summary' ? '' : `, ${section === 'visits' ? 'visits' : meetingsTitle.toLowerCase()}`}`,
      p,
      section,
      tabs: sections.map((s) => ({ text: titles[s], href: hrefs[s], current: s === section })),
      sectionHrefs: hrefs,
      meetingsTitle,
      rows: planRows(p),
      owning,
      caseHref: owning ? casePath(p.referral_id) : null,
      nextVisit: found.nextVisitOn && dueOnTag(found.nextVisitOn, found.today, 'Next visit due'),
      nextCoreGroup: found.nextCoreGroupOn && dueOnTag(found.nextCoreGroupOn, found.today, 'Next core group due'),
      nextReview: found.nextReviewOn && dueOnTag(found.nextReviewOn, found.today, 'Next review due'),
      visits: owning && found.visits.length ? visitTable(slice(found.visits)) : null,
      visitCount: found.visits.length,
      coreGroups: found.coreGroups.length ? coreGroupTable(slice(found.coreGroups)) : null,
      reviews: found.reviews.length ? reviewTable(slice(found.reviews)) : null,
      meetingCount: meetings.length,
      latest: LATEST,
      total,
      pagination: section === 'summary' ? null : pagination(page, total, 25, (n) => childrenPath(section === 'visits' ? 'planVisits' : 'planMeetings', { id: p.id }, { page: n })),
      conferences: found.conferences.map((k) => ({ href: conferencePath(k.id), text: conferenceTitle(k), tag: conferenceStatusTag(k) })),
      steps: owning ? planSteps(p, can(request, 'csc:work')) : [],
      flash: queryString(request, 'done', 40),
    });
  }

  const PLAN_READ = { rule: 'signed-in', records: { id: 'child_plan' } } as const;
  app.get(CHILDREN_ROUTES.plan, { config: PLAN_READ }, async (request, reply) => planPage(request, reply, 'summary'));
  app.get(CHILDREN_ROUTES.planMeetings, { config: PLAN_READ }, async (request, reply) => planPage(request, reply, 'meetings'));
  app.get(CHILDREN_ROUTES.planVisits, { config: PLAN_READ }, async (request, reply) => planPage(request, reply, 'visits'));

  type PlanStep = 'visit' | 'coreGroup' | 'review' | 'endPlan';
  const PLAN_STEPS: { route: PlanStep; title: string; page: (request: FastifyRequest, found: FoundPlan, values: Values) => Promise<Values> | Values; save: (request: FastifyRequest, found: FoundPlan) => Promise<{ form: FormErrors; values: Values } | ChangeResult> }[] = [
    {
      route: 'visit',
      title: 'Record a visit',
      page: (_request, found, values) => ({ due: found.nextVisitOn && dueOnTag(found.nextVisitOn, found.today), seenItems: items([{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], values.seen), aloneItems: items([{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], values.seenAlone), notes: values.notes ?? '' }),
      save: async (request, found) => {
        const form = parseForm(visitForm(children.now), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.recordVisit(userActor(request), found.plan.id, form.value);
      },
    },
    {
      route: 'coreGroup',
      title: 'Record a core group meeting',
      page: async (request, found, values) => ({ due: found.nextCoreGroupOn && dueOnTag(found.nextCoreGroupOn, found.today), agencyItems: items((await codesOf(request)).agencies, values.agencyIds), notes: values.notes ?? '' }),
      save: async (request, found) => {
        const form = parseForm(coreGroupForm((await codesOf(request)).agencies, children.now), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.recordCoreGroup(userActor(request), found.plan.id, { heldOn: form.value.heldOn, agencyIds: form.value.agencyIds, notes: form.value.notes });
      },
    },
    {
      route: 'review',
      title: 'Review the child in need plan',
      page: (_request, found, values) => ({ due: found.nextReviewOn && dueOnTag(found.nextReviewOn, found.today), decisionItems: items(CIN_REVIEW_DECISIONS, values.decision), notes: values.notes ?? '' }),
      save: async (request, found) => {
        const form = parseForm(reviewForm(children.now), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.recordReview(userActor(request), found.plan.id, form.value);
      },
    },
    {
      route: 'endPlan',
      title: 'End the child in need plan',
      page: (_request, _found, values) => ({ reasonItems: items(PLAN_END_REASONS.filter((r) => r.code !== 'step_down_cin' && r.code !== 'step_up_cp'), values.reason) }),
      save: async (request, found) => {
        const form = parseForm(endPlanForm(children.now), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return children.endCinPlan(userActor(request), found.plan.id, form.value);
      },
    },
  ];

  for (const step of PLAN_STEPS) {
    const page = async (request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) => {
      const found = await children.plan(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      return reply.code(status).view(`children/views/plan-${step.route}.njk`, {
        pageTitle: `${step.title}: ${found.plan.child_name}`,
        title: step.title,
        p: found.plan,
        values,
        errors,
        formAction: childrenPath(step.route, { id: found.plan.id }),
        backLink: { href: planPath(found.plan.id), text: 'Back to the plan' },
        ...(await step.page(request, found, values)),
      });
    };
    app.get(CHILDREN_ROUTES[step.route], { config: PLAN }, async (request, reply) => page(request, reply));
    app.post(CHILDREN_ROUTES[step.route], { config: PLAN }, async (request, reply) => {
      const found = await children.plan(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      const result = await step.save(request, found);
      if ('form' in result) return page(request, reply, result.values, result.form, 400);
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return page(request, reply, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
      return reply.redirect(childrenPath('plan', { id: found.plan.id }, { done: step.route }), 303);
    });
  }
}


/**
 * The learning reviews' pages: the list (tabs by stage, a kind filter, overdue first), "notify a serious incident or
 * start a review", a review's page (its dates from notification to publication with their clocks, the summary with
 * the subject's pseudonym, agencies, findings), a page for each step, starting an LCSPR from a rapid review, and
 * "Make an action plan" (the action tracker's plan page). Those who run reviews (`reviews:manage`) do everything;
 * those who follow the partnership read published reviews (the record rule). Thin: parse, authorise (the route's
 * rule and the records it names), call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Code } from '../../domain/codes.js';
import {
  BOARD_KINDS,
  CDOP_CATEGORIES,
  DHR_DECISIONS,
  MODIFIABLE_FACTORS,
  NOTIFIABLE_KINDS,
  RAPID_REVIEW_DECISIONS,
  REPORT_RECIPIENT,
  REVIEW_KINDS,
  type ReviewKind,
  type ReviewStep,
  SAR_DECISIONS,
  openSteps,
  stepProblem,
} from '../../domain/learning-reviews.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { formatDate } from '../../platform/views.js';
import { planPath } from '../actions/paths.js';
import { agencyForm, cdopForm, confirmForm, dhrDecisionForm, findingForm, holdForm, notificationForm, notifyForm, panelForm, publishForm, rapidForm, reportForm, sarForm, termsForm } from './forms.js';
import { REVIEW_ROUTES, reviewPath, reviewsPath } from './paths.js';
import { STEP_TITLES, TAB_TITLES, agencyRow, cdopRows, doneMessage, kindText, listRow, s44Rows, stageTag, stepLinks, summaryRows, timeline } from './presenters.js';
import { type ChangeResult, type LearningReviewService, type ListTab, stateOf } from './service.js';

type Values = Record<string, unknown>;
type Found = NonNullable<Awaited<ReturnType<LearningReviewService['view']>>>;
type Field =
  | { type: 'date' | 'hidden'; name: string; label?: string; hint?: string; value?: unknown }
  | { type: 'radios' | 'select'; name: string; label: string; hint?: string; items: unknown[] }
  | { type: 'text' | 'textarea'; name: string; label: string; hint?: string; value: unknown }
  | { type: 'confirm'; name: string; label: string; text: string };

const PAGE_SIZE = 25;
const TABS: readonly ListTab[] = ['active', 'notified', 'rapid_review', 'in_review', 'report', 'published', 'closed'];
const MANAGE = { rule: 'reviews:manage', records: { id: 'learning_review' } } as const;

const radios = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: selected === c.code }));
const yesNoItems = (selected: unknown) => [
  { value: 'yes', text: 'Yes', checked: selected === 'yes' },
  { value: 'no', text: 'No', checked: selected === 'no' },
];
const options = (codes: readonly Code[], selected: unknown, blank: string) => [{ value: '', text: blank }, ...codes.map((c) => ({ value: c.code, text: c.label, selected: selected === c.code }))];
const text = (values: Values, name: string) => (typeof values[name] === 'string' ? values[name] : '');

interface Step {
  route: Exclude<ReviewStep, 'lcspr' | 'plan'>;
  fields: (found: Found, values: Values) => Field[];
  intro?: (found: Found) => string[];
  table?: (found: Found) => { caption: string; head: { text: string }[]; rows: { text: string }[][]; empty: string };
  button: string;
  save: (request: FastifyRequest, found: Found) => Promise<{ form: FormErrors; values: Values } | ChangeResult>;
}

export function registerLearningReviewRoutes(app: FastifyInstance, services: { learningReviews: LearningReviewService }): void {
  const { learningReviews: reviews } = services;

  // ——— the list ———

  app.get(REVIEW_ROUTES.list, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const manage = can(request, 'reviews:manage');
    const raw = queryString(request, 'tab', 20);
    const tab: ListTab = manage ? ((TABS as readonly string[]).includes(raw) ? (raw as ListTab) : 'active') : 'published';
    const rawKind = queryString(request, 'kind', 30);
    const kind = REVIEW_KINDS.some((k) => k.code === rawKind) ? rawKind : null;
    const page = pageParam(request);
    const list = await reviews.list(userActor(request), { tab, kind, publishedOnly: !manage, page, pageSize: PAGE_SIZE });
    const tabs = manage ? TABS : (['published'] as const);
    return reply.view('learning-reviews/views/list.njk', {
      pageTitle: 'Learning reviews',
      manage,
      counts: list.counts,
      tabTitle: TAB_TITLES[tab],
      notifyHref: reviewsPath('notify', {}),
      tabs: tabs.map((t) => ({ text: `${TAB_TITLES[t]} (${list.counts[t]})`, href: reviewsPath('list', {}, { tab: t, kind: kind ?? undefined }), current: t === tab })),
      kinds: [{ code: '', label: 'All kinds' }, ...REVIEW_KINDS].map((k) => ({ text: k.code ? kindText(k.code) : k.label, href: reviewsPath('list', {}, { tab, kind: k.code || undefined }), current: (kind ?? '') === k.code })),
      rows: list.rows.map((r) => listRow(r, list.today)),
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => reviewsPath('list', {}, { tab, kind: kind ?? undefined, page: p })),
    });
  });

  // ——— notifying ———

  const notifyFields = (values: Values, personId: string | null): Field[] => [
    { type: 'radios', name: 'kind', label: 'Kind of review', items: radios(NOTIFIABLE_KINDS, values.kind) },
    { type: 'select', name: 'boardKind', label: 'Board (for a practice review)', hint: 'The other kinds belong to their board: children’s reviews to the partnership, a SAR to the adults’ board, a DHR to the community safety partnership.', items: options(BOARD_KINDS, values.boardKind, 'Choose the board') },
    { type: 'text', name: 'title', label: 'Title', hint: 'How the review is known, for example “Child Q” or “Adult B”: never the subject’s name.', value: text(values, 'title') },
    { type: 'text', name: 'subjectPseudonym', label: 'Pseudonym for the subject', hint: 'Shown on every page in place of their name.', value: text(values, 'subjectPseudonym') },
    { type: 'textarea', name: 'summary', label: 'What happened', value: text(values, 'summary') },
    { type: 'date', name: 'incidentOn', label: 'Date of the incident (or death)' },
    { type: 'date', name: 'learnedOn', label: 'Date the local authority (or the partnership) learned of it', hint: 'The serious incident notification is due 5 working days after this date.' },
    ...(personId ? [{ type: 'hidden' as const, name: 'subjectPersonId', value: personId }] : []),
  ];

  async function notifyPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const fromQuery = queryString(request, 'person', 40);
    const fromBody = typeof values.subjectPersonId === 'string' ? values.subjectPersonId : '';
    const personId = isUuid(fromBody) ? fromBody : isUuid(fromQuery) ? fromQuery : null;
    return reply.code(status).view('learning-reviews/views/notify.njk', {
      pageTitle: 'Notify a serious incident or start a review',
      values,
      errors,
      linked: !!personId,
      fields: notifyFields(values, personId),
      formAction: reviewsPath('notify', {}),
      backLink: { href: reviewsPath('list', {}), text: 'Learning reviews' },
    });
  }

  app.get(REVIEW_ROUTES.notify, { config: { rule: 'reviews:manage' } }, async (request, reply) => notifyPage(request, reply));

  app.post(REVIEW_ROUTES.notify, { config: { rule: 'reviews:manage' } }, async (request, reply) => {
    const form = parseForm(notifyForm, request.body);
    if (!form.ok) return notifyPage(request, reply, form.values, form.errors, 400);
    const result = await reviews.notify(userActor(request), requireUser(request), form.value);
    if ('problems' in result) {
      const body = (request.body ?? {}) as Values;
      return notifyPage(request, reply, body, errorsFrom(result.problems, body), 400);
    }
    return reply.redirect(reviewPath(result.id, { done: 'notified' }), 303);
  });

  // ——— a review ———

  app.get(REVIEW_ROUTES.review, { config: { rule: 'partnership:view', records: { id: 'learning_review' } } }, async (request, reply) => {
    const id = idParam(request);
    const found = await reviews.view(userActor(request), id);
    if (!found) throw notFound();
    const r = found.review;
    const manage = can(request, 'reviews:manage');
    const state = stateOf(r);
    const steps = manage ? openSteps(state) : [];
    return reply.view('learning-reviews/views/review.njk', {
      pageTitle: `${r.reference}: ${r.title}`,
      r,
      kind: kindText(r.kind),
      stage: stageTag(r),
      manage,
      held: r.publication_held ? `Publication is held for criminal proceedings: ${r.publication_held_reason ?? ''}` : null,
      steps: stepLinks(id, steps),
      canStartLcspr: steps.includes('lcspr'),
      canPlan: steps.includes('plan'),
      lcsprAction: reviewsPath('lcspr', { id }),
      planAction: reviewsPath('plan', { id }),
      timeline: timeline(r, found.clocks),
      clocks: found.clocks,
      summary: summaryRows(r, manage),
      s44: s44Rows(r),
      cdop: r.kind === 'child_death_review' ? cdopRows(r) : null,
      agencies: found.agencies.map((a) => agencyRow(a, found.today)),
      findings: found.findings,
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: reviewsPath('list', {}), text: 'Learning reviews' },
    });
  });

  // ——— each step on a page of its own ———

  const agencyCodes = (found: Found): Code[] => found.areaAgencies.map((a) => ({ code: a.id, label: a.name }));

  const STEPS: Step[] = [
    {
      route: 'notification',
      intro: (f) => [`The serious incident notification is due by ${formatDate(f.review.notification_due_on)} (within 5 working days of the local authority learning of it on ${formatDate(f.review.learned_on)}). The rapid review is then due within 15 working days of the notification.`],
      fields: () => [{ type: 'date', name: 'notifiedOn', label: 'Date the Panel was notified' }],
      button: 'Record the notification',
      save: async (request, found) => {
        const form = parseForm(notificationForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordNotification(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'rapid',
      intro: (f) => [`The Panel was notified on ${formatDate(f.review.notified_on)}: the rapid review is due by ${formatDate(f.review.rapid_review_due_on)}, with its decision sent to the Panel.`],
      fields: (_f, v) => [
        { type: 'date', name: 'heldOn', label: 'Date the rapid review was held' },
        { type: 'radios', name: 'decision', label: 'Decision', items: radios(RAPID_REVIEW_DECISIONS, v.decision) },
        { type: 'textarea', name: 'reason', label: 'Reasons for the decision', value: text(v, 'reason') },
        { type: 'date', name: 'panelSentOn', label: 'Date the decision was sent to the Panel (if it has been)', hint: 'The rapid review ends when its decision is sent to the Panel.' },
      ],
      button: 'Record the rapid review',
      save: async (request, found) => {
        const form = parseForm(rapidForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordRapidReview(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'panel',
      fields: () => [{ type: 'date', name: 'panelSentOn', label: 'Date the decision was sent to the Panel' }],
      button: 'Record the decision sent',
      save: async (request, found) => {
        const form = parseForm(panelForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordPanel(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'decision',
      intro: () => ['The community safety partnership decides whether to hold a domestic homicide review (Domestic Violence, Crime and Victims Act 2004, section 9) within one month of being notified of the death (statutory guidance, 2016).'],
      fields: (_f, v) => [
        { type: 'radios', name: 'decision', label: 'Decision', items: radios(DHR_DECISIONS, v.decision) },
        { type: 'textarea', name: 'reason', label: 'Reasons for the decision', value: text(v, 'reason') },
        { type: 'date', name: 'decidedOn', label: 'Date of the decision' },
      ],
      button: 'Record the decision',
      save: async (request, found) => {
        const form = parseForm(dhrDecisionForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordDhrDecision(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'sar',
      intro: () => [
        'Care Act 2014, section 44(1): the board must arrange a review when an adult with needs for care and support (whether or not the local authority met them) is the subject, there is reasonable cause for concern about how the board, its members or others worked together to safeguard the adult, and either the adult died and the board knows or suspects the death resulted from abuse or neglect (s44(2)), or the adult is alive and has experienced serious abuse or neglect (s44(3)).',
        'Section 44(4): the board may arrange a review of any other case involving an adult with needs for care and support.',
      ],
      fields: (_f, v) => [
        { type: 'radios', name: 'careAndSupportNeeds', label: 'Does the adult have needs for care and support?', hint: 'Whether or not the local authority has been meeting any of those needs.', items: yesNoItems(v.careAndSupportNeeds) },
        { type: 'radios', name: 'concernAboutPartners', label: 'Is there reasonable cause for concern about how partners worked together to safeguard the adult?', items: yesNoItems(v.concernAboutPartners) },
        { type: 'radios', name: 'adultDied', label: 'Has the adult died?', items: yesNoItems(v.adultDied) },
        { type: 'radios', name: 'abuseOrNeglect', label: 'Is abuse or neglect known or suspected?', hint: 'If the adult died: the death resulted from abuse or neglect. If alive: they have experienced serious abuse or neglect.', items: yesNoItems(v.abuseOrNeglect) },
        { type: 'radios', name: 'decision', label: 'Decision', items: radios(SAR_DECISIONS, v.decision) },
        { type: 'textarea', name: 'reason', label: 'Reasons for the decision', value: text(v, 'reason') },
        { type: 'date', name: 'decidedOn', label: 'Date of the decision' },
      ],
      button: 'Record the decision',
      save: async (request, found) => {
        const form = parseForm(sarForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const { decision, reason, decidedOn, ...answers } = form.value;
        return reviews.recordSar(userActor(request), found.review.id, { answers, decision, reason, decidedOn });
      },
    },
    {
      route: 'cdop',
      fields: (f, v) => {
        const first = Object.keys(v).length === 0;
        const r = f.review;
        return [
          { type: 'radios', name: 'category', label: 'Category of death', hint: 'The National Child Mortality Database’s categories.', items: radios(CDOP_CATEGORIES, first ? (r.cdop_category !== null ? String(r.cdop_category) : null) : v.category) },
          { type: 'radios', name: 'modifiableFactors', label: 'Modifiable factors', items: radios(MODIFIABLE_FACTORS, first ? r.modifiable_factors : v.modifiableFactors) },
          { type: 'textarea', name: 'learning', label: 'Learning', value: first ? (r.learning ?? '') : text(v, 'learning') },
        ];
      },
      button: 'Save',
      save: async (request, found) => {
        const form = parseForm(cdopForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordCdop(userActor(request), found.review.id, { ...form.value, category: Number(form.value.category) });
      },
    },
    {
      route: 'terms',
      fields: (f, v) => [
        { type: 'date', name: 'termsOfReferenceOn', label: 'Date the terms of reference were agreed' },
        { type: 'text', name: 'reviewer', label: 'Reviewer', hint: 'The independent or lead reviewer.', value: 'reviewer' in v ? text(v, 'reviewer') : (f.review.reviewer ?? '') },
      ],
      button: 'Save',
      save: async (request, found) => {
        const form = parseForm(termsForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordTerms(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'agencies',
      intro: () => ['Add an agency, or choose one already taking part to update what was asked of it and when it came.'],
      table: (f) => ({
        caption: 'Agencies taking part',
        head: [{ text: 'Agency' }, { text: 'Asked for' }, { text: 'Due or received' }],
        rows: f.agencies.map((a) => agencyRow(a, f.today)).map((a) => [{ text: a.agency }, { text: a.askedFor }, { text: a.state.text }]),
        empty: 'None yet.',
      }),
      fields: (f, v) => [
        { type: 'select', name: 'agencyId', label: 'Agency', items: options(agencyCodes(f), v.agencyId, 'Choose an agency') },
        { type: 'text', name: 'askedFor', label: 'What was asked of the agency', hint: 'For example “Chronology and individual management review”.', value: text(v, 'askedFor') },
        { type: 'date', name: 'dueOn', label: 'Due date (optional)' },
        { type: 'date', name: 'receivedOn', label: 'Date it was received (optional)' },
      ],
      button: 'Save the agency',
      save: async (request, found) => {
        const form = parseForm(agencyForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordAgency(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'findings',
      intro: () => ['Findings become recommendations in the review’s action plan.'],
      table: (f) => ({ caption: 'Findings so far', head: [{ text: 'Number' }, { text: 'Finding' }], rows: f.findings.map((x) => [{ text: String(x.position) }, { text: x.text }]), empty: 'None yet.' }),
      fields: (_f, v) => [{ type: 'textarea', name: 'text', label: 'Finding', value: text(v, 'text') }],
      button: 'Add the finding',
      save: async (request, found) => {
        const form = parseForm(findingForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.addFinding(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'report',
      intro: (f) => [`The final report is sent to ${REPORT_RECIPIENT[f.review.kind as ReviewKind]} before it is published.${f.review.publication_due_on ? ` Publication is due by ${formatDate(f.review.publication_due_on)} (a local target: 6 months from the rapid review’s decision).` : ''}`],
      fields: () => [{ type: 'date', name: 'sentOn', label: 'Date the final report was sent' }],
      button: 'Record the report sent',
      save: async (request, found) => {
        const form = parseForm(reportForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.recordReport(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'hold',
      intro: () => ['A review held for criminal proceedings cannot be published until publication is released.'],
      fields: (_f, v) => [{ type: 'textarea', name: 'reason', label: 'Why publication is held', hint: 'For example the criminal proceedings it waits for.', value: text(v, 'reason') }],
      button: 'Hold publication',
      save: async (request, found) => {
        const form = parseForm(holdForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.hold(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'release',
      intro: (f) => [`Publication is held: ${f.review.publication_held_reason ?? ''}`],
      fields: () => [{ type: 'confirm', name: 'confirm', label: 'Release publication', text: 'The proceedings allow publication: release it' }],
      button: 'Release publication',
      save: async (request, found) => {
        const form = parseForm(confirmForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.release(userActor(request), found.review.id);
      },
    },
    {
      route: 'publish',
      intro: () => ['Once published, the review can be read by those who follow the partnership’s work. The subject is shown by pseudonym only.'],
      fields: () => [{ type: 'date', name: 'publishedOn', label: 'Date of publication' }],
      button: 'Record publication',
      save: async (request, found) => {
        const form = parseForm(publishForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.publish(userActor(request), found.review.id, form.value);
      },
    },
    {
      route: 'close',
      fields: () => [{ type: 'confirm', name: 'confirm', label: 'Close the review', text: 'The review is complete: close it' }],
      button: 'Close the review',
      save: async (request, found) => {
        const form = parseForm(confirmForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return reviews.close(userActor(request), found.review.id);
      },
    },
  ];

  async function stepPage(request: FastifyRequest, reply: FastifyReply, step: Step, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await reviews.view(userActor(request), id, step.route);
    if (!found) throw notFound();
    const blocked = stepProblem(stateOf(found.review), step.route);
    if (status === 200 && blocked) return reply.redirect(reviewPath(id), 303);
    return reply.code(status).view('learning-reviews/views/step.njk', {
      pageTitle: `${STEP_TITLES[step.route]}: ${found.review.reference}`,
      title: STEP_TITLES[step.route],
      r: found.review,
      values,
      errors,
      intro: step.intro?.(found) ?? [],
      table: step.table?.(found) ?? null,
      fields: step.fields(found, values),
      button: step.button,
      formAction: reviewsPath(step.route, { id }),
      backLink: { href: reviewPath(id), text: 'Back to the review' },
    });
  }

  for (const step of STEPS) {
    app.get(REVIEW_ROUTES[step.route], { config: MANAGE }, async (request, reply) => stepPage(request, reply, step));
    app.post(REVIEW_ROUTES[step.route], { config: MANAGE }, async (request, reply) => {
      const found = await reviews.view(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      const result = await step.save(request, found);
      if ('form' in result) return stepPage(request, reply, step, result.values, result.form, 400);
      if ('notFound' in result) throw notFound();
      const body = (request.body ?? {}) as Values;
      if ('problems' in result) return stepPage(request, reply, step, body, errorsFrom(result.problems, body), 400);
      return reply.redirect(reviewPath(found.review.id, { done: step.route }), 303);
    });
  }

  // ——— an LCSPR from a rapid review; the action plan ———

  async function refused(request: FastifyRequest, reply: FastifyReply, problem: string) {
    const id = idParam(request);
    const found = await reviews.view(userActor(request), id);
    if (!found) throw notFound();
    return reply.code(400).view('learning-reviews/views/step.njk', {
      pageTitle: `There is a problem: ${found.review.reference}`,
      title: found.review.title,
      r: found.review,
      values: {},
      errors: { summary: [{ text: problem, href: '#main-content' }], fields: {} },
      intro: [problem],
      fields: [],
      button: 'Back to the review',
      formAction: reviewPath(id),
      backLink: { href: reviewPath(id), text: 'Back to the review' },
    });
  }

  app.post(REVIEW_ROUTES.lcspr, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return refused(request, reply, form.errors.summary[0]?.text ?? 'The form sent fields it does not have');
    const result = await reviews.startLcspr(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return refused(request, reply, Object.values(result.problems)[0]!);
    return reply.redirect(reviewPath(result.id, { done: 'lcspr' }), 303);
  });

  app.post(REVIEW_ROUTES.plan, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return refused(request, reply, form.errors.summary[0]?.text ?? 'The form sent fields it does not have');
    const result = await reviews.planFor(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return refused(request, reply, Object.values(result.problems)[0]!);
    return reply.redirect(planPath(result.planId), 303);
  });
}


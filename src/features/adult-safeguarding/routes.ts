/**
 * Adult safeguarding's pages: the adult team's worklist, the concern (with its enquiry), each step on a page of its
 * own (details, three-point test, decision, authorisation, allocation, plan, risk, contributions, meeting, outcome,
 * exit), and the partner's page of requests to contribute. Thin: parse, call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  ADVOCACY,
  ATTENDANCE,
  CAPACITY,
  CONCERN_DECISIONS,
  CONCERN_SOURCES,
  CONSENT,
  ENQUIRY_LEADS,
  EXIT_REASONS,
  MEETING_KINDS,
  MSP_ASKED,
  OUTCOMES_ACHIEVED,
  PRIMARY_SUPPORT_REASONS,
  RISK_LOCATIONS,
  RISK_RESULTS,
  RISK_SOURCES,
  RISK_TYPES,
  SANCTIONS,
  SIGNPOST_TEAMS,
  TEST_ANSWERS,
  THREE_POINT_TEST,
  type ConcernDecision,
  type TestAnswer,
} from '../../domain/adult-safeguarding.js';
import { type Code } from '../../domain/codes.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { ACTION_ROWS, allocateForm, answerForm, askForm, authoriseForm, decisionForm, detailsForm, exitForm, meetingForm, outcomeForm, planForm, riskForm, testForm } from './forms.js';
import { concernRows, concernStatusTag, contributionItem, decisionRows, enquiryRows, meetingCard, nextSteps, outcomeRows, riskLabel, riskTable, testSummary, worklistRow } from './presenters.js';
import { ADULT_ROUTES, adultPath, concernPath } from './paths.js';
import { type ChangeResult, type AdultSafeguardingService } from './service.js';

type Values = Record<string, unknown>;
const WORK = { rule: 'adult:work', records: { id: 'adult_concern.owned' } } as const;
/** The worklist's tabs, and the views a home page's counts open (not tabs: parts of "To decide"). */
const TABS = { to_decide: 'To decide', to_authorise: 'Waiting for authorisation', enquiries: 'Open enquiries', mine: 'Allocated to me' } as const;
const VIEWS = { ...TABS, overdue: 'To decide: past the decision timescale', due_today: 'To decide: due by the end of today' } as const;
type View = keyof typeof VIEWS;
const isView = (v: string): v is View => Object.hasOwn(VIEWS, v);

const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code }));

export function registerAdultSafeguardingRoutes(app: FastifyInstance, services: { adults: AdultSafeguardingService }): void {
  const { adults } = services;

  app.get(ADULT_ROUTES.worklist, { config: { rule: 'adult:work' } }, async (request, reply) => {
    const user = requireUser(request);
    const asked = queryString(request, 'view', 20);
    const view: View = isView(asked) ? asked : 'to_decide';
    const page = pageParam(request);
    const list = await adults.worklist(user, view, page);
    return reply.view('adult-safeguarding/views/worklist.njk', {
      pageTitle: 'Adult safeguarding',
      tabs: (Object.keys(TABS) as (keyof typeof TABS)[]).map((v) => ({ text: TABS[v], count: list.counts[v], href: adultPath('worklist', {}, { view: v }), current: v === view || (v === 'to_decide' && (view === 'overdue' || view === 'due_today')) })),
      view,
      viewTitle: VIEWS[view],
      counts: list.counts,
      rows: list.items.map((r) => worklistRow(r, list.calendar, list.now)),
      total: list.total,
      pagination: pagination(page, list.total, 25, (n) => adultPath('worklist', {}, { view, page: n })),
    });
  });

  // ——— the concern ———

  /**
   * A concern in parts, each a page of its own under one sub-navigation: the summary (who, where it stands, the
   * decision, what you can do, and the outcome once it ends), the concern and its three-point test, the enquiry and
   * its risks, the partners' contributions and the meetings.
   */
  type ConcernSection = 'summary' | 'concern' | 'enquiry' | 'contributions' | 'meetings';
  const SECTION_ROUTES = { summary: 'concern', concern: 'recordConcern', enquiry: 'recordEnquiry', contributions: 'recordContributions', meetings: 'recordMeetings' } as const;
  const SECTION_TITLES: Record<ConcernSection, string> = { summary: 'Summary', concern: 'The concern and the test', enquiry: 'Enquiry', contributions: 'Contributions', meetings: 'Meetings' };
  async function concernPage(request: FastifyRequest, reply: FastifyReply, section: ConcernSection) {
    const user = requireUser(request);
    const id = idParam(request);
    const found = await adults.view(userActor(request), id);
    if (!found) throw notFound();
    const { concern: c, enquiry } = found;
    const owning = c.owning_agency_id === user.agencyId;
    const test = testSummary(c);
    const shown: ConcernSection[] = enquiry ? ['summary', 'concern', 'enquiry', 'contributions', 'meetings'] : ['summary', 'concern'];
    if (!shown.includes(section)) throw notFound();
    const counts: Partial<Record<ConcernSection, number>> = { contributions: found.contributions.length, meetings: found.meetings.length };
    return reply.view('adult-safeguarding/views/concern.njk', {
      pageTitle: section === 'summary' ? `${c.adult_name}: ${c.reference}` : `${SECTION_TITLES[section]}: ${c.adult_name}, ${c.reference}`,
      c,
      section,
      sectionTitle: SECTION_TITLES[section],
      subNavigation: {
        label: 'The concern',
        items: shown.map((s) => ({ text: counts[s] === undefined ? SECTION_TITLES[s] : `${SECTION_TITLES[s]} (${counts[s]})`, href: adultPath(SECTION_ROUTES[s], { id }), active: s === section })),
      },
      sectionHrefs: Object.fromEntries(shown.map((s) => [s, adultPath(SECTION_ROUTES[s], { id })])),
      statusTag: concernStatusTag(c.status, enquiry?.status ?? null, c.decision),
      summary: concernRows(c),
      test,
      decision: decisionRows(c),
      enquiry: enquiry && { rows: enquiryRows(enquiry), outcome: outcomeRows(enquiry), status: enquiry.status },
      risks: found.risks.length ? riskTable(found.risks) : null,
      contributions: found.contributions.map((k) => contributionItem(k, found.now)),
      answered: found.contributions.filter((k) => k.answer).length,
      meetings: found.meetings.map((m) => meetingCard(m, id, found.attendees, found.actions, adults.minutesVisible(user, c.owning_agency_id, found.attendees.filter((a) => a.meeting_id === m.id)))),
      steps: owning ? nextSteps(id, c, enquiry, { work: can(request, 'adult:work'), authorise: can(request, 'adult:authorise') }) : [],
      returned: c.status === 'open' && c.returned_comment,
      flash: queryString(request, 'done', 40),
    });
  }

  const CONCERN_READ = { rule: 'signed-in', records: { id: 'adult_concern' } } as const;
  for (const section of Object.keys(SECTION_ROUTES) as ConcernSection[]) {
    app.get(ADULT_ROUTES[SECTION_ROUTES[section]], { config: CONCERN_READ }, async (request, reply) => concernPage(request, reply, section));
  }

  // ——— each step on a page of its own ———

  type StepRoute = 'details' | 'test' | 'decision' | 'authorisation' | 'allocate' | 'plan' | 'risks' | 'ask' | 'meetings' | 'outcome' | 'exit';
  interface Step {
    route: StepRoute;
    view: string;
    title: string;
    /** The permission the step needs (adult:work unless said). */
    rule?: 'adult:authorise';
    /** What the form page shows beyond the concern. */
    page: (request: FastifyRequest, found: NonNullable<Awaited<ReturnType<AdultSafeguardingService['view']>>>, values: Values) => Promise<Values> | Values;
    /** Parses and saves; returns form errors, or the service's result. */
    save: (request: FastifyRequest, found: NonNullable<Awaited<ReturnType<AdultSafeguardingService['view']>>>) => Promise<{ form: FormErrors; values: Values } | ChangeResult>;
    done: string;
  }

  async function agencyCodes(request: FastifyRequest): Promise<Code[]> {
    return (await adults.partnerAgencies(requireUser(request))).map((a) => ({ code: a.id, label: a.name }));
  }

  const STEPS: Step[] = [
    {
      route: 'details',
      view: 'details',
      title: 'The concern’s details',
      page: async (_request, found, values) => {
        const providers = await adults.providerChoices(found.concern.tenant_id);
        return {
          sourceItems: items(CONCERN_SOURCES, values.sourceCode ?? found.concern.source_code),
          providerItems: [{ value: '', text: 'None' }, ...providers.map((p) => ({ value: p.code, text: p.label, selected: (values.providerId ?? found.concern.provider_id) === p.code }))],
          othersInvolved: values.othersInvolved ?? found.concern.others_involved ?? '',
          personsView: values.personsView ?? found.concern.persons_view ?? '',
        };
      },
      save: async (request, found) => {
        const form = parseForm(detailsForm(await adults.providerChoices(found.concern.tenant_id)), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.updateDetails(userActor(request), found.concern.id, { sourceCode: form.value.sourceCode, othersInvolved: form.value.othersInvolved, personsView: form.value.personsView, providerId: form.value.providerId });
      },
      done: 'details',
    },
    {
      route: 'test',
      view: 'test',
      title: 'Three-point test',
      page: (_request, found, values) => {
        const c = found.concern;
        const current: Record<string, string | null> = { needs: c.test_needs, abuse: c.test_abuse, protect: c.test_protect, needsReason: c.test_needs_reason, abuseReason: c.test_abuse_reason, protectReason: c.test_protect_reason };
        return {
          points: THREE_POINT_TEST.map((p) => ({
            key: p.key,
            question: p.question,
            source: p.source,
            items: items(TEST_ANSWERS, values[p.key] ?? current[p.key]),
            reason: values[`${p.key}Reason`] ?? current[`${p.key}Reason`] ?? '',
          })),
        };
      },
      save: async (request, found) => {
        const form = parseForm(testForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value;
        const answer = (a: string) => a as TestAnswer;
        return adults.recordTest(userActor(request), found.concern.id, {
          needs: { answer: answer(v.needs), reason: v.needsReason },
          abuse: { answer: answer(v.abuse), reason: v.abuseReason },
          protect: { answer: answer(v.protect), reason: v.protectReason },
        });
      },
      done: 'test',
    },
    {
      route: 'decision',
      view: 'decision',
      title: 'Decide what happens next',
      page: (_request, found, values) => ({
        test: testSummary(found.concern),
        decisionItems: items(CONCERN_DECISIONS, values.decision),
        signpostItems: [{ value: '', text: 'Choose a team or service' }, ...SIGNPOST_TEAMS.map((s) => ({ value: s.code, text: s.label, selected: values.signpostTo === s.code }))],
      }),
      save: async (request, found) => {
        const form = parseForm(decisionForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.proposeDecision(userActor(request), found.concern.id, { decision: form.value.decision as ConcernDecision, reason: form.value.reason, signpostTo: form.value.signpostTo });
      },
      done: 'decision',
    },
    {
      route: 'authorisation',
      view: 'authorisation',
      title: 'Authorise the decision',
      rule: 'adult:authorise',
      page: (_request, found, values) => ({ test: testSummary(found.concern), decision: decisionRows(found.concern), items: items([{ code: 'authorise', label: 'Authorise the decision' }, { code: 'return', label: 'Return it to the worker' }], values.decision) }),
      save: async (request, found) => {
        const form = parseForm(authoriseForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.authorise(userActor(request), found.concern.id, form.value.decision === 'authorise', form.value.comment);
      },
      done: 'authorised',
    },
    {
      route: 'allocate',
      view: 'allocate',
      title: 'Allocate',
      page: async (request, found, values) => ({ workerItems: (await adults.workers(requireUser(request))).map((w) => ({ value: w.id, text: w.display_name, checked: (values.userId ?? found.concern.allocated_user_id) === w.id })) }),
      save: async (request, found) => {
        const form = parseForm(allocateForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.allocate(userActor(request), found.concern.id, form.value.userId);
      },
      done: 'allocated',
    },
    {
      route: 'plan',
      view: 'plan',
      title: 'Plan the enquiry',
      page: async (request, found, values) => {
        const e = found.enquiry;
        const v = (k: string, current: unknown) => (k in values ? values[k] : current);
        const agencies = await agencyCodes(request);
        return {
          leadItems: items(ENQUIRY_LEADS, v('leadKind', e?.lead_kind)),
          agencyItems: [{ value: '', text: 'Not caused to another agency' }, ...agencies.map((a) => ({ value: a.code, text: a.label, selected: v('leadAgencyId', e?.lead_agency_id) === a.code }))],
          consentItems: items(CONSENT, v('consent', e?.consent)),
          capacityItems: items(CAPACITY, v('capacity', e?.capacity)),
          capacityNote: v('capacityNote', e?.capacity_note) ?? '',
          supportItems: [{ value: '', text: 'Choose the primary support reason' }, ...PRIMARY_SUPPORT_REASONS.map((p) => ({ value: p.code, text: p.label, selected: v('primarySupportReason', e?.primary_support_reason) === p.code }))],
          advocacyItems: items(ADVOCACY, v('advocacy', e?.advocacy)),
          advocateName: v('advocateName', e?.advocate_name) ?? '',
          mspItems: items(MSP_ASKED, v('mspAsked', e?.msp_asked)),
          desiredOutcomes: v('desiredOutcomes', e?.desired_outcomes) ?? '',
        };
      },
      save: async (request, found) => {
        const form = parseForm(planForm(await agencyCodes(request)), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value;
        return adults.plan(userActor(request), found.concern.id, {
          leadKind: v.leadKind, leadAgencyId: v.leadAgencyId, consent: v.consent, capacity: v.capacity, capacityNote: v.capacityNote, primarySupportReason: v.primarySupportReason,
          advocacy: v.advocacy, advocateName: v.advocateName, mspAsked: v.mspAsked, desiredOutcomes: v.desiredOutcomes,
        });
      },
      done: 'planned',
    },
    {
      route: 'risks',
      view: 'risk',
      title: 'Add a risk',
      page: (_request, _found, values) => ({ typeItems: items(RISK_TYPES, values.type), locationItems: items(RISK_LOCATIONS, values.location), sourceItems: items(RISK_SOURCES, values.source), description: values.description ?? '' }),
      save: async (request, found) => {
        const form = parseForm(riskForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.addRisk(userActor(request), found.concern.id, form.value);
      },
      done: 'risk',
    },
    {
      route: 'ask',
      view: 'ask',
      title: 'Ask partners to contribute',
      page: async (request, found, values) => ({ agencyItems: items(await agencyCodes(request), values.agencyIds), question: values.question ?? '', dueOn: await adults.contributionDueOn(found.concern.tenant_id) }),
      save: async (request, found) => {
        const form = parseForm(askForm(await agencyCodes(request)), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.askContributions(userActor(request), found.concern.id, form.value);
      },
      done: 'asked',
    },
    {
      route: 'meetings',
      view: 'meeting-form',
      title: 'Record a meeting',
      page: async (request, found, values) => {
        const agencies = await agencyCodes(request);
        const own = { code: requireUser(request).agencyId, label: requireUser(request).agencyName };
        return {
          kindItems: items(MEETING_KINDS, values.kind ?? (found.meetings.some((m) => m.kind === 'decision_making') ? 'outcome' : 'decision_making')),
          personItems: items(ATTENDANCE, values.personAttendance),
          advocateItems: [{ value: '', text: 'No advocate' }, ...ATTENDANCE.map((a) => ({ value: a.code, text: a.label, selected: values.advocateAttendance === a.code }))],
          familyItems: [{ value: '', text: 'No family member or friend' }, ...ATTENDANCE.map((a) => ({ value: a.code, text: a.label, selected: values.familyAttendance === a.code }))],
          advocateName: values.advocateName ?? found.enquiry?.advocate_name ?? '',
          familyName: values.familyName ?? '',
          attendedItems: items(agencies, values.agenciesAttended),
          apologiesItems: items(agencies, values.agenciesApologies),
          personsVoice: values.personsVoice ?? '',
          decisions: values.decisions ?? '',
          minutes: values.minutes ?? '',
          actions: Array.from({ length: ACTION_ROWS }, (_, i) => ({
            n: i + 1,
            description: values[`action${i + 1}`] ?? '',
            ownerItems: [{ value: '', text: 'Choose the agency' }, ...[own, ...agencies].map((a) => ({ value: a.code, text: a.label, selected: values[`action${i + 1}Owner`] === a.code }))],
            due: values[`action${i + 1}Due`] ?? {},
          })),
          heldAt: values.heldAt ?? {},
        };
      },
      save: async (request, found) => {
        const user = requireUser(request);
        const agencies = await agencyCodes(request);
        const form = parseForm(meetingForm([{ code: user.agencyId, label: user.agencyName }, ...agencies]), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value as typeof form.value & Record<string, unknown>;
        const name = new Map(agencies.map((a) => [a.code, a.label]));
        const attendees = [
          { role: 'person', name: found.concern.adult_name, agencyId: null, attendance: v.personAttendance },
          ...(v.advocateName && v.advocateAttendance ? [{ role: 'advocate', name: v.advocateName, agencyId: null, attendance: v.advocateAttendance }] : []),
          ...(v.familyName && v.familyAttendance ? [{ role: 'family', name: v.familyName, agencyId: null, attendance: v.familyAttendance }] : []),
          { role: 'professional', name: user.agencyName, agencyId: user.agencyId, attendance: 'attended' },
          ...v.agenciesAttended.map((id) => ({ role: 'professional', name: name.get(id) ?? '', agencyId: id, attendance: 'attended' })),
          ...v.agenciesApologies.map((id) => ({ role: 'professional', name: name.get(id) ?? '', agencyId: id, attendance: 'apologies' })),
        ];
        const actions = [];
        for (let i = 1; i <= ACTION_ROWS; i += 1) {
          const description = v[`action${i}`] as string | null;
          if (description) actions.push({ description, ownerAgencyId: v[`action${i}Owner`] as string, ownerName: null, dueOn: v[`action${i}Due`] as string });
        }
        return adults.recordMeeting(userActor(request), found.concern.id, { kind: v.kind, heldAt: v.heldAt, personsVoice: v.personsVoice, decisions: v.decisions, minutes: v.minutes, attendees, actions });
      },
      done: 'meeting',
    },
    {
      route: 'outcome',
      view: 'outcome',
      title: 'Record the outcome and conclude the enquiry',
      page: (_request, found, values) => ({
        risks: found.risks.map((r, i) => ({
          n: i + 1,
          label: riskLabel(r, i),
          resultItems: items(RISK_RESULTS, values[`result${i + 1}`]),
          actionItems: items([{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }], values[`action${i + 1}`]),
          note: values[`actionNote${i + 1}`] ?? '',
        })),
        mspExpressed: found.enquiry?.msp_asked === 'asked_expressed',
        desiredOutcomes: found.enquiry?.desired_outcomes,
        achievedItems: items(OUTCOMES_ACHIEVED, values.outcomesAchieved),
        sanctionItems: items(SANCTIONS, values.sanctions),
        conclusion: values.conclusion ?? '',
      }),
      save: async (request, found) => {
        const form = parseForm(outcomeForm(found.risks.length), request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        const v = form.value as Record<string, unknown> & { outcomesAchieved: string | null; sanctions: string[]; conclusion: string };
        return adults.conclude(userActor(request), found.concern.id, {
          results: found.risks.map((r, i) => ({ riskId: r.id, result: v[`result${i + 1}`] as string, actionTaken: v[`action${i + 1}`] as boolean, actionNote: (v[`actionNote${i + 1}`] as string | null) ?? null })),
          outcomesAchieved: v.outcomesAchieved,
          sanctions: v.sanctions,
          conclusion: v.conclusion,
        });
      },
      done: 'concluded',
    },
    {
      route: 'exit',
      view: 'exit',
      title: 'End the enquiry early',
      page: (_request, _found, values) => ({ reasonItems: items(EXIT_REASONS, values.reason), note: values.note ?? '' }),
      save: async (request, found) => {
        const form = parseForm(exitForm, request.body);
        if (!form.ok) return { form: form.errors, values: form.values };
        return adults.exit(userActor(request), found.concern.id, form.value.reason, form.value.note);
      },
      done: 'exited',
    },
  ];

  async function stepPage(request: FastifyRequest, reply: FastifyReply, step: Step, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await adults.view(userActor(request), id, step.route);
    if (!found) throw notFound();
    return reply.code(status).view(`adult-safeguarding/views/${step.view}.njk`, {
      pageTitle: `${step.title}: ${found.concern.adult_name}`,
      title: step.title,
      c: found.concern,
      enquiry: found.enquiry,
      values,
      errors,
      formAction: adultPath(step.route, { id }),
      backLink: { href: concernPath(id), text: 'Back to the concern' },
      ...(await step.page(request, found, values)),
    });
  }

  for (const step of STEPS) {
    const config = { ...WORK, rule: step.rule ?? WORK.rule };
    app.get(ADULT_ROUTES[step.route], { config }, async (request, reply) => stepPage(request, reply, step));
    app.post(ADULT_ROUTES[step.route], { config }, async (request, reply) => {
      const found = await adults.view(userActor(request), idParam(request), step.route);
      if (!found) throw notFound();
      const result = await step.save(request, found);
      if ('form' in result) return stepPage(request, reply, step, result.values, result.form, 400);
      if ('notFound' in result) throw notFound();
      if ('problems' in result) return stepPage(request, reply, step, request.body as Values, errorsFrom(result.problems, request.body as Values), 409);
      return reply.redirect(adultPath('concern', { id: found.concern.id }, { done: step.done }), 303);
    });
  }

  app.get(ADULT_ROUTES.meeting, { config: { rule: 'signed-in', records: { id: 'adult_concern' } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = idParam(request);
    const found = await adults.view(userActor(request), id, 'meeting');
    const meetingId = idParam(request, 'adultMeetingId');
    const meeting = found?.meetings.find((m) => m.id === meetingId);
    if (!found || !meeting) throw notFound();
    const attendees = found.attendees.filter((a) => a.meeting_id === meeting.id);
    return reply.view('adult-safeguarding/views/meeting.njk', {
      pageTitle: `${meeting.kind === 'outcome' ? 'Outcome meeting' : 'Decision making meeting'}: ${found.concern.adult_name}`,
      c: found.concern,
      m: meetingCard(meeting, id, attendees, found.actions, adults.minutesVisible(user, found.concern.owning_agency_id, attendees)),
      backLink: { href: concernPath(id), text: 'Back to the concern' },
    });
  });

  // ——— partners' requests to contribute ———

  app.get(ADULT_ROUTES.contributions, { config: { rule: 'adult:contribute' } }, async (request, reply) => {
    const user = requireUser(request);
    const asked = queryString(request, 'show', 10);
    const show = asked === 'answered' || asked === 'overdue' ? asked : 'waiting';
    const answered = show === 'answered';
    const page = pageParam(request);
    const list = await adults.contributionsForAgency(user, show, page);
    return reply.view('adult-safeguarding/views/contributions.njk', {
      pageTitle: 'Requests to contribute to safeguarding enquiries',
      answered,
      tabs: [
        { text: 'Waiting for an answer', href: adultPath('contributions', {}), current: show === 'waiting' },
        { text: 'Past their due date', href: adultPath('contributions', {}, { show: 'overdue' }), current: show === 'overdue' },
        { text: 'Answered', href: adultPath('contributions', {}, { show: 'answered' }), current: answered },
      ],
      items: list.items.map((k) => contributionItem(k, adults.now())),
      total: list.total,
      show,
      pagination: pagination(page, list.total, 25, (n) => adultPath('contributions', {}, { ...(show === 'waiting' ? {} : { show }), page: n })),
    });
  });

  async function contributionPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const found = await adults.contribution(userActor(request), idParam(request));
    if (!found) throw notFound();
    return reply.code(status).view('adult-safeguarding/views/contribution.njk', {
      pageTitle: `Request to contribute: ${found.concern_reference}`,
      k: contributionItem(found, adults.now()),
      canAnswer: found.agency_id === user.agencyId && !found.answered_at && can(request, 'adult:contribute'),
      values,
      errors,
      formAction: adultPath('contribution', { id: found.id }),
      backLink: found.agency_id === user.agencyId ? { href: adultPath('contributions', {}), text: 'Requests to contribute' } : { href: concernPath(found.concern_id), text: 'Back to the concern' },
    });
  }

  app.get(ADULT_ROUTES.contribution, { config: { rule: 'signed-in', records: { id: 'adult_contribution' } } }, async (request, reply) => contributionPage(request, reply));

  app.post(ADULT_ROUTES.contribution, { config: { rule: 'adult:contribute', records: { id: 'adult_contribution.asked' } } }, async (request, reply) => {
    const form = parseForm(answerForm, request.body);
    if (!form.ok) return contributionPage(request, reply, form.values, form.errors, 400);
    const result = await adults.answerContribution(userActor(request), idParam(request), form.value.answer);
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return contributionPage(request, reply, request.body as Values, errorsFrom(result.problems), 409);
    return reply.redirect(adultPath('contributions', {}, { done: 'answered' }), 303);
  });
}

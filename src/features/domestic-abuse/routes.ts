/**
 * Domestic abuse pages: the list of DA cases, the household risk view (every adult's and child's grading side by
 * side, graded together), DASH checklists, the daily triage meeting (MADA) and data-sharing agreements.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Code, labelOf } from '../../domain/codes.js';
import { DASH_ANSWERS, type DashChecklist, checklist, currentChecklist } from '../../domain/dash.js';
import { DASH_CHECKLISTS } from '../../domain/dash-checklists.js';
import { CHILD_DA_ROLES, DA_ROLES, INCIDENT_TYPES, MADA_DECISIONS, childrenGradedBelowVictim, isRiskLevel } from '../../domain/domestic-abuse.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { type CurrentUser, can, requireUser } from '../../platform/authz.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { pagination } from '../../platform/pagination.js';
import { wallTime } from '../../domain/time.js';
import { type EncompassService } from '../encompass/service.js';
import { contactPath } from '../front-door/paths.js';
import { maracPath } from '../marac/paths.js';
import { personPath } from '../people/paths.js';
import { DOMESTIC_ABUSE_ROUTES, daCasePath, domesticAbusePath } from './paths.js';
import { type DomesticAbuseService } from './service.js';
import { userActor } from '../../platform/authz.js';
import { outcomeTag } from '../encompass/presenters.js';
import { ACTION_ROWS, actionDoneForm, agreementForm, dashForm, decisionForm, gradingForm, recordForm, startMeetingForm } from './forms.js';
import { ageText, caseFlags, dashResult, lagOf, personRows, riskTag, triageRows } from './presenters.js';
import { type CaseRow, type MeetingRow } from './repository.js';
import { personName } from '../../domain/names.js';

const SHOWS = ['undecided', 'overdue', 'repeats', 'flagged', 'all'] as const;
const SHOW_LABELS: Record<Show, string> = { undecided: 'Waiting for a decision', overdue: 'Overdue', repeats: 'Repeat MARAC', flagged: 'Children graded lower', all: 'All' };
type Show = (typeof SHOWS)[number];

export function registerDomesticAbuseRoutes(app: FastifyInstance, services: { domesticAbuse: DomesticAbuseService; encompass: EncompassService }): void {
  const { domesticAbuse: da } = services;
  const now = () => new Date();

  /** The DA case a route names (its `records` has checked the viewer may open it). */
  async function caseFor(request: FastifyRequest, name = 'id'): Promise<CaseRow> {
    const c = await da.caseById(idParam(request, name));
    if (!c) throw notFound();
    return c;
  }

  app.get(DOMESTIC_ABUSE_ROUTES.cases, { config: { rule: 'da:triage' } }, async (request, reply) => {
    const user = requireUser(request);
    const raw = queryString(request, 'show');
    const show: Show = (SHOWS as readonly string[]).includes(raw) ? (raw as Show) : 'undecided';
    const page = pageParam(request);
    const pageSize = 50;
    const found = await da.recent(user, show, pageSize, (page - 1) * pageSize);
    const meeting = await da.meetingToday(user.tenantId);
    return reply.view('domestic-abuse/views/index.njk', {
      pageTitle: 'Domestic abuse',
      show,
      tabs: SHOWS.map((s) => ({ href: domesticAbusePath('cases', {}, { show: s }), text: SHOW_LABELS[s], current: s === show })),
      cases: triageRows(found.list, null),
      total: found.total,
      pagination: pagination(page, found.total, pageSize, (p) => domesticAbusePath('cases', {}, { show, page: p > 1 ? p : undefined })),
      meeting,
    });
  });

  // ——— the household risk view ———

  app.get(DOMESTIC_ABUSE_ROUTES.case, { config: { rule: 'dash:complete', records: { id: 'da_case' } } }, async (request, reply) => {
    const user = requireUser(request);
    const c = await caseFor(request);
    const h = (await da.household(c.id))!;
    await da.recordView(userActor(request), c.id, 'household');
    const today = da.today();
    const children = h.people.filter((p) => CHILD_DA_ROLES.has(p.role));
    return reply.view('domestic-abuse/views/household.njk', {
      pageTitle: `Household risk: ${c.reference ?? 'domestic abuse incident'}`,
      c,
      incidentType: labelOf(INCIDENT_TYPES, c.incident_type),
      lag: lagOf(c.occurred_at, c.received_at),
      policeRisk: riskTag(c.police_risk),
      householdRisk: riskTag(c.household_risk),
      flags: caseFlags(c, h.flagged.size),
      contactHref: contactPath(c.contact_id),
      people: personRows(h.people, h.flagged, today).map((p) => ({ ...p, href: p.personId ? personPath(p.personId) : null })),
      children: personRows(children, h.flagged, today),
      dash: h.dash.map((d) => ({ ...d, href: domesticAbusePath('dashResult', { id: c.id, dashId: d.id }), checklistTitle: checklist(d.version)?.title ?? d.version, result: dashResult(d, checklist(d.version)) })),
      decision: h.decision ? { ...h.decision, labels: h.decision.decisions.map((d) => labelOf(MADA_DECISIONS, d)) } : null,
      actions: h.actions,
      notices: (await services.encompass.forCase(user.tenantId, c.id)).map((n) => ({
        child: personName(n),
        setting: n.agency_name ?? n.needs_setting ?? 'No setting yet',
        due: n.due_at,
        outcome: outcomeTag(n.outcome),
      })),
      canGrade: can(request, 'da:triage'),
      canRefer: can(request, 'marac:refer'),
      gradingHref: domesticAbusePath('grading', { id: c.id }),
      referHref: maracPath('newReferral', {}, { case: c.id }),
      checklists: DASH_CHECKLISTS.map((l) => ({ id: l.id, title: l.title, href: domesticAbusePath('newDash', { id: c.id }, { version: l.id }) })),
      graded: request.query && (request.query as Record<string, unknown>).graded === '1',
    });
  });

  async function gradingPage(request: FastifyRequest, reply: FastifyReply, c: CaseRow, extra: Record<string, unknown> = {}, status = 200) {
    const h = (await da.household(c.id))!;
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const errors = extra.errors as { fields: Record<string, { text: string }> } | undefined;
    const today = da.today();
    const people = h.people.map((p) => {
      const value = (values[`grading-${p.id}`] as string | undefined) ?? p.grading ?? '';
      return {
        id: p.id,
        legend: `${personName(p)} (${personRows([p], new Set(), today)[0]!.role.toLowerCase()}, age ${personRows([p], new Set(), today)[0]!.age.toLowerCase()})`,
        police: p.police_risk ? `Police grading: ${labelOf(RISK_LEVELS, p.police_risk).toLowerCase()}` : 'No police grading',
        child: CHILD_DA_ROLES.has(p.role),
        items: RISK_LEVELS.map((r) => ({ value: r.code, text: r.label, checked: value === r.code })),
        reason: (values[`reason-${p.id}`] as string | undefined) ?? p.grading_reason ?? '',
        gradingError: errors?.fields[`grading-${p.id}`],
        reasonError: errors?.fields[`reason-${p.id}`],
      };
    });
    return reply.code(status).view('domestic-abuse/views/grading.njk', {
      pageTitle: 'Grade the household together',
      c,
      people,
      formAction: domesticAbusePath('grading', { id: c.id }),
      backLink: { href: daCasePath(c.id), text: 'Back to the household' },
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.grading, { config: { rule: 'da:triage', records: { id: 'da_case' } } }, async (request, reply) => {
    const c = await caseFor(request);
    return gradingPage(request, reply, c);
  });

  app.post(DOMESTIC_ABUSE_ROUTES.grading, { config: { rule: 'da:triage', records: { id: 'da_case' } } }, async (request, reply) => {
    const c = await caseFor(request);
    const people = (await da.household(c.id))!.people;
    const form = parseForm(gradingForm(people.map((p) => p.id)), request.body);
    if (!form.ok) return gradingPage(request, reply, c, { errors: form.errors, values: form.values }, 400);
    const v = form.value as Record<string, string | null>;
    const gradings = Object.fromEntries(people.map((p) => [p.id, { grading: v[`grading-${p.id}`] ?? null, reason: v[`reason-${p.id}`] ?? null }]));
    const result = await da.saveGradings(userActor(request), c.id, gradings);
    // The error summary lists the problems in the order of the people on the page.
    if ('problems' in result) {
      const ordered = Object.fromEntries(people.flatMap((p) => [`grading-${p.id}`, `reason-${p.id}`].filter((k) => result.problems[k]).map((k) => [k, result.problems[k]!])));
      return gradingPage(request, reply, c, { errors: errorsFrom(ordered), values: request.body }, 400);
    }
    return reply.redirect(daCasePath(c.id, { graded: 1 }), 303);
  });

  // ——— a contact recorded by the MASH, recorded as a DA incident ———

  async function recordPage(request: FastifyRequest, reply: FastifyReply, contactId: string, extra: Record<string, unknown> = {}, status = 200) {
    const [facts, people] = await Promise.all([da.contactFacts(contactId), da.contactPeople(contactId)]);
    if (!facts) throw notFound();
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const errors = extra.errors as { fields: Record<string, { text: string }> } | undefined;
    const today = da.today();
    const incident = facts.incident_at ? new Date(facts.incident_at) : null;
    const wall = incident ? wallTime(incident) : null;
    const parts = wall ? { day: Number(wall.date.slice(8)), month: Number(wall.date.slice(5, 7)), year: Number(wall.date.slice(0, 4)), hour: Math.floor(wall.minutes / 60), minute: wall.minutes % 60 } : null;
    const value = (name: string, fallback: string) => (values[name] as string | undefined) ?? fallback;
    return reply.code(status).view('domestic-abuse/views/record.njk', {
      pageTitle: 'Record as a domestic abuse incident',
      contactId,
      reference: facts.reference,
      typeItems: [{ value: '', text: 'Choose the type of incident' }, ...INCIDENT_TYPES.map((t) => ({ value: t.code, text: t.label, selected: values.incidentType === t.code }))],
      occurred: {
        day: value('occurredAt-day', parts ? String(parts.day) : ''),
        month: value('occurredAt-month', parts ? String(parts.month) : ''),
        year: value('occurredAt-year', parts ? String(parts.year) : ''),
        hour: value('occurredAt-hour', parts ? String(parts.hour).padStart(2, '0') : ''),
        minute: value('occurredAt-minute', parts ? String(parts.minute).padStart(2, '0') : ''),
      },
      riskItems: [{ value: '', text: 'Not given' }, ...RISK_LEVELS.map((r) => ({ value: r.code, text: r.label, selected: value('policeRisk', facts.risk_level ?? '') === r.code }))],
      people: people.map((p) => ({
        ref: p.ref,
        legend: `${personName(p)}${p.date_of_birth ? ` (age ${ageText(p.date_of_birth, today).toLowerCase()})` : ' (date of birth not known)'}`,
        roleItems: DA_ROLES.map((r) => ({ value: r.code, text: r.label, checked: values[`role-${p.ref}`] === r.code })),
        riskItems: [{ value: '', text: 'Not graded' }, ...RISK_LEVELS.map((r) => ({ value: r.code, text: r.label, selected: values[`risk-${p.ref}`] === r.code }))],
        roleError: errors?.fields[`role-${p.ref}`],
      })),
      values,
      formAction: domesticAbusePath('recordFromContact', { id: contactId }),
      backLink: { href: contactPath(contactId), text: 'Back to the contact' },
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.recordFromContact, { config: { rule: 'da:triage', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = { id: idParam(request) };
    const existing = await da.caseOfContact(g.id);
    if (existing) return reply.redirect(daCasePath(existing.id), 303);
    return recordPage(request, reply, g.id);
  });

  app.post(DOMESTIC_ABUSE_ROUTES.recordFromContact, { config: { rule: 'da:triage', records: { id: 'contact.owned' } } }, async (request, reply) => {
    const g = { id: idParam(request) };
    const people = await da.contactPeople(g.id);
    const form = parseForm(
      recordForm(
        people.map((p) => p.ref),
        now,
      ),
      request.body,
    );
    if (!form.ok) return recordPage(request, reply, g.id, { errors: form.errors, values: form.values }, 400);
    const v = form.value as Record<string, unknown>;
    const result = await da.recordFromContact(userActor(request), g.id, {
      incidentType: v.incidentType as string,
      occurredAt: v.occurredAt as Date,
      policeReference: (v.policeReference as string | null) ?? null,
      policeRisk: isRiskLevel(v.policeRisk) ? v.policeRisk : null,
      people: Object.fromEntries(people.map((p) => [p.ref, { role: (v[`role-${p.ref}`] as string | null) ?? '', riskLevel: isRiskLevel(v[`risk-${p.ref}`]) ? (v[`risk-${p.ref}`] as 'high' | 'medium' | 'standard') : null }])),
    });
    if ('problems' in result) return recordPage(request, reply, g.id, { errors: errorsFrom(result.problems), values: request.body }, 400);
    return reply.redirect(daCasePath(result.daCaseId), 303);
  });

  // ——— DASH ———

  async function dashPage(request: FastifyRequest, reply: FastifyReply, c: CaseRow, list: DashChecklist, extra: Record<string, unknown> = {}, status = 200) {
    const people = (await da.household(c.id))!.people;
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const errors = extra.errors as { fields: Record<string, { text: string }> } | undefined;
    const chosen = (values.daPersonId as string | undefined) ?? queryString(request, 'person') ?? '';
    const eligible = people.filter((p) => (list.kind === 'young_people' ? CHILD_DA_ROLES.has(p.role) || p.role === 'victim' : p.role === 'victim' || p.role === 'other'));
    const defaultPerson = chosen || (eligible.length === 1 ? eligible[0]!.id : '');
    return reply.code(status).view('domestic-abuse/views/dash-form.njk', {
      pageTitle: list.title,
      c,
      list,
      personItems: eligible.map((p) => ({ value: p.id, text: personName(p), checked: defaultPerson === p.id })),
      questions: list.questions.map((q, i) => ({
        ...q,
        number: i + 1,
        items: DASH_ANSWERS.map((a) => ({ value: a.code, text: a.label, checked: values[`answer-${q.id}`] === a.code })),
        words: (values[`words-${q.id}`] as string | undefined) ?? '',
        error: errors?.fields[`answer-${q.id}`],
        wordsError: errors?.fields[`words-${q.id}`],
      })),
      judgementItems: [{ value: '', text: 'No: the answers decide the grading', checked: !values.judgement }, ...RISK_LEVELS.map((r) => ({ value: r.code, text: `Raise to ${r.label.toLowerCase()} risk`, checked: values.judgement === r.code }))],
      values,
      formAction: domesticAbusePath('dash', { id: c.id }, { version: list.id }),
      backLink: { href: daCasePath(c.id), text: 'Back to the household' },
      ...extra,
    });
  }

  function checklistFrom(request: FastifyRequest): DashChecklist {
    const id = queryString(request, 'version') || String((request.body as Record<string, unknown> | undefined)?.version ?? '');
    const list = id ? checklist(id) : currentChecklist('partner', da.today());
    if (!list) throw notFound('There is no DASH checklist with that name.');
    return list;
  }

  app.get(DOMESTIC_ABUSE_ROUTES.newDash, { config: { rule: 'dash:complete', records: { id: 'da_case' } } }, async (request, reply) => {
    const c = await caseFor(request);
    return dashPage(request, reply, c, checklistFrom(request));
  });

  app.post(DOMESTIC_ABUSE_ROUTES.dash, { config: { rule: 'dash:complete', records: { id: 'da_case' } } }, async (request, reply) => {
    const c = await caseFor(request);
    const list = checklistFrom(request);
    const form = parseForm(dashForm(list), request.body);
    if (!form.ok) return dashPage(request, reply, c, list, { errors: form.errors, values: form.values }, 400);
    const v = form.value as Record<string, string | null>;
    const result = await da.completeDash(userActor(request), c.id, {
      version: list.id,
      daPersonId: v.daPersonId!,
      answers: Object.fromEntries(list.questions.flatMap((q) => (v[`answer-${q.id}`] ? [[q.id, v[`answer-${q.id}`]!]] : []))),
      victimWords: Object.fromEntries(list.questions.flatMap((q) => (v[`words-${q.id}`] ? [[q.id, v[`words-${q.id}`]!]] : []))),
      judgement: isRiskLevel(v.judgement) ? v.judgement : null,
      judgementReason: v.judgementReason ?? null,
    });
    if ('problems' in result) {
      const order = ['daPersonId', ...list.questions.map((q) => `answer-${q.id}`), 'judgement', 'judgementReason'];
      const ordered = Object.fromEntries(order.filter((k) => result.problems[k]).map((k) => [k, result.problems[k]!]));
      return dashPage(request, reply, c, list, { errors: errorsFrom(ordered), values: request.body }, 400);
    }
    return reply.redirect(domesticAbusePath('dashResult', { id: c.id, dashId: result.id }), 303);
  });

  app.get(DOMESTIC_ABUSE_ROUTES.dashResult, { config: { rule: 'dash:complete', records: { id: 'da_case' } } }, async (request, reply) => {
    const c = await caseFor(request);
    const d = await da.dash(c.id, idParam(request, 'dashId'));
    if (!d) throw notFound();
    await da.recordView(userActor(request), c.id, 'dash');
    const list = checklist(d.version);
    return reply.view('domestic-abuse/views/dash-result.njk', {
      pageTitle: `${list?.title ?? 'DASH'}: result`,
      c,
      d,
      list,
      result: dashResult(d, list),
      answers: (list?.questions ?? []).map((q, i) => ({ number: i + 1, text: q.text, answer: labelOf(DASH_ANSWERS as unknown as Code[], d.answers[q.id] ?? ''), words: d.victim_words[q.id] ?? null })),
      canRefer: can(request, 'marac:refer'),
      referHref: maracPath('newReferral', {}, { case: c.id }),
      backLink: { href: daCasePath(c.id), text: 'Back to the household' },
    });
  });

  // ——— MADA: the daily triage meeting ———

  async function startPage(request: FastifyRequest, reply: FastifyReply, user: CurrentUser, extra: Record<string, unknown> = {}, status = 200) {
    const [agencies, partners] = await Promise.all([da.agencies(user.tenantId), da.partners(user.tenantId)]);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const chosen = new Set([values.agencyIds ?? []].flat());
    const chosenPartners = new Set([values.partnerTenantIds ?? []].flat());
    return reply.code(status).view('domestic-abuse/views/mada-start.njk', {
      pageTitle: 'Start today’s domestic abuse triage',
      today: da.today(),
      agencyItems: agencies.map((a) => ({ value: a.id, text: a.name, checked: chosen.has(a.id) })),
      partnerItems: partners.map((p) => ({ value: p.id, text: p.name, checked: chosenPartners.has(p.id) })),
      meetings: (await da.meetings(user.tenantId)).map((m) => ({ ...m, href: domesticAbusePath('madaMeeting', { meetingId: m.id }) })),
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.mada, { config: { rule: 'da:triage' } }, async (request, reply) => {
    const user = requireUser(request);
    const meeting = await da.meetingToday(user.tenantId);
    if (meeting) return reply.redirect(domesticAbusePath('madaMeeting', { meetingId: meeting.id }), 303);
    return startPage(request, reply, user);
  });

  app.post(DOMESTIC_ABUSE_ROUTES.mada, { config: { rule: 'da:triage' } }, async (request, reply) => {
    const user = requireUser(request);
    const [agencies, partners] = await Promise.all([da.agencies(user.tenantId), da.partners(user.tenantId)]);
    const form = parseForm(
      startMeetingForm(
        agencies.map((a) => ({ code: a.id, label: a.name })),
        partners.map((p) => ({ code: p.id, label: p.name })),
      ),
      request.body,
    );
    if (!form.ok) return startPage(request, reply, user, { errors: form.errors, values: form.values }, 400);
    const result = await da.startMeeting(userActor(request), form.value);
    if ('problems' in result) {
      const existing = await da.meetingToday(user.tenantId);
      if (existing) return reply.redirect(domesticAbusePath('madaMeeting', { meetingId: existing.id }), 303);
      return startPage(request, reply, user, { errors: errorsFrom(result.problems), values: request.body }, 400);
    }
    return reply.redirect(domesticAbusePath('madaMeeting', { meetingId: result.id }), 303);
  });

  /** The triage meeting a route names (its `records` has checked it is the viewer's area's). */
  async function meetingFor(request: FastifyRequest): Promise<MeetingRow> {
    const meeting = await da.meeting(idParam(request, 'meetingId'));
    if (!meeting) throw notFound();
    return meeting;
  }

  app.get(DOMESTIC_ABUSE_ROUTES.madaMeeting, { config: { rule: 'da:triage', records: { meetingId: 'mada_meeting' } } }, async (request, reply) => {
    const user = requireUser(request);
    const meeting = await meetingFor(request);
    const isToday = meeting.meeting_on === da.today();
    const [waiting, decided, agencies, partners] = await Promise.all([isToday ? da.triageList(meeting, user.agencyId) : Promise.resolve([]), da.decidedAt(meeting.id), da.agencies(user.tenantId), da.partners(user.tenantId)]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
    await da.recordMeetingView(userActor(request), meeting.id);
    return reply.view('domestic-abuse/views/mada.njk', {
      pageTitle: `Domestic abuse triage, ${meeting.meeting_on}`,
      meeting,
      isToday,
      present: meeting.agencies_present.map((a) => names.get(a) ?? 'An agency no longer active'),
      partners: meeting.partner_tenant_ids.map((t) => partnerNames.get(t) ?? 'An area whose agreement has ended'),
      waiting: triageRows(waiting, meeting.id),
      decided: triageRows(decided, null),
      crossBorder: meeting.partner_tenant_ids.length > 0,
    });
  });

  async function decisionPage(request: FastifyRequest, reply: FastifyReply, user: CurrentUser, meeting: MeetingRow, caseId: string, extra: Record<string, unknown> = {}, status = 200) {
    const h = await da.household(caseId);
    if (!h || !(await da.meetingMayTriage(meeting, h.case, user.agencyId))) throw notFound();
    const agencies = await da.agencies(h.case.tenant_id);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const errors = extra.errors as { fields: Record<string, { text: string }> } | undefined;
    const chosen = new Set([values.decisions ?? []].flat());
    const today = da.today();
    await da.recordView(userActor(request), caseId, 'mada_decision');
    return reply.code(status).view('domestic-abuse/views/mada-decide.njk', {
      pageTitle: 'Decide for the household',
      meeting,
      c: h.case,
      ownArea: h.case.tenant_id === user.tenantId,
      lag: lagOf(h.case.occurred_at, h.case.received_at),
      incidentType: labelOf(INCIDENT_TYPES, h.case.incident_type),
      householdRisk: riskTag(h.case.household_risk),
      graded: h.case.household_reviewed_at !== null,
      flags: caseFlags(h.case, childrenGradedBelowVictim(h.people).length),
      people: personRows(h.people, h.flagged, today),
      dash: h.dash[0] ? { ...dashResult(h.dash[0], checklist(h.dash[0].version)), title: checklist(h.dash[0].version)?.title ?? h.dash[0].version } : null,
      decision: h.decision ? { ...h.decision, labels: h.decision.decisions.map((d) => labelOf(MADA_DECISIONS, d)) } : null,
      decisionItems: MADA_DECISIONS.map((d) => ({ value: d.code, text: d.label, checked: chosen.has(d.code) })),
      actionRows: Array.from({ length: ACTION_ROWS }, (_, i) => ({
        i,
        description: values[`action-description-${i}`] ?? '',
        ownerItems: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values[`action-owner-${i}`] === a.id }))],
        due: { day: values[`action-due-${i}-day`] ?? '', month: values[`action-due-${i}-month`] ?? '', year: values[`action-due-${i}-year`] ?? '' },
        errors: { description: errors?.fields[`action-description-${i}`], owner: errors?.fields[`action-owner-${i}`], due: errors?.fields[`action-due-${i}`] },
      })),
      values,
      caseHref: daCasePath(h.case.id),
      formAction: domesticAbusePath('madaCase', { meetingId: meeting.id, caseId: h.case.id }),
      backLink: { href: domesticAbusePath('madaMeeting', { meetingId: meeting.id }), text: 'Back to the meeting' },
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.madaCase, { config: { rule: 'da:triage', records: { meetingId: 'mada_meeting', caseId: 'mada_case' } } }, async (request, reply) => {
    const user = requireUser(request);
    const meeting = await meetingFor(request);
    return decisionPage(request, reply, user, meeting, idParam(request, 'caseId'));
  });

  app.post(DOMESTIC_ABUSE_ROUTES.madaCase, { config: { rule: 'da:triage', records: { meetingId: 'mada_meeting', caseId: 'mada_case' } } }, async (request, reply) => {
    const user = requireUser(request);
    const meeting = await meetingFor(request);
    const caseId = idParam(request, 'caseId');
    const c = await da.caseById(caseId);
    if (!c || !(await da.meetingMayTriage(meeting, c, user.agencyId))) throw notFound();
    if (meeting.meeting_on !== da.today()) return decisionPage(request, reply, user, meeting, caseId, { errors: errorsFrom({ decisions: 'This meeting has finished: decide at today’s meeting' }), values: request.body }, 409);
    const agencies = await da.agencies(c.tenant_id);
    const form = parseForm(
      decisionForm(
        agencies.map((a) => ({ code: a.id, label: a.name })),
        da.today(),
        now,
      ),
      request.body,
    );
    if (!form.ok) return decisionPage(request, reply, user, meeting, caseId, { errors: form.errors, values: form.values }, 400);
    const v = form.value as Record<string, unknown>;
    const actions = Array.from({ length: ACTION_ROWS }, (_, i) => i)
      .filter((i) => v[`action-description-${i}`])
      .map((i) => ({ description: v[`action-description-${i}`] as string, ownerAgencyId: v[`action-owner-${i}`] as string, dueOn: v[`action-due-${i}`] as string }));
    const result = await da.decide(userActor(request), meeting, caseId, { decisions: v.decisions as string[], reason: v.reason as string, actions });
    if ('problems' in result) return decisionPage(request, reply, user, meeting, caseId, { errors: errorsFrom(result.problems), values: request.body }, 409);
    return reply.redirect(domesticAbusePath('madaMeeting', { meetingId: meeting.id }, { decided: caseId, marac: result.maracReferralId ? 1 : undefined }), 303);
  });

  // ——— the triage meeting's actions, for the agencies that own them ———

  async function actionsPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const user = requireUser(request);
    const today = da.today();
    const list = await da.actionsOwnedBy(user);
    return reply.code(status).view('domestic-abuse/views/actions.njk', {
      pageTitle: 'Domestic abuse triage actions',
      open: list
        .filter((a) => !a.done_at)
        .map((a) => ({ ...a, overdue: a.due_on < today, caseHref: daCasePath(a.da_case_id), doneAction: domesticAbusePath('actionDone', { id: a.id }) })),
      done: list.filter((a) => a.done_at).slice(0, 20),
      canOpen: can(request, 'da:triage'),
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.actions, { config: { rule: 'dash:complete' } }, async (request, reply) => actionsPage(request, reply));

  app.post(DOMESTIC_ABUSE_ROUTES.actionDone, { config: { rule: 'dash:complete', records: { id: 'da_action' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(actionDoneForm, request.body);
    if (!form.ok) return actionsPage(request, reply, { errors: { summary: form.errors.summary.map((e) => ({ ...e, href: `#note-${id}` })), fields: { [`note-${id}`]: form.errors.fields.note ?? form.errors.fields.form } }, values: { [`note-${id}`]: (request.body as Record<string, unknown>)?.note } }, 400);
    if (!(await da.completeAction(userActor(request), id, form.value.note))) throw notFound('This action does not exist, is not your agency’s, or is already done.');
    return reply.redirect(domesticAbusePath('actions', {}, { done: 1 }), 303);
  });

  // ——— data-sharing agreements (administration) ———

  async function agreementsPage(request: FastifyRequest, reply: FastifyReply, user: CurrentUser, extra: Record<string, unknown> = {}, status = 200) {
    const [list, areas] = await Promise.all([da.agreements(user.tenantId), da.otherAreas(user.tenantId)]);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    return reply.code(status).view('domestic-abuse/views/agreements.njk', {
      pageTitle: 'Data-sharing agreements',
      agreements: list.map((a) => ({ ...a, endAction: domesticAbusePath('endAgreement', { id: a.id }) })),
      areaItems: [{ value: '', text: 'Choose an area' }, ...areas.map((a) => ({ value: a.id, text: a.name, selected: values.partnerTenantId === a.id }))],
      values,
      ...extra,
    });
  }

  app.get(DOMESTIC_ABUSE_ROUTES.agreements, { config: { rule: 'admin:manage' } }, async (request, reply) => agreementsPage(request, reply, requireUser(request)));

  app.post(DOMESTIC_ABUSE_ROUTES.agreements, { config: { rule: 'admin:manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const areas = await da.otherAreas(user.tenantId);
    const form = parseForm(
      agreementForm(
        areas.map((a) => ({ code: a.id, label: a.name })),
        now,
      ),
      request.body,
    );
    if (!form.ok) return agreementsPage(request, reply, user, { errors: form.errors, values: form.values }, 400);
    const result = await da.addAgreement(userActor(request), { partnerTenantId: form.value.partnerTenantId, reference: form.value.reference, startsOn: form.value.startsOn!, endsOn: form.value.endsOn });
    if ('problems' in result) return agreementsPage(request, reply, user, { errors: errorsFrom(result.problems), values: request.body }, 400);
    return reply.redirect(domesticAbusePath('agreements', {}, { added: 1 }), 303);
  });

  app.post(DOMESTIC_ABUSE_ROUTES.endAgreement, { config: { rule: 'admin:manage', records: { id: 'agreement' } } }, async (request, reply) => {
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    if (!(await da.endAgreement(userActor(request), idParam(request)))) throw notFound('This agreement does not exist or has already ended.');
    return reply.redirect(domesticAbusePath('agreements', {}), 303);
  });
}

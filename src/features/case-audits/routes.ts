/**
 * The multi-agency audits' pages: the programme by year (planned, in progress, closed), a new audit, an audit's page
 * (its sample drawn in Threshold, grading progress by agency, the grade distribution and overall judgement, findings
 * and the action plan), an agency's own gradings across audits and in one audit, and grading one record. Thin:
 * parse, authorise (the route's rule and the records it names), call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AUDIT_BOARDS, GRADES, MAX_SAMPLE, SAMPLE_KINDS, type SampleCandidate, ageBand, gradeDistribution, gradingProgress, labelOfStatus, mayAddFindings, mayChangeSample, mayGrade, needsImprovements, nextStatus, parseProgrammeYear, programmeYearLabel, programmeYearOf } from '../../domain/case-audits.js';
import { labelOf } from '../../domain/codes.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { formatDate } from '../../platform/views.js';
import { planPath } from '../actions/paths.js';
import { auditForm, drawForm, findingForm, gradingForm, redrawForm, statusForm } from './forms.js';
import { AUDIT_ROUTES, auditPath, caseAuditPath, gradePath } from './paths.js';
import { distributionRows, doneMessage, dueText, gradeTag, judgementText, ourEntry, programmeColumns, progressRows, sampleEntry, statusTag } from './presenters.js';
import { type CaseAuditService, type ChangeResult } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const VIEW = { rule: 'partnership:view', records: { id: 'case_audit' } } as const;
const MANAGE = { rule: 'partnership:manage', records: { id: 'case_audit.manage' } } as const;
const GRADE = { rule: 'audits:grade', records: { id: 'case_audit_sample.grade' } } as const;

const dateValues = (name: string, date: string | null | undefined): Values => {
  const [y, m, d] = (date ?? '').split('-');
  return date ? { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y } : {};
};

const STATUS_BUTTONS: Record<string, string> = {
  grading: 'Send the sample to the agencies to grade',
  findings: 'Close grading and move to findings',
  closed: 'Close the audit',
};

export function registerCaseAuditRoutes(app: FastifyInstance, services: { caseAudits: CaseAuditService }): void {
  const { caseAudits } = services;

  // ——— the programme ———

  app.get(AUDIT_ROUTES.programme, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const today = caseAudits.today();
    const year = parseProgrammeYear((request.query as Values | undefined)?.year, today);
    const list = await caseAudits.programme(userActor(request), year);
    return reply.view('case-audits/views/programme.njk', {
      pageTitle: `Multi-agency audit programme ${programmeYearLabel(year)}`,
      year,
      yearLabel: programmeYearLabel(year),
      previous: { href: auditPath('programme', {}, { year: year - 1 }), text: programmeYearLabel(year - 1) },
      next: { href: auditPath('programme', {}, { year: year + 1 }), text: programmeYearLabel(year + 1) },
      current: year === programmeYearOf(today) ? null : { href: auditPath('programme', {}), text: `This year (${programmeYearLabel(programmeYearOf(today))})` },
      columns: programmeColumns(list),
      manage: can(request, 'partnership:manage'),
      createHref: auditPath('create', {}),
      oursHref: can(request, 'audits:grade') ? auditPath('ourGradings', {}) : null,
    });
  });

  function newPage(reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    return reply.code(status).view('case-audits/views/new.njk', {
      pageTitle: 'Plan a multi-agency audit',
      values,
      errors,
      kindItems: SAMPLE_KINDS.map((c) => ({ value: c.code, text: c.label, checked: values.sampleKind === c.code })),
      boardItems: AUDIT_BOARDS.map((c) => ({ value: c.code, text: c.label, checked: values.boardKind === c.code })),
      formAction: auditPath('create', {}),
      backLink: { href: auditPath('programme', {}), text: 'The audit programme' },
    });
  }

  app.get(AUDIT_ROUTES.create, { config: { rule: 'partnership:manage' } }, async (_request, reply) => newPage(reply));

  app.post(AUDIT_ROUTES.create, { config: { rule: 'partnership:manage' } }, async (request, reply) => {
    const form = parseForm(auditForm, request.body);
    if (!form.ok) return newPage(reply, form.values, form.errors, 400);
    const result = await caseAudits.create(userActor(request), form.value);
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return newPage(reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(caseAuditPath(result.id, { done: 'created' }), 303);
  });

  // ——— an audit ———

  async function auditPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await caseAudits.view(userActor(request), id);
    if (!found) throw notFound();
    const { audit: a, samples, records, gradings, findings, draw, agencies } = found;
    const manage = can(request, 'partnership:manage');
    const given = gradings.filter((g) => samples.some((s) => s.id === g.sample_id && s.agency_ids.includes(g.agency_id)));
    const distribution = gradeDistribution(given.map((g) => g.grade));
    const next = nextStatus(a.status);
    const drawValues = Object.keys(values).length > 0 ? values : { ...dateValues('from', draw?.from), ...dateValues('to', draw?.to), size: draw?.size ?? 6 };
    return reply.code(status).view('case-audits/views/audit.njk', {
      pageTitle: `Multi-agency audit ${a.reference}: ${a.topic}`,
      a,
      status: statusTag(a.status),
      summary: [
        { key: { text: 'Reference' }, value: { text: a.reference } },
        { key: { text: 'Programme year' }, value: { text: programmeYearLabel(a.programme_year) } },
        { key: { text: 'Records sampled' }, value: { text: labelOf(SAMPLE_KINDS, a.sample_kind) } },
        { key: { text: 'Board' }, value: { text: labelOf(AUDIT_BOARDS, a.board_kind) } },
        { key: { text: 'Planned for' }, value: { text: formatDate(a.planned_on) } },
        { key: { text: 'Gradings due' }, value: { text: a.grading_due_on ? formatDate(a.grading_due_on) : 'Not set' } },
        { key: { text: 'Scope' }, value: { text: a.scope, classes: 'app-narrative' } },
      ],
      drawn: draw ? `Drawn from records active between ${formatDate(draw.from)} and ${formatDate(draw.to)}, ${draw.size} asked for.` : null,
      sample: samples.map((s) => sampleEntry(s, records.get(s.record_id), gradings, agencies)).sort((x, y) => x.reference.localeCompare(y.reference)),
      progress: progressRows(
        gradingProgress(
          samples.map((s) => ({ sampleId: s.id, agencyIds: s.agency_ids })),
          given.map((g) => ({ sampleId: g.sample_id, agencyId: g.agency_id })),
        ),
        agencies,
      ),
      distribution: distributionRows(distribution),
      judgement: judgementText(distribution),
      findings,
      manage,
      mayDraw: manage && mayChangeSample(a.status),
      mayFind: manage && mayAddFindings(a.status),
      mayPlan: manage && findings.length > 0 && (a.status === 'findings' || a.status === 'closed' || a.status === 'grading'),
      next: manage && next ? { status: next, text: STATUS_BUTTONS[next] } : null,
      ours: can(request, 'audits:grade') && samples.some((s) => s.agency_ids.includes(requireUser(request).agencyId)) ? auditPath('ours', { id }) : null,
      maxSample: MAX_SAMPLE,
      values: drawValues,
      finding: values.finding ?? '',
      errors,
      flash: doneMessage(queryString(request, 'done', 20)),
      actions: {
        draw: auditPath('draw', { id }),
        redraw: auditPath('redraw', { id }),
        status: auditPath('status', { id }),
        findings: auditPath('findings', { id }),
        plan: auditPath('plan', { id }),
      },
      backLink: { href: auditPath('programme', {}, { year: a.programme_year }), text: `The audit programme ${programmeYearLabel(a.programme_year)}` },
    });
  }

  app.get(AUDIT_ROUTES.audit, { config: VIEW }, async (request, reply) => auditPage(request, reply));

  function respond(request: FastifyRequest, reply: FastifyReply, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return auditPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(caseAuditPath(idParam(request), { done }), 303);
  }

  app.post(AUDIT_ROUTES.draw, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(drawForm, request.body);
    if (!form.ok) return auditPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await caseAudits.draw(userActor(request), idParam(request), form.value), 'drawn');
  });

  app.post(AUDIT_ROUTES.redraw, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(redrawForm, request.body);
    if (!form.ok) return auditPage(request, reply, {}, form.errors, 400);
    return respond(request, reply, await caseAudits.redraw(userActor(request), idParam(request), form.value.sampleId), 'redrawn');
  });

  app.post(AUDIT_ROUTES.status, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(statusForm, request.body);
    if (!form.ok) return auditPage(request, reply, {}, form.errors, 400);
    return respond(request, reply, await caseAudits.advance(userActor(request), idParam(request), form.value.status), 'status');
  });

  app.post(AUDIT_ROUTES.findings, { config: MANAGE }, async (request, reply) => {
    const form = parseForm(findingForm, request.body);
    if (!form.ok) return auditPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await caseAudits.addFinding(userActor(request), idParam(request), form.value.finding), 'finding');
  });

  app.post(AUDIT_ROUTES.plan, { config: MANAGE }, async (request, reply) => {
    const result = await caseAudits.actionPlan(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return auditPage(request, reply, {}, errorsFrom(result.problems), 400);
    return reply.redirect(planPath(result.planId), 303);
  });

  // ——— an agency's gradings ———

  type Ours = Awaited<ReturnType<CaseAuditService['ours']>>;
  const ourPage = (list: Ours, page: number, href: (p: number) => string) => ({
    rows: list.rows.map((r) => ourEntry(r, list.records.get(r.record_id), list.today)),
    pagination: pagination(page, list.total, PAGE_SIZE, href),
  });

  app.get(AUDIT_ROUTES.ourGradings, { config: { rule: 'audits:grade' } }, async (request, reply) => {
    const page = pageParam(request);
    const list = await caseAudits.ours(userActor(request), page, PAGE_SIZE);
    return reply.view('case-audits/views/ours.njk', {
      pageTitle: 'Our audit gradings',
      agencyName: requireUser(request).agencyName,
      ...ourPage(list, page, (p) => auditPath('ourGradings', {}, { page: p })),
    });
  });

  app.get(AUDIT_ROUTES.ours, { config: { rule: 'audits:grade', records: { id: 'case_audit' } } }, async (request, reply) => {
    const id = idParam(request);
    const page = pageParam(request);
    const list = await caseAudits.ours(userActor(request), page, PAGE_SIZE, id);
    return reply.view('case-audits/views/ours.njk', {
      pageTitle: 'Our audit gradings',
      agencyName: requireUser(request).agencyName,
      ...ourPage(list, page, (p) => auditPath('ours', { id }, { page: p })),
      backLink: { href: auditPath('ourGradings', {}), text: 'All our audit gradings' },
    });
  });

  async function gradePage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await caseAudits.gradingView(userActor(request), idParam(request));
    if (!found) throw notFound();
    const { audit: a, record, mine } = found;
    const start = Object.keys(values).length > 0 ? values : { grade: mine?.grade, strengths: mine?.strengths ?? '', improvements: mine?.improvements ?? '' };
    return reply.code(status).view('case-audits/views/grade.njk', {
      pageTitle: `Grade a record for audit ${a.reference}`,
      a,
      record: recordView(record),
      open: mayGrade(a.status),
      statusText: labelOfStatus(a.status),
      due: dueText(a.grading_due_on, found.today, mayGrade(a.status) && !mine),
      mine: mine ? gradeTag(mine.grade) : null,
      gradeItems: GRADES.map((g) => ({ value: g.code, text: g.label, checked: start.grade === g.code })),
      needsImprovements: GRADES.filter((g) => needsImprovements(g.code)).map((g) => g.label.toLowerCase()).join(' or '),
      values: start,
      errors,
      flash: doneMessage(queryString(request, 'done', 20)),
      formAction: gradePath(idParam(request)),
      backLink: { href: auditPath('ourGradings', {}), text: 'Our audit gradings' },
    });
  }

  const recordView = (r: SampleCandidate | undefined) => (r ? { reference: r.reference, initials: r.initials, ageBand: ageBand(r.date_of_birth, r.on), on: formatDate(r.on) } : null);

  app.get(AUDIT_ROUTES.grade, { config: GRADE }, async (request, reply) => gradePage(request, reply));

  app.post(AUDIT_ROUTES.grade, { config: GRADE }, async (request, reply) => {
    const form = parseForm(gradingForm, request.body);
    if (!form.ok) return gradePage(request, reply, form.values, form.errors, 400);
    const result = await caseAudits.grade(userActor(request), idParam(request), form.value);
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return gradePage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(gradePath(idParam(request), { done: 'graded' }), 303);
  });

}

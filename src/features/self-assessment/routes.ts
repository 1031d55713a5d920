/**
 * The self-assessment's pages: the rounds (the business unit opens them; the boards follow them), the frameworks
 * (installed for the area from the business unit's page), a round with its progress bands, compliance per standard
 * (each board's part for the joint tool) and its returns, an organisation's return (answered and submitted by the
 * organisation, read by the partnership), the challenge meeting, "Our self-assessments", and the round's action plan.
 * Thin: parse, authorise (the route's rule and the records it names), call the service (which audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Code } from '../../domain/codes.js';
import { RAG_CODES, answerProblem, type ReturnStatus } from '../../domain/self-assessment.js';
import { AGENCY_TYPES, labelOf } from '../../domain/codes.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { planPath } from '../actions/paths.js';
import { WHO, answersForm, challengeForm, roundForm } from './forms.js';
import { SA_ROUTES, returnPath, roundPath, saPath } from './paths.js';
import { appliesToText, bandList, complianceTables, doneMessage, frameworkName, kindLabel, ourRow, progressText, ragTag, returnRow, roundRow, statusTag } from './presenters.js';
import { type ChangeResult, type SelfAssessmentService } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const MANAGE = { rule: 'partnership:manage' } as const;
const VIEW = { rule: 'partnership:view' } as const;
const NO_FIELDS = 'This button sends no fields. Reload the page and try again.';
const COMPLETE = { rule: 'self_assessment:complete', records: { id: 'sa_return.complete' } } as const;

const items = (codes: readonly Code[], selected: unknown) => codes.map((c) => ({ value: c.code, text: c.label, checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code }));

export function registerSelfAssessmentRoutes(app: FastifyInstance, services: { selfAssessment: SelfAssessmentService }): void {
  const { selfAssessment: sa } = services;

  // ——— rounds ———

  // The partnership hub links here for everyone who follows or completes self-assessments: an organisation's own
  // users go on to their own returns.
  app.get(SA_ROUTES.home, { config: { rule: 'signed-in' } }, async (request, reply) => {
    if (!can(request, 'partnership:view')) {
      if (can(request, 'self_assessment:complete')) return reply.redirect(saPath('ours', {}), 303);
      throw forbidden();
    }
    const page = pageParam(request);
    const list = await sa.rounds(userActor(request), page, PAGE_SIZE);
    return reply.view('self-assessment/views/rounds.njk', {
      pageTitle: 'Safeguarding self-assessment',
      rows: list.rows.map(roundRow),
      manage: can(request, 'partnership:manage'),
      newRoundHref: saPath('newRound', {}),
      frameworksHref: saPath('frameworks', {}),
      oursHref: can(request, 'self_assessment:complete') ? saPath('ours', {}) : null,
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => saPath('home', {}, { page: p })),
      backLink: { href: '/partnership', text: 'Partnership' },
    });
  });

  app.get(SA_ROUTES.frameworks, { config: VIEW }, async (request, reply) => {
    const list = await sa.frameworks(userActor(request));
    return reply.view('self-assessment/views/frameworks.njk', {
      pageTitle: 'Self-assessment frameworks',
      frameworks: list.map((f) => ({
        name: frameworkName(f),
        kind: kindLabel(f.kind),
        latest: f.latest,
        rounds: f.rounds,
        forTypes: f.agency_types.map((t) => labelOf(AGENCY_TYPES, t)).join(', '),
        standards: f.standardRows.map((s) => ({ code: s.code, title: s.title, guidance: s.guidance, appliesTo: f.kind === 'joint' ? appliesToText(s.applies_to) : null })),
      })),
      manage: can(request, 'partnership:manage'),
      formAction: saPath('frameworks', {}),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: saPath('home', {}), text: 'Safeguarding self-assessment' },
    });
  });

  app.post(SA_ROUTES.frameworks, { config: MANAGE }, async (request, reply) => {
    if (!parseForm(noFields, request.body).ok) throw badRequest(NO_FIELDS);
    const user = requireUser(request);
    const installed = await sa.installFrameworks(user.tenantId, userActor(request));
    return reply.redirect(saPath('frameworks', {}, { done: installed > 0 ? 'installed' : 'current' }), 303);
  });

  async function newRoundPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const choices = await sa.roundChoices(userActor(request));
    const frameworks = choices.frameworks.map((f) => ({ code: f.id, label: `${frameworkName(f)}: for ${f.agency_types.map((t) => labelOf(AGENCY_TYPES, t)).join(', ')}` }));
    const eligible = new Set(choices.frameworks.flatMap((f) => f.agency_types));
    const agencies = choices.agencies.filter((a) => eligible.has(a.type)).map((a) => ({ code: a.id, label: `${a.name} (${labelOf(AGENCY_TYPES, a.type)})` }));
    return reply.code(status).view('self-assessment/views/new-round.njk', {
      pageTitle: 'Open a self-assessment round',
      values,
      errors,
      noFrameworks: frameworks.length === 0,
      frameworksHref: saPath('frameworks', {}),
      frameworkItems: items(frameworks, values.frameworkId),
      whoItems: items(WHO, values.who ?? 'all'),
      agencyItems: items(agencies, values.agencyIds),
      formAction: saPath('newRound', {}),
      backLink: { href: saPath('home', {}), text: 'Safeguarding self-assessment' },
    });
  }

  app.get(SA_ROUTES.newRound, { config: MANAGE }, async (request, reply) => newRoundPage(request, reply));

  app.post(SA_ROUTES.newRound, { config: MANAGE }, async (request, reply) => {
    const choices = await sa.roundChoices(userActor(request));
    const form = parseForm(
      roundForm(
        choices.frameworks.map((f) => ({ code: f.id, label: f.title })),
        choices.agencies.map((a) => ({ code: a.id, label: a.name })),
      ),
      request.body,
    );
    if (!form.ok) return newRoundPage(request, reply, form.values, form.errors, 400);
    const v = form.value;
    const result = await sa.openRound(userActor(request), { frameworkId: v.frameworkId, title: v.title, dueOn: v.dueOn, organisations: v.who === 'all' ? 'all' : v.agencyIds });
    if ('problems' in result) {
      const body = (request.body ?? {}) as Values;
      return newRoundPage(request, reply, body, errorsFrom(result.problems, body), 400);
    }
    return reply.redirect(roundPath(result.id, { done: 'opened' }), 303);
  });

  app.get(SA_ROUTES.round, { config: { ...VIEW, records: { id: 'sa_round' } } }, async (request, reply) => {
    const id = idParam(request);
    const page = pageParam(request);
    const found = await sa.round(userActor(request), id, page, PAGE_SIZE);
    if (!found) throw notFound();
    const r = found.round;
    return reply.view('self-assessment/views/round.njk', {
      pageTitle: `Self-assessment round: ${r.title}`,
      r,
      framework: frameworkName(r),
      kind: r.kind,
      due: formatDate(r.due_on),
      opened: formatDate(r.opened_on),
      bands: bandList(found.bands),
      tables: complianceTables(r.kind, found.standards, found.compliance),
      returns: found.returns.map(returnRow),
      total: found.total,
      manage: can(request, 'partnership:manage'),
      planAction: saPath('roundPlan', { id }),
      pagination: pagination(page, found.total, PAGE_SIZE, (p) => roundPath(id, { page: p })),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: saPath('home', {}), text: 'Safeguarding self-assessment' },
    });
  });

  app.post(SA_ROUTES.roundPlan, { config: { ...MANAGE, records: { id: 'sa_round' } } }, async (request, reply) => {
    if (!parseForm(noFields, request.body).ok) throw badRequest(NO_FIELDS);
    const planId = await sa.planFor(userActor(request), idParam(request));
    if (!planId) throw notFound();
    return reply.redirect(planPath(planId), 303);
  });

  // ——— returns ———

  async function returnPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await sa.viewReturn(userActor(request), id);
    if (!found) throw notFound();
    const { ret, round, standards, answers } = found;
    const user = requireUser(request);
    const own = can(request, 'self_assessment:complete') && ret.agency_id === user.agencyId;
    const editable = own && answerProblem(round.status, ret.status as ReturnStatus) === null;
    const first = Object.keys(values).length === 0;
    const p = progressText(ret.answered, ret.standards);
    return reply.code(status).view('self-assessment/views/return.njk', {
      pageTitle: `${round.title}: ${ret.agency_name}`,
      ret,
      round,
      framework: frameworkName(round),
      status: statusTag(ret.status),
      progress: p,
      due: formatDate(round.due_on),
      submittedAt: ret.submitted_at ? formatDateTime(ret.submitted_at) : null,
      challengeOn: ret.challenge_on ? formatDate(ret.challenge_on) : null,
      editable,
      standards: standards.map((s) => {
        const a = answers.get(s.id);
        const rag = first ? (a?.rag ?? null) : (values[`rag${s.position}`] ?? null);
        return {
          n: s.position,
          code: s.code,
          title: s.title,
          guidance: s.guidance,
          appliesTo: round.kind === 'joint' ? appliesToText(s.applies_to) : null,
          ragItems: items(RAG_CODES, rag),
          evidence: first ? (a?.evidence ?? '') : (values[`evidence${s.position}`] ?? ''),
          tag: ragTag(a?.rag),
          answer: a ? { evidence: a.evidence, by: a.answered_by, at: formatDateTime(a.answered_at) } : null,
        };
      }),
      errors,
      formAction: returnPath(id),
      submitAction: saPath('submit', { id }),
      challengeHref: can(request, 'partnership:manage') && (ret.status === 'submitted' || ret.status === 'challenged') ? saPath('challenge', { id }) : null,
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: can(request, 'partnership:view') ? { href: roundPath(round.id), text: round.title } : { href: saPath('ours', {}), text: 'Our self-assessments' },
    });
  }

  app.get(SA_ROUTES.return, { config: { rule: 'signed-in', records: { id: 'sa_return' } } }, async (request, reply) => returnPage(request, reply));

  function respond(request: FastifyRequest, reply: FastifyReply, result: ChangeResult, done: string) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return returnPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(returnPath(idParam(request), { done }), 303);
  }

  app.post(SA_ROUTES.return, { config: COMPLETE }, async (request, reply) => {
    const found = await sa.viewReturn(userActor(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(answersForm(found.standards), request.body);
    if (!form.ok) return returnPage(request, reply, form.values, form.errors, 400);
    const v = form.value as Record<string, string | null | undefined>;
    const posted = found.standards.map((s) => ({ standardId: s.id, rag: v[`rag${s.position}`] ?? null, evidence: v[`evidence${s.position}`] ?? null }));
    return respond(request, reply, await sa.saveAnswers(userActor(request), idParam(request), posted), 'saved');
  });

  app.post(SA_ROUTES.submit, { config: COMPLETE }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return returnPage(request, reply, {}, form.errors, 400);
    const result = await sa.submit(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return returnPage(request, reply, {}, errorsFrom(result.problems), 400);
    return reply.redirect(returnPath(idParam(request), { done: 'submitted' }), 303);
  });

  async function challengePage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await sa.viewReturn(userActor(request), id);
    if (!found) throw notFound();
    return reply.code(status).view('self-assessment/views/challenge.njk', {
      pageTitle: `Challenge meeting: ${found.ret.agency_name}`,
      ret: found.ret,
      round: found.round,
      values: Object.keys(values).length ? values : { notes: found.ret.challenge_notes ?? '' },
      errors,
      formAction: saPath('challenge', { id }),
      backLink: { href: returnPath(id), text: 'Back to the return' },
    });
  }

  const CHALLENGE = { ...MANAGE, records: { id: 'sa_return' } } as const;
  app.get(SA_ROUTES.challenge, { config: CHALLENGE }, async (request, reply) => challengePage(request, reply));

  app.post(SA_ROUTES.challenge, { config: CHALLENGE }, async (request, reply) => {
    const form = parseForm(challengeForm, request.body);
    if (!form.ok) return challengePage(request, reply, form.values, form.errors, 400);
    const result = await sa.challenge(userActor(request), idParam(request), { challengeOn: form.value.challengeOn, notes: form.value.notes });
    if ('notFound' in result) throw notFound();
    if ('problems' in result) {
      const body = (request.body ?? {}) as Values;
      return challengePage(request, reply, body, errorsFrom(result.problems, body), 400);
    }
    return reply.redirect(returnPath(idParam(request), { done: 'challenged' }), 303);
  });

  // ——— the organisation's own ———

  app.get(SA_ROUTES.ours, { config: { rule: 'self_assessment:complete' } }, async (request, reply) => {
    const page = pageParam(request);
    // show=open: the returns still to submit in open rounds (the home page's count); anything else: all of them.
    const open = queryString(request, 'show', 10) === 'open';
    const list = await sa.ours(userActor(request), page, PAGE_SIZE, open);
    return reply.view('self-assessment/views/ours.njk', {
      pageTitle: 'Our self-assessments',
      agencyName: requireUser(request).agencyName,
      open,
      tabs: [
        { text: 'To submit', href: saPath('ours', {}, { show: 'open' }), current: open },
        { text: 'All', href: saPath('ours', {}), current: !open },
      ],
      rows: list.rows.map(ourRow),
      total: list.total,
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => saPath('ours', {}, { ...(open ? { show: 'open' } : {}), page: p })),
    });
  });
}

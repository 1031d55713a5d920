/**
 * The boards' pages: the boards and their groups, a group (members, meetings, add a member, schedule a meeting), a
 * meeting (agenda with papers, attendance, decisions that can raise an action in the tracker, minutes, quoracy), the
 * attendance table by agency for the annual report (and its CSV), and each board's issues / risk log. Thin: parse,
 * authorise (the route's rule and the records it names), call the service (which audits), render.
 *
 * Group members who are users open their own groups' pages and meetings (the record rule allows them), so those
 * routes' rule is "signed-in"; everything that changes a board needs `partnership:manage`.
 */
import multipart from '@fastify/multipart';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ATTENDANCE, type AttendanceStatus, BOARD_KINDS, type BoardKind, IMPACT, LIKELIHOOD, MEMBER_ROLES, PAPER_MAX_BYTES, QUORUM, RISK_BANDS, RISK_BANDS_SOURCE, RISK_KINDS, checkPaper, isBoardKind } from '../../domain/boards.js';
import { type Code } from '../../domain/codes.js';
import { londonDate } from '../../domain/time.js';
import { toCsv } from '../../platform/csv.js';
import { can, requireUser, userActor } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { type ActionService } from '../actions/service.js';
import { planPath } from '../actions/paths.js';
import { agendaForm, attendanceForm, confirmForm, decisionForm, endMemberForm, groupForm, meetingForm, memberForm, minutesForm, raiseActionForm, riskForm } from './forms.js';
import { BOARD_ROUTES, boardPath, groupPath, meetingPath, riskPath } from './paths.js';
import { agendaRow, attendanceCells, groupRow, meetingHeading, meetingRow, meetingTag, memberRow, quorateTag, riskRow, riskSummary, scoreTag } from './presenters.js';
import { type AttendanceEntry, type BoardService, type ChangeResult } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 25;
const MANAGE = 'partnership:manage' as const;
const DONE: Record<string, string> = {
  setup: 'The boards are set up',
  group: 'Group added',
  member: 'Member added',
  ended: 'Membership ended',
  agenda: 'Agenda item added',
  attendance: 'Attendance recorded',
  decision: 'Decision recorded',
  minutes: 'Minutes saved',
  cancelled: 'Meeting cancelled',
  scheduled: 'Meeting scheduled',
  created: 'Added to the log',
  updated: 'Entry updated',
  closed: 'Entry closed',
};

const flash = (request: FastifyRequest) => DONE[queryString(request, 'done', 20)] ?? null;
const boardOf = (request: FastifyRequest): BoardKind => {
  const raw = queryString(request, 'board', 30);
  return isBoardKind(raw) ? raw : 'children';
};
/** The reporting year a date falls in (1 April to 31 March, by the year it starts). */
const reportingYear = (date: string) => Number(date.slice(0, 4)) - (date.slice(5, 7) < '04' ? 1 : 0);
const dateValues = (name: string, date: string | null | undefined) => {
  const [y, m, d] = (date ?? '').split('-');
  return date ? { [`${name}-day`]: d?.replace(/^0/, ''), [`${name}-month`]: m?.replace(/^0/, ''), [`${name}-year`]: y } : {};
};
const asCodes = (xs: readonly { id: string; name: string }[]): Code[] => xs.map((x) => ({ code: x.id, label: x.name }));

/** A multipart body's fields as a form's values (a file part is left out; the CSRF token was checked already). */
function multipartValues(body: unknown, file: string): Values {
  const out: Values = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, part] of Object.entries(body as Record<string, unknown>)) {
    if (key === file) continue;
    const value = (p: unknown) => (p && typeof p === 'object' && 'value' in p ? (p as { value: unknown }).value : p);
    out[key] = Array.isArray(part) ? part.map(value) : value(part);
  }
  return out;
}

/** A name safe in a header: the original encoded (RFC 5987), and a plain ASCII fallback. */
function attachment(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9 ._()-]/g, '_').slice(0, 150) || 'paper';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function registerBoardRoutes(app: FastifyInstance, services: { boards: BoardService; actions: ActionService }): Promise<void> {
  const { boards, actions } = services;

  // ——— the boards and their groups ———

  async function boardsPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const overview = await boards.overview(user.tenantId);
    return reply.code(status).view('boards/views/boards.njk', {
      pageTitle: 'Boards and groups',
      boards: overview.boards.map((b) => ({ ...b, groups: b.groups.map(groupRow), riskHref: boardPath('risks', {}, { board: b.kind }), attendanceHref: boardPath('attendanceTable', {}, { board: b.kind }) })),
      missing: overview.missing.length > 0,
      manage: can(request, MANAGE),
      boardItems: [{ value: '', text: 'Choose a board' }, ...overview.boards.map((b) => ({ value: b.id, text: b.name, selected: values.boardId === b.id }))],
      values,
      errors,
      flash: flash(request),
      setUpAction: boardPath('setUp', {}),
      groupAction: boardPath('newGroup', {}),
    });
  }

  app.get(BOARD_ROUTES.boards, { config: { rule: 'partnership:view' } }, async (request, reply) => boardsPage(request, reply));

  app.post(BOARD_ROUTES.setUp, { config: { rule: MANAGE } }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return boardsPage(request, reply, form.values, form.errors, 400);
    await boards.setUp(userActor(request));
    return reply.redirect(boardPath('boards', {}, { done: 'setup' }), 303);
  });

  app.post(BOARD_ROUTES.newGroup, { config: { rule: MANAGE } }, async (request, reply) => {
    const overview = await boards.overview(requireUser(request).tenantId);
    const form = parseForm(groupForm(asCodes(overview.boards)), request.body);
    if (!form.ok) return boardsPage(request, reply, form.values, form.errors, 400);
    const result = await boards.addGroup(userActor(request), form.value);
    if ('problems' in result) return boardsPage(request, reply, form.value, errorsFrom(result.problems), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(groupPath(result.id, { done: 'group' }), 303);
  });

  // ——— a group ———

  async function groupPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await boards.groupPage(userActor(request), idParam(request));
    if (!found) throw notFound();
    const { group } = found;
    const now = boards.now();
    const current = found.members.filter((m) => !(m.to_on !== null && m.to_on < found.today));
    return reply.code(status).view('boards/views/group.njk', {
      pageTitle: group.is_main ? group.board_name : `${group.name}: ${group.board_name}`,
      group,
      members: found.members.map((m) => memberRow(m, found.today)),
      upcoming: found.upcoming.map((m) => meetingRow(m, now)),
      past: found.past.map((m) => meetingRow(m, now)),
      manage: can(request, MANAGE),
      agencyItems: [{ value: '', text: 'Choose an agency' }, ...found.agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id }))],
      roleItems: MEMBER_ROLES.map((c) => ({ value: c.code, text: c.label, checked: (values.role ?? 'member') === c.code })),
      endItems: [{ value: '', text: 'Choose a member' }, ...current.map((m) => ({ value: m.id, text: `${m.name}, ${m.agency_name}`, selected: values.memberId === m.id }))],
      values,
      errors,
      flash: flash(request),
      memberAction: boardPath('members', { id: group.id }),
      endAction: boardPath('endMember', { id: group.id }),
      meetingAction: boardPath('meetings', { id: group.id }),
      backLink: can(request, 'partnership:view') ? { href: boardPath('boards', {}), text: 'Boards and groups' } : { href: '/', text: 'Home' },
    });
  }

  const GROUP_MANAGE = { rule: MANAGE, records: { id: 'board_group' } } as const;

  app.get(BOARD_ROUTES.group, { config: { rule: 'signed-in', records: { id: 'board_group' } } }, async (request, reply) => groupPage(request, reply));

  app.post(BOARD_ROUTES.members, { config: GROUP_MANAGE }, async (request, reply) => {
    const agencies = await boards.agencies(requireUser(request).tenantId);
    const form = parseForm(memberForm(asCodes(agencies)), request.body);
    if (!form.ok) return groupPage(request, reply, form.values, form.errors, 400);
    const result = await boards.addMember(userActor(request), idParam(request), { ...form.value, name: form.value.name as string });
    return respond(request, reply, result, groupPath(idParam(request), { done: 'member' }), groupPage);
  });

  app.post(BOARD_ROUTES.endMember, { config: GROUP_MANAGE }, async (request, reply) => {
    const found = await boards.groupPage(userActor(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(endMemberForm(found.members.map((m) => ({ code: m.id, label: m.name }))), request.body);
    if (!form.ok) return groupPage(request, reply, form.values, form.errors, 400);
    const result = await boards.endMember(userActor(request), idParam(request), { memberId: form.value.memberId, toOn: form.value.endOn });
    return respond(request, reply, result, groupPath(idParam(request), { done: 'ended' }), groupPage);
  });

  app.post(BOARD_ROUTES.meetings, { config: GROUP_MANAGE }, async (request, reply) => {
    const form = parseForm(meetingForm, request.body);
    if (!form.ok) return groupPage(request, reply, form.values, form.errors, 400);
    const result = await boards.schedule(userActor(request), idParam(request), form.value);
    if ('ok' in result) return reply.redirect(meetingPath(result.id, { done: 'scheduled' }), 303);
    return respond(request, reply, result, '', groupPage);
  });

  type Page = (request: FastifyRequest, reply: FastifyReply, values?: Values, errors?: FormErrors, status?: number) => Promise<unknown>;

  function respond(request: FastifyRequest, reply: FastifyReply, result: ChangeResult<object>, to: string, page: Page) {
    if ('notFound' in result) throw notFound();
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return page(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(to, 303);
  }

  // ——— a meeting ———

  async function meetingPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const id = idParam(request);
    const found = await boards.viewMeeting(userActor(request), id);
    if (!found) throw notFound();
    const { meeting } = found;
    const manage = can(request, MANAGE);
    const first = !Object.keys(values).some((k) => k.startsWith('status-') || k.startsWith('deputy-'));
    const now = boards.now();
    return reply.code(status).view('boards/views/meeting.njk', {
      pageTitle: `${meeting.is_main ? meeting.board_name : meeting.group_name} meeting, ${meetingHeading(meeting.held_on)}`,
      meeting,
      tag: meetingTag(meeting, now),
      quorate: quorateTag(found.quoracy, found.recorded),
      quoracy: found.quoracy,
      partners: QUORUM[isBoardKind(meeting.board_kind) ? meeting.board_kind : 'children'].partners.map((p) => p.label),
      agenda: found.agenda.map((a) => agendaRow(a, (itemId) => boardPath('paper', { id }, { item: itemId }))),
      attendance: found.expected.map((m) => {
        const chosen = first ? m.status : values[`status-${m.id}`];
        return {
          id: m.id,
          name: m.name,
          about: [m.job_title, m.agency_name].filter(Boolean).join(', '),
          status: m.status ? ATTENDANCE.find((c) => c.code === m.status)?.label : null,
          deputy: m.deputy_name,
          items: ATTENDANCE.map((c) => ({ value: c.code, text: c.label, checked: chosen === c.code })),
          deputyValue: first ? (m.deputy_name ?? '') : (values[`deputy-${m.id}`] ?? ''),
        };
      }),
      canRecordAttendance: manage && meeting.status !== 'cancelled' && !found.inFuture && found.expected.length > 0,
      decisions: found.decisions,
      agendaItems: [{ value: '', text: 'Not linked to an agenda item' }, ...found.agenda.map((a) => ({ value: a.id, text: `${a.position}. ${a.title}`, selected: values.agendaItemId === a.id }))],
      minutes: typeof values.minutes === 'string' ? values.minutes : (meeting.minutes ?? ''),
      manage,
      open: meeting.status !== 'cancelled',
      cancellable: manage && meeting.status === 'scheduled' && meeting.recorded === 0,
      maxMegabytes: PAPER_MAX_BYTES / 1024 / 1024,
      values,
      errors,
      flash: flash(request),
      agendaAction: boardPath('agenda', { id }),
      attendanceAction: boardPath('attendance', { id }),
      decisionAction: boardPath('decisions', { id }),
      raiseAction: boardPath('raiseAction', { id }),
      minutesAction: boardPath('minutes', { id }),
      cancelAction: boardPath('cancel', { id }),
      backLink: { href: groupPath(meeting.group_id), text: meeting.is_main ? meeting.board_name : meeting.group_name },
    });
  }

  const MEETING_MANAGE = { rule: MANAGE, records: { id: 'board_meeting.manage' } } as const;

  app.get(BOARD_ROUTES.meeting, { config: { rule: 'signed-in', records: { id: 'board_meeting' } } }, async (request, reply) => meetingPage(request, reply));

  app.get(BOARD_ROUTES.paper, { config: { rule: 'signed-in', records: { id: 'board_meeting' } } }, async (request, reply) => {
    const item = queryString(request, 'item', 40);
    if (!isUuid(item)) throw notFound();
    const paper = await boards.paper(userActor(request), idParam(request), item);
    if (!paper) throw notFound();
    return reply
      .header('content-type', paper.type)
      .header('content-disposition', attachment(paper.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(paper.bytes);
  });

  // An agenda item with its paper: a file upload, in its own scope with multipart and its limits.
  await app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: true, limits: { fileSize: PAPER_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });

    scope.post(BOARD_ROUTES.agenda, { config: MEETING_MANAGE }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = multipartValues(body, 'paper');
      const form = parseForm(agendaForm, values);
      const part = body.paper as { type?: string; filename?: string; mimetype?: string; toBuffer?: () => Promise<Buffer>; file?: { truncated?: boolean } } | undefined;
      let paper: { name: string; type: string; bytes: Buffer } | null = null;
      let paperProblem: string | null = null;
      if (part && typeof part === 'object' && part.type === 'file' && part.toBuffer) {
        const bytes = await part.toBuffer();
        if (part.filename || bytes.length > 0) {
          const checked = checkPaper({ name: part.filename ?? '', declaredType: part.mimetype ?? '', bytes, truncated: part.file?.truncated });
          if (checked.ok) paper = { name: (part.filename ?? 'paper').slice(0, 200), type: checked.type, bytes };
          else paperProblem = checked.problem;
        }
      } else if ((part as unknown) !== undefined && (part as unknown) !== '') {
        paperProblem = 'Select the paper as a file';
      }
      if (!form.ok || paperProblem) {
        const shown = form.ok ? values : form.values;
        const errors = form.ok ? errorsFrom({}) : form.errors;
        if (paperProblem) {
          errors.fields.paper = { text: paperProblem };
          errors.summary.push({ text: paperProblem, href: '#paper' });
        }
        return meetingPage(request, reply, { ...shown, form: 'agenda' }, errors, 400);
      }
      const result = await boards.addAgendaItem(userActor(request), idParam(request), { ...form.value, paper });
      if ('problems' in result) return meetingPage(request, reply, values, errorsFrom(result.problems, values), 400);
      if ('notFound' in result) throw notFound();
      return reply.redirect(meetingPath(idParam(request), { done: 'agenda' }), 303);
    });
  });

  app.post(BOARD_ROUTES.attendance, { config: MEETING_MANAGE }, async (request, reply) => {
    const found = await boards.meeting(requireUser(request).tenantId, idParam(request));
    if (!found) throw notFound();
    const ids = found.expected.map((m) => m.id);
    const form = parseForm(attendanceForm(ids, new Map(found.expected.map((m) => [m.id, m.name]))), request.body);
    if (!form.ok) return meetingPage(request, reply, form.values, form.errors, 400);
    const v = form.value as Record<string, string | null>;
    const entries: AttendanceEntry[] = ids.map((id) => ({ memberId: id, status: v[`status-${id}`] as AttendanceStatus, deputyName: v[`deputy-${id}`] ?? null }));
    return respond(request, reply, await boards.recordAttendance(userActor(request), idParam(request), entries), meetingPath(idParam(request), { done: 'attendance' }), meetingPage);
  });

  app.post(BOARD_ROUTES.decisions, { config: MEETING_MANAGE }, async (request, reply) => {
    const found = await boards.meeting(requireUser(request).tenantId, idParam(request));
    if (!found) throw notFound();
    const form = parseForm(decisionForm(found.agenda.map((a) => ({ code: a.id, label: a.title }))), request.body);
    if (!form.ok) return meetingPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await boards.addDecision(userActor(request), idParam(request), form.value), meetingPath(idParam(request), { done: 'decision' }), meetingPage);
  });

  // A decision raises an action: the meeting's plan in the action tracker (made the first time), where actions are added.
  app.post(BOARD_ROUTES.raiseAction, { config: MEETING_MANAGE }, async (request, reply) => {
    const user = requireUser(request);
    const found = await boards.meeting(user.tenantId, idParam(request));
    if (!found) throw notFound();
    const form = parseForm(raiseActionForm(found.decisions.map((d) => ({ code: d.id, label: d.text }))), request.body);
    if (!form.ok) return meetingPage(request, reply, form.values, form.errors, 400);
    const source = await boards.actionSource(user.tenantId, idParam(request), form.value.decisionId);
    if (!source) throw notFound();
    const actor = userActor(request);
    const planId = await actions.planFor(actor, source.source);
    await boards.actionRaised(actor, idParam(request), form.value.decisionId, planId);
    return reply.redirect(planPath(planId), 303);
  });

  app.post(BOARD_ROUTES.minutes, { config: MEETING_MANAGE }, async (request, reply) => {
    const form = parseForm(minutesForm, request.body);
    if (!form.ok) return meetingPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await boards.recordMinutes(userActor(request), idParam(request), form.value.minutes), meetingPath(idParam(request), { done: 'minutes' }), meetingPage);
  });

  app.post(BOARD_ROUTES.cancel, { config: MEETING_MANAGE }, async (request, reply) => {
    const form = parseForm(confirmForm, request.body);
    if (!form.ok) return meetingPage(request, reply, form.values, form.errors, 400);
    return respond(request, reply, await boards.cancel(userActor(request), idParam(request)), meetingPath(idParam(request), { done: 'cancelled' }), meetingPage);
  });

  // ——— the attendance table for the annual report ———

  async function attendanceData(request: FastifyRequest) {
    const kind = boardOf(request);
    const raw = queryString(request, 'year', 4);
    const year = /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : reportingYear(londonDate(boards.now()));
    const data = await boards.attendanceTable(userActor(request), kind, year);
    const head = ['Agency', ...data.meetings.map((m) => meetingHeading(m.held_on)), '%'];
    return { kind, year, data, head, rows: data.table.map(attendanceCells) };
  }

  app.get(BOARD_ROUTES.attendanceTable, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const { kind, year, data, head, rows } = await attendanceData(request);
    return reply.view('boards/views/attendance.njk', {
      pageTitle: `Attendance by agency, ${data.year.label}`,
      kind,
      boardName: BOARD_KINDS.find((b) => b.code === kind)!.label,
      yearLabel: data.year.label,
      from: data.year.start,
      to: data.year.lastDay,
      head,
      rows,
      tabs: BOARD_KINDS.map((b) => ({ text: b.label, href: boardPath('attendanceTable', {}, { board: b.code, year }), current: b.code === kind })),
      previous: boardPath('attendanceTable', {}, { board: kind, year: year - 1 }),
      next: boardPath('attendanceTable', {}, { board: kind, year: year + 1 }),
      csvHref: boardPath('attendanceCsv', {}, { board: kind, year }),
      hasBoard: !!data.board,
    });
  });

  app.get(BOARD_ROUTES.attendanceCsv, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const { kind, data, head, rows } = await attendanceData(request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="attendance-${kind}-${data.year.label}.csv"`)
      .header('x-content-type-options', 'nosniff')
      .send(toCsv(head, rows));
  });

  // ——— the issues / risk log ———

  app.get(BOARD_ROUTES.risks, { config: { rule: 'partnership:view' } }, async (request, reply) => {
    const kind = boardOf(request);
    const show = queryString(request, 'show', 10) === 'closed' ? 'closed' : 'open';
    const page = pageParam(request);
    const log = await boards.riskLog(userActor(request), { kind, status: show, page, pageSize: PAGE_SIZE });
    return reply.view('boards/views/risks.njk', {
      pageTitle: `Issues and risk log: ${BOARD_KINDS.find((b) => b.code === kind)!.label}`,
      kind,
      show,
      boardName: BOARD_KINDS.find((b) => b.code === kind)!.label,
      hasBoard: !!log.board,
      rows: log.rows.map((r) => riskRow(r, log.today)),
      total: log.total,
      overdue: log.overdue,
      boardTabs: BOARD_KINDS.map((b) => ({ text: b.label, href: boardPath('risks', {}, { board: b.code, show }), current: b.code === kind })),
      showTabs: (['open', 'closed'] as const).map((s) => ({ text: s === 'open' ? 'Open' : 'Closed', href: boardPath('risks', {}, { board: kind, show: s }), current: s === show })),
      bands: RISK_BANDS,
      bandsSource: RISK_BANDS_SOURCE,
      manage: can(request, MANAGE),
      newHref: boardPath('newRisk', {}, { board: kind }),
      flash: flash(request),
      pagination: pagination(page, log.total, PAGE_SIZE, (p) => boardPath('risks', {}, { board: kind, show, page: p })),
    });
  });

  async function riskFormPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200, riskId?: string) {
    const user = requireUser(request);
    const [overview, agencies] = await Promise.all([boards.overview(user.tenantId), boards.agencies(user.tenantId)]);
    const v = (k: string) => values[k];
    return reply.code(status).view('boards/views/risk-form.njk', {
      pageTitle: riskId ? 'Change an entry in the log' : 'Add to the issues and risk log',
      editing: !!riskId,
      boardItems: [{ value: '', text: 'Choose a board' }, ...overview.boards.map((b) => ({ value: b.kind, text: b.name, selected: v('board') === b.kind }))],
      kindItems: RISK_KINDS.map((c) => ({ value: c.code, text: c.label, checked: (v('kind') ?? 'risk') === c.code })),
      likelihoodItems: LIKELIHOOD.map((c) => ({ value: c.code, text: c.label, checked: String(v('likelihood')) === c.code })),
      impactItems: IMPACT.map((c) => ({ value: c.code, text: c.label, checked: String(v('impact')) === c.code })),
      agencyItems: [{ value: '', text: 'Not an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: v('ownerAgencyId') === a.id }))],
      bands: RISK_BANDS,
      bandsSource: RISK_BANDS_SOURCE,
      noBoards: overview.boards.length === 0,
      values,
      errors,
      formAction: riskId ? boardPath('editRisk', { id: riskId }) : boardPath('newRisk', {}),
      backLink: riskId ? { href: riskPath(riskId), text: 'Back to the entry' } : { href: boardPath('risks', {}, { board: String(v('board') ?? 'children') }), text: 'The log' },
    });
  }

  async function parseRisk(request: FastifyRequest) {
    const user = requireUser(request);
    const [overview, agencies] = await Promise.all([boards.overview(user.tenantId), boards.agencies(user.tenantId)]);
    const form = parseForm(riskForm(overview.boards.map((b) => ({ code: b.kind, label: b.name })), asCodes(agencies)), request.body);
    if (!form.ok) return form;
    return { ok: true as const, value: { ...form.value, likelihood: Number(form.value.likelihood), impact: Number(form.value.impact) } };
  }

  app.get(BOARD_ROUTES.newRisk, { config: { rule: MANAGE } }, async (request, reply) => riskFormPage(request, reply, { board: boardOf(request) }));

  app.post(BOARD_ROUTES.newRisk, { config: { rule: MANAGE } }, async (request, reply) => {
    const form = await parseRisk(request);
    if (!form.ok) return riskFormPage(request, reply, form.values, form.errors, 400);
    const result = await boards.createRisk(userActor(request), form.value);
    if ('problems' in result) return riskFormPage(request, reply, request.body as Values, errorsFrom(result.problems), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(riskPath(result.id, { done: 'created' }), 303);
  });

  app.get(BOARD_ROUTES.risk, { config: { rule: 'partnership:view', records: { id: 'board_risk' } } }, async (request, reply) => {
    const found = await boards.viewRisk(userActor(request), idParam(request));
    if (!found) throw notFound();
    const { risk } = found;
    return reply.view('boards/views/risk.njk', {
      pageTitle: `${risk.reference}: ${risk.title}`,
      risk,
      score: scoreTag(risk.likelihood, risk.impact),
      summary: riskSummary(risk, found.today),
      manage: can(request, MANAGE) && risk.status === 'open',
      editHref: boardPath('editRisk', { id: risk.id }),
      closeAction: boardPath('closeRisk', { id: risk.id }),
      flash: flash(request),
      backLink: { href: boardPath('risks', {}, { board: risk.board_kind }), text: 'The issues and risk log' },
    });
  });

  const RISK_MANAGE = { rule: MANAGE, records: { id: 'board_risk' } } as const;

  app.get(BOARD_ROUTES.editRisk, { config: RISK_MANAGE }, async (request, reply) => {
    const risk = await boards.risk(requireUser(request).tenantId, idParam(request));
    if (!risk) throw notFound();
    if (risk.status === 'closed') return reply.redirect(riskPath(risk.id), 303);
    return riskFormPage(
      request,
      reply,
      {
        board: risk.board_kind,
        title: risk.title,
        description: risk.description,
        kind: risk.kind,
        likelihood: risk.likelihood,
        impact: risk.impact,
        ownerAgencyId: risk.owner_agency_id,
        ownerName: risk.owner_name,
        mitigations: risk.mitigations ?? '',
        ...dateValues('reviewOn', risk.review_on),
      },
      undefined,
      200,
      risk.id,
    );
  });

  app.post(BOARD_ROUTES.editRisk, { config: RISK_MANAGE }, async (request, reply) => {
    const id = idParam(request);
    const form = await parseRisk(request);
    if (!form.ok) return riskFormPage(request, reply, form.values, form.errors, 400, id);
    const { board: _board, ...input } = form.value;
    const result = await boards.updateRisk(userActor(request), id, input);
    if ('problems' in result) return riskFormPage(request, reply, request.body as Values, errorsFrom(result.problems), 400, id);
    if ('notFound' in result) throw notFound();
    return reply.redirect(riskPath(id, { done: 'updated' }), 303);
  });

  app.post(BOARD_ROUTES.closeRisk, { config: RISK_MANAGE }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(confirmForm, request.body);
    const closed = form.ok ? await boards.closeRisk(userActor(request), id) : null;
    if (closed && 'notFound' in closed) throw notFound();
    if (!form.ok || (closed && 'problems' in closed)) {
      const found = await boards.risk(requireUser(request).tenantId, id);
      if (!found) throw notFound();
      const errors = form.ok ? errorsFrom((closed as { problems: Record<string, string> }).problems) : form.errors;
      return reply.code(400).view('boards/views/risk.njk', {
        pageTitle: `${found.reference}: ${found.title}`,
        risk: found,
        score: scoreTag(found.likelihood, found.impact),
        summary: riskSummary(found, boards.today()),
        manage: can(request, MANAGE) && found.status === 'open',
        editHref: boardPath('editRisk', { id }),
        closeAction: boardPath('closeRisk', { id }),
        errors,
        backLink: { href: boardPath('risks', {}, { board: found.board_kind }), text: 'The issues and risk log' },
      });
    }
    return reply.redirect(riskPath(id, { done: 'closed' }), 303);
  });
}

/**
 * MARAC pages: referral by any partner agency; the coordinator's referrals, meetings, agenda, attendance, minutes and
 * actions; research by the invited agencies; actions completed by their owners; victim and perpetrator histories.
 * Thin: parse, call the service (which checks who may see what and audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { MARAC_CRITERIA } from '../../domain/domestic-abuse.js';
import { actorOf, requireUser } from '../../platform/authz.js';
import { notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, parseForm } from '../../platform/forms.js';
import { idParam, isUuid, pageParam } from '../../platform/params.js';
import { formatDate } from '../../platform/views.js';
import { type MaracService } from './service.js';
import { DASH_MAX, KNOWN, REFERRAL_OUTCOMES, actionForm, agendaForm, attendanceForm, completeForm, meetingForm, minutesForm, referralForm, researchForm, statusForm } from './forms.js';
import {
  REFERRAL_STATUSES,
  actionState,
  criteriaLabels,
  criteriaShort,
  dobFromKey,
  meetingStatusTag,
  referralFlags,
  meetingTabs,
  researchProgress,
  researchSummary,
  statusTag,
} from './presenters.js';
import { pagination } from '../../platform/pagination.js';
import { type ActionRow, type AgendaRow, type ReferralRow } from './repository.js';
import { type MaracViewer } from './service.js';
import { MARAC_ROUTES, maracPath } from './paths.js';

type Extra = { errors?: FormErrors; values?: Record<string, unknown> } & Record<string, unknown>;

function viewerOf(request: FastifyRequest): MaracViewer {
  const user = requireUser(request);
  return { ...actorOf(request), userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId, agencyType: user.agencyType, permissions: user.permissions, canCoordinate: user.permissions.has('marac:coordinate') };
}

/** The form as sent (for showing it again with a problem found after it was valid). */
function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** A London date as the parts of a GOV.UK date input. */
function dateParts(name: string, date: string | null | undefined): Record<string, string> {
  if (!date) return {};
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y ?? '' };
}

export function registerMaracRoutes(app: FastifyInstance, services: { marac: MaracService }): void {
  const { marac } = services;

  const referralRow = (r: ReferralRow, coordinating: boolean) => ({
    ...r,
    href: maracPath('referral', { id: r.id }),
    statusTag: statusTag(r.status),
    flags: referralFlags({ ...r, serial: coordinating && r.serial }),
    criteriaText: criteriaShort(r.criteria),
  });

  const actionRow = (a: ActionRow, today: string) => ({ ...a, href: maracPath('action', { id: a.id }), state: actionState(a, today) });

  // ——— overview ———

  app.get(MARAC_ROUTES.overview, { config: { rule: 'marac:research' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const o = await marac.overview(viewer);
    return reply.view('marac/views/overview.njk', {
      pageTitle: 'MARAC',
      section: 'overview',
      ...o,
      upcoming: o.upcoming.map((m) => ({ ...m, href: maracPath('meeting', { id: m.id }), statusTag: meetingStatusTag(m.status) })),
      canRefer: requireUser(request).permissions.has('marac:refer'),
    });
  });

  // ——— referring ———

  async function referPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const values = extra.values ?? {};
    const chosen = new Set([values.criteria ?? []].flat().map(String));
    return reply.code(status).view('marac/views/refer.njk', {
      pageTitle: 'Refer to MARAC',
      section: 'referrals',
      highRisk: marac.highRiskScore(),
      dashMax: DASH_MAX,
      criteriaItems: MARAC_CRITERIA.map((c) => ({
        value: c.code,
        text: c.label,
        checked: chosen.has(c.code),
        ...(c.code === 'repeat' ? { hint: { text: 'Threshold also checks this for you, and tells you on the next page' } } : {}),
      })),
      backLink: { href: maracPath('overview', {}), text: 'Back' },
      ...extra,
      values,
    });
  }

  /** The DA case named by `case` (or the form's daCaseId): the route's `records` has checked the viewer may open it. */
  async function caseFor(request: FastifyRequest, caseId: string) {
    const found = await marac.caseForReferral(requireUser(request).tenantId, caseId);
    if (!found) throw notFound('This domestic abuse case does not exist in your area.');
    return found;
  }

  app.get(MARAC_ROUTES.newReferral, { config: { rule: 'marac:refer', records: { 'query.case': 'da_case' } } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    if (q.case === undefined || q.case === '') return referPage(request, reply);
    if (!isUuid(q.case)) throw notFound('This domestic abuse case does not exist in your area.');
    const found = await caseFor(request, q.case.toLowerCase());
    await marac.viewedCaseForReferral(viewerOf(request), found.id);
    return referPage(request, reply, {
      fromCase: true,
      values: {
        daCaseId: found.id,
        victimGivenNames: found.victim?.given_names,
        victimFamilyName: found.victim?.family_name,
        ...dateParts('victimDob', found.victim?.date_of_birth),
        perpetratorGivenNames: found.perpetrator?.given_names,
        perpetratorFamilyName: found.perpetrator?.family_name,
        ...dateParts('perpetratorDob', found.perpetrator?.date_of_birth),
        dashScore: found.dashScore === null ? '' : String(found.dashScore),
        criteria: found.dashScore !== null && found.dashScore >= marac.highRiskScore() ? ['visible_high_risk'] : [],
      },
    });
  });

  app.post(MARAC_ROUTES.referrals, { config: { rule: 'marac:refer', records: { 'body.daCaseId': 'da_case' } } }, async (request, reply) => {
    const form = parseForm(referralForm(marac.highRiskScore()), request.body);
    if (!form.ok) return referPage(request, reply, { errors: form.errors, values: form.values, fromCase: !!form.values.daCaseId }, 400);
    const fromCase = form.value.daCaseId ? await caseFor(request, form.value.daCaseId) : null;
    const made = await marac.refer(viewerOf(request), form.value, fromCase);
    return reply.redirect(maracPath('confirmation', { id: made.id }), 303);
  });

  app.get(MARAC_ROUTES.confirmation, { config: { rule: 'marac:refer', records: { id: 'marac_referral' } } }, async (request, reply) => {
    const found = await marac.referral(viewerOf(request), idParam(request), 'confirmation');
    if (!found) throw notFound();
    return reply.view('marac/views/confirmation.njk', {
      pageTitle: 'Referral sent to MARAC',
      section: 'referrals',
      referral: found.referral,
      referralHref: maracPath('referral', { id: found.referral.id }),
      criteria: criteriaLabels(found.referral.criteria),
    });
  });

  app.get(MARAC_ROUTES.referrals, { config: { rule: 'marac:refer' } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const status = REFERRAL_STATUSES.some((s) => s.code === q.status) ? String(q.status) : null;
    const page = pageParam(request);
    const found = await marac.referrals(viewerOf(request), { status, page });
    return reply.view('marac/views/referrals.njk', {
      pageTitle: found.coordinating ? 'MARAC referrals' : 'Your agency’s MARAC referrals',
      section: 'referrals',
      coordinating: found.coordinating,
      referrals: found.referrals.map((r) => referralRow(r, found.coordinating)),
      filters: [{ code: '', label: 'All' }, ...REFERRAL_STATUSES].map((s) => ({ href: maracPath('referrals', {}, { status: s.code }), text: s.label, current: (status ?? '') === s.code })),
      status: status ?? '',
      total: found.total,
      pagination: pagination(page, found.total, found.pageSize, (n) => maracPath('referrals', {}, { status: status ?? undefined, page: n > 1 ? n : undefined })),
    });
  });

  async function referralPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const viewer = viewerOf(request);
    const found = await marac.referral(viewer, idParam(request));
    if (!found) throw notFound();
    const r = found.referral;
    const today = marac.today();
    return reply.code(status).view('marac/views/referral.njk', {
      pageTitle: 'MARAC referral',
      section: 'referrals',
      referral: referralRow(r, found.coordinating),
      criteria: criteriaLabels(r.criteria),
      victimDob: dobFromKey(r.victim_key),
      perpetratorDob: dobFromKey(r.perpetrator_key),
      coordinating: found.coordinating,
      canCoordinate: viewer.canCoordinate,
      meeting: found.meeting,
      links: {
        meeting: found.meeting ? maracPath('meeting', { id: found.meeting.id }) : null,
        previous: found.previous ? maracPath('referral', { id: found.previous.id }) : null,
        victimHistory: maracPath('victimHistory', { id: r.id }),
        perpetratorHistory: maracPath('perpetratorHistory', { id: r.id }),
        newAction: maracPath('newAction', { id: r.id }),
        status: maracPath('referralStatus', { id: r.id }),
      },
      access: found.access,
      research: found.research.map((x) => ({ ...x, knownText: x.known === 'yes' ? 'Yes' : 'No' })),
      minutes: found.minutes,
      actions: found.actions.map((a) => actionRow(a, today)),
      previous: found.previous,
      outcomeItems: REFERRAL_OUTCOMES.map((o) => ({ value: o.code, text: o.label, checked: (extra.values ?? {}).status === o.code })),
      backLink: { href: maracPath('referrals', {}), text: 'Referrals' },
      ...extra,
    });
  }

  app.get(MARAC_ROUTES.referral, { config: { rule: 'marac:research', records: { id: 'marac_referral' } } }, async (request, reply) => referralPage(request, reply));

  app.post(MARAC_ROUTES.referralStatus, { config: { rule: 'marac:coordinate', records: { id: 'marac_referral' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(statusForm, request.body);
    if (!form.ok) return referralPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.setStatus(viewerOf(request), id, form.value.status as 'heard' | 'closed');
    if (!result) throw notFound();
    if ('problems' in result) return referralPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(maracPath('referral', { id }), 303);
  });

  for (const side of ['victim', 'perpetrator'] as const) {
    app.get(MARAC_ROUTES[side === 'victim' ? 'victimHistory' : 'perpetratorHistory'], { config: { rule: 'marac:coordinate', records: { id: 'marac_referral' } } }, async (request, reply) => {
      const found = await marac.history(viewerOf(request), idParam(request), side);
      if (!found) throw notFound();
      return reply.view('marac/views/history.njk', {
        pageTitle: side === 'victim' ? 'MARAC history of a victim' : 'MARAC history of a perpetrator',
        section: 'referrals',
        side,
        name: side === 'victim' ? found.referral.victim_name : found.referral.perpetrator_name,
        referral: found.referral,
        serial: found.serial,
        referrals: found.referrals.map((r) => referralRow(r, true)),
        backLink: { href: maracPath('referral', { id: found.referral.id }), text: 'Back to the referral' },
      });
    });
  }

  // ——— actions on a referral (coordinator) ———

  async function actionPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const viewer = viewerOf(request);
    const r = await marac.referralForAction(viewer, idParam(request));
    if (!r) throw notFound();
    const { agencies, users } = await marac.actionChoices(viewer.tenantId);
    const values = extra.values ?? {};
    return reply.code(status).view('marac/views/action-new.njk', {
      pageTitle: 'Add a MARAC action',
      section: 'actions',
      referral: r,
      held: r.meeting_status === 'held',
      agencyItems: [{ value: '', text: 'Select the agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.ownerAgencyId === a.id }))],
      userItems: [{ value: '', text: 'Nobody in particular' }, ...users.map((u) => ({ value: u.id, text: `${u.display_name} (${u.agency_name})`, selected: values.ownerUserId === u.id }))],
      formAction: maracPath('referralActions', { id: r.id }),
      backLink: { href: maracPath('referral', { id: r.id }), text: 'Back to the referral' },
      ...extra,
      values,
    });
  }

  app.get(MARAC_ROUTES.newAction, { config: { rule: 'marac:coordinate', records: { id: 'marac_referral' } } }, async (request, reply) => actionPage(request, reply));

  app.post(MARAC_ROUTES.referralActions, { config: { rule: 'marac:coordinate', records: { id: 'marac_referral' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(actionForm(() => marac.today()), request.body);
    if (!form.ok) return actionPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.addAction(viewerOf(request), id, form.value);
    if (!result) throw notFound();
    if ('problems' in result) return actionPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(`${maracPath('referral', { id })}#actions`, 303);
  });

  // ——— meetings ———

  app.get(MARAC_ROUTES.meetings, { config: { rule: 'marac:research' } }, async (request, reply) => {
    const found = await marac.meetings(viewerOf(request));
    const linked = <M extends { id: string }>(list: readonly M[]) => list.map((m) => ({ ...m, href: maracPath('meeting', { id: m.id }) }));
    return reply.view('marac/views/meetings.njk', { pageTitle: 'MARAC meetings', section: 'meetings', ...found, upcoming: linked(found.upcoming), held: linked(found.held) });
  });

  async function newMeetingPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const user = requireUser(request);
    const values = extra.values ?? {};
    const chosen = new Set([values.agencyIds ?? []].flat().map(String));
    const agencies = await marac.agencies(user.tenantId);
    return reply.code(status).view('marac/views/meeting-new.njk', {
      pageTitle: 'Schedule a MARAC meeting',
      section: 'meetings',
      // The agencies who sit at MARAC as checkboxes; the area's many schools folded away below them (one is invited
      // now and then, for a child's school), so the form is not a page of every school in the borough.
      agencyItems: agencies.filter((a) => a.type !== 'school').map((a) => ({ value: a.id, text: a.name, checked: chosen.has(a.id) })),
      schoolItems: agencies.filter((a) => a.type === 'school').map((a) => ({ value: a.id, text: a.name, checked: chosen.has(a.id) })),
      schoolsChosen: agencies.some((a) => a.type === 'school' && chosen.has(a.id)),
      backLink: { href: maracPath('meetings', {}), text: 'Meetings' },
      ...extra,
      values,
    });
  }

  app.get(MARAC_ROUTES.newMeeting, { config: { rule: 'marac:coordinate' } }, async (request, reply) => newMeetingPage(request, reply));

  app.post(MARAC_ROUTES.meetings, { config: { rule: 'marac:coordinate' } }, async (request, reply) => {
    const form = parseForm(meetingForm(marac.now), request.body);
    if (!form.ok) return newMeetingPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.scheduleMeeting(viewerOf(request), form.value);
    if ('problems' in result) return newMeetingPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(maracPath('meeting', { id: result.id }), 303);
  });

  const agendaRow = (a: AgendaRow, invited: readonly { agency_id: string; name: string }[], agencyId: string, meetingId: string) => ({
    ...a,
    href: maracPath('referral', { id: a.id }),
    researchHref: maracPath('caseResearch', { id: meetingId, referralId: a.id }),
    minutesHref: maracPath('caseMinutes', { id: meetingId, referralId: a.id }),
    researchSectionHref: maracPath('research', { id: meetingId }, { case: a.id }),
    mineDone: a.researched_by.includes(agencyId),
    mineInvited: invited.some((i) => i.agency_id === agencyId),
    statusTag: statusTag(a.status),
    flags: referralFlags(a),
    criteriaText: criteriaShort(a.criteria),
    progress: researchProgress(a.researched_by, invited),
    summary: researchSummary(a.researched_by, invited),
  });

  type MeetingTab = Parameters<typeof meetingTabs>[3];

  /** What every page of a meeting shows: its heading, status and sub-navigation. */
  function meetingFrame(found: { meeting: { id: string; status: string; meeting_on: string }; access: { research: boolean; minutes: boolean } }, tab: MeetingTab) {
    const id = found.meeting.id;
    const links = {
      meeting: maracPath('meeting', { id }),
      research: maracPath('research', { id }),
      minutes: maracPath('minutes', { id }),
      agenda: maracPath('agenda', { id }),
      attendance: maracPath('attendance', { id }),
    };
    return {
      section: 'meetings',
      links,
      tabs: meetingTabs(links, found.access, found.meeting.status === 'held', tab),
      statusTag: meetingStatusTag(found.meeting.status),
      backLink: { href: maracPath('meetings', {}), text: 'Meetings' },
    };
  }

  const AGENDA_PAGE = 25;

  /** The meeting, its invited agencies and agenda (audited by the service); 404 when the viewer may not see it. */
  async function meetingOf(request: FastifyRequest) {
    const viewer = viewerOf(request);
    const found = await marac.meeting(viewer, idParam(request));
    if (!found) throw notFound();
    return { viewer, found };
  }

  app.get(MARAC_ROUTES.meeting, { config: { rule: 'marac:research', records: { id: 'marac_meeting' } } }, async (request, reply) => {
    const { viewer, found } = await meetingOf(request);
    const rows = found.agenda.map((a) => agendaRow(a, found.agencies, viewer.agencyId, found.meeting.id));
    const expected = rows.reduce((n, r) => n + r.summary.invited, 0);
    const returned = rows.reduce((n, r) => n + r.summary.returned, 0);
    return reply.view('marac/views/meeting.njk', {
      pageTitle: `MARAC meeting, ${formatDate(found.meeting.meeting_on)}`,
      ...found,
      ...meetingFrame(found, 'summary'),
      canCoordinate: viewer.canCoordinate,
      cases: rows.length,
      research: { expected, returned, casesComplete: rows.filter((r) => r.summary.complete).length },
      mineDue: found.meeting.my_invited ? rows.filter((r) => !r.mineDone).length : null,
      attendance: { recorded: found.agencies.some((a) => a.present !== null), present: found.agencies.filter((a) => a.present === true).length, invited: found.agencies.length },
      waiting: found.waiting.length,
      today: marac.today(),
    });
  });

  async function agendaPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const { viewer, found } = await meetingOf(request);
    const q = request.query as Record<string, unknown>;
    // research=ours: only the cases the viewer's agency still has to research (the home page's count links here)
    const ours = q.research === 'ours' && found.meeting.my_invited;
    const all = found.agenda.map((a) => agendaRow(a, found.agencies, viewer.agencyId, found.meeting.id));
    const listed = ours ? all.filter((r) => !r.mineDone) : all;
    const page = pageParam(request);
    const values = extra.values ?? {};
    const chosen = new Set([values.referralIds ?? []].flat().map(String));
    return reply.code(status).view('marac/views/meeting-agenda.njk', {
      pageTitle: `MARAC agenda, ${formatDate(found.meeting.meeting_on)}`,
      ...found,
      ...meetingFrame(found, 'agenda'),
      canCoordinate: viewer.canCoordinate,
      flash: isUuid(q.researched) ? 'Your agency’s research has been saved' : undefined,
      ours,
      total: listed.length,
      agenda: listed.slice((page - 1) * AGENDA_PAGE, page * AGENDA_PAGE),
      pagination: pagination(page, listed.length, AGENDA_PAGE, (n) => maracPath('agenda', { id: found.meeting.id }, { research: ours ? 'ours' : undefined, page: n > 1 ? n : undefined })),
      filters: found.meeting.my_invited
        ? [
            { text: 'All cases', href: maracPath('agenda', { id: found.meeting.id }), current: !ours },
            { text: 'Still to research by your agency', href: maracPath('agenda', { id: found.meeting.id }, { research: 'ours' }), current: ours },
          ]
        : [],
      waitingItems: found.waiting.map((r) => ({
        value: r.id,
        text: `${r.victim_name}, referred ${formatDate(r.referred_on)} by ${r.referring_agency_name}`,
        // the criteria, then any flag they do not already say ("Repeat" is both)
        hint: { text: [criteriaShort(r.criteria), ...referralFlags(r).map((f) => f.text).filter((f) => !criteriaShort(r.criteria).split(', ').includes(f))].join('; ') },
        checked: chosen.has(r.id),
      })),
      ...extra,
    });
  }

  app.get(MARAC_ROUTES.agenda, { config: { rule: 'marac:research', records: { id: 'marac_meeting' } } }, async (request, reply) => agendaPage(request, reply));

  async function attendancePage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const { viewer, found } = await meetingOf(request);
    const values = extra.values ?? {};
    const ticked = new Set([values.presentAgencyIds ?? []].flat().map(String));
    return reply.code(status).view('marac/views/meeting-attendance.njk', {
      pageTitle: `MARAC attendance, ${formatDate(found.meeting.meeting_on)}`,
      ...found,
      ...meetingFrame(found, 'attendance'),
      canCoordinate: viewer.canCoordinate,
      cases: found.agenda.length,
      agencies: found.agencies.map((a) => ({ ...a, presentText: a.present === null ? 'Not recorded' : a.present ? 'Present' : 'Absent' })),
      attendanceItems: found.agencies.map((a) => ({ value: a.agency_id, text: a.name, checked: values.presentAgencyIds === undefined ? a.present === true : ticked.has(a.agency_id) })),
      today: marac.today(),
      ...extra,
    });
  }

  app.get(MARAC_ROUTES.attendance, { config: { rule: 'marac:research', records: { id: 'marac_meeting' } } }, async (request, reply) => attendancePage(request, reply));

  app.post(MARAC_ROUTES.agenda, { config: { rule: 'marac:coordinate', records: { id: 'marac_meeting' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(agendaForm, request.body);
    if (!form.ok) return agendaPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.addToAgenda(viewerOf(request), id, form.value.referralIds);
    if (!result) throw notFound();
    if ('problems' in result) return agendaPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(`${maracPath('agenda', { id })}#agenda`, 303);
  });

  app.post(MARAC_ROUTES.attendance, { config: { rule: 'marac:coordinate', records: { id: 'marac_meeting' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(attendanceForm, request.body);
    if (!form.ok) return attendancePage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.recordAttendance(viewerOf(request), id, form.value.presentAgencyIds);
    if (!result) throw notFound();
    if ('problems' in result) return attendancePage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(`${maracPath('attendance', { id })}#attendance`, 303);
  });

  // ——— research ———

  app.get(MARAC_ROUTES.research, { config: { rule: 'marac:research', records: { id: 'marac_meeting' } } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const found = await marac.research(viewer, idParam(request));
    if (!found) throw notFound();
    // case=<id>: one case's research in full (each agenda row links here); otherwise what is in and still to come, case by case
    const q = request.query as Record<string, unknown>;
    const asked = isUuid(q.case) ? q.case.toLowerCase() : null;
    const one = asked ? found.agenda.find((a) => a.id === asked) : undefined;
    const cases = (one ? [one] : found.agenda).map((a) => ({
      ...agendaRow(a, found.agencies, viewer.agencyId, found.meeting.id),
      entries: found.research.filter((x) => x.referral_id === a.id).map((x) => ({ ...x, knownText: x.known === 'yes' ? 'Yes' : 'No' })),
    }));
    return reply.view('marac/views/research.njk', {
      pageTitle: one ? `MARAC research for ${one.victim_name}` : `MARAC research, ${formatDate(found.meeting.meeting_on)}`,
      ...meetingFrame(found, 'research'),
      meeting: found.meeting,
      one: !!one,
      cases,
      allHref: maracPath('research', { id: found.meeting.id }),
    });
  });

  async function researchFormPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const found = await marac.researchCase(viewerOf(request), idParam(request), idParam(request, 'referralId'));
    if (!found) throw notFound();
    const values = extra.values ?? (found.mine ? { known: found.mine.known, information: found.mine.information } : {});
    return reply.code(status).view('marac/views/research-form.njk', {
      pageTitle: 'MARAC research for a case',
      section: 'meetings',
      ...found,
      victimDob: dobFromKey(found.referral.victim_key),
      perpetratorDob: dobFromKey(found.referral.perpetrator_key),
      criteria: criteriaLabels(found.referral.criteria),
      knownItems: KNOWN.map((k) => ({ value: k.code, text: k.label, checked: values.known === k.code })),
      formAction: maracPath('caseResearch', { id: found.meeting.id, referralId: found.referral.id }),
      backLink: { href: maracPath('agenda', { id: found.meeting.id }), text: 'Back to the agenda' },
      ...extra,
      values,
    });
  }

  app.get(MARAC_ROUTES.caseResearch, { config: { rule: 'marac:research', records: { id: 'marac_meeting', referralId: 'marac_referral' } } }, async (request, reply) => researchFormPage(request, reply));

  app.post(MARAC_ROUTES.caseResearch, { config: { rule: 'marac:research', records: { id: 'marac_meeting', referralId: 'marac_referral' } } }, async (request, reply) => {
    const meetingId = idParam(request);
    const referralId = idParam(request, 'referralId');
    const form = parseForm(researchForm, request.body);
    if (!form.ok) return researchFormPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.submitResearch(viewerOf(request), meetingId, referralId, form.value);
    if (!result) throw notFound();
    if ('problems' in result) return researchFormPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(`${maracPath('agenda', { id: meetingId }, { researched: referralId })}#agenda`, 303);
  });

  // ——— minutes ———

  app.get(MARAC_ROUTES.minutes, { config: { rule: 'marac:research', records: { id: 'marac_meeting' } } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const found = await marac.minutes(viewer, idParam(request));
    if (!found) throw notFound();
    const today = marac.today();
    return reply.view('marac/views/minutes.njk', {
      pageTitle: `MARAC minutes, ${formatDate(found.meeting.meeting_on)}`,
      ...meetingFrame(found, 'minutes'),
      meeting: found.meeting,
      present: found.agencies.filter((a) => a.present === true).map((a) => a.name),
      absent: found.agencies.filter((a) => a.present === false).map((a) => a.name),
      cases: found.agenda.map((a) => ({
        ...agendaRow(a, found.agencies, viewer.agencyId, found.meeting.id),
        minutes: found.minutes.find((m) => m.referral_id === a.id) ?? null,
        actions: found.actions.filter((x) => x.marac_referral_id === a.id).map((x) => actionRow(x, today)),
      })),
    });
  });

  async function minutesFormPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const found = await marac.minutesCase(viewerOf(request), idParam(request), idParam(request, 'referralId'));
    if (!found) throw notFound();
    const values = extra.values ?? { minutes: found.existing?.text ?? '' };
    return reply.code(status).view('marac/views/minutes-form.njk', {
      pageTitle: 'MARAC minutes for a case',
      section: 'meetings',
      ...found,
      held: found.meeting.status === 'held',
      formAction: maracPath('caseMinutes', { id: found.meeting.id, referralId: found.referral.id }),
      attendanceHref: maracPath('attendance', { id: found.meeting.id }),
      backLink: { href: maracPath('agenda', { id: found.meeting.id }), text: 'Back to the agenda' },
      ...extra,
      values,
    });
  }

  app.get(MARAC_ROUTES.caseMinutes, { config: { rule: 'marac:coordinate', records: { id: 'marac_meeting', referralId: 'marac_referral' } } }, async (request, reply) => minutesFormPage(request, reply));

  app.post(MARAC_ROUTES.caseMinutes, { config: { rule: 'marac:coordinate', records: { id: 'marac_meeting', referralId: 'marac_referral' } } }, async (request, reply) => {
    const meetingId = idParam(request);
    const referralId = idParam(request, 'referralId');
    const form = parseForm(minutesForm, request.body);
    if (!form.ok) return minutesFormPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.recordMinutes(viewerOf(request), meetingId, referralId, form.value.minutes);
    if (!result) throw notFound();
    if ('problems' in result) return minutesFormPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(`${maracPath('agenda', { id: meetingId })}#agenda`, 303);
  });

  // ——— actions ———

  app.get(MARAC_ROUTES.actions, { config: { rule: 'marac:research' } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const done = q.show === 'done';
    const page = pageParam(request);
    const referralId = isUuid(q.referral) ? q.referral.toLowerCase() : null;
    // due=overdue: open actions past their due date (the home page's count links here); anything else, all open ones
    const overdue = !done && q.due === 'overdue';
    const found = await marac.actions(viewerOf(request), { done, overdue, page, referralId });
    return reply.view('marac/views/actions.njk', {
      pageTitle: found.coordinating ? 'MARAC actions' : 'Your agency’s MARAC actions',
      section: 'actions',
      coordinating: found.coordinating,
      done,
      show: done ? 'done' : 'open',
      referralQuery: referralId ? `&referral=${referralId}` : '',
      counts: found.counts,
      overdue,
      total: found.total,
      actions: found.actions.map((a) => actionRow(a, found.today)),
      tabs: [
        { text: `Open (${found.counts.open})`, href: maracPath('actions', {}, { referral: referralId ?? undefined }), current: !done && !overdue },
        { text: `Overdue (${found.counts.overdue})`, href: maracPath('actions', {}, { due: 'overdue', referral: referralId ?? undefined }), current: overdue },
        { text: 'Done', href: maracPath('actions', {}, { show: 'done', referral: referralId ?? undefined }), current: done },
      ],
      pagination: pagination(page, found.total, found.pageSize, (n) => maracPath('actions', {}, { show: done ? 'done' : undefined, due: overdue ? 'overdue' : undefined, referral: referralId ?? undefined, page: n > 1 ? n : undefined })),
    });
  });

  async function actionDetailPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const found = await marac.action(viewerOf(request), idParam(request));
    if (!found) throw notFound();
    return reply.code(status).view('marac/views/action.njk', {
      pageTitle: 'MARAC action',
      section: 'actions',
      action: actionRow(found.action, found.today),
      canComplete: found.owner && !found.action.done_at,
      coordinating: found.coordinating,
      referralHref: found.action.marac_referral_id ? maracPath('referral', { id: found.action.marac_referral_id }) : null,
      completeAction: maracPath('completeAction', { id: found.action.id }),
      backLink: { href: maracPath('actions', {}), text: 'Actions' },
      values: {},
      ...extra,
    });
  }

  app.get(MARAC_ROUTES.action, { config: { rule: 'marac:research', records: { id: 'marac_action' } } }, async (request, reply) => actionDetailPage(request, reply));

  app.post(MARAC_ROUTES.completeAction, { config: { rule: 'marac:research', records: { id: 'marac_action' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(completeForm, request.body);
    if (!form.ok) return actionDetailPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await marac.completeAction(viewerOf(request), id, form.value.note);
    if (!result) throw notFound();
    if ('problems' in result) return actionDetailPage(request, reply, { errors: errorsFrom(result.problems, bodyOf(request)), values: bodyOf(request) }, 409);
    return reply.redirect(maracPath('action', { id }), 303);
  });
}

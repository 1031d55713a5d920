/**
 * Operation Encompass pages: the key adult's notices (only their own settings'), the MASH monitor (the
 * needs-a-setting queue, late and missed notices), key adults and each school's day start and term dates.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AGENCY_TYPES, labelOf } from '../../domain/codes.js';
import { ENCOMPASS_ROUTES, SUPPORT_GIVEN, longDate } from '../../domain/encompass.js';
import { londonDate } from '../../domain/time.js';
import { requireUser } from '../../platform/authz.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { idParam, isUuid, pageParam, queryString } from '../../platform/params.js';
import { userActor } from '../../platform/authz.js';
import { assignForm, closureForm, dayStartForm, keyAdultForm, periodForm, removeClosureForm, removeKeyAdultForm, removeTermForm, supportForm, termForm } from './forms.js';
import { KEY_ADULT_SHOW_LABELS, childName, defaultPeriod, dueTag, lateTag, noticeDetails, outcomeTag, statusTag } from './presenters.js';
import { KEY_ADULT_SHOWS, type KeyAdultShow } from './repository.js';
import { pagination } from '../../platform/pagination.js';
import { ENCOMPASS_PAGE_ROUTES, encompassPath } from './paths.js';
import { type EncompassService, schoolWithoutKeyAdult } from './service.js';

type Extra = Record<string, unknown>;
const PAGE_SIZE = 50;

export function registerEncompassRoutes(app: FastifyInstance, services: { encompass: EncompassService }): void {
  const { encompass } = services;
  const receive = { rule: 'encompass:receive' as const };
  const monitor = { rule: 'encompass:monitor' as const };
  const keyAdults = { rule: 'encompass:key_adults' as const };

  // ——— the key adult ———

  app.get(ENCOMPASS_PAGE_ROUTES.notices, { config: receive }, async (request, reply) => {
    const page = pageParam(request);
    const raw = queryString(request, 'show');
    // An unknown list is all of them (the home page's counts link to the others).
    const show: KeyAdultShow = (KEY_ADULT_SHOWS as readonly string[]).includes(raw) ? (raw as KeyAdultShow) : 'all';
    const found = await encompass.forKeyAdult(userActor(request), { show, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const now = encompass.time();
    const href = (s: KeyAdultShow, p?: number) => encompassPath('notices', {}, { show: s === 'all' ? undefined : s, page: p && p > 1 ? p : undefined });
    return reply.view('encompass/views/list.njk', {
      pageTitle: 'Operation Encompass notifications',
      show,
      total: found.total,
      tabs: KEY_ADULT_SHOWS.map((s) => ({ text: `${KEY_ADULT_SHOW_LABELS[s]} (${found.counts[s]})`, href: href(s), current: s === show })),
      notices: found.list.map((n) => ({ id: n.id, href: encompassPath('notice', { id: n.id }), childName: childName(n), agencyName: n.agency_name, sentAt: n.sent_at, late: lateTag(n), status: statusTag(n), due: dueTag(n, now) })),
      pagination: pagination(page, found.total, PAGE_SIZE, (p) => href(show, p)),
    });
  });

  async function noticePage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const notice = await encompass.forReading(userActor(request), idParam(request));
    if (!notice) throw notFound();
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const ticked = new Set([values.support ?? notice.support].flat());
    const q = request.query as Record<string, unknown>;
    return reply.code(status).view('encompass/views/notice.njk', {
      pageTitle: `Operation Encompass: ${childName(notice)}`,
      notice,
      details: noticeDetails(notice),
      status: statusTag(notice),
      due: dueTag(notice, encompass.time()),
      supportItems: SUPPORT_GIVEN.map((s) => ({ value: s.code, text: s.label, checked: ticked.has(s.code) })),
      supportNote: 'supportNote' in values ? values.supportNote : notice.support_note,
      flash: q.acknowledged ? 'You have acknowledged this notification' : q.support ? 'The support the school gave has been recorded' : undefined,
      actions: { acknowledge: encompassPath('acknowledge', { id: notice.id }), support: encompassPath('support', { id: notice.id }) },
      backLink: { href: encompassPath('notices', {}), text: 'All notifications' },
      ...extra,
    });
  }

  app.get(ENCOMPASS_PAGE_ROUTES.notice, { config: { ...receive, records: { id: 'encompass_notice' } } }, async (request, reply) => noticePage(request, reply));

  app.post(ENCOMPASS_PAGE_ROUTES.acknowledge, { config: { ...receive, records: { id: 'encompass_notice' } } }, async (request, reply) => {
    const id = idParam(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    const result = await encompass.acknowledge(userActor(request), id);
    if (result === 'not found') throw notFound();
    return reply.redirect(encompassPath('notice', { id }, { acknowledged: result === 'done' ? 1 : undefined }), 303);
  });

  app.post(ENCOMPASS_PAGE_ROUTES.support, { config: { ...receive, records: { id: 'encompass_notice' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(supportForm, request.body);
    if (!form.ok) return noticePage(request, reply, { errors: form.errors, values: form.values }, 400);
    if (!(await encompass.recordSupport(userActor(request), id, form.value))) throw notFound();
    return reply.redirect(encompassPath('notice', { id }, { support: 1 }), 303);
  });

  // ——— the MASH monitor ———

  app.get(ENCOMPASS_PAGE_ROUTES.monitor, { config: monitor }, async (request, reply) => {
    const actor = userActor(request);
    const now = encompass.time();
    const query = request.query as Record<string, unknown>;
    const asked = Object.keys(query).some((k) => k.startsWith('from-') || k.startsWith('to-'));
    const fallback = defaultPeriod(londonDate(now));
    let period = fallback;
    let errors: FormErrors | undefined;
    if (asked) {
      const form = parseForm(periodForm, Object.fromEntries(Object.entries(query).filter(([k]) => /^(from|to)-(day|month|year)$/.test(k))));
      if (form.ok) period = { from: form.value.from ?? fallback.from, to: form.value.to ?? fallback.to };
      else errors = form.errors;
      if (period.to < period.from) period = fallback;
    }
    // Three lists, a tab each: the needs-a-setting queue (the default), notices waiting for a key adult, and the
    // period's report (also shown when a period is asked for). An unknown tab is the default.
    const rawShow = queryString(request, 'show');
    const show = asked || rawShow === 'report' ? 'report' : rawShow === 'no-key-adult' ? 'no-key-adult' : 'needs-setting';
    const page = pageParam(request);
    const { queue, noKeyAdult, counts: queues } = await encompass.monitor(actor, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const report = show === 'report' ? await encompass.report(actor.tenantId, period.from, period.to) : null;
    const missed = report ? report.rows.filter((r) => r.outcome === 'late' || r.outcome === 'not_sent' || r.outcome === 'not_acknowledged') : [];
    const shown = show === 'needs-setting' ? queue : show === 'no-key-adult' ? noKeyAdult : missed.slice(0, 200);
    await encompass.recordMonitorView(actor, shown.map((n) => n.id), 'monitor');
    const tabHref = (s: string, p?: number) => encompassPath('monitor', {}, { show: s === 'needs-setting' ? undefined : s, page: p && p > 1 ? p : undefined });
    const ymd = (d: string) => d.split('-');
    const [fy, fm, fd] = ymd(period.from);
    const [ty, tm, td] = ymd(period.to);
    return reply.code(errors ? 400 : 200).view('encompass/views/monitor.njk', {
      pageTitle: 'Operation Encompass monitor',
      queue: queue.map((n) => ({ ...n, childName: childName(n), route: labelOf(ENCOMPASS_ROUTES, n.route), due: dueTag(n, now), assignHref: encompassPath('assign', { id: n.id }) })),
      noKeyAdult: noKeyAdult.map((n) => ({ ...n, childName: childName(n), due: dueTag(n, now) })),
      show,
      queues,
      tabs: [
        { text: `Needs a setting (${queues.needsSetting})`, href: tabHref('needs-setting'), current: show === 'needs-setting' },
        { text: `No key adult (${queues.noKeyAdult})`, href: tabHref('no-key-adult'), current: show === 'no-key-adult' },
        { text: 'Sent in time, late and missed', href: tabHref('report'), current: show === 'report' },
      ],
      pagination: show === 'report' ? null : pagination(page, show === 'needs-setting' ? queues.needsSetting : queues.noKeyAdult, PAGE_SIZE, (p) => tabHref(show, p)),
      counts: report?.counts,
      missed: missed.slice(0, 200).map((n) => ({ ...n, childName: childName(n), outcome: outcomeTag(n.outcome) })),
      missedMore: Math.max(0, missed.length - 200),
      period: { from: longDate(period.from), to: longDate(period.to) },
      values: errors ? query : { 'from-day': String(Number(fd)), 'from-month': String(Number(fm)), 'from-year': fy, 'to-day': String(Number(td)), 'to-month': String(Number(tm)), 'to-year': ty },
      errors,
      flash: assignedMessage(request),
    });
  });

  function assignedMessage(request: FastifyRequest): string | undefined {
    const q = request.query as Record<string, unknown>;
    if (q.assigned === 'sent') return 'The setting has been assigned and its key adults told';
    if (q.assigned === 'late') return 'The setting has been assigned and its key adults told. It was sent after the start of the school day, so it counts as late';
    if (q.assigned === 'no-key-adult') return 'The setting has been assigned, but it has no key adult yet: the notification is kept until its administrator chooses one';
    return undefined;
  }

  async function assignPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const actor = userActor(request);
    const notice = await encompass.forAssigning(actor, idParam(request));
    if (!notice) throw notFound('This notification is not waiting for a setting: it may have been assigned already.');
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const settings = await encompass.assignable(actor.tenantId);
    const chosen = typeof values.agencyId === 'string' ? values.agencyId : '';
    return reply.code(status).view('encompass/views/assign.njk', {
      pageTitle: `Assign a setting for ${childName(notice)}`,
      notice,
      details: noticeDetails(notice),
      due: dueTag(notice, encompass.time()),
      settingItems: [
        { value: '', text: 'Choose a setting' },
        ...settings.map((s) => ({ value: s.agency_id, text: s.urn ? `${s.name} (URN ${s.urn})` : `${s.name} (${labelOf(AGENCY_TYPES, s.type)})`, selected: s.agency_id === chosen })),
      ],
      values,
      action: encompassPath('assign', { id: notice.id }),
      backLink: { href: encompassPath('monitor', {}), text: 'Back to the monitor' },
      ...extra,
    });
  }

  app.get(ENCOMPASS_PAGE_ROUTES.assign, { config: { ...monitor, records: { id: 'encompass_notice.unplaced' } } }, async (request, reply) => assignPage(request, reply));

  app.post(ENCOMPASS_PAGE_ROUTES.assign, { config: { ...monitor, records: { id: 'encompass_notice.unplaced' } } }, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(assignForm, request.body);
    if (!form.ok) return assignPage(request, reply, { errors: form.errors, values: form.values }, 400);
    const result = await encompass.assign(userActor(request), id, form.value);
    if ('gone' in result) throw notFound('This notification is not waiting for a setting: it may have been assigned already.');
    if ('problems' in result) return assignPage(request, reply, { errors: errorsFrom(result.problems), values: request.body }, 400);
    return reply.redirect(encompassPath('monitor', {}, { assigned: !result.sent ? 'no-key-adult' : result.late ? 'late' : 'sent' }), 303);
  });

  // ——— key adults ———

  const managesAny = (request: FastifyRequest) => requireUser(request).permissions.has('admin:manage');

  /** The agency named in the path, if this user may manage it: their own, or any in the area for a system administrator. */
  async function manageable(request: FastifyRequest, name = 'agencyId') {
    const user = requireUser(request);
    // The key-adult routes name the setting in their `records`; the calendar routes (whose path can also say
    // 'default') check it here, through the same rule.
    const id = await app.records.require(request, 'setting', (request.params as Record<string, unknown>)[name]);
    const agency = await encompass.agency(user.tenantId, id);
    if (!agency) throw notFound();
    return agency;
  }

  app.get(ENCOMPASS_PAGE_ROUTES.keyAdults, { config: keyAdults }, async (request, reply) => {
    const user = requireUser(request);
    if (!managesAny(request)) return reply.redirect(encompassPath('agencyKeyAdults', { agencyId: user.agencyId }), 303);
    // show=none: the schools with no key adult (the home page's count links here); anything else, every agency
    const none = queryString(request, 'show') === 'none';
    const agencies = (await encompass.agencies(user.tenantId)).filter((a) => !none || schoolWithoutKeyAdult(a));
    return reply.view('encompass/views/agencies.njk', {
      pageTitle: 'Operation Encompass key adults',
      none,
      tabs: [
        { text: 'All agencies', href: encompassPath('keyAdults', {}), current: !none },
        { text: 'Schools with no key adult', href: encompassPath('keyAdults', {}, { show: 'none' }), current: none },
      ],
      agencies: agencies.map((a) => ({ ...a, typeLabel: labelOf(AGENCY_TYPES, a.type), href: encompassPath('agencyKeyAdults', { agencyId: a.id }) })),
      authorityCalendar: encompassPath('calendar', { agencyId: 'default' }),
    });
  });

  async function keyAdultsPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const user = requireUser(request);
    const agency = await manageable(request);
    const found = await encompass.keyAdultsOf(user.tenantId, agency.id);
    const q = request.query as Record<string, unknown>;
    const delivered = Number.parseInt(String(q.delivered ?? ''), 10);
    return reply.code(status).view('encompass/views/key-adults.njk', {
      pageTitle: `Key adults: ${agency.name}`,
      agency,
      current: found.current,
      candidateItems: found.candidates.map((c) => ({ value: c.id, text: c.display_name, hint: { text: c.email } })),
      waiting: found.waiting,
      self: user.userId,
      actions: { add: encompassPath('agencyKeyAdults', { agencyId: agency.id }), remove: encompassPath('removeKeyAdult', { agencyId: agency.id }) },
      calendarHref: encompassPath('calendar', { agencyId: agency.id }),
      flash: q.added ? (delivered > 0 ? `Key adult added. ${delivered === 1 ? 'One notification that was waiting has' : `${delivered} notifications that were waiting have`} been sent to them` : 'Key adult added') : q.removed ? 'Key adult removed' : undefined,
      backLink: managesAny(request) ? { href: encompassPath('keyAdults', {}), text: 'All agencies' } : undefined,
      ...extra,
    });
  }

  app.get(ENCOMPASS_PAGE_ROUTES.agencyKeyAdults, { config: { ...keyAdults, records: { agencyId: 'setting' } } }, async (request, reply) => keyAdultsPage(request, reply));

  app.post(ENCOMPASS_PAGE_ROUTES.agencyKeyAdults, { config: { ...keyAdults, records: { agencyId: 'setting' } } }, async (request, reply) => {
    const agency = await manageable(request);
    const form = parseForm(keyAdultForm, request.body);
    if (!form.ok) return keyAdultsPage(request, reply, { errors: form.errors }, 400);
    const result = await encompass.addKeyAdult(userActor(request), agency.id, form.value.userId);
    if ('problems' in result) return keyAdultsPage(request, reply, { errors: errorsFrom(result.problems) }, 400);
    return reply.redirect(encompassPath('agencyKeyAdults', { agencyId: agency.id }, { added: 1, delivered: result.delivered }), 303);
  });

  app.post(ENCOMPASS_PAGE_ROUTES.removeKeyAdult, { config: { ...keyAdults, records: { agencyId: 'setting' } } }, async (request, reply) => {
    const agency = await manageable(request);
    const form = parseForm(removeKeyAdultForm, request.body);
    if (!form.ok) throw badRequest('Choose who to remove. Reload the page and try again.');
    if (!(await encompass.removeKeyAdult(userActor(request), agency.id, form.value.userId))) throw notFound('This person is not a key adult here: they may have been removed already.');
    return reply.redirect(encompassPath('agencyKeyAdults', { agencyId: agency.id }, { removed: 1 }), 303);
  });

  // ——— school day and term dates ———

  /** A calendar's page and the addresses its forms post to ('default' the authority's, or a school's agency id). */
  function calendarPaths(agencyId: string) {
    return {
      saved: encompassPath('calendar', { agencyId }, { saved: 1 }),
      actions: {
        reset: encompassPath('resetCalendar', { agencyId }),
        dayStart: encompassPath('dayStart', { agencyId }),
        terms: encompassPath('terms', { agencyId }),
        removeTerm: encompassPath('removeTerm', { agencyId }),
        closures: encompassPath('closures', { agencyId }),
        removeClosure: encompassPath('removeClosure', { agencyId }),
      },
    };
  }

  /** 'default' is the authority's calendar (system administrators); an agency id is that school's. */
  async function whichCalendar(request: FastifyRequest): Promise<{ agencyId: string | null; name: string; isSchool: boolean } & ReturnType<typeof calendarPaths>> {
    const which = (request.params as Record<string, unknown>).agencyId;
    if (which === 'default') {
      if (!managesAny(request)) throw forbidden('Only a system administrator can set the authority’s school calendar.');
      return { agencyId: null, name: 'The authority’s default', ...calendarPaths('default'), isSchool: false };
    }
    if (!isUuid(which)) throw notFound();
    const agency = await manageable(request);
    return { agencyId: agency.id, name: agency.name, ...calendarPaths(agency.id), isSchool: true };
  }

  async function calendarPage(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}, status = 200) {
    const user = requireUser(request);
    const which = await whichCalendar(request);
    const cal = await encompass.calendarPage(user.tenantId, which.agencyId);
    const q = request.query as Record<string, unknown>;
    return reply.code(status).view('encompass/views/calendar.njk', {
      pageTitle: which.agencyId ? `School day and term dates: ${which.name}` : 'The authority’s school day and term dates',
      which,
      cal: { ...cal, terms: cal.terms.map((t) => ({ ...t, fromText: longDate(t.from), toText: longDate(t.to) })), closures: cal.closures.map((d) => ({ date: d, text: longDate(d) })) },
      values: {},
      flash: q.saved ? 'Saved' : undefined,
      backLink: { href: which.agencyId ? encompassPath('agencyKeyAdults', { agencyId: which.agencyId }) : encompassPath('keyAdults', {}), text: 'Key adults' },
      ...extra,
    });
  }

  app.get(ENCOMPASS_PAGE_ROUTES.calendar, { config: keyAdults }, async (request, reply) => calendarPage(request, reply));

  type Change = { problems: Record<string, string> } | { ok: true };
  async function saved(request: FastifyRequest, reply: FastifyReply, result: Change, field?: string) {
    if ('problems' in result) {
      const problems = field ? Object.fromEntries(Object.values(result.problems).map((m) => [field, m])) : result.problems;
      return calendarPage(request, reply, { errors: errorsFrom(problems, request.body as Record<string, unknown>), values: request.body }, 409);
    }
    return reply.redirect((await whichCalendar(request)).saved, 303);
  }

  app.post(ENCOMPASS_PAGE_ROUTES.dayStart, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    const form = parseForm(dayStartForm, request.body);
    if (!form.ok) return calendarPage(request, reply, { errors: form.errors, values: form.values }, 400);
    return saved(request, reply, await encompass.setDayStart(userActor(request), which.agencyId, form.value.dayStartsAt));
  });

  app.post(ENCOMPASS_PAGE_ROUTES.terms, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    const form = parseForm(termForm, request.body);
    if (!form.ok) return calendarPage(request, reply, { errors: form.errors, values: form.values }, 400);
    return saved(request, reply, await encompass.addTerm(userActor(request), which.agencyId, form.value));
  });

  app.post(ENCOMPASS_PAGE_ROUTES.removeTerm, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    const form = parseForm(removeTermForm, request.body);
    if (!form.ok) throw badRequest('Choose a term to remove. Reload the page and try again.');
    return saved(request, reply, await encompass.removeTerm(userActor(request), which.agencyId, form.value.from), 'terms');
  });

  app.post(ENCOMPASS_PAGE_ROUTES.closures, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    const form = parseForm(closureForm, request.body);
    if (!form.ok) return calendarPage(request, reply, { errors: form.errors, values: form.values }, 400);
    return saved(request, reply, await encompass.addClosure(userActor(request), which.agencyId, form.value.date));
  });

  app.post(ENCOMPASS_PAGE_ROUTES.removeClosure, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    const form = parseForm(removeClosureForm, request.body);
    if (!form.ok) throw badRequest('Choose a closure day to remove. Reload the page and try again.');
    return saved(request, reply, await encompass.removeClosure(userActor(request), which.agencyId, form.value.date), 'closures');
  });

  app.post(ENCOMPASS_PAGE_ROUTES.resetCalendar, { config: keyAdults }, async (request, reply) => {
    const which = await whichCalendar(request);
    if (!which.agencyId) throw notFound();
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    await encompass.useAuthorityCalendar(userActor(request), which.agencyId);
    return reply.redirect(which.saved, 303);
  });
}


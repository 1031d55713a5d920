/**
 * Training's pages: the course catalogue with places left, a course (its sessions and the impact of the training),
 * adding and changing courses and sessions, a session with its bookings (its agency's for a booker, all for the
 * training team), booking a place for one of the agency's staff, the register, the end-of-course evaluation, "our
 * bookings", the training needs analysis with its gaps by theme, and the public 3-month impact questionnaire opened
 * from its email. Thin: parse, authorise (the route's rule and the records it names), call the service (which
 * audits), render.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ATTENDANCE, IMPACT_USED, type ImpactUsed, NEED_PRIORITIES, SCORE_MAX, SCORE_MIN, TRAINING_BOARDS, TRAINING_MODES, TRAINING_THEMES, trainingYearLabel, trainingYearOf } from '../../domain/training.js';
import { londonDate, wallTime } from '../../domain/time.js';
import { asDate } from '../../db/client.js';
import { type CurrentUser, actorOf, requireUser, userActor } from '../../platform/authz.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { type FormErrors, errorsFrom, noFields, parseForm } from '../../platform/forms.js';
import { pagination } from '../../platform/pagination.js';
import { idParam, pageParam, queryString } from '../../platform/params.js';
import { attendanceField, bookingForm, courseForm, evaluationForm, impactForm, needForm, registerForm, sessionForm } from './forms.js';
import { TRAINING_ROUTES, coursePath, sessionPath, trainingPath } from './paths.js';
import { agencyBookingRow, bookingRow, catalogueRow, courseSummary, doneMessage, gapRow, impactRows, needRow, sessionRow, sessionWhen } from './presenters.js';
import { type CourseRow, type Refused, SEES_TRAINING, type SessionRow, type TrainingService } from './service.js';

type Values = Record<string, unknown>;
const PAGE_SIZE = 20;
const MANAGE_COURSE = { rule: 'training:manage', records: { id: 'training_course' } } as const;
const MANAGE_SESSION = { rule: 'training:manage', records: { id: 'training_session' } } as const;

const scoreItems = (selected: unknown) =>
  Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => {
    const n = String(SCORE_MIN + i);
    return { value: n, text: n === '1' ? '1 (not at all confident)' : n === '5' ? '5 (very confident)' : n, checked: selected === n };
  });
const usefulItems = (selected: unknown) => scoreItems(selected).map((x) => ({ ...x, text: x.value === '1' ? '1 (not useful)' : x.value === '5' ? '5 (very useful)' : x.value }));

/** Who sees the catalogue, courses and the needs analysis: anyone who books or runs training, or follows the partnership. */
function seesTraining(request: FastifyRequest): CurrentUser {
  const user = requireUser(request);
  if (!SEES_TRAINING.some((p) => user.permissions.has(p))) throw forbidden('Your role does not book or run partnership training.');
  return user;
}

/** A stored instant as the date-and-time input's parts, in London time. */
const dateValues = (name: string, at: string) => {
  const w = wallTime(asDate(at));
  const [y, m, d] = w.date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y, [`${name}-hour`]: String(Math.floor(w.minutes / 60)), [`${name}-minute`]: String(w.minutes % 60).padStart(2, '0') };
};

export function registerTrainingRoutes(app: FastifyInstance, services: { training: TrainingService }, options: { publicRateLimit: number }): void {
  const { training } = services;

  // ——— the catalogue and a course ———

  app.get(TRAINING_ROUTES.catalogue, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = seesTraining(request);
    const page = pageParam(request);
    const list = await training.catalogue(user, page, PAGE_SIZE);
    return reply.view('training/views/catalogue.njk', {
      pageTitle: 'Partnership training',
      rows: list.rows.map(catalogueRow),
      total: list.total,
      manages: user.permissions.has('training:manage'),
      books: user.permissions.has('training:book'),
      newCourseHref: trainingPath('newCourse', {}),
      ourBookingsHref: trainingPath('ourBookings', {}),
      needsHref: trainingPath('needs', {}),
      flash: doneMessage(queryString(request, 'done', 20)),
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => trainingPath('catalogue', {}, { page: p })),
    });
  });

  app.get(TRAINING_ROUTES.course, { config: { rule: 'signed-in', records: { id: 'training_course' } } }, async (request, reply) => {
    const user = requireUser(request);
    const found = await training.course(user, idParam(request));
    if (!found) throw notFound();
    const c = found.course;
    const manages = user.permissions.has('training:manage');
    return reply.view('training/views/course.njk', {
      pageTitle: c.title,
      c,
      summary: courseSummary(c),
      sessions: found.sessions.map((s) => sessionRow(s, found.now)),
      impact: impactRows(found.impact),
      examples: found.impact.examples,
      manages,
      editHref: trainingPath('editCourse', { id: c.id }),
      newSessionHref: trainingPath('newSession', { id: c.id }),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: trainingPath('catalogue', {}), text: 'Partnership training' },
    });
  });

  // ——— adding and changing a course ———

  function coursePage(reply: FastifyReply, course: CourseRow | null, values: Values, errors?: FormErrors, status = 200) {
    const v = (k: string, current: unknown) => (k in values ? values[k] : current);
    return reply.code(status).view('training/views/course-form.njk', {
      pageTitle: course ? `Change ${course.title}` : 'Add a course',
      title: course ? 'Change the course' : 'Add a course',
      errors,
      formAction: course ? trainingPath('editCourse', { id: course.id }) : trainingPath('newCourse', {}),
      f: {
        title: v('title', course?.title) ?? '',
        theme: v('theme', course?.theme),
        mode: v('mode', course?.mode),
        boardKind: v('boardKind', course?.board_kind),
        description: v('description', course?.description) ?? '',
        audience: v('audience', course?.audience) ?? '',
        durationMinutes: v('durationMinutes', course?.duration_minutes === null || course?.duration_minutes === undefined ? '' : String(course.duration_minutes)) ?? '',
      },
      themes: TRAINING_THEMES,
      modes: TRAINING_MODES,
      boards: TRAINING_BOARDS,
      backLink: course ? { href: coursePath(course.id), text: 'Back to the course' } : { href: trainingPath('catalogue', {}), text: 'Partnership training' },
    });
  }

  app.get(TRAINING_ROUTES.newCourse, { config: { rule: 'training:manage' } }, async (_request, reply) => coursePage(reply, null, {}));
  app.post(TRAINING_ROUTES.newCourse, { config: { rule: 'training:manage' } }, async (request, reply) => {
    const form = parseForm(courseForm, request.body);
    if (!form.ok) return coursePage(reply, null, form.values, form.errors, 400);
    const result = await training.addCourse(userActor(request), form.value);
    if ('problems' in result) return coursePage(reply, null, (request.body ?? {}) as Values, errorsFrom(result.problems), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(coursePath(result.id, { done: 'course' }), 303);
  });

  app.get(TRAINING_ROUTES.editCourse, { config: MANAGE_COURSE }, async (request, reply) => {
    const found = await training.course(requireUser(request), idParam(request));
    if (!found) throw notFound();
    return coursePage(reply, found.course, {});
  });
  app.post(TRAINING_ROUTES.editCourse, { config: MANAGE_COURSE }, async (request, reply) => {
    const found = await training.course(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(courseForm, request.body);
    if (!form.ok) return coursePage(reply, found.course, form.values, form.errors, 400);
    const result = await training.editCourse(userActor(request), found.course.id, form.value);
    if ('problems' in result) return coursePage(reply, found.course, (request.body ?? {}) as Values, errorsFrom(result.problems), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(coursePath(result.id, { done: 'course' }), 303);
  });

  // ——— adding and changing a session ———

  function sessionFormPage(reply: FastifyReply, course: CourseRow, session: SessionRow | null, values: Values, errors?: FormErrors, status = 200) {
    const first = Object.keys(values).length === 0;
    const start = first && session ? { ...dateValues('startsAt', session.starts_at), ...dateValues('endsAt', session.ends_at), venue: session.venue, trainer: session.trainer ?? '', capacity: String(session.capacity) } : values;
    return reply.code(status).view('training/views/session-form.njk', {
      pageTitle: session ? `Change the session: ${course.title}` : `Add a session: ${course.title}`,
      title: session ? 'Change the session' : 'Add a session',
      course,
      values: start,
      errors,
      formAction: session ? trainingPath('editSession', { id: session.id }) : trainingPath('newSession', { id: course.id }),
      backLink: session ? { href: sessionPath(session.id), text: 'Back to the session' } : { href: coursePath(course.id), text: 'Back to the course' },
    });
  }

  app.get(TRAINING_ROUTES.newSession, { config: MANAGE_COURSE }, async (request, reply) => {
    const found = await training.course(requireUser(request), idParam(request));
    if (!found) throw notFound();
    return sessionFormPage(reply, found.course, null, {});
  });
  app.post(TRAINING_ROUTES.newSession, { config: MANAGE_COURSE }, async (request, reply) => {
    const found = await training.course(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(sessionForm, request.body);
    if (!form.ok) return sessionFormPage(reply, found.course, null, form.values, form.errors, 400);
    const result = await training.addSession(userActor(request), found.course.id, form.value);
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return sessionFormPage(reply, found.course, null, body, errorsFrom(result.problems, body), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(sessionPath(result.id, { done: 'session' }), 303);
  });

  app.get(TRAINING_ROUTES.editSession, { config: MANAGE_SESSION }, async (request, reply) => {
    const found = await training.session(requireUser(request), idParam(request));
    if (!found) throw notFound();
    return sessionFormPage(reply, found.course, found.session, {});
  });
  app.post(TRAINING_ROUTES.editSession, { config: MANAGE_SESSION }, async (request, reply) => {
    const found = await training.session(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const form = parseForm(sessionForm, request.body);
    if (!form.ok) return sessionFormPage(reply, found.course, found.session, form.values, form.errors, 400);
    const result = await training.editSession(userActor(request), found.session.id, form.value);
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return sessionFormPage(reply, found.course, found.session, body, errorsFrom(result.problems, body), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(sessionPath(result.id, { done: 'session' }), 303);
  });

  // ——— a session, booking a place, cancelling ———

  async function sessionPage(request: FastifyRequest, reply: FastifyReply, extra: { values?: Values; errors?: FormErrors; refused?: Refused } = {}, status = 200) {
    const user = requireUser(request);
    const found = await training.session(user, idParam(request));
    if (!found) throw notFound();
    const s = found.session;
    const row = sessionRow(s, found.now);
    const open = s.status === 'scheduled' && asDate(s.starts_at).getTime() > found.now.getTime();
    return reply.code(status).view('training/views/session.njk', {
      pageTitle: `${found.course.title}: ${row.when}`,
      c: found.course,
      s,
      row,
      bookings: found.bookings.map(bookingRow),
      others: (extra.refused?.others ?? found.others).map((o) => sessionRow(o, found.now)),
      refused: extra.refused ? extra.refused.message : null,
      manages: found.manages,
      books: found.books && open && s.capacity > s.taken,
      full: open && s.capacity <= s.taken,
      open,
      agencyName: user.agencyName,
      values: extra.values ?? {},
      errors: extra.errors,
      bookAction: trainingPath('book', { id: s.id }),
      cancelAction: trainingPath('cancelSession', { id: s.id }),
      editHref: trainingPath('editSession', { id: s.id }),
      registerHref: trainingPath('register', { id: s.id }),
      canTakeRegister: found.manages && s.status !== 'cancelled' && !open,
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: coursePath(found.course.id), text: found.course.title },
    });
  }

  app.get(TRAINING_ROUTES.session, { config: { rule: 'signed-in', records: { id: 'training_session' } } }, async (request, reply) => sessionPage(request, reply));

  app.post(TRAINING_ROUTES.book, { config: { rule: 'training:book', records: { id: 'training_session' } } }, async (request, reply) => {
    const form = parseForm(bookingForm, request.body);
    if (!form.ok) return sessionPage(request, reply, { values: form.values, errors: form.errors }, 400);
    const user = requireUser(request);
    const result = await training.book({ ...userActor(request), agencyType: user.agencyType, email: user.email }, idParam(request), { ...form.value, attendeeName: form.value.attendeeName as string });
    if ('notFound' in result) throw notFound();
    if ('refusal' in result) {
      const body = (request.body ?? {}) as Values;
      const field = result.refusal === 'duplicate' ? 'attendeeEmail' : 'form';
      return sessionPage(request, reply, { values: body, errors: errorsFrom({ [field]: result.message }, body), refused: result }, result.refusal === 'duplicate' ? 400 : 409);
    }
    return reply.redirect(sessionPath(idParam(request), { done: 'booked' }), 303);
  });

  app.post(TRAINING_ROUTES.cancelSession, { config: MANAGE_SESSION }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return sessionPage(request, reply, { errors: form.errors }, 400);
    const result = await training.cancelSession(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return sessionPage(request, reply, { errors: errorsFrom(result.problems) }, 400);
    return reply.redirect(sessionPath(result.id, { done: 'cancelled' }), 303);
  });

  app.post(TRAINING_ROUTES.cancelBooking, { config: { rule: 'training:book', records: { id: 'training_booking' } } }, async (request, reply) => {
    const form = parseForm(noFields, request.body);
    if (!form.ok) return ourBookingsPage(request, reply, form.errors, 400);
    const result = await training.cancelBooking(userActor(request), idParam(request));
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return ourBookingsPage(request, reply, errorsFrom(result.problems), 400);
    return reply.redirect(trainingPath('ourBookings', {}, { done: 'unbooked' }), 303);
  });

  // ——— our bookings ———

  async function ourBookingsPage(request: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const user = requireUser(request);
    const page = pageParam(request);
    const list = await training.ourBookings(user, page, PAGE_SIZE);
    return reply.code(status).view('training/views/our-bookings.njk', {
      pageTitle: 'Our training bookings',
      agencyName: user.agencyName,
      rows: list.rows.map((r) => agencyBookingRow(r, user.userId, list.now)),
      errors,
      catalogueHref: trainingPath('catalogue', {}),
      flash: doneMessage(queryString(request, 'done', 20)),
      pagination: pagination(page, list.total, PAGE_SIZE, (p) => trainingPath('ourBookings', {}, { page: p })),
    });
  }

  app.get(TRAINING_ROUTES.ourBookings, { config: { rule: 'training:book' } }, async (request, reply) => ourBookingsPage(request, reply));

  // ——— the register ———

  async function registerPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await training.session(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const s = found.session;
    const bookings = found.bookings.filter((b) => b.status !== 'cancelled');
    const first = Object.keys(values).length === 0;
    return reply.code(status).view('training/views/register.njk', {
      pageTitle: `Register: ${found.course.title}`,
      c: found.course,
      when: sessionWhen(s.starts_at, s.ends_at),
      taken: Boolean(s.register_taken_at),
      rows: bookings.map((b) => {
        const name = attendanceField(b.id);
        const selected = first ? (b.status === 'booked' ? undefined : b.status) : values[name];
        return {
          ...bookingRow(b),
          field: name,
          items: ATTENDANCE.map((a) => ({ value: a.code, text: a.label, checked: selected === a.code })),
        };
      }),
      errors,
      formAction: trainingPath('register', { id: s.id }),
      backLink: { href: sessionPath(s.id), text: 'Back to the session' },
    });
  }

  app.get(TRAINING_ROUTES.register, { config: MANAGE_SESSION }, async (request, reply) => {
    const found = await training.session(requireUser(request), idParam(request));
    if (!found) throw notFound();
    if (found.session.status === 'cancelled' || asDate(found.session.starts_at).getTime() > found.now.getTime()) {
      return reply.redirect(sessionPath(found.session.id), 303);
    }
    return registerPage(request, reply);
  });
  app.post(TRAINING_ROUTES.register, { config: MANAGE_SESSION }, async (request, reply) => {
    const found = await training.session(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const bookings = found.bookings.filter((b) => b.status !== 'cancelled');
    const form = parseForm(registerForm(bookings), request.body);
    if (!form.ok) return registerPage(request, reply, form.values, form.errors, 400);
    const attendance = Object.fromEntries(bookings.map((b) => [b.id, (form.value as Record<string, 'attended' | 'did_not_attend'>)[attendanceField(b.id)]!]));
    const result = await training.takeRegister(userActor(request), found.session.id, attendance);
    const body = (request.body ?? {}) as Values;
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return registerPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(sessionPath(found.session.id, { done: 'register' }), 303);
  });

  // ——— the end-of-course evaluation (the training team from the forms, or the attendee) ———

  async function evaluationPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const found = await training.bookingForEvaluation(requireUser(request), idParam(request));
    if (!found) throw notFound();
    const e = (found.booking.evaluation ?? {}) as Record<string, unknown>;
    const first = Object.keys(values).length === 0;
    const v = (k: string) => (first ? (e[k] === undefined || e[k] === null ? undefined : String(e[k])) : values[k]);
    return reply.code(status).view('training/views/evaluation.njk', {
      pageTitle: `Evaluation: ${found.course.title}`,
      c: found.course,
      when: sessionWhen(found.session.starts_at, found.session.ends_at),
      attendee: found.booking.attendee_name,
      own: found.own,
      attended: found.booking.status === 'attended',
      beforeItems: scoreItems(v('confidenceBefore')),
      afterItems: scoreItems(v('confidenceAfter')),
      usefulItems: usefulItems(v('usefulness')),
      comments: v('comments') ?? '',
      errors,
      formAction: trainingPath('evaluation', { id: found.booking.id }),
      backLink: found.own && !requireUser(request).permissions.has('training:manage') ? { href: trainingPath('ourBookings', {}), text: 'Back' } : { href: trainingPath('register', { id: found.session.id }), text: 'Back to the register' },
    });
  }

  app.get(TRAINING_ROUTES.evaluation, { config: { rule: 'signed-in', records: { id: 'training_booking' } } }, async (request, reply) => evaluationPage(request, reply));
  app.post(TRAINING_ROUTES.evaluation, { config: { rule: 'signed-in', records: { id: 'training_booking' } } }, async (request, reply) => {
    const form = parseForm(evaluationForm, request.body);
    if (!form.ok) return evaluationPage(request, reply, form.values, form.errors, 400);
    const user = requireUser(request);
    const result = await training.recordEvaluation({ ...userActor(request), permissions: user.permissions }, idParam(request), form.value);
    const body = (request.body ?? {}) as Values;
    if ('notFound' in result) throw notFound();
    if ('problems' in result) return evaluationPage(request, reply, body, errorsFrom(result.problems, body), 400);
    return reply.redirect(user.permissions.has('training:manage') ? sessionPath(result.id, { done: 'evaluation' }) : trainingPath('ourBookings', {}, { done: 'evaluation' }), 303);
  });

  // ——— the training needs analysis ———

  async function needsPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const user = seesTraining(request);
    const raw = queryString(request, 'year', 4);
    const thisYear = trainingYearOf(londonDate(training.now()));
    const posted = typeof values.year === 'string' && /^\d{4}$/.test(values.year) ? Number(values.year) : null;
    const year = posted ?? (/^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : thisYear);
    const found = await training.needs(user, year);
    return reply.code(status).view('training/views/needs.njk', {
      pageTitle: `Training needs analysis ${trainingYearLabel(year)}`,
      year,
      yearLabel: trainingYearLabel(year),
      years: [year - 1, year, year + 1].map((y) => ({ text: trainingYearLabel(y), href: trainingPath('needs', {}, { year: y }), current: y === year })),
      lines: found.lines.map(needRow),
      gaps: found.gaps.map(gapRow),
      manages: user.permissions.has('training:manage'),
      agencyItems: [{ value: '', text: 'Choose an agency' }, ...found.agencies.map((a) => ({ value: a.code, text: a.label, selected: values.agencyId === a.code }))],
      themeItems: [{ value: '', text: 'Choose a theme' }, ...TRAINING_THEMES.map((t) => ({ value: t.code, text: t.label, selected: values.theme === t.code }))],
      priorityItems: NEED_PRIORITIES.map((p) => ({ value: p.code, text: p.label, checked: values.priority === p.code })),
      values,
      errors,
      formAction: trainingPath('needs', {}, { year }),
      flash: doneMessage(queryString(request, 'done', 20)),
      backLink: { href: trainingPath('catalogue', {}), text: 'Partnership training' },
    });
  }

  app.get(TRAINING_ROUTES.needs, { config: { rule: 'signed-in' } }, async (request, reply) => needsPage(request, reply));
  app.post(TRAINING_ROUTES.needs, { config: { rule: 'training:manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const { agencies } = await training.needs(user, trainingYearOf(londonDate(training.now())));
    const form = parseForm(needForm(agencies), request.body);
    if (!form.ok) return needsPage(request, reply, form.values, form.errors, 400);
    const result = await training.addNeed(userActor(request), form.value);
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return needsPage(request, reply, body, errorsFrom(result.problems, body), 400);
    if ('notFound' in result) throw notFound();
    return reply.redirect(trainingPath('needs', {}, { year: form.value.year, done: 'need' }), 303);
  });

  // ——— the public 3-month impact questionnaire ———

  const limited = { rateLimit: { max: options.publicRateLimit, timeWindow: '1 minute' } };

  async function impactPage(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FormErrors, status = 200) {
    const token = String((request.params as { token?: unknown }).token ?? '');
    const { state, row } = await training.impactLink(token);
    if (state !== 'open' || !row) return impactClosed(reply, state === 'open' ? 'unknown' : state);
    return reply.code(status).view('training/views/impact.njk', {
      pageTitle: 'The impact of your training',
      course: row.course_title,
      on: row.starts_at,
      usedItems: IMPACT_USED.map((u) => ({ value: u.code, text: u.label, checked: values.used === u.code })),
      nowItems: scoreItems(values.confidenceNow),
      values,
      errors,
      formAction: trainingPath('impact', { token }),
    });
  }

  function impactClosed(reply: FastifyReply, state: 'answered' | 'expired' | 'unknown' | 'thanks') {
    const pages = {
      thanks: { status: 200, title: 'Thank you for your answers', body: 'Your answers have been sent to the safeguarding partnership’s training team. They help decide what training to offer next.' },
      answered: { status: 200, title: 'You have already answered', body: 'This questionnaire has already been answered, and each link can be used once. Thank you: there is nothing more to do.' },
      expired: { status: 410, title: 'This link has expired', body: 'Links to the impact questionnaire work for 60 days. Contact the safeguarding partnership’s training team if you would still like to tell us about the training.' },
      unknown: { status: 404, title: 'This link is not valid', body: 'Check that you copied the whole link from the email. Contact the safeguarding partnership’s training team if it still does not work.' },
    } as const;
    const p = pages[state];
    return reply.code(p.status).view('training/views/impact-closed.njk', { pageTitle: p.title, title: p.title, body: p.body });
  }

  app.get(TRAINING_ROUTES.impact, { config: { rule: 'public', ...limited } }, async (request, reply) => impactPage(request, reply));
  app.post(TRAINING_ROUTES.impact, { config: { rule: 'public', ...limited } }, async (request, reply) => {
    const token = String((request.params as { token?: unknown }).token ?? '');
    const { state } = await training.impactLink(token);
    if (state !== 'open') return impactClosed(reply, state);
    const form = parseForm(impactForm, request.body);
    if (!form.ok) return impactPage(request, reply, form.values, form.errors, 400);
    const result = await training.answerImpact(actorOf(request), token, { ...form.value, used: form.value.used as ImpactUsed });
    const body = (request.body ?? {}) as Values;
    if ('problems' in result) return impactPage(request, reply, body, errorsFrom(result.problems, body), 400);
    if ('state' in result) return impactClosed(reply, result.state);
    return impactClosed(reply, 'thanks');
  });
}

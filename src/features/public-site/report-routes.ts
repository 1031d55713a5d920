/**
 * Report a concern: GOV.UK question pages, one question a page, that work with JavaScript off. Each form POSTs
 * (with the CSRF token) and is answered 303 → GET; the answers are kept between pages in a sealed draft whose key
 * is only in the reporter's cookie; the address keeps the page's language, so the switcher keeps the place and
 * the draft. Nothing personal goes in a log or an address. A report is acknowledged only after it is kept.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  canVisit,
  checkRows,
  currentPage,
  formValues,
  isQuestionPage,
  isReportPage,
  LIMITS,
  nextPage,
  parsePage,
  type FormFields,
  type PageError,
  previousPage,
  type QuestionPage,
  type ReportAbout,
  type ReportAnswers,
  type ReportPage,
  type RowValue,
} from '../../domain/public-report.js';
import { londonDate } from '../../domain/time.js';
import { HttpProblem } from '../../platform/errors.js';
import { PUBLIC_PREFIX, publicPath } from './paths.js';
import { type PublicRoutesContext } from './routes.js';
import { type OpenDraft } from './report-service.js';
import { DRAFT_COOKIE, languageOf, publicRouteOptions, renderPublic, samePageIn, within } from './site.js';
import { translator } from './i18n.js';

/** The largest form a report page accepts (the longest answer is 5,000 characters; each may be percent-encoded). */
export const REPORT_BODY_LIMIT = 64 * 1024;
/**
 * Reports one source may start in an hour, for each it may send: a person may start again a few times, but a machine
 * cannot fill the drafts table (each start is a row until it expires).
 */
export const STARTS_PER_REPORT = 5;
/** The honeypot's field name: a person never fills it in (it is hidden and says "Leave this blank"). */
export const HONEYPOT_FIELD = 'website';

const TEMPLATES: Record<ReportPage, string> = {
  danger: 'report-danger',
  'call-999': 'report-call-999',
  who: 'report-who',
  professional: 'report-professional',
  happening: 'report-happening',
  subject: 'report-subject',
  'about-you': 'report-about-you',
  contact: 'report-contact',
  check: 'report-check',
};

const view = (name: string) => `public-site/views/${name}.njk`;

type Params = { lang: string; page: string };
type Errors = { summary: { text: string; href: string }[]; fields: Record<string, { text: string }> };

/** A form's fields, each a string; null when a field came more than once or not as text (not our form). */
function fieldsOf(body: unknown): FormFields | null {
  if (!body || typeof body !== 'object') return {};
  const out: FormFields = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

function aboutOf(value: unknown): ReportAbout | null {
  return value === 'child' || value === 'adult' ? value : null;
}

export function registerReportRoutes(pub: FastifyInstance, ctx: PublicRoutesContext): void {
  const reports = ctx.site.reports;
  const options = { ...publicRouteOptions(ctx.config), bodyLimit: REPORT_BODY_LIMIT };
  const pagePath = (lang: string, page: ReportPage, fromCheck = false) => publicPath('reportPage', { lang, page }, fromCheck && page !== 'check' ? { from: 'check' } : undefined);
  const startPath = (lang: string, query?: Record<string, string>) => publicPath('reportStart', { lang }, query);
  // Per source (an IPv6 /64 counts as one), in memory, the least recently seen forgotten first (ADR 0015).
  const startLimit = pub.createRateLimit({ max: ctx.config.reportsPerSourcePerHour * STARTS_PER_REPORT, timeWindow: 3_600_000 });

  function errorsOf(lang: string, list: readonly PageError[]): Errors {
    const { t } = translator(lang);
    const errors: Errors = { summary: [], fields: {} };
    for (const e of list) {
      const text = t(e.key, e.params);
      errors.summary.push({ text, href: `#${e.field}` });
      errors.fields[e.field] ??= { text };
    }
    return errors;
  }

  function cookieOptions(request: FastifyRequest) {
    return { path: PUBLIC_PREFIX, httpOnly: true, sameSite: 'strict' as const, secure: ctx.site.options.secureCookies === true || request.protocol === 'https' };
  }

  /** Back to the start, saying plainly that the report was not kept (the cookie was missing, expired or not ours). */
  function startAgain(reply: FastifyReply, lang: string) {
    return reply.redirect(startPath(lang, { restart: 'yes' }), 303);
  }

  // ——— the start: who the worry is about, and the honeypot ———

  async function startPage(request: FastifyRequest, reply: FastifyReply, lang: string, data: { about: ReportAbout | null; restart?: boolean; errors?: Errors }, status = 200) {
    const about = data.about;
    return renderPublic(
      ctx,
      request,
      reply,
      view('report-start'),
      { about, restart: data.restart ?? false, errors: data.errors ?? { summary: [], fields: {} }, action: startPath(lang), honeypot: HONEYPOT_FIELD, backLink: publicPath('home', { lang }) },
      { pageKey: 'report.start', lang, status, samePageIn: samePageIn('reportStart', { lang }, { ...(about ? { about } : {}) }) },
    );
  }

  pub.get<{ Params: { lang: string }; Querystring: { about?: string; restart?: string } }>(within('reportStart'), options, async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    return startPage(request, reply, lang, { about: aboutOf(request.query.about), restart: request.query.restart === 'yes' });
  });

  pub.post<{ Params: { lang: string } }>(within('reportStart'), options, async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    const fields = fieldsOf(request.body);
    if (!fields || (fields[HONEYPOT_FIELD] ?? '') !== '') {
      request.log.info({ requestId: request.id, refused: fields ? 'honeypot' : 'form' }, 'public report not started');
      return renderPublic(ctx, request, reply, view('report-refused'), { reason: 'honeypot', startHref: startPath(lang) }, { pageKey: 'report.refused', lang, status: 400, samePageIn: samePageIn('reportStart', { lang }) });
    }
    const about = aboutOf(fields.about);
    if (!about) {
      const { t } = translator(lang);
      return startPage(request, reply, lang, { about: null, errors: { summary: [{ text: t('report.start.aboutRequired'), href: '#about' }], fields: { about: { text: t('report.start.aboutRequired') } } } }, 400);
    }
    const limit = await startLimit(request);
    if (!limit.isAllowed && limit.isExceeded) {
      request.log.warn({ requestId: request.id }, 'public report not started: too many started from one source');
      reply.header('retry-after', String(limit.ttlInSeconds));
      throw new HttpProblem(429, 'Too many reports started from one place; try again later.');
    }
    const area = await ctx.site.publicArea();
    if (!area) throw new Error('the public site has no area to report to');
    // A report started again: the one left unsent is deleted now rather than when it expires.
    const previous = request.cookies[DRAFT_COOKIE];
    if (previous) await ctx.site.discardDraft(previous);
    const cookie = await reports.start(area.id, about);
    reply.setCookie(DRAFT_COOKIE, cookie, cookieOptions(request));
    return reply.redirect(pagePath(lang, 'danger'), 303);
  });

  // ——— the question pages ———

  async function showPage(request: FastifyRequest, reply: FastifyReply, lang: string, page: ReportPage, answers: ReportAnswers, fromCheck: boolean, extra: { values?: FormFields; errors?: Errors } = {}, status = 200) {
    const back = previousPage(answers, page, fromCheck);
    const data: Record<string, unknown> = {
      about: answers.about,
      page,
      action: pagePath(lang, page, fromCheck),
      backLink: back ? pagePath(lang, back) : startPath(lang, { about: answers.about }),
      values: extra.values ?? (isQuestionPage(page) ? formValues(answers, page) : {}),
      errors: extra.errors ?? { summary: [], fields: {} },
      limits: LIMITS,
      startHref: startPath(lang, { about: answers.about }),
      whoHref: pagePath(lang, 'who', fromCheck),
    };
    if (page === 'call-999') data.continueHref = pagePath(lang, nextPage(answers, 'call-999', fromCheck), fromCheck);
    if (page === 'check') data.rows = checkRowsFor(lang, answers);
    return renderPublic(ctx, request, reply, view(TEMPLATES[page]), data, {
      pageKey: `report.${page}`,
      lang,
      status,
      samePageIn: samePageIn('reportPage', { lang, page }, fromCheck && page !== 'check' ? { from: 'check' } : undefined),
    });
  }

  /** The check page's rows: labels and fixed answers translated, the reporter's own words as written. */
  function checkRowsFor(lang: string, answers: ReportAnswers) {
    const { t } = translator(lang);
    const resolve = (v: RowValue): string[] => ('text' in v ? [v.text] : 'key' in v ? [t(v.key, v.params)] : v.lines.flatMap(resolve));
    return checkRows(answers).map((r) => ({
      key: t(r.key),
      lines: resolve(r.value),
      href: r.page ? pagePath(lang, r.page, true) : null,
      hidden: t(r.key).toLowerCase(),
    }));
  }

  async function draftFor(request: FastifyRequest): Promise<OpenDraft | null> {
    return reports.open(request.cookies[DRAFT_COOKIE]);
  }

  pub.get<{ Params: Params; Querystring: { from?: string } }>(within('reportPage'), options, async (request, reply) => {
    const lang = languageOf(request);
    const page = request.params.page;
    if (!lang || !isReportPage(page)) return reply.callNotFound();
    const draft = await draftFor(request);
    if (!draft) return startAgain(reply, lang);
    if (!canVisit(draft.answers, page)) return reply.redirect(pagePath(lang, currentPage(draft.answers)), 303);
    return showPage(request, reply, lang, page, draft.answers, request.query.from === 'check');
  });

  pub.post<{ Params: Params; Querystring: { from?: string } }>(within('reportPage'), options, async (request, reply) => {
    const lang = languageOf(request);
    const page = request.params.page;
    if (!lang || !isReportPage(page) || !(isQuestionPage(page) || page === 'check')) return reply.callNotFound();
    const fromCheck = request.query.from === 'check';
    const draft = await draftFor(request);
    if (!draft) {
      // Sent already (a second press of "Send report", or the back button): the same confirmation, nothing new.
      if (page === 'check' && (await reports.sentReport(request.cookies[DRAFT_COOKIE]))) return reply.redirect(publicPath('reportSent', { lang }), 303);
      return startAgain(reply, lang);
    }
    if (!canVisit(draft.answers, page)) return reply.redirect(pagePath(lang, currentPage(draft.answers)), 303);
    const fields = fieldsOf(request.body);
    if (!fields) {
      const { t } = translator(lang);
      return showPage(request, reply, lang, page, draft.answers, fromCheck, { errors: { summary: [{ text: t('report.errors.form'), href: '#main-content' }], fields: {} } }, 400);
    }
    if (page === 'check') return send(request, reply, lang, draft);
    return answer(request, reply, lang, page, draft, fields, fromCheck);
  });

  async function answer(request: FastifyRequest, reply: FastifyReply, lang: string, page: QuestionPage, draft: OpenDraft, fields: FormFields, fromCheck: boolean) {
    const parsed = parsePage(page, draft.answers.about, fields, londonDate(ctx.site.now()));
    if (!parsed.ok) return showPage(request, reply, lang, page, draft.answers, fromCheck, { values: fields, errors: errorsOf(lang, parsed.errors) }, 400);
    const answers: ReportAnswers = { ...draft.answers, ...parsed.value };
    await reports.save(draft, answers);
    const next = nextPage(answers, page, fromCheck);
    return reply.redirect(pagePath(lang, next, fromCheck), 303);
  }

  async function send(request: FastifyRequest, reply: FastifyReply, lang: string, draft: OpenDraft) {
    const result = await reports.send(draft, lang, { address: request.ip, requestId: request.id });
    switch (result.outcome) {
      case 'sent':
      case 'already_sent':
        request.log.info({ requestId: request.id, outcome: result.outcome }, 'public report received');
        return reply.redirect(publicPath('reportSent', { lang }), 303);
      case 'too_soon':
        request.log.info({ requestId: request.id }, 'public report refused: sent too soon after it was started');
        return renderPublic(ctx, request, reply, view('report-refused'), { reason: 'tooSoon', checkHref: pagePath(lang, 'check') }, { pageKey: 'report.refused', lang, status: 400, samePageIn: samePageIn('reportPage', { lang, page: 'check' }) });
      case 'busy':
        request.log.warn({ requestId: request.id }, 'public report refused: too many reports');
        reply.header('retry-after', '3600');
        return renderPublic(ctx, request, reply, view('report-refused'), { reason: 'busy', startHref: startPath(lang) }, { pageKey: 'report.busy', lang, status: 429, samePageIn: samePageIn('reportPage', { lang, page: 'check' }) });
    }
  }

  // ——— the confirmation, shown only once the report is kept ———

  pub.get<{ Params: { lang: string } }>(within('reportSent'), options, async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    const cookie = request.cookies[DRAFT_COOKIE];
    const sent = await reports.sentReport(cookie);
    if (!sent) {
      const draft = await draftFor(request);
      return draft ? reply.redirect(pagePath(lang, currentPage(draft.answers)), 303) : startAgain(reply, lang);
    }
    return renderPublic(
      ctx,
      request,
      reply,
      view('report-sent'),
      { reference: sent.reference, emailed: sent.emailed, nextHref: publicPath('whatHappensNext', { lang }), startHref: publicPath('home', { lang }) },
      { pageKey: 'report.sent', lang, samePageIn: samePageIn('reportSent', { lang }) },
    );
  });
}

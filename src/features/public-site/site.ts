/**
 * The public site's frame: every route under `/help` (one encapsulated plugin with its own error pages), a page in
 * the visitor's language with "Exit this page", the language switcher and no sign-in; pages rendered once and kept
 * (they hold no one's data), views counted without personal data, a bounded rate per source, and an unreachable
 * database answered with the 999 and phone numbers page. With PUBLIC_HOST set, that host serves the public site
 * and nothing else.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteShorthandOptions } from 'fastify';
import { type PublicSiteConfig } from '../../config.js';
import { type PathParams } from '../../platform/paths.js';
import { isPublicPath, PUBLIC_PREFIX, PUBLIC_ROUTES, publicPath, type PublicRoute } from './paths.js';
import { LANGUAGES, language, translator, type Translator } from './i18n.js';
import { type PublicArea, type PublicSiteService } from './service.js';

export const DRAFT_COOKIE = 'threshold_report';

/** What every public page's template is given. */
export interface PublicLocals {
  tr: Translator;
  t: Translator['t'];
  paragraphs: Translator['paragraphs'];
  lang: string;
  dir: 'ltr' | 'rtl';
  area: PublicArea | null;
  phones: { children: string; adults: string; outOfHours: string };
  exitHref: string;
  homeHref: string;
  switcher: { text: string; href?: string; lang: string; dir: string; current?: boolean }[];
  translationNotice: boolean;
  pageKey: string;
}

export interface PublicContext {
  config: PublicSiteConfig;
  site: PublicSiteService;
  /** The app, for rendering a template to a string (`app.view`). */
  app: FastifyInstance;
}

/** The public page's locals for a language and the page's route (the switcher links to the same page in each language). */
export function publicLocals(ctx: PublicContext, lang: string, pageKey: string, area: PublicArea | null, samePageIn: (code: string) => string): PublicLocals {
  const tr = translator(lang);
  return {
    tr,
    t: tr.t,
    paragraphs: tr.paragraphs,
    lang: tr.lang.code,
    dir: tr.lang.dir,
    area,
    phones: { children: ctx.config.childrenPhone, adults: ctx.config.adultsPhone, outOfHours: ctx.config.outOfHoursPhone },
    exitHref: PUBLIC_ROUTES.exit,
    homeHref: publicPath('home', { lang: tr.lang.code }),
    switcher: LANGUAGES.map((l) => (l.code === tr.lang.code ? { text: l.endonym, lang: l.code, dir: l.dir, current: true } : { text: l.endonym, href: samePageIn(l.code), lang: l.code, dir: l.dir })),
    translationNotice: tr.status.status === 'awaiting_review',
    pageKey,
  };
}

/** The language a request's path names, when it names a supported one. */
export function languageOf(request: FastifyRequest): string | null {
  const code = ((request.params ?? {}) as { lang?: string }).lang ?? request.url.split('?')[0]!.split('/')[2];
  return code && language(code) ? code : null;
}

/** The supported language a browser prefers (Accept-Language), else English. */
export function preferredLanguage(acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return 'en';
  const wanted = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = Number(rest.find((r) => r.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { code: (tag ?? '').toLowerCase().split('-')[0]!, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return wanted.find((w) => language(w.code))?.code ?? 'en';
}

// ——— rendered pages kept ———

const CACHE_LIMIT = 500;
const CACHE_MS = 60_000;

/**
 * Pages that hold nobody's data (the home page, signs of abuse, the directory for a filter) are rendered once per
 * language and kept for a minute or until the content they show changes (`version`), so a busy day answers
 * from memory. Pages with a form or a reporter's answers are never kept.
 */
export class RenderedPages {
  private pages = new Map<string, { html: string; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Pages kept at most (the least recently used is dropped first). */
    private readonly limit = CACHE_LIMIT,
  ) {}

  get(key: string): string | undefined {
    const hit = this.pages.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > CACHE_MS) {
      this.pages.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.pages.delete(key);
    this.pages.set(key, hit);
    return hit.html;
  }

  set(key: string, html: string): void {
    if (this.pages.size >= this.limit) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { html, at: this.now() });
  }

  clear(): void {
    this.pages.clear();
  }
}

/** Headers for every public page: nothing kept in the browser's cache, no referrer sent on to another site. */
export function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store, max-age=0').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
}

export interface PublicPageOptions {
  /** The page key counted in `public_page_count` (e.g. "home", "signs.children.neglect"). */
  pageKey: string;
  /** Set when the page holds nobody's data: the rendered page is kept under this key (with the language). */
  cacheKey?: string;
}

/**
 * Renders a public page in the request's language: counts the view, fills the frame's locals and, for a page that
 * holds nobody's data, answers from the kept copy.
 */
export async function renderPublic(
  ctx: PublicContext & { rendered: RenderedPages },
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  /** The page's data, or a function giving it: called only when the page is not kept (a kept page needs none). */
  data: Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>),
  options: PublicPageOptions & { lang: string; samePageIn: (code: string) => string; status?: number },
): Promise<FastifyReply> {
  const area = await ctx.site.publicArea();
  if (area) ctx.site.countView(area.id, options.pageKey, options.lang);
  privateHeaders(reply).code(options.status ?? 200).type('text/html; charset=utf-8');
  const key = options.cacheKey !== undefined ? `${template}\u0000${options.lang}\u0000${options.cacheKey}` : null;
  const kept = key ? ctx.rendered.get(key) : undefined;
  if (kept) return reply.send(kept);
  const values = typeof data === 'function' ? await data() : data;
  const html = await ctx.app.view(template, { ...publicLocals(ctx, options.lang, options.pageKey, area, options.samePageIn), ...values, ...(key ? {} : { csrfToken: reply.locals?.csrfToken }) });
  if (key) ctx.rendered.set(key, html);
  return reply.send(html);
}

/** Route options for a public page: no sign-in (the rate per source is the site's, `SourceWindows`, counted across its pages). */
export function publicRouteOptions(_config: PublicSiteConfig, extra: RouteShorthandOptions['config'] = {}): RouteShorthandOptions {
  return { config: { rule: 'public', ...extra } };
}

/**
 * Requests per source in a fixed one-minute window, across every public page (a limit kept per route would let one
 * source make the limit's number of requests on each page). Bounded: past `limit` sources the oldest window is
 * forgotten. Sources are keys from `sourceKey` (an IPv6 /64 is one source); nothing is kept beyond the minute.
 */
export class SourceWindows {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly limit = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; the seconds to wait when the source is over its limit, else 0. */
  take(source: string): number {
    const at = this.now();
    let w = this.windows.get(source);
    if (!w || at - w.start >= this.windowMs) {
      if (w) this.windows.delete(source);
      else if (this.windows.size >= this.limit) this.windows.delete(this.windows.keys().next().value!);
      w = { start: at, count: 0 };
      this.windows.set(source, w);
    }
    w.count += 1;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - at) / 1000)) : 0;
  }

  get size(): number {
    return this.windows.size;
  }
}

/** The public routes whose only parameter is the language (pages that are the same for everyone in a language). */
export type LanguagePageRoute = 'home' | 'coveringTracks' | 'signs' | 'whatHappensNext' | 'whatHappensNextEasyRead';

/**
 * A page that holds nobody's data and is the same for everyone reading it in one language: rendered once per language
 * and kept, counted under `pageKey`; an unknown language is the public 404. `data` is made from the language, on a miss.
 */
export function languagePage(
  pub: FastifyInstance,
  ctx: PublicContext & { rendered: RenderedPages },
  route: LanguagePageRoute,
  template: string,
  pageKey: string,
  data: (lang: string) => Record<string, unknown> = () => ({}),
): void {
  pub.get<{ Params: { lang: string } }>(within(route), publicRouteOptions(ctx.config), async (request, reply) => {
    const lang = languageOf(request);
    if (!lang) return reply.callNotFound();
    return renderPublic(ctx, request, reply, template, () => data(lang), { pageKey, cacheKey: '', lang, samePageIn: samePageIn(route, { lang }) });
  });
}

/** A route's path inside the `/help` plugin (registered with that prefix). */
export function within(route: PublicRoute): string {
  const full = PUBLIC_ROUTES[route];
  return full === PUBLIC_PREFIX ? '/' : full.slice(PUBLIC_PREFIX.length);
}

/** The same page in another language: the request's route with `lang` replaced. */
export function samePageIn<R extends PublicRoute>(route: R, params: PathParams<(typeof PUBLIC_ROUTES)[R]>, query?: Record<string, string>) {
  return (code: string) => publicPath(route, { ...params, lang: code } as PathParams<(typeof PUBLIC_ROUTES)[R]>, query);
}

/** Whether an error means the database could not be reached (connection refused, closed, timed out). */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|57P0[1-3]|08\d{3}|53300)$/.test(e.code)) return true;
  return /closed|terminat|connect|timeout|PGlite is closed/i.test(e.message ?? '');
}

export { isPublicPath };

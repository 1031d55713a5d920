/**
 * The public site's routes: one encapsulated plugin under `/help` with its own error pages (in the visitor's
 * language, with the 999 and phone numbers when a report cannot be taken), the home page, covering your tracks and
 * "Exit this page". Report a concern (report-routes.ts), Find help (find-help-routes.ts) and the awareness pages
 * (awareness-routes.ts) register inside the same plugin.
 */
import { type FastifyInstance, type FastifyError, type FastifyReply } from 'fastify';
import { type PublicSiteConfig } from '../../config.js';
import { HttpProblem } from '../../platform/errors.js';
import { type PublicContentService } from '../public-content/service.js';
import { PUBLIC_PREFIX, PUBLIC_ROUTES, publicPath } from './paths.js';
import { registerReportRoutes } from './report-routes.js';
import { registerFindHelpRoutes } from './find-help-routes.js';
import { registerAwarenessRoutes } from './awareness-routes.js';
import { sourceKey } from './report-limits.js';
import { type PublicSiteService } from './service.js';
import {
  DRAFT_COOKIE,
  isPublicPath,
  isUnavailable,
  languagePage,
  languageOf,
  preferredLanguage,
  privateHeaders,
  publicLocals,
  publicRouteOptions,
  RenderedPages,
  SourceWindows,
  within,
  type PublicContext,
} from './site.js';

export interface PublicSiteDeps {
  publicSite: PublicSiteService;
  publicContent: PublicContentService;
}

export type PublicRoutesContext = PublicContext & { rendered: RenderedPages; deps: PublicSiteDeps };

/**
 * With PUBLIC_HOST set, that host serves the public site, its assets and the health checks, and nothing else: every
 * other path answers 404 before sessions or route rules are looked at. Registered first, before authorisation.
 */
export function registerPublicHost(app: FastifyInstance, config: PublicSiteConfig): void {
  if (!config.host) return;
  const publicHost = hostName(config.host);
  app.addHook('onRequest', async (request, reply) => {
    // Any name the request goes by (the Host header, each forwarded host, what Fastify believes): a visitor can add
    // a name (an X-Forwarded-Host a proxy passes on) but not take the public host's away, so this fails closed.
    const forwarded = request.headers['x-forwarded-host'];
    const names = [request.hostname, request.headers.host ?? '', ...(Array.isArray(forwarded) ? forwarded : [forwarded ?? '']).flatMap((f) => f.split(','))];
    if (!names.some((name) => hostName(name) === publicHost)) return;
    const path = request.url.split('?')[0]!;
    if (path === '/') return privateHeaders(reply).redirect(PUBLIC_PREFIX, 303);
    if (isPublicPath(path) || path.startsWith('/assets/') || path.startsWith('/public/') || path === '/health' || path.startsWith('/health/')) return;
    return privateHeaders(reply).code(404).type('text/plain; charset=utf-8').send('Not found');
  });
}

/**
 * A host name as the browser meant it: any case, without a port and without the trailing dot of a fully qualified
 * name ("HELP.example.:443" is "help.example"), so the public host cannot be written another way to reach the rest.
 */
export function hostName(host: string): string {
  const name = host.trim().toLowerCase();
  const bare = name.startsWith('[') ? name.slice(0, name.indexOf(']') + 1) : name.split(':')[0]!;
  return bare.replace(/\.+$/, '');
}

export async function registerPublicSite(app: FastifyInstance, deps: PublicSiteDeps, config: PublicSiteConfig): Promise<void> {
  const rendered = new RenderedPages();
  const ctx: PublicRoutesContext = { config, site: deps.publicSite, app, rendered, deps };
  deps.publicContent.onChange(() => rendered.clear());

  const leave = (reply: FastifyReply) => {
    reply.clearCookie(DRAFT_COOKIE, { path: PUBLIC_PREFIX });
    return privateHeaders(reply).header('clear-site-data', '"cache"').redirect(config.exitUrl, 303);
  };

  await app.register(
    async (pub) => {
      // One limit per source across the whole site ("Exit this page" is never limited: leaving must always work).
      const windows = new SourceWindows(config.pagesPerSourcePerMinute);
      pub.addHook('onRequest', async (request, reply) => {
        if (request.routeOptions.url === PUBLIC_ROUTES.exit) return;
        const wait = windows.take(sourceKey(request.ip));
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw Object.assign(new Error('Too many requests from this source'), { statusCode: 429 });
        }
      });
      pub.setErrorHandler(async (error: FastifyError, request, reply) => {
        // "Exit this page" always leaves, past the rate limit too: the draft is left to expire, the cookie forgotten.
        if (request.routeOptions.url === PUBLIC_ROUTES.exit) return leave(reply);
        const lang = languageOf(request) ?? 'en';
        // A refusal of the input (a problem the input-safety hook raises, a body too large) is the visitor's; anything
        // else, the database unreachable among it, is ours: the page says so and gives the numbers to call.
        const given = error.statusCode ?? (error instanceof HttpProblem ? error.status : undefined);
        const status = given === 429 ? 429 : given && given >= 400 && given < 500 ? given : 503;
        if (status === 503) request.log.error({ err: error, requestId: request.id, unavailable: isUnavailable(error) }, 'public page failed');
        else request.log.info({ status, requestId: request.id }, 'public request refused');
        const template = status === 429 ? 'public-site/views/busy.njk' : status === 503 ? 'public-site/views/unavailable.njk' : status === 404 ? 'public-site/views/not-found.njk' : 'public-site/views/bad-request.njk';
        if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
        // No database here: the frame is drawn from configuration only.
        const html = await app.view(template, publicLocals(ctx, lang, `error.${status}`, null, (code) => publicPath('home', { lang: code })));
        return privateHeaders(reply).code(status).type('text/html; charset=utf-8').send(html);
      });
      // Unknown addresses count against the same per-source limit as the pages (the hook above).
      pub.setNotFoundHandler(async (request, reply) => {
        const lang = languageOf(request) ?? 'en';
        const html = await app.view('public-site/views/not-found.njk', publicLocals(ctx, lang, 'error.404', null, (code) => publicPath('home', { lang: code })));
        return privateHeaders(reply).code(404).type('text/html; charset=utf-8').send(html);
      });

      pub.get(within('root'), publicRouteOptions(config), async (request, reply) => privateHeaders(reply).redirect(publicPath('home', { lang: preferredLanguage(request.headers['accept-language']) }), 303));

      // "Exit this page": the reporter's draft is deleted, the site's cookies and cache cleared, and the browser sent to a neutral page.
      pub.get(within('exit'), publicRouteOptions(config), async (request, reply) => {
        const draft = request.cookies[DRAFT_COOKIE];
        if (draft) await deps.publicSite.discardDraft(draft).catch((err: unknown) => request.log.warn({ err }, 'draft not discarded on exit'));
        return leave(reply);
      });

      languagePage(pub, ctx, 'home', 'public-site/views/home.njk', 'home');
      languagePage(pub, ctx, 'coveringTracks', 'public-site/views/covering-tracks.njk', 'covering-tracks');

      registerReportRoutes(pub, ctx);
      registerFindHelpRoutes(pub, ctx);
      registerAwarenessRoutes(pub, ctx);
    },
    { prefix: PUBLIC_PREFIX },
  );
}

export { PUBLIC_ROUTES };

/**
 * Static assets: GOV.UK Frontend's, MOJ Frontend's, the Arabic font and our own. The pages link each stylesheet,
 * script and icon by a versioned address (`/public/app.css?v=<hash of its contents>`), which browsers keep for a
 * year: a new release changes the address of every file it changes, so nobody is served last week's stylesheet with
 * this week's pages, and nobody downloads an unchanged one again. Addresses without the current version (a module's
 * own imports, an old page) are revalidated on every use; fonts and images, named by GOV.UK Frontend, are kept a day.
 * With RELOAD_TEMPLATES (someone editing templates and assets) nothing is kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type FastifyInstance, type RouteOptions } from 'fastify';
import { GOVUK_DIST, MOJ_DIR, SRC_DIR } from './views.js';

const require = createRequire(import.meta.url);

/** Served from a single file each: the frameworks' compiled CSS and JavaScript. */
const VENDOR: Record<string, string> = {
  '/assets/vendor/govuk-frontend.min.css': join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'),
  '/assets/vendor/govuk-frontend.min.js': join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'),
  '/assets/vendor/moj-frontend.min.css': join(MOJ_DIR, 'moj', 'moj-frontend.min.css'),
  '/assets/vendor/moj-frontend.min.js': join(MOJ_DIR, 'moj', 'moj-frontend.min.js'),
};
const PUBLIC_DIR = join(SRC_DIR, 'public');

export const YEAR_SECONDS = 365 * 86_400;

/** The files the pages link, by address: the vendor files and everything in src/public. */
function linkedFiles(): Map<string, string> {
  const files = new Map(Object.entries(VENDOR));
  for (const name of readdirSync(PUBLIC_DIR)) files.set(`/public/${name}`, join(PUBLIC_DIR, name));
  return files;
}

let versions: Map<string, string> | undefined;

/** Each linked file's version: the first 12 hex digits of the SHA-256 of its contents, read once. */
export function assetVersions(): Map<string, string> {
  versions ??= new Map([...linkedFiles()].map(([url, file]) => [url, createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)]));
  return versions;
}

/** The address a page links a file by: with its version when it is one of the linked files. */
export function assetUrl(path: string): string {
  const version = assetVersions().get(path);
  return version ? `${path}?v=${version}` : path;
}

/**
 * The Cache-Control of an asset's response: a year for the current version's address, a day for GOV.UK Frontend's
 * fonts and images, otherwise revalidate (the ETag answers 304 when it is unchanged); nothing kept when reloading.
 */
export function assetCacheControl(path: string, version: string | undefined, options: { reload: boolean }): string {
  if (options.reload) return 'no-cache';
  if (version !== undefined && version === assetVersions().get(path)) return `public, max-age=${YEAR_SECONDS}, immutable`;
  if (/^\/assets\/(fonts|images|rebrand)\//.test(path)) return 'public, max-age=86400';
  return 'no-cache';
}

/** Serves the assets, public and with the Cache-Control above. `reload`: RELOAD_TEMPLATES. */
export async function registerAssets(app: FastifyInstance, options: { reload: boolean }): Promise<void> {
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route: RouteOptions) => {
      route.config = { ...(route.config ?? {}), rule: 'public' };
    });
    assets.addHook('onSend', async (request, reply, payload) => {
      const [path = '', query = ''] = request.url.split('?', 2);
      const version = new URLSearchParams(query).get('v') ?? undefined;
      reply.header('cache-control', assetCacheControl(path, version, options));
      return payload;
    });
    const served = { index: false, cacheControl: false } as const;
    await assets.register(fastifyStatic, {
      root: [join(GOVUK_DIST, 'govuk', 'assets'), join(MOJ_DIR, 'moj', 'assets')],
      prefix: '/assets/',
      ...served,
    });
    // Noto Naskh Arabic (SIL Open Font License), self-hosted: Arabic and Urdu text reads on devices without such a
    // font; browsers fetch it only for text in its Unicode range.
    await assets.register(fastifyStatic, {
      root: join(dirname(require.resolve('@fontsource/noto-naskh-arabic/package.json')), 'files'),
      prefix: '/assets/fonts/noto-naskh-arabic/',
      ...served,
      decorateReply: false,
      allowedPath: (path) => /^\/noto-naskh-arabic-arabic-(400|700)-normal\.woff2$/.test(path),
    });
    await assets.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/public/', ...served, decorateReply: false });
    for (const [url, file] of Object.entries(VENDOR)) assets.get(url, (_request, reply) => reply.sendFile(basename(file), dirname(file), { cacheControl: false }));
  });
}

/**
 * Security headers (helmet) with a per-response CSP nonce, and the CSRF token on every form (assets: assets.ts).
 */
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { deriveKey } from './crypto.js';
import { isApiRequest } from './errors.js';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        manifestSrc: ["'self'"],
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true, preload: false },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (!request.url.startsWith('/assets/') && !request.url.startsWith('/public/')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}

export const CSRF_COOKIE = 'threshold_csrf';

export async function registerCsrf(app: FastifyInstance, secret: string): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true },
    csrfOpts: { hmacKey: deriveKey(secret, 'csrf') },
    getUserInfo: (request: FastifyRequest) => request.session?.idHash ?? 'anonymous',
    // Forms send the token as a field; a file upload (multipart) carries it as a part with a value.
    getToken: (request: FastifyRequest) => {
      const field = (request.body as Record<string, unknown> | undefined)?._csrf;
      const value = typeof field === 'object' && field !== null ? (field as { value?: unknown }).value : field;
      return typeof value === 'string' ? value : undefined;
    },
  });
  // Every state-changing browser request carries the token; the agency API authenticates by credentials instead.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || isApiRequest(request) || request.is404) return done();
    if (request.routeOptions.config?.rule === undefined) return done();
    app.csrfProtection(request, reply, done);
  });
}

/**
 * The token for forms on this page (sets the secret cookie the first time). The cookie is `Secure` whenever the
 * request arrived over TLS, directly or through a trusted proxy, like the session cookie.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: request.session?.idHash ?? 'anonymous', secure: request.protocol === 'https' } as never);
}

/** Longest return path kept; a longer one is replaced by the home page. */
export const MAX_RETURN_PATH = 2000;

/** Any whitespace (tab, newline, no-break and other Unicode spaces), C0 and C1 controls, or a backslash. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_IN_PATH = /[\s\u0000-\u001f\u007f-\u009f\\]/;

/** A same-origin path: one leading slash, then neither another slash nor a backslash. */
function looksSameOrigin(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !UNSAFE_IN_PATH.test(path);
}

/**
 * Where to send the browser after signing in, breaking the glass and the like: a same-origin path, or `/`.
 *
 * Browsers ignore tabs and newlines in a URL and read a backslash as a slash, so `/\t/evil.example` or
 * `/\\evil.example` in a Location header lead to another site. Only a path with a single leading `/`, no `//` or
 * `/\\` after it, no whitespace, control characters or backslashes, and at most `MAX_RETURN_PATH` characters is
 * kept; its path part is checked again once percent-decoded (`/%2F/evil.example`, `/%5Cevil`, `/%09/…`), and
 * malformed percent-encoding is refused. Anything else becomes `/`.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_PATH) return '/';
  if (!looksSameOrigin(value)) return '/';
  const path = value.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return '/';
  }
  if (!looksSameOrigin(decoded)) return '/';
  return value;
}

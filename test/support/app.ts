/**
 * A test app over a fresh database, and a small browser-like client for `app.inject`: it keeps cookies, reads
 * the CSRF token from the last page, and signs in demo users without paying for argon2 on every test.
 */
import { eq } from 'drizzle-orm';
import { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { type DbHandle } from '../../src/db/client.js';
import { DEMO_EMAIL_DOMAIN } from '../../src/db/seed/demo.js';
import { appUser } from '../../src/db/schema/index.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { createTestDatabase } from './db.js';
import { AuditSealer } from '../../src/platform/audit-sealer.js';
import { type Services, createServices } from '../../src/services.js';

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle;
  config: Config;
  close(): Promise<void>;
  client(): TestClient;
  /** A client signed in as a demo user (e.g. "screener", "manager", "police"). */
  as(user: string): Promise<TestClient>;
  userId(user: string): Promise<string>;
  /** Seals the audit events written so far, as the server's sealer does shortly after they are written. */
  seal(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'true', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000', ...overrides });
}

export interface TestAppOptions {
  env?: Record<string, string>;
  now?: () => Date;
  extend?: (app: FastifyInstance) => void;
  /** Replaces services before the app is built around them: `(real) => ({ ...real, apiClients: stub<ApiClientService>({ … }) })`. */
  services?: (real: Services) => Services;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(options.env);
  const now = options.now ?? (() => new Date());
  const real = createServices(config, db, now);
  const app = await buildApp(options.services ? options.services(real) : real, { config, db, now });
  options.extend?.(app);
  await app.ready();
  const t: TestApp = {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.close();
    },
    client: () => new TestClient(app),
    seal: async () => {
      await new AuditSealer(db.db, config.auditCheckpointKey).sealNow();
    },
    userId: async (user) => {
      const [row] = await db.db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, `${user}@${DEMO_EMAIL_DOMAIN}`));
      if (!row) throw new Error(`no demo user ${user}`);
      return row.id;
    },
    as: async (user) => {
      const id = await t.userId(user);
      const [row] = await db.db.select({ tenantId: appUser.tenantId }).from(appUser).where(eq(appUser.id, id));
      const token = await app.services.sessions.create(db.db, { userId: id, tenantId: row!.tenantId, stage: 'active', method: 'test' });
      const client = new TestClient(app);
      client.cookies.set(SESSION_COOKIE, token);
      return client;
    },
  };
  return t;
}

/**
 * A stub for a service: the methods a test gives (type-checked against the real service's), and an error naming
 * any other member a route reaches for, so a test shows exactly what its route calls.
 */
export function stub<T extends object>(methods: Partial<T>): T {
  return new Proxy(methods, {
    get(target, name) {
      if (name in target) return (target as Record<string | symbol, unknown>)[name];
      // Probes that are not calls (is it a promise? how does it print?) find nothing, as on a plain object.
      if (typeof name === 'symbol' || name === 'then' || name === 'toJSON') return undefined;
      throw new Error(`the stub has no ${name}: the code under test uses more of the service than the test expected`);
    },
  }) as T;
}

type Form = Record<string, string | string[] | undefined>;

export function encodeForm(form: Form): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/** A signed-in page that carries a CSRF token and reads nothing else. */
const TOKEN_PAGE = '/accessibility';

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /**
   * Posts a form with the CSRF token (fetching a page first if there is none yet: a light page whose layout holds
   * the sign-out form, not the home page, whose panels read every capability and may refresh the measures).
   */
  async post(url: string, form: Form = {}, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get(TOKEN_PAGE);
    const body = encodeForm({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(res);
    return res;
  }

  /** Posts a file upload form (multipart) with the CSRF token. */
  async upload(url: string, fields: Record<string, string>, file: { field: string; name: string; content: string | Buffer; type?: string }): Promise<LightMyRequestResponse> {
    if (!this.csrf) await this.get(TOKEN_PAGE);
    const boundary = `----threshold-test-${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: this.csrf ?? '', ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    this.remember(res);
    return res;
  }

  async raw(options: { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: string | Buffer | object; headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ ...options, headers: { cookie: this.cookieHeader(), ...(options.headers ?? {}) } });
    this.remember(res);
    return res;
  }
}

/** The path a 303 points to. */
export function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}

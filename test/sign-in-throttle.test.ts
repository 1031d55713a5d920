/**
 * Sign-in throttling: failures slow an attacker by account and source with growing delays, unknown and known
 * accounts answer alike, nobody can lock an officer out, and the counters live in the database.
 */
import { sql } from 'drizzle-orm';
import { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, buildApp } from '../src/app.js';
import { rows } from '../src/db/client.js';
import { createServices } from '../src/services.js';
import { sourceAddress } from '../src/features/accounts/throttle.js';
import { deriveKey, encrypt } from '../src/platform/crypto.js';
import { CSRF_COOKIE } from '../src/platform/security.js';
import { SESSION_COOKIE } from '../src/platform/sessions.js';
import { currentTotp, newTotpSecret } from '../src/platform/totp.js';
import { type TestApp, createTestApp, encodeForm, testConfig } from './support/app.js';

const DEVICE_COOKIE = 'threshold_device';
const THROTTLE_ENV = {
  SIGN_IN_FREE_ATTEMPTS: '3',
  SIGN_IN_SOURCE_FREE_ATTEMPTS: '6',
  SIGN_IN_ACCOUNT_FREE_ATTEMPTS: '6',
  SIGN_IN_BASE_DELAY_SECONDS: '1',
  SIGN_IN_MAX_DELAY_SECONDS: '8',
  SIGN_IN_THROTTLE_WINDOW_MINUTES: '60',
};

let t: TestApp;
let clock = Date.parse('2026-03-02T10:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  t = await createTestApp({ now, env: THROTTLE_ENV });
});
afterAll(async () => t.close());

const email = (u: string) => `${u}@demo.threshold.test`;

/** A browser at one address: keeps its cookies and the last page's CSRF token. */
class Browser {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    readonly address: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1];
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader(), ...this.headers } }));
  }

  async post(url: string, form: Record<string, string>) {
    if (!this.csrf) await this.get('/sign-in');
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        payload: encodeForm({ _csrf: this.csrf, ...form }),
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...this.headers },
      }),
    );
  }

  signIn(address: string, password: string, returnTo = '/') {
    return this.post('/sign-in', { email: address, password, returnTo });
  }

  /** Forgets the session (as signing out would) but keeps the known-device cookie. */
  dropSession() {
    this.cookies.delete(SESSION_COOKIE);
  }
}

/** The error message in the page's error summary. */
function errorOf(res: LightMyRequestResponse): string {
  return /<a href="#email">([^<]+)<\/a>/.exec(res.body)?.[1] ?? /<a href="#code">([^<]+)<\/a>/.exec(res.body)?.[1] ?? '';
}

function answer(res: LightMyRequestResponse) {
  return { status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null, message: errorOf(res) };
}

describe('throttling by account and source', () => {
  it('answers a known and an unknown account alike at every attempt, with delays that grow to a cap', async () => {
    const known = new Browser(t.app, '10.0.0.1');
    const unknown = new Browser(t.app, '10.0.0.2');
    const knownAnswers = [];
    const unknownAnswers = [];
    for (let i = 0; i < 12; i += 1) {
      const a = answer(await known.signIn(email('police'), 'not-the-password'));
      const b = answer(await unknown.signIn(email('nobody-here'), 'not-the-password'));
      knownAnswers.push(a);
      unknownAnswers.push(b);
      if (a.status === 429) clock += Number(a.retryAfter) * 1000;
    }
    expect(unknownAnswers).toEqual(knownAnswers);
    expect(knownAnswers.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
    const delays = knownAnswers.filter((a) => a.status === 429).map((a) => a.retryAfter);
    expect(delays).toEqual(['1', '2', '4', '8', '8']);
    expect(knownAnswers.find((a) => a.status === 429)?.message).toBe('There have been too many attempts to sign in. Wait 1 second, then try again.');
    // A throttled attempt is not even checked: the right password waits too, then works.
    expect((await known.signIn(email('police'), 'not-the-password')).statusCode).toBe(401);
    const right = await known.signIn(email('police'), DEMO_PASSWORD);
    expect(right.statusCode).toBe(429);
    clock += 8_000;
    expect((await known.signIn(email('police'), DEMO_PASSWORD)).statusCode).toBe(303);
  });

  it('lets the officer sign in on their own device while an attacker elsewhere is throttled', async () => {
    const desk = new Browser(t.app, '10.1.0.1');
    expect((await desk.signIn(email('screener'), DEMO_PASSWORD)).statusCode).toBe(303);
    expect(desk.cookies.has(DEVICE_COOKIE)).toBe(true);
    desk.dropSession();

    const attacker = new Browser(t.app, '10.9.9.9');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await attacker.signIn(email('screener'), `guess-${i}`)).statusCode);
    expect(statuses).toContain(429);
    expect((await attacker.signIn(email('screener'), DEMO_PASSWORD)).statusCode).toBe(429);

    await desk.get('/sign-in');
    expect((await desk.signIn(email('screener'), DEMO_PASSWORD)).statusCode).toBe(303);
    desk.dropSession();
    // Even from the attacker's own address the officer's device signs in: it is counted on its own.
    const deskOnAttackersWifi = new Browser(t.app, '10.9.9.9');
    deskOnAttackersWifi.cookies.set(DEVICE_COOKIE, desk.cookies.get(DEVICE_COOKIE)!);
    expect((await deskOnAttackersWifi.signIn(email('screener'), DEMO_PASSWORD)).statusCode).toBe(303);
    // A device cookie is bound to the account it was issued for: it makes no device known for another.
    const throttle = t.app.services.accounts.throttle;
    const issued = throttle.deviceCookie(email('screener'), undefined);
    expect(throttle.subject(email('screener'), { ip: '10.9.9.9', device: issued }).deviceKnown).toBe(true);
    expect(throttle.subject(` ${email('SCREENER')} `, { ip: '10.9.9.9', device: issued }).deviceKnown).toBe(true);
    expect(throttle.subject(email('manager'), { ip: '10.9.9.9', device: issued }).deviceKnown).toBe(false);
    expect(throttle.subject(email('screener'), { ip: '10.9.9.9', device: `${issued.slice(0, -1)}x` }).deviceKnown).toBe(true);
    expect(throttle.subject(email('screener'), { ip: '10.9.9.9', device: `x${issued.slice(1)}` }).deviceKnown).toBe(false);
    clock += 60_000;
  });

  it('slows an address that sprays many accounts, and only that address', async () => {
    const sprayer = new Browser(t.app, '10.2.0.1');
    const accounts = ['adults', 'adults-manager', 'lado', 'cme', 'nobody-1', 'nobody-2'];
    for (const account of accounts) expect((await sprayer.signIn(email(account), 'Summer2026!')).statusCode).toBe(401);
    const next = await sprayer.signIn(email('marac'), 'Summer2026!');
    expect(next.statusCode).toBe(429);
    expect(next.headers['retry-after']).toBe('1');
    const elsewhere = new Browser(t.app, '10.2.0.2');
    expect((await elsewhere.signIn(email('marac'), 'Summer2026!')).statusCode).toBe(401);
    clock += 60_000;
  });

  it('counts an IPv6 address by its /64, so rotating addresses inside it does not help', async () => {
    expect(sourceAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceAddress('2001:db8:1:2::ffff')).toBe(sourceAddress('2001:0db8:0001:0002:ffff:0:0:1'));
    expect(sourceAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i += 1) statuses.push((await new Browser(t.app, `2001:db8:7:7::${i}`).signIn(email('idva'), `guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    clock += 60_000;
  });

  it('slows many addresses guessing one account, but not the officer’s known device', async () => {
    const desk = new Browser(t.app, '10.3.0.1');
    expect((await desk.signIn(email('dsl'), DEMO_PASSWORD)).statusCode).toBe(303);
    desk.dropSession();
    for (let i = 0; i < 6; i += 1) expect((await new Browser(t.app, `10.3.1.${i + 1}`).signIn(email('dsl'), `guess-${i}`)).statusCode).toBe(401);
    expect((await new Browser(t.app, '10.3.1.99').signIn(email('dsl'), DEMO_PASSWORD)).statusCode).toBe(429);
    await desk.get('/sign-in');
    expect((await desk.signIn(email('dsl'), DEMO_PASSWORD)).statusCode).toBe(303);
    clock += 60_000;
  });
});

describe('the counters', () => {
  it('are kept in the database, so every app process sees them, and are forgotten after the window', async () => {
    const config = testConfig(THROTTLE_ENV);
    const second = await buildApp(createServices(config, t.db, now), { config, db: t.db, now });
    await second.ready();
    try {
      const onFirst = new Browser(t.app, '10.4.0.1');
      for (let i = 0; i < 3; i += 1) expect((await onFirst.signIn(email('police-manager'), `guess-${i}`)).statusCode).toBe(401);
      const onSecond = new Browser(second, '10.4.0.1');
      expect((await onSecond.signIn(email('police-manager'), 'guess-again')).statusCode).toBe(429);
      clock += 61 * 60_000;
      expect((await onSecond.signIn(email('police-manager'), 'guess-after')).statusCode).toBe(401);
      expect((await onSecond.signIn(email('police-manager'), 'guess-after-2')).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('hold no email or IP address in clear, and the audit trail records ids only', async () => {
    const typed = 'someone.unknown@elsewhere.example';
    const b = new Browser(t.app, '10.5.0.77');
    for (let i = 0; i < 4; i += 1) await b.signIn(typed, 'x');
    const stored = JSON.stringify(await rows(t.db.db, sql`select * from sign_in_throttle`));
    expect(stored).not.toContain('elsewhere.example');
    expect(stored).not.toContain('10.5.0.77');
    expect(stored).not.toContain('demo.threshold.test');
    const audited = await rows<{ action: string; details: unknown }>(t.db.db, sql`select action, details from audit_event where action like 'auth.%'`);
    const actions = new Set(audited.map((a) => a.action));
    for (const action of ['auth.sign_in_failed', 'auth.sign_in_slowed', 'auth.sign_in_throttled']) expect(actions).toContain(action);
    const text = JSON.stringify(audited);
    expect(text).not.toContain('elsewhere.example');
    expect(text).not.toContain('demo.threshold.test');
    expect(text).not.toContain('10.5.0.77');
    clock += 60_000;
  });
});

describe('the second factor', () => {
  it('is throttled the same way, keeps the session, and carries returnTo through', async () => {
    const secret = newTotpSecret();
    const userId = await t.userId('analyst');
    await t.db.db.execute(sql`update app_user set totp_secret_enc = ${encrypt(deriveKey(t.config.secret, 'totp'), secret)}, totp_enabled_at = ${new Date(clock)}, totp_last_step = null where id = ${userId}`);
    const b = new Browser(t.app, '10.6.0.1');
    const first = await b.signIn(email('analyst'), DEMO_PASSWORD, '/measures');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/sign-in/second-factor?returnTo=%2Fmeasures');
    const page = await b.get('/sign-in/second-factor?returnTo=%2Fmeasures');
    expect(page.body).toContain('name="returnTo" value="/measures"');
    const right = await currentTotp(secret, new Date(clock));
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await b.post('/sign-in/second-factor', { code: wrong, returnTo: '/measures' })).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const waiting = await b.post('/sign-in/second-factor', { code: right, returnTo: '/measures' });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.body).toContain('There have been too many attempts to sign in');
    clock += 1_000;
    const done = await b.post('/sign-in/second-factor', { code: await currentTotp(secret, new Date(clock)), returnTo: '/measures' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/measures');
    const audited = await rows<{ action: string }>(t.db.db, sql`select action from audit_event where user_id = ${userId} and action like 'auth.%'`);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.second_factor_failed', 'auth.sign_in_throttled', 'auth.signed_in']));
    clock += 60_000;
  });
});

describe('an administrator', () => {
  it('sees the failed sign-ins and clears them, ending the delays at once', async () => {
    const b = new Browser(t.app, '10.7.0.1');
    for (let i = 0; i < 4; i += 1) await b.signIn(email('health'), `guess-${i}`);
    expect((await b.signIn(email('health'), DEMO_PASSWORD)).statusCode).toBe(429);
    const id = await t.userId('health');
    const admin = await t.as('admin');
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Clear failed sign-ins');
    expect(page.body).toContain('counted recently');
    // the users list (25 a page) filtered to the accounts whose sign-ins are slowed, as the administrator's home links it
    const list = await admin.get('/admin/users?show=slowed');
    expect(list.body).toContain('Active, sign-ins slowed');
    const cleared = await admin.post(`/admin/users/${id}/clear-sign-in-failures`);
    expect(cleared.statusCode).toBe(303);
    expect((await b.signIn(email('health'), DEMO_PASSWORD)).statusCode).toBe(303);
    const audited = await rows<{ n: number }>(t.db.db, sql`select count(*)::int as n from audit_event where action = 'admin.sign_in_failures_cleared' and record_id = ${id}`);
    expect(Number(audited[0]!.n)).toBe(1);
    expect((await admin.get(`/admin/users/${id}`)).body).not.toContain('Clear failed sign-ins');
  });
});

describe('cookies over TLS', () => {
  it('marks the CSRF cookie Secure behind a trusted TLS proxy, like the session and device cookies', async () => {
    const tls = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const overTls = new Browser(tls.app, '10.8.0.1', { 'x-forwarded-proto': 'https' });
      const page = await overTls.get('/sign-in');
      const csrf = page.cookies.find((c) => c.name === CSRF_COOKIE);
      expect(csrf?.secure).toBe(true);
      expect(csrf?.httpOnly).toBe(true);
      const signedIn = await overTls.signIn(email('screener'), DEMO_PASSWORD);
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
      expect(signedIn.cookies.find((c) => c.name === DEVICE_COOKIE)?.secure).toBe(true);
      const plain = await new Browser(tls.app, '10.8.0.2').get('/sign-in');
      expect(plain.cookies.find((c) => c.name === CSRF_COOKIE)?.secure).toBeFalsy();
    } finally {
      await tls.close();
    }
  });
});

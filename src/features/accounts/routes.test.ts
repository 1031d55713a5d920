import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../app.js';
import { rows } from '../../db/client.js';
import { currentTotp } from '../../platform/totp.js';
import { SESSION_COOKIE } from '../../platform/sessions.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let clock = Date.now();
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock), env: { SIGN_IN_FREE_ATTEMPTS: '3', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' } });
});
afterAll(async () => t.close());

const email = (u: string) => `${u}@demo.threshold.test`;

async function signIn(client: TestClient, user: string, password = DEMO_PASSWORD) {
  await client.get('/sign-in');
  return client.post('/sign-in', { email: email(user), password, returnTo: '/' });
}

async function auditActions(userEmail: string): Promise<string[]> {
  const r = await rows<{ action: string }>(
    t.db.db,
    sql`select e.action from audit_event e join app_user u on u.id = e.user_id where u.email = ${userEmail} order by e.id`,
  );
  return r.map((x) => x.action);
}

describe('signing in with a password', () => {
  it('lists the demo sign-ins on the sign-in page in demo mode', async () => {
    const res = await t.client().get('/sign-in');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Demo sign-ins');
    expect(res.body).toContain(email('screener'));
    // Grouped by the work each role does, the roles in words.
    expect(res.body).toContain('The front door (MASH)');
    expect(res.body).toContain('MASH screener / social worker');
    expect(res.body).not.toMatch(/>\s*mash_screener\s*</);
    expect(res.body).toContain(DEMO_PASSWORD);
  });

  it('signs in, issues a new HttpOnly SameSite session cookie, and audits it', async () => {
    const client = t.client();
    client.cookies.set(SESSION_COOKIE, 'a-token-planted-before-sign-in');
    const res = await signIn(client, 'screener');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/');
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.value).not.toBe('a-token-planted-before-sign-in');
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Sam Screener');
    expect(await auditActions(email('screener'))).toContain('auth.signed_in');
  });

  it('refuses a wrong password with the GOV.UK error summary, and counts it', async () => {
    const res = await signIn(t.client(), 'police', 'not-the-password');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Enter a correct email address and password');
    expect(await auditActions(email('police'))).toContain('auth.sign_in_failed');
  });

  it('gives the same answer for an unknown account', async () => {
    const res = await signIn(t.client(), 'nobody-at-all', 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Enter a correct email address and password');
  });

  it('slows repeated failures from one place with a delay that ends, rather than locking the account', async () => {
    for (let i = 0; i < 3; i += 1) await signIn(t.client(), 'health', 'wrong-password');
    const slowed = await signIn(t.client(), 'health');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(slowed.body).toContain('There have been too many attempts to sign in. Wait 1 second, then try again.');
    expect(await auditActions(email('health'))).toEqual(expect.arrayContaining(['auth.sign_in_slowed', 'auth.sign_in_throttled']));
    clock += 1_000;
    const after = await signIn(t.client(), 'health');
    expect(after.statusCode).toBe(303);
  });

  it('refuses a form without the CSRF token', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: email('screener'), password: DEMO_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The form has expired');
  });

  it('validates the form before checking credentials', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('Enter your password');
  });

  it('never redirects off the site after sign-in', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: email('screener2'), password: DEMO_PASSWORD, returnTo: '//evil.example/x' });
    expect(location(res)).toBe('/');
  });
});

describe('sessions', () => {
  it('ends an idle session', async () => {
    const client = await t.as('screener');
    expect((await client.get('/worklist')).statusCode).toBe(200);
    clock += 31 * 60_000;
    const res = await client.get('/worklist');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/sign-in?returnTo=%2Fworklist');
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const client = await t.as('screener');
    for (let h = 0; h < 14; h += 1) {
      clock += 25 * 60_000;
      expect((await client.get('/')).statusCode).toBe(200);
      clock += 25 * 60_000;
      expect((await client.get('/')).statusCode).toBe(200);
    }
    clock += 25 * 60_000;
    expect((await client.get('/')).statusCode).toBe(303);
  });

  it('signs out: the old cookie no longer works', async () => {
    const client = await t.as('manager');
    const token = client.cookies.get(SESSION_COOKIE)!;
    await client.get('/');
    const res = await client.post('/sign-out');
    expect(location(res)).toBe('/sign-in?signedOut=1');
    const replay = t.client();
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.get('/')).statusCode).toBe(303);
  });

  it('marks cookies Secure behind TLS when the proxy is trusted', async () => {
    const tls = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const client = tls.client();
      await client.get('/sign-in');
      const res = await client.raw({
        method: 'POST',
        url: '/sign-in',
        payload: `_csrf=${encodeURIComponent(client.csrf!)}&email=${encodeURIComponent(email('screener'))}&password=${DEMO_PASSWORD}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      });
      expect(res.statusCode).toBe(303);
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await tls.close();
    }
  });
});

describe('the second factor', () => {
  it('makes an administrator set up an authenticator app before anything else, then asks for a code at every sign-in', async () => {
    const client = t.client();
    const first = await signIn(client, 'admin');
    expect(location(first)).toBe('/account/second-factor');
    // Nothing else is reachable yet.
    const blocked = await client.get('/admin');
    expect(blocked.statusCode).toBe(303);
    expect(location(blocked)).toBe('/account/second-factor');

    const setUp = await client.get('/account/second-factor');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
    expect(setUp.body).toContain('<svg');
    const wrong = await client.post('/account/second-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const ok = await client.post('/account/second-factor', { code: await currentTotp(secret, new Date(clock)) });
    expect(location(ok)).toBe('/account?enrolled=1');
    expect((await client.get('/admin')).statusCode).toBe(200);
    await client.post('/sign-out');

    // The next sign-in needs a code; a wrong one fails, the right one works once and cannot be replayed.
    const again = t.client();
    expect(location(await signIn(again, 'admin'))).toBe('/sign-in/second-factor');
    expect((await again.get('/admin')).statusCode).toBe(303);
    await again.get('/sign-in/second-factor');
    expect((await again.post('/sign-in/second-factor', { code: '123456' })).statusCode).toBe(401);
    clock += 31_000;
    const code = await currentTotp(secret, new Date(clock));
    const passed = await again.post('/sign-in/second-factor', { code });
    expect(location(passed)).toBe('/');
    expect((await again.get('/admin')).statusCode).toBe(200);

    const replay = t.client();
    await signIn(replay, 'admin');
    await replay.get('/sign-in/second-factor');
    expect((await replay.post('/sign-in/second-factor', { code })).statusCode).toBe(401);
    expect(await auditActions(email('admin'))).toEqual(expect.arrayContaining(['auth.second_factor_enrolled', 'auth.second_factor_failed', 'auth.signed_in']));
  });

  it('is available to any account from their account page', async () => {
    const client = await t.as('police');
    const res = await client.get('/account');
    expect(res.body).toContain('href="/account/second-factor"');
    expect((await client.get('/account/second-factor')).statusCode).toBe(200);
  });
});

describe('outside demo mode', () => {
  it('shows no demo sign-ins', async () => {
    const live = await createTestApp({ env: { DEMO_MODE: 'false' } });
    try {
      const res = await live.client().get('/sign-in');
      expect(res.body).not.toContain('Demo sign-ins');
      expect(res.body).not.toContain(DEMO_PASSWORD);
    } finally {
      await live.close();
    }
  });
});

describe('rate limiting', () => {
  it('slows down repeated sign-in attempts from one address', async () => {
    const limited = await createTestApp({ env: { SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const client = limited.client();
      await client.get('/sign-in');
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await client.post('/sign-in', { email: email('lado'), password: 'nope' })).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('changing your own password', () => {
  it('needs the current password, a good new one typed twice, and then ends other sessions', async () => {
    const other = await t.as('cme');
    const client = t.client();
    await signIn(client, 'cme');
    await client.get('/account/password');
    const wrong = await client.post('/account/password', { currentPassword: 'nope', newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' });
    expect(wrong.body).toContain('Your current password is not correct');
    const mismatch = await client.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password', confirmPassword: 'different' });
    expect(mismatch.body).toContain('The passwords do not match');
    const short = await client.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    expect(short.body).toContain('Password must be 12 characters or more');
    const ok = await client.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' });
    expect(location(ok)).toBe('/account?passwordChanged=1');
    expect((await client.get('/account')).statusCode).toBe(200);
    expect((await other.get('/account')).statusCode).toBe(303);
    expect((await signIn(t.client(), 'cme', 'a-brand-new-password')).statusCode).toBe(303);
    expect(await auditActions(email('cme'))).toContain('auth.password_changed');
  });
});

/**
 * An attacker's review of the public front door (issue 18), through app.inject against a real database: no public
 * address reaches a signed-in page or another reporter's draft; a host kept for the public site serves nothing else
 * however its name is written; every public answer, error pages among them, is kept out of the browser's cache;
 * nothing typed is reflected as markup or kept for another visitor; "Exit this page" always leaves and deletes only
 * the reporter's own draft; drafts cannot be started without bound; and no reporter's words reach the logs or the
 * audit trail.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { symbols } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { publicService } from '../public-content/presenters.js';
import { type HelpServiceRow } from '../public-content/service.js';
import { SubmissionLimiter, sourceKey } from './report-limits.js';
import { DRAFT_COOKIE } from './site.js';

const NEIGHBOUR_WORDS = 'Zorvanth the lodger shouts at the little boy every night';
const SUBJECT_NAME = 'Quillonby';

let t: TestApp;
let clock = Date.now();
const logged: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock), env: { LOG_LEVEL: 'debug' } });
  // Every log line the app writes, kept here instead of printed.
  const stream = (t.app.log as unknown as Record<symbol, { write: (line: string) => void }>)[symbols.streamSym]!;
  stream.write = (line: string) => void logged.push(line);
});
afterAll(async () => t?.close());

const draftId = (c: TestClient) => c.cookies.get(DRAFT_COOKIE)!.split('.')[0]!;
const draftExists = async (id: string) => (await one(t.db.db, sql`select 1 from public_report_draft where id = ${id}`)) !== undefined;

async function toCheck(c: TestClient) {
  await c.get('/help/en/report?about=child');
  const steps: [string, Record<string, string>][] = [
    ['', { about: 'child', website: '' }],
    ['/danger', { danger: 'no' }],
    ['/who', { who: 'neighbour' }],
    ['/happening', { happening: NEIGHBOUR_WORDS }],
    ['/subject', { givenNames: SUBJECT_NAME, familyName: '', age: '7', dobDay: '', dobMonth: '', dobYear: '', address: '', school: '' }],
    ['/about-you', { giveName: 'no', relationship: '' }],
    ['/contact', { contactMe: 'no' }],
  ];
  for (const [path, form] of steps) expect((await c.post(`/help/en/report${path}`, form)).statusCode, path).toBe(303);
}

const noStore = (res: { headers: Record<string, unknown> }) => {
  expect(String(res.headers['cache-control'])).toContain('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
};

describe('public addresses reach nothing signed-in', () => {
  it('answers dot segments, encoded slashes and odd methods under /help with the public 404, never a staff page', async () => {
    // (Dot segments are tidied by inject as by a browser: sent raw over HTTP in the public host's test below.)
    for (const url of ['/help/en/..%2f..%2fcontacts', '/help/en%2f..%2f..%2fcontacts', '/help/en/report/..%2f..%2f..%2faudit', '/help/EN', '/help/en/signs-of-abuse/..%2f..%2f..%2fcontacts/x']) {
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('app-public');
      noStore(res);
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/help/en' });
    expect(head.statusCode).toBe(200);
    noStore(head);
    expect((await t.app.inject({ method: 'OPTIONS', url: '/help/en' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/help/en/report' })).statusCode).toBe(404);
  });

  it('shows no signed-in member of staff’s name or navigation on a public page, even to them', async () => {
    const staff = await t.as('screener');
    const res = await staff.get('/help/en');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/Sign out|href="\/(contacts|people|partnership|audit)/);
  });
});

describe('the public host', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp({ env: { PUBLIC_HOST: 'help.fernmoor.example' } });
  });
  afterAll(async () => h?.close());

  it('serves nothing but the public site however its name is written (case, port, a trailing dot)', async () => {
    for (const host of ['help.fernmoor.example', 'HELP.Fernmoor.Example', 'help.fernmoor.example:443', 'help.fernmoor.example.', 'help.fernmoor.example.:8443']) {
      for (const url of ['/contacts', '/sign-in', '/partnership/public-site/services', '/api/v1/contacts', '/healthcheck-admin', '/HELP/en']) {
        const res = await h.app.inject({ method: 'GET', url, headers: { host } });
        expect(res.statusCode, `${host}${url}`).toBe(404);
        expect(res.headers['content-type'], `${host}${url}`).toContain('text/plain');
      }
      expect((await h.app.inject({ method: 'GET', url: '/help/en', headers: { host } })).statusCode, host).toBe(200);
      expect((await h.app.inject({ method: 'GET', url: '/health', headers: { host } })).statusCode, host).toBe(200);
    }
    // Without TRUST_PROXY, a forwarded host name is not believed.
    const forwarded = await h.app.inject({ method: 'GET', url: '/sign-in', headers: { host: 'help.fernmoor.example', 'x-forwarded-host': 'staff.fernmoor.example' } });
    expect(forwarded.statusCode).toBe(404);
  });

  it('behind a trusted proxy, a forwarded host name added by the visitor does not take the public host elsewhere', async () => {
    const p = await createTestApp({ env: { PUBLIC_HOST: 'help.fernmoor.example', TRUST_PROXY: 'true' } });
    try {
      // A proxy that passes the visitor's X-Forwarded-Host on, or adds its own after it: either way the public host is named.
      for (const headers of [
        { host: 'help.fernmoor.example', 'x-forwarded-host': 'staff.fernmoor.example' },
        { host: 'help.fernmoor.example', 'x-forwarded-host': 'staff.fernmoor.example, help.fernmoor.example' },
        { host: 'threshold-app:3000', 'x-forwarded-host': 'help.fernmoor.example' },
        { host: 'threshold-app:3000', 'x-forwarded-host': 'help.fernmoor.example, staff.fernmoor.example' },
      ]) {
        const res = await p.app.inject({ method: 'GET', url: '/sign-in', headers });
        expect(res.statusCode, JSON.stringify(headers)).toBe(404);
        expect(res.headers['content-type']).toContain('text/plain');
      }
      // The staff host is served as before.
      expect((await p.app.inject({ method: 'GET', url: '/sign-in', headers: { host: 'threshold-app:3000', 'x-forwarded-host': 'staff.fernmoor.example' } })).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });

  it('over real HTTP, where nothing tidies the address first, dot segments and absolute addresses reach nothing else', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as { port: number };
    const send = (target: string, host: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString()));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
    for (const target of ['/help/../sign-in', '/help/%2e%2e/sign-in', '/help/en/../../sign-in', '/help/..;/sign-in', '/help;/../sign-in', 'http://staff.fernmoor.example/sign-in']) {
      const res = await send(target, 'help.fernmoor.example');
      expect(res.split('\r\n')[0], target).toBe('HTTP/1.1 404 Not Found');
      expect(res, target).not.toMatch(/password|sign in with/i);
    }
    expect((await send('/sign-in', 'help.fernmoor.example.')).split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
  });
});

describe('no-store and nothing reflected', () => {
  it('keeps every public error page out of the cache: 400, 403, 404, 413', async () => {
    const c = t.client();
    const bad = await c.get('/help/en/find-help?__proto__=1');
    expect(bad.statusCode).toBe(400);
    noStore(bad);
    await c.get('/help/en/report?about=child');
    const forged = await c.post('/help/en/report', { about: 'child', website: '' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('app-public');
    expect(c.cookies.has(DRAFT_COOKIE)).toBe(false);
    noStore(forged);
    noStore(await c.get('/help/en/nowhere'));
    const big = await c.raw({ method: 'POST', url: '/help/en/report', payload: `about=${'x'.repeat(80_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(big.statusCode).toBe(413);
    noStore(big);
  });

  it('escapes search words and addresses, and never keeps a page holding someone’s search words for another visitor', async () => {
    const xss = await t.client().get(`/help/en/find-help?q=${encodeURIComponent('"><script>alert(1)</script>')}&need=${encodeURIComponent('<img src=x>')}`);
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)');
    expect(xss.body).not.toContain('<img src=x>');
    expect(xss.body).toContain('&lt;script&gt;');
    const nf = await t.client().get(`/help/en/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(nf.statusCode).toBe(404);
    expect(nf.body).not.toContain('<script>alert(1)');
    // One visitor's words as they typed them are not shown to the next visitor who searched in another case.
    await t.client().get('/help/en/find-help?q=HeLpLiNe+FoR+mE');
    const next = await t.client().get('/help/en/find-help?q=helpline+for+me');
    expect(next.body).toContain('value="helpline for me"');
    expect(next.body).not.toContain('HeLpLiNe');
  });

  it('puts no inline script or style on a public page (the CSP allows our own files only)', async () => {
    for (const url of ['/help/en', '/help/ar/find-help', '/help/en/report?about=adult', '/help/en/signs-of-abuse', '/help/en/what-happens-next/easy-read', '/help/en/nowhere']) {
      const res = await t.client().get(url);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/<style|\sstyle="|\son[a-z]+="/i);
      expect(String(res.headers['content-security-policy']), url).toContain("script-src 'self'");
    }
  });
});

describe('the directory’s links', () => {
  it('cannot carry a mail header or a script: mailto is the address alone, websites https only, phone numbers digits', () => {
    const row = {
      id: 'x', tenant_id: 't', name: 'N', summary: 'S', needs: [], ages: [], areas: [], phone: '0800 1111;ext=1 javascript:alert(1)', text_number: '85258?body=x',
      email: 'help@example.org?cc=someone@evil.example&body=Tell%20me', website: 'javascript:alert(1)//https://x', opening_hours: null, open_24_hours: true,
      languages: null, last_checked_on: '2026-01-01', last_checked_by: null, reminder_sent_on: null, archived_at: null,
    } as unknown as HelpServiceRow;
    const s = publicService(row, '2026-02-01', 'en');
    const href = (link: '' | null | { href: string }) => (link ? link.href : '');
    expect(href(s.email)).toBe('mailto:help@example.org%3Fcc%3Dsomeone%40evil.example%26body%3DTell%2520me');
    expect(href(s.email)).not.toMatch(/[?&]/);
    expect(s.website).toBeNull();
    expect(href(s.phone)).toMatch(/^tel:\+?\d+$/);
    expect(href(s.text)).toBe('sms:85258');
  });
});

describe('drafts', () => {
  it('“Exit this page” deletes the reporter’s own draft and clears the cookie', async () => {
    const c = t.client();
    await toCheck(c);
    const id = draftId(c);
    const res = await c.get('/help/exit');
    expect(res.statusCode).toBe(303);
    expect(await draftExists(id)).toBe(false);
    expect(c.cookies.has(DRAFT_COOKIE)).toBe(false);
    noStore(res);
  });

  it('a cookie naming another reporter’s draft with a key of its own deletes nothing, on exit or on starting again', async () => {
    const victim = t.client();
    await toCheck(victim);
    const id = draftId(victim);
    const attacker = t.client();
    attacker.cookies.set(DRAFT_COOKIE, `${id}.${randomBytes(32).toString('base64url')}`);
    expect((await attacker.get('/help/exit')).statusCode).toBe(303);
    expect(await draftExists(id)).toBe(true);
    attacker.cookies.set(DRAFT_COOKIE, `${id}.${randomBytes(32).toString('base64url')}`);
    await attacker.get('/help/en/report?about=adult');
    expect((await attacker.post('/help/en/report', { about: 'adult', website: '' })).statusCode).toBe(303);
    expect(await draftExists(id)).toBe(true);
    // The victim's report is still theirs to send.
    clock += 30_000;
    expect(location(await victim.post('/help/en/report/check', {}))).toBe('/help/en/report/sent');
  });

  it('sends a draft once however often it is sent, and a replayed send changes nothing', async () => {
    const c = t.client();
    await toCheck(c);
    clock += 30_000;
    const id = draftId(c);
    const [a, b] = await Promise.all([c.post('/help/en/report/check', {}), c.post('/help/en/report/check', {})]);
    expect([location(a), location(b)]).toEqual(['/help/en/report/sent', '/help/en/report/sent']);
    const replay = await c.post('/help/en/report/check', {});
    expect(location(replay)).toBe('/help/en/report/sent');
    expect((await rows(t.db.db, sql`select 1 from public_report where draft_id = ${id}`)).length).toBe(1);
  });

  it('writes no reporter’s words or names to the logs or the audit trail', async () => {
    const c = t.client();
    await toCheck(c);
    clock += 30_000;
    expect(location(await c.post('/help/en/report/check', {}))).toBe('/help/en/report/sent');
    const all = logged.join('\n');
    expect(all).toContain('public report received');
    expect(all).not.toContain('Zorvanth');
    expect(all).not.toContain(SUBJECT_NAME);
    const details = await rows<{ details: unknown }>(t.db.db, sql`select details from audit_event where action in ('public_report.received', 'contact.received')`);
    expect(details.length).toBeGreaterThan(0);
    const text = JSON.stringify(details);
    expect(text).not.toContain('Zorvanth');
    expect(text).not.toContain(SUBJECT_NAME);
  });
});

describe('abuse is bounded', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await createTestApp({ env: { PUBLIC_PAGES_PER_SOURCE_PER_MINUTE: '10', PUBLIC_REPORTS_PER_SOURCE_PER_HOUR: '1' } });
  });
  afterAll(async () => r?.close());

  it('answers a source over its page limit with the busy page, kept out of the cache', async () => {
    const c = r.client();
    let res = await c.get('/help/en/signs-of-abuse');
    for (let i = 0; i < 12 && res.statusCode !== 429; i += 1) res = await c.get('/help/en/signs-of-abuse');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toContain('app-public');
    noStore(res);
  });

  it('limits the public 404 page too, so unknown addresses cannot be asked for without bound', async () => {
    const c = r.client();
    let res = await c.get('/help/en/no-such-page-0');
    for (let i = 1; i < 12 && res.statusCode !== 429; i += 1) res = await c.get(`/help/en/no-such-page-${i}`);
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('app-public');
    noStore(res);
  });

  it('still leaves for the neutral site when “Exit this page” is pressed past the limit', async () => {
    const c = r.client();
    for (let i = 0; i < 15; i += 1) {
      const res = await c.get('/help/exit');
      expect(res.statusCode, `press ${i + 1}`).toBe(303);
      expect(location(res)).toBe(r.config.publicSite.exitUrl);
    }
  });

  it('bounds the drafts one source can start in an hour (five for each report it may send)', async () => {
    // The main app: 600 pages a minute and 10 reports an hour per source, so at most 50 drafts started an hour.
    const c = t.client();
    await c.get('/help/en/report?about=child');
    const count = async () => (await one<{ n: number }>(t.db.db, sql`select count(*)::int as n from public_report_draft`))!.n;
    const before = await count();
    const statuses: number[] = [];
    for (let i = 0; i < 55; i += 1) {
      // A machine keeps no cookie of its drafts (so none is deleted when it starts the next), from one IPv6 network.
      const res = await t.app.inject({
        method: 'POST',
        url: '/help/en/report',
        remoteAddress: `2001:db8:77:1::${(i + 1).toString(16)}`,
        payload: `_csrf=${encodeURIComponent(c.csrf!)}&about=child&website=`,
        headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.body).toContain('app-public');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await count()) - before).toBe(50);
    // Another source starts as before.
    const other = t.client();
    await other.get('/help/en/report?about=child');
    expect((await other.post('/help/en/report', { about: 'child', website: '' })).statusCode).toBe(303);
  });

  it('counts reports from one IPv6 network (/64) as one source', () => {
    expect(sourceKey('2001:db8:1:2::1')).toBe(sourceKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(sourceKey('2001:db8:1:2::1')).not.toBe(sourceKey('2001:db8:1:3::1'));
    expect(sourceKey('::ffff:192.0.2.7')).toBe(sourceKey('192.0.2.7'));
    expect(sourceKey('192.0.2.7')).not.toBe(sourceKey('192.0.2.8'));
    const limiter = new SubmissionLimiter(1, 100);
    expect(limiter.take(limiter.sourceOf('2001:db8:1:2::1'))).toBe(true);
    expect(limiter.take(limiter.sourceOf('2001:db8:1:2::beef'))).toBe(false);
  });
});

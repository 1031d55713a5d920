/**
 * The public site's frame through app.inject against a real database: every page in every language has its
 * language and direction, "Exit this page", the switcher to the same page in each language and no link to a
 * signed-in page; nothing is cached by the browser; unknown languages and pages answer a public 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { LANGUAGES } from './i18n.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the public site frame', () => {
  it('serves the home page in every language with lang, dir, the exit button and the switcher', async () => {
    for (const l of LANGUAGES) {
      const res = await t.client().get(`/help/${l.code}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.body).toContain(`<html lang="${l.code}" dir="${l.dir}"`);
      expect(res.body).toContain('govuk-exit-this-page');
      expect(res.body).toContain('href="/help/exit"');
      for (const other of LANGUAGES) if (other.code !== l.code) expect(res.body).toContain(`href="/help/${other.code}"`);
      expect(res.body).not.toMatch(/href="\/(sign-in|contacts|people|partnership)/);
    }
  });

  it('chooses the browser’s language at /help and answers unknown pages with a public 404', async () => {
    const res = await t.client().get('/help', { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.8' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/help/pl');
    const missing = await t.client().get('/help/xx');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="en"');
  });

  it('“Exit this page” clears the cache and leaves for a neutral site', async () => {
    const res = await t.client().get('/help/exit');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^https:\/\//);
    expect(res.headers['clear-site-data']).toBe('"cache"');
  });
});

describe('the site’s limit per source', () => {
  it('counts a source across every page, answers the busy page past it, and never limits “Exit this page”', async () => {
    const { SourceWindows } = await import('./site.js');
    let now = 0;
    const w = new SourceWindows(3, 60_000, 2, () => now);
    expect([w.take('a'), w.take('a'), w.take('a')]).toEqual([0, 0, 0]);
    expect(w.take('a')).toBe(60);
    now = 30_000;
    expect(w.take('a')).toBe(30);
    expect(w.take('b')).toBe(0);
    expect(w.take('c')).toBe(0); // a third source: the oldest window is forgotten (bounded)
    expect(w.size).toBe(2);
    now = 60_000;
    expect(w.take('a')).toBe(0); // a new minute
    const limited = await createTestApp({ env: { PUBLIC_PAGES_PER_SOURCE_PER_MINUTE: '10' } });
    try {
      const c = limited.client();
      const pages = ['/help/en', '/help/pl/covering-your-tracks', '/help/ur/signs-of-abuse', '/help/en/find-help', '/help/en/no-such-page'];
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await c.get(pages[i % pages.length]!)).statusCode);
      expect(statuses.slice(0, 10).every((s) => s < 429)).toBe(true);
      const busy = await c.get('/help/pl');
      expect(busy.statusCode).toBe(429);
      expect(busy.headers['retry-after']).toMatch(/^\d+$/);
      expect(busy.body).toContain('<html lang="pl"');
      expect(busy.headers['cache-control']).toContain('no-store');
      const exit = await c.get('/help/exit');
      expect(exit.statusCode).toBe(303);
    } finally {
      await limited.close();
    }
  });
});

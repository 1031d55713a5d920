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

/**
 * The staff pages' frame is a council service's, not GOV.UK's: no crown, no Royal Coat of Arms and no OGL mark in
 * the header or footer (issue 19), and the licence stated in words; long text starts with its first word, not with
 * the template's blank line and indent.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../src/db/client.js';
import { type TestApp, createTestApp } from './support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the staff pages’ frame', () => {
  it('has no crown, coat of arms or OGL mark, and states the licence in words', async () => {
    for (const page of [await t.client().get('/sign-in'), await (await t.as('screener')).get('/')]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/govuk-footer__crown|govuk-footer__licence-logo|govuk-footer__copyright-logo|govuk-header__logotype-crown|<svg[^>]*crown/);
      expect(page.body).toContain('Threshold is open-source software released under the MIT licence');
      expect(page.body).toContain('href="/accessibility"');
    }
  });

  it('shows long text from its first word, keeping its own line breaks', async () => {
    const contact = (await one<{ id: string; narrative: string }>(t.db.db, sql`select id, narrative from contact where status = 'open' and not restricted order by received_at desc limit 1`))!;
    const page = await (await t.as('screener')).get(`/contacts/${contact.id}`);
    expect(page.statusCode).toBe(200);
    const values = [...page.body.matchAll(/class="[^"]*app-narrative[^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]!);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toBe(v.trim());
  });
});

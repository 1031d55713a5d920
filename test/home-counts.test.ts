/**
 * Every role's home page says what to do today, and its numbers agree with the lists they open: for each demo user
 * (one per role), every count on the home page links to a list whose total (data-list-total) is that number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role } from '../src/domain/roles.js';
import { type TestApp, createTestApp } from './support/app.js';
import { USER_FOR } from './support/roles.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** The home page's counts: [href, count, text]. */
function homeCounts(html: string): { href: string; count: number; text: string }[] {
  const out: { href: string; count: number; text: string }[] = [];
  for (const m of html.matchAll(/<a class="govuk-link" href="([^"]+)" data-home-count="(\d+)">([\s\S]*?)<\/a>/g)) {
    out.push({ href: decode(m[1]!), count: Number(m[2]), text: m[3]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() });
  }
  return out;
}

describe('home page counts agree with their lists', () => {
  for (const [role, user] of Object.entries(USER_FOR) as [Role, string][]) {
    it(`${role} (${user})`, async () => {
      const client = await t.as(user);
      const home = await client.get('/');
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain('Your role’s pages will appear here');
      const counts = homeCounts(home.body);
      const mismatches: string[] = [];
      for (const c of counts) {
        const list = await client.get(c.href);
        const total = /data-list-total="(\d+)"/.exec(list.body)?.[1];
        if (list.statusCode !== 200 || total === undefined || Number(total) !== c.count) {
          mismatches.push(`"${c.text}" (${c.count}) → ${c.href}: ${list.statusCode}, list total ${total ?? 'not shown'}`);
        }
      }
      expect(mismatches).toEqual([]);
      // Every role has something on its home page: a panel, or the sentence saying there is nothing to do.
      expect(home.body).toMatch(/data-home-panel=|nothing for you to do/);
    });
  }
});

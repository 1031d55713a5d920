/**
 * The demo's reports from the public site, as the demo seed leaves them: about two in five family members' and
 * anonymous contacts came through the website, on channel "public", each with its report as given; most in English,
 * some in the borough's other languages with the contact's language set and the reporter's words kept verbatim in
 * the narrative; anonymous reporters never named; the concerns follow what was described.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
});
afterAll(async () => t?.close());

describe('the demo’s public reports', () => {
  it('makes about two in five family and anonymous contacts reports from the website, each with its report as given', async () => {
    const r = (await one<{ eligible: number; public: number; reports: number; orphans: number }>(
      db,
      sql`select (select count(*)::int from contact where source_code in ('1A', '9')) as eligible,
                 (select count(*)::int from contact where channel = 'public') as public,
                 (select count(*)::int from public_report) as reports,
                 (select count(*)::int from contact c where c.channel = 'public' and not exists (select 1 from public_report r where r.contact_id = c.id)) as orphans`,
    ))!;
    expect(r.public).toBe(r.reports);
    expect(r.orphans).toBe(0);
    expect(r.public / r.eligible).toBeGreaterThan(0.25);
    expect(r.public / r.eligible).toBeLessThan(0.6);
  });

  it('keeps the reporter’s words verbatim, notes the language, and names no anonymous reporter', async () => {
    const reports = await rows<{ language: string; contact_language: string | null; narrative: string; happening: string; anonymous: boolean; referrer_name: string | null; concerns: string[] }>(
      db,
      sql`select r.language, c.language as contact_language, c.narrative, r.answers->>'happening' as happening, r.anonymous, c.referrer_name, c.concerns
            from public_report r join contact c on c.id = r.contact_id`,
    );
    const languages = new Set(reports.map((r) => r.language));
    expect(languages.has('en')).toBe(true);
    expect([...languages].filter((l) => l !== 'en').length).toBeGreaterThanOrEqual(2);
    for (const r of reports) {
      expect(r.narrative).toContain(r.happening);
      expect(r.contact_language).toBe(r.language === 'en' ? null : r.language);
      if (r.language !== 'en') expect(r.narrative).toMatch(/not translated/);
      if (r.anonymous) expect(r.referrer_name).toBeNull();
      expect(r.concerns).toHaveLength(1);
    }
  });
});

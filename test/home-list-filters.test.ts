/**
 * The list filters the home page's counts open in adult safeguarding, DoLS, providers, the partnership and
 * administration: each keeps only what it names, shows its total, and an unknown value falls back to the list's
 * default (200, never a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const total = (html: string) => Number(/data-list-total="(\d+)"/.exec(html)?.[1] ?? Number.NaN);

describe('filters a home count opens', () => {
  it('splits the adult team’s "to decide" into overdue and due today, and no more', async () => {
    const adults = await t.as('adults');
    const [all, overdue, today] = await Promise.all([adults.get('/adults?view=to_decide'), adults.get('/adults?view=overdue'), adults.get('/adults?view=due_today')]);
    expect([all.statusCode, overdue.statusCode, today.statusCode]).toEqual([200, 200, 200]);
    expect(total(overdue.body) + total(today.body)).toBeLessThanOrEqual(total(all.body));
    expect(overdue.body).toContain('past the decision timescale');
  });

  it('answers unknown filter values with the list’s default', async () => {
    const cases: [string, string][] = [
      ['adults', '/adults?view=%3Cscript%3E'],
      ['adults', '/adults/contributions?show=nonsense'],
      ['dols', '/dols?show=everything'],
      ['bia', '/dols?show=unallocated'],
      ['contracts', '/providers?show=%27%3B--'],
      ['health', '/partnership/our-actions?state=late'],
      ['health', '/partnership/self-assessment/ours?show=1'],
      ['business-unit', '/partnership/public-site/services?show=old'],
      ['analyst', '/measures?show=amber'],
      ['manager', '/audit?days=8'],
    ];
    for (const [user, path] of cases) {
      const res = await (await t.as(user)).get(path);
      expect([path, res.statusCode]).toEqual([path, 200]);
      expect(Number.isNaN(total(res.body)), path).toBe(false);
    }
  });

  it('keeps a DoLS assessor to their own applications, open and past due', async () => {
    const bia = await t.as('bia');
    const [all, open, overdue] = await Promise.all([bia.get('/dols'), bia.get('/dols?show=open'), bia.get('/dols?show=overdue')]);
    expect(total(overdue.body)).toBeLessThanOrEqual(total(open.body));
    expect(total(open.body)).toBeLessThanOrEqual(total(all.body));
  });

  it('lists providers under an enquiry among those the list holds', async () => {
    const contracts = await t.as('contracts');
    const [all, enquiry, high, concern] = await Promise.all(['', '?show=enquiry', '?show=high', '?show=concern'].map((q) => contracts.get(`/providers${q}`)));
    expect(total(high!.body)).toBeLessThanOrEqual(total(concern!.body));
    expect(Math.max(total(enquiry!.body), total(concern!.body))).toBeLessThanOrEqual(total(all!.body));
  });
});

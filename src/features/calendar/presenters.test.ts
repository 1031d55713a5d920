/** The calendar's administration pages: timescales by area, and one bank holiday year at a time. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMESCALES } from '../../domain/timescales.js';
import { chosenArea, chosenYear, timescaleArea, timescaleAreas, yearPagination } from './presenters.js';

describe('timescale areas', () => {
  it('puts every default timescale in a named area', () => {
    for (const t of DEFAULT_TIMESCALES) expect(timescaleArea(t.code).slug).not.toBe('other');
    expect(timescaleAreas(DEFAULT_TIMESCALES.map((t) => t.code)).map((a) => a.slug)).toEqual(['front-door', 'early-help', 'children', 'education', 'partnership']);
  });

  it('keeps an unknown timescale under Other, and reads ?area= strictly', () => {
    const areas = timescaleAreas(['contact.decision.child', 'mystery.rule']);
    expect(areas.map((a) => a.slug)).toEqual(['front-door', 'other']);
    expect(chosenArea(areas, 'other')?.name).toBe('Other');
    expect(chosenArea(areas, ['other'])?.slug).toBe('front-door');
    expect(chosenArea(areas, 'nope')?.slug).toBe('front-door');
    expect(chosenArea([], 'x')).toBeUndefined();
  });
});

describe('bank holiday years', () => {
  const years = [2025, 2026, 2027];
  it('shows the year asked for only when the calendar holds it, else this year, else the latest', () => {
    expect(chosenYear(years, '2027', 2026)).toBe(2027);
    for (const asked of ['2030', '2027x', ' 2027', '02027', ['2027'], undefined, '']) expect(chosenYear(years, asked, 2026)).toBe(2026);
    expect(chosenYear(years, undefined, 2031)).toBe(2027);
    expect(chosenYear([], '2026', 2026)).toBeUndefined();
  });

  it('links to the years either side', () => {
    const href = (y: number) => `/y/${y}`;
    expect(yearPagination(years, 2026, href)).toEqual({ previous: { href: '/y/2025', labelText: '2025' }, next: { href: '/y/2027', labelText: '2027' } });
    expect(yearPagination(years, 2025, href)).toEqual({ next: { href: '/y/2026', labelText: '2026' } });
    expect(yearPagination([2026], 2026, href)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ageOn, instantAt, isLocalDate, wallTime, zoneOffsetMinutes } from './time.js';

describe('London time', () => {
  it('knows the offset in winter and summer', () => {
    expect(zoneOffsetMinutes(new Date('2024-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes(new Date('2024-07-15T12:00:00Z'))).toBe(60);
  });

  it('turns a London wall time into an instant, across the clock changes', () => {
    expect(instantAt('2024-07-15', 9 * 60).toISOString()).toBe('2024-07-15T08:00:00.000Z');
    expect(instantAt('2024-01-15', 9 * 60).toISOString()).toBe('2024-01-15T09:00:00.000Z');
    // 01:30 on 31 March 2024 does not exist in London: the first valid instant after the gap.
    expect(instantAt('2024-03-31', 90).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 01:30 on 27 October 2024 happens twice: the earlier one (BST).
    expect(instantAt('2024-10-27', 90).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it('reads an instant as a London date and time', () => {
    expect(wallTime(new Date('2024-06-07T23:30:00Z'))).toEqual({ date: '2024-06-08', minutes: 30, seconds: 0 });
  });

  it('validates dates, including leap years', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2024-13-01')).toBe(false);
    expect(isLocalDate('24-01-01')).toBe(false);
  });

  it('works out ages on birthdays and the day before', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

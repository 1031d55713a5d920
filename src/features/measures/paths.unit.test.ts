import { describe, expect, it } from 'vitest';
import { breakdownRecordsPath, measuresPath } from './paths.js';

describe('measures paths', () => {
  it('builds a measure at a period, and the scorecard with its flash', () => {
    expect(measuresPath('measure', { id: 'screening_in_time' }, { period: 'FY2026-27-Q2', saved: 1 })).toBe('/measures/screening_in_time?period=FY2026-27-Q2&saved=1');
    expect(measuresPath('measure', { id: 'screening_in_time' }, { period: undefined })).toBe('/measures/screening_in_time');
    expect(measuresPath('breakdown', { id: 'screening_in_time', dimension: 'agency' }, { period: '2026-10' })).toBe('/measures/screening_in_time/breakdown/agency?period=2026-10');
  });

  it('encodes a breakdown row’s free-text label as the records links always have (a space is %20)', () => {
    expect(breakdownRecordsPath('screening_in_time', 'R12-2026-10', 'agency', "St Mary's (A&E) Police")).toBe(
      `/measures/screening_in_time/records?period=R12-2026-10&dimension=agency&label=${encodeURIComponent("St Mary's (A&E) Police")}`,
    );
    expect(breakdownRecordsPath('m', '2026-10', 'agency', 'A B')).toBe('/measures/m/records?period=2026-10&dimension=agency&label=A%20B');
  });
});

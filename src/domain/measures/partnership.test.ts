import { describe, expect, it } from 'vitest';
import { MEASURES } from './definitions.js';
import {
  BOARD_SCOPES,
  COMPLETION_BANDS,
  MEASURE_FAMILY,
  PARTNERSHIP_MEASURES,
  PARTNERSHIP_SECTIONS,
  PARTNERSHIP_SLOTS,
  actionState,
  attendanceMark,
  attendancePercent,
  bandLabel,
  completionBand,
  isPartnershipBoard,
} from './partnership.js';

describe('completion bands', () => {
  it('bands a return by the share of standards answered, at the edges', () => {
    expect(completionBand(0, 10)).toBe('not_started');
    expect(completionBand(5, 0)).toBe('not_started');
    expect(completionBand(1, 10)).toBe('up_to_half');
    expect(completionBand(5, 10)).toBe('up_to_half');
    expect(completionBand(6, 10)).toBe('over_half');
    expect(completionBand(8, 10)).toBe('over_half');
    expect(completionBand(9, 10)).toBe('complete');
    expect(completionBand(10, 10)).toBe('complete');
    expect(completionBand(12, 10)).toBe('complete');
    expect(completionBand(17, 19)).toBe('over_half'); // 89.5%
    expect(completionBand(18, 20)).toBe('complete'); // exactly 90%
  });
  it('labels every band, in the seed report’s order', () => {
    expect(COMPLETION_BANDS.map((b) => bandLabel(b.code))).toEqual(['90–100% complete', 'Over 50% complete', 'Up to 50% complete', 'Not started']);
    expect(bandLabel('other')).toBe('other');
  });
});

describe('actions, attendance', () => {
  it('says where an action stands on a day', () => {
    expect(actionState('completed', '2026-01-01', '2026-06-01')).toBe('completed');
    expect(actionState('cancelled', '2026-01-01', '2026-06-01')).toBe('cancelled');
    expect(actionState('in_progress', '2026-05-31', '2026-06-01')).toBe('overdue');
    expect(actionState('not_started', '2026-06-01', '2026-06-01')).toBe('on_track');
  });
  it('marks attendance as the seed report does and works out the share', () => {
    expect(['attended', 'deputy', 'apologies', 'absent', null].map(attendanceMark)).toEqual(['A', 'D', 'Aps', 'x', '']);
    expect(attendancePercent(3, 4)).toBe(75);
    expect(attendancePercent(1, 3)).toBe(33);
    expect(attendancePercent(2, 3)).toBe(67);
    expect(attendancePercent(0, 0)).toBeNull();
  });
});

describe('the definitions', () => {
  it('are in the engine, each once, each in one section, with its scope family and slots', () => {
    const ids = PARTNERSHIP_MEASURES.map((m) => m.id);
    for (const id of ids) {
      expect(MEASURES.filter((m) => m.id === id)).toHaveLength(1);
      expect(MEASURE_FAMILY[id]).toBeTruthy();
      expect(PARTNERSHIP_SLOTS[id]).toBeTruthy();
    }
    expect(PARTNERSHIP_SECTIONS.flatMap((s) => s.measures).sort()).toEqual([...ids].sort());
    for (const m of PARTNERSHIP_MEASURES) {
      expect(m.numerator.length).toBeGreaterThan(5);
      if (m.unit === 'percent') expect(m.denominator).toBeTruthy();
      expect(m.periods).toContain('financial_year');
    }
  });
  it('gives every board the scopes it owns: both-board courses and the joint tool to children and adults, joint plans to all three', () => {
    expect(BOARD_SCOPES.children.training).toContain('both');
    expect(BOARD_SCOPES.adults.training).toContain('both');
    expect(BOARD_SCOPES.community_safety.training).toEqual(['domestic_abuse']);
    expect(BOARD_SCOPES.children.sa_return).toContain('joint');
    expect(BOARD_SCOPES.adults.sa_return).toEqual(['joint']);
    expect(BOARD_SCOPES.adults.sa_answer).not.toContain('joint:children');
    for (const b of ['children', 'adults', 'community_safety'] as const) expect(BOARD_SCOPES[b].action).toContain('joint');
    expect(isPartnershipBoard('adults')).toBe(true);
    expect(isPartnershipBoard('toString')).toBe(false);
    expect(isPartnershipBoard(1)).toBe(false);
  });
});

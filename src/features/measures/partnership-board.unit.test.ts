import { describe, expect, it } from 'vitest';
import { SCORECARD_TABLE_ROWS, onScreen } from './partnership-board.js';

const table = (n: number) => ({ key: 'k', title: 'Training by agency', note: 'Places on sessions.', head: ['Agency', 'Attended'], rows: Array.from({ length: n }, (_, i) => [`Agency ${i + 1}`, n - i]), numericFrom: 1 });

describe('a scorecard table on screen', () => {
  it('shows a table of up to the limit whole', () => {
    for (const n of [0, 1, SCORECARD_TABLE_ROWS]) expect(onScreen(table(n))).toEqual(table(n));
  });

  it('keeps the first rows of a longer one and says how many more the pack has', () => {
    const shown = onScreen(table(129), 15);
    expect(shown.rows).toHaveLength(15);
    expect(shown.rows[0]).toEqual(['Agency 1', 129]);
    expect(shown.note).toBe('Places on sessions. The first 15 of 129 rows: the annual report data pack has the other 114.');
    expect(onScreen(table(16), 15).note).toContain('has the other 1.');
  });
});

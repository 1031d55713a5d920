import { describe, expect, it } from 'vitest';
import { plural } from './panels.js';
import { presentHome } from './presenters.js';

describe('presentHome', () => {
  const count = (n: number, tone: 'overdue' | 'due' | 'waiting') => ({ count: n, text: 'things', href: '/x', tone });

  it('tags an overdue or due count above zero, never a zero one or work merely waiting', () => {
    const page = presentHome([{ id: 'p', title: 'P', counts: [count(3, 'overdue'), count(0, 'overdue'), count(2, 'due'), count(5, 'waiting')] }]);
    expect(page.panels[0]!.counts.map((c) => c.tag?.text ?? null)).toEqual(['Overdue', null, 'Due today', null]);
    expect(page.panels[0]!.counts[0]!.tag!.classes).toBe('govuk-tag--red');
  });

  it('says a panel with nothing in it has nothing waiting, unless it says so itself', () => {
    expect(presentHome([{ id: 'p', title: 'P', counts: [] }]).panels[0]!.empty).toBe('Nothing waiting for you here.');
    expect(presentHome([{ id: 'p', title: 'P', counts: [], empty: 'No meetings.' }]).panels[0]!.empty).toBe('No meetings.');
    expect(presentHome([{ id: 'p', title: 'P', counts: [], items: [{ text: 'A', href: '/a' }] }]).panels[0]!.empty).toBeUndefined();
    expect(presentHome([{ id: 'p', title: 'P', counts: [count(0, 'waiting')] }]).panels[0]!.empty).toBeUndefined();
    // a panel's own "nothing scheduled" sentence is not said beside the meetings it lists
    expect(presentHome([{ id: 'p', title: 'P', counts: [], items: [{ text: 'A', href: '/a' }], empty: 'No meetings.' }]).panels[0]!.empty).toBeUndefined();
  });

  it('keeps the panels in the order given and says when there are none', () => {
    const page = presentHome([
      { id: 'a', title: 'A', counts: [] },
      { id: 'b', title: 'B', counts: [] },
    ]);
    expect(page.panels.map((p) => p.id)).toEqual(['a', 'b']);
    expect(presentHome([]).panels).toEqual([]);
    expect(presentHome([]).nothing).toMatch(/nothing for you to do/);
  });
});

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(0, 'contact')).toBe('contacts');
    expect(plural(1, 'contact')).toBe('contact');
    expect(plural(2, 'contact')).toBe('contacts');
    expect(plural(1, 'enquiry', 'enquiries')).toBe('enquiry');
    expect(plural(7, 'enquiry', 'enquiries')).toBe('enquiries');
  });
});

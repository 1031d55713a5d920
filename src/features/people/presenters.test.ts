import { describe, expect, it } from 'vitest';
import { ageText, familyGroups, relationshipLabel, timelineItems } from './presenters.js';

describe('person presenters', () => {
  it('writes ages, estimates and expected dates', () => {
    expect(ageText('2014-03-27', 'exact', '2026-11-23')).toBe('27 March 2014, 12 years old');
    expect(ageText('2025-11-24', 'exact', '2026-11-23')).toBe('24 November 2025, 0 years old');
    expect(ageText('2010-01-01', 'estimated', '2026-11-23')).toBe('1 January 2010 (estimated), about 16 years old');
    expect(ageText('2027-01-10', 'unborn', '2026-11-23')).toBe('Unborn, expected 10 January 2027');
    expect(ageText(null, 'exact', '2026-11-23')).toBe('Not known');
  });

  it('reads a stored relationship from either side', () => {
    // Stored "A is parent of B": on A's page B is A's child; on B's page A is B's parent.
    expect(relationshipLabel({ direction: 'out', type: 'parent' })).toBe('Child');
    expect(relationshipLabel({ direction: 'in', type: 'parent' })).toBe('Parent');
    expect(relationshipLabel({ direction: 'out', type: 'da_victim' })).toBe('Alleged perpetrator of domestic abuse against');
    expect(relationshipLabel({ direction: 'in', type: 'sibling' })).toBe('Sibling');
  });

  it('groups a family at a glance, marking past relationships', () => {
    const base = { date_of_birth: null, from_date: null, to_date: null };
    const groups = familyGroups([
      { ...base, direction: 'in', type: 'parent', other_id: 'm', given_names: 'Mum', family_name: 'X' },
      { ...base, direction: 'out', type: 'sibling', other_id: 's', given_names: 'Sis', family_name: 'X' },
      { ...base, direction: 'out', type: 'ex_partner', other_id: 'e', given_names: 'Ex', family_name: 'Y', to_date: '2020-01-01' },
      { ...base, direction: 'out', type: 'parent', other_id: 'c', given_names: 'Kid', family_name: 'X' },
    ]);
    expect(groups.map((g) => g.group)).toEqual(['Parents and carers', 'Children', 'Brothers and sisters', 'Partners']);
    expect(groups[3]!.people[0]).toEqual({ id: 'e', name: 'Ex Y', label: 'Ex-partner', current: false });
  });

  it('makes timeline items that link to their contact, escaping what it shows', () => {
    const [item] = timelineItems([
      { kind: 'decision', at: '2025-06-02 09:30:00+00', contact_id: 'abc', reference: 'C-2025-000001', detail: null, actor: 'Sam', outcome: 'early_help', threshold_level: 2 },
    ]);
    expect(item).toMatchObject({
      label: { html: '<a class="govuk-link" href="/contacts/abc">Screening decision on C-2025-000001</a>' },
      text: 'Level 2: Early help',
      byline: { text: 'Sam' },
      datetime: { timestamp: '2025-06-02T09:30:00.000Z', type: 'relative' },
    });
    const [hostile] = timelineItems([{ kind: 'contact', at: '2025-06-02 09:30:00+00', contact_id: '"x', reference: '<b>', detail: null, actor: null, outcome: null, threshold_level: null }]);
    expect(hostile!.label.html).toBe('<a class="govuk-link" href="/contacts/&quot;x">Contact &lt;b&gt; received</a>');
  });
});

describe('latestChronology', () => {
  it('shows the latest entries and links to the whole chronology only when there are more', async () => {
    const { latestChronology, CHRONOLOGY_LATEST } = await import('./presenters.js');
    const few = Array.from({ length: CHRONOLOGY_LATEST }, (_, i) => i);
    expect(latestChronology(few, 'p1')).toEqual({ timeline: few, chronology: null });
    const many = Array.from({ length: CHRONOLOGY_LATEST + 3 }, (_, i) => i);
    expect(latestChronology(many, 'p1')).toEqual({ timeline: many.slice(0, CHRONOLOGY_LATEST), chronology: { total: CHRONOLOGY_LATEST + 3, href: '/people/p1/chronology' } });
    expect(latestChronology([], 'p1')).toEqual({ timeline: [], chronology: null });
  });
});

import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_CHOICES, RELATIONSHIP_INVERSE, RELATIONSHIP_LABELS, RELATIONSHIP_TYPES, isCode, labelOf, orientRelationship } from './codes.js';

describe('relationship choices', () => {
  const me = 'me';
  const other = 'other';

  it('stores every choice as a known relationship type', () => {
    for (const c of RELATIONSHIP_CHOICES) {
      const r = orientRelationship(c.code, me, other);
      expect(isCode(RELATIONSHIP_TYPES, r.type)).toBe(true);
      expect([r.personId, r.relatedPersonId].sort()).toEqual([me, other]);
    }
  });

  it('reads back, from this person’s side, as the choice that was made', () => {
    for (const c of RELATIONSHIP_CHOICES) {
      const r = orientRelationship(c.code, me, other);
      // What the other person is to me: if they are the subject, their type; otherwise the inverse of mine.
      const theirRole = r.personId === other ? r.type : RELATIONSHIP_INVERSE[r.type];
      expect(theirRole).toBe(c.code);
      expect(RELATIONSHIP_LABELS[theirRole!]).toBeTruthy();
    }
  });

  it('records a child as this person being the parent', () => {
    expect(orientRelationship('child', me, other)).toEqual({ personId: me, relatedPersonId: other, type: 'parent' });
    expect(orientRelationship('parent', me, other)).toEqual({ personId: other, relatedPersonId: me, type: 'parent' });
    expect(orientRelationship('da_alleged_perpetrator', me, other)).toEqual({ personId: other, relatedPersonId: me, type: 'da_alleged_perpetrator' });
  });

  it('refuses a choice it does not know', () => {
    expect(() => orientRelationship('cousin', me, other)).toThrow(/Unknown/);
  });

  it('labels codes and passes unknown codes through', () => {
    expect(labelOf(RELATIONSHIP_CHOICES, 'cared_for')).toBe('Someone they care for');
    expect(labelOf(RELATIONSHIP_CHOICES, 'x')).toBe('x');
    expect(labelOf(RELATIONSHIP_CHOICES, null)).toBe('');
  });
});

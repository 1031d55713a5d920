import { describe, expect, it } from 'vitest';
import { checkboxes, choice, dateInput, dateTimeInput, form, groupDateParts, noFields, parseForm, personName, requiredText, withRules } from './forms.js';

const codes = [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }];

describe('GOV.UK form parsing', () => {
  it('groups date parts under their field', () => {
    expect(groupDateParts({ 'dob-day': '1', 'dob-month': '2', 'dob-year': '2020', other: 'x' })).toEqual({ dob: { day: '1', month: '2', year: '2020' }, other: 'x' });
  });

  it('reports each field once, linking to it, in the order of the form', () => {
    const schema = form({
      name: requiredText({ label: 'Name', required: 'Enter your name', max: 10 }),
      pick: choice(codes, 'Select one'),
      dob: dateInput({ label: 'Date of birth', required: 'Enter your date of birth' }),
    });
    const result = parseForm(schema, { name: 'x'.repeat(11), 'dob-day': '31', 'dob-month': '2', 'dob-year': '2020' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.summary).toEqual([
      { text: 'Name must be 10 characters or fewer', href: '#name' },
      { text: 'Select one', href: '#pick' },
      { text: 'Date of birth must be a real date', href: '#dob-day' },
    ]);
  });

  it('names the missing part of a date and links to it', () => {
    const result = parseForm(form({ dob: dateInput({ label: 'Date of birth' }) }), { 'dob-day': '1', 'dob-year': '2020' });
    expect(result.ok ? null : result.errors.summary).toEqual([{ text: 'Date of birth must include a month', href: '#dob-month' }]);
  });

  it('reads a date and time as London time', () => {
    const result = parseForm(form({ at: dateTimeInput({ label: 'When' }) }), { 'at-day': '2', 'at-month': '6', 'at-year': '2025', 'at-hour': '9', 'at-minute': '30' });
    expect(result.ok && result.value.at?.toISOString()).toBe('2025-06-02T08:30:00.000Z');
  });

  it('refuses a date in the future when it must be past', () => {
    const result = parseForm(form({ at: dateInput({ label: 'Date', past: true, now: () => new Date('2025-01-01T12:00:00Z') }) }), { 'at-day': '2', 'at-month': '1', 'at-year': '2025' });
    expect(result.ok ? null : result.errors.fields.at?.text).toBe('Date must be today or in the past');
  });

  it('refuses markup, control characters and the wrong shape', () => {
    const schema = form({ note: requiredText({ label: 'Note', required: 'Enter a note', max: 100, multiline: true }) });
    expect(parseForm(schema, { note: '<script>x</script>' }).ok).toBe(false);
    expect(parseForm(schema, { note: 'a\u0000b' }).ok).toBe(false);
    expect(parseForm(schema, { note: ['a', 'b'] }).ok).toBe(false);
    expect(parseForm(schema, { note: 'line one\nline two' }).ok).toBe(true);
  });

  it('refuses fields the form does not have, but not the CSRF token', () => {
    const schema = form({ pick: choice(codes, 'Select one') });
    expect(parseForm(schema, { _csrf: 't', pick: 'a' }).ok).toBe(true);
    const extra = parseForm(schema, { pick: 'a', admin: 'true' });
    expect(extra.ok ? null : extra.errors.summary[0]?.text).toContain('fields it does not have (admin)');
    expect(parseForm(noFields, {}).ok).toBe(true);
    expect(parseForm(noFields, { x: '1' }).ok).toBe(false);
  });

  it('reports cross-field rules together with field errors', () => {
    const schema = withRules(form({ a: requiredText({ label: 'A', required: 'Enter A', max: 5 }), b: checkboxes(codes, { invalid: 'Bad' }) }), (v, ctx) => {
      if ((v.b ?? []).length === 0) ctx.addIssue({ code: 'custom', path: ['b'], message: 'Select B' });
    });
    const result = parseForm(schema, {});
    expect(result.ok ? [] : result.errors.summary.map((e) => e.text)).toEqual(['Enter A', 'Select B']);
  });

  it('accepts names in any script, refuses code', () => {
    const schema = form({ n: personName({ label: 'Name', required: 'Enter a name' }) });
    expect(parseForm(schema, { n: 'Zoë O’Brien-Smith' }).ok).toBe(true);
    expect(parseForm(schema, { n: "x'); drop table person; --" }).ok).toBe(false);
  });
});

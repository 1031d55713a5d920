import { describe, expect, it } from 'vitest';
import { pathTo } from './paths.js';

describe('pathTo', () => {
  it('fills each parameter, encoded', () => {
    expect(pathTo('/contacts/:id', { id: 'a1' })).toBe('/contacts/a1');
    expect(pathTo('/contacts/:id/people/:personId/voice', { id: 'a', personId: 'b' })).toBe('/contacts/a/people/b/voice');
    expect(pathTo('/people/:id', { id: 'x/../y?z' })).toBe('/people/x%2F..%2Fy%3Fz');
  });

  it('takes a pattern without parameters', () => {
    expect(pathTo('/contacts', {})).toBe('/contacts');
  });

  it('appends only the query values that are set', () => {
    expect(pathTo('/contacts', {}, { page: 2, status: 'open', q: '', team: null, mine: false, all: true, x: undefined })).toBe('/contacts?page=2&status=open&all=true');
    expect(pathTo('/contacts', {}, { q: 'a b&c' })).toBe('/contacts?q=a+b%26c');
    expect(pathTo('/contacts', {}, {})).toBe('/contacts');
  });

  it('refuses a missing or empty parameter rather than building a broken link', () => {
    expect(() => pathTo('/contacts/:id', { id: '' })).toThrow(/:id/);
    expect(() => pathTo('/contacts/:id', {} as { id: string })).toThrow(/:id/);
  });
});

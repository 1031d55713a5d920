/** The browser journeys' page keys, role keys, screenshot names and size rules (pure: no browser is started). */
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_HEIGHT, MAX_FORM_HEIGHT, MAX_PAGE_HEIGHT, type PageMeasure, pageKey, roleKey, screenshotName, sizeProblems } from './page-key.js';

const fits: PageMeasure = { scrollWidth: 1265, viewportWidth: 1265, height: 1200, paginated: false };

describe('page keys', () => {
  it('replaces record ids and numbers in the path, and ignores the query', () => {
    expect(pageKey('http://127.0.0.1:4000/people/0b7c9a52-1f3e-4c1d-9a0b-5e6f7a8b9c0d/flags?saved=1')).toBe('/people/:id/flags');
    expect(pageKey('http://127.0.0.1:4000/marac/meetings/12/agenda')).toBe('/marac/meetings/:n/agenda');
    expect(pageKey('http://127.0.0.1:4000/measures/2026-27')).toBe('/measures/2026-27');
    expect(pageKey('http://127.0.0.1:4000/')).toBe('/');
  });

  it('uses the label when there is one', () => {
    expect(pageKey('http://127.0.0.1:4000/people', 'search results with reasons')).toBe('search results with reasons');
  });

  it('names the signed-in roles, sorted, or says no one is signed in', () => {
    expect(roleKey('mash_screener')).toBe('mash_screener');
    expect(roleKey('social_worker mash_manager')).toBe('mash_manager+social_worker');
    expect(roleKey(null)).toBe('signed-out');
    expect(roleKey('')).toBe('signed-out');
  });

  it('turns a key into a file name', () => {
    expect(screenshotName('/people/:id/flags')).toBe('people-id-flags');
    expect(screenshotName('/')).toBe('home');
    expect(screenshotName('Add a name, with errors')).toBe('add-a-name-with-errors');
  });
});

describe('page sizes', () => {
  it('passes a page that fits', () => {
    expect(sizeProblems('/people', fits)).toEqual([]);
  });

  it('fails a page wider than the viewport, naming what reaches past it', () => {
    expect(sizeProblems('/worklist', { ...fits, scrollWidth: 1400, overflowing: ['table.govuk-table'] })).toEqual([
      'wider than the viewport: 1400 px in 1265 px (reaching past it: table.govuk-table)',
    ]);
  });

  it('fails a page taller than the limit unless it is paginated or allowed', () => {
    const tall = { ...fits, height: MAX_PAGE_HEIGHT + 1 };
    expect(sizeProblems('/worklist', tall)).toEqual([`taller than ${MAX_PAGE_HEIGHT} px without pagination: ${MAX_PAGE_HEIGHT + 1} px`]);
    expect(sizeProblems('/worklist', { ...tall, paginated: true })).toEqual([]);
    expect(sizeProblems('/measures/report', tall, MAX_PAGE_HEIGHT, { '/measures/report': 'printed' })).toEqual([]);
    expect(sizeProblems('/worklist', { ...fits, height: MAX_PAGE_HEIGHT })).toEqual([]);
  });

  it('holds a document (main.app-document) to the document limit', () => {
    const doc = { ...fits, document: true };
    expect(sizeProblems('/measures/report', { ...doc, height: MAX_FORM_HEIGHT + 1 })).toEqual([]);
    expect(sizeProblems('/measures/report', { ...doc, height: MAX_DOCUMENT_HEIGHT + 1 })).toEqual([`a document taller than ${MAX_DOCUMENT_HEIGHT} px: ${MAX_DOCUMENT_HEIGHT + 1} px`]);
  });

  it('holds a question page (one form and little else) to the form limit, and names it a form', () => {
    const form = { ...fits, form: true };
    expect(sizeProblems('/dash', { ...form, height: MAX_PAGE_HEIGHT + 1 })).toEqual([]);
    expect(sizeProblems('/dash', { ...form, height: MAX_FORM_HEIGHT })).toEqual([]);
    expect(sizeProblems('/dash', { ...form, height: MAX_FORM_HEIGHT + 1 })).toEqual([`a form taller than ${MAX_FORM_HEIGHT} px (split it into steps): ${MAX_FORM_HEIGHT + 1} px`]);
  });
});

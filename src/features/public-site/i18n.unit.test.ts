/**
 * The public site's catalogues: every language has every English message and no other, with the same placeholders
 * and the same number of paragraphs; each translation's review status is stated; right-to-left languages are
 * marked; the translator fills placeholders and falls back to English only for a message a language lacks.
 */
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, isolateNumbers, placeholders, readCatalogue, readStatus, translator } from './i18n.js';

const english = readCatalogue('en');

describe('the catalogues', () => {
  it('has an English source with messages in every namespace the pages use', () => {
    expect(Object.keys(english).length).toBeGreaterThan(50);
    for (const ns of ['common', 'home', 'tracks']) expect(Object.keys(english).some((k) => k.startsWith(`${ns}.`))).toBe(true);
  });

  for (const l of LANGUAGES.filter((x) => x.code !== 'en')) {
    describe(`${l.english} (${l.code})`, () => {
      const own = readCatalogue(l.code);
      it('has every English message and no other', () => {
        expect(Object.keys(own).filter((k) => !(k in english))).toEqual([]);
        expect(Object.keys(english).filter((k) => !(k in own))).toEqual([]);
      });
      it('keeps each message’s placeholders and paragraphs', () => {
        const wrong: string[] = [];
        for (const [key, message] of Object.entries(english)) {
          const theirs = own[key];
          if (theirs === undefined) continue;
          if (placeholders(theirs).join() !== placeholders(message).join()) wrong.push(`${key}: placeholders ${placeholders(theirs).join()} ≠ ${placeholders(message).join()}`);
          if (Array.isArray(message) !== Array.isArray(theirs) || (Array.isArray(message) && message.length !== (theirs as string[]).length)) wrong.push(`${key}: paragraphs`);
          if ((Array.isArray(theirs) ? theirs : [theirs]).some((p) => p.trim() === '')) wrong.push(`${key}: empty`);
        }
        expect(wrong).toEqual([]);
      });
      it('states whether a qualified translator has reviewed it', () => {
        expect(existsSync(join('src/features/public-site/messages', l.code, '_meta.json'))).toBe(true);
        const status = readStatus(l.code);
        expect(['reviewed', 'awaiting_review']).toContain(status.status);
        if (status.status === 'reviewed') expect(status.reviewedBy && status.reviewedOn).toBeTruthy();
      });
    });
  }

  it('marks Urdu and Arabic right to left and the rest left to right', () => {
    expect(LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ur', 'ar']);
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(6);
  });
});

describe('the translator', () => {
  it('fills placeholders, leaves unknown ones, and throws for a key English lacks', () => {
    const t = translator('en');
    expect(t.t('common.phones.children', { phone: '01632 960 000' })).toContain('01632 960 000');
    expect(t.t('common.phones.children')).toContain('{phone}');
    expect(() => t.t('no.such.key')).toThrow(/no message/);
    expect(t.paragraphs('tracks.exit').length).toBeGreaterThan(1);
  });

  it('reads namespaces from files, flattens nested messages and ignores files starting with _', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    mkdirSync(join(dir, 'xx'));
    writeFileSync(join(dir, 'xx', 'a.json'), JSON.stringify({ b: { c: 'one', d: ['p1', 'p2'] } }));
    writeFileSync(join(dir, 'xx', '_meta.json'), JSON.stringify({ status: 'reviewed', reviewedBy: 'A translator', reviewedOn: '2026-12-01' }));
    expect(readCatalogue('xx', dir)).toEqual({ 'a.b.c': 'one', 'a.b.d': ['p1', 'p2'] });
    expect(readStatus('xx', dir).status).toBe('reviewed');
    expect(readStatus('zz', dir).status).toBe('awaiting_review');
    writeFileSync(join(dir, 'xx', 'bad.json'), JSON.stringify({ n: 3 }));
    expect(() => readCatalogue('xx', dir)).toThrow(/must be text/);
  });

  it('keeps a grouped number left to right in right-to-left text, and leaves other text alone', () => {
    expect(isolateNumbers('اتصل على 0808 2000 247 الآن')).toBe('اتصل على \u20660808 2000 247\u2069 الآن');
    expect(isolateNumbers('اتصل على 999')).toBe('اتصل على 999');
    expect(isolateNumbers('+44 1632 960000')).toBe('\u2066+44 1632 960000\u2069');
    expect(translator('ur').t('common.phones.children', { phone: '01632 960 000' })).toContain('\u206601632 960 000\u2069');
    expect(translator('pl').t('common.phones.children', { phone: '01632 960 000' })).not.toContain('\u2066');
  });

  it('falls back to English for a message a language lacks, and says so', () => {
    const pl = translator('pl');
    const key = 'common.continue';
    expect(typeof pl.t(key)).toBe('string');
    expect(pl.isFallback(key)).toBe(readCatalogue('pl')[key] === undefined);
    expect(translator('xx').lang.code).toBe('en');
  });
});

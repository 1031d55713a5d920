import { describe, expect, it } from 'vitest';
import { containsControlCharacters, containsMarkup, isPlausibleName, tidy } from './text.js';

describe('free text rules', () => {
  it.each(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</div>', '<!-- x -->', '<svg/onload=alert(1)>'])('finds markup in %s', (s) => {
    expect(containsMarkup(s)).toBe(true);
  });

  it.each(['He said x < y and 3 > 2', 'I <3 my dog', 'a<b', 'SELECT * FROM contact', "it's 5 o'clock"])('allows ordinary text: %s', (s) => {
    expect(containsMarkup(s)).toBe(false);
  });

  it('finds control characters but allows line breaks and tabs', () => {
    expect(containsControlCharacters('a\u0000b')).toBe(true);
    expect(containsControlCharacters('a\u001bb')).toBe(true);
    expect(containsControlCharacters('line one\nline two\r\n\tindented')).toBe(false);
  });

  it.each(['Zoë', "O'Brien", 'Anne-Marie', 'Nguyễn', 'St. John', 'Ó Súilleabháin', 'Łukasz', 'محمد'])('accepts the name %s', (n) => {
    expect(isPlausibleName(n)).toBe(true);
  });

  it.each(["Robert'); DROP TABLE", '<b>Bob</b>', '123', '-Leading', 'a@b'])('refuses the name %s', (n) => {
    expect(isPlausibleName(n)).toBe(false);
  });

  it('tidies whitespace', () => {
    expect(tidy('  Anne   Marie \t ')).toBe('Anne Marie');
  });
});

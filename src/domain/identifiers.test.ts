import { describe, expect, it } from 'vitest';
import { EXAMPLE_NHS_NUMBER, formatNhsNumber, isValidNhsNumber, isValidUpn, isValidUprn, nhsNumberFromNine, normaliseNhsNumber, normalisePnc, normalisePostcode, upnCheckLetter } from './identifiers.js';

describe('NHS numbers', () => {
  it('accepts numbers whose modulus 11 check digit is right, however spaced', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
  });

  it('refuses a wrong check digit, a check digit of 10, and anything not 10 digits', () => {
    expect(isValidNhsNumber('9434765910')).toBe(false);
    // 000000001x: sum = 1*2 = 2, 11 - 2 = 9 → valid with 9; find a nine-digit stem whose check would be 10.
    const stem = Array.from({ length: 1000 }, (_, i) => String(i).padStart(9, '0')).find((s) => nhsNumberFromNine(s) === null)!;
    for (let d = 0; d <= 9; d += 1) expect(isValidNhsNumber(`${stem}${d}`)).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659l9')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('agrees with the generator for every nine-digit stem tried', () => {
    for (let i = 0; i < 5000; i += 7) {
      const stem = String(123_456_000 + i);
      const n = nhsNumberFromNine(stem);
      if (n) expect(isValidNhsNumber(n)).toBe(true);
    }
  });

  it('formats in the 3 3 4 pattern', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});

describe('UK postcodes', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['SW1A 1AA', 'SW1A 1AA'],
    ['  m1   1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['GIR 0AA', 'GIR 0AA'],
    ['FM1 2AB', 'FM1 2AB'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each(['', 'SW1A', '1AA SW1', 'QA1 1AA', 'AB1 1CI', 'SW1A 1AAA', 'SW1A-1AA', 'ZZ99 3AA'])('refuses %s', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});

describe('unique pupil numbers', () => {
  it('accepts a UPN whose check letter agrees, and refuses one that does not', () => {
    const twelve = '801200113001';
    const upn = `${upnCheckLetter(twelve)}${twelve}`;
    expect(isValidUpn(upn)).toBe(true);
    expect(isValidUpn(upn.toLowerCase())).toBe(true);
    const wrong = `${upn[0] === 'A' ? 'B' : 'A'}${twelve}`;
    expect(isValidUpn(wrong)).toBe(false);
    expect(isValidUpn('A12345')).toBe(false);
  });

  it('allows a letter in the last place (temporary UPN) but never I, O or S', () => {
    expect(upnCheckLetter('80120011300A')).not.toBeNull();
    expect(upnCheckLetter('80120011300I')).toBeNull();
  });

  it('catches every single-digit error in a UPN', () => {
    const twelve = '938400212345';
    const upn = `${upnCheckLetter(twelve)}${twelve}`;
    for (let pos = 1; pos < 13; pos += 1) {
      for (let d = 0; d <= 9; d += 1) {
        const altered = upn.slice(0, pos) + d + upn.slice(pos + 1);
        if (altered !== upn) expect(isValidUpn(altered)).toBe(false);
      }
    }
  });
});

describe('PNC IDs and UPRNs', () => {
  it('normalises a PNC ID to YY/NNNNNNNL', () => {
    expect(normalisePnc('99/123A')).toBe('99/0000123A');
    expect(normalisePnc(' 07/1234567z ')).toBe('07/1234567Z');
    expect(normalisePnc('1234567A')).toBeNull();
    expect(normalisePnc('99/12345678A')).toBeNull();
  });

  it('checks UPRNs are numbers of up to 12 digits', () => {
    expect(isValidUprn('100023336956')).toBe(true);
    expect(isValidUprn('1000233369561')).toBe(false);
    expect(isValidUprn('0')).toBe(false);
    expect(isValidUprn('12a')).toBe(false);
  });
});

describe('the example NHS number', () => {
  it('is valid, so an error message or a document never shows a number the check refuses', () => {
    expect(isValidNhsNumber(EXAMPLE_NHS_NUMBER)).toBe(true);
    expect(normaliseNhsNumber(EXAMPLE_NHS_NUMBER).startsWith('999')).toBe(true);
  });
});

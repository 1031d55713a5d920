import { describe, expect, it } from 'vitest';
import { NAME_NOT_RECORDED, RESTRICTED_PERSON, displayName, nameParts, personName } from './names.js';

describe('personName', () => {
  it('is the given names then the family name, from a row or from a form', () => {
    expect(personName({ given_names: 'Alex', family_name: 'Testwood' })).toBe('Alex Testwood');
    expect(personName({ givenNames: 'Alex', familyName: 'Testwood' })).toBe('Alex Testwood');
  });

  it('keeps every given name, and family names of more than one word, in their order', () => {
    expect(personName({ given_names: 'Mary Jane Ann', family_name: 'Fixture' })).toBe('Mary Jane Ann Fixture');
    expect(personName({ given_names: 'Sam', family_name: 'Testwood-Ray' })).toBe('Sam Testwood-Ray');
    expect(personName({ given_names: 'Ana', family_name: 'de la Prueba' })).toBe('Ana de la Prueba');
    expect(personName({ given_names: 'Siân', family_name: 'O’Fixture' })).toBe('Siân O’Fixture');
  });

  it('leaves the letters as they were typed (no change of case)', () => {
    expect(personName({ given_names: 'alex', family_name: 'TESTWOOD' })).toBe('alex TESTWOOD');
    expect(personName({ given_names: 'Jo', family_name: 'McFixture' })).toBe('Jo McFixture');
  });

  it('trims each part and collapses the spaces inside it', () => {
    expect(personName({ given_names: '  Alex  ', family_name: ' Testwood ' })).toBe('Alex Testwood');
    expect(personName({ given_names: 'Mary \t Jane', family_name: 'Fixture\n' })).toBe('Mary Jane Fixture');
  });

  it('leaves out a missing or blank part, never leaving a stray space', () => {
    expect(personName({ given_names: 'Alex', family_name: '' })).toBe('Alex');
    expect(personName({ given_names: 'Alex', family_name: null })).toBe('Alex');
    expect(personName({ given_names: 'Alex' })).toBe('Alex');
    expect(personName({ given_names: '', family_name: 'Testwood' })).toBe('Testwood');
    expect(personName({ given_names: '   ', family_name: 'Testwood' })).toBe('Testwood');
    expect(personName({ givenNames: null, familyName: 'Testwood' })).toBe('Testwood');
    expect(personName({ familyName: 'Testwood' })).toBe('Testwood');
  });

  it('says the name is not recorded when no part is, or there is no name', () => {
    for (const name of [null, undefined, {}, { given_names: '', family_name: '' }, { given_names: ' ', family_name: '\t' }, { given_names: null, family_name: null }, { givenNames: '', familyName: '' }]) {
      expect(personName(name)).toBe(NAME_NOT_RECORDED);
    }
    expect(NAME_NOT_RECORDED).toBe('Name not recorded');
  });

  it('says what the caller asks when there is no name', () => {
    expect(personName(null, { missing: 'Not named' })).toBe('Not named');
    expect(personName({ given_names: '', family_name: '' }, { missing: 'a record' })).toBe('a record');
    expect(personName({ given_names: 'Alex', family_name: 'Testwood' }, { missing: 'Not named' })).toBe('Alex Testwood');
  });

  it('withholds the name of a restricted person the viewer has not opened, whatever the name', () => {
    expect(personName({ given_names: 'Alex', family_name: 'Testwood' }, { withheld: true })).toBe(RESTRICTED_PERSON);
    expect(personName(null, { withheld: true })).toBe(RESTRICTED_PERSON);
    expect(personName({ given_names: 'Alex', family_name: 'Testwood' }, { withheld: true, knownAs: { given_names: 'Lex', family_name: 'Testwood' }, missing: 'x' })).toBe(RESTRICTED_PERSON);
    expect(personName({ given_names: 'Alex', family_name: 'Testwood' }, { withheld: false })).toBe('Alex Testwood');
    expect(RESTRICTED_PERSON).toBe('Restricted person');
  });

  it('adds the name the person is known by, in brackets', () => {
    expect(personName({ given_names: 'Jonathan', family_name: 'Fixture' }, { knownAs: { given_names: 'Jon', family_name: 'Fixture' } })).toBe('Jonathan Fixture (known as Jon Fixture)');
    expect(personName({ givenNames: 'Jonathan', familyName: 'Fixture' }, { knownAs: { givenNames: 'Jonny', familyName: 'Sample' } })).toBe('Jonathan Fixture (known as Jonny Sample)');
    expect(personName({ given_names: 'Jonathan', family_name: 'Fixture' }, { knownAs: { given_names: ' Jon ', family_name: '' } })).toBe('Jonathan Fixture (known as Jon)');
  });

  it('leaves out a known-as name that is blank, missing or the same name', () => {
    const name = { given_names: 'Alex', family_name: 'Testwood' };
    expect(personName(name, { knownAs: null })).toBe('Alex Testwood');
    expect(personName(name, { knownAs: undefined })).toBe('Alex Testwood');
    expect(personName(name, { knownAs: { given_names: '', family_name: ' ' } })).toBe('Alex Testwood');
    expect(personName(name, { knownAs: { given_names: 'alex ', family_name: 'TESTWOOD' } })).toBe('Alex Testwood');
  });

  it('does not show a known-as name alone when the name itself is not recorded', () => {
    expect(personName({ given_names: '', family_name: '' }, { knownAs: { given_names: 'Jon', family_name: 'Fixture' } })).toBe(NAME_NOT_RECORDED);
  });
});

describe('nameParts', () => {
  it('reads either spelling of the parts, tidied, with blanks for missing parts', () => {
    expect(nameParts({ given_names: ' Alex ', family_name: 'Testwood' })).toEqual({ givenNames: 'Alex', familyName: 'Testwood' });
    expect(nameParts({ givenNames: 'Alex', familyName: null })).toEqual({ givenNames: 'Alex', familyName: '' });
    expect(nameParts(null)).toEqual({ givenNames: '', familyName: '' });
    expect(nameParts({})).toEqual({ givenNames: '', familyName: '' });
  });

  it('reads nothing from a value that is not a name (a template handing over the wrong thing)', () => {
    expect(nameParts('Alex Testwood' as never)).toEqual({ givenNames: '', familyName: '' });
    expect(nameParts(42 as never)).toEqual({ givenNames: '', familyName: '' });
    expect(nameParts({ given_names: 42, family_name: ['x'] } as never)).toEqual({ givenNames: '', familyName: '' });
    expect(personName('Alex Testwood' as never)).toBe(NAME_NOT_RECORDED);
  });
});

describe('displayName: a person in a list', () => {
  const alex = { given_names: 'Alex', family_name: 'Testwood' };

  it('names a person who is not restricted, opened or not', () => {
    expect(displayName({ ...alex, restricted: false }, false)).toBe('Alex Testwood');
    expect(displayName({ ...alex, restricted: false }, true)).toBe('Alex Testwood');
  });

  it('names a restricted person only to a viewer who has opened their record', () => {
    expect(displayName({ ...alex, restricted: true }, false)).toBe(RESTRICTED_PERSON);
    expect(displayName({ ...alex, restricted: true }, true)).toBe('Alex Testwood');
  });

  it('says a name is not recorded rather than showing a blank', () => {
    expect(displayName({ given_names: '', family_name: '', restricted: false }, false)).toBe(NAME_NOT_RECORDED);
  });
});

/**
 * People's names as Threshold shows them, in one place: given names then family name ("Alex Testwood"), each part
 * trimmed and its inner spaces collapsed, a missing or blank part left out; a name with no part at all says so; a
 * restricted person whose record the viewer has not opened is "Restricted person", never named; another name the
 * person is known by follows in brackets. Pages, messages, referrals and the names stored on a MARAC referral use it.
 * (SQL that joins names for a list, `given_names || ' ' || family_name`, gives the same text for a full name.)
 */

/**
 * A person's name as the records hold it: a row from SQL (`given_names`, `family_name`) or a value from a form or
 * the API (`givenNames`, `familyName`). Either part may be missing.
 */
export type NameParts =
  | { readonly given_names?: string | null; readonly family_name?: string | null }
  | { readonly givenNames?: string | null; readonly familyName?: string | null };

/** Said for a person whose name has no part recorded (unless the caller says otherwise). */
export const NAME_NOT_RECORDED = 'Name not recorded';

/** Said instead of the name of a restricted person the viewer has not opened. */
export const RESTRICTED_PERSON = 'Restricted person';

export interface NameOptions {
  /** Said when there is no name or no part of it is recorded (default: "Name not recorded"). */
  missing?: string;
  /** Another name the person is known by, shown after the name: "Jonathan Smith (known as Jon Smith)". Left out when blank or the same name. */
  knownAs?: NameParts | null;
  /** The name is withheld from this viewer (a restricted person they have not opened): "Restricted person" is said instead. */
  withheld?: boolean;
}

function part(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
}

/** The name's parts, tidied: given names and family name ('' when missing). */
export function nameParts(name: NameParts | null | undefined): { givenNames: string; familyName: string } {
  if (!name || typeof name !== 'object') return { givenNames: '', familyName: '' };
  if ('given_names' in name || 'family_name' in name) {
    const row = name as { given_names?: string | null; family_name?: string | null };
    return { givenNames: part(row.given_names), familyName: part(row.family_name) };
  }
  const value = name as { givenNames?: string | null; familyName?: string | null };
  return { givenNames: part(value.givenNames), familyName: part(value.familyName) };
}

/** The full name, given names then family name, or '' when neither part is recorded. */
function joined(name: NameParts | null | undefined): string {
  const { givenNames, familyName } = nameParts(name);
  return [givenNames, familyName].filter(Boolean).join(' ');
}

/** A person's name as shown: "Alex Testwood"; see `NameOptions` for a missing, withheld or known-as name. */
export function personName(name: NameParts | null | undefined, options: NameOptions = {}): string {
  if (options.withheld) return RESTRICTED_PERSON;
  const full = joined(name);
  if (!full) return options.missing ?? NAME_NOT_RECORDED;
  const knownAs = joined(options.knownAs);
  return knownAs && knownAs.toLocaleLowerCase('en-GB') !== full.toLocaleLowerCase('en-GB') ? `${full} (known as ${knownAs})` : full;
}

/**
 * The name shown for a person in lists and search results: a restricted person is not named to a viewer who has
 * not opened their record (`revealed`).
 */
export function displayName(person: NameParts & { readonly restricted: boolean }, revealed: boolean): string {
  return personName(person, { withheld: person.restricted && !revealed });
}

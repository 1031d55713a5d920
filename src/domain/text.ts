/** Rules for free text typed by practitioners: what is refused, and how names are compared. */

// As browsers read tags: "<" directly followed by a letter, "/", "!" or "?" (so "x < y" is text).
const MARKUP = /<\/?[a-z!?][^>]*>/i;
// C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates are handled by zod/JSON.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Text that looks like HTML or a script is refused: records are read by many agencies in many systems. */
export function containsMarkup(value: string): boolean {
  return MARKUP.test(value);
}

export function containsControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** Letters (any script), spaces, hyphens, apostrophes and full stops: what a person's name is made of. */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .\u2019-]*$/u;

export function isPlausibleName(value: string): boolean {
  return NAME.test(value.trim());
}

/** Trim and collapse internal whitespace. */
export function tidy(value: string): string {
  return value.trim().replace(/[ \t]+/g, ' ');
}

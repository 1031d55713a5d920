/**
 * The public site's languages and message catalogues. Every page's words come from a catalogue
 * (`messages/<language>/<namespace>.json`); English is the source, and each other language says whether a
 * qualified translator has reviewed it (`messages/<language>/_meta.json`). Nothing is machine-translated at run
 * time, and a report is kept in the words the reporter used.
 *
 * Keys are `namespace.path.to.message` (e.g. `report.danger.title`); `{name}` in a message is replaced by a
 * parameter. A message may be a list of paragraphs (an array of strings).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Language {
  code: string;
  /** The language's name in English, for staff pages ("Polish"). */
  english: string;
  /** Its name in itself, for the switcher ("Polski"). */
  endonym: string;
  dir: 'ltr' | 'rtl';
}

/** The borough's community languages offered on the public site, English first. */
export const LANGUAGES: readonly Language[] = [
  { code: 'en', english: 'English', endonym: 'English', dir: 'ltr' },
  { code: 'pl', english: 'Polish', endonym: 'Polski', dir: 'ltr' },
  { code: 'ro', english: 'Romanian', endonym: 'Română', dir: 'ltr' },
  { code: 'sk', english: 'Slovak', endonym: 'Slovenčina', dir: 'ltr' },
  { code: 'ur', english: 'Urdu', endonym: 'اردو', dir: 'rtl' },
  { code: 'ar', english: 'Arabic', endonym: 'العربية', dir: 'rtl' },
];

export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code);

export function language(code: string): Language | undefined {
  return LANGUAGES.find((l) => l.code === code);
}

export interface TranslationStatus {
  /** source (English), reviewed (checked by a qualified translator), awaiting_review (not yet checked). */
  status: 'source' | 'reviewed' | 'awaiting_review';
  /** Who reviewed it and when, once reviewed ("Qualified translator (DPSI), Fernmoor Interpreting Service"). */
  reviewedBy?: string;
  reviewedOn?: string;
}

type Message = string | string[];
type Catalogue = Record<string, Message>;

const MESSAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'messages');

function flatten(prefix: string, value: unknown, out: Catalogue): void {
  if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    out[prefix] = value as Message;
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
    return;
  }
  throw new Error(`message ${prefix} must be text, a list of paragraphs or an object of messages`);
}

/** Reads one language's catalogue: every `<namespace>.json` in its folder, keys prefixed by the namespace. */
export function readCatalogue(code: string, dir = MESSAGES_DIR): Catalogue {
  const folder = join(dir, code);
  const out: Catalogue = {};
  if (!existsSync(folder)) return out;
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json') || file.startsWith('_')) continue;
    flatten(file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(folder, file), 'utf8')), out);
  }
  return out;
}

export function readStatus(code: string, dir = MESSAGES_DIR): TranslationStatus {
  if (code === 'en') return { status: 'source' };
  const file = join(dir, code, '_meta.json');
  if (!existsSync(file)) return { status: 'awaiting_review' };
  return JSON.parse(readFileSync(file, 'utf8')) as TranslationStatus;
}

/** The `{name}` placeholders a message uses. */
export function placeholders(message: Message): string[] {
  const text = Array.isArray(message) ? message.join('\n') : message;
  return [...new Set([...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)].map((m) => m[1]!))].sort();
}

function fill(message: string, params: Record<string, string | number>): string {
  return message.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * In right-to-left text, a number written in groups ("01632 960 000") is isolated left to right (Unicode LRI … PDI):
 * otherwise the bidirectional algorithm lays its groups out right to left and the number reads "000 960 01632".
 */
export function isolateNumbers(text: string): string {
  return text.replace(/\+?\d[\d ]*\d/g, (n) => (n.includes(' ') ? `\u2066${n}\u2069` : n));
}

export interface Translator {
  lang: Language;
  status: TranslationStatus;
  /** The message for `key` in this language (English when this language lacks it: a test keeps them complete). */
  t(key: string, params?: Record<string, string | number>): string;
  /** A message that is a list of paragraphs. */
  paragraphs(key: string, params?: Record<string, string | number>): string[];
  /** Whether the message for `key` fell back to English (so a page can mark it `lang="en"`). */
  isFallback(key: string): boolean;
}

const catalogues = new Map<string, Catalogue>();
const statuses = new Map<string, TranslationStatus>();

function catalogue(code: string): Catalogue {
  let c = catalogues.get(code);
  if (!c) {
    c = readCatalogue(code);
    catalogues.set(code, c);
  }
  return c;
}

/** The translator for a supported language (read once, then kept). */
export function translator(code: string): Translator {
  const lang = language(code) ?? LANGUAGES[0]!;
  const own = catalogue(lang.code);
  const english = catalogue('en');
  let status = statuses.get(lang.code);
  if (!status) {
    status = readStatus(lang.code);
    statuses.set(lang.code, status);
  }
  const find = (key: string): Message => {
    const m = own[key] ?? english[key];
    if (m === undefined) throw new Error(`no message ${key} in the English catalogue`);
    return m;
  };
  const out = lang.dir === 'rtl' ? isolateNumbers : (text: string) => text;
  return {
    lang,
    status,
    t: (key, params = {}) => {
      const m = find(key);
      return out(fill(Array.isArray(m) ? m.join('\n\n') : m, params));
    },
    paragraphs: (key, params = {}) => {
      const m = find(key);
      return (Array.isArray(m) ? m : [m]).map((p) => out(fill(p, params)));
    },
    isFallback: (key) => own[key] === undefined,
  };
}

/**
 * Form handling for GOV.UK pages: zod schemas with the Design System's error messages, and the mapping from zod
 * issues to the error summary (`{text, href}`) and inline field errors.
 */
import { z } from 'zod';
import { type Code, isCode } from '../domain/codes.js';
import { normalisePostcode } from '../domain/identifiers.js';
import { containsControlCharacters, containsMarkup, isPlausibleName, tidy } from '../domain/text.js';
import { type LocalDate, formatLocalDate, isRealDate, instantAt, londonDate } from '../domain/time.js';

export interface ErrorItem {
  text: string;
  href: string;
}

export interface FormErrors {
  summary: ErrorItem[];
  fields: Record<string, { text: string }>;
}

export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FormErrors; values: Record<string, unknown> };

const DATE_PARTS = ['day', 'month', 'year', 'hour', 'minute'] as const;

/** Names that reach an object's prototype: never used as a key here (input-safety.ts refuses them earlier too). */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Groups `name-day`, `name-month`, … into `name: {day, month, …}` so one schema checks a whole date. The result
 * and every group are null-prototype objects, and reserved names (`__proto__`, `constructor`, `prototype`) are
 * skipped, whether as a whole key or as the prefix of a date part: nothing here can reach Object.prototype.
 */
export function groupDateParts(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (RESERVED.has(key)) continue;
    const m = /^(.+)-(day|month|year|hour|minute)$/.exec(key);
    if (m && m[1] && m[2]) {
      const name = m[1];
      if (RESERVED.has(name)) continue;
      if (!Object.hasOwn(out, name)) out[name] = Object.create(null);
      const group = out[name];
      if (typeof group === 'object' && group !== null && !Array.isArray(group)) (group as Record<string, unknown>)[m[2]] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function hrefFor(path: readonly PropertyKey[], body: Record<string, unknown>): string {
  const [first, second] = path;
  const name = String(first ?? '');
  if (typeof second === 'string' && (DATE_PARTS as readonly string[]).includes(second)) return `#${name}-${second}`;
  if (`${name}-day` in body) return `#${name}-day`;
  if (typeof second === 'number') return `#${name}-${second}`;
  return `#${name}`;
}

/**
 * A form's fields. Strict: a field the form does not have is refused, so nothing a page did not ask for is ever
 * read or saved. (The CSRF token is removed before parsing.)
 */
export function form<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape);
}

/** For buttons that post no fields of their own (unlock, remove…): anything sent is refused. */
export const noFields = form({});

/**
 * What a refused form shows again: only what a browser's form can send (text, or a list of texts). A body posted
 * as JSON can carry numbers, objects or null in any field; those are not shown back, so no page template meets a
 * type its fields never have.
 */
function redisplayable(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (RESERVED.has(key)) continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

export function parseForm<S extends z.ZodType>(schema: S, rawBody: unknown): FormResult<z.output<S>> {
  const input = rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? (rawBody as Record<string, unknown>) : {};
  const { _csrf: _token, ...body } = input;
  const grouped = groupDateParts(body);
  const result = schema.safeParse(grouped);
  if (result.success) return { ok: true, value: result.data };
  const summary: ErrorItem[] = [];
  const fields: Record<string, { text: string }> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const text = `The form sent fields it does not have (${issue.keys.slice(0, 5).join(', ')}). Reload the page and try again.`;
      if (!fields.form) {
        fields.form = { text };
        summary.push({ text, href: '#main-content' });
      }
      continue;
    }
    const key = String(issue.path[0] ?? 'form');
    if (fields[key]) continue; // one message per field, the first
    fields[key] = { text: issue.message };
    summary.push({ text: issue.message, href: hrefFor(issue.path, body) });
  }
  return { ok: false, errors: { summary, fields }, values: redisplayable(body) };
}

/** Errors raised by a service after the form was valid (e.g. a rule across fields). */
export function errorsFrom(problems: Record<string, string>, body: Record<string, unknown> = {}): FormErrors {
  const summary: ErrorItem[] = [];
  const fields: Record<string, { text: string }> = {};
  for (const [field, text] of Object.entries(problems)) {
    fields[field] = { text };
    summary.push({ text, href: hrefFor([field], body) });
  }
  return { summary, fields };
}

// ——— field builders ———

const single = (v: unknown) => (Array.isArray(v) ? v : v);

interface TextOptions {
  /** Message when empty; omit for an optional field (empty → null). */
  required?: string;
  max: number;
  label: string;
  /** Multi-line text keeps its line breaks. */
  multiline?: boolean;
}

function checkText(value: string, options: TextOptions, ctx: z.RefinementCtx): void {
  if (value.length > options.max) {
    ctx.addIssue({ code: 'custom', message: `${options.label} must be ${options.max.toLocaleString('en-GB')} characters or fewer` });
  } else if (containsMarkup(value)) {
    ctx.addIssue({ code: 'custom', message: `${options.label} must not contain HTML or script tags` });
  } else if (containsControlCharacters(value)) {
    ctx.addIssue({ code: 'custom', message: `${options.label} must not contain control characters` });
  } else if (!options.multiline && /[\r\n]/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${options.label} must be on one line` });
  }
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Any field: runs `read` on the raw value, which may be missing (a key the browser did not send reads as
 * undefined rather than failing as "not optional").
 */
export function field<T>(read: (value: unknown, ctx: z.RefinementCtx) => T) {
  return z.unknown().optional().transform((v, ctx) => read(v, ctx));
}

function readText(v: unknown, options: TextOptions, ctx: z.RefinementCtx): string {
  if (typeof v !== 'string') {
    ctx.addIssue({ code: 'custom', message: `${options.label} must be text` });
    return z.NEVER;
  }
  const value = options.multiline ? v.trim() : tidy(v);
  checkText(value, options, ctx);
  return value;
}

export function requiredText(options: TextOptions & { required: string }) {
  return field((v, ctx): string => {
    if (isBlank(v)) {
      ctx.addIssue({ code: 'custom', message: options.required });
      return z.NEVER;
    }
    return readText(v, options, ctx);
  });
}

export function optionalText(options: Omit<TextOptions, 'required'>) {
  return field((v, ctx): string | null => (isBlank(v) ? null : readText(v, options, ctx)));
}

/** An id chosen from a list, or nothing. */
export function optionalUuid(message: string) {
  return field((v, ctx): string | null => {
    if (isBlank(v)) return null;
    if (typeof v !== 'string' || !UUID.test(v)) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return v.toLowerCase();
  });
}

/** A UK postcode, normalised ("fm12ab" → "FM1 2AB"), or nothing. */
export function optionalPostcode(label = 'Postcode') {
  return optionalText({ label, max: 20 }).transform((v, ctx) => {
    if (v === null) return null;
    const p = normalisePostcode(v);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like SW1A 1AA' });
      return z.NEVER;
    }
    return p;
  });
}

export function personName(options: { label: string; required?: string }) {
  return z.unknown().optional().transform((v, ctx): string | null => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (options.required) ctx.addIssue({ code: 'custom', message: options.required });
      return options.required ? z.NEVER : null;
    }
    if (typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be text` });
      return z.NEVER;
    }
    const value = tidy(v);
    if (value.length > 100) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be 100 characters or fewer` });
    } else if (!isPlausibleName(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `${options.label} must only include letters, spaces, hyphens, apostrophes and full stops`,
      });
    }
    return value;
  });
}

export function choice(codes: readonly Code[], required: string) {
  return z.unknown().optional().transform((v, ctx): string => {
    const value = single(v);
    if (typeof value !== 'string' || value === '') {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    if (!isCode(codes, value)) {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    return value;
  });
}

export function optionalChoice(codes: readonly Code[], invalid: string) {
  return z.unknown().optional().transform((v, ctx): string | null => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !isCode(codes, v)) {
      ctx.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    }
    return v;
  });
}

export function checkboxes(codes: readonly Code[], options: { required?: string; invalid: string }) {
  return z.unknown().optional().transform((v, ctx): string[] => {
    const values = v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x !== 'string' || !isCode(codes, x))) {
      ctx.addIssue({ code: 'custom', message: options.invalid });
      return z.NEVER;
    }
    if (values.length === 0 && options.required) {
      ctx.addIssue({ code: 'custom', message: options.required });
      return z.NEVER;
    }
    return [...new Set(values as string[])];
  });
}

export function yesNo(required: string) {
  return z.unknown().optional().transform((v, ctx): boolean => {
    if (v === 'yes') return true;
    if (v === 'no') return false;
    ctx.addIssue({ code: 'custom', message: required });
    return z.NEVER;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(message: string) {
  return z.unknown().optional().transform((v, ctx): string => {
    if (typeof v === 'string' && UUID.test(v)) return v.toLowerCase();
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

export function integerIn(min: number, max: number, message: string) {
  return z.unknown().optional().transform((v, ctx): number => {
    const n = typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

interface DateOptions {
  label: string;
  /** Message when every part is empty; omit for an optional date. */
  required?: string;
  past?: boolean;
  /** Earliest acceptable year. */
  minYear?: number;
  now?: () => Date;
}

type DateParts = Partial<Record<(typeof DATE_PARTS)[number], unknown>>;

function readParts(v: unknown): DateParts | null {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  return v as DateParts;
}

function numberPart(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value.trim())) return 'invalid';
  return Number(value.trim());
}

/** A GOV.UK date input (`name-day`, `name-month`, `name-year`): a calendar date. */
export function dateInput(options: DateOptions) {
  return z.unknown().optional().transform((v, ctx): LocalDate | null => {
    const parts = readParts(v);
    if (!parts) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be a real date` });
      return z.NEVER;
    }
    const day = numberPart(parts.day);
    const month = numberPart(parts.month);
    const year = numberPart(parts.year);
    if (day === null && month === null && year === null) {
      if (options.required) {
        ctx.addIssue({ code: 'custom', message: options.required });
        return z.NEVER;
      }
      return null;
    }
    const missing = (['day', 'month', 'year'] as const).filter((p, i) => [day, month, year][i] === null);
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must include a ${missing.join(' and ')}`, path: [missing[0]!] });
      return z.NEVER;
    }
    if (day === 'invalid' || month === 'invalid' || year === 'invalid') {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be a real date` });
      return z.NEVER;
    }
    if ((year as number) < 1000) {
      ctx.addIssue({ code: 'custom', message: 'Year must include 4 numbers', path: ['year'] });
      return z.NEVER;
    }
    if (!isRealDate(year as number, month as number, day as number)) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be a real date` });
      return z.NEVER;
    }
    if (options.minYear && (year as number) < options.minYear) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be after ${options.minYear - 1}`, path: ['year'] });
      return z.NEVER;
    }
    const date = formatLocalDate(year as number, month as number, day as number);
    if (options.past) {
      const today = londonDate((options.now ?? (() => new Date()))());
      if (date > today) {
        ctx.addIssue({ code: 'custom', message: `${options.label} must be today or in the past` });
        return z.NEVER;
      }
    }
    return date;
  });
}

/** A date input with `name-hour` and `name-minute`: an instant, read as London time. */
export function dateTimeInput(options: DateOptions) {
  const dateOnly = dateInput({ ...options, past: false });
  return z.unknown().optional().transform((v, ctx): Date | null => {
    const parsed = dateOnly.safeParse(v);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    if (parsed.data === null) return null;
    const parts = readParts(v) ?? {};
    const hour = numberPart(parts.hour);
    const minute = numberPart(parts.minute);
    if (hour === null || minute === null) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must include a time`, path: [hour === null ? 'hour' : 'minute'] });
      return z.NEVER;
    }
    if (hour === 'invalid' || minute === 'invalid' || hour > 23 || minute > 59) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be a real time, using the 24-hour clock`, path: ['hour'] });
      return z.NEVER;
    }
    const instant = instantAt(parsed.data, hour * 60 + minute);
    if (options.past && instant.getTime() > (options.now ?? (() => new Date()))().getTime() + 60_000) {
      ctx.addIssue({ code: 'custom', message: `${options.label} must be in the past` });
      return z.NEVER;
    }
    return instant;
  });
}

/** A date and time that must be given: never null once parsed. */
export function requiredDateTimeInput(options: DateOptions & { required: string }) {
  return dateTimeInput(options).transform((v) => v as Date);
}

/** A date that must be given: never null once parsed. */
export function requiredDateInput(options: DateOptions & { required: string }) {
  return dateInput(options).transform((v) => v as LocalDate);
}

/** A form's values for its cross-field rules: a field that failed its own check (zod's NEVER marker) reads as absent. */
function withoutFailedFields(value: unknown): { value: unknown; failed: boolean } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value, failed: false };
  const out: Record<string, unknown> = {};
  let failed = false;
  for (const [key, field] of Object.entries(value)) {
    if (field === z.NEVER) failed = true;
    out[key] = field === z.NEVER ? undefined : field;
  }
  return { value: out, failed };
}

/**
 * Rules across fields that run even when some fields are invalid, so the error summary lists every problem at
 * once (zod would otherwise skip them). A field that failed its own check arrives as `undefined` (it already has
 * its message); rules should check types. A rule that still trips over a failed field (reads `.length` of it, say)
 * is not a server error: the form is refused for that field's own message. With every field valid, an exception
 * from a rule is a bug and is thrown on.
 */
export function withRules<T extends z.ZodType>(schema: T, rules: (value: z.output<T>, ctx: z.RefinementCtx) => void) {
  const checked = (raw: unknown, ctx: z.RefinementCtx) => {
    const { value, failed } = withoutFailedFields(raw);
    try {
      rules(value as z.output<T>, ctx);
    } catch (error) {
      if (!failed) throw error;
    }
  };
  return schema.superRefine(checked as never, { when: () => true } as never);
}

/**
 * Police notification files (CSV and JSON) read into notifications: every row checked with the same schema as the
 * API, problems reported by row and column, so a file is imported whole or not at all.
 */
import { parse } from 'csv-parse/sync';
import { type z } from 'zod';
import { instantAt } from '../../domain/time.js';
import { type Notification, notificationSchema, problemsOf, toNotification } from './notification-schema.js';

export const MAX_PEOPLE_COLUMNS = 8;
/** Problems kept for the report; the count of all problems is kept too. */
export const MAX_PROBLEMS_KEPT = 500;

/** File columns for the notification's own fields, and where each goes. */
const NOTIFICATION_COLUMNS: Record<string, string[]> = {
  contact_type: ['contactType'],
  notification_type: ['notificationType'],
  source_code: ['sourceCode'],
  police_reference: ['incident', 'policeReference'],
  incident_at: ['incident', 'occurredAt'],
  incident_postcode: ['incident', 'postcode'],
  incident_place: ['incident', 'place'],
  received_at: ['receivedAt'],
  risk_level: ['riskLevel'],
  officer_name: ['referrer', 'name'],
  officer_role: ['referrer', 'role'],
  officer_phone: ['referrer', 'phone'],
  officer_email: ['referrer', 'email'],
  concerns: ['concerns'],
  narrative: ['narrative'],
  worried_about: ['worriedAbout'],
  working_well: ['workingWell'],
  needs_to_happen: ['needsToHappen'],
  consent: ['consent'],
  lawful_basis: ['consentLawfulBasis'],
  consent_reason: ['consentReason'],
  restricted: ['restricted'],
  da_incident_type: ['domesticAbuse', 'incidentType'],
  dash_version: ['domesticAbuse', 'policeDash', 'version'],
  /** The police DASH answers as "q1=yes; q2=no; q3=not_known …". */
  dash_answers: ['domesticAbuse', 'policeDash', 'answers'],
};

/** Per person (person1_… to person8_…). */
const PERSON_COLUMNS: Record<string, string[]> = {
  role: ['role'],
  given_names: ['givenNames'],
  family_name: ['familyName'],
  date_of_birth: ['dateOfBirth'],
  dob_precision: ['dobPrecision'],
  gender: ['gender'],
  nhs_number: ['nhsNumber'],
  address: ['address', 'line1'],
  postcode: ['address', 'postcode'],
  school: ['school'],
  da_role: ['daRole'],
  risk_level: ['riskLevel'],
  child_voice: ['childVoice'],
  child_demeanour: ['childDemeanour'],
};

export const CSV_COLUMNS: readonly string[] = [
  ...Object.keys(NOTIFICATION_COLUMNS),
  ...Array.from({ length: MAX_PEOPLE_COLUMNS }, (_, i) => Object.keys(PERSON_COLUMNS).map((c) => `person${i + 1}_${c}`)).flat(),
];

export interface RowProblem {
  /** CSV: the line's row number with the header as row 1; JSON: the notification's number from 1. */
  row: number;
  /** The column (CSV) or field path (JSON) to correct. */
  field: string;
  message: string;
}

export type ReadResult =
  | { ok: true; notifications: Notification[] }
  | { ok: false; problems: RowProblem[]; problemCount: number; rows: number };

/** UK exports write local times without a zone ("06/03/2026 22:40" or "2026-03-06 22:40"): read them as London time. */
export function localDateTime(value: string): string {
  const v = value.trim();
  if (/[zZ]$|[+-]\d\d:\d\d$/.test(v)) return v;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})$/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?$/.exec(v);
  const parts = uk ? { y: uk[3]!, m: uk[2]!, d: uk[1]!, hh: uk[4]!, mm: uk[5]! } : iso ? { y: iso[1]!, m: iso[2]!, d: iso[3]!, hh: iso[4]!, mm: iso[5]! } : null;
  if (!parts) return v;
  const date = `${parts.y}-${parts.m.padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
  const minutes = Number(parts.hh) * 60 + Number(parts.mm);
  if (Number(parts.hh) > 23 || Number(parts.mm) > 59) return v;
  const at = instantAt(date, minutes);
  return Number.isNaN(at.getTime()) ? v : at.toISOString();
}

/** "30/09/2016" → "2016-09-30"; anything else is left for the schema to judge. */
export function localDate(value: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : value.trim();
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/** A CSV row to the API's notification shape (empty cells are left out). */
export function rowToNotification(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, path] of Object.entries(NOTIFICATION_COLUMNS)) {
    const raw = row[column]?.trim();
    if (!raw) continue;
    if (column === 'concerns') setPath(out, path, raw.split(/[;|]/).map((c) => c.trim()).filter(Boolean));
    else if (column === 'restricted') setPath(out, path, /^(yes|y|true|1)$/i.test(raw) ? true : /^(no|n|false|0)$/i.test(raw) ? false : raw);
    else if (column === 'incident_at' || column === 'received_at') setPath(out, path, localDateTime(raw));
    else if (column === 'dash_answers') setPath(out, path, dashAnswers(raw));
    else setPath(out, path, raw);
  }
  out.contactType ??= 'child';
  const people: Record<string, unknown>[] = [];
  for (let i = 1; i <= MAX_PEOPLE_COLUMNS; i += 1) {
    const person: Record<string, unknown> = {};
    for (const [column, path] of Object.entries(PERSON_COLUMNS)) {
      const raw = row[`person${i}_${column}`]?.trim();
      if (!raw) continue;
      setPath(person, path, column === 'date_of_birth' ? localDate(raw) : raw);
    }
    if (Object.keys(person).length) people.push(person);
  }
  out.people = people;
  return out;
}

/** "q1=yes; q2=no" → { q1: 'yes', q2: 'no' }; a pair without "=" keeps its text as the answer so the problem names it. */
export function dashAnswers(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(/[;|]/)) {
    const [key, ...rest] = pair.split('=');
    const id = key?.trim().toLowerCase();
    if (id) out[id] = rest.join('=').trim().toLowerCase().replace(/\s+/g, '_');
  }
  return out;
}

/** The CSV column for a schema path, so a problem names what the sender must correct. */
export function columnFor(path: readonly (string | number)[]): string {
  if (path[0] === 'people' && typeof path[1] === 'number') {
    const rest = path.slice(2).join('.');
    const column = Object.entries(PERSON_COLUMNS).find(([, p]) => p.join('.') === rest)?.[0];
    return column ? `person${path[1] + 1}_${column}` : rest === 'address' ? `person${path[1] + 1}_address` : 'people';
  }
  if (path[0] === 'people') return 'person1_role';
  if (path[0] === 'concerns') return 'concerns';
  if (path[0] === 'domesticAbuse' && path[2] === 'answers') return 'dash_answers';
  if (path[0] === 'domesticAbuse' && path.length === 1) return 'da_incident_type';
  const joined = path.join('.');
  return Object.entries(NOTIFICATION_COLUMNS).find(([, p]) => p.join('.') === joined)?.[0] ?? (joined || '(row)');
}

interface Checker {
  schema: ReturnType<typeof notificationSchema>;
  defaults: { receivedAt: Date; sourceCode: string };
}

function check(items: Iterable<{ row: number; value: unknown }>, checker: Checker, fieldName: (path: (string | number)[], fallback: string) => string): ReadResult {
  const notifications: Notification[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;
  let rows = 0;
  for (const { row, value } of items) {
    rows += 1;
    const parsed = checker.schema.safeParse(value);
    if (parsed.success) {
      if (problemCount === 0) notifications.push(toNotification(parsed.data, checker.defaults));
      continue;
    }
    for (const p of problemsOf(parsed.error as z.ZodError)) {
      problemCount += 1;
      if (problems.length < MAX_PROBLEMS_KEPT) problems.push({ row, field: fieldName(p.path, p.field), message: p.message });
    }
  }
  if (rows === 0) return { ok: false, problems: [{ row: 1, field: '(file)', message: 'The file has no notifications in it' }], problemCount: 1, rows };
  return problemCount ? { ok: false, problems, problemCount, rows } : { ok: true, notifications };
}

export function readCsv(text: string, checker: Checker): ReadResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problems: [{ row: line ?? 1, field: '(file)', message: `The file is not readable CSV${line ? ` at line ${line}` : ''}: check quotes and that every row has the same number of columns` }], problemCount: 1, rows: 0 };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, problems: [{ row: 1, field: '(file)', message: 'The file is empty' }], problemCount: 1, rows: 0 };
  const columns = header.map((h) => h.trim().toLowerCase());
  const known = new Set(CSV_COLUMNS);
  const unknown = columns.filter((c) => !known.has(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || repeated.length) {
    return {
      ok: false,
      problems: [
        ...unknown.map((c) => ({ row: 1, field: c || '(blank)', message: `Unknown column “${c}”: see the list of columns in the guidance` })),
        ...repeated.map((c) => ({ row: 1, field: c, message: `Column “${c}” appears more than once` })),
      ],
      problemCount: unknown.length + repeated.length,
      rows: 0,
    };
  }
  function* items() {
    for (const [i, record] of data.entries()) {
      yield { row: i + 2, value: rowToNotification(Object.fromEntries(columns.map((c, j) => [c, record[j] ?? '']))) };
    }
  }
  return check(items(), checker, (path) => columnFor(path));
}

export function readJson(text: string, checker: Checker): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: [{ row: 1, field: '(file)', message: 'The file is not valid JSON' }], problemCount: 1, rows: 0 };
  }
  const list = Array.isArray(value) ? value : (value as { notifications?: unknown })?.notifications;
  if (!Array.isArray(list)) return { ok: false, problems: [{ row: 1, field: '(file)', message: 'The file must hold a list of notifications, or an object with a “notifications” list' }], problemCount: 1, rows: 0 };
  return check(
    list.map((v, i) => ({ row: i + 1, value: v })),
    checker,
    (_path, field) => field,
  );
}

export function readFile(name: string, text: string, now: () => Date, sourceCode = '6'): ReadResult & { format: 'csv' | 'json' } {
  const checker: Checker = { schema: notificationSchema(now), defaults: { receivedAt: now(), sourceCode } };
  const format = /\.json$/i.test(name) || /^\s*[[{]/.test(text.slice(0, 100)) ? 'json' : 'csv';
  return { format, ...(format === 'json' ? readJson(text, checker) : readCsv(text, checker)) };
}

/**
 * Pages: nunjucks on GOV.UK Frontend and MOJ Frontend templates. Feature templates live beside their code
 * (`features/<capability>/views/*.njk`) and are named from `src/features`, e.g. "front-door/views/worklist.njk".
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import { type FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { financialYearLabel } from '../domain/measures/periods.js';
import * as codes from '../domain/codes.js';
import { formatNhsNumber } from '../domain/identifiers.js';
import { type NameParts, personName } from '../domain/names.js';
import { wallTime } from '../domain/time.js';
import { SCREENING_OUTCOMES, THRESHOLD_LEVELS } from '../domain/screening.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Merged into every template's context by @fastify/view. */
    locals: Record<string, unknown>;
  }
}

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const SRC_DIR = join(here, '..');
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const MOJ_DIR = dirname(require.resolve('@ministryofjustice/frontend/package.json'));

const LONDON = 'Europe/London';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const shortDateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric' });

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
    const d = new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/**
 * GOV.UK style, London time: "5:07pm", "9am", "12:30pm", "midday", "midnight". Worked out from the wall clock, not
 * from Intl's 12-hour format (which writes noon as "0:00 pm" on some ICU versions).
 */
export function formatTime(d: Date): string {
  const { minutes } = wallTime(d, LONDON);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

export function formatDate(value: unknown): string {
  const d = toDate(value);
  return d ? dateFmt.format(d) : '';
}

export function formatDateTime(value: unknown): string {
  const d = toDate(value);
  return d ? `${dateFmt.format(d)} at ${formatTime(d)}` : '';
}

export function formatShortDateTime(value: unknown): string {
  const d = toDate(value);
  return d ? `${shortDateFmt.format(d)}, ${formatTime(d)}` : '';
}

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('shortDateTime', formatShortDateTime);
  // MOJ Frontend's timeline formats its dates with this filter.
  env.addFilter('mojDate', (value: unknown, type?: string) => (type === 'datetime' ? formatDateTime(value) : formatDate(value)));
  env.addFilter('number', (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-GB') : v === null || v === undefined ? '' : String(v)));
  env.addFilter('financialYear', (y: unknown) => (typeof y === 'number' ? financialYearLabel(y) : ''));
  env.addFilter('nhsNumber', (v: string) => (v ? formatNhsNumber(v) : ''));
  // A person's name (domain/names.ts): {{ person | personName }}, or {{ person | personName("Not named") }}.
  env.addFilter('personName', (name: NameParts | null | undefined, missing?: string) => personName(name, missing === undefined ? {} : { missing }));
  env.addFilter('label', (code: string, list: readonly codes.Code[]) => codes.labelOf(list, code));
  env.addFilter('labels', (values: string[] | null, list: readonly codes.Code[]) =>
    (values ?? []).map((v) => codes.labelOf(list, v)),
  );
  /** Items for govukRadios / govukCheckboxes / govukSelect from a code list. */
  env.addFilter('asItems', (list: readonly codes.Code[], selected: unknown, options: { blank?: string } = {}) => {
    const chosen = new Set(Array.isArray(selected) ? selected.map(String) : selected === undefined || selected === null ? [] : [String(selected)]);
    const items = list.map((c) => ({ value: c.code, text: c.label, checked: chosen.has(c.code), selected: chosen.has(c.code) }));
    return options.blank !== undefined ? [{ value: '', text: options.blank }, ...items] : items;
  });
  env.addGlobal('codes', codes);
  env.addGlobal('thresholdLevels', THRESHOLD_LEVELS);
  env.addGlobal('screeningOutcomes', SCREENING_OUTCOMES);
  env.addGlobal('serviceName', 'Threshold');
}

/** An element showing long text as written (line breaks kept: `white-space: pre-wrap`). */
const NARRATIVE = /<(dd|td|th|p|div|span|li)\b[^>]*\bclass="[^"]*\bapp-narrative\b[^"]*"[^>]*>/g;

/**
 * Long text is shown with its line breaks kept (`.app-narrative`), so the whitespace a template puts around a value
 * (GOV.UK's summary list writes each value on a line of its own, indented) showed as a blank first line and an
 * indent. This trims the whitespace at the start and end of every such element's content, keeping the text's own.
 */
export function tidyNarratives(html: string): string {
  if (!html.includes('app-narrative')) return html;
  let out = '';
  let at = 0;
  for (const m of html.matchAll(NARRATIVE)) {
    const start = m.index + m[0].length;
    if (m.index < at) continue;
    const close = html.indexOf(`</${m[1]}>`, start);
    if (close < 0) continue;
    out += html.slice(at, start) + html.slice(start, close).trim();
    at = close;
  }
  return out + html.slice(at);
}

export async function registerViews(app: FastifyInstance, options: { production: boolean }): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) =>
    typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').startsWith('text/html') ? tidyNarratives(payload) : payload,
  );
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(SRC_DIR, 'views'), join(SRC_DIR, 'features'), GOVUK_DIST, MOJ_DIR],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      noCache: !options.production,
      onConfigure: configureNunjucks,
    },
  });
}

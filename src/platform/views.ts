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
import { dateOnly, formatDate, formatDateTime, formatShortDate, formatShortDateTime, formatTime, relativeDate, relativeDateTime, type RelativeOptions } from '../domain/dates.js';
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

// Dates and times are written by one module (domain/dates.ts); these names stay for the code that imports them here.
export { formatDate, formatDateTime, formatShortDate, formatShortDateTime, formatTime } from '../domain/dates.js';

/** The page's clock: `now` in the template's context (the app's clock, set per request), else the current time. */
function pageNow(context: unknown): unknown {
  const now = (context as { ctx?: { now?: unknown } } | undefined)?.ctx?.now;
  return now instanceof Date || typeof now === 'string' ? now : new Date();
}

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('shortDateTime', formatShortDateTime);
  env.addFilter('shortDate', formatShortDate);
  env.addFilter('dateOnly', dateOnly);
  // "today at 2:30pm", "yesterday at 9am", else the date and time, by the page's clock: {{ at | relativeDateTime }},
  // {{ at | relativeDateTime({ capital: true }) }} at a cell's or sentence's start. `function`: nunjucks' `this`.
  env.addFilter('relativeDateTime', function (this: unknown, value: unknown, options?: RelativeOptions) {
    return relativeDateTime(value, pageNow(this), options ?? {});
  });
  env.addFilter('relativeDate', function (this: unknown, value: unknown, options?: RelativeOptions) {
    return relativeDate(value, pageNow(this), options ?? {});
  });
  // MOJ Frontend's timeline formats its dates with this filter (its item's `datetime.type`); "relative" is ours:
  // "Today at 2:30pm" (import the timeline macro `with context` so that the page's `now` reaches it).
  env.addFilter('mojDate', function (this: unknown, value: unknown, type?: string) {
    switch (type) {
      case 'datetime':
        return formatDateTime(value);
      case 'shortdatetime':
        return formatShortDateTime(value);
      case 'shortdate':
        return formatShortDate(value);
      case 'time':
        return formatTime(value);
      case 'relative':
        return relativeDateTime(value, pageNow(this), { capital: true });
      default:
        return formatDate(value);
    }
  });
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

/** `globals`: functions every template may call, such as `asset(path)` (src/platform/assets.ts). */
export async function registerViews(app: FastifyInstance, options: { reloadTemplates: boolean; globals?: Record<string, unknown> }): Promise<void> {
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
      noCache: options.reloadTemplates,
      onConfigure: (env: nunjucks.Environment) => {
        configureNunjucks(env);
        for (const [name, value] of Object.entries(options.globals ?? {})) env.addGlobal(name, value);
      },
    },
  });
}

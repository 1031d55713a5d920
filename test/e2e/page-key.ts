/**
 * Pure helpers for the browser journeys' per-page checks (test/e2e/support.ts): a page's key, the signed-in role,
 * a screenshot's file name, and the size rules every page must keep.
 */

/** How a page is known across a journey: its label, or its path with record ids replaced (`/people/:id/flags`). */
export function pageKey(url: string, label?: string): string {
  if (label) return label;
  const path = new URL(url, 'http://localhost').pathname;
  return path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
}

/** The signed-in role(s) from the layout's `data-roles` ("mash_screener"), or "signed-out" on a page without one. */
export function roleKey(dataRoles: string | null | undefined): string {
  const roles = (dataRoles ?? '').split(/\s+/).filter(Boolean).sort();
  return roles.length ? roles.join('+') : 'signed-out';
}

/** A page key as a file name: `/people/:id/flags` → `people-id-flags`, `/` → `home`, a label in kebab case. */
export function screenshotName(key: string): string {
  const name = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return name || 'home';
}

/**
 * The tallest a page may be, in CSS pixels, without the GOV.UK pagination component: about five and a half
 * screens of the journeys' 1280 × 720 viewport. A page longer than that is a list that needs pagination or a record
 * that needs splitting into tabs or linked sections (issue 19 found 5,300–6,700 px pages nobody could use).
 */
export const MAX_PAGE_HEIGHT = 4000;

/**
 * The tallest a question page may be: a page that is one form and little else (its largest form is at least 60% of
 * the main content), already a page of its own. A form is as long as the questions it must ask in one sitting (the DASH
 * checklist's 27 questions, a child and family assessment's factors), and its error page adds a message to each
 * question. Beyond three times a page's limit a form should be split into steps.
 */
export const MAX_FORM_HEIGHT = 12000;

/**
 * The tallest a document may be: a page the service marks as one (`<main class="app-document">`: a board's scorecard
 * or report, a statutory return's tables, the reference figures), read and printed whole, with a PDF or workbook to
 * download. Its length is its content's; the limit still catches one that grows without end.
 */
export const MAX_DOCUMENT_HEIGHT = 25000;

/**
 * Pages allowed to be taller than MAX_PAGE_HEIGHT without pagination, by page key, each with its reason. Keep it
 * tiny: a long page is almost always a page to split.
 */
export const TALL_PAGES_ALLOWED: Readonly<Record<string, string>> = {};

export interface PageMeasure {
  /** The document's scroll width and the viewport's width without its scrollbar (CSS px). */
  scrollWidth: number;
  viewportWidth: number;
  /** The document's scroll height (CSS px). */
  height: number;
  /** The page shows the GOV.UK pagination component. */
  paginated: boolean;
  /** The page is one form and little else (a question page): held to MAX_FORM_HEIGHT. */
  form?: boolean;
  /** The page is a document (`main.app-document`): held to MAX_DOCUMENT_HEIGHT. */
  document?: boolean;
  /** Up to three elements reaching past the viewport's right edge, as short selectors. */
  overflowing?: string[];
}

/** What is wrong with a page's size, in words; empty when it fits. */
export function sizeProblems(key: string, m: PageMeasure, maxHeight = MAX_PAGE_HEIGHT, allowed: Readonly<Record<string, string>> = TALL_PAGES_ALLOWED): string[] {
  const problems: string[] = [];
  if (m.scrollWidth > m.viewportWidth) {
    const what = m.overflowing?.length ? ` (reaching past it: ${m.overflowing.join(', ')})` : '';
    problems.push(`wider than the viewport: ${m.scrollWidth} px in ${m.viewportWidth} px${what}`);
  }
  const limit = m.document ? Math.max(maxHeight, MAX_DOCUMENT_HEIGHT) : m.form ? Math.max(maxHeight, MAX_FORM_HEIGHT) : maxHeight;
  if (m.height > limit && !m.paginated && !(key in allowed)) {
    const what = m.document ? `a document taller than ${limit} px` : m.form ? `a form taller than ${limit} px (split it into steps)` : `taller than ${limit} px without pagination`;
    problems.push(`${what}: ${m.height} px`);
  }
  return problems;
}

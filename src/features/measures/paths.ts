/**
 * The measures' routes, written once: the routes register these patterns, and the routes and presenters build
 * their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const MEASURES_ROUTES = {
  scorecard: '/measures',
  refresh: '/measures/refresh',
  timeliness: '/measures/timeliness',
  domesticAbuse: '/measures/domestic-abuse',
  adults: '/measures/adults',
  adultsXlsx: '/measures/adults/scorecard.xlsx',
  children: '/measures/children',
  childrenXlsx: '/measures/children/scorecard.xlsx',
  cme: '/measures/cme',
  cmeRecords: '/measures/cme/records',
  lado: '/measures/lado',
  ladoRecords: '/measures/lado/records',
  partnership: '/measures/partnership',
  partnershipPack: '/measures/partnership/annual-pack',
  partnershipPackXlsx: '/measures/partnership/annual-pack.xlsx',
  returns: '/measures/returns',
  sacReturn: '/measures/returns/sac.xlsx',
  dolsReturn: '/measures/returns/dols.xlsx',
  measure: '/measures/:id',
  breakdown: '/measures/:id/breakdown/:dimension',
  records: '/measures/:id/records',
  commentary: '/measures/:id/commentary',
  publish: '/measures/:id/publish',
  published: '/measures/:id/published',
  settings: '/measures/settings',
  measureSettings: '/measures/:id/settings',
  reference: '/measures/reference',
  populations: '/measures/reference/populations',
  comparators: '/measures/reference/comparators',
  scorecardCsv: '/measures/scorecard.csv',
  scorecardXlsx: '/measures/scorecard.xlsx',
  report: '/measures/report',
  reportPdf: '/measures/report.pdf',
} as const;

export type MeasuresRoute = keyof typeof MEASURES_ROUTES;

/** A link to one of the measures' pages. */
export function measuresPath<R extends MeasuresRoute>(route: R, params: PathParams<(typeof MEASURES_ROUTES)[R]>, query?: Query): string {
  return pathTo(MEASURES_ROUTES[route], params, query);
}

/**
 * The records behind one row of a breakdown. The row's label (free text, such as an agency's name) is encoded with
 * encodeURIComponent, as these links always have been (a space is %20, not +).
 */
export function breakdownRecordsPath(id: string, periodKey: string, dimension: string, label: string): string {
  return `${measuresPath('records', { id }, { period: periodKey, dimension })}&label=${encodeURIComponent(label)}`;
}

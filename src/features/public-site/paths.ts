/**
 * The public site's routes, written once. Every public page is under `/help/<language>/…`, so a page's address
 * names its language and the switcher links to the same page in another language.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const PUBLIC_PREFIX = '/help';

export const PUBLIC_ROUTES = {
  /** Chooses a language from the browser's preference and redirects. */
  root: '/help',
  home: '/help/:lang',
  coveringTracks: '/help/:lang/covering-your-tracks',
  exit: '/help/exit',
  // report a concern (question pages)
  reportStart: '/help/:lang/report',
  reportPage: '/help/:lang/report/:page',
  reportSent: '/help/:lang/report/sent',
  whatHappensNext: '/help/:lang/what-happens-next',
  whatHappensNextEasyRead: '/help/:lang/what-happens-next/easy-read',
  // find help
  findHelp: '/help/:lang/find-help',
  // awareness
  signs: '/help/:lang/signs-of-abuse',
  signsTopic: '/help/:lang/signs-of-abuse/:group/:topic',
  campaigns: '/help/:lang/campaigns',
} as const;

export type PublicRoute = keyof typeof PUBLIC_ROUTES;

export function publicPath<R extends PublicRoute>(route: R, params: PathParams<(typeof PUBLIC_ROUTES)[R]>, query?: Query): string {
  return pathTo(PUBLIC_ROUTES[route], params, query);
}

/** Whether a request path is on the public site (what the public host serves, besides its assets). */
export function isPublicPath(path: string): boolean {
  return path === PUBLIC_PREFIX || path.startsWith(`${PUBLIC_PREFIX}/`);
}

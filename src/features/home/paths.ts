/** The home pages' routes, written once: the routes register these patterns; other capabilities link home with `homePath`. */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const HOME_ROUTES = {
  home: '/',
  accessibility: '/accessibility',
  privacy: '/privacy',
} as const;

export type HomeRoute = keyof typeof HOME_ROUTES;

/** A link to one of the home pages. */
export function homePath<R extends HomeRoute>(route: R, params: PathParams<(typeof HOME_ROUTES)[R]>, query?: Query): string {
  return pathTo(HOME_ROUTES[route], params, query);
}

/**
 * Early help routes, written once: the routes register these patterns, and the routes, presenters, service (links in
 * notifications) and other capabilities build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const EARLY_HELP_ROUTES = {
  worklist: '/early-help',
  ours: '/early-help/our-families',
  episode: '/early-help/episodes/:id',
  contacted: '/early-help/episodes/:id/contacted',
  triage: '/early-help/episodes/:id/triage',
  startEha: '/early-help/episodes/:id/assessment/start',
  completeEha: '/early-help/episodes/:id/assessment',
  team: '/early-help/episodes/:id/team',
  removeMember: '/early-help/episodes/:id/team/remove',
  stepUp: '/early-help/episodes/:id/step-up',
  close: '/early-help/episodes/:id/close',
} as const;

export type EarlyHelpRoute = keyof typeof EARLY_HELP_ROUTES;

export function earlyHelpPath<R extends EarlyHelpRoute>(route: R, params: PathParams<(typeof EARLY_HELP_ROUTES)[R]>, query?: Query): string {
  return pathTo(EARLY_HELP_ROUTES[route], params, query);
}

/** An episode's page. */
export function episodePath(id: string, query?: Query): string {
  return earlyHelpPath('episode', { id }, query);
}

/**
 * The self-assessment's routes, written once: the routes register these patterns, and the routes, presenters and
 * the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const SA_ROUTES = {
  home: '/partnership/self-assessment',
  frameworks: '/partnership/self-assessment/frameworks',
  newRound: '/partnership/self-assessment/rounds/new',
  round: '/partnership/self-assessment/rounds/:id',
  roundPlan: '/partnership/self-assessment/rounds/:id/plan',
  return: '/partnership/self-assessment/returns/:id',
  submit: '/partnership/self-assessment/returns/:id/submit',
  challenge: '/partnership/self-assessment/returns/:id/challenge',
  ours: '/partnership/self-assessment/ours',
} as const;

export type SaRoute = keyof typeof SA_ROUTES;

export function saPath<R extends SaRoute>(route: R, params: PathParams<(typeof SA_ROUTES)[R]>, query?: Query): string {
  return pathTo(SA_ROUTES[route], params, query);
}

/** A round's page. */
export function roundPath(id: string, query?: Query): string {
  return saPath('round', { id }, query);
}

/** An organisation's return. */
export function returnPath(id: string, query?: Query): string {
  return saPath('return', { id }, query);
}

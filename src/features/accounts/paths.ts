/**
 * Accounts' routes, written once: signing in and out, the second factor, the user's own account and the
 * administration of users. The routes register these patterns and build their redirects, back links and form
 * actions from them; other capabilities link here with `accountsPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const ACCOUNTS_ROUTES = {
  signIn: '/sign-in',
  signInSecondFactor: '/sign-in/second-factor',
  setUpSecondFactor: '/account/second-factor',
  account: '/account',
  password: '/account/password',
  signOut: '/sign-out',
  signInOidc: '/sign-in/oidc',
  oidcCallback: '/sign-in/oidc/callback',
  users: '/admin/users',
  newUser: '/admin/users/new',
  user: '/admin/users/:id',
  clearSignInFailures: '/admin/users/:id/clear-sign-in-failures',
  disableUser: '/admin/users/:id/disable',
  enableUser: '/admin/users/:id/enable',
  resetSecondFactor: '/admin/users/:id/reset-second-factor',
} as const;

export type AccountsRoute = keyof typeof ACCOUNTS_ROUTES;

/** A link to one of accounts' pages. */
export function accountsPath<R extends AccountsRoute>(route: R, params: PathParams<(typeof ACCOUNTS_ROUTES)[R]>, query?: Query): string {
  return pathTo(ACCOUNTS_ROUTES[route], params, query);
}

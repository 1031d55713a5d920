/**
 * Children missing education routes, written once: the routes register these patterns; routes, presenters, the
 * service (links in notifications) and the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const CME_ROUTES = {
  worklist: '/cme',
  record: '/cme/referrals/new',
  referral: '/cme/referrals/:id',
  enquiry: '/cme/referrals/:id/enquiries',
  close: '/cme/referrals/:id/close',
  ours: '/cme/our-referrals',
  refer: '/cme/our-referrals/new',
  register: '/cme/home-education',
  registerChild: '/cme/home-education/new',
  registration: '/cme/home-education/:id',
  check: '/cme/home-education/:id/checks',
  end: '/cme/home-education/:id/end',
  localities: '/cme/localities',
} as const;

export type CmeRoute = keyof typeof CME_ROUTES;

export function cmePath<R extends CmeRoute>(route: R, params: PathParams<(typeof CME_ROUTES)[R]>, query?: Query): string {
  return pathTo(CME_ROUTES[route], params, query);
}

export const referralPath = (id: string, query?: Query): string => cmePath('referral', { id }, query);
export const registrationPath = (id: string, query?: Query): string => cmePath('registration', { id }, query);

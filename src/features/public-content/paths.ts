/**
 * The business unit's pages for the public site's content, written once: the routes register these patterns; the
 * routes, presenters, the reminder email's link and the partnership hub build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const PUBLIC_CONTENT_ROUTES = {
  services: '/partnership/public-site/services',
  newService: '/partnership/public-site/services/new',
  service: '/partnership/public-site/services/:id',
  editService: '/partnership/public-site/services/:id/edit',
  checkService: '/partnership/public-site/services/:id/checked',
  archiveService: '/partnership/public-site/services/:id/archive',
  restoreService: '/partnership/public-site/services/:id/restore',
  campaigns: '/partnership/public-site/campaigns',
  newCampaign: '/partnership/public-site/campaigns/new',
  editCampaign: '/partnership/public-site/campaigns/:id/edit',
  archiveCampaign: '/partnership/public-site/campaigns/:id/archive',
  restoreCampaign: '/partnership/public-site/campaigns/:id/restore',
} as const;

export type PublicContentRoute = keyof typeof PUBLIC_CONTENT_ROUTES;

export function publicContentPath<R extends PublicContentRoute>(route: R, params: PathParams<(typeof PUBLIC_CONTENT_ROUTES)[R]>, query?: Query): string {
  return pathTo(PUBLIC_CONTENT_ROUTES[route], params, query);
}

/**
 * The person register's routes, written once: the routes register these patterns and build their redirects, back
 * links, form actions and links from them. Other capabilities link to a person with `personPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const PEOPLE_ROUTES = {
  search: '/people',
  apiSearch: '/api/v1/people',
  person: '/people/:id',
  chronology: '/people/:id/chronology',
  names: '/people/:id/names',
  identifiers: '/people/:id/identifiers',
  addresses: '/people/:id/addresses',
  contactDetails: '/people/:id/contact-details',
  flags: '/people/:id/flags',
  relationships: '/people/:id/relationships',
  endRelationship: '/people/:id/relationships/:relationshipId/end',
  leaveHousehold: '/people/:id/households/:householdId/leave',
  duplicates: '/people/duplicates',
  duplicate: '/people/duplicates/:id',
  merge: '/people/duplicates/:id/merge',
  notTheSame: '/people/duplicates/:id/not-the-same',
  undoMerge: '/people/merges/:id/undo',
  matching: '/admin/matching',
  trainMatching: '/admin/matching/train',
  scanForDuplicates: '/admin/matching/scan',
} as const;

export type PeopleRoute = keyof typeof PEOPLE_ROUTES;

/** A link to one of the register's pages. */
export function peoplePath<R extends PeopleRoute>(route: R, params: PathParams<(typeof PEOPLE_ROUTES)[R]>, query?: Query): string {
  return pathTo(PEOPLE_ROUTES[route], params, query);
}

/** A person's page. */
export function personPath(id: string): string {
  return peoplePath('person', { id });
}

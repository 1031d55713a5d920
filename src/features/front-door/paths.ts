/**
 * The front door's routes, written once: routes register these patterns, and routes, presenters, views' data and
 * services (links in notifications) build their links from them. Other capabilities link to a contact with
 * `contactPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const FRONT_DOOR_ROUTES = {
  worklist: '/worklist',
  contacts: '/contacts',
  newContact: '/contacts/new',
  contact: '/contacts/:id',
  contactPeople: '/contacts/:id/people-involved',
  contactHistory: '/contacts/:id/history',
  details: '/contacts/:id/details',
  people: '/contacts/:id/people',
  addPerson: '/contacts/:id/people/add',
  newPerson: '/contacts/:id/people/new',
  describePerson: '/contacts/:id/people/describe',
  removeDescribed: '/contacts/:id/people/described/:namedId/remove',
  removePerson: '/contacts/:id/people/:personId/remove',
  voice: '/contacts/:id/people/:personId/voice',
  named: '/contacts/:id/named/:namedId',
  check: '/contacts/:id/check',
  submit: '/contacts/:id/submit',
  confirmation: '/contacts/:id/confirmation',
  screening: '/contacts/:id/screening',
  authorisation: '/contacts/:id/authorisation',
  authorisations: '/authorisations',
  rag: '/contacts/:id/rag',
  allocation: '/contacts/:id/allocation',
  shares: '/contacts/:id/shares',
  completeClock: '/contacts/:id/clocks/:clockId/complete',
  incidentReview: '/contacts/:id/incident-review/:reviewId',
  askInformation: '/contacts/:id/information-requests/new',
  informationRequestsOfContact: '/contacts/:id/information-requests',
  withdrawInformationRequest: '/contacts/:id/information-requests/:requestId/withdraw',
  informationRequests: '/information-requests',
  informationRequest: '/information-requests/:id',
  upload: '/contacts/import',
  importJob: '/contacts/import/:id',
  importProgress: '/contacts/import/:id/progress',
  importResume: '/contacts/import/:id/resume',
} as const;

export type FrontDoorRoute = keyof typeof FRONT_DOOR_ROUTES;

/** A link to one of the front door's pages. */
export function frontDoorPath<R extends FrontDoorRoute>(route: R, params: PathParams<(typeof FRONT_DOOR_ROUTES)[R]>, query?: Query): string {
  return pathTo(FRONT_DOOR_ROUTES[route], params, query);
}

/** A contact's page (optionally at a part of it, e.g. `#authorise`). */
export function contactPath(id: string, fragment?: string): string {
  return `${frontDoorPath('contact', { id })}${fragment ? `#${fragment}` : ''}`;
}

/**
 * Domestic abuse's routes, written once: the routes register these patterns, and the routes, presenters and the
 * service (the links in coordinators' and partners' notifications) build their links from them. Other
 * capabilities link to a DA case with `daCasePath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const DOMESTIC_ABUSE_ROUTES = {
  cases: '/domestic-abuse',
  case: '/domestic-abuse/cases/:id',
  grading: '/domestic-abuse/cases/:id/grading',
  /** Recording a contact as a DA incident: a page of the contact, owned by domestic abuse. */
  recordFromContact: '/contacts/:id/domestic-abuse',
  newDash: '/domestic-abuse/cases/:id/dash/new',
  dash: '/domestic-abuse/cases/:id/dash',
  dashResult: '/domestic-abuse/cases/:id/dash/:dashId',
  mada: '/domestic-abuse/mada',
  madaMeeting: '/domestic-abuse/mada/:meetingId',
  madaCase: '/domestic-abuse/mada/:meetingId/cases/:caseId',
  actions: '/domestic-abuse/actions',
  actionDone: '/domestic-abuse/actions/:id/done',
  agreements: '/admin/data-sharing',
  endAgreement: '/admin/data-sharing/:id/end',
} as const;

export type DomesticAbuseRoute = keyof typeof DOMESTIC_ABUSE_ROUTES;

/** A link to one of domestic abuse's pages. */
export function domesticAbusePath<R extends DomesticAbuseRoute>(route: R, params: PathParams<(typeof DOMESTIC_ABUSE_ROUTES)[R]>, query?: Query): string {
  return pathTo(DOMESTIC_ABUSE_ROUTES[route], params, query);
}

/** A DA case's household risk view. */
export function daCasePath(id: string, query?: Query): string {
  return domesticAbusePath('case', { id }, query);
}

/**
 * Training's routes, written once: the routes register these patterns; the routes, presenters, service (the impact
 * email's link) and the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const TRAINING_ROUTES = {
  catalogue: '/partnership/training',
  newCourse: '/partnership/training/courses/new',
  course: '/partnership/training/courses/:id',
  editCourse: '/partnership/training/courses/:id/edit',
  newSession: '/partnership/training/courses/:id/sessions/new',
  session: '/partnership/training/sessions/:id',
  editSession: '/partnership/training/sessions/:id/edit',
  cancelSession: '/partnership/training/sessions/:id/cancel',
  book: '/partnership/training/sessions/:id/book',
  register: '/partnership/training/sessions/:id/register',
  ourBookings: '/partnership/training/our-bookings',
  cancelBooking: '/partnership/training/bookings/:id/cancel',
  evaluation: '/partnership/training/bookings/:id/evaluation',
  needs: '/partnership/training/needs',
  /** Public: the 3-month impact questionnaire, opened from its email without signing in. */
  impact: '/training/impact/:token',
} as const;

export type TrainingRoute = keyof typeof TRAINING_ROUTES;

export function trainingPath<R extends TrainingRoute>(route: R, params: PathParams<(typeof TRAINING_ROUTES)[R]>, query?: Query): string {
  return pathTo(TRAINING_ROUTES[route], params, query);
}

export function coursePath(id: string, query?: Query): string {
  return trainingPath('course', { id }, query);
}

export function sessionPath(id: string, query?: Query): string {
  return trainingPath('session', { id }, query);
}

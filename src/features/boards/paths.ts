/**
 * The boards' routes, written once: the routes register these patterns, and the routes, presenters and the home page
 * build their links from them. Sub-records of a meeting (a member, an agenda item, a decision) travel in the form or
 * query, never the path: the meeting is the record a route names.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const BOARD_ROUTES = {
  boards: '/partnership/boards',
  setUp: '/partnership/boards/set-up',
  newGroup: '/partnership/boards/groups',
  group: '/partnership/boards/groups/:id',
  members: '/partnership/boards/groups/:id/members',
  endMember: '/partnership/boards/groups/:id/members/end',
  meetings: '/partnership/boards/groups/:id/meetings',
  meeting: '/partnership/meetings/:id',
  agenda: '/partnership/meetings/:id/agenda',
  paper: '/partnership/meetings/:id/paper',
  attendance: '/partnership/meetings/:id/attendance',
  decisions: '/partnership/meetings/:id/decisions',
  raiseAction: '/partnership/meetings/:id/decisions/action',
  minutes: '/partnership/meetings/:id/minutes',
  cancel: '/partnership/meetings/:id/cancel',
  attendanceTable: '/partnership/attendance',
  attendanceCsv: '/partnership/attendance.csv',
  risks: '/partnership/risks',
  newRisk: '/partnership/risks/new',
  risk: '/partnership/risks/:id',
  editRisk: '/partnership/risks/:id/edit',
  closeRisk: '/partnership/risks/:id/close',
} as const;

export type BoardRoute = keyof typeof BOARD_ROUTES;

export function boardPath<R extends BoardRoute>(route: R, params: PathParams<(typeof BOARD_ROUTES)[R]>, query?: Query): string {
  return pathTo(BOARD_ROUTES[route], params, query);
}

/** A board's group (the main board or a sub-group). */
export function groupPath(id: string, query?: Query): string {
  return boardPath('group', { id }, query);
}

/** A meeting's page. */
export function meetingPath(id: string, query?: Query): string {
  return boardPath('meeting', { id }, query);
}

/** An entry in the issues / risk log. */
export function riskPath(id: string, query?: Query): string {
  return boardPath('risk', { id }, query);
}

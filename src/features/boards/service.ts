/**
 * The partnership's boards (the children's safeguarding partnership, the adults' board, the community safety
 * partnership), their sub-groups and members, meetings with agenda, papers, decisions and attendance, and each
 * board's issues / risk log.
 *
 * The rules are the domain's (domain/boards.ts): attendance by agency, quoracy, the risk score and its band. Every
 * change is written in one transaction and audited as its last write; every view and paper download is audited.
 * Reads happen before the transaction (PGlite has one connection).
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, boardGroupAccess, boardMeetingAccess, boardMeetingManageAccess, boardRiskAccess } from '../../domain/access.js';
import { type AttendanceStatus, type BoardKind, BOARD_KINDS, BOARD_KIND_CODES, attendanceByAgency, attendanceProblem, isBoardKind, present, quoracy } from '../../domain/boards.js';
import { labelOf } from '../../domain/codes.js';
import { formatDate } from '../../domain/dates.js';
import { collectionYear } from '../../domain/sac.js';
import { addDays, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type OrganisationService } from '../organisations/service.js';
import * as repo from './repository.js';

export type BoardActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult<T = object> = ({ ok: true } & T) | { problems: Problems } | { notFound: true };
export type { AgendaRow, DecisionRow, ExpectedRow, GroupRow, MeetingRow, MemberRow, RiskRow, UpcomingRow } from './repository.js';

const has = (problems: Problems) => Object.keys(problems).length > 0;

/** The main board's group, made with each board. */
export const MAIN_GROUP_NAME = 'Main board';

/** How far ahead the home page looks for reviews of the risk log. */
export const REVIEW_SOON_DAYS = 14;

export interface AttendanceEntry {
  memberId: string;
  status: AttendanceStatus;
  deputyName: string | null;
}

export interface RiskFields extends repo.RiskInput {
  board: string;
}

export class BoardService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly organisations: OrganisationService,
    readonly now: () => Date,
  ) {}

  today(): string {
    return londonDate(this.now());
  }

  // ——— record checks ———

  async groupAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.groupFacts(this.db, id);
    return facts && boardGroupAccess(viewer, facts);
  }

  async meetingAccess(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.meetingFacts(this.db, id);
    return facts && (manage ? boardMeetingManageAccess(viewer, facts) : boardMeetingAccess(viewer, facts));
  }

  async riskAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.riskFacts(this.db, id);
    return facts && boardRiskAccess(viewer, facts);
  }

  // ——— boards and groups ———

  async agencies(tenantId: string) {
    return (await this.organisations.agencies(tenantId, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name, type: a.type }));
  }

  async overview(tenantId: string) {
    const [boards, groups] = await Promise.all([repo.boards(this.db, tenantId), repo.groups(this.db, tenantId)]);
    return { boards: boards.map((b) => ({ ...b, groups: groups.filter((g) => g.board_id === b.id) })), missing: BOARD_KIND_CODES.filter((k) => !boards.some((b) => b.kind === k)) };
  }

  /** Makes the boards the area does not have yet, each with its main board group. */
  async setUp(actor: BoardActor): Promise<{ created: string[] }> {
    const existing = await repo.boards(this.db, actor.tenantId);
    const missing = BOARD_KIND_CODES.filter((k) => !existing.some((b) => b.kind === k));
    if (missing.length === 0) return { created: [] };
    return transaction(this.db, async (tx) => {
      for (const kind of missing) {
        const boardId = await repo.insertBoard(tx, actor.tenantId, kind, labelOf(BOARD_KINDS, kind));
        await repo.insertGroup(tx, { tenantId: actor.tenantId, boardId, name: MAIN_GROUP_NAME, isMain: true, remit: null });
      }
      await this.audit.record(tx, actor, { action: 'board.set_up', recordType: 'board', details: { kinds: missing } });
      return { created: missing };
    });
  }

  async addGroup(actor: BoardActor, input: { boardId: string; name: string; remit: string | null }): Promise<ChangeResult<{ id: string }>> {
    const board = (await repo.boards(this.db, actor.tenantId)).find((b) => b.id === input.boardId);
    if (!board) return { problems: { boardId: 'Select the board the group reports to' } };
    if (await repo.groupNameTaken(this.db, board.id, input.name)) return { problems: { name: `The ${board.name} already has a group called ${input.name}` } };
    return transaction(this.db, async (tx) => {
      const id = await repo.insertGroup(tx, { tenantId: actor.tenantId, boardId: board.id, name: input.name, isMain: false, remit: input.remit });
      await this.audit.record(tx, actor, { action: 'board_group.created', recordType: 'board_group', recordId: id, details: { boardKind: board.kind } });
      return { ok: true as const, id };
    });
  }

  /** A group's page: the group, its members, its meetings (to come, then held), the agencies for the forms. Audited. */
  async groupPage(actor: BoardActor, id: string) {
    const group = await repo.group(this.db, actor.tenantId, id);
    if (!group) return undefined;
    const [members, meetings, agencies] = await Promise.all([repo.members(this.db, id), repo.meetingsOf(this.db, id), this.agencies(actor.tenantId)]);
    await this.audit.recordNow(actor, { action: 'board_group.viewed', recordType: 'board_group', recordId: id });
    const now = this.now().getTime();
    return {
      group,
      members,
      upcoming: meetings.filter((m) => m.status === 'scheduled' && new Date(m.held_at).getTime() >= now).reverse(),
      past: meetings.filter((m) => !(m.status === 'scheduled' && new Date(m.held_at).getTime() >= now)),
      agencies,
      today: this.today(),
    };
  }

  async addMember(
    actor: BoardActor,
    groupId: string,
    input: { agencyId: string; name: string; jobTitle: string | null; role: string; email: string | null; fromOn: string; toOn: string | null },
  ): Promise<ChangeResult<{ id: string }>> {
    const group = await repo.group(this.db, actor.tenantId, groupId);
    if (!group) return { notFound: true };
    let userId: string | null = null;
    if (input.email) {
      const user = await repo.userByEmail(this.db, actor.tenantId, input.email);
      if (!user) return { problems: { email: 'No Threshold account in this area has that email: leave it blank if the member has none' } };
      userId = user.id;
    }
    return transaction(this.db, async (tx) => {
      const id = await repo.insertMember(tx, { tenantId: actor.tenantId, groupId, ...input, userId });
      await this.audit.record(tx, actor, { action: 'board_member.added', recordType: 'board_group', recordId: groupId, details: { memberId: id, agencyId: input.agencyId, role: input.role, userId } });
      return { ok: true as const, id };
    });
  }

  async endMember(actor: BoardActor, groupId: string, input: { memberId: string; toOn: string }): Promise<ChangeResult> {
    const member = (await repo.members(this.db, groupId)).find((m) => m.id === input.memberId);
    if (!member) return { notFound: true };
    if (input.toOn < member.from_on) return { problems: { endOn: 'Membership ends must be on or after the date they became a member' } };
    return transaction(this.db, async (tx) => {
      await repo.endMember(tx, groupId, member.id, input.toOn);
      await this.audit.record(tx, actor, { action: 'board_member.ended', recordType: 'board_group', recordId: groupId, details: { memberId: member.id, toOn: input.toOn } });
      return { ok: true as const };
    });
  }

  // ——— meetings ———

  async schedule(actor: BoardActor, groupId: string, input: { heldAt: Date; location: string | null }): Promise<ChangeResult<{ id: string }>> {
    const group = await repo.group(this.db, actor.tenantId, groupId);
    if (!group) return { notFound: true };
    if (!group.active) return { problems: { heldAt: 'This group no longer meets' } };
    return transaction(this.db, async (tx) => {
      const id = await repo.insertMeeting(tx, { tenantId: actor.tenantId, groupId, heldAt: input.heldAt, location: input.location, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'board_meeting.scheduled', recordType: 'board_meeting', recordId: id, details: { groupId, heldAt: input.heldAt.toISOString() } });
      return { ok: true as const, id };
    });
  }

  /** A meeting: its agenda with papers, the members expected and their attendance, decisions, quoracy. */
  async meeting(tenantId: string, id: string) {
    const meeting = await repo.meeting(this.db, tenantId, id);
    if (!meeting) return undefined;
    const [agenda, expected, decisions] = await Promise.all([repo.agenda(this.db, id), repo.expected(this.db, id), repo.decisions(this.db, id)]);
    const presentTypes = expected.filter((m) => m.status && present(m.status as AttendanceStatus)).map((m) => m.agency_type);
    const kind = (isBoardKind(meeting.board_kind) ? meeting.board_kind : 'children') as BoardKind;
    return {
      meeting,
      agenda,
      expected,
      decisions,
      recorded: expected.some((m) => m.status),
      quoracy: quoracy(kind, presentTypes),
      inFuture: new Date(meeting.held_at).getTime() > this.now().getTime(),
    };
  }

  async viewMeeting(actor: BoardActor, id: string) {
    const found = await this.meeting(actor.tenantId, id);
    if (found) await this.audit.recordNow(actor, { action: 'board_meeting.viewed', recordType: 'board_meeting', recordId: id });
    return found;
  }

  async addAgendaItem(actor: BoardActor, meetingId: string, input: { title: string; presenter: string | null; paper: { name: string; type: string; bytes: Buffer } | null }): Promise<ChangeResult> {
    const meeting = await repo.meeting(this.db, actor.tenantId, meetingId);
    if (!meeting) return { notFound: true };
    if (meeting.status === 'cancelled') return { problems: { title: 'The meeting was cancelled' } };
    return transaction(this.db, async (tx) => {
      const item = await repo.insertAgendaItem(tx, { tenantId: actor.tenantId, meetingId, ...input });
      await this.audit.record(tx, actor, {
        action: 'board_meeting.agenda_item_added',
        recordType: 'board_meeting',
        recordId: meetingId,
        details: { itemId: item.id, position: item.position, paper: input.paper ? { name: input.paper.name, type: input.paper.type, bytes: input.paper.bytes.length } : null },
      });
      return { ok: true as const };
    });
  }

  /** A paper to download, its download audited. */
  async paper(actor: BoardActor, meetingId: string, itemId: string) {
    const found = await repo.paper(this.db, meetingId, itemId);
    if (!found) return undefined;
    await this.audit.recordNow(actor, { action: 'board_paper.downloaded', recordType: 'board_meeting', recordId: meetingId, details: { itemId } });
    return { name: found.paper_name, type: found.paper_type, bytes: found.paper };
  }

  /** Attendance for every member expected; the meeting is then held. */
  async recordAttendance(actor: BoardActor, meetingId: string, entries: readonly AttendanceEntry[]): Promise<ChangeResult> {
    const found = await this.meeting(actor.tenantId, meetingId);
    if (!found) return { notFound: true };
    const first = found.expected[0]?.id;
    const problems: Problems = {};
    if (found.meeting.status === 'cancelled') problems[first ? `status-${first}` : 'form'] = 'The meeting was cancelled: there is no attendance to record';
    else if (found.inFuture) problems[first ? `status-${first}` : 'form'] = 'Attendance can be recorded once the meeting has started';
    const byId = new Map(found.expected.map((m) => [m.id, m]));
    for (const e of entries) {
      if (!byId.has(e.memberId)) return { notFound: true };
      const problem = attendanceProblem(e.status, e.deputyName);
      if (problem) problems[`deputy-${e.memberId}`] = problem;
    }
    if (has(problems)) return { problems };
    return transaction(this.db, async (tx) => {
      for (const e of entries) {
        const member = byId.get(e.memberId)!;
        await repo.upsertAttendance(tx, { tenantId: actor.tenantId, meetingId, memberId: e.memberId, agencyId: member.agency_id, status: e.status, deputyName: e.status === 'deputy' ? e.deputyName : null });
      }
      await repo.setMeetingStatus(tx, meetingId, 'held');
      const counts = Object.fromEntries(['attended', 'deputy', 'apologies', 'absent'].map((s) => [s, entries.filter((e) => e.status === s).length]));
      await this.audit.record(tx, actor, { action: 'board_meeting.attendance_recorded', recordType: 'board_meeting', recordId: meetingId, details: counts });
      return { ok: true as const };
    });
  }

  async addDecision(actor: BoardActor, meetingId: string, input: { text: string; agendaItemId: string | null }): Promise<ChangeResult<{ id: string }>> {
    const meeting = await repo.meeting(this.db, actor.tenantId, meetingId);
    if (!meeting) return { notFound: true };
    if (meeting.status === 'cancelled') return { problems: { text: 'The meeting was cancelled' } };
    return transaction(this.db, async (tx) => {
      const id = await repo.insertDecision(tx, { tenantId: actor.tenantId, meetingId, agendaItemId: input.agendaItemId, text: input.text, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'board_meeting.decision_recorded', recordType: 'board_meeting', recordId: meetingId, details: { decisionId: id } });
      return { ok: true as const, id };
    });
  }

  /**
   * What the action tracker's planFor needs for a decision of this meeting (the plan is the meeting's: every
   * decision of one meeting raises its actions in one plan).
   */
  async actionSource(tenantId: string, meetingId: string, decisionId: string) {
    const meeting = await repo.meeting(this.db, tenantId, meetingId);
    if (!meeting) return undefined;
    const decision = (await repo.decisions(this.db, meetingId)).find((d) => d.id === decisionId);
    if (!decision) return undefined;
    const date = formatDate(meeting.held_at);
    const where = meeting.is_main ? meeting.board_name : `${meeting.board_name}: ${meeting.group_name}`;
    return {
      decision,
      source: {
        sourceKind: 'board_decision' as const,
        sourceId: meetingId,
        sourceTitle: `${where}, ${date}`,
        title: `Actions from the ${where} meeting of ${date}`,
        boardKind: meeting.board_kind,
      },
    };
  }

  /** Audits that a decision raised an action in a plan (the plan itself is made and audited by the tracker). */
  async actionRaised(actor: BoardActor, meetingId: string, decisionId: string, planId: string): Promise<void> {
    await this.audit.recordNow(actor, { action: 'board_decision.action_raised', recordType: 'board_meeting', recordId: meetingId, details: { decisionId, planId } });
  }

  async recordMinutes(actor: BoardActor, meetingId: string, minutes: string): Promise<ChangeResult> {
    const meeting = await repo.meeting(this.db, actor.tenantId, meetingId);
    if (!meeting) return { notFound: true };
    if (meeting.status === 'cancelled') return { problems: { minutes: 'The meeting was cancelled' } };
    return transaction(this.db, async (tx) => {
      await repo.setMinutes(tx, meetingId, minutes);
      await this.audit.record(tx, actor, { action: 'board_meeting.minutes_recorded', recordType: 'board_meeting', recordId: meetingId, details: { length: minutes.length } });
      return { ok: true as const };
    });
  }

  async cancel(actor: BoardActor, meetingId: string): Promise<ChangeResult> {
    const meeting = await repo.meeting(this.db, actor.tenantId, meetingId);
    if (!meeting) return { notFound: true };
    if (meeting.status !== 'scheduled' || meeting.recorded > 0) return { problems: { confirm: 'Only a meeting with no attendance recorded can be cancelled' } };
    return transaction(this.db, async (tx) => {
      await repo.setMeetingStatus(tx, meetingId, 'cancelled');
      await this.audit.record(tx, actor, { action: 'board_meeting.cancelled', recordType: 'board_meeting', recordId: meetingId });
      return { ok: true as const };
    });
  }

  // ——— the attendance table ———

  /**
   * The main board's attendance by agency for a year (1 April to 31 March, by the year it starts): one row per agency
   * with a member expected at any held meeting, its mark at each and its percentage (domain/boards.ts). Audited.
   */
  async attendanceTable(actor: BoardActor, kind: BoardKind, year: number) {
    const y = collectionYear(year);
    const board = (await repo.boards(this.db, actor.tenantId)).find((b) => b.kind === kind);
    const main = board ? (await repo.groups(this.db, actor.tenantId)).find((g) => g.board_id === board.id && g.is_main) : undefined;
    const meetings = main ? await repo.heldMeetings(this.db, main.id, y.start, y.end) : [];
    const rows = await repo.attendanceOf(this.db, meetings.map((m) => m.id));
    const names = new Map(rows.map((r) => [r.agency_id, r.agency_name]));
    const table = attendanceByAgency(
      meetings.map((m) => m.id),
      rows.map((r) => ({ meetingId: r.meeting_id, agencyId: r.agency_id, status: r.status as AttendanceStatus })),
    )
      .map((r) => ({ ...r, agencyName: names.get(r.agencyId) ?? '' }))
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName));
    await this.audit.recordNow(actor, { action: 'board_attendance.viewed', recordType: 'board', recordId: board?.id, details: { kind, year } });
    return { board, group: main, year: y, meetings, table };
  }

  // ——— the issues / risk log ———

  async riskLog(actor: BoardActor, q: { kind: BoardKind; status: 'open' | 'closed'; page: number; pageSize: number }) {
    const boards = await repo.boards(this.db, actor.tenantId);
    const board = boards.find((b) => b.kind === q.kind);
    const today = this.today();
    const list = board ? await repo.risks(this.db, { tenantId: actor.tenantId, boardId: board.id, status: q.status, today, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) : { rows: [], total: 0, overdue: 0 };
    await this.audit.recordNow(actor, { action: 'board_risk.listed', recordType: 'board', recordId: board?.id, details: { status: q.status, page: q.page, ids: list.rows.map((r) => r.id) } });
    return { boards, board, today, ...list };
  }

  async viewRisk(actor: BoardActor, id: string) {
    const risk = await repo.risk(this.db, actor.tenantId, id);
    if (risk) await this.audit.recordNow(actor, { action: 'board_risk.viewed', recordType: 'board_risk', recordId: id });
    return risk && { risk, today: this.today() };
  }

  risk(tenantId: string, id: string) {
    return repo.risk(this.db, tenantId, id);
  }

  async createRisk(actor: BoardActor, input: RiskFields): Promise<ChangeResult<{ id: string; reference: string }>> {
    const board = (await repo.boards(this.db, actor.tenantId)).find((b) => b.kind === input.board);
    if (!board) return { problems: { board: 'The area has no such board yet: set the boards up first' } };
    return transaction(this.db, async (tx) => {
      const created = await repo.insertRisk(tx, { ...input, tenantId: actor.tenantId, boardId: board.id, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'board_risk.created', recordType: 'board_risk', recordId: created.id, details: { reference: created.reference, likelihood: input.likelihood, impact: input.impact } });
      return { ok: true as const, ...created };
    });
  }

  async updateRisk(actor: BoardActor, id: string, input: repo.RiskInput): Promise<ChangeResult> {
    const risk = await repo.risk(this.db, actor.tenantId, id);
    if (!risk) return { notFound: true };
    if (risk.status === 'closed') return { problems: { title: 'This entry is closed' } };
    return transaction(this.db, async (tx) => {
      await repo.updateRisk(tx, id, input, this.now());
      await this.audit.record(tx, actor, {
        action: 'board_risk.updated',
        recordType: 'board_risk',
        recordId: id,
        details: { from: { likelihood: risk.likelihood, impact: risk.impact, reviewOn: risk.review_on }, to: { likelihood: input.likelihood, impact: input.impact, reviewOn: input.reviewOn } },
      });
      return { ok: true as const };
    });
  }

  async closeRisk(actor: BoardActor, id: string): Promise<ChangeResult> {
    const risk = await repo.risk(this.db, actor.tenantId, id);
    if (!risk) return { notFound: true };
    if (risk.status === 'closed') return { problems: { confirm: 'This entry is already closed' } };
    return transaction(this.db, async (tx) => {
      await repo.closeRisk(tx, id, this.today(), this.now());
      await this.audit.record(tx, actor, { action: 'board_risk.closed', recordType: 'board_risk', recordId: id });
      return { ok: true as const };
    });
  }

  // ——— the home page ———

  /** The next meetings of a user's groups (every group, for the business unit) and the log's reviews due soon. */
  async homePanel(user: { userId: string; tenantId: string }, runsPartnership: boolean) {
    const today = this.today();
    const [meetings, risks] = await Promise.all([
      repo.upcoming(this.db, { tenantId: user.tenantId, userId: user.userId, all: runsPartnership, limit: 5 }),
      repo.risksDue(this.db, { tenantId: user.tenantId, by: addDays(today, REVIEW_SOON_DAYS), today, limit: 5 }),
    ]);
    return { meetings, risks, today };
  }
}

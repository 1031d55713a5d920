/**
 * MARAC, the multi-agency risk assessment conference for victims of domestic abuse at high risk. Any partner agency
 * refers (visible high risk, professional judgement, escalation, or repeat: detected here); the coordinator lists
 * referrals on a meeting's agenda, invites agencies, who research their own records before the meeting; the
 * coordinator marks who was present, records minutes and actions, and tracks the actions to completion.
 *
 * Sharing: research is seen by the agencies invited to the meeting, minutes only by those present, and the
 * coordinating agency sees both (`meetingParts` in domain/access.ts). Every view of a referral, research or minutes, and every
 * change, is audited, the audit event being the last write of its transaction.
 */
import { type Database, transaction } from '../../db/client.js';
import { currentChecklist } from '../../domain/dash.js';
import { MARAC_CRITERIA, repeatOf, yearBefore } from '../../domain/domestic-abuse.js';
import { personKey } from '../../domain/intake.js';
import { localDateOf, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { type MaracMeetingFacts, type MaracReferralFacts, type DaActionFacts, type AccessDecision, type MeetingAccess, type RecordViewer, maracActionAccess, maracMeetingAccess, maracReferralAccess, meetingParts, referralVisible } from '../../domain/access.js';
import * as repo from './repository.js';
import { maracPath } from './paths.js';
import { personName } from '../../domain/names.js';

export interface MaracPair {
  victimKey: string | null;
  perpetratorKey: string | null;
  victimPersonId: string | null;
  perpetratorPersonId: string | null;
}

export interface MaracReferralInput {
  tenantId: string;
  daCaseId: string | null;
  victimPersonId: string | null;
  perpetratorPersonId: string | null;
  victimName: string;
  perpetratorName: string | null;
  victimKey: string | null;
  perpetratorKey: string | null;
  referringAgencyId: string;
  referredByUserId: string | null;
  referredAt: Date;
  criteria: string[];
  dashScore: number | null;
  reason: string;
}

/** An action agreed at a MARAC meeting for a referral, as written. */
export interface MaracActionInput {
  tenantId: string;
  daCaseId: string | null;
  maracReferralId: string;
  meetingId: string;
  description: string;
  ownerAgencyId: string;
  ownerUserId: string | null;
  dueOn: string;
  createdByUserId: string;
}

/**
 * Where MARAC's actions are written. The actions table (da_action) belongs to domestic abuse, which keeps the actions
 * of both forums (src/db/schema/owners.json), so MARAC adds and completes its actions through domestic abuse's
 * service (`DaActionService`), in MARAC's own transaction. The seam is declared here, by the capability that needs
 * it, because domestic abuse builds on MARAC (it makes referrals and checks repeats) and MARAC does not import it.
 */
export interface MaracActionWriter {
  /** Adds an action agreed at a MARAC meeting: its id. */
  addMaracAction(tx: Database, action: MaracActionInput): Promise<string>;
  /** Marks a MARAC action done, unless it already is: whether it was. */
  completeMaracAction(tx: Database, id: string, done: { userId: string; at: Date; note: string }): Promise<boolean>;
}

/** A signed-in user acting on MARAC: who they are, and whether their roles let them coordinate. */
export interface MaracViewer extends Actor, RecordViewer {
  userId: string;
  tenantId: string;
  agencyId: string;
  canCoordinate: boolean;
}

export type Problems = Record<string, string>;

/** The values of the referral form, as parsed. */
export interface ReferralFormValues {
  daCaseId: string | null;
  victimGivenNames: string | null;
  victimFamilyName: string | null;
  victimDob: string | null;
  perpetratorGivenNames: string | null;
  perpetratorFamilyName: string | null;
  perpetratorDob: string | null;
  criteria: string[];
  dashScore: number | null;
  reason: string;
}

export type CaseForReferral = NonNullable<Awaited<ReturnType<typeof repo.caseForReferral>>>;

/** Thrown inside a transaction to roll it back and answer with problems. */
class Refused extends Error {
  constructor(readonly problems: Problems) {
    super('refused');
  }
}

async function refusable<T>(fn: () => Promise<T>): Promise<T | { problems: Problems }> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Refused) return { problems: err.problems };
    throw err;
  }
}

const CRITERIA_ORDER = MARAC_CRITERIA.map((c) => c.code);
const PAGE = 50;

export class MaracService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly now: () => Date,
    /** Domestic abuse's writer of da_action, where MARAC keeps its actions (given by the composition root). */
    private readonly actionWriter: MaracActionWriter,
  ) {}

  /** Today in London. */
  today(): string {
    return londonDate(this.now());
  }

  /** The DASH score for visible high risk, from the partner checklist in use (SafeLives: 14). */
  highRiskScore(): number {
    return currentChecklist('partner', this.today())?.thresholds.high ?? 14;
  }

  // ——— the API other features use ———

  /**
   * Inside a transaction: the most recent MARAC referral between this victim and this perpetrator (by person id
   * where both sides have one, else by key) referred on or before `on` (a London date) and within 12 months of it.
   */
  async repeatFor(tx: Database, tenantId: string, pair: MaracPair, on: string): Promise<{ id: string; referredOn: string } | null> {
    const candidates = await repo.pairReferrals(tx, tenantId, pair, yearBefore(on), on);
    const found = repeatOf(
      on,
      candidates.map((c) => ({ id: c.id, referredOn: c.referred_on })),
    );
    return found ? { id: found.id, referredOn: found.referredOn } : null;
  }

  /**
   * Creates a referral in the caller's transaction: detects a repeat (adds 'repeat' and links the referral
   * repeated), tells the area's MARAC coordinators in the app, and leaves the audit event to the caller.
   */
  async referIn(tx: Database, input: MaracReferralInput): Promise<{ id: string; repeatOf: string | null }> {
    const previous = await this.repeatFor(
      tx,
      input.tenantId,
      { victimKey: input.victimKey, perpetratorKey: input.perpetratorKey, victimPersonId: input.victimPersonId, perpetratorPersonId: input.perpetratorPersonId },
      localDateOf(input.referredAt),
    );
    const given = new Set([...input.criteria, ...(previous ? ['repeat'] : [])]);
    const criteria = [...CRITERIA_ORDER.filter((c) => given.has(c)), ...[...given].filter((c) => !CRITERIA_ORDER.includes(c))];
    const id = await repo.insertReferral(tx, {
      tenantId: input.tenantId,
      daCaseId: input.daCaseId,
      victimPersonId: input.victimPersonId,
      perpetratorPersonId: input.perpetratorPersonId,
      victimName: input.victimName,
      perpetratorName: input.perpetratorName,
      victimKey: input.victimKey,
      perpetratorKey: input.perpetratorKey,
      referringAgencyId: input.referringAgencyId,
      referredByUserId: input.referredByUserId,
      referredAt: input.referredAt,
      criteria,
      dashScore: input.dashScore,
      reason: input.reason,
      previousReferralId: previous?.id ?? null,
      status: 'referred',
    });
    for (const u of await repo.usersWith(tx, input.tenantId, 'marac:coordinate')) {
      await notifyInApp(tx, {
        tenantId: input.tenantId,
        userId: u.id,
        title: previous ? 'New repeat MARAC referral' : 'New MARAC referral',
        body: previous ? `A repeat referral: the last MARAC referral for this victim and perpetrator was on ${formatDate(previous.referredOn)}.` : 'A new referral is waiting to be listed for a meeting.',
        link: maracPath('referral', { id }),
      });
    }
    return { id, repeatOf: previous?.id ?? null };
  }

  // ——— who may see what ———

  /** Whether the viewer's agency coordinates MARAC in the area (their roles do, or a colleague's do). */
  async coordinating(viewer: MaracViewer): Promise<boolean> {
    return viewer.canCoordinate || repo.isCoordinatingAgency(this.db, viewer.tenantId, viewer.agencyId);
  }

  private access(coordinating: boolean, meeting: repo.MeetingRow): MeetingAccess {
    return meetingParts({ coordinating, invited: meeting.my_invited, present: meeting.my_present });
  }

  // ——— the record rules' facts (domain/access.ts), for the one check that runs before a route's handler ———

  private async meetingFacts(id: string): Promise<MaracMeetingFacts | undefined> {
    const m = await repo.meetingFacts(this.db, id);
    return m ? { ...m, coordinatingAgencyIds: await repo.coordinatingAgencyIds(this.db, m.tenantId) } : undefined;
  }

  async meetingAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await this.meetingFacts(id);
    return facts && maracMeetingAccess(viewer, facts);
  }

  async referralAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const r = await repo.referralFacts(this.db, id);
    if (!r) return undefined;
    const facts: MaracReferralFacts = {
      tenantId: r.tenant_id,
      referringAgencyId: r.referring_agency_id,
      coordinatingAgencyIds: await repo.coordinatingAgencyIds(this.db, r.tenant_id),
      meeting: r.meeting_id ? ((await this.meetingFacts(r.meeting_id)) ?? null) : null,
    };
    return maracReferralAccess(viewer, facts);
  }

  async actionAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const a = await repo.actionFacts(this.db, id);
    if (!a) return undefined;
    const facts: DaActionFacts = { tenantId: a.tenant_id, ownerAgencyId: a.owner_agency_id, forum: a.forum, coordinatingAgencyIds: await repo.coordinatingAgencyIds(this.db, a.tenant_id) };
    return maracActionAccess(viewer, facts);
  }

  private denied(viewer: MaracViewer, recordType: string, recordId: string, why: string): Promise<void> {
    return this.audit.recordNow(viewer, { action: 'access.denied', recordType, recordId, details: { why } });
  }

  // ——— referring ———

  /** A DA case to start a referral from (the route checks the viewer may see its contact). */
  caseForReferral(tenantId: string, caseId: string) {
    return repo.caseForReferral(this.db, tenantId, caseId);
  }

  /** Records that the viewer opened a DA case's people to start a referral. */
  viewedCaseForReferral(viewer: MaracViewer, caseId: string): Promise<void> {
    return this.audit.recordNow(viewer, { action: 'marac.referral_started_from_case', recordType: 'da_case', recordId: caseId });
  }

  /** A referral from the referral page, audited. Person ids come from the DA case when the names and dates of birth are the case's. */
  async refer(viewer: MaracViewer, input: ReferralFormValues, fromCase: CaseForReferral | null): Promise<{ id: string; repeatOf: string | null }> {
    const victim = { givenNames: input.victimGivenNames ?? '', familyName: input.victimFamilyName ?? '', dateOfBirth: input.victimDob };
    const perpetrator = input.perpetratorGivenNames && input.perpetratorFamilyName ? { givenNames: input.perpetratorGivenNames, familyName: input.perpetratorFamilyName, dateOfBirth: input.perpetratorDob } : null;
    const sameAs = (typed: { givenNames: string; familyName: string; dateOfBirth: string | null } | null, known: { given_names: string; family_name: string; date_of_birth: string | null } | null | undefined) =>
      !!typed && !!known && personKey(typed) !== null && personKey(typed) === personKey({ givenNames: known.given_names, familyName: known.family_name, dateOfBirth: known.date_of_birth });
    return transaction(this.db, async (tx) => {
      const made = await this.referIn(tx, {
        tenantId: viewer.tenantId,
        daCaseId: fromCase?.id ?? null,
        victimPersonId: sameAs(victim, fromCase?.victim) ? (fromCase!.victim!.person_id ?? null) : null,
        perpetratorPersonId: sameAs(perpetrator, fromCase?.perpetrator) ? (fromCase!.perpetrator!.person_id ?? null) : null,
        victimName: personName(victim),
        perpetratorName: perpetrator ? personName(perpetrator) : null,
        victimKey: personKey(victim),
        perpetratorKey: perpetrator ? personKey(perpetrator) : null,
        referringAgencyId: viewer.agencyId,
        referredByUserId: viewer.userId,
        referredAt: this.now(),
        criteria: input.criteria,
        dashScore: input.dashScore,
        reason: input.reason,
      });
      await this.audit.record(tx, viewer, {
        action: 'marac.referral_created',
        recordType: 'marac_referral',
        recordId: made.id,
        details: { daCaseId: fromCase?.id ?? null, criteria: input.criteria, dashScore: input.dashScore, repeatOf: made.repeatOf },
      });
      return made;
    });
  }

  /** Referrals: every one in the area for the coordinating agency, otherwise the viewer's agency's own. */
  async referrals(viewer: MaracViewer, filter: { status: string | null; page: number }) {
    const coordinating = await this.coordinating(viewer);
    const list = await repo.listReferrals(this.db, viewer.tenantId, {
      ...(filter.status ? { statuses: [filter.status] } : {}),
      ...(coordinating ? {} : { agencyId: viewer.agencyId }),
      limit: PAGE + 1,
      offset: (filter.page - 1) * PAGE,
    });
    const total = await repo.countListedReferrals(this.db, viewer.tenantId, { ...(filter.status ? { statuses: [filter.status] } : {}), ...(coordinating ? {} : { agencyId: viewer.agencyId }) });
    return { coordinating, referrals: list.slice(0, PAGE), hasNext: list.length > PAGE, total, pageSize: PAGE };
  }

  /**
   * One referral, with what the viewer may see of its meeting: research (invited agencies), minutes (agencies
   * present) and actions (those who see the minutes; an owner agency its own). Audited; undefined when hidden.
   */
  async referral(viewer: MaracViewer, id: string, purpose: 'view' | 'confirmation' = 'view') {
    const r = await repo.referralById(this.db, viewer.tenantId, id);
    if (!r) return undefined;
    const coordinating = await this.coordinating(viewer);
    const meeting = r.meeting_id ? await repo.meetingById(this.db, viewer.tenantId, r.meeting_id, viewer.agencyId) : undefined;
    const access = meeting ? this.access(coordinating, meeting) : null;
    if (!referralVisible({ coordinating, referringAgency: r.referring_agency_id === viewer.agencyId, meeting: access })) {
      await this.denied(viewer, 'marac_referral', id, 'not the referring, coordinating or an invited agency');
      return undefined;
    }
    const research = access?.research ? await repo.researchForReferral(this.db, id) : [];
    const minutes = meeting && access?.minutes ? (await repo.minutesForMeeting(this.db, meeting.id)).find((m) => m.referral_id === id) ?? null : null;
    const actions = await repo.listActions(this.db, viewer.tenantId, { referralId: id, ...(coordinating || access?.minutes ? {} : { ownerAgencyId: viewer.agencyId }), done: null, limit: 200, offset: 0 });
    const previous = coordinating && r.previous_referral_id ? await repo.referralById(this.db, viewer.tenantId, r.previous_referral_id) : undefined;
    await this.audit.recordNow(viewer, { action: purpose === 'confirmation' ? 'marac.referral_confirmation_viewed' : 'marac.referral_viewed', recordType: 'marac_referral', recordId: id, details: { meetingId: r.meeting_id, research: research.length, minutes: !!minutes } });
    return { referral: r, coordinating, meeting: meeting ?? null, access, research, minutes, actions, previous: previous ?? null };
  }

  /** Referrals in the area for the same victim, or the same perpetrator, as a referral (coordinating agency only). */
  async history(viewer: MaracViewer, id: string, side: 'victim' | 'perpetrator') {
    if (!(await this.coordinating(viewer))) return undefined;
    const r = await repo.referralById(this.db, viewer.tenantId, id);
    if (!r) return undefined;
    const referrals = await repo.historyOf(this.db, viewer.tenantId, id, side);
    await this.audit.recordNow(viewer, { action: 'marac.history_viewed', recordType: 'marac_referral', recordId: id, details: { side, referrals: referrals.map((x) => x.id) } });
    return { referral: r, referrals, serial: side === 'perpetrator' && r.serial };
  }

  async setStatus(viewer: MaracViewer, id: string, status: 'heard' | 'closed'): Promise<{ problems: Problems } | { ok: true } | undefined> {
    const r = await repo.referralById(this.db, viewer.tenantId, id);
    if (!r) return undefined;
    if (status === 'heard' && (r.status !== 'listed' || r.meeting_status !== 'held')) {
      return { problems: { status: r.status === 'listed' ? 'A case can be marked heard once its meeting is held: record who was present first' : 'Only a case on a meeting’s agenda can be marked heard' } };
    }
    if (status === 'closed' && r.status !== 'heard') return { problems: { status: r.status === 'closed' ? 'This case is already closed' : 'Mark the case heard before closing it' } };
    return refusable(() =>
      transaction(this.db, async (tx) => {
        if (!(await repo.setStatus(tx, viewer.tenantId, id, [r.status], status))) throw new Refused({ status: 'This case has just been changed by someone else: reload the page' });
        await this.audit.record(tx, viewer, { action: 'marac.referral_status_changed', recordType: 'marac_referral', recordId: id, details: { from: r.status, to: status, meetingId: r.meeting_id } });
        return { ok: true as const };
      }),
    );
  }

  // ——— meetings ———

  agencies(tenantId: string) {
    return repo.activeAgencies(this.db, tenantId);
  }

  async scheduleMeeting(viewer: MaracViewer, input: { meetingAt: Date; location: string; agencyIds: string[] }): Promise<{ problems: Problems } | { id: string }> {
    const known = new Set((await repo.activeAgencies(this.db, viewer.tenantId)).map((a) => a.id));
    if (input.agencyIds.some((a) => !known.has(a))) return { problems: { agencyIds: 'Select agencies from the list' } };
    const users = await repo.usersWith(this.db, viewer.tenantId, 'marac:research', input.agencyIds);
    return transaction(this.db, async (tx) => {
      const id = await repo.insertMeeting(tx, { tenantId: viewer.tenantId, meetingAt: input.meetingAt, location: input.location, createdByUserId: viewer.userId });
      await repo.inviteAgencies(tx, viewer.tenantId, id, input.agencyIds);
      for (const u of users) {
        await notifyInApp(tx, { tenantId: viewer.tenantId, userId: u.id, title: 'Your agency is invited to a MARAC', body: `The meeting is on ${formatDateTime(input.meetingAt)}. Complete your agency’s research for each case on the agenda before then.`, link: maracPath('meeting', { id }) });
      }
      await this.audit.record(tx, viewer, { action: 'marac.meeting_scheduled', recordType: 'marac_meeting', recordId: id, details: { meetingAt: input.meetingAt.toISOString(), agencyIds: input.agencyIds } });
      return { id };
    });
  }

  /** Meetings the viewer may see: upcoming and held (the coordinating agency sees all). */
  async meetings(viewer: MaracViewer) {
    const coordinating = await this.coordinating(viewer);
    const upcoming = await repo.listMeetings(this.db, viewer, { status: 'scheduled', limit: 100 });
    const held = await repo.listMeetings(this.db, viewer, { status: 'held', limit: 50 });
    return { coordinating, upcoming, held };
  }

  /** A meeting, its invited agencies and agenda, for the coordinating and invited agencies. Audited; undefined when hidden. */
  async meeting(viewer: MaracViewer, id: string) {
    const found = await this.meetingFor(viewer, id, 'meeting');
    if (!found) return undefined;
    const { meeting, access, coordinating } = found;
    const agencies = await repo.meetingAgencies(this.db, id);
    const agenda = await repo.agenda(this.db, id);
    const waiting = coordinating && meeting.status === 'scheduled' ? await repo.listReferrals(this.db, viewer.tenantId, { statuses: ['referred'], limit: 200, offset: 0 }) : [];
    await this.audit.recordNow(viewer, { action: 'marac.meeting_viewed', recordType: 'marac_meeting', recordId: id, details: { referrals: agenda.map((a) => a.id) } });
    return { meeting, access, coordinating, agencies, agenda, waiting };
  }

  /** The meeting when the viewer may see the part asked for; a refusal is audited. */
  private async meetingFor(viewer: MaracViewer, id: string, part: keyof MeetingAccess) {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, id, viewer.agencyId);
    if (!meeting) return undefined;
    const coordinating = await this.coordinating(viewer);
    const access = this.access(coordinating, meeting);
    if (!access[part]) {
      await this.denied(viewer, 'marac_meeting', id, part === 'minutes' ? 'not present at the meeting' : 'not invited to the meeting');
      return undefined;
    }
    return { meeting, access, coordinating };
  }

  async addToAgenda(viewer: MaracViewer, meetingId: string, referralIds: string[]): Promise<{ problems: Problems } | { listed: number } | undefined> {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    if (!meeting) return undefined;
    if (meeting.status !== 'scheduled') return { problems: { referralIds: 'This meeting has been held: put the referrals on the agenda of a later meeting' } };
    const agencies = await repo.meetingAgencies(this.db, meetingId);
    const users = await repo.usersWith(this.db, viewer.tenantId, 'marac:research', agencies.map((a) => a.agency_id));
    return refusable(() =>
      transaction(this.db, async (tx) => {
        const listed = await repo.listOnMeeting(tx, viewer.tenantId, meetingId, referralIds);
        if (listed.length !== referralIds.length) throw new Refused({ referralIds: 'Some of the referrals chosen are no longer waiting for a meeting: choose again from the list' });
        for (const u of users) {
          await notifyInApp(tx, { tenantId: viewer.tenantId, userId: u.id, title: 'Cases added to a MARAC agenda', body: `${listed.length} case${listed.length === 1 ? '' : 's'} added to the MARAC on ${formatDateTime(meeting.meeting_at)}: complete your agency’s research before the meeting.`, link: maracPath('meeting', { id: meetingId }) });
        }
        await this.audit.record(tx, viewer, { action: 'marac.agenda_updated', recordType: 'marac_meeting', recordId: meetingId, details: { listed } });
        return { listed: listed.length };
      }),
    );
  }

  /** Marks which invited agencies were present, and the meeting held (from the day of the meeting). */
  async recordAttendance(viewer: MaracViewer, meetingId: string, presentAgencyIds: string[]): Promise<{ problems: Problems } | { ok: true } | undefined> {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    if (!meeting) return undefined;
    if (meeting.meeting_on > this.today()) return { problems: { presentAgencyIds: `Record who was present on or after the day of the meeting (${formatDate(meeting.meeting_on)})` } };
    const invited = new Set((await repo.meetingAgencies(this.db, meetingId)).map((a) => a.agency_id));
    if (presentAgencyIds.some((a) => !invited.has(a))) return { problems: { presentAgencyIds: 'Select agencies from those invited to the meeting' } };
    return transaction(this.db, async (tx) => {
      await repo.markAttendance(tx, viewer.tenantId, meetingId, presentAgencyIds);
      await this.audit.record(tx, viewer, { action: 'marac.attendance_recorded', recordType: 'marac_meeting', recordId: meetingId, details: { present: presentAgencyIds, absent: [...invited].filter((a) => !presentAgencyIds.includes(a)) } });
      return { ok: true as const };
    });
  }

  // ——— research ———

  /** Every agency's research for the cases on a meeting's agenda (invited and coordinating agencies). Audited. */
  async research(viewer: MaracViewer, meetingId: string) {
    const found = await this.meetingFor(viewer, meetingId, 'research');
    if (!found) return undefined;
    const agencies = await repo.meetingAgencies(this.db, meetingId);
    const agenda = await repo.agenda(this.db, meetingId);
    const research = await repo.researchForMeeting(this.db, meetingId);
    await this.audit.recordNow(viewer, { action: 'marac.research_viewed', recordType: 'marac_meeting', recordId: meetingId, details: { referrals: agenda.map((a) => a.id), entries: research.length } });
    return { ...found, agencies, agenda, research };
  }

  /** A case on the agenda and the viewer's agency's research on it, for an invited agency. Audited. */
  async researchCase(viewer: MaracViewer, meetingId: string, referralId: string) {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    if (!meeting) return undefined;
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!r || r.meeting_id !== meetingId) return undefined;
    if (!meeting.my_invited) {
      await this.denied(viewer, 'marac_meeting', meetingId, 'not invited to the meeting');
      return undefined;
    }
    const mine = await repo.researchBy(this.db, referralId, viewer.agencyId);
    await this.audit.recordNow(viewer, { action: 'marac.referral_viewed', recordType: 'marac_referral', recordId: referralId, details: { meetingId, for: 'research' } });
    return { meeting, referral: r, mine: mine ?? null, open: meeting.status === 'scheduled' };
  }

  async submitResearch(viewer: MaracViewer, meetingId: string, referralId: string, input: { known: string; information: string }): Promise<{ problems: Problems } | { ok: true } | undefined> {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!meeting || !r || r.meeting_id !== meetingId || !meeting.my_invited) return undefined;
    if (meeting.status !== 'scheduled') return { problems: { information: 'Research closes when the meeting is held: this meeting has been held' } };
    return transaction(this.db, async (tx) => {
      await repo.upsertResearch(tx, { tenantId: viewer.tenantId, referralId, agencyId: viewer.agencyId, known: input.known, information: input.information, userId: viewer.userId, at: this.now() });
      await this.audit.record(tx, viewer, { action: 'marac.research_recorded', recordType: 'marac_referral', recordId: referralId, details: { meetingId, known: input.known } });
      return { ok: true as const };
    });
  }

  // ——— minutes ———

  /** A held meeting's minutes and actions, case by case (agencies present, and the coordinating agency). Audited. */
  async minutes(viewer: MaracViewer, meetingId: string) {
    const found = await this.meetingFor(viewer, meetingId, 'minutes');
    if (!found) return undefined;
    const agencies = await repo.meetingAgencies(this.db, meetingId);
    const agenda = await repo.agenda(this.db, meetingId);
    const minutes = await repo.minutesForMeeting(this.db, meetingId);
    const actions = await repo.actionsForMeeting(this.db, meetingId);
    await this.audit.recordNow(viewer, { action: 'marac.minutes_viewed', recordType: 'marac_meeting', recordId: meetingId, details: { referrals: agenda.map((a) => a.id) } });
    return { ...found, agencies, agenda, minutes, actions };
  }

  /** A case's minutes for the coordinator to write (the meeting must be held). Audited. */
  async minutesCase(viewer: MaracViewer, meetingId: string, referralId: string) {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!meeting || !r || r.meeting_id !== meetingId) return undefined;
    const existing = (await repo.minutesForMeeting(this.db, meetingId)).find((m) => m.referral_id === referralId) ?? null;
    await this.audit.recordNow(viewer, { action: 'marac.minutes_viewed', recordType: 'marac_referral', recordId: referralId, details: { meetingId } });
    return { meeting, referral: r, existing };
  }

  async recordMinutes(viewer: MaracViewer, meetingId: string, referralId: string, text: string): Promise<{ problems: Problems } | { ok: true } | undefined> {
    const meeting = await repo.meetingById(this.db, viewer.tenantId, meetingId, viewer.agencyId);
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!meeting || !r || r.meeting_id !== meetingId) return undefined;
    if (meeting.status !== 'held') return { problems: { minutes: 'Record who was present at the meeting before writing its minutes' } };
    return transaction(this.db, async (tx) => {
      const created = await repo.upsertMinutes(tx, { tenantId: viewer.tenantId, meetingId, referralId, text, userId: viewer.userId, at: this.now() });
      await this.audit.record(tx, viewer, { action: created ? 'marac.minutes_recorded' : 'marac.minutes_changed', recordType: 'marac_referral', recordId: referralId, details: { meetingId } });
      return { ok: true as const };
    });
  }

  // ——— actions ———

  /** What the action form offers: the area's agencies and the people who may own an action. */
  async actionChoices(tenantId: string) {
    return { agencies: await repo.activeAgencies(this.db, tenantId), users: await repo.usersWith(this.db, tenantId, 'marac:research') };
  }

  /** A referral an action can be added to: heard at (or listed for) a meeting that has been held. */
  async referralForAction(viewer: MaracViewer, referralId: string) {
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!r) return undefined;
    await this.audit.recordNow(viewer, { action: 'marac.referral_viewed', recordType: 'marac_referral', recordId: referralId, details: { for: 'action' } });
    return r;
  }

  async addAction(viewer: MaracViewer, referralId: string, input: { ownerAgencyId: string; ownerUserId: string | null; dueOn: string; description: string }): Promise<{ problems: Problems } | { id: string } | undefined> {
    const r = await repo.referralById(this.db, viewer.tenantId, referralId);
    if (!r) return undefined;
    if (!r.meeting_id || r.meeting_status !== 'held') return { problems: { description: 'Actions are agreed at a meeting: put the case on an agenda and record who was present first' } };
    const { agencies, users } = await this.actionChoices(viewer.tenantId);
    const problems: Problems = {};
    if (!agencies.some((a) => a.id === input.ownerAgencyId)) problems.ownerAgencyId = 'Select the agency that owns the action from the list';
    const owner = input.ownerUserId ? users.find((u) => u.id === input.ownerUserId) : null;
    if (input.ownerUserId && !owner) problems.ownerUserId = 'Select a person from the list';
    else if (owner && owner.agency_id !== input.ownerAgencyId) problems.ownerUserId = `${owner.display_name} works for ${owner.agency_name}: choose someone from the owner agency, or nobody`;
    if (Object.keys(problems).length) return { problems };
    const tell = owner ? [owner] : await repo.usersWith(this.db, viewer.tenantId, 'marac:research', [input.ownerAgencyId]);
    return transaction(this.db, async (tx) => {
      const id = await this.actionWriter.addMaracAction(tx, { tenantId: viewer.tenantId, daCaseId: r.da_case_id, maracReferralId: referralId, meetingId: r.meeting_id!, description: input.description, ownerAgencyId: input.ownerAgencyId, ownerUserId: input.ownerUserId, dueOn: input.dueOn, createdByUserId: viewer.userId });
      for (const u of tell) {
        await notifyInApp(tx, { tenantId: viewer.tenantId, userId: u.id, title: 'A MARAC action for your agency', body: `Due by ${formatDate(input.dueOn)}.`, link: maracPath('action', { id }) });
      }
      await this.audit.record(tx, viewer, { action: 'marac.action_created', recordType: 'marac_referral', recordId: referralId, details: { actionId: id, meetingId: r.meeting_id, ownerAgencyId: input.ownerAgencyId, ownerUserId: input.ownerUserId, dueOn: input.dueOn } });
      return { id };
    });
  }

  /** Which actions a list (and its count on the home page) holds: the viewer's agency's own, or every one in the area for the coordinating agency. */
  private actionFilter(viewer: MaracViewer, coordinating: boolean, filter: { done: boolean; overdue?: boolean; referralId?: string | null; meetingId?: string }): repo.ActionFilter {
    return {
      ...(coordinating ? {} : { ownerAgencyId: viewer.agencyId }),
      ...(filter.referralId ? { referralId: filter.referralId } : {}),
      ...(filter.meetingId ? { meetingId: filter.meetingId } : {}),
      ...(filter.overdue && !filter.done ? { overdueOn: this.today() } : {}),
      visibleTo: viewer,
      done: filter.done,
    };
  }

  /** Actions: the viewer's agency's own, or every one in the area for the coordinating agency; `overdue` only those past their due date. */
  async actions(viewer: MaracViewer, filter: { done: boolean; overdue?: boolean; page: number; referralId?: string | null }) {
    const coordinating = await this.coordinating(viewer);
    const where = this.actionFilter(viewer, coordinating, filter);
    const list = await repo.listActions(this.db, viewer.tenantId, { ...where, limit: PAGE + 1, offset: (filter.page - 1) * PAGE });
    const total = await repo.countActions(this.db, viewer.tenantId, where);
    const counts = await repo.actionCounts(this.db, viewer.tenantId, coordinating ? null : viewer.agencyId, this.today());
    return { coordinating, actions: list.slice(0, PAGE), hasNext: list.length > PAGE, total, pageSize: PAGE, counts, today: this.today() };
  }

  /** One action, for its owner agency and the coordinating agency. Audited. */
  async action(viewer: MaracViewer, id: string) {
    const a = await repo.actionById(this.db, viewer.tenantId, id);
    if (!a) return undefined;
    const coordinating = await this.coordinating(viewer);
    const owner = a.owner_agency_id === viewer.agencyId;
    if (!coordinating && !owner) {
      await this.denied(viewer, 'da_action', id, 'not the owner or coordinating agency');
      return undefined;
    }
    await this.audit.recordNow(viewer, { action: 'marac.action_viewed', recordType: 'da_action', recordId: id, details: { referralId: a.marac_referral_id } });
    return { action: a, owner, coordinating, today: this.today() };
  }

  async completeAction(viewer: MaracViewer, id: string, note: string): Promise<{ problems: Problems } | { ok: true } | undefined> {
    const a = await repo.actionById(this.db, viewer.tenantId, id);
    if (!a || a.owner_agency_id !== viewer.agencyId) return undefined;
    if (a.done_at) return { problems: { note: 'This action has already been completed' } };
    return refusable(() =>
      transaction(this.db, async (tx) => {
        if (!(await this.actionWriter.completeMaracAction(tx, id, { userId: viewer.userId, at: this.now(), note }))) throw new Refused({ note: 'This action has already been completed' });
        await this.audit.record(tx, viewer, { action: 'marac.action_completed', recordType: 'da_action', recordId: id, details: { referralId: a.marac_referral_id } });
        return { ok: true as const };
      }),
    );
  }

  // ——— the home page ———

  /**
   * What MARAC asks of the viewer today (features/marac/home.ts): for the coordinating agency, new referrals to check,
   * the next meetings with their research still to come, and open and overdue actions; for an invited agency, the
   * research it owes the next meeting and its own actions. Each count is the total of the list it links to.
   */
  async home(viewer: MaracViewer) {
    const coordinating = await this.coordinating(viewer);
    const today = this.today();
    const open = await repo.countActions(this.db, viewer.tenantId, this.actionFilter(viewer, coordinating, { done: false }));
    const overdue = await repo.countActions(this.db, viewer.tenantId, this.actionFilter(viewer, coordinating, { done: false, overdue: true }));
    const newReferrals = coordinating ? await repo.countListedReferrals(this.db, viewer.tenantId, { statuses: ['referred'] }) : null;
    const scheduled = (await repo.listMeetings(this.db, viewer, { status: 'scheduled', limit: 20 })).filter((m) => coordinating || m.my_invited);
    const upcoming = [];
    for (const m of scheduled.filter((x) => x.meeting_on >= today).slice(0, 2)) upcoming.push({ ...m, research: await repo.researchOutstanding(this.db, m.id) });
    // Meetings whose day has passed with nobody recording who was present: still "scheduled", research still open.
    const unrecorded = coordinating ? scheduled.filter((m) => m.meeting_on < today) : [];
    return { coordinating, today, open, overdue, newReferrals, upcoming, unrecorded };
  }

  // ——— the overview ———

  async overview(viewer: MaracViewer) {
    const coordinating = await this.coordinating(viewer);
    const upcoming = await repo.listMeetings(this.db, viewer, { status: 'scheduled', limit: 10 });
    const actions = await repo.actionCounts(this.db, viewer.tenantId, coordinating ? null : viewer.agencyId, this.today());
    const newReferrals = coordinating ? await repo.countReferrals(this.db, viewer.tenantId, 'referred') : null;
    return { coordinating, upcoming, actions, newReferrals };
  }
}

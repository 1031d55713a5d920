/**
 * Operation Encompass: every child present at, or living in the household of, a domestic abuse incident of any
 * risk level gets a notice to their school's key adult before the start of the next school day.
 *
 * The notices are made inside the intake transaction (`createNotices`, with a context read before it: PGlite has
 * one connection) and delivered at once: an in-app notification and an email through the outbox to each key adult
 * of the setting. The email names nobody: it says a notification is waiting and links to it. A child whose setting
 * cannot be found goes to the MASH's needs-a-setting queue; a setting with no key adult keeps its notice until one
 * is chosen, and the monitor shows it. Nothing is lost.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import {
  DEFAULT_SCHOOL_CALENDAR,
  type EncompassRoute,
  type EncompassSetting,
  type SchoolCalendarRules,
  type SchoolTerm,
  longDate,
  matchSchool,
  nextSchoolDayStart,
  noticeOutcome,
  routeFor,
  sortTerms,
  termProblems,
} from '../../domain/encompass.js';
import { type TemplateName } from '../../domain/email-templates.js';
import { ROLE_PERMISSIONS, type Role } from '../../domain/roles.js';
import { type LocalDate, addDays, ageOn, instantAt, isLocalDate, localDateOf, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { enqueueEmail, notifyInApp } from '../../platform/outbox.js';
import { formatDateTime } from '../../platform/views.js';
import { type OrganisationService } from '../organisations/service.js';
import * as repo from './repository.js';
import { encompassPath } from './paths.js';

type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
type Problems = Record<string, string>;
type CalendarValues = { dayStartsAt: string; terms: SchoolTerm[]; closures: string[] };

/** The email sent to a key adult: a reference-free "a notification is waiting", with the link and the due time. */
export const NOTICE_EMAIL_TEMPLATE: TemplateName = 'encompass.notice';

export interface EncompassChild {
  daPersonId: string;
  personId: string | null;
  dateOfBirth: string | null;
  schoolGiven: string | null;
}

interface AreaSetting extends EncompassSetting {
  type: string;
  urn: string | null;
  phase: string | null;
}

/** What making notices needs, read before the intake transaction. */
export interface EncompassContext {
  tenantId: string;
  /** Active schools, early years settings, health agencies and children's social care of the area, by agency id. */
  settings: ReadonlyMap<string, AreaSetting>;
  /** Active schools (with a URN), for matching what the police wrote. */
  schools: readonly (AreaSetting & { urn: string })[];
  /** Each school's own calendar, by agency id. */
  calendars: ReadonlyMap<string, SchoolCalendarRules>;
  /** The authority's default calendar (or the built-in one: 08:45, no terms). */
  defaultCalendar: SchoolCalendarRules;
  isBankHoliday: (date: LocalDate) => boolean;
  /** The children's social care front door, for electively home educated children. */
  frontDoor: EncompassSetting | null;
  /** The key adults of each agency who can sign in, by agency id. */
  keyAdults: ReadonlyMap<string, readonly { userId: string; email: string }[]>;
}

export interface CreatedNotices {
  /** Delivered to at least one key adult. */
  sent: number;
  /** In the needs-a-setting queue. */
  needsSetting: number;
  /** For a setting with no key adult yet: kept, shown on the monitor, sent when a key adult is chosen. */
  noKeyAdult: number;
  /** Children 18 or over on the day: no notice. */
  notRequired: number;
  /** What was made, by id, for the caller's audit event. */
  notices?: Record<string, unknown>[];
}

/** The roles a key adult may hold: those that can receive notices. */
export const RECEIVING_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('encompass:receive'));

function toRules(c: { dayStartsAt: string; terms: SchoolTerm[]; closures: string[] }): SchoolCalendarRules {
  return { dayStartsAt: c.dayStartsAt, terms: c.terms, closures: c.closures };
}

/** The start of a London date, as an instant. */
const midnight = (date: LocalDate) => instantAt(date, 0);

/** A school with nobody to receive its notifications (the key adults list's "no key adult" filter, and its home count). */
export function schoolWithoutKeyAdult(a: { type: string; key_adults: number }): boolean {
  return a.type === 'school' && Number(a.key_adults) === 0;
}

export class EncompassService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly organisations: OrganisationService,
    private readonly publicUrl: string,
    private readonly now: () => Date,
  ) {}

  /** The service's clock (the routes show due times against it). */
  time(): Date {
    return this.now();
  }

  // ——— making notices (the intake) ———

  async context(tenantId: string): Promise<EncompassContext> {
    const tenant = await this.organisations.tenant(tenantId);
    const working = await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
    const settingRows = await repo.settings(this.db, tenantId);
    const settings = new Map<string, AreaSetting>(settingRows.map((s) => [s.agency_id, { agencyId: s.agency_id, name: s.name, type: s.type, urn: s.urn, phase: s.phase }]));
    const schools = [...settings.values()].filter((s): s is AreaSetting & { urn: string } => s.type === 'school' && !!s.urn);
    const calendars = new Map<string, SchoolCalendarRules>();
    let defaultCalendar = DEFAULT_SCHOOL_CALENDAR;
    for (const c of await repo.calendars(this.db, tenantId)) {
      if (c.agencyId) calendars.set(c.agencyId, toRules(c));
      else defaultCalendar = toRules(c);
    }
    const keyAdults = new Map<string, { userId: string; email: string }[]>();
    for (const k of await repo.keyAdults(this.db, tenantId)) {
      const list = keyAdults.get(k.agency_id) ?? [];
      list.push({ userId: k.user_id, email: k.email });
      keyAdults.set(k.agency_id, list);
    }
    const frontDoor = await this.organisations.frontDoor(tenantId, 'child');
    return {
      tenantId,
      settings,
      schools,
      calendars,
      defaultCalendar,
      isBankHoliday: (d) => working.isHoliday(d),
      frontDoor: frontDoor ? { agencyId: frontDoor.id, name: frontDoor.name } : null,
      keyAdults,
    };
  }

  /**
   * Inside the intake transaction (uses only `tx`): one notice per child. Due at the start of the next school day
   * after the incident (else the receipt) by the setting's own calendar or the authority's; delivered at once to
   * every key adult of the setting, or put in the needs-a-setting queue with the reason.
   */
  async createNotices(
    tx: Database,
    context: EncompassContext,
    input: { tenantId: string; daCaseId: string; occurredAt: Date | null; receivedAt: Date; children: EncompassChild[] },
  ): Promise<CreatedNotices> {
    const incidentAt = input.occurredAt ?? input.receivedAt;
    const incidentOn = localDateOf(incidentAt);
    const receivedOn = localDateOf(input.receivedAt);
    const result: CreatedNotices = { sent: 0, needsSetting: 0, noKeyAdult: 0, notRequired: 0 };
    const made: Record<string, unknown>[] = [];
    for (const child of input.children) {
      const facts = child.personId ? await repo.personFacts(tx, child.personId, receivedOn) : null;
      const dob = [child.dateOfBirth, facts?.dateOfBirth].find((d): d is string => !!d && isLocalDate(d)) ?? null;
      const found = this.settingsOf(context, facts?.education ?? [], child.schoolGiven);
      const decision = routeFor(
        { ageAtIncident: dob ? ageOn(dob, incidentOn) : null, schoolGiven: child.schoolGiven, ...found },
        { frontDoor: context.frontDoor },
      );
      if ('noNotice' in decision) {
        result.notRequired += 1;
        made.push({ daPersonId: child.daPersonId, noNotice: true });
        continue;
      }
      const agencyId = 'agencyId' in decision ? decision.agencyId : null;
      const dueAt = this.dueAfter(incidentAt, context, agencyId);
      const id = await repo.insertNotice(tx, {
        tenantId: input.tenantId,
        daCaseId: input.daCaseId,
        daPersonId: child.daPersonId,
        route: decision.route,
        agencyId,
        needsSetting: 'needsSetting' in decision ? decision.needsSetting : null,
        dueAt,
        createdAt: this.now(),
      });
      if (!id) continue; // already made for this child
      let sent = false;
      if (agencyId) {
        sent = await this.deliver(tx, input.tenantId, id, context.keyAdults.get(agencyId) ?? [], dueAt);
        if (sent) result.sent += 1;
        else result.noKeyAdult += 1;
      } else {
        result.needsSetting += 1;
      }
      made.push({ noticeId: id, daPersonId: child.daPersonId, route: decision.route, agencyId, dueAt: dueAt.toISOString(), sent, needsSetting: !agencyId });
    }
    // Audited by the caller's event (the intake's contact.received), which is written last: the audit chain's lock
    // is held from the first audit write to commit, so it is taken once, at the end.
    result.notices = made;
    return result;
  }

  /** The child's settings: from their person record (school, elective home education, early years, health visitor), else the school the police named. */
  private settingsOf(context: EncompassContext, education: readonly repo.EducationRow[], schoolGiven: string | null) {
    const best = (kind: string) => education.find((e) => e.kind === kind && (kind === 'elective_home_education' || (e.agency_id && e.agency_name)));
    const setting = (e: repo.EducationRow | undefined): EncompassSetting | null => (e?.agency_id && e.agency_name ? { agencyId: e.agency_id, name: e.agency_name } : null);
    const schoolRow = best('school');
    const ehe = best('elective_home_education');
    // Home education counts when it started no earlier than the school place (a child taken off roll to be home educated).
    const electivelyHomeEducated = !!ehe && (!schoolRow || (ehe.from_date ?? '') >= (schoolRow.from_date ?? ''));
    let school = setting(schoolRow);
    if (!school) {
      const matched = matchSchool(schoolGiven, context.schools);
      if (matched) school = { agencyId: matched.agencyId, name: matched.name };
    }
    return { electivelyHomeEducated, school, earlyYears: setting(best('early_years')), healthVisitor: setting(best('health_visitor')) };
  }

  /**
   * The start of the next school day after an incident by the setting's calendar, else the authority's. A calendar
   * that cannot be read (a start time that is not HH:MM, closures with no school day for a year) must not stop a DA
   * notification being received: the built-in calendar (08:45, every weekday but bank holidays) is used instead.
   */
  private dueAfter(incidentAt: Date, context: EncompassContext, agencyId: string | null): Date {
    const own = agencyId ? context.calendars.get(agencyId) : undefined;
    for (const cal of [own, context.defaultCalendar, DEFAULT_SCHOOL_CALENDAR]) {
      if (!cal) continue;
      try {
        return nextSchoolDayStart(incidentAt, cal, context.isBankHoliday);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
    }
    return nextSchoolDayStart(incidentAt, DEFAULT_SCHOOL_CALENDAR, () => false);
  }

  /** Tells each key adult (in the app, and by an email that names nobody); marks the notice sent. False when there is nobody to tell. */
  private async deliver(tx: Database, tenantId: string, noticeId: string, keyAdults: readonly { userId: string; email: string }[], dueAt: Date): Promise<boolean> {
    if (keyAdults.length === 0) return false;
    const link = encompassPath('notice', { id: noticeId });
    for (const k of keyAdults) {
      await notifyInApp(tx, {
        tenantId,
        userId: k.userId,
        title: 'Operation Encompass notification',
        body: `A notification about a child at your setting is waiting for you. Read it before the school day starts (${formatDateTime(dueAt)}).`,
        link,
      });
      await enqueueEmail(tx, { tenantId, template: NOTICE_EMAIL_TEMPLATE, recipient: k.email, personalisation: { deadline: formatDateTime(dueAt), link: `${this.publicUrl}${link}` } });
    }
    return repo.markSent(tx, noticeId, this.now());
  }

  // ——— the key adult ———

  /** The start of today in London, and now: what "received today" and "overdue" are measured against. */
  private clock() {
    const now = this.now();
    return { now, todayStarts: instantAt(londonDate(now), 0) };
  }

  /** One of the key adult's lists (`show`), a page of it, and its total. Audited: it names children. */
  async forKeyAdult(actor: UserActor, page: { show?: repo.KeyAdultShow; limit: number; offset: number }) {
    const show = page.show ?? 'all';
    const { now, todayStarts } = this.clock();
    const list = await repo.forKeyAdult(this.db, actor.tenantId, actor.userId, { show, now, todayStarts }, page.limit, page.offset);
    const counts = await repo.keyAdultCounts(this.db, actor.tenantId, actor.userId, now, todayStarts);
    if (list.length) await this.audit.recordNow(actor, { action: 'encompass.list_viewed', recordType: 'encompass_notice', details: { noticeIds: list.map((n) => n.id), show } });
    return { list, total: counts[show], counts };
  }

  /** How many notices each of the key adult's lists holds (the home page; no names, so not audited). */
  keyAdultCounts(actor: { tenantId: string; userId: string }) {
    const { now, todayStarts } = this.clock();
    return repo.keyAdultCounts(this.db, actor.tenantId, actor.userId, now, todayStarts);
  }

  /** The monitor's two queues' sizes (the home page). */
  monitorCounts(tenantId: string) {
    return repo.monitorCounts(this.db, tenantId, this.now());
  }

  /** What the notice's record rule reads (domain/access.ts). */
  noticeFacts(id: string) {
    return repo.noticeFacts(this.db, id);
  }

  /** A notice for one of its key adults, audited as a view; undefined (and the refusal audited) for anyone else. */
  async forReading(actor: UserActor, id: string): Promise<repo.NoticeRow | undefined> {
    const notice = await this.readable(actor, id);
    if (!notice) {
      await this.audit.recordNow(actor, { action: 'access.denied', recordType: 'encompass_notice', recordId: id, details: { why: 'not a key adult of the setting' } });
      return undefined;
    }
    await this.audit.recordNow(actor, { action: 'encompass.notice_viewed', recordType: 'encompass_notice', recordId: id, details: { daCaseId: notice.da_case_id, agencyId: notice.agency_id } });
    return notice;
  }

  private async readable(actor: UserActor, id: string): Promise<repo.NoticeRow | undefined> {
    const notice = await repo.noticeById(this.db, actor.tenantId, id);
    if (!notice || !notice.sent_at || !notice.agency_id) return undefined;
    return (await repo.isKeyAdult(this.db, notice.agency_id, actor.userId)) ? notice : undefined;
  }

  async acknowledge(actor: UserActor, id: string): Promise<'done' | 'already' | 'not found'> {
    const notice = await this.readable(actor, id);
    if (!notice) return 'not found';
    return transaction(this.db, async (tx) => {
      if (!(await repo.acknowledge(tx, id, actor.userId, this.now()))) return 'already' as const;
      await this.audit.record(tx, actor, { action: 'encompass.notice_acknowledged', recordType: 'encompass_notice', recordId: id, details: { daCaseId: notice.da_case_id, agencyId: notice.agency_id } });
      return 'done' as const;
    });
  }

  /** Records (or corrects) the support the setting gave; acknowledges the notice too if nobody had. */
  async recordSupport(actor: UserActor, id: string, input: { support: string[]; supportNote: string | null }): Promise<boolean> {
    const notice = await this.readable(actor, id);
    if (!notice) return false;
    await transaction(this.db, async (tx) => {
      const at = this.now();
      await repo.acknowledge(tx, id, actor.userId, at);
      await repo.recordSupport(tx, id, { support: input.support, note: input.supportNote, at });
      await this.audit.record(tx, actor, { action: 'encompass.support_recorded', recordType: 'encompass_notice', recordId: id, details: { support: input.support, corrected: !!notice.support_recorded_at } });
    });
    return true;
  }

  // ——— the MASH monitor ———

  /**
   * A DA case's notices with where each went and how it did (for the case page: the MASH sees whether each child's
   * school was told in time). The caller audits the view of the case.
   */
  async forCase(tenantId: string, daCaseId: string) {
    const now = this.now();
    return (await repo.noticesForCase(this.db, tenantId, daCaseId)).map((n) => ({
      ...n,
      outcome: noticeOutcome({ dueAt: asDate(n.due_at), sentAt: asDate(n.sent_at), acknowledgedAt: asDate(n.acknowledged_at) }, now),
    }));
  }

  /** The needs-a-setting queue and the notices waiting for a key adult (they name children: the caller audits the view). */
  async monitor(actor: UserActor, page: { limit: number; offset: number } = { limit: 200, offset: 0 }) {
    const queue = await repo.needingSetting(this.db, actor.tenantId, page.limit, page.offset);
    const noKeyAdult = await repo.withoutKeyAdult(this.db, actor.tenantId, undefined, page.limit, page.offset);
    const counts = await repo.monitorCounts(this.db, actor.tenantId, this.now());
    return { queue, noKeyAdult, counts };
  }

  /**
   * Every notice due in a period of London dates (inclusive), each with its outcome against the due time, and the
   * counts. Views of the names are audited by the caller with the ids shown.
   */
  async report(tenantId: string, from: LocalDate, to: LocalDate) {
    const now = this.now();
    const list = await repo.dueBetween(this.db, tenantId, midnight(from), midnight(addDays(to, 1)));
    const rows = list.map((n) => ({ ...n, outcome: noticeOutcome({ dueAt: asDate(n.due_at), sentAt: asDate(n.sent_at), acknowledgedAt: asDate(n.acknowledged_at) }, now) }));
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    return {
      rows,
      counts: {
        due: rows.length,
        sentInTime: count((r) => !!r.sent_at && asDate(r.sent_at).getTime() <= asDate(r.due_at).getTime()),
        acknowledgedInTime: count((r) => r.outcome === 'in_time'),
        late: count((r) => r.outcome === 'late'),
        notSent: count((r) => r.outcome === 'not_sent'),
        notAcknowledged: count((r) => r.outcome === 'not_acknowledged'),
        waiting: count((r) => r.outcome === 'waiting'),
      },
    };
  }

  async recordMonitorView(actor: UserActor, ids: string[], what: string): Promise<void> {
    if (ids.length) await this.audit.recordNow(actor, { action: 'encompass.monitor_viewed', recordType: 'encompass_notice', details: { what, noticeIds: ids.slice(0, 1000), count: ids.length } });
  }

  /** A queued notice for the MASH to assign (audited as a view); undefined when it is not in the queue. */
  async forAssigning(actor: UserActor, id: string) {
    const notice = await repo.noticeById(this.db, actor.tenantId, id);
    if (!notice || notice.agency_id || notice.sent_at) return undefined;
    await this.audit.recordNow(actor, { action: 'encompass.notice_viewed', recordType: 'encompass_notice', recordId: id, details: { daCaseId: notice.da_case_id, for: 'assigning' } });
    return notice;
  }

  /** The settings a notice can be assigned to, and the school the police named if it matches one. */
  async assignable(tenantId: string) {
    return repo.settings(this.db, tenantId);
  }

  /**
   * Assigns a setting (chosen from the list or by URN) to a queued notice and sends it at once. Its due time is
   * worked out again by the setting's own calendar; sent after it, the notice counts as late.
   */
  async assign(actor: UserActor, id: string, input: { agencyId: string | null; urn: string | null }): Promise<{ problems: Problems } | { sent: boolean; late: boolean; agencyName: string } | { gone: true }> {
    const notice = await repo.noticeById(this.db, actor.tenantId, id);
    if (!notice || notice.agency_id || notice.sent_at) return { gone: true };
    let setting: repo.SettingRow | undefined;
    if (input.urn) {
      setting = await repo.schoolByUrn(this.db, actor.tenantId, input.urn);
      if (!setting) return { problems: { urn: `There is no open school with URN ${input.urn} in Threshold. Check the URN, or choose the setting from the list` } };
    } else if (input.agencyId) {
      setting = (await repo.settings(this.db, actor.tenantId)).find((s) => s.agency_id === input.agencyId);
      if (!setting) return { problems: { agencyId: 'Choose a setting from the list' } };
    } else {
      return { problems: { agencyId: 'Choose the child’s school or setting, or enter its URN' } };
    }
    const context = await this.context(actor.tenantId);
    const incidentAt = asDate(notice.occurred_at) ?? asDate(notice.received_at);
    const dob = notice.date_of_birth;
    const young = !!dob && ageOn(dob, localDateOf(incidentAt)) < 4;
    const route: EncompassRoute = setting.type === 'health' ? 'health_visitor' : setting.type === 'children_social_care' ? 'childrens_social_care' : young || setting.phase === 'nursery' ? 'early_years' : 'school';
    const dueAt = this.dueAfter(incidentAt, context, setting.agency_id);
    const chosen = setting;
    return transaction(this.db, async (tx) => {
      if (!(await repo.assign(tx, id, { route, agencyId: chosen.agency_id, dueAt }))) return { gone: true as const };
      const sent = await this.deliver(tx, actor.tenantId, id, context.keyAdults.get(chosen.agency_id) ?? [], dueAt);
      const late = sent && this.now().getTime() > dueAt.getTime();
      await this.audit.record(tx, actor, {
        action: 'encompass.setting_assigned',
        recordType: 'encompass_notice',
        recordId: id,
        details: { daCaseId: notice.da_case_id, agencyId: chosen.agency_id, route, by: input.urn ? 'urn' : 'list', dueAt: dueAt.toISOString(), previousDueAt: asDate(notice.due_at).toISOString(), sent, late },
      });
      return { sent, late, agencyName: chosen.name };
    });
  }

  // ——— key adults ———

  agencies(tenantId: string) {
    return repo.agenciesWithKeyAdults(this.db, tenantId);
  }

  /**
   * What the home page says about key adults: for the whole area (a system administrator), how many schools have none
   * (`schoolsWithoutKeyAdult`, the filter of the agencies list); for one setting (its administrator), its key adults and
   * the notifications kept because it has none.
   */
  async keyAdultHome(tenantId: string, agencyId: string | null): Promise<{ kind: 'area'; schoolsWithout: number } | { kind: 'setting'; agencyId: string; name: string; keyAdults: number; waiting: number }> {
    const agencies = await repo.agenciesWithKeyAdults(this.db, tenantId);
    if (agencyId === null) return { kind: 'area', schoolsWithout: agencies.filter(schoolWithoutKeyAdult).length };
    const mine = agencies.find((a) => a.id === agencyId);
    const waiting = (await repo.withoutKeyAdult(this.db, tenantId, agencyId)).length;
    return { kind: 'setting', agencyId, name: mine?.name ?? 'Your setting', keyAdults: mine?.key_adults ?? 0, waiting };
  }

  agency(tenantId: string, id: string) {
    return repo.agency(this.db, tenantId, id);
  }

  async keyAdultsOf(tenantId: string, agencyId: string) {
    const people = await repo.usersWithRoles(this.db, tenantId, agencyId, RECEIVING_ROLES);
    const current = await repo.keyAdults(this.db, tenantId, agencyId);
    const waiting = await repo.withoutKeyAdult(this.db, tenantId, agencyId);
    return { current, candidates: people.filter((p) => !p.key_adult), waiting: waiting.length };
  }

  /** Adds a key adult, and sends them at once any notice kept because the setting had nobody. */
  async addKeyAdult(actor: UserActor, agencyId: string, userId: string): Promise<{ problems: Problems } | { added: true; delivered: number }> {
    const candidates = await repo.usersWithRoles(this.db, actor.tenantId, agencyId, RECEIVING_ROLES);
    const chosen = candidates.find((c) => c.id === userId);
    if (!chosen) return { problems: { userId: 'Choose someone from the list' } };
    if (chosen.key_adult) return { problems: { userId: `${chosen.display_name} is already a key adult` } };
    const waiting = await repo.withoutKeyAdult(this.db, actor.tenantId, agencyId);
    return transaction(this.db, async (tx) => {
      await repo.addKeyAdult(tx, { tenantId: actor.tenantId, agencyId, userId, addedByUserId: actor.userId, at: this.now() });
      let delivered = 0;
      for (const n of waiting) {
        if (await this.deliver(tx, actor.tenantId, n.id, [{ userId, email: chosen.email }], asDate(n.due_at))) delivered += 1;
      }
      await this.audit.record(tx, actor, { action: 'encompass.key_adult_added', recordType: 'agency', recordId: agencyId, details: { userId, delivered: waiting.map((n) => n.id) } });
      return { added: true as const, delivered };
    });
  }

  async removeKeyAdult(actor: UserActor, agencyId: string, userId: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      if (!(await repo.removeKeyAdult(tx, agencyId, userId))) return false;
      await this.audit.record(tx, actor, { action: 'encompass.key_adult_removed', recordType: 'agency', recordId: agencyId, details: { userId } });
      return true;
    });
  }

  // ——— school day and term dates ———

  /** A school's calendar (its own, or the authority's it falls back to), or the authority's default (agencyId null). */
  async calendarPage(tenantId: string, agencyId: string | null) {
    const own = await repo.calendarOf(this.db, tenantId, agencyId);
    const authority = agencyId ? await repo.calendarOf(this.db, tenantId, null) : own;
    const rules: SchoolCalendarRules = own ?? authority ?? DEFAULT_SCHOOL_CALENDAR;
    return {
      own: !!own,
      dayStartsAt: rules.dayStartsAt,
      terms: sortTerms(rules.terms),
      closures: [...rules.closures].sort(),
      fallsBackTo: own ? null : authority ? 'authority' : 'built-in',
    };
  }

  /**
   * Changes a calendar in one transaction. A school changing its dates for the first time starts from a copy of the
   * authority's. `change` returns problems (nothing saved) or the new values.
   */
  private async changeCalendar(
    actor: UserActor,
    agencyId: string | null,
    what: string,
    details: Record<string, unknown>,
    change: (c: CalendarValues) => { problems: Problems } | { value: CalendarValues },
  ): Promise<{ problems: Problems } | { ok: true }> {
    return transaction(this.db, async (tx) => {
      const own = await repo.calendarOf(tx, actor.tenantId, agencyId, { forUpdate: true });
      const start = own ?? (agencyId ? await repo.calendarOf(tx, actor.tenantId, null) : undefined) ?? { ...DEFAULT_SCHOOL_CALENDAR, terms: [], closures: [] };
      const changed = change({ dayStartsAt: start.dayStartsAt, terms: [...start.terms], closures: [...start.closures] });
      if ('problems' in changed) return changed;
      const v = changed.value;
      await repo.saveCalendar(tx, actor.tenantId, agencyId, { dayStartsAt: v.dayStartsAt, terms: sortTerms(v.terms), closures: [...new Set(v.closures)].sort(), at: this.now() });
      await this.audit.record(tx, actor, { action: 'encompass.calendar_changed', recordType: agencyId ? 'agency' : 'tenant', recordId: agencyId ?? actor.tenantId, details: { change: what, ...details } });
      return { ok: true as const };
    });
  }

  setDayStart(actor: UserActor, agencyId: string | null, dayStartsAt: string) {
    return this.changeCalendar(actor, agencyId, 'day_start', { dayStartsAt }, (c) => ({ value: { ...c, dayStartsAt } }));
  }

  addTerm(actor: UserActor, agencyId: string | null, term: { name: string; from: LocalDate; to: LocalDate }) {
    return this.changeCalendar(actor, agencyId, 'term_added', { from: term.from, to: term.to }, (c) => {
      const problems = termProblems(term, c.terms);
      if (problems.length) return { problems: Object.fromEntries(problems.map((p) => [p.field, p.message])) };
      return { value: { ...c, terms: [...c.terms, { name: term.name, from: term.from, to: term.to }] } };
    });
  }

  removeTerm(actor: UserActor, agencyId: string | null, from: LocalDate) {
    return this.changeCalendar(actor, agencyId, 'term_removed', { from }, (c) => {
      if (!c.terms.some((t) => t.from === from)) return { problems: { from: `There is no term starting on ${longDate(from)}: it may have been removed already` } };
      return { value: { ...c, terms: c.terms.filter((t) => t.from !== from) } };
    });
  }

  addClosure(actor: UserActor, agencyId: string | null, date: LocalDate) {
    return this.changeCalendar(actor, agencyId, 'closure_added', { date }, (c) => {
      if (c.closures.includes(date)) return { problems: { date: `${longDate(date)} is already a closure day` } };
      return { value: { ...c, closures: [...c.closures, date] } };
    });
  }

  removeClosure(actor: UserActor, agencyId: string | null, date: LocalDate) {
    return this.changeCalendar(actor, agencyId, 'closure_removed', { date }, (c) => {
      if (!c.closures.includes(date)) return { problems: { date: `${longDate(date)} is not a closure day: it may have been removed already` } };
      return { value: { ...c, closures: c.closures.filter((d) => d !== date) } };
    });
  }

  /** A school goes back to the authority's calendar (its own dates are deleted). */
  async useAuthorityCalendar(actor: UserActor, agencyId: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      if (!(await repo.deleteCalendar(tx, actor.tenantId, agencyId))) return false;
      await this.audit.record(tx, actor, { action: 'encompass.calendar_changed', recordType: 'agency', recordId: agencyId, details: { change: 'uses_authority_calendar' } });
      return true;
    });
  }
}

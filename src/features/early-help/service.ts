/**
 * Early help: an episode for a family, made from the front door's authorised "early help" decision (or a step down
 * from children's social care); the family contacted and engaged (3 working days) and triaged (5) by the council's
 * early help service, which chooses the lead agency and practitioner (a school, health, the council's locality team);
 * the early help assessment started and completed by the lead's agency; the team around the family; a step up to
 * children's social care as a new contact at the front door; the close.
 *
 * The rules are the domain's (domain/early-help.ts). Every change is checked against the episode locked for the
 * transaction and audited as the last write of that transaction; every view is audited.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type EarlyHelpFacts } from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type EpisodeAction, LEAD_AGENCY_TYPES, actionProblem, contactedProblems } from '../../domain/early-help.js';
import { type Timescale, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type ClockService } from '../clocks/service.js';
import { type IntakeService } from '../front-door/intake-service.js';
import { type NamedPerson, type Notification } from '../front-door/notification-schema.js';
import { type OrganisationService } from '../organisations/service.js';
import { type PeopleService } from '../people/service.js';
import { episodePath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
/** A change's result: done, refused with problems for the form, or no such episode in the user's area. */
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };
export type { WorklistShow, EpisodeRow, ListRow, TeamMember } from './repository.js';

/** What making an episode needs from outside the transaction (read first: PGlite has one connection). */
export interface EarlyHelpSetUp {
  tenantId: string;
  /** The council's children's services agency: it leads until a lead practitioner is chosen. */
  council: { id: string; name: string };
  calendar: WorkingCalendar;
  contact: Timescale;
  triage: Timescale;
  /** The council's early help managers, told of each new family. */
  managers: readonly string[];
}

/** A new episode, in the caller's transaction. */
export interface NewFamily {
  children: readonly string[];
  familyName: string;
  startedAt: Date;
  restricted: boolean;
  actor: Actor;
}

/** The CIN census source of a contact from the kind of agency that refers. */
export function sourceCodeOf(agencyType: string | null): string {
  switch (agencyType) {
    case 'school':
      return '2A';
    case 'education':
      return '2B';
    case 'health':
      return '3F';
    case 'housing':
      return '4';
    case 'children_social_care':
      return '5A';
    case 'adult_social_care':
      return '5B';
    case 'police':
      return '6';
    default:
      return '8';
  }
}

const has = (problems: Problems) => Object.keys(problems).length > 0;

export class EarlyHelpService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly organisations: OrganisationService,
    readonly people: Pick<PeopleService, 'summaries'>,
    readonly clocks: Pick<ClockService, 'completeFor'>,
    readonly intake: Pick<IntakeService, 'context' | 'receiveIn'>,
    readonly now: () => Date,
  ) {}

  private async calendarFor(tenantId: string): Promise<WorkingCalendar> {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  // ——— record checks ———

  /** What the record rules read of an episode (undefined: no such episode). */
  async accessFacts(id: string): Promise<EarlyHelpFacts | undefined> {
    const row = await repo.accessFacts(this.db, id);
    if (!row) return undefined;
    const council = await this.organisations.frontDoor(row.tenant_id, 'child');
    return {
      tenantId: row.tenant_id,
      councilAgencyId: council?.id ?? '',
      leadAgencyId: row.lead_agency_id,
      teamAgencyIds: (row.team ?? []).map((m) => m.agencyId),
      leadUserId: row.lead_user_id,
      restricted: row.restricted,
    };
  }

  // ——— taking a family on ———

  /** What a subscriber (or the children's step down) reads before its transaction; undefined when the area has no children's services. */
  async setUp(tenantId: string): Promise<EarlyHelpSetUp | undefined> {
    const council = await this.organisations.frontDoor(tenantId, 'child');
    if (!council) return undefined;
    const [calendar, contact, triage, managers] = await Promise.all([
      this.calendarFor(tenantId),
      this.calendar.timescale(tenantId, 'early_help.contact'),
      this.calendar.timescale(tenantId, 'early_help.triage'),
      this.organisations.usersWith(tenantId, council.id, 'early_help:manage'),
    ]);
    return { tenantId, council, calendar, contact, triage, managers: managers.map((u) => u.id) };
  }

  private async make(tx: Database, setUp: EarlyHelpSetUp, family: NewFamily, from: { contactId: string | null; referralId: string | null }) {
    const made = await repo.insertEpisode(tx, {
      tenantId: setUp.tenantId,
      contactId: from.contactId,
      steppedDownFromReferralId: from.referralId,
      children: family.children,
      familyName: family.familyName,
      startedAt: family.startedAt,
      contactDueAt: timescaleDeadline(setUp.calendar, family.startedAt, setUp.contact),
      triageDueAt: timescaleDeadline(setUp.calendar, family.startedAt, setUp.triage),
      leadAgencyId: setUp.council.id,
      restricted: family.restricted,
    });
    if (made.created) {
      for (const userId of setUp.managers) {
        await notifyInApp(tx, {
          tenantId: setUp.tenantId,
          userId,
          title: `New family for early help: ${family.familyName} (${made.reference})`,
          body: from.referralId ? 'Stepped down from children’s social care: contact the family and choose who leads.' : 'Contact the family within 3 working days and triage within 5.',
          link: episodePath(made.id),
        });
      }
    }
    return made;
  }

  /** An episode for the family of a contact the front door decided on as early help, in the decision's transaction. */
  async takeOn(tx: Database, setUp: EarlyHelpSetUp, contactId: string, family: NewFamily): Promise<{ id: string; reference: string }> {
    const made = await this.make(tx, setUp, family, { contactId, referralId: null });
    if (made.created) {
      await this.audit.record(tx, family.actor, { action: 'early_help.episode_started', recordType: 'early_help_episode', recordId: made.id, details: { reference: made.reference, contactId, children: family.children.length } });
    }
    return { id: made.id, reference: made.reference };
  }

  /**
   * A step down from children's social care (an assessment's outcome or a plan's end is "step down to early help"):
   * an episode for the child's family in the caller's transaction, read `setUp(tenantId)` before it opens. The
   * children feature calls this; the episode is audited here.
   */
  async stepDown(tx: Database, setUp: EarlyHelpSetUp, input: NewFamily & { referralId: string }): Promise<{ id: string; reference: string }> {
    const made = await this.make(tx, setUp, input, { contactId: null, referralId: input.referralId });
    await this.audit.record(tx, input.actor, { action: 'early_help.stepped_down', recordType: 'early_help_episode', recordId: made.id, details: { reference: made.reference, referralId: input.referralId, children: input.children.length } });
    return { id: made.id, reference: made.reference };
  }

  // ——— reading ———

  /** The early help service's worklist and its counts. Audited as a view of the list. */
  async worklist(actor: UserActor, show: repo.WorklistShow, page: number, pageSize: number) {
    const now = this.now();
    const [list, counts, calendar] = await Promise.all([
      repo.worklist(this.db, actor.tenantId, show, now, pageSize, (page - 1) * pageSize),
      repo.worklistCounts(this.db, actor.tenantId, now),
      this.calendarFor(actor.tenantId),
    ]);
    await this.audit.recordNow(actor, { action: 'early_help.worklist_viewed', recordType: 'early_help_episode', details: { show, page, shown: list.length } });
    return { rows: list, total: counts[show], counts, calendar, now };
  }

  /** A lead practitioner's families (their agency's, and those their agency is in the team around), all or the overdue. Audited. */
  async ours(actor: UserActor, page: number, pageSize: number, show: repo.OursShow = 'all') {
    const now = this.now();
    const [list, counts, calendar] = await Promise.all([
      repo.ours(this.db, actor.tenantId, actor.agencyId, show, now, pageSize, (page - 1) * pageSize),
      repo.oursCounts(this.db, actor.tenantId, actor.agencyId, now),
      this.calendarFor(actor.tenantId),
    ]);
    await this.audit.recordNow(actor, { action: 'early_help.worklist_viewed', recordType: 'early_help_episode', details: { show: show === 'all' ? 'ours' : 'ours_overdue', page, shown: list.length } });
    return { rows: list, total: counts[show], counts, calendar, now };
  }

  /** The worklist's counts, for the home page (the tabs' figures). */
  worklistCounts(actor: { tenantId: string }) {
    return repo.worklistCounts(this.db, actor.tenantId, this.now());
  }

  /** A lead practitioner's families' counts, for the home page (the list's figures). */
  oursCounts(actor: { tenantId: string; agencyId: string }) {
    return repo.oursCounts(this.db, actor.tenantId, actor.agencyId, this.now());
  }

  /** An episode with its children and the names of its team's agencies, for a user the record check let in. Audited. */
  async view(actor: UserActor, id: string, part = 'episode') {
    const episode = await repo.episode(this.db, actor.tenantId, id);
    if (!episode) return undefined;
    const [children, agencies, calendar, council] = await Promise.all([
      this.people.summaries(episode.children),
      repo.agencies(this.db, actor.tenantId),
      this.calendarFor(actor.tenantId),
      this.organisations.frontDoor(actor.tenantId, 'child'),
    ]);
    await this.audit.recordNow(actor, { action: 'early_help.viewed', recordType: 'early_help_episode', recordId: id, details: { part } });
    return { episode, children, agencies, calendar, now: this.now(), councilAgencyId: council?.id ?? null };
  }

  /** Who may lead: the agencies of kinds that lead early help, and their practitioners. */
  async leadChoices(tenantId: string) {
    const [agencies, practitioners] = await Promise.all([repo.agencies(this.db, tenantId), repo.practitioners(this.db, tenantId)]);
    return { agencies: agencies.filter((a) => LEAD_AGENCY_TYPES.has(a.type)), practitioners };
  }

  // ——— changes ———

  private async change(actor: UserActor, id: string, action: EpisodeAction, field: string, apply: (tx: Database, e: repo.EpisodeRow) => Promise<Problems | Record<string, unknown>>): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const e = await repo.lockEpisode(tx, actor.tenantId, id);
      if (!e) return { notFound: true as const };
      const blocked = actionProblem(stateOf(e), action);
      if (blocked) return { problems: { [field]: blocked } };
      const out = await apply(tx, e);
      if ('problems' in out) return { problems: out.problems as Problems };
      return { ok: true as const };
    });
  }

  /** The family contacted (engaged or not); a family not engaged may be contacted again. */
  async recordContacted(actor: UserActor, id: string, input: { contactedAt: Date; engaged: boolean }): Promise<ChangeResult> {
    return this.change(actor, id, 'contacted', 'contactedAt', async (tx, e) => {
      const problems = contactedProblems({ contactedAt: input.contactedAt, startedAt: asDate(e.started_at), now: this.now() });
      if (has(problems)) return { problems };
      await repo.recordContacted(tx, id, input.contactedAt, input.engaged);
      const inTime = input.contactedAt.getTime() <= asDate(e.contact_due_at).getTime();
      await this.audit.record(tx, actor, { action: 'early_help.contacted', recordType: 'early_help_episode', recordId: id, details: { contactedAt: input.contactedAt.toISOString(), engaged: input.engaged, inTime } });
      return {};
    });
  }

  /**
   * Triage: the lead agency and (when known) its practitioner. A partner chosen to lead is asked to: its practitioners
   * are told. The front door's early help triage clock for the contact stops now.
   */
  async triage(actor: UserActor, id: string, input: { leadAgencyId: string; leadUserId: string | null }): Promise<ChangeResult> {
    const choices = await this.leadChoices(actor.tenantId);
    return this.change(actor, id, 'triage', 'leadAgencyId', async (tx, e) => {
      const agency = choices.agencies.find((a) => a.id === input.leadAgencyId);
      if (!agency) return { problems: { leadAgencyId: 'Select an agency that leads early help from the list' } };
      const practitioner = input.leadUserId ? choices.practitioners.find((p) => p.id === input.leadUserId) : null;
      if (input.leadUserId && (!practitioner || practitioner.agency_id !== agency.id)) return { problems: { leadUserId: `Select a lead practitioner who works for ${agency.name}, or leave it for them to choose` } };
      const at = this.now();
      await repo.recordTriage(tx, id, { at, leadAgencyId: agency.id, leadUserId: practitioner?.id ?? null });
      const clockStopped = e.contact_id ? await this.clocks.completeFor(tx, e.contact_id, 'early_help_triage', null, at, actor.userId) : false;
      const tell = practitioner ? [practitioner.id] : choices.practitioners.filter((p) => p.agency_id === agency.id).map((p) => p.id);
      for (const userId of tell) {
        if (userId === actor.userId) continue;
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId,
          title: practitioner ? `You are the lead practitioner for the ${e.family_name} family (${e.reference})` : `${agency.name} is asked to lead early help for the ${e.family_name} family (${e.reference})`,
          body: 'Start the early help assessment with the family and complete it within 30 working days of the start of the episode.',
          link: episodePath(id),
        });
      }
      const inTime = at.getTime() <= asDate(e.triage_due_at).getTime();
      await this.audit.record(tx, actor, { action: 'early_help.triaged', recordType: 'early_help_episode', recordId: id, details: { leadAgencyId: agency.id, agencyType: agency.type, leadUserId: practitioner?.id ?? null, inTime, clockStopped } });
      return {};
    });
  }

  /** The early help assessment started, due 30 working days from the start of the episode. */
  async startEha(actor: UserActor, id: string): Promise<ChangeResult> {
    const [calendar, timescale] = await Promise.all([this.calendarFor(actor.tenantId), this.calendar.timescale(actor.tenantId, 'early_help.assessment')]);
    return this.change(actor, id, 'start_eha', 'form', async (tx, e) => {
      const dueAt = timescaleDeadline(calendar, asDate(e.started_at), timescale);
      await repo.startEha(tx, id, this.now(), dueAt);
      await this.audit.record(tx, actor, { action: 'early_help.assessment_started', recordType: 'early_help_episode', recordId: id, details: { dueAt: dueAt.toISOString(), agencyId: actor.agencyId } });
      return {};
    });
  }

  /** The early help assessment completed by the viewer's agency, with the family's views in their words. */
  async completeEha(actor: UserActor, id: string, input: { summary: string; familyViews: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'complete_eha', 'summary', async (tx, e) => {
      const at = this.now();
      await repo.completeEha(tx, id, { at, agencyId: actor.agencyId, summary: input.summary, familyViews: input.familyViews });
      const inTime = e.eha_due_at ? at.getTime() <= asDate(e.eha_due_at).getTime() : null;
      await this.audit.record(tx, actor, { action: 'early_help.assessment_completed', recordType: 'early_help_episode', recordId: id, details: { agencyId: actor.agencyId, leadAgencyId: e.lead_agency_id, inTime } });
      return {};
    });
  }

  /** An agency joins the team around the family with its part in the plan (or its part changes). */
  async addMember(actor: UserActor, id: string, input: { agencyId: string; role: string }): Promise<ChangeResult> {
    const agencies = await repo.agencies(this.db, actor.tenantId);
    return this.change(actor, id, 'team', 'agencyId', async (tx, e) => {
      if (!agencies.some((a) => a.id === input.agencyId)) return { problems: { agencyId: 'Select an agency of your area from the list' } };
      if (input.agencyId === e.lead_agency_id) return { problems: { agencyId: 'The lead agency is already part of the team around the family' } };
      const team = [...(e.team ?? []).filter((m) => m.agencyId !== input.agencyId), { agencyId: input.agencyId, role: input.role }];
      await repo.setTeam(tx, id, team);
      await this.audit.record(tx, actor, { action: 'early_help.team_member_added', recordType: 'early_help_episode', recordId: id, details: { agencyId: input.agencyId } });
      return {};
    });
  }

  async removeMember(actor: UserActor, id: string, input: { agencyId: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'team', 'agencyId', async (tx, e) => {
      const team = e.team ?? [];
      if (!team.some((m) => m.agencyId === input.agencyId)) return { problems: { agencyId: 'That agency is not in the team around the family' } };
      await repo.setTeam(tx, id, team.filter((m) => m.agencyId !== input.agencyId));
      await this.audit.record(tx, actor, { action: 'early_help.team_member_removed', recordType: 'early_help_episode', recordId: id, details: { agencyId: input.agencyId } });
      return {};
    });
  }

  /**
   * A step up to children's social care: a new contact about the episode's children at the front door, received
   * through the front door's intake in this transaction (its own subscribers run as for any contact); the episode
   * keeps a link to it and stays open until the lead closes it.
   */
  async stepUp(
    actor: UserActor,
    id: string,
    input: { concerns: string[]; narrative: string; childVoice: string; childDemeanour: string; consent: string; referrerName: string },
  ): Promise<ChangeResult | { ok: true; contactReference: string }> {
    const before = await repo.episode(this.db, actor.tenantId, id);
    if (!before) return { notFound: true };
    const children = await this.people.summaries(before.children);
    if (children.length === 0) return { problems: { form: 'This episode names no children on the register: record the contact on the front door’s form instead' } };
    const agency = await this.organisations.agency(actor.tenantId, actor.agencyId);
    const now = this.now();
    const people: NamedPerson[] = children.map((c) => ({
      role: 'subject_child',
      givenNames: c.given_names,
      familyName: c.family_name,
      dateOfBirth: c.date_of_birth,
      dobPrecision: c.dob_precision,
      gender: c.gender,
      nhsNumber: c.nhs_number,
      addressLine1: null,
      postcode: c.postcode,
      school: null,
      daRole: null,
      riskLevel: null,
      childVoice: input.childVoice,
      childDemeanour: input.childDemeanour,
    }));
    const notification: Notification = {
      contactType: 'child',
      notificationType: null,
      sourceCode: sourceCodeOf(agency?.type ?? null),
      referrer: { name: input.referrerName, role: 'Early help lead practitioner', phone: null, email: null },
      receivedAt: now,
      incident: null,
      riskLevel: null,
      domesticAbuse: null,
      concerns: input.concerns,
      narrative: `Step up from early help (${before.reference}, the ${before.family_name} family). ${input.narrative}`,
      worriedAbout: null,
      workingWell: null,
      needsToHappen: null,
      consent: input.consent,
      consentLawfulBasis: null,
      consentReason: null,
      restricted: before.restricted,
      people,
    };
    const context = await this.intake.context(actor.tenantId, notification);
    let contactReference = '';
    const result = await this.change(actor, id, 'step_up', 'form', async (tx) => {
      const received = await this.intake.receiveIn(tx, context, { actor, tenantId: actor.tenantId, channel: 'form', sourceAgencyId: actor.agencyId, createdByUserId: actor.userId, apiClientId: null }, notification);
      await repo.steppedUp(tx, id, received.contactId);
      contactReference = received.reference;
      await this.audit.record(tx, actor, { action: 'early_help.stepped_up', recordType: 'early_help_episode', recordId: id, details: { contactId: received.contactId, reference: received.reference, children: people.length } });
      return {};
    });
    return 'ok' in result ? { ok: true, contactReference } : result;
  }

  async close(actor: UserActor, id: string, input: { reason: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'close', 'reason', async (tx, e) => {
      await repo.close(tx, id, this.now(), input.reason);
      await this.audit.record(tx, actor, { action: 'early_help.closed', recordType: 'early_help_episode', recordId: id, details: { reason: input.reason, stage: e.eha_completed_at ? 'eha_completed' : e.eha_started_at ? 'eha_in_progress' : 'before_eha' } });
      return {};
    });
  }
}

/** The domain's view of an episode row. */
export function stateOf(e: Pick<repo.EpisodeRow, 'status' | 'contacted_at' | 'engaged' | 'triaged_at' | 'eha_started_at' | 'eha_completed_at' | 'stepped_up_to_contact_id'>) {
  return {
    status: e.status,
    contactedAt: asDate(e.contacted_at),
    engaged: e.engaged,
    triagedAt: asDate(e.triaged_at),
    ehaStartedAt: asDate(e.eha_started_at),
    ehaCompletedAt: asDate(e.eha_completed_at),
    steppedUpToContactId: e.stepped_up_to_contact_id,
  };
}

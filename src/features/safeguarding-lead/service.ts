/**
 * One lead for a person's open safeguarding work: every open concern about a person (the children's front door, a
 * DA case, MARAC, an adult concern or enquiry) has exactly one lead agency and team at a time, shown to everyone
 * involved; a transfer is proposed and takes effect only when the receiving side accepts; a child with open work
 * approaching 18 appears on both the children's and the adults' transitions lists from 17½.
 *
 * A lead is opened by the work that starts first (`ensureLead`, in that work's transaction: a contact received at the
 * front door, an adult concern) and after that changes only by an accepted transfer, which ends the old lead and
 * opens the new one at the same instant, in one transaction. Every change is audited, the audit event being the last
 * write of its transaction; every page is audited as a view; in-app notifications go with the change.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type Viewer } from '../../domain/access.js';
import {
  type LeadHolder,
  type TransferStatus,
  type WorkKind,
  isTransferStatus,
  isWorkKind,
  latestBirthDateOnList,
  mayLead,
  mayProposeTransfer,
  nextTransferStatus,
  proposalProblems,
  responseProblems,
  withdrawalProblems,
} from '../../domain/safeguarding-lead.js';
import { londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type OrganisationService } from '../organisations/service.js';
import { proposeTransferPath, transferPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
/**
 * Problems that stop a change, with the status the page answers: 400 what the form can fix, 403 someone who may not
 * make this change (not the agency that leads, asked or proposed), 409 the record's state (already answered, a
 * transfer already waiting, the lead moved meanwhile).
 */
export interface Refusal {
  problems: Problems;
  status: 400 | 403 | 409;
}
/** A change's result: done, refused, or no such record in the user's area. */
export type ChangeResult = { ok: true } | Refusal | { notFound: true };

function refusal(problems: Problems, refused: boolean, stateOnly: boolean): Refusal {
  return { problems, status: refused ? 403 : stateOnly ? 409 : 400 };
}

/** What a new lead is: who leads, the work that made them lead, since when and why. */
export interface NewLead {
  tenantId: string;
  personId: string;
  agencyId: string;
  teamId: string | null;
  workKind: WorkKind;
  workId: string | null;
  since: Date;
  reason: string;
  setByUserId: string | null;
}

/** Who leads a person's safeguarding work now, for display. */
export interface LeadSummary {
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
  since: Date;
  reason: string;
  workKind: string;
  /** The page to propose moving the lead (shown to the lead agency only). */
  transferPath: string;
  /** A transfer waiting for an answer, if any. */
  pendingTransfer: { id: string; toAgencyName: string; toTeamName: string | null; proposedAt: Date; path: string } | null;
}

export interface LeadHistoryItem {
  agencyName: string;
  teamName: string | null;
  since: Date;
  until: Date | null;
  reason: string;
  workKind: string;
  setByName: string | null;
}

/** Each front door of an area as a lead: its agency and its team (when known). */
export interface FrontDoorLeads {
  child: LeadHolder | null;
  adult: LeadHolder | null;
}

/** An agency (and its teams) that may be asked to lead, for the proposal form. */
export interface LeadChoice {
  agencyId: string;
  agencyName: string;
  agencyType: string;
  teams: { id: string; name: string }[];
}

const PAGE = 25;
/** How long an area's front-door teams are remembered (they are read before every contact is received). */
const REMEMBER_MS = 30_000;

export class SafeguardingLeadService {
  private readonly doors = new Map<string, { at: number; value: Promise<FrontDoorLeads> }>();

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly organisations: Pick<OrganisationService, 'frontDoor' | 'agencies' | 'teams' | 'usersWith'>,
    readonly now: () => Date,
  ) {}

  today(): string {
    return londonDate(this.now());
  }

  /** What the record check needs of a transfer (undefined: no such transfer). */
  transferFacts(id: string) {
    return repo.transferFacts(this.db, id);
  }

  // ——— opening a lead ———

  /**
   * In the caller's transaction (only `tx` is used): opens a lead for a person with none open; a no-op when one is
   * open (whoever leads keeps leading until a transfer is accepted). The caller audits what it made, with this
   * result in its details.
   */
  async ensureLead(tx: Database, lead: NewLead): Promise<{ opened: boolean; leadId: string | null }> {
    if (!isWorkKind(lead.workKind)) throw new TypeError(`Unknown kind of work for a lead: ${String(lead.workKind)}`);
    const reason = lead.reason.trim();
    if (reason === '') throw new TypeError('A lead needs its reason');
    const leadId = await repo.insertLeadIfNone(tx, { ...lead, reason });
    return { opened: leadId !== null, leadId };
  }

  /**
   * The area's front doors as leads (read before a contact's transaction; remembered for a while): the children's
   * and the adults' front-door agencies, each with the team its screeners work in.
   */
  frontDoorLeads(tenantId: string): Promise<FrontDoorLeads> {
    const hit = this.doors.get(tenantId);
    if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.value;
    const value = (async () => {
      const [child, adult] = await Promise.all([this.organisations.frontDoor(tenantId, 'child'), this.organisations.frontDoor(tenantId, 'adult')]);
      const holder = async (door: { id: string } | undefined) => (door ? { agencyId: door.id, teamId: await repo.frontDoorTeam(this.db, tenantId, door.id) } : null);
      return { child: await holder(child), adult: await holder(adult) };
    })();
    this.doors.set(tenantId, { at: Date.now(), value });
    // an area without both front doors yet is asked again next time
    value.then(
      (v) => (!v.child || !v.adult) && this.doors.delete(tenantId),
      () => this.doors.delete(tenantId),
    );
    return value;
  }

  // ——— reading ———

  /** Who leads the person's safeguarding work now, or null (the person page's panel; the page's own view is audited). */
  async leadFor(personId: string): Promise<LeadSummary | null> {
    const [lead, pending] = await Promise.all([repo.openLead(this.db, personId), repo.openTransferOf(this.db, personId)]);
    if (!lead) return null;
    return {
      agencyId: lead.agency_id,
      agencyName: lead.agency_name,
      teamId: lead.team_id,
      teamName: lead.team_name,
      since: asDate(lead.since),
      reason: lead.reason,
      workKind: lead.work_kind,
      transferPath: proposeTransferPath(personId),
      pendingTransfer: pending ? { id: pending.id, toAgencyName: pending.to_agency_name, toTeamName: pending.to_team_name, proposedAt: asDate(pending.proposed_at), path: transferPath(pending.id) } : null,
    };
  }

  /** Every lead the person has had, newest first. */
  async history(personId: string): Promise<LeadHistoryItem[]> {
    return (await repo.leadHistory(this.db, personId)).map((l) => ({
      agencyName: l.agency_name,
      teamName: l.team_name,
      since: asDate(l.since),
      until: asDate(l.until),
      reason: l.reason,
      workKind: l.work_kind,
      setByName: l.set_by_name,
    }));
  }

  /** Whether the viewer's agency is one of the area's front doors (they see the whole area's transitions list). */
  private async isFrontDoor(viewer: Pick<Viewer, 'tenantId' | 'agencyId'>): Promise<boolean> {
    const doors = await Promise.all([this.organisations.frontDoor(viewer.tenantId, 'child'), this.organisations.frontDoor(viewer.tenantId, 'adult')]);
    return doors.some((d) => d?.id === viewer.agencyId);
  }

  /**
   * The transitions page: people a children's agency leads who are 17½ or over (the whole area for the children's
   * and the adults' front doors; otherwise those the viewer's agency leads); transfers waiting for the viewer's
   * agency's answer; transfers the viewer's agency proposed. Each list paginated. Audited as a view.
   */
  async transitions(actor: UserActor, pages: { page: number; incomingPage: number; outgoingPage: number }) {
    const today = this.today();
    const wholeArea = await this.isFrontDoor(actor);
    const filter = { latestDob: latestBirthDateOnList(today), agencyIds: wholeArea ? null : [actor.agencyId] };
    const people = await repo.transitions(this.db, actor.tenantId, { ...filter, limit: PAGE, offset: (pages.page - 1) * PAGE });
    const waiting = await repo.incoming(this.db, actor.tenantId, actor.agencyId, { limit: PAGE, offset: (pages.incomingPage - 1) * PAGE });
    const proposed = await repo.outgoing(this.db, actor.tenantId, actor.agencyId, { limit: PAGE, offset: (pages.outgoingPage - 1) * PAGE });
    const totals = {
      people: await repo.transitionsTotal(this.db, actor.tenantId, filter),
      incoming: await this.waitingCount(actor),
      outgoing: await repo.outgoingTotal(this.db, actor.tenantId, actor.agencyId),
    };
    await this.audit.recordNow(actor, {
      action: 'lead.transitions_viewed',
      recordType: 'safeguarding_lead',
      details: { wholeArea, page: pages.page, people: people.length, incoming: waiting.length, outgoing: proposed.length },
    });
    return {
      today,
      wholeArea,
      pageSize: PAGE,
      people: { rows: people, total: totals.people },
      incoming: { rows: waiting, total: totals.incoming },
      outgoing: { rows: proposed, total: totals.outgoing },
    };
  }

  /** How many transfers of the lead wait for the viewer's agency's answer (the home page's count and the list's total). */
  waitingCount(viewer: Pick<Viewer, 'tenantId' | 'agencyId'>): Promise<number> {
    return repo.incomingTotal(this.db, viewer.tenantId, viewer.agencyId);
  }

  /** Agencies of the area that may lead, with their active teams (for the proposal form). */
  async choices(tenantId: string): Promise<LeadChoice[]> {
    const [agencies, teams] = await Promise.all([this.organisations.agencies(tenantId, { activeOnly: true }), this.organisations.teams(tenantId)]);
    return agencies
      .filter((a) => mayLead(a.type))
      .map((a) => ({ agencyId: a.id, agencyName: a.name, agencyType: a.type, teams: teams.filter((t) => t.agency_id === a.id && t.active).map((t) => ({ id: t.id, name: t.name })) }));
  }

  /** What the proposal page needs: the lead now, any transfer waiting, whether the viewer may propose. Audited as a view. */
  async proposal(actor: UserActor, personId: string) {
    const [lead, pending, choices] = await Promise.all([repo.openLead(this.db, personId), repo.openTransferOf(this.db, personId), this.choices(actor.tenantId)]);
    const current = lead && lead.tenant_id === actor.tenantId ? lead : undefined;
    await this.audit.recordNow(actor, { action: 'lead.viewed', recordType: 'person', recordId: personId, details: { page: 'propose_transfer', leadAgencyId: current?.agency_id ?? null } });
    return { lead: current ?? null, pending: pending ?? null, choices, mayPropose: mayProposeTransfer(actor.agencyId, current ? { agencyId: current.agency_id } : null) };
  }

  /** A transfer, for the agency handing over and the agency asked (the record check). Audited as a view. */
  async transfer(actor: UserActor, id: string) {
    const found = await repo.transferById(this.db, actor.tenantId, id);
    if (!found) return undefined;
    const lead = await repo.openLead(this.db, found.person_id);
    await this.audit.recordNow(actor, { action: 'lead.transfer_viewed', recordType: 'lead_transfer', recordId: id, details: { status: found.status } });
    return { transfer: found, lead: lead ?? null };
  }

  // ——— changing the lead ———

  /** Proposes moving the person's lead to another agency or team, with a reason: only the lead agency may. */
  async propose(actor: UserActor, personId: string, input: { to: { agencyId: string; teamId: string | null }; reason: string }): Promise<Refusal | { id: string }> {
    const [agencies, teams] = await Promise.all([this.organisations.agencies(actor.tenantId, { activeOnly: true }), this.organisations.teams(actor.tenantId)]);
    const agency = agencies.find((a) => a.id === input.to.agencyId);
    const teamOfAgency = input.to.teamId === null || teams.some((t) => t.id === input.to.teamId && t.agency_id === agency?.id && t.active);
    const to = agency ? { agencyId: agency.id, teamId: input.to.teamId, agencyType: agency.type, agencyActive: agency.active, teamOfAgency } : null;
    const tell = agency ? (await this.organisations.usersWith(actor.tenantId, agency.id, 'lead:transfer')).map((u) => u.id).filter((u) => u !== actor.userId) : [];
    return transaction(this.db, async (tx) => {
      const lead = await repo.lockOpenLead(tx, actor.tenantId, personId);
      const pending = lead ? await repo.openTransferOf(tx, personId) : undefined;
      const problems = proposalProblems({
        viewerAgencyId: actor.agencyId,
        lead: lead ? { agencyId: lead.agency_id, teamId: lead.team_id, agencyName: lead.agency_name } : null,
        openTransfer: !!pending,
        to,
        reason: input.reason,
      });
      if (Object.keys(problems).length || !lead || !to) return refusal(problems, !!lead && !mayProposeTransfer(actor.agencyId, { agencyId: lead.agency_id }), !lead || !!pending);
      const at = this.now();
      const id = await repo.insertTransfer(tx, {
        tenantId: actor.tenantId,
        personId,
        fromAgencyId: lead.agency_id,
        fromTeamId: lead.team_id,
        toAgencyId: to.agencyId,
        toTeamId: to.teamId,
        reason: input.reason.trim(),
        proposedByUserId: actor.userId,
        proposedAt: at,
      });
      for (const userId of tell) {
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId,
          title: `${lead.agency_name} asks your agency to take the lead`,
          body: 'A transfer of the lead for a person’s safeguarding work is waiting for your answer: accept or decline it.',
          link: transferPath(id),
        });
      }
      await this.audit.record(tx, actor, {
        action: 'lead.transfer_proposed',
        recordType: 'lead_transfer',
        recordId: id,
        details: { personId, fromAgencyId: lead.agency_id, fromTeamId: lead.team_id, toAgencyId: to.agencyId, toTeamId: to.teamId, leadId: lead.id },
      });
      return { id };
    });
  }

  /**
   * The receiving agency's answer. Accepting ends the old lead and opens the new one at the same instant, in this
   * transaction; the proposer is told either way.
   */
  async respond(actor: UserActor, id: string, input: { decision: 'accept' | 'decline'; note: string | null }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const t = await repo.lockTransfer(tx, actor.tenantId, id);
      if (!t || !isTransferStatus(t.status)) return { notFound: true as const };
      const lead = await repo.lockOpenLead(tx, actor.tenantId, t.person_id);
      const problems = responseProblems({
        viewerAgencyId: actor.agencyId,
        status: t.status,
        toAgencyId: t.to_agency_id,
        decision: input.decision,
        note: input.note,
        from: { agencyId: t.from_agency_id, teamId: t.from_team_id },
        leadNow: lead ? { agencyId: lead.agency_id, teamId: lead.team_id } : null,
      });
      if (Object.keys(problems).length) return refusal(problems, t.to_agency_id !== actor.agencyId, !problems.note);
      const status = nextTransferStatus(t.status, input.decision === 'accept' ? 'accept' : 'decline') as TransferStatus;
      const at = this.now();
      if (!(await repo.settleTransfer(tx, id, { status, byUserId: actor.userId, at, note: input.note?.trim() || null }))) {
        return refusal({ form: 'This transfer has just been answered or withdrawn by someone else: reload the page' }, false, true);
      }
      let newLeadId: string | null = null;
      if (status === 'accepted' && lead) {
        if (!(await repo.closeLead(tx, lead.id, at))) throw new Error('the open lead changed while the transfer was accepted');
        newLeadId = await repo.insertLeadIfNone(tx, {
          tenantId: actor.tenantId,
          personId: t.person_id,
          agencyId: t.to_agency_id,
          teamId: t.to_team_id,
          workKind: 'lead_transfer',
          workId: id,
          since: at,
          reason: t.reason,
          setByUserId: actor.userId,
        });
        if (!newLeadId) throw new Error('a lead was opened while the transfer was accepted');
      }
      if (t.proposed_by_user_id !== actor.userId) {
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId: t.proposed_by_user_id,
          title: status === 'accepted' ? 'The transfer of the lead you proposed was accepted' : 'The transfer of the lead you proposed was declined',
          body: status === 'accepted' ? 'The receiving agency leads the person’s safeguarding work from now.' : 'Your agency still leads the person’s safeguarding work. The receiving agency said why.',
          link: transferPath(id),
        });
      }
      await this.audit.record(tx, actor, {
        action: status === 'accepted' ? 'lead.transfer_accepted' : 'lead.transfer_declined',
        recordType: 'lead_transfer',
        recordId: id,
        details: { personId: t.person_id, fromAgencyId: t.from_agency_id, toAgencyId: t.to_agency_id, toTeamId: t.to_team_id, closedLeadId: status === 'accepted' ? (lead?.id ?? null) : null, openedLeadId: newLeadId },
      });
      return { ok: true as const };
    });
  }

  /** The proposing agency withdraws a transfer still waiting; the agency asked is told. */
  async withdraw(actor: UserActor, id: string): Promise<ChangeResult> {
    const found = await repo.transferFacts(this.db, id);
    const tell = found && found.tenantId === actor.tenantId ? (await this.organisations.usersWith(actor.tenantId, found.toAgencyId, 'lead:transfer')).map((u) => u.id).filter((u) => u !== actor.userId) : [];
    return transaction(this.db, async (tx) => {
      const t = await repo.lockTransfer(tx, actor.tenantId, id);
      if (!t || !isTransferStatus(t.status)) return { notFound: true as const };
      const problems = withdrawalProblems({ viewerAgencyId: actor.agencyId, status: t.status, fromAgencyId: t.from_agency_id });
      if (Object.keys(problems).length) return refusal(problems, t.from_agency_id !== actor.agencyId, true);
      if (!(await repo.settleTransfer(tx, id, { status: 'withdrawn', byUserId: actor.userId, at: this.now(), note: null }))) {
        return refusal({ form: 'This transfer has just been answered by the receiving agency: reload the page' }, false, true);
      }
      for (const userId of tell) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: 'A transfer of the lead was withdrawn', body: 'The agency that proposed it still leads. Nothing is waiting for your answer.', link: transferPath(id) });
      }
      await this.audit.record(tx, actor, { action: 'lead.transfer_withdrawn', recordType: 'lead_transfer', recordId: id, details: { personId: t.person_id, fromAgencyId: t.from_agency_id, toAgencyId: t.to_agency_id } });
      return { ok: true as const };
    });
  }
}

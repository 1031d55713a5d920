/**
 * Possibly the same incident: when a notification becomes a new contact, the incidents at its place and time that
 * the incident rules did not attach it to are compared with it (domain/incidents.ts); each that shares enough of its
 * people becomes a question on the new contact. A screener of the owning front door answers it:
 *
 * - **the same incident**: the new contact becomes an update of the first contact's incident, as if the incident
 *   rules had attached it (its notification, people and police reference go with it, and its own incident and any
 *   updates already attached to it move to the first contact, so later notifications with its reference attach
 *   there too); the new contact closes as "attached to another contact", and leaves the worklist;
 * - **different incidents**: kept apart; the pair is never raised again, whichever arrives later.
 *
 * Both answers are audited in the transaction that records them.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type IncidentPerson, type PossibleSameIncidentRule, possibleSameIncident, possibleSameIncidentRule } from '../../domain/incidents.js';
import { DEFAULT_INCIDENT_RULES, type IncidentRule, personKey } from '../../domain/intake.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as contactsRepo from './contact-repository.js';
import { type ContactReceived } from './events.js';
import * as intakeRepo from './intake-repository.js';
import * as repo from './incident-review-repository.js';
import { type PageContact, type PanelViewer, incidentReviewPanel } from './incident-review-presenters.js';
import { latePanel } from './late-notifications-presenters.js';
import { type LateNotificationService } from './late-notifications-service.js';
import { type NamedPerson } from './notification-schema.js';

export type { ReviewDetails, ReviewRow } from './incident-review-repository.js';

type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };

/** The status a contact closes with when it turns out to be an incident already reported. */
export const MERGED_STATUS = 'merged';

/**
 * The most questions one new contact raises: the incidents nearest in time that it possibly repeats. More than this
 * at one place and time says the place is busy, not that the notification repeats them all.
 */
export const MAX_QUESTIONS = 3;

/** How an update made from a contact decided the same incident says what linked it. */
export const MATCHED_BY_REVIEW = 'same_incident_review';

export type Decision = 'same' | 'different';

export type DecideResult =
  | { ok: true; decision: Decision; otherContactId: string; updateId: string | null }
  | { problem: string; status: 404 | 409 };

const toPerson = (p: NamedPerson): IncidentPerson => ({ givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth, dobPrecision: p.dobPrecision, gender: p.gender, role: p.role });
const kept = (p: IncidentPerson): repo.ReviewPerson => ({ name: `${p.givenNames} ${p.familyName}`.trim(), dateOfBirth: p.dateOfBirth, role: p.role ?? null });

export class IncidentReviewService {
  private readonly rule: PossibleSameIncidentRule;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
    private readonly late: Pick<LateNotificationService, 'ofContact'>,
    rules: readonly IncidentRule[] = DEFAULT_INCIDENT_RULES,
  ) {
    this.rule = possibleSameIncidentRule(rules);
  }

  /** Whether a contact just received could repeat an incident: it came with a notification naming a place and a time. */
  concerns(event: ContactReceived): boolean {
    const n = event.notification;
    return !!n && !!event.incidentId && !!n.incident?.postcode && !!n.incident.occurredAt && n.people.length >= this.rule.minSharedPeople;
  }

  /**
   * In the new contact's transaction (reading and writing through `tx` only): a question for each incident at its
   * place and time that it possibly repeats. Returns what was raised, for the contact's audit event.
   */
  async raiseIn(tx: Database, event: ContactReceived): Promise<{ reviewId: string; otherContactId: string }[]> {
    if (!this.concerns(event)) return [];
    const n = event.notification!;
    const incident = n.incident!;
    const found = await repo.candidates(tx, { tenantId: event.tenantId, contactId: event.contactId, postcode: incident.postcode!, occurredAt: incident.occurredAt!, windowHours: this.rule.withinHours });
    const ours = { policeReference: incident.policeReference, occurredAt: incident.occurredAt, postcode: incident.postcode, people: n.people.map(toPerson) };
    // First by the people each incident keeps for matching (names and dates of birth), which rules most out; then,
    // for the few left, by everyone its notifications named in full (their sex too, and the names as written).
    const likely = found.filter((c) => possibleSameIncident(this.rule, ours, c).possible).slice(0, MAX_QUESTIONS * 2);
    const people = await repo.incidentPeople(tx, likely.map((c) => c.incidentId));
    const questions: repo.NewReview[] = [];
    // (an incident whose people were never named one by one keeps only its matching keys: compared by those)
    for (const c of likely.map((l) => ({ ...l, people: people.get(l.incidentId) ?? l.people }))) {
      if (questions.length >= MAX_QUESTIONS) break;
      // An incident merged into another contact's points at that contact: one question per pair of contacts.
      if (questions.some((q) => q.otherContactId === c.contactId)) continue;
      const result = possibleSameIncident(this.rule, ours, c);
      if (!result.possible) continue;
      questions.push({
        tenantId: event.tenantId,
        contactId: event.contactId,
        otherContactId: c.contactId,
        incidentId: event.incidentId,
        otherIncidentId: c.incidentId,
        details: {
          postcode: result.postcode,
          minutesApart: result.minutesApart,
          withinHours: this.rule.withinHours,
          references: result.references,
          ours: { occurredAt: incident.occurredAt!.toISOString(), notificationType: n.notificationType, reference: event.reference },
          theirs: { occurredAt: c.occurredAt!.toISOString(), reference: c.reference },
          people: result.people.map((p) => ({ ours: kept(p.ours), theirs: kept(p.theirs), reasons: p.reasons, exact: p.exact })),
          reasons: result.reasons,
        },
      });
    }
    return (await repo.insertReviews(tx, questions)).map((r) => ({ reviewId: r.id, otherContactId: r.other_contact_id }));
  }

  /** Every question about a contact, on either side of it. */
  forContact(contactId: string): Promise<repo.ReviewRow[]> {
    return repo.reviewsOf(this.db, contactId);
  }

  /** A question raised on this contact; undefined when there is none with this id on it. */
  review(contactId: string, reviewId: string): Promise<repo.ReviewRow | undefined> {
    return repo.reviewOn(this.db, contactId, reviewId);
  }

  /**
   * What a contact's page shows of possible same incidents and late notifications, for its owning front door (the
   * contact page's route spreads this into its view data; `_incident-review.njk` shows it).
   */
  async onContactPage(contact: PageContact, viewer: PanelViewer): Promise<{ incidentReview: ReturnType<typeof incidentReviewPanel>; lateNotice: ReturnType<typeof latePanel> }> {
    if (!viewer.owning) return { incidentReview: null, lateNotice: null };
    const [reviews, attached, late] = await Promise.all([this.forContact(contact.id), this.attachedFrom(contact.id), this.late.ofContact(contact.id)]);
    return { incidentReview: incidentReviewPanel(contact, viewer, reviews, attached), lateNotice: latePanel(late) };
  }

  /** The contacts attached to this one after a screener said they were the same incident. */
  attachedFrom(contactId: string) {
    return repo.attachedFrom(this.db, contactId);
  }

  /**
   * A screener's answer. The same incident: the contact (still awaiting screening) becomes an update of the first
   * contact's incident and closes; different incidents: the pair is kept apart for good. Audited either way.
   */
  async decide(actor: UserActor, contactId: string, reviewId: string, decision: Decision, reason: string | null): Promise<DecideResult> {
    const at = this.now();
    return transaction(this.db, async (tx): Promise<DecideResult> => {
      const review = await repo.reviewOn(tx, contactId, reviewId, { lock: true });
      if (!review) return { problem: 'This possible same incident is not one raised on this contact.', status: 404 };
      if (review.status !== 'open') return { problem: `Someone has already decided that these are ${review.status === 'same' ? 'the same incident' : 'different incidents'}.`, status: 409 };
      if (decision === 'different') {
        await repo.decideReview(tx, review.id, { status: 'different', userId: actor.userId, at, reason, updateId: null });
        await this.audit.record(tx, actor, {
          action: 'contact.incident_review_decided',
          recordType: 'contact',
          recordId: contactId,
          reason: reason ?? undefined,
          details: { reviewId: review.id, decision, otherContactId: review.other_contact_id },
        });
        return { ok: true, decision, otherContactId: review.other_contact_id, updateId: null };
      }

      const merging = await repo.mergingContact(tx, contactId);
      if (!merging) return { problem: 'This contact no longer exists.', status: 404 };
      if (merging.status !== 'open') return { problem: 'This contact already has a screening decision, so it can no longer be attached to another contact. Keep them apart, or record the link in the decision.', status: 409 };
      // The first contact as it stands now (its incident may since have been attached to another contact in turn).
      const first = await intakeRepo.incidentContact(tx, review.other_incident_id);
      if (!first || first.contact_id === contactId) return { problem: 'The incident this contact may repeat no longer has a contact to attach to.', status: 409 };
      const named = await intakeRepo.namedPeople(tx, contactId);
      const people: NamedPerson[] = named.map((p) => ({
        role: p.role,
        givenNames: p.given_names,
        familyName: p.family_name,
        dateOfBirth: p.date_of_birth,
        dobPrecision: p.dob_precision,
        gender: p.gender,
        nhsNumber: p.nhs_number,
        addressLine1: p.address_line1,
        postcode: p.postcode,
        school: p.school,
        daRole: null,
        riskLevel: null,
        childVoice: p.child_voice,
        childDemeanour: p.child_demeanour,
      }));
      const occurredAt = asDate(merging.occurred_at);
      const updateId = await intakeRepo.insertUpdate(tx, {
        tenantId: merging.tenant_id,
        contactId: first.contact_id,
        incidentId: review.other_incident_id,
        channel: merging.channel,
        notificationType: review.details.ours.notificationType,
        sourceAgencyId: merging.source_agency_id,
        referrerName: merging.referrer_name,
        receivedAt: asDate(merging.received_at)!,
        riskLevel: merging.risk_level,
        narrative: merging.narrative,
        matchedBy: MATCHED_BY_REVIEW,
        importJobId: null,
        importRow: null,
        payload: {
          people,
          concerns: merging.concerns,
          policeReference: merging.police_reference,
          occurredAt: occurredAt?.toISOString() ?? null,
          worriedAbout: merging.worried_about,
          workingWell: merging.working_well,
          needsToHappen: merging.needs_to_happen,
          fromContactId: merging.id,
          fromReference: merging.reference,
          reviewId: review.id,
        },
      });
      await intakeRepo.addIncidentPeople(tx, review.other_incident_id, people.map(personKey).filter((k): k is string => k !== null));
      await repo.moveToContact(tx, contactId, first.contact_id, merging.incident_id, updateId);
      const moved = await contactsRepo.setStatus(tx, contactId, 'open', MERGED_STATUS, at);
      if (!moved) return { problem: 'Someone has just recorded a decision on this contact.', status: 409 };
      await repo.decideReview(tx, review.id, { status: 'same', userId: actor.userId, at, reason, updateId });
      await contactsRepo.touchContact(tx, first.contact_id, at);
      await this.audit.record(tx, actor, {
        action: 'contact.incident_review_decided',
        recordType: 'contact',
        recordId: contactId,
        reason: reason ?? undefined,
        details: { reviewId: review.id, decision, otherContactId: first.contact_id, updateId, status: MERGED_STATUS },
      });
      await this.audit.record(tx, actor, {
        action: 'contact.update_attached',
        recordType: 'contact',
        recordId: first.contact_id,
        reason: reason ?? undefined,
        details: { updateId, incidentId: review.other_incident_id, matchedBy: MATCHED_BY_REVIEW, fromContactId: contactId, reviewId: review.id, movedIncidentId: merging.incident_id },
      });
      return { ok: true, decision, otherContactId: first.contact_id, updateId };
    });
  }
}

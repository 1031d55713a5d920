/** View data for possible same incidents on a contact's page: pure functions, unit-tested. */
import { SUBJECT_ROLES, labelOf } from '../../domain/codes.js';
import { durationWords } from '../../domain/incidents.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { type ReviewDetails, type ReviewRow } from './incident-review-repository.js';
import { contactPath, frontDoorPath } from './paths.js';

/** The contact a page is about, as far as these panels need it. */
export interface PageContact {
  id: string;
  status: string;
}

export interface PanelViewer {
  /** The viewer's agency owns the contact. */
  owning: boolean;
  /** …and the viewer screens its contacts (contact:screen). */
  screens: boolean;
}

function personWords(p: { name: string; dateOfBirth: string | null; role: string | null }): string {
  const born = p.dateOfBirth ? `, born ${formatDate(p.dateOfBirth)}` : '';
  const role = p.role ? ` (${labelOf(SUBJECT_ROLES, p.role) || p.role})` : '';
  return `${p.name}${born}${role}`;
}

/** When the two incidents happened: both times, and how far apart. */
export function timesWords(d: Pick<ReviewDetails, 'ours' | 'theirs' | 'minutesApart'>): string {
  const apart = d.minutesApart === 0 ? 'at the same time' : `${durationWords(d.minutesApart)} apart`;
  return `${formatDateTime(d.theirs.occurredAt)} and ${formatDateTime(d.ours.occurredAt)} (${apart})`;
}

/** The police references, as a screener compares them. */
export function referencesWords(d: Pick<ReviewDetails, 'references'>): string {
  const { ours, theirs } = d.references;
  if (ours && theirs) return `${theirs} on the earlier contact, ${ours} on this one: different`;
  if (ours || theirs) return `${theirs ?? ours} on ${theirs ? 'the earlier contact' : 'this contact'} only`;
  return 'None on either';
}

/** One open question on the new contact's page, with its form. */
export function openFlag(contactId: string, r: ReviewRow) {
  const d = r.details;
  return {
    id: r.id,
    action: frontDoorPath('incidentReview', { id: contactId, reviewId: r.id }),
    otherReference: r.other_reference ?? 'another contact',
    otherHref: contactPath(r.other_contact_id),
    otherRestricted: r.other_restricted,
    place: d.postcode,
    time: timesWords(d),
    references: referencesWords(d),
    people: d.people.map((p) => ({
      ours: personWords(p.ours),
      // The other contact's people are not named here when it is restricted: opening it needs a stated reason.
      theirs: r.other_restricted ? 'Restricted: open the other contact to see' : personWords(p.theirs),
      why: p.reasons.join('; '),
      exact: p.exact,
    })),
  };
}

const decidedWords = (r: ReviewRow) => `${r.decided_by_name ?? 'A screener'}, ${formatDateTime(r.decided_at)}${r.reason ? `: ${r.reason}` : ''}`;

/**
 * The possible-same-incident panel of a contact's page: questions open on it (with their forms, for its owning
 * front door's screeners while it awaits screening), answers given, later contacts that may repeat it, the contact
 * it was attached to (if it was), and the contacts attached to it after a question.
 */
export function incidentReviewPanel(
  contact: PageContact,
  viewer: PanelViewer,
  reviews: readonly ReviewRow[],
  attached: readonly { contact_id: string; reference: string | null; decided_at: string; decided_by_name: string | null; reason: string | null }[],
) {
  if (!viewer.owning) return null;
  const mine = reviews.filter((r) => r.contact_id === contact.id);
  const merged = mine.find((r) => r.status === 'same');
  const open = contact.status === 'open' || contact.status === 'awaiting_authorisation' ? mine.filter((r) => r.status === 'open').map((r) => openFlag(contact.id, r)) : [];
  const panel = {
    open,
    canDecide: viewer.screens && contact.status === 'open',
    decided: mine
      .filter((r) => r.status === 'different')
      .map((r) => ({ text: `Kept apart from ${r.other_reference ?? 'another contact'}: different incidents. Decided by ${decidedWords(r)}`, href: contactPath(r.other_contact_id) })),
    later: reviews
      .filter((r) => r.other_contact_id === contact.id && r.status === 'open' && (r.contact_status === 'open' || r.contact_status === 'awaiting_authorisation'))
      .map((r) => ({ reference: r.reference ?? 'A later contact', href: contactPath(r.contact_id, 'incident-review') })),
    mergedInto:
      contact.status === 'merged' && merged
        ? { reference: merged.other_reference ?? 'another contact', href: contactPath(merged.other_contact_id, 'also-reported'), by: decidedWords(merged) }
        : null,
    attached: attached.map((a) => ({ reference: a.reference ?? 'A contact', href: contactPath(a.contact_id), by: `${a.decided_by_name ?? 'A screener'}, ${formatDateTime(a.decided_at)}${a.reason ? `: ${a.reason}` : ''}` })),
  };
  const empty = !panel.open.length && !panel.decided.length && !panel.later.length && !panel.mergedInto && !panel.attached.length;
  return empty ? null : panel;
}

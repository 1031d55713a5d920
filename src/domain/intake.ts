/**
 * The front door's rules that need no database: how a contact arrived, urgency (RAG), the police risk grading,
 * which notifications describe the same incident (rules as data), when a person is the subject of several
 * contacts in a short window, and whether a referral is a re-referral.
 */
import { list } from './codes.js';
import { normaliseText } from './matching/strings.js';
import { addDays } from './time.js';

export const CHANNELS = list({
  form: 'Referral form',
  phone: 'Phone call',
  in_person: 'In person',
  email: 'Email',
  api: 'Agency system (API)',
  bulk: 'Police notification file',
  public: 'Public report (website)',
});

/** Channels MASH staff record by hand (the professional form, the API and bulk files record themselves). */
export const STAFF_CHANNELS = CHANNELS.filter((c) => ['phone', 'in_person', 'email'].includes(c.code));

export const RAG_RATINGS = list({ red: 'Red – urgent', amber: 'Amber', green: 'Green' });
export type RagRating = 'red' | 'amber' | 'green';

export const RISK_LEVELS = list({ high: 'High', medium: 'Medium', standard: 'Standard' });

/** Police notification forms (names vary by force; Gen 117 is the seeds' force's vulnerability notification). */
export const NOTIFICATION_TYPES = list({
  gen117: 'Gen 117 – police notification of a vulnerable person',
  dash: 'DASH risk assessment',
  ppn: 'Public protection notice',
  referral: 'Referral',
  other: 'Other notification',
});

/** A first urgency for a police notification from its risk grading; the screener may change it. */
export function initialRag(riskLevel: string | null | undefined): RagRating | null {
  if (riskLevel === 'high') return 'red';
  if (riskLevel === 'medium') return 'amber';
  if (riskLevel === 'standard') return 'green';
  return null;
}

// ——— duplicate incidents ———

/**
 * A rule that says two notifications describe the same incident. Rules are data: an area can change the window
 * or how many people must be shared without changing code.
 */
export type IncidentRule =
  | { id: string; kind: 'same_police_reference'; label: string }
  | { id: string; kind: 'same_people_place_time'; label: string; withinHours: number; minSharedPeople: number };

export const DEFAULT_INCIDENT_RULES: readonly IncidentRule[] = [
  { id: 'same_police_reference', kind: 'same_police_reference', label: 'Same police reference' },
  {
    id: 'same_people_place_time',
    kind: 'same_people_place_time',
    label: 'Same people at the same postcode within 12 hours',
    withinHours: 12,
    minSharedPeople: 2,
  },
];

export interface NotificationFacts {
  policeReference: string | null;
  occurredAt: Date | null;
  postcode: string | null;
  peopleKeys: readonly string[];
}

export interface IncidentFacts extends NotificationFacts {
  id: string;
}

/** A police reference compared without spaces, punctuation or case ("CR/123/26" = "cr 123 26"). */
export function normalisePoliceReference(value: string | null | undefined): string | null {
  const v = (value ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v === '' ? null : v;
}

export function normalisePostcodeKey(value: string | null | undefined): string | null {
  const v = (value ?? '').toUpperCase().replace(/\s+/g, '');
  return v === '' ? null : v;
}

/** A person's key for "the same people": normalised first given name, family name and date of birth. */
export function personKey(p: { givenNames: string; familyName: string; dateOfBirth: string | null }): string | null {
  const given = normaliseText(p.givenNames).split(' ')[0] ?? '';
  const family = normaliseText(p.familyName).replace(/ /g, '');
  if (!given || !family || !p.dateOfBirth) return null;
  return `${given}|${family}|${p.dateOfBirth}`;
}

/** How far back and forward to look for incidents, for the repository's candidate query. */
export function incidentWindowHours(rules: readonly IncidentRule[]): number {
  return Math.max(0, ...rules.map((r) => (r.kind === 'same_people_place_time' ? r.withinHours : 0)));
}

/**
 * The incident a notification belongs to, and the first rule (in order) that says so; null when it is new. When
 * several incidents match one rule, the first candidate given wins: the repository gives the incident with the same
 * police reference first, then those at the same place nearest in time first.
 */
export function matchIncident(
  rules: readonly IncidentRule[],
  notification: NotificationFacts,
  candidates: readonly IncidentFacts[],
): { incidentId: string; rule: IncidentRule } | null {
  const ref = normalisePoliceReference(notification.policeReference);
  const postcode = normalisePostcodeKey(notification.postcode);
  const keys = new Set(notification.peopleKeys);
  for (const rule of rules) {
    for (const c of candidates) {
      if (rule.kind === 'same_police_reference') {
        if (ref && normalisePoliceReference(c.policeReference) === ref) return { incidentId: c.id, rule };
        continue;
      }
      if (!postcode || postcode !== normalisePostcodeKey(c.postcode)) continue;
      if (!notification.occurredAt || !c.occurredAt) continue;
      if (Math.abs(notification.occurredAt.getTime() - c.occurredAt.getTime()) > rule.withinHours * 3_600_000) continue;
      // Different police references mean different incidents, whatever else they share.
      const theirs = normalisePoliceReference(c.policeReference);
      if (ref && theirs && ref !== theirs) continue;
      const shared = c.peopleKeys.filter((k) => keys.has(k)).length;
      if (shared >= rule.minSharedPeople) return { incidentId: c.id, rule };
    }
  }
  return null;
}

// ——— alerts at screening ———

export interface MultipleConcernsSetting {
  count: number;
  days: number;
}

export const DEFAULT_MULTIPLE_CONCERNS: MultipleConcernsSetting = { count: 3, days: 90 };

/**
 * Whether a person is the subject of several contacts in a short window: `count` or more contacts received in the
 * `days` up to and including the day of this one (this one included).
 */
export function multipleConcerns(receivedDates: readonly string[], on: string, setting: MultipleConcernsSetting): { alert: boolean; count: number } {
  const from = addDays(on, -(setting.days - 1));
  const count = receivedDates.filter((d) => d >= from && d <= on).length;
  return { alert: count >= setting.count, count };
}

/**
 * DfE re-referral: the child had a referral in the 12 months before this contact was received. `earlier` are the
 * receipt dates of the child's other referrals (contacts whose authorised outcome was a referral).
 */
export function isReReferral(earlier: readonly string[], received: string): boolean {
  const yearBefore = `${String(Number(received.slice(0, 4)) - 1).padStart(4, '0')}${received.slice(4)}`.replace(/^(\d{4})-02-29$/, '$1-02-28');
  return earlier.some((d) => d < received && d >= yearBefore);
}

// ——— information requests ———

/** Partner agency types a screener can ask for information. */
export const INFO_REQUEST_AGENCY_TYPES: ReadonlySet<string> = new Set([
  'police',
  'health',
  'school',
  'education',
  'probation',
  'adult_social_care',
  'housing',
  'idva_da_service',
]);

export const KNOWN_TO_AGENCY = list({
  known_open: 'Known, and currently involved',
  known_past: 'Known in the past, not currently involved',
  not_known: 'Not known to us',
});

export const RISK_INDICATORS = list({
  domestic_abuse: 'Domestic abuse in the household',
  violence: 'Violence or weapons',
  substance_misuse: 'Drug or alcohol misuse',
  mental_health: 'Mental health concerns',
  missing: 'Missing episodes',
  attendance: 'Poor attendance or not seen',
  offending: 'Offending or bail conditions',
  housing: 'Housing instability or eviction',
  health_appointments: 'Missed health appointments',
  none: 'None known',
});

/** The timescale code for an information request of this urgency. */
export function infoRequestTimescale(rag: RagRating): string {
  return `info_request.${rag}`;
}

/** A reminder is due once three quarters of the time to answer has passed, if unanswered and not yet reminded. */
export function reminderDue(requestedAt: Date, dueAt: Date, now: Date): boolean {
  const at = requestedAt.getTime() + 0.75 * (dueAt.getTime() - requestedAt.getTime());
  return now.getTime() >= at && now.getTime() < dueAt.getTime();
}

/** Escalation to the agency's manager once the deadline has passed. */
export function escalationDue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}

/** A RAG rating's words and tag colour (the words always carry the meaning). */
export function labelOfRag(rag: string | null | undefined): { text: string; classes: string } | null {
  if (rag === 'red') return { text: 'Red', classes: 'govuk-tag--red' };
  if (rag === 'amber') return { text: 'Amber', classes: 'govuk-tag--orange' };
  if (rag === 'green') return { text: 'Green', classes: 'govuk-tag--green' };
  return null;
}

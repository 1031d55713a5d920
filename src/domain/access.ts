/**
 * Record-level access: which agency and which person may open which record. Deny by default.
 *
 * A contact is open to: the person who drafted it (while a draft), the agency that owns it (the front door), the
 * agency that sent it, agencies it was shared with, and the worker allocated to it. A restricted record also needs
 * a stated reason ("break glass") from anyone but its allocated worker and the person who recorded it.
 */

export interface Viewer {
  userId: string;
  tenantId: string;
  agencyId: string;
  agencyType: string;
}

export interface ContactFacts {
  tenantId: string;
  status: string;
  owningAgencyId: string;
  sourceAgencyId: string | null;
  sharedWithAgencyIds: readonly string[];
  allocatedUserId: string | null;
  createdByUserId: string;
  restricted: boolean;
}

export interface PersonFacts {
  tenantId: string;
  createdByAgencyId: string | null;
  /** Agencies that can see at least one contact this person is named in. */
  agenciesSeeingAContact: readonly string[];
  /** Workers allocated to a contact this person is named in. */
  allocatedUserIds: readonly string[];
  restricted: boolean;
}

export type AccessDecision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; reason: string }
  | { outcome: 'needs-reason' };

const ALLOW: AccessDecision = { outcome: 'allow' };

export function contactAccess(viewer: Viewer, facts: ContactFacts, hasBreakGlass: boolean): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return { outcome: 'deny', reason: 'another area' };
  const isAuthor = facts.createdByUserId === viewer.userId;
  if (facts.status === 'draft') return isAuthor ? ALLOW : { outcome: 'deny', reason: 'draft of another user' };
  const isAllocated = facts.allocatedUserId === viewer.userId;
  const agencyRelated =
    facts.owningAgencyId === viewer.agencyId ||
    facts.sourceAgencyId === viewer.agencyId ||
    facts.sharedWithAgencyIds.includes(viewer.agencyId);
  if (!isAuthor && !isAllocated && !agencyRelated) return { outcome: 'deny', reason: 'not shared with this agency' };
  if (facts.restricted && !isAuthor && !isAllocated && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

export function personAccess(
  viewer: Viewer,
  facts: PersonFacts,
  hasBreakGlass: boolean,
  registerWideAgencyTypes: ReadonlySet<string>,
): AccessDecision {
  if (viewer.tenantId !== facts.tenantId) return { outcome: 'deny', reason: 'another area' };
  const isAllocated = facts.allocatedUserIds.includes(viewer.userId);
  const related =
    registerWideAgencyTypes.has(viewer.agencyType) ||
    facts.createdByAgencyId === viewer.agencyId ||
    facts.agenciesSeeingAContact.includes(viewer.agencyId) ||
    isAllocated;
  if (!related) return { outcome: 'deny', reason: 'not known to this agency' };
  if (facts.restricted && !isAllocated && !hasBreakGlass) return { outcome: 'needs-reason' };
  return ALLOW;
}

/** A break-glass reason must say why: at least a sentence, not a placeholder. */
export function breakGlassReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length === 0) return 'Enter why you need to open this restricted record';
  if (text.length < 10) return 'Reason must be at least 10 characters';
  if (text.length > 500) return 'Reason must be 500 characters or fewer';
  return null;
}

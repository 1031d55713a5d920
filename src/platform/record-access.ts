/**
 * Turns a record-level access decision into a response: continue, ask for a break-glass reason, or refuse (403,
 * audited). Used by every route that opens a person or a contact.
 */
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type AccessDecision } from '../domain/access.js';
import { type AuditTrail } from './audit.js';
import { type Viewer } from '../domain/access.js';
import { type CurrentUser, actorOf, requireUser } from './authz.js';
import { idParam } from './params.js';
import { notFound, sendProblem } from './errors.js';
import { type RestrictedRecordType } from './break-glass.js';

export async function enforceRecordAccess(
  request: FastifyRequest,
  reply: FastifyReply,
  audit: AuditTrail,
  decision: AccessDecision | undefined,
  recordType: RestrictedRecordType,
  recordId: string,
): Promise<FastifyReply | null> {
  if (!decision) throw notFound();
  if (decision.outcome === 'allow') return null;
  if (decision.outcome === 'needs-reason') {
    const returnTo = request.method === 'GET' ? request.url : `/${recordType === 'person' ? 'people' : 'contacts'}/${recordId}`;
    return reply.redirect(`/break-glass?type=${recordType}&id=${recordId}&returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  await audit.recordNow(actorOf(request), { action: 'access.denied', recordType, recordId, details: { why: decision.reason } });
  return sendProblem(request, reply, 403, `This ${recordType} has not been shared with your agency.`);
}

/** Anything that can say whether a viewer may open a contact and whether their agency owns it (the contact service). */
export interface ContactOwnership {
  ownership(viewer: Viewer, id: string): Promise<{ decision: AccessDecision | undefined; owned: boolean }>;
}

/**
 * Who may act on a contact: the screening, matching, requests and management actions are for its owning agency.
 * The contact and user when the user's agency owns the contact (`:id`); otherwise the refusal already sent.
 */
export async function guardOwning(request: FastifyRequest, reply: FastifyReply, contacts: ContactOwnership, audit: AuditTrail): Promise<{ id: string; user: CurrentUser } | FastifyReply> {
  const user = requireUser(request);
  const id = idParam(request);
  const { decision, owned } = await contacts.ownership(user, id);
  const refused = await enforceRecordAccess(request, reply, audit, decision, 'contact', id);
  if (refused) return refused;
  if (!owned) {
    await audit.recordNow(actorOf(request), { action: 'access.denied', recordType: 'contact', recordId: id, details: { why: 'not the owning agency' } });
    return sendProblem(request, reply, 403, 'Only the agency that owns this contact can screen, allocate or share it.');
  }
  return { id, user };
}

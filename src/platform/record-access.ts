/**
 * Turns a record-level access decision into a response: continue, ask for a break-glass reason, or refuse (403,
 * audited). Used by every route that opens a person or a contact.
 */
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type AccessDecision } from '../domain/access.js';
import { type AuditTrail } from './audit.js';
import { actorOf } from './authz.js';
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

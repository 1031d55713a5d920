/** Who may act on a contact: the screening, matching, requests and management actions are for its owning agency. */
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type AuditTrail } from '../../platform/audit.js';
import { type CurrentUser, actorOf, requireUser } from '../../platform/authz.js';
import { sendProblem } from '../../platform/errors.js';
import { idParam } from '../../platform/params.js';
import { enforceRecordAccess } from '../../platform/record-access.js';
import { type ContactService } from './service.js';

/** The contact and user when the user's agency owns the contact; otherwise the refusal already sent. */
export async function guardOwning(request: FastifyRequest, reply: FastifyReply, contacts: ContactService, audit: AuditTrail): Promise<{ id: string; user: CurrentUser } | FastifyReply> {
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

/** The actor for a signed-in user's change. */
export function userActor(request: FastifyRequest) {
  const user = requireUser(request);
  return { ...actorOf(request), userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId };
}

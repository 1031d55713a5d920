/**
 * The agency API: OAuth 2 client-credentials tokens, `POST /api/v1/contacts` with Idempotency-Key, a contact's
 * status for the agency that sent it, and the OpenAPI document. Pages for administrators to manage clients.
 */
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { sha256 } from '../../platform/crypto.js';
import { HttpProblem, badRequest, notFound, sendProblem } from '../../platform/errors.js';
import { isUuid } from '../../platform/params.js';
import { type IntakeService, type Received } from '../front-door/intake-service.js';
import { notificationSchema, problemsOf, toNotification } from '../front-door/notification-schema.js';
import { type ApiClientService, type AuthenticatedClient, type OAuthError, readTokenRequest } from './clients.js';
import { openApiDocument } from './openapi.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;
const KEY = /^[\x21-\x7e]{8,255}$/;

/** The source code a contact gets when the API caller does not give one: from the sending agency's type. */
const SOURCE_BY_AGENCY_TYPE: Record<string, string> = {
  police: '6',
  school: '2A',
  education: '2B',
  health: '3F',
  housing: '4',
  children_social_care: '5A',
  adult_social_care: '5A',
  probation: '7',
};

function acceptedResponse(received: Received): { statusCode: number; response: Record<string, unknown>; headers: Record<string, string> } {
  if (received.outcome === 'created') {
    return {
      statusCode: 201,
      response: { id: received.contactId, reference: received.reference, outcome: 'created', decisionDueAt: received.decisionDueAt.toISOString(), linkedPeople: received.linkedPeople },
      headers: { location: `/api/v1/contacts/${received.contactId}` },
    };
  }
  return { statusCode: 200, response: { id: received.contactId, reference: received.reference, outcome: 'attached', updateId: received.updateId, matchedBy: received.matchedBy }, headers: {} };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export function registerApiRoutes(app: FastifyInstance, services: { apiClients: ApiClientService; intake: IntakeService }): void {
  const { apiClients, intake } = services;
  const now = () => new Date();
  const schema = notificationSchema(now);
  const document = openApiDocument(now);

  /**
   * An OAuth 2 error (RFC 6749 section 5.2): `error` and `error_description`, with the RFC 9457 members (`type`,
   * `title`, `status`, `detail`) alongside so problem+json readers understand it too. The content type stays
   * `application/json`, as RFC 6749 requires and OAuth client libraries check.
   */
  function oauthError(request: FastifyRequest, reply: FastifyReply, status: 400 | 401, error: OAuthError, description: string, basic = false) {
    if (status === 401 && basic) reply.header('www-authenticate', 'Basic realm="threshold", charset="UTF-8"');
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({
        error,
        error_description: description,
        type: 'about:blank',
        title: status === 401 ? 'The client could not be authenticated' : 'The token request is not valid',
        status,
        detail: description,
        instance: request.url.split('?')[0],
        requestId: request.id,
      });
  }

  app.post(
    '/api/v1/oauth/token',
    {
      config: { rule: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      // A body refused before the handler (malformed JSON, too deep, a prototype name, a NUL) is still an OAuth 2
      // error; anything else (413, 415, 429) goes on to the application's handler.
      errorHandler: (error: FastifyError | HttpProblem, request, reply) => {
        const status = error instanceof HttpProblem ? error.status : error.statusCode;
        if (status !== 400) throw error;
        const detail = error instanceof HttpProblem ? error.message : 'The request body is not valid.';
        return oauthError(request, reply, 400, 'invalid_request', detail);
      },
    },
    async (request, reply) => {
      const read = readTokenRequest(request.body, request.headers.authorization);
      if (!read.ok) return oauthError(request, reply, read.status, read.error, read.description, read.basic);
      const issued = await apiClients.issueToken(read.clientId, read.secret);
      if (!issued) return oauthError(request, reply, 401, 'invalid_client', 'The client id or secret is wrong, or the client is disabled', read.basic);
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({ access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn });
    },
  );

  async function client(request: FastifyRequest): Promise<AuthenticatedClient> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const found = match ? await apiClients.authenticate(match[1]!) : null;
    if (!found) throw new HttpProblem(401, 'Send a valid bearer token from /api/v1/oauth/token.');
    return found;
  }

  app.post('/api/v1/contacts', { config: { rule: 'public' } }, async (request, reply) => {
    const sender = await client(request);
    if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw new HttpProblem(415, 'Send the contact as application/json.');
    const keyHeader = request.headers['idempotency-key'];
    const key = typeof keyHeader === 'string' ? keyHeader : undefined;
    if (keyHeader !== undefined && (!key || !KEY.test(key))) {
      throw badRequest('The Idempotency-Key header must be 8 to 255 printable characters (a UUID is best).', [{ field: 'Idempotency-Key', message: 'Must be 8 to 255 printable characters' }]);
    }
    const requestHash = sha256(`POST /api/v1/contacts\n${JSON.stringify(request.body ?? null)}`);
    const replay = async () => {
      const stored = key ? await apiClients.storedResponse(sender.id, key) : null;
      if (!stored) return null;
      if (stored.requestHash !== requestHash) {
        return sendProblem(request, reply, 422, 'This Idempotency-Key was used before with a different request. Use a new key for a new contact.', [], 'Idempotency-Key reused');
      }
      return reply.code(stored.statusCode).headers({ ...stored.headers, 'idempotent-replayed': 'true' }).send(stored.response);
    };
    // (a Fastify reply is thenable: awaiting the one `replay` sent resolves to undefined, so ask the reply itself)
    await replay();
    if (reply.sent) return reply;

    const parsed = schema.safeParse(request.body);
    if (!parsed.success) {
      const fields = problemsOf(parsed.error).map((p) => ({ field: p.field, message: p.message }));
      throw badRequest(`The contact was not accepted: ${fields.length === 1 ? 'one field needs' : `${fields.length} fields need`} correcting. Nothing was saved.`, fields);
    }
    const notification = toNotification(parsed.data, { receivedAt: now(), sourceCode: SOURCE_BY_AGENCY_TYPE[sender.agencyType] ?? '8' });
    const source = {
      actor: { userId: null, tenantId: sender.tenantId, agencyId: sender.agencyId, roles: [], requestId: request.id },
      tenantId: sender.tenantId,
      channel: 'api' as const,
      sourceAgencyId: sender.agencyId,
      createdByUserId: null,
      apiClientId: sender.id,
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await intake.receive(source, notification, async (tx, received) => {
          const response = acceptedResponse(received);
          if (key) await apiClients.storeResponse(tx, sender.id, key, { requestHash, ...response });
          return response;
        });
        if ('problem' in result) throw new HttpProblem(422, `${result.problem}: the contact was not saved. Tell the area’s administrator.`);
        const response = result.extra!;
        return reply.code(response.statusCode).headers(response.headers).send(response.response);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The same key sent twice at once: the other request made the contact; answer as it did.
        if (key) await replay();
        if (reply.sent) return reply;
        // Otherwise another notification of the same incident committed first (a police reference is unique in an
        // area): nothing of this one was saved, and receiving it again attaches it to that incident.
        if (attempt < 3) continue;
        throw new HttpProblem(409, 'Another notification about the same incident was being received at the same moment. Nothing was saved: send it again.');
      }
    }
  });

  app.get('/api/v1/contacts/:id', { config: { rule: 'public' } }, async (request) => {
    const sender = await client(request);
    const id = (request.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('No contact with this id was sent by your agency.');
    const row = await apiClients.contactStatus(sender, id);
    if (!row) throw notFound('No contact with this id was sent by your agency.');
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      receivedAt: new Date(row.received_at).toISOString(),
      decisionDueAt: row.decision_due_at ? new Date(row.decision_due_at).toISOString() : null,
    };
  });

  app.get('/api/v1/openapi.json', { config: { rule: 'public' } }, async () => document);
}

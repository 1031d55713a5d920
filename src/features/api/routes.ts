/**
 * The agency API: OAuth 2 client-credentials tokens, `POST /api/v1/contacts` with Idempotency-Key, a contact's
 * status for the agency that sent it, and the OpenAPI document.
 *
 * One encapsulated plugin: its routes' schemas are zod schemas (schemas.ts), checked and serialised by the zod
 * type provider's compilers, which are set here only (the pages parse their forms themselves); @fastify/swagger,
 * registered inside it, sees these routes alone and makes the OpenAPI document from the same schemas.
 */
import fastifySwagger from '@fastify/swagger';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type ZodTypeProvider, hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sha256 } from '../../platform/crypto.js';
import { HttpProblem, badRequest, notFound, sendProblem } from '../../platform/errors.js';
import { isUuid } from '../../platform/params.js';
import { type IntakeService } from '../front-door/intake-service.js';
import { problemsOf, toNotification } from '../front-door/notification-schema.js';
import { type ApiClientService, type AuthenticatedClient, type OAuthError, TOKEN_LIFETIME_SECONDS, readTokenRequest } from './clients.js';
import { documentOptions } from './document.js';
import { acceptedResponse } from './idempotency.js';
import { IDEMPOTENCY_KEY, agencyApiSchemas } from './schemas.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

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

/** What the checks before validation learned about a request to send a contact, for its handler. */
interface ContactCall {
  sender: AuthenticatedClient;
  key: string | undefined;
  requestHash: string;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export type ApiServices = { apiClients: ApiClientService; intake: IntakeService };

/** Registers the agency API as its own plugin (an encapsulated context: its compilers and document are its own). */
export async function registerApiRoutes(app: FastifyInstance, services: ApiServices): Promise<void> {
  await app.register(agencyApi, { apiClients: services.apiClients, intake: services.intake });
}

async function agencyApi(parent: FastifyInstance, services: ApiServices): Promise<void> {
  const { apiClients, intake } = services;
  const api = parent.withTypeProvider<ZodTypeProvider>();
  const now = () => new Date();
  const schemas = agencyApiSchemas(now);

  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
  // Inside this plugin, so the document covers these routes only.
  await api.register(fastifySwagger, documentOptions(schemas));

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

  api.post(
    '/api/v1/oauth/token',
    {
      config: { rule: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Get an access token (client credentials)',
        operationId: 'getToken',
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: schemas.tokenRequest,
        response: {
          200: { description: `A bearer token, valid for ${TOKEN_LIFETIME_SECONDS / 60} minutes`, content: { 'application/json': { schema: schemas.token } } },
          400: schemas.oauthErrorResponse('A parameter missing, repeated or not text, a grant type other than client_credentials, or malformed Basic credentials'),
          401: schemas.oauthErrorResponse('No credentials, or an unknown client, a wrong secret or a disabled client'),
        },
      },
      // A body refused before the handler (by the schema; or malformed JSON, too deep, a prototype name, a NUL) is
      // still an OAuth 2 error; anything else (413, 415, 429) goes on to the application's handler.
      errorHandler: (error: FastifyError | HttpProblem, request, reply) => {
        if (hasZodFastifySchemaValidationErrors(error)) {
          // The schema describes a good request; a refused one is told what is wrong by the reader the handler
          // uses, which names the problem as RFC 6749 does.
          const read = readTokenRequest(request.body, request.headers.authorization);
          if (!read.ok) return oauthError(request, reply, read.status, read.error, read.description, read.basic);
          return oauthError(request, reply, 400, 'invalid_request', 'The request body is not valid.');
        }
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

  /** The first answer to a request with this key, sent again; or a 422 when the key came with another body. */
  async function replayStored(request: FastifyRequest, reply: FastifyReply, call: ContactCall): Promise<void> {
    const stored = call.key ? await apiClients.storedResponse(call.sender.id, call.key) : null;
    if (!stored) return;
    if (stored.requestHash !== call.requestHash) {
      sendProblem(request, reply, 422, 'This Idempotency-Key was used before with a different request. Use a new key for a new contact.', [], 'Idempotency-Key reused');
      return;
    }
    reply.code(stored.statusCode).headers({ ...stored.headers, 'idempotent-replayed': 'true' }).send(stored.response);
  }

  const calls = new WeakMap<FastifyRequest, ContactCall>();

  api.post(
    '/api/v1/contacts',
    {
      config: { rule: 'public' },
      schema: {
        summary: 'Send a contact, referral or police notification',
        operationId: 'createContact',
        description:
          'Makes a contact on the front door’s worklist, with a decision deadline from the area’s calendar. A notification about an incident already reported (same police reference, or the same people at the same postcode within the area’s window) is attached to that contact as an update instead (`outcome: attached`). People are matched to the register by the front door; a valid NHS number held by exactly one person links at once.',
        headers: schemas.idempotencyHeaders,
        body: schemas.notification,
        response: {
          201: { description: 'A new contact was made', headers: { Location: schemas.location }, content: { 'application/json': { schema: schemas.accepted } } },
          200: { description: 'Attached to the contact already made for the same incident', content: { 'application/json': { schema: schemas.accepted } } },
          400: schemas.problemResponse('The body is malformed and nothing was saved; `errors` names each field'),
          401: schemas.problemResponse('No valid bearer token'),
          409: schemas.problemResponse('A request with the same Idempotency-Key is still being processed, or another notification of the same incident was received at the same moment: send it again'),
          415: schemas.problemResponse('The body is not JSON'),
          422: schemas.problemResponse('The Idempotency-Key was used before with a different body, or the area has no front door for the kind of contact'),
        },
      },
      // In the order the API has always checked them, before the body is read against its schema: who is sending,
      // that it is JSON, a well-formed key, and whether it repeats a request already answered.
      preValidation: async (request, reply) => {
        const sender = await client(request);
        if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw new HttpProblem(415, 'Send the contact as application/json.');
        const keyHeader = request.headers['idempotency-key'];
        const key = typeof keyHeader === 'string' ? keyHeader : undefined;
        if (keyHeader !== undefined && (!key || !IDEMPOTENCY_KEY.test(key))) {
          throw badRequest('The Idempotency-Key header must be 8 to 255 printable characters (a UUID is best).', [{ field: 'Idempotency-Key', message: 'Must be 8 to 255 printable characters' }]);
        }
        // The body as sent (validation replaces it with the parsed notification).
        const call: ContactCall = { sender, key, requestHash: sha256(`POST /api/v1/contacts\n${JSON.stringify(request.body ?? null)}`) };
        calls.set(request, call);
        await replayStored(request, reply, call);
        // (a Fastify reply is thenable: returning it from the hook ends the request there)
        if (reply.sent) return reply;
      },
      errorHandler: (error: FastifyError | HttpProblem, request) => {
        if (hasZodFastifySchemaValidationErrors(error) && error.validationContext === 'body') throw contactRefused(request.body);
        throw error;
      },
    },
    async (request, reply) => {
      const { sender, key, requestHash } = calls.get(request)!;
      const replay = () => replayStored(request, reply, { sender, key, requestHash });
      const notification = toNotification(request.body, { receivedAt: now(), sourceCode: SOURCE_BY_AGENCY_TYPE[sender.agencyType] ?? '8' });
      const source = {
        actor: { userId: null, tenantId: sender.tenantId, agencyId: sender.agencyId, roles: [], requestId: request.id },
        tenantId: sender.tenantId,
        channel: 'api' as const,
        sourceAgencyId: sender.agencyId,
        createdByUserId: null,
        apiClientId: sender.id,
        idempotency: key ? { key, requestHash } : null,
      };
      for (let attempt = 1; ; attempt += 1) {
        try {
          // The answer is stored under the Idempotency-Key by the API's subscriber, in the contact's transaction.
          const result = await intake.receive(source, notification);
          if ('problem' in result) throw new HttpProblem(422, `${result.problem}: the contact was not saved. Tell the area’s administrator.`);
          const response = acceptedResponse(result.received);
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
    },
  );

  /**
   * A notification its schema refused: every field that needs correcting, named as the API names fields
   * (`people[0].dateOfBirth`). The provider's validation errors carry each issue's path joined into a pointer, so
   * the fields are read from zod's own issues for the body as sent.
   */
  function contactRefused(body: unknown): HttpProblem {
    const parsed = schemas.notification.safeParse(body);
    const fields = parsed.success ? [] : problemsOf(parsed.error).map((p) => ({ field: p.field, message: p.message }));
    return badRequest(`The contact was not accepted: ${fields.length === 1 ? 'one field needs' : `${fields.length} fields need`} correcting. Nothing was saved.`, fields);
  }

  api.get(
    '/api/v1/contacts/:id',
    {
      config: { rule: 'public' },
      schema: {
        summary: 'The status of a contact your agency sent',
        operationId: 'getContact',
        params: schemas.contactParams,
        response: {
          200: { description: 'Reference, status and decision deadline', content: { 'application/json': { schema: schemas.contactStatus } } },
          401: schemas.problemResponse('No valid bearer token'),
          404: schemas.problemResponse('No such contact sent by your agency'),
        },
      },
    },
    async (request) => {
      const sender = await client(request);
      const id = request.params.id;
      if (!isUuid(id)) throw notFound('No contact with this id was sent by your agency.');
      const row = await apiClients.contactStatus(sender, id);
      if (!row) throw notFound('No contact with this id was sent by your agency.');
      return {
        id: row.id,
        reference: row.reference,
        status: row.status as z.output<typeof schemas.contactStatus>['status'],
        receivedAt: new Date(row.received_at).toISOString(),
        decisionDueAt: row.decision_due_at ? new Date(row.decision_due_at).toISOString() : null,
      };
    },
  );

  api.get('/api/v1/openapi.json', { config: { rule: 'public' }, schema: { hide: true } }, async () => api.swagger());
}

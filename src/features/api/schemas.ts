/**
 * The agency API's contract as zod schemas: what each route checks (requests) and sends (responses), read by the
 * zod type provider for validation, serialisation and types, and by @fastify/swagger for the OpenAPI document.
 *
 * Each app makes its own set (`agencyApiSchemas()`), registered with ids in a registry of its own, so the
 * document's components hold these schemas and nothing else registered with zod in the process.
 */
import { z } from 'zod';
import { CONTACT_STATUSES, type ContactStatus } from '../../domain/screening.js';
import { notificationSchema } from '../front-door/notification-schema.js';
import { IDEMPOTENCY_RETENTION_HOURS } from './clients.js';

/** What an Idempotency-Key may be: 8 to 255 printable ASCII characters (a UUID is best). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** Metadata the document reads: a component's id, a description, a JSON Schema format. */
export interface ApiSchemaMeta {
  id?: string;
  description?: string;
  format?: string;
  examples?: unknown[];
  [key: string]: unknown;
}

export type AgencyApiSchemas = ReturnType<typeof agencyApiSchemas>;

export function agencyApiSchemas(now: () => Date) {
  const registry = z.registry<ApiSchemaMeta>();
  const about = <T extends z.ZodType>(schema: T, meta: ApiSchemaMeta): T => {
    (schema as z.ZodType).register(registry, meta);
    return schema;
  };

  /** RFC 9457 problem details, as `sendProblem` writes them (keys in its order: serialisation follows the schema). */
  const problem = about(
    z.object({
      type: z.string(),
      title: z.string(),
      status: z.int(),
      detail: z.string().optional(),
      instance: z.string(),
      requestId: z.string(),
      errors: about(z.array(z.object({ field: z.string(), message: z.string() })), { description: 'One entry per field that needs correcting' }).optional(),
    }),
    { id: 'Problem', description: 'RFC 9457 problem details' },
  );

  /** An OAuth 2 error (RFC 6749 section 5.2), with the RFC 9457 members alongside. */
  const oauthError = about(
    z.object({
      error: z.enum(['invalid_request', 'invalid_client', 'unsupported_grant_type']),
      error_description: z.string(),
      type: z.string(),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      instance: z.string(),
      requestId: z.string(),
    }),
    { id: 'OAuthError', description: 'An OAuth 2 error response (RFC 6749 section 5.2) that also carries the RFC 9457 members' },
  );

  const tokenRequest = about(
    z.looseObject({
      grant_type: z.literal('client_credentials'),
      client_id: z.string().optional(),
      client_secret: z.string().optional(),
    }),
    { description: 'The client id and secret in the body, or in an HTTP Basic `Authorization` header (each form-urlencoded, then base64 of `id:secret`).' },
  );

  const token = z.object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.int(),
  });

  const notification = about(notificationSchema(now), { id: 'Notification' });

  const uuid = (description?: string) => about(z.string(), { format: 'uuid', ...(description ? { description } : {}) });
  const instant = (description: string) => about(z.iso.datetime(), { description });

  const accepted = about(
    z.object({
      id: uuid('The contact'),
      reference: about(z.string(), { examples: ['C-2026-000123'] }),
      outcome: z.enum(['created', 'attached']),
      decisionDueAt: instant('When a new contact’s screening decision is due').optional(),
      updateId: uuid('The update, when attached').optional(),
      matchedBy: about(z.string(), { description: 'The rule that found the earlier report, when attached' }).optional(),
      linkedPeople: about(z.int(), { description: 'People linked at once by a verified NHS number' }).optional(),
    }),
    { id: 'Accepted' },
  );

  const sentStatuses = (Object.keys(CONTACT_STATUSES) as ContactStatus[]).filter((s) => s !== 'draft') as [ContactStatus, ...ContactStatus[]];
  const contactStatus = about(
    z.object({
      id: uuid(),
      reference: z.string(),
      status: z.enum(sentStatuses),
      receivedAt: z.iso.datetime(),
      decisionDueAt: z.iso.datetime().nullable(),
    }),
    { id: 'ContactStatus' },
  );

  const idempotencyHeaders = z.looseObject({
    'idempotency-key': about(z.string().regex(IDEMPOTENCY_KEY), {
      description: `A unique value per logical request (a UUID), 8 to 255 printable characters. Kept for ${IDEMPOTENCY_RETENTION_HOURS} hours. Reusing a key with a different body is refused with 422.`,
    }).optional(),
  });

  const location = about(z.string(), { description: 'The new contact’s address in this API: `/api/v1/contacts/{id}`' });

  const contactParams = z.object({ id: uuid('The contact’s id, from the `Location` of the 201 that made it') });

  const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });
  const oauthErrorResponse = (description: string) => ({ description, content: { 'application/json': { schema: oauthError } } });

  return {
    registry,
    tokenRequest,
    token,
    notification,
    accepted,
    contactStatus,
    idempotencyHeaders,
    contactParams,
    location,
    problemResponse,
    oauthErrorResponse,
  };
}

/** The OpenAPI 3.1 document for the agency API, generated from the same schema that validates requests. */
import { z } from 'zod';
import { notificationSchema } from '../front-door/notification-schema.js';
import { IDEMPOTENCY_RETENTION_HOURS, TOKEN_LIFETIME_SECONDS } from './clients.js';

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] } },
  },
  required: ['title', 'status'],
};

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

export function openApiDocument(now: () => Date = () => new Date()) {
  const { $schema: _ignored, ...notification } = z.toJSONSchema(notificationSchema(now), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Threshold agency API',
      version: '1.0.0',
      description:
        'Partner agencies’ systems send contacts and notifications to the front door. Authenticate with OAuth 2 client credentials (ask the area’s administrator for a client), then send `Authorization: Bearer <token>`. Send an `Idempotency-Key` with every POST: a retry with the same key and body returns the first response and never makes a second contact.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/oauth/token': {
        post: {
          summary: 'Get an access token (client credentials)',
          operationId: 'getToken',
          security: [],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  properties: { grant_type: { const: 'client_credentials' }, client_id: { type: 'string' }, client_secret: { type: 'string' } },
                  required: ['grant_type'],
                },
              },
            },
            description: 'The client id and secret in the body, or in an HTTP Basic `Authorization` header.',
          },
          responses: {
            '200': {
              description: `A bearer token, valid for ${TOKEN_LIFETIME_SECONDS / 60} minutes`,
              content: { 'application/json': { schema: { type: 'object', properties: { access_token: { type: 'string' }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer' } }, required: ['access_token', 'token_type', 'expires_in'] } } },
            },
            '400': { description: 'Unsupported grant type (OAuth 2 error body)' },
            '401': { description: 'Unknown client or wrong secret (OAuth 2 error body)' },
          },
        },
      },
      '/api/v1/contacts': {
        post: {
          summary: 'Send a contact, referral or police notification',
          operationId: 'createContact',
          description:
            'Makes a contact on the front door’s worklist, with a decision deadline from the area’s calendar. A notification about an incident already reported (same police reference, or the same people at the same postcode within the area’s window) is attached to that contact as an update instead (`outcome: attached`). People are matched to the register by the front door; a valid NHS number held by exactly one person links at once.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
              description: `A unique value per logical request (a UUID). Kept for ${IDEMPOTENCY_RETENTION_HOURS} hours. Reusing a key with a different body is refused with 422.`,
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Notification' } } } },
          responses: {
            '201': { description: 'A new contact was made', headers: { Location: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } },
            '200': { description: 'Attached to the contact already made for the same incident', content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } },
            '400': problemResponse('The body is malformed; `errors` names each field'),
            '401': problemResponse('No valid bearer token'),
            '409': problemResponse('A request with the same Idempotency-Key is still being processed'),
            '415': problemResponse('The body is not JSON'),
            '422': problemResponse('The Idempotency-Key was used before with a different body'),
          },
        },
      },
      '/api/v1/contacts/{id}': {
        get: {
          summary: 'The status of a contact your agency sent',
          operationId: 'getContact',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'Reference, status and decision deadline', content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactStatus' } } } },
            '401': problemResponse('No valid bearer token'),
            '404': problemResponse('No such contact sent by your agency'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Notification: notification,
        Accepted: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid', description: 'The contact' },
            reference: { type: 'string', example: 'C-2026-000123' },
            outcome: { enum: ['created', 'attached'] },
            decisionDueAt: { type: 'string', format: 'date-time', description: 'When a new contact’s screening decision is due' },
            updateId: { type: 'string', format: 'uuid', description: 'The update, when attached' },
            matchedBy: { type: 'string', description: 'The rule that found the earlier report, when attached' },
            linkedPeople: { type: 'integer', description: 'People linked at once by a verified NHS number' },
          },
          required: ['id', 'reference', 'outcome'],
        },
        ContactStatus: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            reference: { type: 'string' },
            status: { enum: ['open', 'awaiting_authorisation', 'decided'] },
            receivedAt: { type: 'string', format: 'date-time' },
            decisionDueAt: { type: ['string', 'null'], format: 'date-time' },
          },
          required: ['id', 'reference', 'status', 'receivedAt'],
        },
        Problem: problem,
      },
    },
    security: [{ bearer: [] }],
  };
}

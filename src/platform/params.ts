/** Route parameters: ids are UUIDs; anything else is a page that does not exist. */
import { type FastifyRequest } from 'fastify';
import { notFound } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function idParam(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, unknown>)[name];
  if (!isUuid(value)) throw notFound();
  return value.toLowerCase();
}

export function queryString(request: FastifyRequest, name: string, max = 200): string {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

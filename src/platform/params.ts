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

/** The last page a list offers: beyond it the address is read as this page (an offset of 50,000 rows at most). */
export const MAX_PAGE = 1000;

/**
 * A page number from an address (`?page=3`): a whole number from 1 to `MAX_PAGE`. Missing, empty, repeated, not a
 * number or below 1 is page 1; beyond the last is the last. Read as `parseInt` reads it ("2abc" and "2.7" are 2).
 */
export function parsePage(value: unknown): number {
  if (typeof value !== 'string') return 1;
  const page = Number.parseInt(value, 10);
  return Number.isNaN(page) ? 1 : Math.max(1, Math.min(MAX_PAGE, page));
}

/** The page a list is asked for, from the query string (`name`: `page`). */
export function pageParam(request: FastifyRequest, name = 'page'): number {
  const query = request.query as Record<string, unknown> | undefined;
  return parsePage(query && typeof query === 'object' ? query[name] : undefined);
}

/**
 * Input that cannot pollute or crash: one place that checks what every request brings before any route reads it.
 *
 * - Names that reach an object's prototype (`__proto__`, `constructor`, `prototype`) are refused by name wherever
 *   they appear in a body or a query string: as a key, as a part of a key (`__proto__-hour`, the prefix of a
 *   GOV.UK date part) and at any depth of a JSON body.
 * - JSON bodies are parsed by our own content-type parser, which refuses nesting deeper than `MAX_JSON_DEPTH` by
 *   scanning the text (no recursion) before `JSON.parse` runs, so nothing later (hashing, validation, logging)
 *   can overflow the stack.
 * - A NUL character or a lone UTF-16 surrogate anywhere in a key or a string value is refused: PostgreSQL cannot
 *   store either, and no form or API field needs them.
 *
 * Form bodies and query strings are parsed into null-prototype objects (fast-querystring); `groupDateParts` in
 * forms.ts makes null-prototype objects too, and skips reserved names itself, as a second line of defence.
 */
import { type FastifyInstance } from 'fastify';
import { HttpProblem } from './errors.js';

/** The names that reach an object's prototype chain. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON bodies nested deeper than this are refused before they are parsed. */
export const MAX_JSON_DEPTH = 64;

/** Separators inside field names: `name-day`, `a.b`, `a[b]`. A reserved name between them is refused too. */
const NAME_PARTS = /[-.[\]]/;

/** True when a key is, or contains as a part, a name that reaches an object's prototype. */
export function isReservedKey(key: string): boolean {
  if (RESERVED_NAMES.has(key)) return true;
  if (!NAME_PARTS.test(key)) return false;
  return key.split(NAME_PARTS).some((part) => RESERVED_NAMES.has(part));
}

/** A UTF-16 surrogate that is not half of a pair (matched by code unit: no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL character, or a lone surrogate (text that cannot be stored as UTF-8). */
export function hasForbiddenCharacters(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

export type InputProblem = { kind: 'reserved-key'; name: string } | { kind: 'characters' } | { kind: 'too-deep' };

/**
 * Plain data: arrays, and objects made by a parser: Object's prototype, none, or an empty null-prototype object
 * (fast-querystring's). Buffers, streams and files (multipart) are not walked.
 */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * The first problem in parsed input, or null. Walks without recursion, visits each object once (a multipart
 * body refers to itself), and stops at `maxDepth`.
 */
export function findInputProblem(input: unknown, maxDepth = MAX_JSON_DEPTH + 2): InputProblem | null {
  if (typeof input === 'string') return hasForbiddenCharacters(input) ? { kind: 'characters' } : null;
  if (typeof input !== 'object' || input === null) return null;
  const seen = new WeakSet<object>();
  const stack: { value: object; depth: number }[] = [{ value: input, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (seen.has(value) || !isPlainData(value)) continue;
    seen.add(value);
    if (depth > maxDepth) return { kind: 'too-deep' };
    for (const key of Object.keys(value)) {
      if (isReservedKey(key)) return { kind: 'reserved-key', name: key };
      if (hasForbiddenCharacters(key)) return { kind: 'characters' };
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        if (hasForbiddenCharacters(child)) return { kind: 'characters' };
      } else if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** How deeply a JSON text nests arrays and objects, counted without parsing it; stops once past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

function describe(problem: InputProblem): string {
  switch (problem.kind) {
    case 'reserved-key':
      return `What was sent uses a name that is not allowed (__proto__, constructor or prototype). Nothing was saved.`;
    case 'characters':
      return 'What was sent contains characters that are not allowed (a NUL character or broken Unicode). Nothing was saved.';
    case 'too-deep':
      return `The JSON is nested too deeply (more than ${MAX_JSON_DEPTH} levels). Nothing was saved.`;
  }
}

export function inputProblem(problem: InputProblem): HttpProblem {
  return new HttpProblem(400, describe(problem));
}

/** Parses a JSON body: depth bounded before parsing, then the same checks as every other input. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpProblem(400, 'The request body is empty; send JSON, or no content type.');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw inputProblem({ kind: 'too-deep' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.');
  }
  const problem = findInputProblem(parsed);
  if (problem) throw inputProblem(problem);
  return parsed;
}

/**
 * Replaces Fastify's JSON parser with `parseJsonBody`, and checks every request's query string and body in one
 * hook before validation, CSRF and handlers. Register before any route and before any plugin that adds its own
 * content-type parsers (children copy the parsers of their parent when they are registered).
 */
export function registerInputSafety(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addHook('preValidation', async (request) => {
    const problem = findInputProblem(request.query) ?? findInputProblem(request.body);
    if (problem) throw inputProblem(problem);
  });
}

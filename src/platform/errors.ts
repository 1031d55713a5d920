/**
 * Errors: one handler for pages and the API. 4xx errors say what was wrong; 5xx errors never leak detail. API
 * routes (under /api/) answer with application/problem+json (RFC 9457); pages with a GOV.UK error page.
 */
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export interface FieldProblem {
  /** Field name, or a JSON pointer-ish path for API bodies. */
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly fields: FieldProblem[];
  readonly title: string | undefined;
  /** Pages answer this problem by sending the browser here instead (303); the API answers with the status. */
  redirectTo: string | undefined;
  constructor(status: number, detail: string, fields: FieldProblem[] = [], title?: string) {
    super(detail);
    this.status = status;
    this.fields = fields;
    this.title = title;
  }
}

export const notFound = (detail = 'Check the web address is correct. The record may not exist.') =>
  new HttpProblem(404, detail);
export const forbidden = (detail = 'Your agency or role does not give you access to this.') =>
  new HttpProblem(403, detail);
export const conflict = (detail: string) => new HttpProblem(409, detail);
export const badRequest = (detail: string, fields: FieldProblem[] = []) => new HttpProblem(400, detail, fields);

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

const PAGE_TITLES: Record<number, string> = {
  400: 'There is a problem with what was sent',
  401: 'You need to sign in',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  405: 'That action is not available here',
  409: 'This record has changed',
  413: 'What you sent is too large',
  415: 'That kind of content is not accepted',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
  503: 'Sorry, the service is unavailable',
};

function statusOf(error: FastifyError | HttpProblem): number {
  const status = error instanceof HttpProblem ? error.status : (error.statusCode ?? 500);
  return status >= 400 && status < 600 ? status : 500;
}

/** What a client may be told about an error: for 4xx the message, for 5xx nothing. */
function publicDetail(error: FastifyError | HttpProblem, status: number): string | undefined {
  if (status >= 500) return undefined;
  if (error instanceof HttpProblem) return error.message;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the service accepts. Shorten the text or split the upload.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'The request body must be a form submission or JSON.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return 'The form has expired or was not sent from this service. Go back, reload the page and try again.';
    default:
      return error.message;
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string | undefined,
  fields: FieldProblem[] = [],
  title?: string,
): FastifyReply {
  const pageTitle = title ?? PAGE_TITLES[status] ?? 'There is a problem';
  if (isApiRequest(request)) {
    return reply
      .code(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: pageTitle,
        status,
        ...(detail ? { detail } : {}),
        instance: request.url.split('?')[0],
        requestId: request.id,
        ...(fields.length ? { errors: fields.map((f) => ({ field: f.field, message: f.message })) } : {}),
      });
  }
  return reply.code(status).view('errors/error.njk', {
    status,
    title: pageTitle,
    detail,
    fields,
    requestId: request.id,
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) {
      request.log.error({ err: error, requestId: request.id }, 'request failed');
    } else {
      request.log.info({ status, code: (error as FastifyError).code, requestId: request.id }, 'request refused');
    }
    if ((error as FastifyError).validation && isApiRequest(request)) {
      const fields = ((error as FastifyError).validation ?? []).map((v) => ({
        field: v.instancePath || String((v.params as { missingProperty?: string })?.missingProperty ?? ''),
        message: v.message ?? 'is not valid',
      }));
      return sendProblem(request, reply, 400, 'The request does not match the schema.', fields);
    }
    if (error instanceof HttpProblem && error.redirectTo && !isApiRequest(request)) return reply.redirect(error.redirectTo, 303);
    const fields = error instanceof HttpProblem ? error.fields : [];
    if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    return sendProblem(request, reply, status, publicDetail(error, status), fields, error instanceof HttpProblem ? error.title : undefined);
  });

  app.setNotFoundHandler(
    { preHandler: (_request, _reply, done) => done() },
    (request, reply) => sendProblem(request, reply, 404, 'Check the web address is correct.'),
  );
}

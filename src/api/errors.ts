import type { FastifyError, FastifyInstance } from 'fastify';
import { FitwiseError } from '../domain/index.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** Maps every failure to the standard body `{"error": {"code", "message"}}` with a stable code. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | FitwiseError | Error, req, reply) => {
    if (err instanceof FitwiseError) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('payload_too_large', 'request body is too large'));
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('unsupported_media_type', 'send application/json'));
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.status(400).send(errorBody('invalid_input', 'request body is empty; send a JSON document'));
    if (fe.statusCode === 400 && /JSON/i.test(fe.message)) return reply.status(400).send(errorBody('invalid_json', `body is not valid JSON: ${fe.message}`));
    if (fe.statusCode === 429) {
      const message = (err as { error?: { message?: string } }).error?.message ?? fe.message;
      return reply.status(429).send(errorBody('rate_limited', message));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody(fe.code?.toLowerCase() ?? 'bad_request', fe.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send(errorBody('internal_error', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('route_not_found', `no route ${req.method} ${req.url.split('?')[0]}`)));
}

// The one place errors become HTTP responses: a stable id, a status and a message a person can act on.
// Never a stack trace.

import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../../shared/errors.js';
import { AppError, errors } from '../errors.js';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.isReportable) log.error({ err, method: req.method, path: req.path }, 'request failed');
    const body: ErrorBody = {
      error: { id: appError.id, message: appError.message, ...(appError.issues ? { issues: appError.issues } : {}) },
    };
    res.status(appError.status).json(body);
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // body-parser marks its own errors with a `type`.
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return errors.bodyTooLarge();
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return errors.invalidRequest([{ path: '', message: 'body is not valid JSON' }]);
  }
  // The router could not decode a percent-encoded part of the address.
  if (err instanceof URIError) return errors.invalidRequest([{ path: 'url', message: 'the address is not valid' }]);
  return errors.internal();
}

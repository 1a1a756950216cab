// One limit, per signed-in account, on the requests that replay a plan's whole history (comparisons, the plan as it
// was at an entry, restores, exports): shared by the routes that make them, so one member cannot keep the server busy.

import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { LIMITS } from '../../shared/limits.js';
import { errors } from '../errors.js';

export function historyRebuildLimit(): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: LIMITS.maxHistoryRebuildsPerMinute,
    // Mounted after requireAccount: every request here has an account.
    keyGenerator: (req: Request) => `account:${req.account?.id ?? ''}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManyRebuilds()),
  });
}

/**
 * One limit, per signed-in account, on changes to a plan's comments, suggestions and meetings: far above anyone's
 * pace, it stops one member from filling a plan's record with junk at machine speed. Reading is not limited.
 */
export function conversationChangeLimit(): RequestHandler {
  const limit = rateLimit({
    windowMs: 60_000,
    limit: LIMITS.maxConversationChangesPerMinute,
    // After loadSession: a signed-in request has its account; others are refused by requireAccount anyway.
    keyGenerator: (req: Request) => `account:${req.account?.id ?? ''}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManyChanges()),
  });
  return (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : limit(req, res, next));
}

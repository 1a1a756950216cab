// REST routes for plans: thin, they validate and call the named operation.

import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createPlanBodySchema } from '../../shared/schemas.js';
import { createPlan, getPlan, myPlans } from '../plans/planOperations.js';
import type { CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';
import { LIMITS } from '../../shared/limits.js';
import { errors } from '../errors.js';

export function planRoutes(store: PlanStore, circles: CircleStore): Router {
  const router = Router();
  // Creating plans costs disk; nobody needs more than a few a minute.
  const creationLimit = rateLimit({
    windowMs: LIMITS.planCreationWindowMs,
    limit: LIMITS.maxPlansCreatedPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManyRequests()),
  });
  router.post('/', creationLimit, async (req, res) => {
    const body = parseOrThrow(createPlanBodySchema, req.body ?? {});
    const creator = req.account ? { circles, accountId: req.account.id } : undefined;
    res.status(201).json(await createPlan(store, body, creator));
  });
  router.get('/', requireAccount, async (req, res) => {
    res.json({ plans: await myPlans(store, circles, req.account!.id) });
  });
  router.get('/:planId', async (req, res) => {
    res.json(await getPlan(store, req.params.planId));
  });
  return router;
}

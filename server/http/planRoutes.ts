// REST routes for plans: thin, they validate and call the named operation.

import { Router } from 'express';
import { createPlanBodySchema } from '../../shared/schemas.js';
import { createPlan, getPlan } from '../plans/planOperations.js';
import type { PlanStore } from '../storage/types.js';
import { parseOrThrow } from './validate.js';

export function planRoutes(store: PlanStore): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = parseOrThrow(createPlanBodySchema, req.body ?? {});
    res.status(201).json(await createPlan(store, body));
  });
  router.get('/:planId', async (req, res) => {
    res.json(await getPlan(store, req.params.planId));
  });
  return router;
}

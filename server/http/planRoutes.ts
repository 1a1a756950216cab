// REST routes for plans: thin, they validate and call the named operation.

import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createPlanBodySchema } from '../../shared/schemas.js';
import type { AccessEvents } from '../accessEvents.js';
import type { PlanRecords } from '../history/planRecords.js';
import type { PlanDiscussions } from '../discussion/discussionOperations.js';
import { createPlan, getPlanForMember, myPlans } from '../plans/planOperations.js';
import type { CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';
import { LIMITS } from '../../shared/limits.js';
import { errors } from '../errors.js';

export function planRoutes(store: PlanStore, circles: CircleStore, events: AccessEvents, records: PlanRecords, discussions: PlanDiscussions): Router {
  const router = Router();
  // Creating plans costs disk; nobody needs more than a few a minute.
  const creationLimit = rateLimit({
    windowMs: LIMITS.planCreationWindowMs,
    limit: LIMITS.maxPlansCreatedPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(errors.tooManyRequests()),
  });
  router.use(requireAccount);
  router.post('/', creationLimit, async (req, res) => {
    const body = parseOrThrow(createPlanBodySchema, req.body ?? {});
    const plan = await createPlan(store, circles, req.account!.id, body);
    events.circleChanged(plan.id); // its first member (and any invitation) join the plan's history now
    res.status(201).json(plan);
  });
  router.get('/', async (req, res) => {
    res.json({
      plans: await myPlans(store, circles, req.account!.id, {
        nextReviewOf: (planId) => records.nextReview(planId),
        waitingOf: (planId) => discussions.waiting(planId),
      }),
    });
  });
  router.get('/:planId', async (req, res) => {
    res.json(await getPlanForMember(store, circles, req.params.planId, req.account!.id));
  });
  return router;
}

// REST routes for a plan's circle: invitations (create, list, withdraw) and accepting one. Thin: validate, then
// call the named operation, which checks the rights.

import { Router, type Request } from 'express';
import { z } from 'zod';
import { acceptInvitationBodySchema, createInvitationBodySchema } from '../../shared/schemas.js';
import { acceptInvitation, createInvitation, listInvitations, withdrawInvitation } from '../circle/circleOperations.js';
import { getPlan } from '../plans/planOperations.js';
import type { CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const invitationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
/** The plan id from the mount path (/api/plans/:planId/invitations); getPlan validates it. */
const planIdOf = (req: Request) => String((req.params as Record<string, string | undefined>).planId);

/** Mounted at /api/plans/:planId/invitations. */
export function planInvitationRoutes(store: PlanStore, circles: CircleStore): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAccount);
  router.post('/', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    const { invitation, token } = await createInvitation(circles, plan.id, req.account!.id, parseOrThrow(createInvitationBodySchema, req.body));
    res.status(201).json({ invitation, link: `/invitations/${token}` });
  });
  router.get('/', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    res.json({ invitations: await listInvitations(circles, plan.id, req.account!.id) });
  });
  router.post('/:invitationId/withdraw', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    await withdrawInvitation(circles, plan.id, req.account!.id, parseOrThrow(invitationIdSchema, req.params.invitationId));
    res.status(204).end();
  });
  return router;
}

/** Mounted at /api/invitations. */
export function invitationRoutes(circles: CircleStore): Router {
  const router = Router();
  router.post('/accept', requireAccount, async (req, res) => {
    const { token } = parseOrThrow(acceptInvitationBodySchema, req.body);
    res.json({ planId: await acceptInvitation(circles, token, req.account!.id) });
  });
  return router;
}

// REST routes for a plan's circle: who is in it and their rights, sections opened by the person, invitations
// (create, list, withdraw) and accepting one. Thin: validate, call the named operation (which checks the rights),
// then tell live connections that the circle changed.

import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  acceptInvitationBodySchema,
  changeMemberBodySchema,
  createInvitationBodySchema,
  sectionIdSchema,
  sectionRightsBodySchema,
} from '../../shared/schemas.js';
import type { AccessEvents } from '../accessEvents.js';
import {
  acceptInvitation,
  changeMember,
  circleView,
  createInvitation,
  listInvitations,
  removeMember,
  setSectionOpen,
  withdrawInvitation,
} from '../circle/circleOperations.js';
import { getPlan } from '../plans/planOperations.js';
import type { AccountStore, CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const invitationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
const accountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
/** The plan id from the mount path (/api/plans/:planId/…); getPlan validates it. */
const planIdOf = (req: Request) => String((req.params as Record<string, string | undefined>).planId);

interface Stores {
  store: PlanStore;
  accounts: AccountStore;
  circles: CircleStore;
  events: AccessEvents;
}

/** Mounted at /api/plans/:planId/circle. Every answer is the circle as the caller now sees it. */
export function planCircleRoutes({ store, accounts, circles, events }: Stores): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAccount);
  const answer = async (req: Request, planId: string) => circleView(circles, accounts, planId, req.account!.id);

  router.get('/', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    res.json(await answer(req, plan.id));
  });
  router.patch('/members/:accountId', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    const target = parseOrThrow(accountIdSchema, req.params.accountId);
    await changeMember(circles, plan.id, req.account!.id, target, parseOrThrow(changeMemberBodySchema, req.body));
    events.circleChanged(plan.id);
    res.json(await answer(req, plan.id));
  });
  router.delete('/members/:accountId', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    await removeMember(circles, plan.id, req.account!.id, parseOrThrow(accountIdSchema, req.params.accountId));
    events.circleChanged(plan.id);
    res.json(await answer(req, plan.id));
  });
  router.put('/sections/:sectionId', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    const sectionId = parseOrThrow(sectionIdSchema, req.params.sectionId);
    await setSectionOpen(circles, plan.id, req.account!.id, sectionId, parseOrThrow(sectionRightsBodySchema, req.body).open);
    events.circleChanged(plan.id);
    res.json(await answer(req, plan.id));
  });
  return router;
}

/** Mounted at /api/plans/:planId/invitations. */
export function planInvitationRoutes(store: PlanStore, circles: CircleStore, events: AccessEvents): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAccount);
  router.post('/', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    const { invitation, token } = await createInvitation(circles, plan.id, req.account!.id, parseOrThrow(createInvitationBodySchema, req.body));
    events.circleChanged(plan.id);
    res.status(201).json({ invitation, link: `/invitations/${token}` });
  });
  router.get('/', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    res.json({ invitations: await listInvitations(circles, plan.id, req.account!.id) });
  });
  router.post('/:invitationId/withdraw', async (req, res) => {
    const plan = await getPlan(store, planIdOf(req));
    await withdrawInvitation(circles, plan.id, req.account!.id, parseOrThrow(invitationIdSchema, req.params.invitationId));
    events.circleChanged(plan.id);
    res.status(204).end();
  });
  return router;
}

/** Mounted at /api/invitations. */
export function invitationRoutes(circles: CircleStore, events: AccessEvents): Router {
  const router = Router();
  router.post('/accept', requireAccount, async (req, res) => {
    const { token } = parseOrThrow(acceptInvitationBodySchema, req.body);
    const planId = await acceptInvitation(circles, token, req.account!.id);
    // A person taking over their plan ends interim plan managers' extra rights.
    events.circleChanged(planId);
    res.json({ planId });
  });
  return router;
}

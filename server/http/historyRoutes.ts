// REST routes for a plan's history (mounted at /api/plans/:planId/history): the timeline, the plan as it was at an
// entry, the chain check and exports. Members only; thin: validate, check, call the named operation.

import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { historyQuerySchema, historyVerifyQuerySchema } from '../../shared/history.js';
import { can } from '../../shared/permissions.js';
import { planAccessOf, requireMember } from '../circle/circleOperations.js';
import { errors } from '../errors.js';
import { historyCsv, type PlanHistories } from '../history/historyOperations.js';
import { getPlan } from '../plans/planOperations.js';
import type { CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const planIdOf = (req: Request) => String((req.params as Record<string, string | undefined>).planId);
const seqSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function historyRoutes(store: PlanStore, circles: CircleStore, histories: PlanHistories, rebuildLimit: RequestHandler): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAccount);
  /** The plan, for a member who may `action` in it. */
  const planFor = async (req: Request, action: 'viewPlan' | 'exportPlan') => {
    const plan = await getPlan(store, planIdOf(req));
    const circle = await circles.getCircle(plan.id);
    const member = requireMember(circle, req.account!.id);
    if (!can(member, action, planAccessOf(circle))) throw errors.notAllowed();
    return { ...plan, member };
  };

  router.get('/', async (req, res) => {
    const plan = await planFor(req, 'viewPlan');
    res.json(await histories.page(plan.id, parseOrThrow(historyQuerySchema, req.query)));
  });
  router.get('/authors', async (req, res) => {
    const plan = await planFor(req, 'viewPlan');
    res.json(await histories.authors(plan.id));
  });
  router.get('/verify', rebuildLimit, async (req, res) => {
    const plan = await planFor(req, 'viewPlan');
    const { anchor } = parseOrThrow(historyVerifyQuerySchema, req.query);
    res.json(await histories.verify(plan.id, anchor));
  });
  router.get('/export.json', rebuildLimit, async (req, res) => {
    const plan = await planFor(req, 'exportPlan');
    const entries = await histories.exportEntries(plan.id);
    await histories.recordExport(plan.id, plan.member.accountId, plan.member.role, { format: 'json' });
    res.attachment(`cylch-history-${plan.id}.json`);
    res.json({ plan: { id: plan.id, title: plan.title }, exportedAt: new Date().toISOString(), entries });
  });
  router.get('/export.csv', rebuildLimit, async (req, res) => {
    const plan = await planFor(req, 'exportPlan');
    const entries = await histories.exportEntries(plan.id);
    await histories.recordExport(plan.id, plan.member.accountId, plan.member.role, { format: 'csv' });
    res.attachment(`cylch-history-${plan.id}.csv`);
    res.type('text/csv; charset=utf-8').send(`\uFEFF${historyCsv(entries)}`);
  });
  router.get('/:seq/document', rebuildLimit, async (req, res) => {
    const plan = await planFor(req, 'viewPlan');
    res.json(await histories.documentAt(plan.id, parseOrThrow(seqSchema, req.params.seq)));
  });
  return router;
}

// REST routes for versions, comparison, restore and agreement (mounted at /api/plans/:planId): members only; thin:
// validate, check membership, call the named operation in server/history/planRecords.ts (which checks the rights).

import { Router, type Request, type RequestHandler } from 'express';
import { copyQuerySchema, type CopyFormat } from '../../shared/copies.js';
import { can } from '../../shared/permissions.js';
import { agreementRequestSchema, compareQuerySchema, newVersionSchema, restoreRequestSchema } from '../../shared/versions.js';
import { planAccessOf } from '../circle/circleOperations.js';
import { errors } from '../errors.js';
import type { PlanCopies } from '../exports/planCopies.js';
import type { PlanRecords } from '../history/planRecords.js';
import { planWithMember } from '../plans/planOperations.js';
import type { CircleStore, PlanStore } from '../storage/types.js';
import { requireAccount } from './sessions.js';
import { parseOrThrow } from './validate.js';

const planIdOf = (req: Request) => String((req.params as Record<string, string | undefined>).planId);

export function recordRoutes(store: PlanStore, circles: CircleStore, records: PlanRecords, copies: PlanCopies, rebuildLimit: RequestHandler): Router {
  // Only these paths: the plan's other routes (planRoutes) answer for themselves.
  const router = Router({ mergeParams: true });
  /** The plan and the asker's membership of it (404 for an unknown plan, 403 for someone not in its circle). */
  const memberOf = (req: Request) => planWithMember(store, circles, planIdOf(req), req.account!.id);

  router.get('/versions', requireAccount, async (req, res) => {
    const { plan } = await memberOf(req);
    res.json(await records.listVersions(plan.id));
  });
  router.post('/versions', requireAccount, async (req, res) => {
    const { plan, circle, member } = await memberOf(req);
    if (!can(member, 'saveVersion', planAccessOf(circle))) throw errors.notAllowed();
    const { name } = parseOrThrow(newVersionSchema, req.body);
    res.status(201).json(await records.saveVersion(plan.id, member, name));
  });
  router.get('/compare', requireAccount, rebuildLimit, async (req, res) => {
    const { plan } = await memberOf(req);
    res.json(await records.compare(plan.id, parseOrThrow(compareQuerySchema, req.query)));
  });
  router.post('/restore', requireAccount, rebuildLimit, async (req, res) => {
    const { plan } = await memberOf(req);
    res.json(await records.restore(plan.id, req.account!.id, parseOrThrow(restoreRequestSchema, req.body)));
  });
  // Copies to take away (the person's own words are never translated; the labels are in the language asked for).
  const MEDIA_TYPES: Record<CopyFormat, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
  router.get('/copies', requireAccount, async (req, res) => {
    const { plan } = await memberOf(req);
    res.json(await copies.list(plan.id));
  });
  for (const format of ['pdf', 'docx'] as const) {
    router.get(`/copy.${format}`, requireAccount, rebuildLimit, async (req, res) => {
      const { plan } = await memberOf(req);
      const query = parseOrThrow(copyQuerySchema, req.query);
      const { file, title } = await copies.make(plan.id, req.account!.id, format, query);
      res.attachment(`${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'plan'}.${format}`);
      res.type(MEDIA_TYPES[format]).send(file);
    });
  }
  router.get('/agreement', requireAccount, async (req, res) => {
    const { plan } = await memberOf(req);
    res.json(await records.agreementView(plan.id));
  });
  router.post('/agreement', requireAccount, async (req, res) => {
    const { plan } = await memberOf(req);
    res.status(201).json(await records.recordAgreement(plan.id, req.account!.id, parseOrThrow(agreementRequestSchema, req.body)));
  });
  return router;
}

// Named operations on plans. Routes, tests and scripts all call these; none of them touch the store directly.

import { randomBytes } from 'node:crypto';
import type { CreatePlanBody, PlanMeta } from '../../shared/schemas.js';
import { PLAN_ID_PATTERN } from '../../shared/schemas.js';
import { errors } from '../errors.js';
import type { PlanStore } from '../storage/types.js';

export async function createPlan(store: PlanStore, body: CreatePlanBody): Promise<PlanMeta> {
  const meta: PlanMeta = {
    id: randomBytes(16).toString('base64url'),
    jurisdiction: body.jurisdiction,
    title: body.title ?? null,
    language: body.language,
    createdAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  await store.createPlan(meta);
  return meta;
}

export async function getPlan(store: PlanStore, planId: string): Promise<PlanMeta> {
  if (!PLAN_ID_PATTERN.test(planId)) throw errors.invalidPlanId();
  const meta = await store.getPlanMeta(planId);
  if (meta === null) throw errors.planNotFound();
  return meta;
}

// Named operations on plans. Routes, tests and scripts all call these; none of them touch the store directly.

import { randomBytes } from 'node:crypto';
import type { CreatePlanBody, MyPlan, PlanMeta } from '../../shared/schemas.js';
import { PLAN_ID_PATTERN } from '../../shared/schemas.js';
import { addOwner } from '../circle/circleOperations.js';
import { errors } from '../errors.js';
import type { CircleStore, PlanStore } from '../storage/types.js';

/**
 * Start a plan. Someone signed in who starts a plan for themselves becomes its person: its owner, with every right.
 * (Starting one for someone else, with an invitation for them, comes with invitations.)
 */
export async function createPlan(store: PlanStore, body: CreatePlanBody, creator?: { circles: CircleStore; accountId: string }): Promise<PlanMeta> {
  const meta: PlanMeta = {
    id: randomBytes(16).toString('base64url'),
    jurisdiction: body.jurisdiction,
    title: body.title ?? null,
    language: body.language,
    createdAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  await store.createPlan(meta);
  if (creator) await addOwner(creator.circles, meta.id, creator.accountId, meta.createdAt);
  return meta;
}

/** The plans an account belongs to, with its part in each, newest first. Plans that cannot be read are left out. */
export async function myPlans(store: PlanStore, circles: CircleStore, accountId: string): Promise<MyPlan[]> {
  const mine: MyPlan[] = [];
  for (const { planId, member } of await circles.plansOf(accountId)) {
    const plan = await store.getPlanMeta(planId).catch(() => null);
    if (plan) mine.push({ plan, role: member.role, level: member.level, planManager: member.planManager });
  }
  return mine.sort((a, b) => b.plan.createdAt.localeCompare(a.plan.createdAt));
}

export async function getPlan(store: PlanStore, planId: string): Promise<PlanMeta> {
  if (!PLAN_ID_PATTERN.test(planId)) throw errors.invalidPlanId();
  const meta = await store.getPlanMeta(planId);
  if (meta === null) throw errors.planNotFound();
  return meta;
}

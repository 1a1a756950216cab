// Named operations on plans. Routes, tests and scripts all call these; none of them touch the store directly.

import { randomBytes } from 'node:crypto';
import type { CreatePlanAnswer, CreatePlanBody, MyPlan, PlanMeta } from '../../shared/schemas.js';
import { PLAN_ID_PATTERN } from '../../shared/schemas.js';
import { addCreator, requireMember } from '../circle/circleOperations.js';
import { errors } from '../errors.js';
import type { CircleStore, PlanStore } from '../storage/types.js';

/**
 * Start a plan. Someone who starts a plan for themselves becomes its person: its owner, with every right. A social
 * worker or advocate may start one for someone else: they act as interim plan manager, and the answer carries the
 * invitation link for the person, who owns the plan once they accept it.
 */
export async function createPlan(store: PlanStore, circles: CircleStore, accountId: string, body: CreatePlanBody): Promise<CreatePlanAnswer> {
  const now = new Date();
  const meta: PlanMeta = {
    id: randomBytes(16).toString('base64url'),
    jurisdiction: body.jurisdiction,
    title: body.title ?? null,
    language: body.language,
    createdAt: now.toISOString(),
    schemaVersion: 1,
  };
  await store.createPlan(meta);
  const { personInvitationToken } = await addCreator(circles, meta.id, accountId, now, body.forSomeoneElse);
  return personInvitationToken ? { ...meta, personInvitationLink: `/invitations/${personInvitationToken}` } : meta;
}

/**
 * The plans an account belongs to, with its part in each, when each is next due a review and how many comments and
 * suggestions wait in it, newest first. Plans that cannot be read are left out; a plan whose review dates cannot be
 * read shows none, and one whose discussion cannot be read shows null waiting.
 */
export async function myPlans(
  store: PlanStore,
  circles: CircleStore,
  accountId: string,
  about: {
    nextReviewOf: (planId: string) => Promise<string | null>;
    waitingOf: (planId: string) => Promise<MyPlan['waiting']>;
  },
): Promise<MyPlan[]> {
  const mine: MyPlan[] = [];
  for (const { planId, member } of await circles.plansOf(accountId)) {
    const plan = await store.getPlanMeta(planId).catch(() => null);
    if (!plan) continue;
    const nextReview = await about.nextReviewOf(planId).catch(() => null);
    const waiting = await about.waitingOf(planId).catch(() => null);
    mine.push({ plan, role: member.role, level: member.level, planManager: member.planManager, nextReview, waiting });
  }
  return mine.sort((a, b) => b.plan.createdAt.localeCompare(a.plan.createdAt));
}

/** A plan's metadata: 400 for an id that cannot be one, 404 for no such plan. Says nothing about who may see it. */
export async function getPlan(store: PlanStore, planId: string): Promise<PlanMeta> {
  if (!PLAN_ID_PATTERN.test(planId)) throw errors.invalidPlanId();
  const meta = await store.getPlanMeta(planId);
  if (meta === null) throw errors.planNotFound();
  return meta;
}

/** A plan's metadata for a member of its circle; anyone else is told they are not in it. */
export async function getPlanForMember(store: PlanStore, circles: CircleStore, planId: string, accountId: string): Promise<PlanMeta> {
  return (await planWithMember(store, circles, planId, accountId)).plan;
}

/** The plan, its circle and the asker's membership of it (404 for an unknown plan, 403 for someone not in its circle). */
export async function planWithMember(store: PlanStore, circles: CircleStore, planId: string, accountId: string) {
  const plan = await getPlan(store, planId);
  const circle = await circles.getCircle(plan.id);
  return { plan, circle, member: requireMember(circle, accountId) };
}

// Plans for the benchmarks, written straight into a data directory before the server starts.

import { randomBytes } from 'node:crypto';
import { hashToken } from '../server/accounts/accountOperations.js';
import { hashPassword } from '../server/accounts/passwords.js';
import { createLogger } from '../server/log.js';
import { createPlan } from '../server/plans/planOperations.js';
import { LowdbAccountStore } from '../server/storage/lowdb/lowdbAccountStore.js';
import { LowdbCircleStore } from '../server/storage/lowdb/lowdbCircleStore.js';
import { LowdbPlanStore } from '../server/storage/lowdb/lowdbPlanStore.js';
import { LIMITS } from '../shared/limits.js';
import { SECTION_IDS } from '../shared/sections.js';

const CREATE_CONCURRENCY = 16;

/** Run `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/** A seeded plan: its id, and each member's session cookie (the first member is the person). */
export interface SeededPlan {
  id: string;
  cookies: string[];
}

/**
 * The plans and their circles exist before the server starts, written through the stores: one address may only
 * start a few plans and accounts over HTTP (LIMITS), and the bench measures editing, not signing up. The person
 * starts each plan with the same operation the REST API uses, then the others join with edit rights, and the person
 * opens every section to the circle so each member can type in their own section.
 */
export async function seedPlans(dataDir: string, count: number, perPlan: number): Promise<SeededPlan[]> {
  const store = await LowdbPlanStore.open(dataDir, createLogger('silent'));
  const accounts = await LowdbAccountStore.open(dataDir);
  const circles = await LowdbCircleStore.open(dataDir);
  // One real scrypt hash serves every seeded account: nobody signs in with a password during the bench.
  const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
  const plans: SeededPlan[] = [];
  try {
    await inParallel(Array.from({ length: count }, (_, i) => i), CREATE_CONCURRENCY, async (p) => {
      const now = new Date();
      const accountIds: string[] = [];
      const cookies: string[] = [];
      for (let i = 0; i < perPlan; i++) {
        const id = randomBytes(16).toString('base64url');
        const token = randomBytes(32).toString('base64url');
        await accounts.createAccount({ id, displayName: `Member ${i + 1}`, email: `member${i + 1}.plan${p}@example.test`, passwordHash, createdAt: now.toISOString() });
        await accounts.createSession({ tokenHash: hashToken(token), accountId: id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + LIMITS.sessionLifetimeMs).toISOString() });
        accountIds.push(id);
        cookies.push(`cylch_session=${token}`);
      }
      const plan = await createPlan(store, circles, accountIds[0]!, { jurisdiction: 'england', language: 'en' });
      await circles.update(plan.id, (circle) => {
        for (const accountId of accountIds.slice(1)) {
          circle.members.push({ accountId, role: 'family', level: 'edit', planManager: false, addedAt: now.toISOString(), addedBy: accountIds[0]! });
        }
        circle.openSections = [...SECTION_IDS];
      });
      plans.push({ id: plan.id, cookies });
    });
  } finally {
    await store.close();
    await accounts.close();
    await circles.close();
  }
  return plans;
}


// What this browser remembers between visits: language, and the plans opened here. Only ids, titles and the law
// each follows: never plan content or who opened it. Works (forgetfully) when storage is blocked.

import { z } from 'zod';
import { JURISDICTIONS } from '../../shared/jurisdictions.js';
import { LIMITS } from '../../shared/limits.js';
import { PLAN_ID_PATTERN } from '../../shared/schemas.js';

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private browsing or storage turned off: the app still works, it just forgets.
  }
}

const rememberedPlanSchema = z.object({
  id: z.string().regex(PLAN_ID_PATTERN),
  title: z.string().nullable(),
  jurisdiction: z.enum(JURISDICTIONS),
  lastOpened: z.iso.datetime(),
});
export type RememberedPlan = z.infer<typeof rememberedPlanSchema>;

const PLANS_KEY = 'cylch.plans';

export function rememberedPlans(): RememberedPlan[] {
  try {
    const parsed = z.array(rememberedPlanSchema).safeParse(JSON.parse(readStored(PLANS_KEY) ?? '[]'));
    return parsed.success ? parsed.data.sort((a, b) => b.lastOpened.localeCompare(a.lastOpened)) : [];
  } catch {
    return [];
  }
}

export function rememberPlan(plan: Omit<RememberedPlan, 'lastOpened'>): void {
  const others = rememberedPlans().filter((p) => p.id !== plan.id);
  const next = [{ ...plan, lastOpened: new Date().toISOString() }, ...others].slice(0, LIMITS.maxRememberedPlans);
  writeStored(PLANS_KEY, JSON.stringify(next));
}


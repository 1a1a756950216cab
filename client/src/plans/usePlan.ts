// A plan's details, for the pages that show one (the plan, its history). The server answers only members:
// otherwise the error says why (notSignedIn, notInCircle, planNotFound…), for PlanUnavailable to show.

import { useEffect, useState } from 'react';
import type { PlanMeta } from '../../../shared/schemas.js';
import { ApiError, fetchPlan } from '../api.js';

export type PlanLoad = { state: 'loading' } | { state: 'ready'; plan: PlanMeta } | { state: 'failed'; error: string };

/** `onReady` (a stable function) runs once the plan is known to be open to this reader. */
export function usePlan(planId: string, onReady?: (plan: PlanMeta) => void): PlanLoad {
  const [loaded, setLoaded] = useState<{ planId: string; load: PlanLoad } | null>(null);
  useEffect(() => {
    let live = true;
    fetchPlan(planId).then(
      (plan) => {
        if (!live) return;
        setLoaded({ planId, load: { state: 'ready', plan } });
        onReady?.(plan);
      },
      (err: unknown) => live && setLoaded({ planId, load: { state: 'failed', error: err instanceof ApiError ? err.id : 'internal' } }),
    );
    return () => {
      live = false;
    };
  }, [planId, onReady]);
  // An answer about another plan (the address just changed) is not this plan's.
  return loaded?.planId === planId ? loaded.load : { state: 'loading' };
}

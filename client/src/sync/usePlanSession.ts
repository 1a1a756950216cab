// React glue for PlanSession: one session per mounted workspace, its snapshot as state, and a warning before
// the tab closes with changes that are not on the server's disk yet.

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { JoinIdentity } from '../../../shared/schemas.js';
import { PlanSession, type SessionSnapshot } from './planSession.js';

export function usePlanSession(planId: string, identity: JoinIdentity): { session: PlanSession | null; snapshot: SessionSnapshot | null } {
  const [session, setSession] = useState<PlanSession | null>(null);

  useEffect(() => {
    const created = new PlanSession(planId, identity);
    // The session is an outside resource (a socket): it is made in the effect that destroys it, because
    // React may mount twice; rendering it needs state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(created);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!created.hasUnsavedChanges) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers need this to show the prompt
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      created.destroy();
    };
  }, [planId, identity]);

  const snapshot = useSyncExternalStore(
    (listener) => (session ? session.subscribe(listener) : () => {}),
    () => (session ? session.getSnapshot() : null),
  );
  return { session, snapshot };
}

// React glue for PlanSession: one session per mounted workspace, its snapshot as state, and a warning before
// the tab closes with changes that are not on the server's disk yet. When the server refuses a change, the session
// and its copy of the plan are thrown away and the plan is opened afresh (a new Y.Doc, a new connection).

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Access } from '../../../shared/schemas.js';
import { PlanSession, type SessionSnapshot } from './planSession.js';

export function usePlanSession(planId: string): {
  session: PlanSession | null;
  snapshot: SessionSnapshot | null;
  /** True after the server refused a change and the plan was opened afresh, until `dismissRefusal`. */
  refused: boolean;
  dismissRefusal: () => void;
} {
  const [session, setSession] = useState<PlanSession | null>(null);
  // Counts fresh starts after a refusal; each one makes a new session (and a new Y.Doc).
  const [generation, setGeneration] = useState(0);
  const [refused, setRefused] = useState(false);
  // What the member could do, carried into the fresh session so the page does not blink while it reconnects.
  const carriedAccess = useRef<Access | null>(null);

  useEffect(() => {
    const created = new PlanSession(planId, {
      access: carriedAccess.current,
      onRefused: () => {
        carriedAccess.current = created.getSnapshot().access;
        setRefused(true);
        setGeneration((g) => g + 1);
      },
    });
    // The session is an outside resource (a socket): it is made in the effect that destroys it, because
    // React may mount twice; rendering it needs state.
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
  }, [planId, generation]);

  const snapshot = useSyncExternalStore(
    (listener) => (session ? session.subscribe(listener) : () => {}),
    () => (session ? session.getSnapshot() : null),
  );
  return { session, snapshot, refused, dismissRefusal: () => setRefused(false) };
}

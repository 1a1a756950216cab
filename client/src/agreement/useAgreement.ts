// Who agrees with the plan, as the server says: fetched when the plan opens, a moment after its text changes (an
// agreement given before a change is then "for an earlier version"), and whenever the server says the record changed
// (MessageType.recordChanged: someone agreed, disagreed, signed off, saved a version or restored).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgreementView } from '../../../shared/versions.js';
import { errorKey, fetchAgreement } from '../api.js';
import type { PlanSession } from '../sync/planSession.js';

const AFTER_CHANGE_MS = 1000;

export interface Agreement {
  view: AgreementView | null;
  /** The i18n key of why it could not be fetched, or null. */
  error: string | null;
  refresh: () => void;
}

export function useAgreement(planId: string, session: PlanSession | null): Agreement {
  const [view, setView] = useState<AgreementView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    let busy = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time; a change during it asks again after it, so the last answer is never stale.
    const fetchNow = () => {
      if (busy) return void (again = true);
      busy = true;
      fetchAgreement(planId)
        .then(
          (answer) => {
            if (!live) return;
            setView(answer);
            setError(null);
          },
          (err: unknown) => live && setError(errorKey(err)),
        )
        .finally(() => {
          busy = false;
          if (again && live) {
            again = false;
            fetchNow();
          }
        });
    };
    load.current = fetchNow;
    fetchNow();
    const afterChange = () => {
      clearTimeout(timer);
      timer = setTimeout(fetchNow, AFTER_CHANGE_MS);
    };
    session?.doc.on('update', afterChange);
    const stopListening = session?.onRecordChanged(fetchNow);
    return () => {
      live = false;
      clearTimeout(timer);
      session?.doc.off('update', afterChange);
      stopListening?.();
    };
  }, [planId, session]);

  const refresh = useCallback(() => load.current(), []);
  return { view, error, refresh };
}

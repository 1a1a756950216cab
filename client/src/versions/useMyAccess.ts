// What I may do in a plan, for pages without a live connection (versions, compare): asked once from the circle.
// Only used to decide what to offer; the server checks every request again.

import { useEffect, useState } from 'react';
import type { Access } from '../../../shared/schemas.js';
import { fetchCircle } from '../api.js';

export function useMyAccess(planId: string, enabled: boolean): Access | null {
  const [me, setMe] = useState<{ planId: string; access: Access } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // Failing is not worth a message of its own: the page then offers only what everyone may do.
    fetchCircle(planId).then(
      (answer) => live && setMe({ planId, access: answer.me }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [planId, enabled]);
  return me?.planId === planId ? me.access : null;
}

// The plan's circle as the page shows it: fetched when the workspace opens and again whenever the server says this
// member's rights changed (a new access message), and replaced by the answer to every change made here.

import { useCallback, useEffect, useState } from 'react';
import type { Access, CircleAnswer } from '../../../shared/schemas.js';
import { fetchCircle } from '../api.js';

export function useCircle(
  planId: string,
  access: Access | null,
  /** Told of the rights in each answer, so the editors follow at once. */
  onAccess: (me: Access) => void,
): { circle: CircleAnswer | null; applyAnswer: (answer: CircleAnswer) => void } {
  const [circle, setCircle] = useState<CircleAnswer | null>(null);

  useEffect(() => {
    if (!access) return;
    let live = true;
    // Failing here is not worth a message of its own: the live connection says if access has gone.
    fetchCircle(planId).then(
      (answer) => live && setCircle(answer),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [planId, access]);

  const applyAnswer = useCallback(
    (answer: CircleAnswer) => {
      setCircle(answer);
      onAccess(answer.me);
    },
    [onAccess],
  );
  return { circle, applyAnswer };
}

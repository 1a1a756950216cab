// The save state, always visible. Screen readers hear it politely, and only once it settles: never
// "Saving…" on every keystroke.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloseCodeName } from '../../../shared/closeCodes.js';
import type { SaveState } from '../../../shared/saveState.js';

const SETTLE_MS = 1500;

export function SaveStatus({ state, interruptedBecause }: { state: SaveState; interruptedBecause: CloseCodeName | null }) {
  const { t } = useTranslation();
  const [announced, setAnnounced] = useState('');
  const text = t(`save.${state}`);

  useEffect(() => {
    if (state === 'saving' || state === 'connecting') return;
    const timer = setTimeout(() => setAnnounced(text), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [state, text]);

  return (
    <div className={`save-status save-${state}`} data-save-state={state}>
      <p aria-hidden="true">
        <span className="save-dot" /> {text}
      </p>
      {interruptedBecause && state !== 'saved' && state !== 'saving' && (
        <p className="hint" aria-hidden="true">
          {t(`close.${interruptedBecause}`)}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}

// The save state, always visible and readable where it is. Screen readers are also told, politely, when it
// settles on something new: never "Saving…" on every keystroke, and not "All changes saved" after every pause.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloseCodeName } from '../../../shared/closeCodes.js';
import type { SaveState } from '../../../shared/saveState.js';

/** How long a state must hold before it is announced. */
const SETTLE_MS = 1500;
/** How long an announcement stays in the live region: long enough to be read out, then cleared so reading the
 * page line by line does not meet it a second time after the visible status. */
const ANNOUNCEMENT_MS = 5000;

export function SaveStatus({ state, interruptedBecause }: { state: SaveState; interruptedBecause: CloseCodeName | null }) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const lastAnnounced = useRef<string | null>(null);
  const text = t(`save.${state}`);
  const hint = interruptedBecause && state !== 'saved' && state !== 'saving' ? t(`close.${interruptedBecause}`) : null;
  const message = hint ? `${text} ${hint}` : text;

  useEffect(() => {
    if (state === 'saving' || state === 'connecting') return;
    if (message === lastAnnounced.current) return;
    const timer = setTimeout(() => {
      lastAnnounced.current = message;
      setAnnouncement(message);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [state, message]);

  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(''), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [announcement]);

  return (
    <div className={`save-status save-${state}`} data-save-state={state}>
      <p>
        <span className="save-dot" aria-hidden="true" /> {text}
      </p>
      {hint && <p className="hint">{hint}</p>}
      <p className="visually-hidden" role="status" aria-live="polite" data-save-announcement="">
        {announcement}
      </p>
    </div>
  );
}

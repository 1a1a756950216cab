// A restore button with a confirmation step: saying first that a restore is a new change and nothing is lost.
// The server decides whether the restore is allowed (403 sectionNotYours when it would change a section the member
// may not edit); a refusal is said here, next to the button that was pressed.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionId } from '../../../shared/sections.js';
import type { RestoreResult } from '../../../shared/versions.js';
import { errorKey, restorePlan } from '../api.js';

export function RestoreAction(props: {
  planId: string;
  /** Restore to the plan as it was just after this history entry. */
  seq: number;
  /** One section, or (left out) the whole plan. */
  sectionId?: SectionId;
  /** Unique on the page, for ids. */
  idBase: string;
  label: string;
  /** What the restore will do, asked before it is done. */
  confirmText: string;
  /** Ids of what names the thing restored (a version's heading, a section's), for the button's description. */
  describedBy?: string;
  onRestored: (result: RestoreResult) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);

  /** Set when the confirmation closes without a restore: focus goes back to the button that opened it. */
  const backToTrigger = useRef(false);
  useEffect(() => {
    if (confirming) yes.current?.focus();
    else if (backToTrigger.current) {
      backToTrigger.current = false;
      trigger.current?.focus();
    }
  }, [confirming]);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await restorePlan(props.planId, props.sectionId ? { seq: props.seq, sectionId: props.sectionId } : { seq: props.seq });
      setConfirming(false);
      props.onRestored(result);
    } catch (err) {
      setError(errorKey(err));
      backToTrigger.current = true;
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const confirmId = `${props.idBase}-confirm`;
  return (
    <div className="restore-action">
      {!confirming && (
        <button type="button" ref={trigger} onClick={() => setConfirming(true)} aria-describedby={props.describedBy}>
          {props.label}
        </button>
      )}
      {confirming && (
        <div role="group" aria-labelledby={confirmId} className="confirm restore-confirm">
          <p id={confirmId}>{props.confirmText}</p>
          <button type="button" className="primary" ref={yes} disabled={busy} onClick={() => void restore()}>
            {busy ? t('restore.busy') : t('restore.yes')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              backToTrigger.current = true;
              setConfirming(false);
            }}
          >
            {t('restore.no')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

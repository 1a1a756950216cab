// Shown when the server ended the connection for good: what happened, in plain words, what to do next, and a way
// to keep what is on this page (the latest words may not have reached the server) before reloading. Someone who
// lost their place in the circle is not offered the plan's text: it is no longer theirs to take.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloseCodeName } from '../../../shared/closeCodes.js';
import { withNext } from '../router.js';

/** Reasons after which the page no longer shows the plan at all. */
export const LOST_ACCESS: ReadonlySet<CloseCodeName> = new Set(['removedFromCircle', 'notInCircle']);

export function ConnectionProblem({ reason, planText }: { reason: CloseCodeName; planText: () => string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<{ state: 'idle' } | { state: 'copied' } | { state: 'manual'; text: string }>({ state: 'idle' });
  useEffect(() => ref.current?.focus(), []);

  const copyPlan = async () => {
    const text = planText();
    try {
      await navigator.clipboard.writeText(text);
      setCopy({ state: 'copied' });
    } catch {
      setCopy({ state: 'manual', text }); // no clipboard: show the text to select and copy by hand
    }
  };

  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref}>
      <p>{t(`close.${reason}`)}</p>
      <p className="actions">
        {!LOST_ACCESS.has(reason) && (
          <button type="button" onClick={() => void copyPlan()}>
            {t('close.copyPlan')}
          </button>
        )}
        {reason === 'notSignedIn' ? (
          <a href={withNext('/sign-in', window.location.pathname)}>{t('account.signIn')}</a>
        ) : (
          !LOST_ACCESS.has(reason) && (
            <button type="button" onClick={() => window.location.reload()}>
              {t('close.reload')}
            </button>
          )
        )}
        <a href="/">{t('close.home')}</a>
      </p>
      <p role="status">{copy.state === 'copied' ? t('close.copied') : ''}</p>
      {copy.state === 'manual' && (
        <label className="field">
          {t('close.copyByHand')}
          <textarea readOnly rows={8} value={copy.text} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}

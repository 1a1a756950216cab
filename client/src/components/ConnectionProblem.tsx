// Shown when the server ended the connection for good: what happened, in plain words, and what to do next.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloseCodeName } from '../../../shared/closeCodes.js';

export function ConnectionProblem({ reason }: { reason: CloseCodeName }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref}>
      <p>{t(`close.${reason}`)}</p>
      <p className="actions">
        <button type="button" onClick={() => window.location.reload()}>
          {t('close.reload')}
        </button>
        <a href="/">{t('close.home')}</a>
      </p>
    </div>
  );
}

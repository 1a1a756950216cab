// Shown when the server refused a change from this page (changeRefused): the page has thrown its copy away and
// shows the plan as it is saved. Polite, and closed with one button.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function RefusalNotice({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The section being typed in was replaced: start again from here, where the reason is.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="notice" role="status" tabIndex={-1} ref={ref}>
      <p>{t('close.changeRefused')}</p>
      <button type="button" onClick={onDismiss}>
        {t('plan.dismiss')}
      </button>
    </div>
  );
}

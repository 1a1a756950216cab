// Shown for an address the app does not know.

import { useTranslation } from 'react-i18next';
import { focusIfArrived } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.heading'));
  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('notFound.heading')}
      </h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('close.home')}</a>
      </p>
    </div>
  );
}

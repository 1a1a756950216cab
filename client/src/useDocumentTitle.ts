// Keeps the browser tab's title in step with the page, which is what screen readers announce first.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}

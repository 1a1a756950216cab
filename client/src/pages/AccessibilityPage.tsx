// The accessibility statement: what Cylch is built and tested to do, what is known not to work yet, and how to ask
// for the plan in another format. Every word comes from the English and Welsh catalogues.

import { useTranslation } from 'react-i18next';
import { focusIfArrived } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

/** Sections of the statement, each a heading and a list (their items are catalogue arrays). */
const PARTS = ['tested', 'gaps', 'otherFormats', 'problems'] as const;

export function AccessibilityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessibility.heading'));
  return (
    <div className="page narrow accessibility-page">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('accessibility.heading')}
      </h1>
      <p className="lead">{t('accessibility.intro')}</p>
      {PARTS.map((part) => (
        <section key={part} aria-labelledby={`accessibility-${part}`}>
          <h2 id={`accessibility-${part}`}>{t(`accessibility.${part}.heading`)}</h2>
          <ul>
            {(t(`accessibility.${part}.items`, { returnObjects: true }) as string[]).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="meta">{t('accessibility.reviewed')}</p>
    </div>
  );
}

// The "Show who wrote what" switch and, while it is on, the legend: each author's colour, name and role.

import { useTranslation } from 'react-i18next';
import { authorName, type Authorship } from './useAuthorship.js';

export function AuthorshipPanel({ authorship }: { authorship: Authorship }) {
  const { t } = useTranslation();
  const { on, index, error } = authorship;
  return (
    <section className="authorship" aria-labelledby="authorship-heading">
      <h2 id="authorship-heading">{t('authorship.heading')}</h2>
      <button type="button" aria-pressed={on} onClick={authorship.toggle} aria-describedby="authorship-hint">
        {t('authorship.toggle')}
      </button>
      <p className="hint" id="authorship-hint">
        {t('authorship.hint')}
      </p>
      <div role="status">
        {on && error && <p className="error">{t('authorship.failed', { reason: t(error) })}</p>}
        {on && !index && !error && <p>{t('authorship.loading')}</p>}
      </div>
      {on && index && (
        <ul className="authorship-legend" aria-label={t('authorship.legend')}>
          {[...index.authors]
            .sort((a, b) => a.displayName.localeCompare(b.displayName))
            .map((author) => (
              <li key={author.accountId}>
                <span className={`author-swatch author-c${author.colorIndex}`} aria-hidden="true" />
                <span>
                  {authorName(author.displayName, t)}
                  <span className="meta"> · {t(`roles.${author.role}`)}</span>
                </span>
              </li>
            ))}
          <li>
            <span className="author-swatch author-unknown" aria-hidden="true" />
            <span>{t('authorship.notRecorded')}</span>
          </li>
        </ul>
      )}
    </section>
  );
}

// English / Cymraeg. Each option is named in its own language, and marked with it for screen readers.

import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/jurisdictions.js';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switcher" aria-label={t('language.label')}>
      <ul>
        {LANGUAGES.map((lng) => (
          <li key={lng}>
            <button
              type="button"
              lang={lng}
              aria-pressed={i18n.language === lng}
              onClick={() => void i18n.changeLanguage(lng)}
            >
              {t(`language.${lng}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

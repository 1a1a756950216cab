// English / Cymraeg. Each option is named in its own language, and marked with it for screen readers. The choice is
// remembered on this device and, when someone is signed in, with their account.

import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/jurisdictions.js';
import { useAccount } from '../account.js';
import { savePreferences } from '../api.js';

/** Switch the pages' language: remembered on this device (i18n.ts), and with the account so it follows the person. */
export function useChooseLanguage(): (language: Language) => void {
  const { i18n } = useTranslation();
  const { state } = useAccount();
  return (language) => {
    void i18n.changeLanguage(language);
    if (state.status === 'signedIn') void savePreferences({ language }).catch(() => {});
  };
}

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const choose = useChooseLanguage();
  return (
    <nav className="language-switcher" aria-label={t('language.label')}>
      <ul>
        {LANGUAGES.map((lng) => (
          <li key={lng}>
            <button
              type="button"
              lang={lng}
              aria-pressed={i18n.language === lng}
              onClick={() => choose(lng)}
            >
              {t(`language.${lng}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

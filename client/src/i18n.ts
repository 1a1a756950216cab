// i18next set up with the shared English and Welsh catalogues. The choice is remembered on this device and
// sets the page's lang attribute, so screen readers use the right voice.

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../../shared/i18n/index.js';
import { LANGUAGES, type Language } from '../../shared/jurisdictions.js';
import { readStored, writeStored } from './storage.js';

const LANGUAGE_KEY = 'cylch.language';

function initialLanguage(): Language {
  const stored = readStored(LANGUAGE_KEY);
  if (stored === 'en' || stored === 'cy') return stored;
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('cy')) ? 'cy' : 'en';
}

export async function setUpI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: catalogues.en }, cy: { translation: catalogues.cy } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes; we never render translations as HTML
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    writeStored(LANGUAGE_KEY, lng);
  });
}

// "Display" in the header: text size, contrast and easy read, changed at once and remembered — on this device, and
// with the account when someone is signed in (so they follow the person to another computer or phone). DisplaySync
// brings a signed-in person's saved choices (language too) to this device when they sign in.

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, type Contrast, type TextSize } from '../../../shared/preferences.js';
import { useAccount } from '../account.js';
import { savePreferences } from '../api.js';
import { RadioGroup } from '../components/RadioGroup.js';
import { isDefaultDisplay, setDisplay, useDisplay, type Display } from './display.js';

export function DisplaySettings() {
  const { t } = useTranslation();
  const display = useDisplay();
  const { state } = useAccount();
  const signedIn = state.status === 'signedIn';
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState('');
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // Escape, from anywhere in the open panel, closes it and puts focus back on its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !panel.current?.contains(document.activeElement)) return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const change = (update: Partial<Display>) => {
    setDisplay(update);
    if (!signedIn) {
      setSaved(t('display.keptHere'));
      return;
    }
    savePreferences(update).then(
      () => setSaved(t('display.keptWithAccount')),
      () => setSaved(t('display.keptHereOnly')),
    );
  };

  return (
    <div className="display-settings">
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open);
          setSaved('');
        }}
      >
        {t('display.button')}
      </button>
      <div id={panelId} className="display-panel" hidden={!open} ref={panel}>
        <RadioGroup<TextSize>
          name="text-size"
          legend={t('display.textSize')}
          options={TEXT_SIZES.map((value) => ({ value, label: t(`display.size.${value}`) }))}
          value={display.textSize}
          onChange={(textSize) => change({ textSize })}
        />
        <RadioGroup<Contrast>
          name="contrast"
          legend={t('display.contrast')}
          options={[
            { value: 'standard', label: t('display.contrastStandard') },
            { value: 'high', label: t('display.contrastHigh'), hint: t('display.contrastHighHint') },
          ]}
          value={display.contrast}
          onChange={(contrast) => change({ contrast })}
        />
        <div className="choice">
          <input
            type="checkbox"
            id="easy-read"
            checked={display.easyRead}
            aria-describedby="easy-read-hint"
            onChange={(e) => change({ easyRead: e.target.checked })}
          />
          <label htmlFor="easy-read">{t('display.easyRead')}</label>
          <span className="hint" id="easy-read-hint">
            {t('display.easyReadHint')}
          </span>
        </div>
        <p role="status" className="hint">
          {saved}
        </p>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            toggle.current?.focus();
          }}
        >
          {t('display.close')}
        </button>
      </div>
    </div>
  );
}

/** When someone signs in here: their saved language and display come with them (or, if they have never chosen a
 * display and chose one on this device before signing in, that choice is kept with the account). */
export function DisplaySync() {
  const { state } = useAccount();
  const { i18n } = useTranslation();
  const display = useDisplay();
  const synced = useRef<string | null>(null);
  useEffect(() => {
    if (state.status !== 'signedIn') {
      synced.current = null;
      return;
    }
    if (synced.current === state.account.id) return;
    synced.current = state.account.id;
    const { language, ...saved } = state.account.preferences;
    if (isDefaultDisplay(saved) && !isDefaultDisplay(display)) void savePreferences(display).catch(() => {});
    else setDisplay(saved);
    if (language && language !== i18n.language) void i18n.changeLanguage(language);
  }, [state, display, i18n]);
  return null;
}

// "Read aloud" for one section: the browser's own speech (the Web Speech API), in the page's language — a Welsh
// voice when the device has one (voices are named by BCP 47 tags: cy, cy-GB), else the device's default voice,
// and the page says so. Pressing it again stops. Nothing is sent anywhere: the words are spoken on this device.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The best voice for a language: its own region's, then any of the language's, else none (the default voice). */
function voiceFor(language: string): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  const wanted = language === 'cy' ? ['cy-GB', 'cy'] : ['en-GB', 'en'];
  for (const tag of wanted) {
    const voice = voices.find((v) => v.lang.toLowerCase() === tag.toLowerCase()) ?? voices.find((v) => v.lang.toLowerCase().startsWith(`${tag.toLowerCase()}-`));
    if (voice) return voice;
  }
  return null;
}

export function ReadAloud(props: { idBase: string; label: string; text: () => string }) {
  const { t, i18n } = useTranslation();
  const [speaking, setSpeaking] = useState(false);
  const [note, setNote] = useState('');
  const utterance = useRef<SpeechSynthesisUtterance | null>(null);
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

  // Leaving the page (or the section going away) stops the voice.
  useEffect(
    () => () => {
      if (utterance.current) window.speechSynthesis.cancel();
    },
    [],
  );

  if (!supported) return null;

  const toggle = () => {
    if (speaking) {
      window.speechSynthesis.cancel();
      setSpeaking(false);
      return;
    }
    const language = i18n.language === 'cy' ? 'cy' : 'en';
    const spoken = new SpeechSynthesisUtterance(props.text());
    spoken.lang = language === 'cy' ? 'cy-GB' : 'en-GB';
    const voice = voiceFor(language);
    if (voice) spoken.voice = voice;
    setNote(!voice && language === 'cy' ? t('readAloud.noWelshVoice') : '');
    spoken.onend = () => setSpeaking(false);
    spoken.onerror = () => setSpeaking(false);
    utterance.current = spoken;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(spoken);
    setSpeaking(true);
  };

  return (
    <span className="read-aloud">
      <button type="button" onClick={toggle} aria-describedby={`${props.idBase}-read-aloud-what`}>
        {speaking ? t('readAloud.stop') : t('readAloud.button')}
      </button>
      <span className="visually-hidden" id={`${props.idBase}-read-aloud-what`}>
        {props.label}
      </span>
      {note && (
        <span className="hint" role="status">
          {note}
        </span>
      )}
    </span>
  );
}

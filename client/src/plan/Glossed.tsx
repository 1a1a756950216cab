// Text with its jargon explained: each glossary term (shared/glossary.ts) becomes a small button that shows its plain
// meaning on hover or focus, and on a tap for touch screens. The meaning is tied to the button (aria-describedby), so
// a screen reader says it when the term is reached; it stays while the pointer is over it and Escape dismisses it
// (WCAG 1.4.13, content on hover or focus).

import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { findTerms, type GlossaryId } from '../../../shared/glossary.js';

export function Glossed({ text }: { text: string }) {
  const { i18n } = useTranslation();
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of findTerms(text, i18n.language)) {
    if (match.start > at) parts.push(text.slice(at, match.start));
    parts.push(<Term key={`${match.id}-${match.start}`} id={match.id} words={text.slice(match.start, match.end)} />);
    at = match.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * The jargon in a field's label, explained beside it: a form label cannot hold a button, so each term in `label`
 * (and not already explained in the field's hint, `hint`) gets a small "What does “direct payment” mean?" button
 * after it, with the meaning shown and read the same way as in prompts.
 */
export function LabelTerms({ label, hint }: { label: string; hint?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const inHint = new Set(hint ? findTerms(hint, i18n.language).map((m) => m.id) : []);
  const seen = new Set<GlossaryId>();
  const terms = findTerms(label, i18n.language).filter((m) => !inHint.has(m.id) && !seen.has(m.id) && seen.add(m.id));
  if (terms.length === 0) return null;
  return (
    <span className="label-terms">
      {terms.map((m) => (
        <Term key={m.id} id={m.id} words={t('glossary.whatDoes', { term: label.slice(m.start, m.end) })} />
      ))}
    </span>
  );
}

function Term(props: { id: GlossaryId; words: string }) {
  const { t } = useTranslation();
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const shown = open && !dismissed;
  return (
    <span className="glossary" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="glossary-term"
        aria-describedby={tipId}
        aria-expanded={shown}
        onFocus={() => {
          setOpen(true);
          setDismissed(false);
        }}
        onBlur={() => setOpen(false)}
        onClick={() => {
          setOpen(true);
          setDismissed(shown);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && shown) {
            e.stopPropagation();
            setDismissed(true);
          }
        }}
      >
        {props.words}
      </button>
      <span role="tooltip" id={tipId} className={shown ? 'glossary-tip shown' : 'glossary-tip'}>
        <strong>{t(`glossary.${props.id}.term`)}:</strong> {t(`glossary.${props.id}.meaning`)}
      </span>
    </span>
  );
}

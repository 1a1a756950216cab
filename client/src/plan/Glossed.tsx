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

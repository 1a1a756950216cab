// After a social worker or advocate starts a plan for someone else: the link to give the person (they own the plan
// once they accept it), and the way into the plan meanwhile.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from './Link.js';

export function StartedForSomeone(props: { planId: string; title: string | null; link: string }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const title = props.title ?? t('home.untitled');
  const heading = useRef<HTMLHeadingElement>(null);
  // Announced like a new page (the form that was used stays below, ready for another plan).
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.link);
      setMessage(t('circle.linkCopied'));
    } catch {
      setMessage(t('circle.copyByHand'));
    }
  };

  return (
    <section aria-labelledby="started-heading" className="card started">
      <h2 id="started-heading" tabIndex={-1} ref={heading}>
        {t('home.startedHeading', { title })}
      </h2>
      <p>{t('home.startedIntro')}</p>
      <div className="field">
        <label htmlFor="person-link">{t('home.personLinkLabel')}</label>
        <span className="hint" id="person-link-hint">
          {t('home.personLinkHint')}
        </span>
        <input id="person-link" type="text" readOnly value={props.link} aria-describedby="person-link-hint" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()}>
          {t('circle.copyLink')}
        </button>
      </div>
      <p role="status">{message}</p>
      <p>
        <Link href={`/plans/${props.planId}`}>{t('home.openStarted', { title })}</Link>
      </p>
    </section>
  );
}

// The whole plan as it was just after one history entry, read only. By default with what changed since marked in it
// (HistoryChangesSince); switched off, exactly as it was: rebuilt from the server's record into a Y.Doc of our own
// (no connection to the live plan), each section drawn as plain elements.

import { fromBase64 } from 'lib0/buffer';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { HistoryItem } from '../../../shared/history.js';
import { sectionFieldName } from '../../../shared/protocol.js';
import { SECTIONS } from '../../../shared/sections.js';
import { errorKey, fetchPlanAt } from '../api.js';
import { asItWasHeading } from '../history/historyTime.js';
import { HistoryChangesSince } from './HistoryChangesSince.js';
import { hasText, StaticContent } from './StaticSection.js';

type Load = { state: 'loading' } | { state: 'ready'; doc: Y.Doc } | { state: 'failed'; error: string };

export function HistoryPlanAsItWas(props: { planId: string; item: HistoryItem; sentence: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { planId, item } = props;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [showChanges, setShowChanges] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);

  // Arriving here, a screen reader hears which moment this is.
  useEffect(() => heading.current?.focus(), []);

  // The plan exactly as it was is rebuilt only once asked for (the comparison already carries it, marked), then kept.
  const [wantDoc, setWantDoc] = useState(false);
  useEffect(() => {
    if (!wantDoc) return;
    let live = true;
    let doc: Y.Doc | null = null;
    fetchPlanAt(planId, item.lastSeq).then(
      (answer) => {
        if (!live) return;
        doc = new Y.Doc({ gc: false });
        Y.applyUpdate(doc, fromBase64(answer.update));
        setLoad({ state: 'ready', doc });
      },
      (err: unknown) => live && setLoad({ state: 'failed', error: errorKey(err) }),
    );
    return () => {
      live = false;
      doc?.destroy();
    };
  }, [planId, item.lastSeq, wantDoc]);

  const toggle = () => {
    if (showChanges) setWantDoc(true);
    setShowChanges(!showChanges);
  };

  const back = (
    <button type="button" onClick={props.onBack}>
      {t('history.backToTimeline')}
    </button>
  );
  return (
    <section className="as-it-was" aria-labelledby="as-it-was-heading">
      <h2 id="as-it-was-heading" tabIndex={-1} ref={heading}>
        {asItWasHeading(item.until, i18n.language, t)}
      </h2>
      <p className="meta">{t('history.asItWasAfter', { sentence: props.sentence })}</p>
      <p>{back}</p>
      <div className="changes-toggle">
        <button type="button" aria-pressed={showChanges} aria-describedby="changes-since-hint" onClick={toggle}>
          {t('history.showChangesSince')}
        </button>
        <p className="hint" id="changes-since-hint">
          {t('history.changesSinceHint')}
        </p>
      </div>
      {showChanges && <HistoryChangesSince planId={planId} seq={item.lastSeq} />}
      {!showChanges && load.state === 'loading' && <p role="status">{t('history.asItWasLoading')}</p>}
      {!showChanges && load.state === 'failed' && (
        <p className="error" role="alert">
          {t(load.error)}
        </p>
      )}
      {!showChanges &&
        load.state === 'ready' &&
        SECTIONS.map((section, index) => {
          const fragment = load.doc.getXmlFragment(sectionFieldName(section.id));
          const headingId = `as-it-was-${section.id}`;
          return (
            <section key={section.id} className="plan-section as-it-was-section" aria-labelledby={headingId}>
              <h3 id={headingId}>
                <span className="section-number">{index + 1}.</span> {t(`sections.${section.id}.heading`)}
              </h3>
              {hasText(fragment) ? (
                <div className="static-section" data-section={section.id}>
                  <StaticContent fragment={fragment} />
                </div>
              ) : (
                <p className="meta" data-section={section.id}>
                  {t('history.sectionEmpty')}
                </p>
              )}
            </section>
          );
        })}
      {(showChanges || load.state === 'ready') && <p>{back}</p>}
    </section>
  );
}

// The meeting's agenda: the plan's sections in order, the current one marked (aria-current="step" and the words
// "now"), each item opening with the person's own words (their "What matters to me" outcomes) and a way to the
// section itself. Whoever may steer has the timer's buttons and "Previous" / "Next item"; before moving on, "Next
// item" asks "Pause — does Sam agree?" (focus goes to the question, and back to "Next item" after the answer).

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGENDA, type Meeting, type MeetingChange } from '../../../shared/meeting.js';
import { DATA_PARTS, readOutcomes } from '../../../shared/planData.js';
import { usePartJson } from '../plan/usePart.js';
import { MeetingTimer } from './MeetingTimer.js';

export function MeetingRunner(props: {
  meeting: Meeting;
  doc: Y.Doc;
  personName: string | null;
  maySteer: boolean;
  onChange: (change: MeetingChange) => Promise<void>;
  itemName: (index: number) => string;
}) {
  const { t } = useTranslation();
  const { meeting, maySteer, itemName } = props;
  const outcomes = readOutcomes(usePartJson(props.doc, DATA_PARTS.outcomes.root)).filter((o) => o.text.trim() !== '');
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const itemHeading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef(false);
  const current = meeting.current;
  const last = AGENDA.length - 1;
  const sectionId = AGENDA[current]!;

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  // After the answer, back to "Next item" (marked unavailable rather than disabled at the end, so focus can stay on it).
  useEffect(() => {
    if (!focusAfter.current || asking) return;
    focusAfter.current = false;
    next.current?.focus();
  }, [asking]);

  const move = (to: number) => {
    // Each item gets its own time: a timer that has run starts again from zero on the next one.
    const reset = meeting.timer.elapsedMs > 0 || meeting.timer.runningSince !== null;
    return props.onChange(reset ? { current: to, timer: 'reset' } : { current: to });
  };
  const agrees = props.personName ? t('meeting.pauseQuestion', { name: props.personName }) : t('meeting.pauseQuestionNoName');

  return (
    <div className="meeting-runner">
      <h3>{t('meeting.agenda')}</h3>
      <ol className="meeting-agenda">
        {AGENDA.map((id, index) => (
          <li key={id} aria-current={index === current ? 'step' : undefined} className={index === current ? 'meeting-now' : undefined}>
            {itemName(index)}
            {index === current && <span className="badge">{t('meeting.now')}</span>}
          </li>
        ))}
      </ol>
      <div className="meeting-item">
        <h3 ref={itemHeading} tabIndex={-1}>
          {t('meeting.item', { number: current + 1, total: AGENDA.length, name: itemName(current) })}
        </h3>
        <h4>{props.personName ? t('meeting.ownWords', { name: props.personName }) : t('meeting.ownWordsNoName')}</h4>
        {outcomes.length === 0 ? (
          <p className="meta">{t('meeting.noOutcomes')}</p>
        ) : (
          <ul className="meeting-outcomes">
            {outcomes.map((o) => (
              <li key={o.id}>{o.text}</li>
            ))}
          </ul>
        )}
        <p>
          <a href={`#section-${sectionId}`}>{t('meeting.goToSection', { name: itemName(current) })}</a>
        </p>
        <MeetingTimer timer={meeting.timer} maySteer={maySteer} onChange={(change) => void props.onChange(change)} />
        {maySteer && !asking && (
          <div className="meeting-steer">
            <button type="button" aria-disabled={current === 0 || undefined} onClick={() => current > 0 && void move(current - 1)}>
              {t('meeting.previous')}
            </button>
            <button type="button" className="primary" ref={next} aria-disabled={current === last || undefined} onClick={() => current < last && setAsking(true)}>
              {t('meeting.next')}
            </button>
          </div>
        )}
        {maySteer && asking && (
          <div className="meeting-pause" role="group" aria-labelledby="meeting-pause-question">
            <p id="meeting-pause-question" ref={question} tabIndex={-1} className="meeting-question">
              {agrees}
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => {
                focusAfter.current = true;
                setAsking(false);
                void move(current + 1);
              }}
            >
              {t('meeting.yesNext')}
            </button>
            <button
              type="button"
              onClick={() => {
                focusAfter.current = true;
                setAsking(false);
              }}
            >
              {t('meeting.notYet')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

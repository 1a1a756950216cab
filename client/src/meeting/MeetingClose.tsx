// The end of the meeting: the agreement round (everyone is asked to say, in "Who agrees with this plan", whether they
// agree with the plan as it is now) and "End the meeting", which asks first.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/meeting.js';
import type { MeetingActions } from './useMeeting.js';

export function MeetingClose(props: {
  meeting: Meeting;
  maySteer: boolean;
  personName: string | null;
  run: (work: () => Promise<void>, done?: string, thenRefocus?: boolean) => Promise<void>;
  actions: MeetingActions;
}) {
  const { t } = useTranslation();
  const { meeting, maySteer, run, actions } = props;
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const backToEnd = useRef(false);
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (backToEnd.current) {
      backToEnd.current = false;
      endButton.current?.focus();
    }
  }, [confirming]);

  return (
    <div className="meeting-close">
      {meeting.agreementRoundAt !== null && (
        <div className="meeting-round">
          <p>{props.personName ? t('meeting.roundPrompt', { name: props.personName }) : t('meeting.roundPromptNoName')}</p>
          <a href="#agreement">{t('meeting.roundLink')}</a>
        </div>
      )}
      {maySteer && meeting.agreementRoundAt === null && (
        <button type="button" onClick={() => void run(() => actions.startAgreementRound(), t('meeting.roundStartedByYou'))}>
          {t('meeting.startRound')}
        </button>
      )}
      {maySteer &&
        (confirming ? (
          <div className="meeting-pause" role="group" aria-labelledby="meeting-end-question">
            <p id="meeting-end-question" ref={question} tabIndex={-1} className="meeting-question">
              {t('meeting.endQuestion')}
            </p>
            <button type="button" className="primary" onClick={() => void run(() => actions.end(), t('meeting.endedByYou'), true)}>
              {t('meeting.endYes')}
            </button>
            <button
              type="button"
              onClick={() => {
                backToEnd.current = true;
                setConfirming(false);
              }}
            >
              {t('meeting.endNo')}
            </button>
          </div>
        ) : (
          <button type="button" ref={endButton} onClick={() => setConfirming(true)}>
            {t('meeting.end')}
          </button>
        ))}
    </div>
  );
}

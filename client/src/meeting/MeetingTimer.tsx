// The meeting's timer, mm:ss, worked out from the server's timestamps (time run before, plus the time since it was
// started) so every page shows the same. Not a live region: a screen reader is not told every second.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting, MeetingChange } from '../../../shared/meeting.js';

export function elapsedMs(timer: Meeting['timer'], now: number): number {
  if (timer.runningSince === null) return timer.elapsedMs;
  return timer.elapsedMs + Math.max(0, now - Date.parse(timer.runningSince));
}

export function minutesAndSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

export function MeetingTimer(props: { timer: Meeting['timer']; maySteer: boolean; onChange: (change: MeetingChange) => void }) {
  const { t } = useTranslation();
  const { timer } = props;
  const running = timer.runningSince !== null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running, timer]);
  return (
    <div className="meeting-timer">
      <span id="meeting-timer-label">{t('meeting.timer')}</span>{' '}
      <span role="timer" aria-labelledby="meeting-timer-label" className="meeting-time">
        {minutesAndSeconds(elapsedMs(timer, now))}
      </span>{' '}
      <span className="meta">{running ? t('meeting.timerRunning') : t('meeting.timerStopped')}</span>
      {props.maySteer && (
        <span className="meeting-timer-buttons">
          {running ? (
            <button type="button" onClick={() => props.onChange({ timer: 'stop' })}>
              {t('meeting.timerStop')}
            </button>
          ) : (
            <button type="button" onClick={() => props.onChange({ timer: 'start' })}>
              {t('meeting.timerStart')}
            </button>
          )}
          <button type="button" onClick={() => props.onChange({ timer: 'reset' })}>
            {t('meeting.timerReset')}
          </button>
        </span>
      )}
    </div>
  );
}

// Meeting mode on the plan page: with no meeting on, "Start a meeting" for members who may run one; with one on, a
// banner everyone sees ("Megan Evans started a review meeting at 14:05 — 3 people have joined"), joining and following
// the facilitator, the agenda with the person's own words first, what was decided and the actions captured; at the
// end the agreement round and the meeting's records. One polite status line says what happened, never a flood.

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENDA } from '../../../shared/meeting.js';
import { actsForPerson, can } from '../../../shared/permissions.js';
import type { Access } from '../../../shared/schemas.js';
import { errorKey } from '../api.js';
import { formatTime } from '../history/historyTime.js';
import type { PlanSession } from '../sync/planSession.js';
import { MeetingCapture } from './MeetingCapture.js';
import { MeetingClose } from './MeetingClose.js';
import { MeetingRecords } from './MeetingRecords.js';
import { MeetingRunner } from './MeetingRunner.js';
import { MeetingStart } from './MeetingStart.js';
import type { MeetingState } from './useMeeting.js';
import { useFollow } from './useFollow.js';
import './meeting.css';

export function MeetingArea(props: {
  planId: string;
  me: Access;
  session: PlanSession;
  personName: string | null;
  state: MeetingState;
  /** Whether this member may write in the plan's actions now (adding one during the meeting goes there). */
  mayAddAction: boolean;
  projector: boolean;
  onProjector: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const { me, state, planId } = props;
  const meeting = state.current;
  const [news, setNews] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [following, setFollowing] = useState(false);
  const mayRun = can(me, 'runMeeting', { openSections: new Set(me.openSections) });
  const attending = !!meeting?.attendees.some((a) => a.person.accountId === me.accountId);
  const facilitating = meeting?.facilitator.accountId === me.accountId;
  const maySteer = !!meeting && (facilitating || actsForPerson(me));
  const announce = useCallback((words: string) => setNews(words), []);
  // After starting or ending a meeting here, the buttons pressed are gone: carry on from the area's heading.
  const refocus = useRef(false);
  const meetingId = meeting?.id ?? null;
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    document.getElementById('meeting-heading')?.focus();
  }, [meetingId]);

  useFollow(meeting, following && attending && !facilitating, announce);
  useMeetingNews(state, me.accountId, announce);

  // Leaving projector view when the meeting ends: the page goes back to how it was.
  const { onProjector } = props;
  useEffect(() => {
    if (!meeting) onProjector(false);
  }, [meeting, onProjector]);

  const run = async (work: () => Promise<void>, done?: string, thenRefocus = false) => {
    setProblem(null);
    refocus.current = thenRefocus;
    try {
      await work();
      if (done) announce(done);
    } catch (err) {
      refocus.current = false;
      setProblem(t('meeting.failed', { reason: t(errorKey(err)) }));
    }
  };

  if (!meeting && !mayRun && state.past.length === 0) return null;
  return (
    <section className={`card meeting${props.projector ? ' meeting-projector' : ''}`} aria-labelledby="meeting-heading" id="meeting">
      <h2 id="meeting-heading" tabIndex={-1}>{meeting ? t(`meeting.kind.${meeting.kind}`) : t('meeting.heading')}</h2>
      <p role="status" className="meeting-news">
        {news}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {state.error && (
        <p className="error" role="alert">
          {t('meeting.failed', { reason: t(state.error) })}
        </p>
      )}
      {!meeting && state.loaded && mayRun && <MeetingStart onStart={(kind) => run(() => state.actions.start(kind), t('meeting.startedByYou'), true)} />}
      {meeting && (
        <>
          <p className="meeting-banner">
            {t(`meeting.banner.${meeting.kind}`, { name: meeting.startedBy.displayName, time: formatTime(new Date(meeting.startedAt)) })}{' '}
            {t('meeting.joined', { count: meeting.attendees.length })}
          </p>
          <div className="meeting-controls">
            {!attending ? (
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void run(async () => {
                    await state.actions.join();
                    setFollowing(!facilitating);
                  }, t('meeting.joinedYou'))
                }
              >
                {t('meeting.join')}
              </button>
            ) : (
              !facilitating && (
                <div className="field choice">
                  <input type="checkbox" id="meeting-follow" checked={following} onChange={(e) => setFollowing(e.target.checked)} aria-describedby="meeting-follow-hint" />
                  <label htmlFor="meeting-follow">{t('meeting.follow')}</label>
                  <span className="hint" id="meeting-follow-hint">
                    {t('meeting.followHint')}
                  </span>
                </div>
              )
            )}
            <button type="button" aria-pressed={props.projector} onClick={() => onProjector(!props.projector)}>
              {t('meeting.projector')}
            </button>
          </div>
          <MeetingRunner
            meeting={meeting}
            doc={props.session.doc}
            personName={props.personName}
            maySteer={maySteer}
            onChange={(change) => run(() => state.actions.change(change))}
            itemName={(index) => t(`sections.${AGENDA[index]!}.heading`)}
          />
          <MeetingCapture
            meeting={meeting}
            session={props.session}
            mayDecide={attending && mayRun}
            mayAddAction={attending && mayRun && props.mayAddAction}
            actions={state.actions}
            announce={announce}
          />
          <MeetingClose meeting={meeting} maySteer={maySteer} personName={props.personName} run={run} actions={state.actions} />
        </>
      )}
      <MeetingRecords planId={planId} past={state.past} />
    </section>
  );
}

/** What others did that the status line should say: a meeting started or ended, the agreement round began. */
function useMeetingNews(state: MeetingState, myAccountId: string, announce: (words: string) => void): void {
  const { t } = useTranslation();
  const last = useRef<{ id: string | null; round: boolean } | null>(null);
  const meeting = state.current;
  useEffect(() => {
    if (!state.loaded) return;
    const now = { id: meeting?.id ?? null, round: meeting?.agreementRoundAt != null };
    const before = last.current;
    last.current = now;
    if (!before) return; // the first answer is how things are, not news
    if (meeting && before.id !== meeting.id && meeting.startedBy.accountId !== myAccountId) {
      announce(t(`meeting.banner.${meeting.kind}`, { name: meeting.startedBy.displayName, time: formatTime(new Date(meeting.startedAt)) }));
    } else if (!meeting && before.id) {
      announce(t('meeting.ended'));
    } else if (meeting && now.round && !before.round) {
      announce(t('meeting.roundStarted'));
    }
  }, [state.loaded, meeting, myAccountId, announce, t]);
}

// The plan's meetings, as the server says: the one going on (or none) and the past ones. Fetched when the plan opens,
// after each change made here, and whenever the server says a meeting changed (MessageType.meetingChanged), so every
// page shows the same agenda item, timer, attendees and decisions.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Meeting, MeetingChange, MeetingKind } from '../../../shared/meeting.js';
import type { SectionId } from '../../../shared/sections.js';
import * as api from '../api.js';
import { errorKey } from '../api.js';
import type { PlanSession } from '../sync/planSession.js';
import { oneFetchAtATime } from '../sync/oneAtATime.js';

export interface MeetingActions {
  start: (kind: MeetingKind) => Promise<void>;
  join: () => Promise<void>;
  change: (change: MeetingChange) => Promise<void>;
  decide: (sectionId: SectionId, text: string) => Promise<void>;
  captureAction: (actionId: string) => Promise<void>;
  startAgreementRound: () => Promise<void>;
  end: () => Promise<void>;
}

export interface MeetingState {
  /** False until the first answer. */
  loaded: boolean;
  current: Meeting | null;
  past: Meeting[];
  /** The i18n key of why the meetings could not be fetched, or null. */
  error: string | null;
  actions: MeetingActions;
}

export function useMeeting(planId: string, session: PlanSession | null): MeetingState {
  const [loaded, setLoaded] = useState(false);
  const [current, setCurrent] = useState<Meeting | null>(null);
  const [past, setPast] = useState<Meeting[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useRef<() => Promise<void>>(() => Promise.resolve());

  useEffect(() => {
    let live = true;
    const fetchNow = oneFetchAtATime(
      () => api.fetchMeetings(planId),
      (answer) => {
        setCurrent(answer.current);
        setPast(answer.past);
        setError(null);
        setLoaded(true);
      },
      (err) => setError(errorKey(err)),
      () => live,
    );
    load.current = fetchNow;
    void fetchNow();
    const stopListening = session?.onMeetingChanged(() => void fetchNow());
    return () => {
      live = false;
      stopListening?.();
    };
  }, [planId, session]);

  // A change answers with the meeting as it now is: show that at once, then fetch again (an ended one moves to the past).
  const after = useCallback(async (change: Promise<Meeting>) => {
    const meeting = await change;
    if (meeting.endedAt === null) setCurrent(meeting);
    await load.current();
  }, []);

  const meetingId = current?.id ?? null;
  const actions = useMemo<MeetingActions>(() => {
    const id = () => {
      if (!meetingId) throw new api.ApiError('meetingEnded');
      return meetingId;
    };
    return {
      start: (kind) => after(api.startMeeting(planId, kind)),
      join: () => after(api.joinMeeting(planId, id())),
      change: (change) => after(api.changeMeeting(planId, id(), change)),
      decide: (sectionId, text) => after(api.recordDecision(planId, id(), { sectionId, text })),
      captureAction: (actionId) => after(api.captureAction(planId, id(), actionId)),
      startAgreementRound: () => after(api.startAgreementRound(planId, id())),
      end: () => after(api.endMeeting(planId, id())),
    };
  }, [planId, meetingId, after]);

  return { loaded, current, past, error, actions };
}

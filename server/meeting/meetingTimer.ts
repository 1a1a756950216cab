// A meeting's timer, worked out on the server with the server's clock: running since a moment (or stopped), plus the
// time it ran before. The browser shows elapsedMs + (now − runningSince) and never sets either.

import type { StoredMeeting } from '../storage/types.js';

export type MeetingTimer = StoredMeeting['timer'];
export type TimerCommand = 'start' | 'stop' | 'reset';

/** How long the timer has run, up to `now` (a clock that went back counts as no time, never less). */
export function timerElapsedMs(timer: MeetingTimer, now: Date): number {
  if (timer.runningSince === null) return timer.elapsedMs;
  return timer.elapsedMs + Math.max(0, Math.round(now.getTime() - Date.parse(timer.runningSince)));
}

/**
 * The timer after `command` at `now`. Start runs it on from where it stopped (already running: unchanged); stop keeps
 * the time run so far; reset goes back to no time, and a running timer keeps running from zero (the next item).
 */
export function runTimer(timer: MeetingTimer, command: TimerCommand, now: Date): MeetingTimer {
  const running = timer.runningSince !== null;
  switch (command) {
    case 'start':
      return running ? { ...timer } : { runningSince: now.toISOString(), elapsedMs: timer.elapsedMs };
    case 'stop':
      return { runningSince: null, elapsedMs: timerElapsedMs(timer, now) };
    case 'reset':
      return { runningSince: running ? now.toISOString() : null, elapsedMs: 0 };
  }
}

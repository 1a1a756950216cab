// What the plan's history keeps about a meeting: that it started, and that it ended with how many attended, decided
// and captured. Apart from shared/meeting.ts because shared/history.ts builds on it (meeting.ts builds on history.ts).

import { z } from 'zod';

export const MEETING_KINDS = ['planning', 'review'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_EVENTS = ['started', 'ended'] as const;

const count = z.number().int().nonnegative();

/** A meeting's start or end, as a history entry carries it (the entry's person is who started or ended it). */
export const meetingHistorySchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(MEETING_KINDS),
  event: z.enum(MEETING_EVENTS),
  /** As they stood at the event: at the start, 1 attended and nothing decided or captured. */
  attended: count,
  decisions: count,
  actions: count,
});
export type MeetingHistory = z.infer<typeof meetingHistorySchema>;

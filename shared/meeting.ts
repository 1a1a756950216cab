// Meetings around the plan (a planning meeting or a review), run for and with the person. One member starts a
// meeting and facilitates it; everyone in the plan sees it and can join. The agenda is the plan's sections, each
// opening with the person's own words; the facilitator moves through it (members who follow see the same section),
// can run a timer, and asks "does Sam agree?" before moving on. Decisions are written into the meeting; actions go
// straight into the plan's actions (typed by whoever captures them, so they are theirs). At the end, an agreement
// round (the agreement feature), and the meeting's record — who attended, decisions, actions, agreements — is kept
// with the plan and can be downloaded. The server stamps every person and time.
// Parsed by the browser; the server validates requests with the same schemas.

import { z } from 'zod';
import { historyPersonSchema } from './history.js';
import { SECTION_IDS, type SectionId } from './sections.js';
import { COPY_LANGUAGES } from './copies.js';
import { MEETING_KINDS } from './meetingHistory.js';
import { agreementStatementSchema } from './versions.js';

export { MEETING_KINDS, type MeetingKind } from './meetingHistory.js';

export const DECISION_MAX = 1000;
/** Meetings kept per plan (the oldest records are never dropped: starting one more is refused). */
export const MEETINGS_MAX = 500;
export const DECISIONS_MAX = 200;
/** Actions captured in one meeting (a plan holds at most 200 actions at a time). */
export const CAPTURED_ACTIONS_MAX = 200;

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const id = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/);
const actionId = z.string().min(1).max(64);

/** The agenda: the plan's sections in order (the person's own words open each item in the meeting view). */
export const AGENDA: readonly SectionId[] = SECTION_IDS;

export const decisionSchema = z.strictObject({
  id,
  /** The agenda item it was made under. */
  sectionId,
  text: z.string(),
  by: historyPersonSchema,
  at: z.iso.datetime(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const meetingSchema = z.strictObject({
  id,
  kind: z.enum(MEETING_KINDS),
  startedBy: historyPersonSchema,
  startedAt: z.iso.datetime(),
  /** null while the meeting is going on. */
  endedAt: z.iso.datetime().nullable(),
  /** Who runs it: whoever started it, until they hand it on. */
  facilitator: historyPersonSchema,
  /** The agenda item the facilitator is on (an index into AGENDA). */
  current: z.number().int().min(0),
  /** The timer: running since `runningSince` (null when stopped), plus time run before. */
  timer: z.strictObject({ runningSince: z.iso.datetime().nullable(), elapsedMs: z.number().int().nonnegative() }),
  /** Who joined, and when (the server records a member the first time they join). */
  attendees: z.array(z.strictObject({ person: historyPersonSchema, joinedAt: z.iso.datetime() })),
  decisions: z.array(decisionSchema),
  /** The ids of the plan's actions captured during the meeting (the actions themselves live in the plan). */
  actionIds: z.array(actionId),
  /** Set when the facilitator starts the agreement round at the end. */
  agreementRoundAt: z.iso.datetime().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

/** GET /api/plans/:planId/meetings: the meeting going on (if any), and the past ones, newest first. */
export const meetingsAnswerSchema = z.strictObject({
  current: meetingSchema.nullable(),
  past: z.array(meetingSchema),
});
export type MeetingsAnswer = z.infer<typeof meetingsAnswerSchema>;

/** POST /api/plans/:planId/meetings — start one (refused while another is going on). */
export const startMeetingSchema = z.strictObject({ kind: z.enum(MEETING_KINDS) });

/** PATCH /api/plans/:planId/meetings/:meetingId — the facilitator moves through the agenda, runs the timer. */
export const meetingChangeSchema = z
  .strictObject({
    current: z.number().int().min(0).max(AGENDA.length - 1).optional(),
    timer: z.enum(['start', 'stop', 'reset']).optional(),
  })
  .refine((c) => c.current !== undefined || c.timer !== undefined, { message: 'nothing to change' });
export type MeetingChange = z.infer<typeof meetingChangeSchema>;

/** POST /api/plans/:planId/meetings/:meetingId/decisions */
export const newDecisionSchema = z.strictObject({
  sectionId,
  text: z
    .string()
    .trim()
    .min(1)
    .max(DECISION_MAX)
    // Control characters other than line breaks (as a loop: lint forbids them in a regular expression).
    .refine((s) => ![...s].some((c) => c !== '\n' && (c < ' ' || c === '\u007f')), { message: 'must not contain control characters' }),
});

/** POST /api/plans/:planId/meetings/:meetingId/actions — an action just added to the plan, captured in this meeting. */
export const capturedActionSchema = z.strictObject({ actionId });

/**
 * The meeting's record, as downloaded (GET …/meetings/:meetingId/record.json, and .pdf/.docx): the meeting, the
 * actions captured (as the plan has them now), and the agreements given from its start to its end.
 */
export const meetingRecordSchema = z.strictObject({
  meeting: meetingSchema,
  actions: z.array(z.strictObject({ id: actionId, what: z.string(), who: z.string(), byWhen: z.string().nullable(), done: z.boolean() })),
  agreements: z.array(agreementStatementSchema),
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** GET …/meetings/:meetingId/record.pdf and record.docx — the labels' language (people's words are never translated). */
export const meetingRecordQuerySchema = z.strictObject({ lang: z.enum(COPY_LANGUAGES).default('en') });

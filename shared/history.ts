// The plan's history as the API gives it: readable entries, newest first, built from the server's append-only,
// hash-chained record of every accepted change (server/history/). Parsed by the browser.

import { z } from 'zod';
import { exportRecordSchema } from './copies.js';
import { meetingHistorySchema } from './meetingHistory.js';
import { LEVELS } from './permissions.js';
import { ROLES } from './roles.js';
import { SECTION_IDS, type SectionId } from './sections.js';

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);

export const HISTORY_KINDS = ['edit', 'circle', 'baseline', 'recovered', 'version', 'agreement', 'restore', 'export', 'suggestion', 'meeting'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Who did something, as the server recorded it from the signed-in session (null: before history was kept). */
export const historyPersonSchema = z.strictObject({
  accountId: z.string(),
  /** The account's name now ('' if the account is gone). */
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type HistoryPerson = z.infer<typeof historyPersonSchema>;

/** One line of the timeline: one person's burst of work in the same sections, or one change to the circle. */
export const historyItemSchema = z.strictObject({
  /** The record entries this line covers; "the plan as it was" at this line is the plan after `lastSeq`. */
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  at: z.iso.datetime(),
  until: z.iso.datetime(),
  kind: z.enum(HISTORY_KINDS),
  by: historyPersonSchema.nullable(),
  /** Done by a plan manager acting for the person. */
  onBehalf: z.boolean(),
  sections: z.array(sectionId),
  addedWords: z.number().int().nonnegative(),
  removedWords: z.number().int().nonnegative(),
  addedChars: z.number().int().nonnegative(),
  removedChars: z.number().int().nonnegative(),
  /** For a circle change: what changed, and for whom. */
  circle: z
    .strictObject({
      change: z.string(),
      subject: historyPersonSchema.omit({ role: true }).extend({ role: z.enum(ROLES).nullable() }).nullable(),
      /** The role concerned: of the member, or the one an invitation was made for. */
      role: z.enum(ROLES).nullable(),
      level: z.enum(LEVELS).nullable(),
      sectionId: sectionId.nullable(),
    })
    .nullable(),
  /** For a saved version: its name. */
  version: z.strictObject({ name: z.string() }).nullable(),
  /** For an agreement, disagreement or council sign-off: which, and the reason or note given. */
  agreement: z.strictObject({ kind: z.enum(['agree', 'disagree', 'signOff']), reason: z.string().nullable() }).nullable(),
  /** For a restore: the point the sections were restored to (its time, and its version's name if it is one). */
  restore: z.strictObject({ fromSeq: z.number().int().positive(), fromAt: z.iso.datetime(), versionName: z.string().nullable() }).nullable(),
  /**
   * For a download — of the history (for a subject access request or a complaint) or a copy of the plan: in which
   * format, and for a copy its language, the saved version it shows (with that version's name) and who it was for.
   */
  export: exportRecordSchema.extend({ versionName: z.string().nullable().optional() }).nullable(),
  /**
   * For an accepted suggestion (`by` is the member who suggested the words; they are theirs): who accepted it, and
   * whether they did so as the person's plan manager.
   */
  suggestion: z.strictObject({ acceptedBy: historyPersonSchema, onBehalf: z.boolean() }).nullable(),
  /** For the start or end of a meeting (`by` started or ended it): which meeting, and its counts then. */
  meeting: meetingHistorySchema.nullable(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

/** GET /api/plans/:planId/history — `next` asks for the page after this one (older), or null at the start. */
export const historyPageSchema = z.strictObject({
  items: z.array(historyItemSchema),
  next: z.number().int().positive().nullable(),
  /** Everyone who appears in the history, for the "who" filter. */
  people: z.array(historyPersonSchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** Query of GET /api/plans/:planId/history. Dates are days (YYYY-MM-DD), inclusive, in the asker's time zone. */
export const historyQuerySchema = z.strictObject({
  by: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
  section: sectionId.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** The asker's offset from UTC in minutes (as -Date.getTimezoneOffset()), so their days are used: 60 in BST. */
  tz: z.coerce.number().int().min(-840).max(840).default(0),
  /** Only lines that end before this record entry (for the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** GET /api/plans/:planId/history/verify — whether the chain of hashes holds, and where it first breaks. */
export const historyVerificationSchema = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The first entry whose hash or link does not match, or null. */
  firstBroken: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
  /**
   * Asked with `?anchor=<hash>` (an entry's hash given out with a version, an agreement or an export): the entry that
   * carries it, or null `seq` if none does any more. Null when not asked.
   */
  anchor: z.strictObject({ hash: z.string(), seq: z.number().int().positive().nullable() }).nullable(),
});

/** Query of GET /api/plans/:planId/history/verify. */
export const historyVerifyQuerySchema = z.strictObject({ anchor: z.string().regex(/^[0-9a-f]{64}$/).optional() });
export type HistoryVerification = z.infer<typeof historyVerificationSchema>;

/** GET /api/plans/:planId/history/:seq/document — the plan as it was just after entry `seq`, as a Yjs update. */
export const historyDocumentSchema = z.strictObject({ seq: z.number().int().positive(), at: z.iso.datetime(), update: z.base64() });
export type HistoryDocument = z.infer<typeof historyDocumentSchema>;

/** GET /api/plans/:planId/history/authors — which member wrote under each Yjs client id (bound by the server). */
export const historyAuthorsSchema = z.strictObject({
  clients: z.array(z.tuple([z.number().int().nonnegative(), z.string()])),
  /**
   * When: content of `client` with clocks from `fromClock` (inclusive) to `toClock` (exclusive) was written by
   * `accountId`, in a burst that ended at `at`.
   */
  spans: z.array(
    z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().nonnegative(), z.string(), z.iso.datetime()]),
  ),
  people: z.array(historyPersonSchema),
});
export type HistoryAuthors = z.infer<typeof historyAuthorsSchema>;

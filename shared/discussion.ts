// Comments and suggestions on a plan, as the API gives them and takes them. Comments are on a passage (anchored by
// Yjs relative positions, so they follow the text as others edit) or on a whole section; they have replies and can
// be resolved. A suggestion proposes new words for a passage (a replacement) or at a point (an addition); it never
// changes the plan until the person (or their plan manager) accepts it, and then the words are the suggester's and
// the acceptance the person's. The server stamps every author, time and decision: a request never says who it is from.
// Parsed by the browser; the server validates requests with the same schemas.

import { z } from 'zod';
import { historyPersonSchema } from './history.js';
import { SECTION_IDS, type SectionId } from './sections.js';

export const COMMENT_MAX = 2000;
export const SUGGESTION_MAX = 2000;
export const DECLINE_REASON_MAX = 1000;
/** The passage's words as they were when the comment or suggestion was made (shown if the passage is deleted). */
export const QUOTE_MAX = 1000;
/** An encoded Y.RelativePosition is a few dozen bytes; anything much longer is not one. */
const RELATIVE_POSITION_MAX = 200;

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const id = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/);
/** Words a person writes: trimmed, not empty, no control characters other than line breaks. */
const words = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[^\P{Cc}\n]/u.test(s), { message: 'must not contain control characters' });

/**
 * Where in a section's text: Y.encodeRelativePosition of the start and end (base64), both in the same paragraph's
 * text; start equal to end is a point (for an addition). `quote` is the passage's words when it was chosen.
 */
export const anchorSchema = z.strictObject({
  start: z.base64().max(RELATIVE_POSITION_MAX),
  end: z.base64().max(RELATIVE_POSITION_MAX),
  quote: z.string().max(QUOTE_MAX),
});
export type Anchor = z.infer<typeof anchorSchema>;

export const replySchema = z.strictObject({
  id,
  by: historyPersonSchema,
  at: z.iso.datetime(),
  text: z.string(),
});
export type Reply = z.infer<typeof replySchema>;

export const commentSchema = z.strictObject({
  id,
  sectionId,
  /** null: about the whole section. */
  anchor: anchorSchema.nullable(),
  by: historyPersonSchema,
  at: z.iso.datetime(),
  text: z.string(),
  replies: z.array(replySchema),
  resolved: z.strictObject({ by: historyPersonSchema, at: z.iso.datetime() }).nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const SUGGESTION_STATUSES = ['open', 'accepted', 'declined'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const suggestionSchema = z.strictObject({
  id,
  sectionId,
  /** The passage to replace, or (start equal to end, empty quote) the point to add at. */
  anchor: anchorSchema,
  /** The proposed words (for a replacement, they take the passage's place). */
  text: z.string(),
  by: historyPersonSchema,
  at: z.iso.datetime(),
  status: z.enum(SUGGESTION_STATUSES),
  decided: z
    .strictObject({
      by: historyPersonSchema,
      at: z.iso.datetime(),
      /** Why it was declined (optional). */
      reason: z.string().nullable(),
      /** Decided by a plan manager on the person's behalf. */
      onBehalf: z.boolean(),
    })
    .nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** GET /api/plans/:planId/discussion */
export const discussionSchema = z.strictObject({
  comments: z.array(commentSchema),
  suggestions: z.array(suggestionSchema),
  /** What waits for the person: comments not resolved, suggestions not decided. */
  waiting: z.strictObject({ comments: z.number().int().nonnegative(), suggestions: z.number().int().nonnegative() }),
});
export type Discussion = z.infer<typeof discussionSchema>;

/** POST /api/plans/:planId/comments */
export const newCommentSchema = z.strictObject({ sectionId, anchor: anchorSchema.nullable().default(null), text: words(COMMENT_MAX) });
export type NewComment = z.infer<typeof newCommentSchema>;

/** POST /api/plans/:planId/comments/:commentId/replies */
export const newReplySchema = z.strictObject({ text: words(COMMENT_MAX) });

/** PATCH /api/plans/:planId/comments/:commentId */
export const resolveCommentSchema = z.strictObject({ resolved: z.boolean() });

/** POST /api/plans/:planId/suggestions */
export const newSuggestionSchema = z.strictObject({
  sectionId,
  anchor: anchorSchema,
  /**
   * May be empty for a replacement (a suggestion to remove the passage), never for an addition. Words for one
   * paragraph: no line breaks (the browser turns them into spaces) or other control characters.
   */
  text: z.string().max(SUGGESTION_MAX).refine((s) => !/\p{Cc}/u.test(s), { message: 'must be one line, without control characters' }),
});
export type NewSuggestion = z.infer<typeof newSuggestionSchema>;

/** POST /api/plans/:planId/suggestions/:suggestionId/decision */
export const suggestionDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().max(DECLINE_REASON_MAX).optional() }),
]);
export type SuggestionDecision = z.infer<typeof suggestionDecisionSchema>;

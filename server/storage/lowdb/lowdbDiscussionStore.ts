// Each plan's comments and suggestions in a lowdb file beside the plan's other files (small: bounded by
// LIMITS.maxCommentsPerPlan and maxSuggestionsPerPlan), read back through a schema and replaced atomically:
//
//   <dataDir>/plans/<planId>/discussion.json   comments with their replies, suggestions with their decisions
//
// A file that does not read back is reported (DamagedFileError, naming the file) and left exactly as it is: a change
// reads the file first, so it can never write an empty discussion over a damaged one. The plan itself is untouched.

import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { anchorSchema, COMMENT_MAX, DECLINE_REASON_MAX, SUGGESTION_MAX, SUGGESTION_STATUSES } from '../../../shared/discussion.js';
import { ROLES } from '../../../shared/roles.js';
import { PLAN_ID_PATTERN } from '../../../shared/schemas.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import type { DiscussionStore, StoredDiscussion } from '../types.js';
import { ValidatedJsonFile } from './validatedJsonFile.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/);
const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const author = z.strictObject({ accountId: z.string().min(1), role: z.enum(ROLES) });
const at = z.iso.datetime();

const replySchema = z.strictObject({ id, by: author, at, text: z.string().max(COMMENT_MAX) });

const commentSchema = z.strictObject({
  id,
  sectionId,
  anchor: anchorSchema.nullable(),
  by: author,
  at,
  text: z.string().max(COMMENT_MAX),
  replies: z.array(replySchema),
  resolved: z.strictObject({ by: author, at }).nullable(),
});

const suggestionSchema = z.strictObject({
  id,
  sectionId,
  anchor: anchorSchema,
  passage: z.strictObject({ length: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  text: z.string().max(SUGGESTION_MAX),
  by: author,
  at,
  status: z.enum(SUGGESTION_STATUSES),
  decided: z
    .strictObject({
      by: author,
      at,
      reason: z.string().max(DECLINE_REASON_MAX).nullable(),
      onBehalf: z.boolean(),
      historySeq: z.number().int().positive().nullable(),
    })
    .nullable(),
});

const discussionFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  comments: z.array(commentSchema),
  suggestions: z.array(suggestionSchema),
});
type DiscussionFile = z.infer<typeof discussionFileSchema>;

export const DISCUSSION_FILE = 'discussion.json';

const empty = (): DiscussionFile => ({ schemaVersion: 1, comments: [], suggestions: [] });

export class LowdbDiscussionStore implements DiscussionStore {
  /** Reads and changes of each plan's file, one at a time, in order. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly plansDir: string) {}

  static forDataDir(dataDir: string): LowdbDiscussionStore {
    return new LowdbDiscussionStore(path.join(dataDir, 'plans'));
  }

  read(planId: string): Promise<StoredDiscussion> {
    return this.inOrder(planId, async () => {
      const { comments, suggestions } = (await this.open(planId)).data;
      return { comments, suggestions };
    });
  }

  update<T>(planId: string, change: (discussion: StoredDiscussion) => T): Promise<T> {
    return this.inOrder(planId, async () => {
      // Read first: a damaged file stops here, before anything could be written over it.
      const db = await this.open(planId);
      const discussion: StoredDiscussion = structuredClone({ comments: db.data.comments, suggestions: db.data.suggestions });
      const result = change(discussion); // throws before anything is written
      db.data = { schemaVersion: 1, ...discussion };
      await db.write();
      return result;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private async open(planId: string): Promise<Low<DiscussionFile>> {
    // The id becomes part of a path: only ever a plan id.
    if (!PLAN_ID_PATTERN.test(planId)) throw new Error(`not a plan id: ${JSON.stringify(planId)}`);
    const db = new Low<DiscussionFile>(new ValidatedJsonFile(path.join(this.plansDir, planId, DISCUSSION_FILE), discussionFileSchema), empty());
    await db.read();
    return db;
  }

  private inOrder<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(planId) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.queues.set(planId, settled);
    void settled.then(() => {
      if (this.queues.get(planId) === settled) this.queues.delete(planId);
    });
    return next;
  }
}

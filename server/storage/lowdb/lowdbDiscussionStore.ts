// Each plan's comments and suggestions in a lowdb file beside the plan's other files (small: bounded by
// LIMITS.maxCommentsPerPlan and maxSuggestionsPerPlan), read back through a schema and replaced atomically:
//
//   <dataDir>/plans/<planId>/discussion.json   comments with their replies, suggestions with their decisions
//
// A file that does not read back is reported (DamagedFileError, naming the file) and left exactly as it is: a change
// reads the file first, so it can never write an empty discussion over a damaged one. The plan itself is untouched.

import path from 'node:path';
import { z } from 'zod';
import { anchorSchema, COMMENT_MAX, DECLINE_REASON_MAX, SUGGESTION_MAX, SUGGESTION_STATUSES } from '../../../shared/discussion.js';
import { ROLES } from '../../../shared/roles.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import type { DiscussionStore, StoredDiscussion } from '../types.js';
import { PlanJsonFile } from './planJsonFile.js';

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

export const DISCUSSION_FILE = 'discussion.json';

export class LowdbDiscussionStore implements DiscussionStore {
  private readonly files: PlanJsonFile<StoredDiscussion>;

  constructor(plansDir: string) {
    this.files = new PlanJsonFile<StoredDiscussion>(plansDir, DISCUSSION_FILE, discussionFileSchema, () => ({ comments: [], suggestions: [] }));
  }

  static forDataDir(dataDir: string): LowdbDiscussionStore {
    return new LowdbDiscussionStore(path.join(dataDir, 'plans'));
  }

  read(planId: string): Promise<StoredDiscussion> {
    return this.files.read(planId);
  }

  update<T>(planId: string, change: (discussion: StoredDiscussion) => T): Promise<T> {
    return this.files.update(planId, change);
  }

  close(): Promise<void> {
    return this.files.close();
  }
}

// Versions, comparison, restore and agreement, as the API gives them. All of them rest on the plan's history
// (server/history/): a version is a 'version' entry in it, naming the plan as it was at that entry by a SHA-256 hash
// of its content; an agreement is an 'agreement' entry naming the content it was given for by the same hash; a
// restore is a 'restore' entry carrying the change the restorer made. The server stamps who, which role and when.
// Parsed by the browser; the server validates requests with the same schemas.

import { z } from 'zod';
import { historyPersonSchema } from './history.js';
import { DATA_PARTS, type DataPart } from './planData.js';
import { SECTION_IDS, type SectionId } from './sections.js';

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const seq = z.number().int().positive();
const contentHash = z.string().regex(/^[0-9a-f]{64}$/);

export const VERSION_NAME_MAX = 120;
export const AGREEMENT_REASON_MAX = 2000;

/** One saved version of the plan. */
export const versionSchema = z.strictObject({
  /** The history entry that saved it: the plan "as it was" at this entry is the version. */
  seq,
  name: z.string(),
  at: z.iso.datetime(),
  by: historyPersonSchema.nullable(),
  contentHash,
  /** Whether the plan now has exactly this content. */
  current: z.boolean(),
  /**
   * The hash of the version's history entry, the head of the record's chain when it was saved: kept outside the
   * server, it shows later that the record still holds this entry (GET …/history/verify?anchor=<recordHash>).
   */
  recordHash: contentHash,
});
export type Version = z.infer<typeof versionSchema>;

/** GET /api/plans/:planId/versions — newest first. */
export const versionListSchema = z.strictObject({
  versions: z.array(versionSchema),
  /** The hash of the plan's content now. */
  currentHash: contentHash,
});
export type VersionList = z.infer<typeof versionListSchema>;

/** POST /api/plans/:planId/versions — saves the plan as it is now under this name; answers 201 with the Version. */
export const newVersionSchema = z.strictObject({ name: z.string().trim().min(1).max(VERSION_NAME_MAX) });

/** A change between two points, and who made it (null: content from before history was kept). */
export const diffChangeSchema = z.strictObject({
  type: z.enum(['added', 'removed']),
  accountId: z.string().nullable(),
  /** When the change was made (the end of the burst that made it). */
  at: z.iso.datetime().nullable(),
});
export type DiffChange = z.infer<typeof diffChangeSchema>;

export const DIFF_MARKS = ['bold', 'italic', 'underline', 'strike', 'code', 'link'] as const;
export type DiffMark = (typeof DIFF_MARKS)[number];

/** A run of text with the same marks and the same change (or none: there at both points). */
export const diffRunSchema = z.strictObject({
  text: z.string(),
  marks: z.array(z.enum(DIFF_MARKS)),
  /** For a 'link' mark: where it goes (http, https or mailto only; otherwise null). */
  href: z.string().nullable(),
  change: diffChangeSchema.nullable(),
});
export type DiffRun = z.infer<typeof diffRunSchema>;

export const DIFF_BLOCK_TYPES = ['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock', 'horizontalRule', 'other'] as const;

/** A paragraph-like block of a section: its runs, in order. Lists are flattened into their items. */
export const diffBlockSchema = z.strictObject({
  type: z.enum(DIFF_BLOCK_TYPES),
  /** A heading's level (3 or 4), or a list item's depth (1 for a top-level item); otherwise 0. */
  level: z.number().int().nonnegative(),
  /** For a list item: whether its list is numbered. */
  ordered: z.boolean(),
  /** Set when the whole block (or the list item or quote it sits in) was added or removed between the points. */
  change: diffChangeSchema.nullable(),
  runs: z.array(diffRunSchema),
});
export type DiffBlock = z.infer<typeof diffBlockSchema>;

/** A value of a structured part's field, as plain JSON: a figure (pence), a word, a day, a yes or no. */
const partValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A line of a structured part's list (a spending line, an outcome…): its fields, empty ones null. */
const partRecordSchema = z.record(z.string(), partValueSchema);

/**
 * A change to a structured part of a section (shared/planData.ts) between two points: a field of the part, a field
 * of one line of its lists, or a whole line added or removed. Empty values (not given, cleared) are null.
 */
export const partChangeSchema = z.strictObject({
  part: z.enum(Object.keys(DATA_PARTS) as [DataPart, ...DataPart[]]),
  /** The list the line is in ('lines', 'actors', 'list'), or null for a field of the part itself. */
  list: z.string().nullable(),
  /** The line's id, or null for a field of the part itself. */
  itemId: z.string().nullable(),
  /** The field that changed, or null when a whole line was added or removed. */
  field: z.string().nullable(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** The field's value (or, for a whole line, the line) at the first point and at the second; null: not there. */
  before: z.union([partValueSchema, partRecordSchema]),
  after: z.union([partValueSchema, partRecordSchema]),
  /** For a change in a line: the line as it reads at the second point (or as it read, if it was removed). */
  line: partRecordSchema.nullable(),
  /** Who made the change, and when (null: not recorded). */
  accountId: z.string().nullable(),
  at: z.iso.datetime().nullable(),
});
export type PartChange = z.infer<typeof partChangeSchema>;
export type PartValue = z.infer<typeof partValueSchema>;
export type PartRecord = z.infer<typeof partRecordSchema>;

export const sectionDiffSchema = z.strictObject({
  sectionId,
  /** Whether anything in the section (its words or its structured parts) differs between the two points. */
  changed: z.boolean(),
  /** Everything that was in the section at either point, changes marked. */
  blocks: z.array(diffBlockSchema),
  /** Words added and removed between the points, by who did it. */
  byAuthor: z.array(
    z.strictObject({ accountId: z.string().nullable(), addedWords: z.number().int().nonnegative(), removedWords: z.number().int().nonnegative() }),
  ),
  /** What changed in the section's structured parts (its budget, outcomes, dates…), field by field, in order. */
  parts: z.array(partChangeSchema),
});
export type SectionDiff = z.infer<typeof sectionDiffSchema>;

/** One end of a comparison: the plan as it was just after history entry `seq`. */
export const comparePointSchema = z.strictObject({
  seq,
  at: z.iso.datetime(),
  /** The name of the version saved at this entry, if it is one. */
  versionName: z.string().nullable(),
});
export type ComparePoint = z.infer<typeof comparePointSchema>;

/** GET /api/plans/:planId/compare?from=<seq>[&to=<seq>] — `to` left out: the plan as it is now. */
export const compareQuerySchema = z.strictObject({
  from: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  to: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export const planComparisonSchema = z.strictObject({
  from: comparePointSchema,
  to: comparePointSchema,
  /** Whether `to` is the plan as it is now. */
  toNow: z.boolean(),
  sections: z.array(sectionDiffSchema),
  /** Everyone named in the changes, for names, roles and the legend. */
  people: z.array(historyPersonSchema),
});
export type PlanComparison = z.infer<typeof planComparisonSchema>;

/**
 * POST /api/plans/:planId/restore — makes a section (or, without `sectionId`, every section) read as it did just
 * after history entry `seq`. A new change by the restorer; nothing earlier is touched. Refused whole (403
 * sectionNotYours) if it would change a section the restorer may not edit.
 */
export const restoreRequestSchema = z.strictObject({ seq, sectionId: sectionId.optional() });
export type RestoreRequest = z.infer<typeof restoreRequestSchema>;

export const restoreResultSchema = z.strictObject({
  /** The sections that changed (none if they already read as they did then). */
  restored: z.array(sectionId),
  /** The restore's own history entry, or null when nothing needed changing. */
  seq: seq.nullable(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

export const AGREEMENT_KINDS = ['agree', 'disagree', 'signOff'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** POST /api/plans/:planId/agreement — a statement about the plan as it is now; answers 201 with the statement. */
export const agreementRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agree') }),
  z.strictObject({ kind: z.literal('disagree'), reason: z.string().trim().min(1).max(AGREEMENT_REASON_MAX) }),
  /** The council's sign-off, recorded by a social worker; an optional note. */
  z.strictObject({ kind: z.literal('signOff'), note: z.string().trim().max(AGREEMENT_REASON_MAX).optional() }),
]);
export type AgreementRequest = z.infer<typeof agreementRequestSchema>;

export const agreementStatementSchema = z.strictObject({
  /** Its history entry: the plan as it was at this entry is what it was given for. */
  seq,
  kind: z.enum(AGREEMENT_KINDS),
  by: historyPersonSchema,
  /** The reason for not agreeing, or the note with a sign-off. */
  reason: z.string().nullable(),
  at: z.iso.datetime(),
  /** The hash of the plan's content it was given for. */
  contentHash,
  /** False: the plan has changed since ("given for an earlier version") until it is given again. */
  current: z.boolean(),
  /** The name of a saved version with exactly that content, if there is one. */
  versionName: z.string().nullable(),
  /** The hash of the statement's history entry (see versionSchema.recordHash). */
  recordHash: contentHash,
});
export type AgreementStatement = z.infer<typeof agreementStatementSchema>;

/** GET /api/plans/:planId/agreement */
export const agreementViewSchema = z.strictObject({
  currentHash: contentHash,
  /** Each member's latest agreement or disagreement: the person's first, then the others, earliest first. */
  statements: z.array(agreementStatementSchema),
  /** The council's latest sign-off, if any. */
  signOff: agreementStatementSchema.nullable(),
  /** Members of the circle who have not said yet. */
  notYet: z.array(historyPersonSchema),
});
export type AgreementView = z.infer<typeof agreementViewSchema>;

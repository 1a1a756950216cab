// Copies of the plan that people take away: which form, which language, which point (the plan now or a saved
// version), and who it is for. Each copy made is recorded in the plan's history with these details.

import { z } from 'zod';
import { ROLES } from './roles.js';

export const COPY_FORMATS = ['pdf', 'docx'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Every kind of download the history records: the history itself (JSON, CSV) and copies of the plan. */
export const EXPORT_FORMATS = ['json', 'csv', ...COPY_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const COPY_LANGUAGES = ['en', 'cy'] as const;
export type CopyLanguage = (typeof COPY_LANGUAGES)[number];

/** "Given to": a name or a short description ("Sam's GP", "Dr Rhys Jones"). */
export const GIVEN_TO_MAX = 120;

/** GET /api/plans/:planId/copy.pdf and copy.docx */
export const copyQuerySchema = z.strictObject({
  lang: z.enum(COPY_LANGUAGES).default('en'),
  /** The history entry of a saved version; absent for the plan as it is now. */
  version: z.coerce.number().int().positive().optional(),
  /** Who the copy is for, when it is made to give to someone. */
  givenTo: z
    .string()
    .trim()
    .max(GIVEN_TO_MAX)
    .regex(/^[^\p{Cc}]*$/u)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});
export type CopyQuery = z.infer<typeof copyQuerySchema>;

/** What the history keeps about a download (the optional details only on copies of the plan). */
export const exportRecordSchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(COPY_LANGUAGES).optional(),
  /** The saved version the copy was made from (its history entry), when it was not the plan as it was then. */
  versionSeq: z.number().int().positive().optional(),
  givenTo: z.string().max(GIVEN_TO_MAX).optional(),
  /** For the record of a meeting (not a copy of the plan): the meeting's id. */
  meetingId: z.string().min(1).max(40).optional(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

/** One copy made, as the copies page lists it (GET /api/plans/:planId/copies), newest first. */
export const copyRecordSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  /** Who took it (as historyPersonSchema; not imported, as shared/history.ts builds on this file). */
  by: z.strictObject({ accountId: z.string(), displayName: z.string(), role: z.enum(ROLES) }).nullable(),
  format: z.enum(COPY_FORMATS),
  lang: z.enum(COPY_LANGUAGES).nullable(),
  versionSeq: z.number().int().positive().nullable(),
  versionName: z.string().nullable(),
  givenTo: z.string().nullable(),
});
export type CopyRecord = z.infer<typeof copyRecordSchema>;
export const copyListSchema = z.strictObject({ copies: z.array(copyRecordSchema) });
export type CopyList = z.infer<typeof copyListSchema>;

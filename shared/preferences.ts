// How a person likes Cylch to look and speak, kept with their account (and on the device, for before they sign in):
// their language, a larger text size, higher contrast, and the easy-read view (shorter prompts, more space).

import { z } from 'zod';
import { LANGUAGES } from './jurisdictions.js';

export const TEXT_SIZES = ['standard', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const CONTRASTS = ['standard', 'high'] as const;
export type Contrast = (typeof CONTRASTS)[number];

export const preferencesSchema = z.strictObject({
  /** null: not chosen yet (the device's choice, or the browser's language, is used). */
  language: z.enum(LANGUAGES).nullable(),
  textSize: z.enum(TEXT_SIZES),
  contrast: z.enum(CONTRASTS),
  easyRead: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { language: null, textSize: 'standard', contrast: 'standard', easyRead: false };

/** PUT /api/account/preferences: any of them; the others stay as they are. */
export const preferencesUpdateSchema = preferencesSchema.partial().refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

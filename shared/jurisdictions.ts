// A plan is written under the law of England or of Wales; this decides prompts and, later, the legal checklist.

export const JURISDICTIONS = ['england', 'wales'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

// The twelve sections of a care and support plan, in order (shared/PRODUCT.md, "The plan").
// Headings and prompts live in the i18n catalogues under `sections.<id>`; each section is its own shared type
// in the plan's Y.Doc (see sectionFieldName) so it can be permissioned and attributed on its own.

import { sectionFieldName } from './protocol.js';

/** Whose words a section holds: only the person's, nobody's in particular, a mix, or partly the person's. */
export type OwnWords = 'yes' | 'no' | 'mixed' | 'partly';

export interface SectionDefinition {
  /** Stable id, used in URLs, the document and exports. Never renamed. */
  readonly id: string;
  readonly ownWords: OwnWords;
  /** Whether the prompt differs for plans under Welsh law (`sections.<id>.promptWales`). */
  readonly walesPrompt: boolean;
}

export const SECTIONS = [
  { id: 'aboutMe', ownWords: 'yes', walesPrompt: false },
  { id: 'whatMatters', ownWords: 'yes', walesPrompt: true },
  { id: 'myLifeNow', ownWords: 'yes', walesPrompt: false },
  { id: 'assessedNeeds', ownWords: 'no', walesPrompt: true },
  { id: 'howNeedsMet', ownWords: 'mixed', walesPrompt: true },
  { id: 'personalBudget', ownWords: 'mixed', walesPrompt: false },
  { id: 'budgetManagement', ownWords: 'no', walesPrompt: false },
  { id: 'stayingInControl', ownWords: 'yes', walesPrompt: false },
  { id: 'stayingSafe', ownWords: 'mixed', walesPrompt: true },
  { id: 'informationAdvice', ownWords: 'no', walesPrompt: false },
  { id: 'reviews', ownWords: 'partly', walesPrompt: true },
  { id: 'agreement', ownWords: 'partly', walesPrompt: false },
] as const satisfies readonly SectionDefinition[];

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((s) => s.id);

/** The names of every shared type a plan document may contain at its root. */
export const SECTION_FIELD_NAMES: ReadonlySet<string> = new Set(SECTION_IDS.map(sectionFieldName));

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

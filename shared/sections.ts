// The twelve sections of a care and support plan, in order (shared/PRODUCT.md, "The plan").
// Headings and prompts live in the i18n catalogues under `sections.<id>`; each section is its own shared type
// in the plan's Y.Doc (see sectionFieldName) so it can be permissioned and attributed on its own.

import { sectionFieldName } from './protocol.js';

/** Whose words a section holds: only the person's, nobody's in particular, a mix, or partly the person's. */
export type OwnWords = 'yes' | 'no' | 'mixed' | 'partly';

/**
 * Who may edit a section unless the person opens it to others: only the person (and their plan manager), the
 * professionals who write it (social workers), or everyone in the circle with edit rights.
 */
export type DefaultEditors = 'person' | 'socialWorker' | 'circle';

export interface SectionDefinition {
  /** Stable id, used in URLs, the document and exports. Never renamed. */
  readonly id: string;
  readonly ownWords: OwnWords;
  readonly defaultEditors: DefaultEditors;
  /** Whether the prompt differs for plans under Welsh law (`sections.<id>.promptWales`). */
  readonly walesPrompt: boolean;
}

export const SECTIONS = [
  { id: 'aboutMe', ownWords: 'yes', defaultEditors: 'person', walesPrompt: false },
  { id: 'whatMatters', ownWords: 'yes', defaultEditors: 'person', walesPrompt: true },
  { id: 'myLifeNow', ownWords: 'yes', defaultEditors: 'person', walesPrompt: false },
  { id: 'assessedNeeds', ownWords: 'no', defaultEditors: 'socialWorker', walesPrompt: true },
  { id: 'howNeedsMet', ownWords: 'mixed', defaultEditors: 'circle', walesPrompt: true },
  { id: 'personalBudget', ownWords: 'mixed', defaultEditors: 'circle', walesPrompt: false },
  { id: 'budgetManagement', ownWords: 'no', defaultEditors: 'circle', walesPrompt: false },
  { id: 'stayingInControl', ownWords: 'yes', defaultEditors: 'person', walesPrompt: false },
  { id: 'stayingSafe', ownWords: 'mixed', defaultEditors: 'circle', walesPrompt: true },
  { id: 'informationAdvice', ownWords: 'no', defaultEditors: 'circle', walesPrompt: false },
  { id: 'reviews', ownWords: 'partly', defaultEditors: 'circle', walesPrompt: true },
  { id: 'agreement', ownWords: 'partly', defaultEditors: 'circle', walesPrompt: false },
] as const satisfies readonly SectionDefinition[];

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((s) => s.id);

/** The names of every shared type a plan document may contain at its root. */
export const SECTION_FIELD_NAMES: ReadonlySet<string> = new Set(SECTION_IDS.map(sectionFieldName));

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

export function sectionDefinition(id: SectionId): (typeof SECTIONS)[number] {
  return SECTIONS.find((s) => s.id === id)!;
}

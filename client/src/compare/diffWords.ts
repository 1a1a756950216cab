// Words and colours for the changes between two points of a plan: who made a change (in their caret colour, as in
// "Show who wrote what"), the tooltip and the screen-reader words for one change, and a section's summary
// ("Megan Evans added 12 words; Sam Evans removed 3 words").

import type { TFunction } from 'i18next';
import type { HistoryPerson } from '../../../shared/history.js';
import { colorForName, PRESENCE_COLORS } from '../../../shared/presence.js';
import type { DiffChange, SectionDiff } from '../../../shared/versions.js';
import { authorName } from '../authorship/useAuthorship.js';
import { formatDateTime } from '../formatDate.js';

export interface ChangeAuthor extends HistoryPerson {
  /** Index into PRESENCE_COLORS (the `author-c<n>` classes): the person's caret colour. */
  colorIndex: number;
}

export type ChangeAuthors = ReadonlyMap<string, ChangeAuthor>;

export function changeAuthors(people: readonly HistoryPerson[]): ChangeAuthors {
  return new Map(
    people.map((p) => [p.accountId, { ...p, colorIndex: Math.max(0, PRESENCE_COLORS.indexOf(colorForName(p.displayName) as (typeof PRESENCE_COLORS)[number])) }]),
  );
}

const authorOf = (accountId: string | null, authors: ChangeAuthors) => (accountId === null ? undefined : authors.get(accountId));

/** The colour class of a change's author ("author-unknown" when it was not recorded). */
export function authorClass(accountId: string | null, authors: ChangeAuthors): string {
  const author = authorOf(accountId, authors);
  return author ? `author-c${author.colorIndex}` : 'author-unknown';
}

/** The name of whoever made a change, as a sentence can use it. */
export function changerName(accountId: string | null, authors: ChangeAuthors, t: TFunction): string {
  const author = authorOf(accountId, authors);
  return author ? authorName(author.displayName, t) : t('compare.someoneUnrecorded');
}

/** What a screen reader hears before a change: "added by Megan Evans". */
export function changeLabel(change: DiffChange, authors: ChangeAuthors, t: TFunction): string {
  const author = authorOf(change.accountId, authors);
  if (!author) return t(change.type === 'added' ? 'compare.addedUnrecorded' : 'compare.removedUnrecorded');
  return t(change.type === 'added' ? 'compare.addedBy' : 'compare.removedBy', { name: authorName(author.displayName, t) });
}

/** The tooltip of a change: "Added by Megan Evans (Family or friend), 3 March 2026 at 14:05". */
export function changeTitle(change: DiffChange, authors: ChangeAuthors, language: string, t: TFunction): string {
  const author = authorOf(change.accountId, authors);
  if (!author) return t(change.type === 'added' ? 'compare.addedUnrecordedTitle' : 'compare.removedUnrecordedTitle');
  const values = { name: authorName(author.displayName, t), role: t(`roles.${author.role}`) };
  const key = change.type === 'added' ? 'compare.addedTitle' : 'compare.removedTitle';
  if (change.at === null) return t(`${key}NoTime`, values);
  return t(key, { ...values, when: formatDateTime(new Date(change.at), language, t) });
}

/**
 * "Megan Evans added 12 words; Sam Evans removed 3 words; Alex Jones changed 2 figures or details", or that only the
 * layout changed.
 */
export function sectionSummary(section: Pick<SectionDiff, 'byAuthor' | 'parts'>, authors: ChangeAuthors, t: TFunction): string {
  const words = section.byAuthor
    .filter((a) => a.addedWords > 0 || a.removedWords > 0)
    .map((a) => {
      const name = changerName(a.accountId, authors, t);
      const added = t('history.words', { count: a.addedWords });
      const removed = t('history.words', { count: a.removedWords });
      if (a.addedWords > 0 && a.removedWords > 0) return t('compare.summaryBoth', { name, added, removed });
      return a.addedWords > 0 ? t('compare.summaryAdded', { name, words: added }) : t('compare.summaryRemoved', { name, words: removed });
    });
  const partsBy = new Map<string | null, number>();
  for (const change of section.parts) partsBy.set(change.accountId, (partsBy.get(change.accountId) ?? 0) + 1);
  const figures = [...partsBy].map(([accountId, count]) => t('compare.parts.summary', { name: changerName(accountId, authors, t), count }));
  const said = [...words, ...figures];
  return said.length > 0 ? said.join(t('compare.summaryJoin')) : t('compare.summaryLayout');
}

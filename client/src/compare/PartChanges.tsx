// A section's structured parts (its budget, outcomes, dates…) that changed between two points, one line each in plain
// words with who made the change, marked in their colour as the text's changes are (and said in words too).

import { useTranslation } from 'react-i18next';
import type { DiffChange, PartChange } from '../../../shared/versions.js';
import { authorClass, changeLabel, changerName, type ChangeAuthors } from './diffWords.js';
import { partChangeWords } from './partWords.js';

export function PartChanges({ changes, authors, headingId }: { changes: readonly PartChange[]; authors: ChangeAuthors; headingId: string }) {
  const { t, i18n } = useTranslation();
  if (changes.length === 0) return null;
  /** "added by Megan Evans", "changed by Megan Evans". */
  const byWhom = (change: PartChange) => {
    if (change.kind !== 'changed') return changeLabel({ type: change.kind, accountId: change.accountId, at: change.at } satisfies DiffChange, authors, t);
    return change.accountId !== null && authors.has(change.accountId)
      ? t('compare.parts.changedBy', { name: changerName(change.accountId, authors, t) })
      : t('compare.parts.changedUnrecorded');
  };
  return (
    <div className="part-changes">
      <h4 id={headingId}>{t('compare.parts.heading')}</h4>
      <ul aria-labelledby={headingId}>
        {changes.map((change, i) => (
          <li key={i} className="part-change" data-part={change.part} data-kind={change.kind} data-author={change.accountId ?? ''}>
            <span className={`author-swatch ${authorClass(change.accountId, authors)}`} aria-hidden="true" />
            {partChangeWords(change, i18n.language, t)} <span className="meta">— {byWhom(change)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

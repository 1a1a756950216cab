// Who made the changes being shown: each person's colour, name and role, and how an addition and a removal look
// (underlined, struck through), so the marks are explained in words as well as colour.

import { useTranslation } from 'react-i18next';
import { personLabel } from '../history/historySentence.js';
import type { ChangeAuthors } from './diffWords.js';

export function DiffLegend({ authors, unrecorded, headingId }: { authors: ChangeAuthors; unrecorded: boolean; headingId: string }) {
  const { t } = useTranslation();
  const people = [...authors.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <section className="diff-legend" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('compare.legendHeading')}</h2>
      <p className="hint">
        {t('compare.legendHow')}{' '}
        <ins className="diff-change author-unknown">{t('compare.legendAdded')}</ins>{' '}
        <del className="diff-change author-unknown">{t('compare.legendRemoved')}</del>
      </p>
      {people.length === 0 && !unrecorded ? (
        <p>{t('compare.legendNobody')}</p>
      ) : (
        <ul className="authorship-legend">
          {people.map((person) => (
            <li key={person.accountId}>
              <span className={`author-swatch author-c${person.colorIndex}`} aria-hidden="true" />
              <span>{personLabel({ ...person, displayName: person.displayName || t('authorship.formerMember') }, t)}</span>
            </li>
          ))}
          {unrecorded && (
            <li>
              <span className="author-swatch author-unknown" aria-hidden="true" />
              <span>{t('authorship.notRecorded')}</span>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

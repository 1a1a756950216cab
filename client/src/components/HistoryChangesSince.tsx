// The plan as it was just after a history entry, with what changed since marked in it: additions and removals since,
// coloured by who made them, as the compare page shows them (from the comparison of that entry with the plan now).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTION_IDS } from '../../../shared/sections.js';
import type { PlanComparison } from '../../../shared/versions.js';
import { errorKey, fetchComparison } from '../api.js';
import { DiffContent } from '../compare/DiffContent.js';
import { DiffLegend } from '../compare/DiffLegend.js';
import { changeAuthors, sectionSummary, type ChangeAuthors } from '../compare/diffWords.js';
import { hadTextThen } from '../compare/hadText.js';

type Load = { state: 'loading' } | { state: 'ready'; comparison: PlanComparison; authors: ChangeAuthors } | { state: 'failed'; error: string };

export function HistoryChangesSince({ planId, seq }: { planId: string; seq: number }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<{ seq: number; load: Load } | null>(null);
  const current: Load = load?.seq === seq ? load.load : { state: 'loading' };

  useEffect(() => {
    let live = true;
    fetchComparison(planId, seq).then(
      (comparison) => live && setLoad({ seq, load: { state: 'ready', comparison, authors: changeAuthors(comparison.people) } }),
      (err: unknown) => live && setLoad({ seq, load: { state: 'failed', error: errorKey(err) } }),
    );
    return () => {
      live = false;
    };
  }, [planId, seq]);

  if (current.state === 'loading') return <p role="status">{t('history.changesSinceLoading')}</p>;
  if (current.state === 'failed') {
    return (
      <p className="error" role="alert">
        {t('history.changesSinceFailed', { reason: t(current.error) })}
      </p>
    );
  }
  const { comparison, authors } = current;
  const changed = comparison.sections.filter((s) => s.changed).length;
  const unrecorded = comparison.sections.some((s) => s.byAuthor.some((a) => a.accountId === null));
  return (
    <>
      <p role="status">{changed === 0 ? t('history.nothingChangedSince') : t('history.sectionsChangedSince', { count: changed })}</p>
      {changed > 0 && <DiffLegend authors={authors} unrecorded={unrecorded} headingId="changes-since-legend" />}
      {comparison.sections.map((section) => {
        const headingId = `as-it-was-${section.sectionId}`;
        const hadText = hadTextThen(section.blocks);
        return (
          <section key={section.sectionId} className="plan-section as-it-was-section" aria-labelledby={headingId}>
            <h3 id={headingId}>
              <span className="section-number">{SECTION_IDS.indexOf(section.sectionId) + 1}.</span> {t(`sections.${section.sectionId}.heading`)}
            </h3>
            {section.changed && <p className="compare-summary">{t('history.since', { summary: sectionSummary(section, authors, t) })}</p>}
            {!hadText && (
              <p className="meta" data-section={section.changed ? undefined : section.sectionId}>
                {t('history.sectionEmpty')}
              </p>
            )}
            {(hadText || section.changed) && (
              <div className="static-section diff-content" data-section={section.sectionId}>
                <DiffContent blocks={section.blocks} authors={authors} />
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

// What a restore did, said politely, with the way back to the live plan to see it there.

import { useTranslation } from 'react-i18next';
import type { RestoreResult } from '../../../shared/versions.js';
import { sectionList } from '../history/historySentence.js';
import { Link } from './Link.js';

export function RestoreDone({ planId, result }: { planId: string; result: RestoreResult | null }) {
  const { t, i18n } = useTranslation();
  // Always in the page (empty until a restore), so screen readers hear it when it fills.
  return (
    <div role="status" className={result ? 'notice restore-done' : 'restore-done'}>
      {result && (
        <p>
          {result.restored.length === 0 ? t('restore.nothing') : t('restore.done', { sections: sectionList(result.restored, i18n.language, t) })}{' '}
          <Link href={`/plans/${encodeURIComponent(planId)}`}>{t('restore.openPlan')}</Link>
        </p>
      )}
    </div>
  );
}

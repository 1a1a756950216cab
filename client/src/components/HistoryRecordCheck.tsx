// Whether the plan's record of changes is whole and unchanged (the server checks its chain of hashes), and the
// record itself to download, for a subject access request or a complaint.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryVerification } from '../../../shared/history.js';
import { errorKey, historyExportPath, verifyHistory } from '../api.js';

type Check = { state: 'checking' } | { state: 'done'; result: HistoryVerification } | { state: 'failed'; error: string };

export function HistoryRecordCheck({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<Check>({ state: 'checking' });

  useEffect(() => {
    let live = true;
    verifyHistory(planId).then(
      (result) => live && setCheck({ state: 'done', result }),
      (err: unknown) => live && setCheck({ state: 'failed', error: errorKey(err) }),
    );
    return () => {
      live = false;
    };
  }, [planId]);

  return (
    <section className="history-record card" aria-labelledby="history-record-heading">
      <h2 id="history-record-heading">{t('history.recordHeading')}</h2>
      {check.state === 'checking' && <p role="status">{t('history.verifying')}</p>}
      {check.state === 'failed' && <p className="error">{t(check.error)}</p>}
      {check.state === 'done' && check.result.ok && (
        <p className="record-ok" data-verified="ok">
          {t('history.verifyOk', { count: check.result.entries })}
        </p>
      )}
      {check.state === 'done' && !check.result.ok && (
        <p className="record-broken" data-verified="broken">
          {check.result.firstBroken !== null
            ? t('history.verifyBroken', { entry: check.result.firstBroken })
            : t('history.verifyUnreadable')}
        </p>
      )}
      <ul className="downloads">
        <li>
          <a href={historyExportPath(planId, 'csv')} download>
            {t('history.downloadCsv')}
          </a>
        </li>
        <li>
          <a href={historyExportPath(planId, 'json')} download>
            {t('history.downloadJson')}
          </a>
        </li>
      </ul>
    </section>
  );
}

// A plan's saved versions: save the plan as it is now under a name, see every version newest first (who saved it,
// when, whether the plan still reads that way), compare one with the plan now or two with each other, and restore
// the whole plan to one (a new change: nothing is lost).

import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions.js';
import type { RestoreResult, Version } from '../../../shared/versions.js';
import { errorKey, fetchVersions } from '../api.js';
import { CompareVersionsForm } from '../components/CompareVersionsForm.js';
import { Link } from '../components/Link.js';
import { PlanUnavailable } from '../components/PlanUnavailable.js';
import { RestoreAction } from '../components/RestoreAction.js';
import { RestoreDone } from '../components/RestoreDone.js';
import { SaveVersionForm } from '../components/SaveVersionForm.js';
import { personLabel } from '../history/historySentence.js';
import { formatWhen } from '../history/historyTime.js';
import { usePlan } from '../plans/usePlan.js';
import { focusIfArrived } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useMyAccess } from '../versions/useMyAccess.js';
import { comparePath } from '../versions/versionWords.js';

type List = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; versions: Version[] };

export function VersionsPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [list, setList] = useState<List>({ state: 'loading' });
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const request = useRef(0);

  const load = useCallback(async () => {
    const id = ++request.current;
    try {
      const answer = await fetchVersions(planId);
      if (id === request.current) setList({ state: 'ready', versions: answer.versions });
    } catch (err) {
      if (id === request.current) setList({ state: 'failed', error: errorKey(err) });
    }
  }, [planId]);
  const planLoad = usePlan(planId, useCallback(() => void load(), [load]));
  const me = useMyAccess(planId, planLoad.state === 'ready');

  const title = planLoad.state === 'ready' ? t('versions.title', { title: planLoad.plan.title ?? t('home.untitled') }) : t('versions.loading');
  useDocumentTitle(title);

  if (planLoad.state === 'loading') {
    return (
      <div className="page narrow">
        <p role="status">{t('versions.loading')}</p>
      </div>
    );
  }
  if (planLoad.state === 'failed') return <PlanUnavailable error={planLoad.error} returnTo={`/plans/${encodeURIComponent(planId)}/versions`} />;

  const planPath = `/plans/${encodeURIComponent(planId)}`;
  const mayRestore = me?.level === 'edit';
  const maySave = me !== null && can(me, 'saveVersion', { openSections: new Set(me.openSections) });
  return (
    <div className="page versions-page">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {title}
      </h1>
      <p className="lead">{t('versions.intro')}</p>
      <ul className="page-links">
        <li>
          <Link href={planPath}>{t('history.backToPlan')}</Link>
        </li>
        <li>
          <Link href={`${planPath}/history`}>{t('history.link')}</Link>
        </li>
      </ul>
      {maySave && <SaveVersionForm planId={planId} onSaved={() => void load()} />}
      {me && !maySave && <p className="rights-note">{t('versions.mayNotSave')}</p>}
      <RestoreDone planId={planId} result={restored} />
      <section aria-labelledby="versions-list-heading" className="versions-list">
        <h2 id="versions-list-heading">{t('versions.listHeading')}</h2>
        {list.state === 'loading' && <p role="status">{t('versions.listLoading')}</p>}
        {list.state === 'failed' && (
          <p className="error" role="alert">
            {t(list.error)}
          </p>
        )}
        {list.state === 'ready' && list.versions.length === 0 && <p>{t('versions.none')}</p>}
        {list.state === 'ready' && list.versions.length > 0 && (
          <ol className="version-list">
            {list.versions.map((version) => (
              <VersionRow
                key={version.seq}
                planId={planId}
                version={version}
                mayRestore={mayRestore}
                onRestored={(result) => {
                  setRestored(result);
                  void load();
                }}
              />
            ))}
          </ol>
        )}
      </section>
      {list.state === 'ready' && list.versions.length > 0 && <CompareVersionsForm planId={planId} versions={list.versions} />}
    </div>
  );
}

function VersionRow(props: { planId: string; version: Version; mayRestore: boolean; onRestored: (result: RestoreResult) => void }) {
  const { t, i18n } = useTranslation();
  const { version } = props;
  const id = `version-${version.seq}`;
  const when = formatWhen(new Date(version.at), i18n.language, t);
  return (
    <li className="version" id={id} data-seq={version.seq}>
      <h3 id={`${id}-name`}>{version.name}</h3>
      <p className="meta">
        {version.by ? t('versions.savedBy', { who: personLabel(version.by, t), when }) : t('versions.savedAt', { when })}
      </p>
      {version.current && <p className="badge current-badge">{t('versions.current')}</p>}
      {!version.current && (
        <p className="version-actions">
          <Link className="button" href={comparePath(props.planId, version.seq)} aria-describedby={`${id}-name`}>
            {t('versions.compareWithNow')}
          </Link>
        </p>
      )}
      <p className="version-actions">
        <Link href={`/plans/${encodeURIComponent(props.planId)}/copies?version=${version.seq}`} aria-describedby={`${id}-name`}>
          {t('copies.takeCopy')}
        </Link>
      </p>
      {props.mayRestore && !version.current && (
        <RestoreAction
          planId={props.planId}
          seq={version.seq}
          idBase={`${id}-restore`}
          label={t('restore.wholeToVersion')}
          confirmText={t('restore.confirmWholeVersion', { name: version.name })}
          describedBy={`${id}-name`}
          onRestored={props.onRestored}
        />
      )}
    </li>
  );
}

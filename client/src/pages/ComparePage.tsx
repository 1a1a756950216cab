// Two points of a plan side by side in one text: what was added and removed between them, by whom, section by
// section (its words, and its figures and details field by field), with a summary per section. Compared with the
// plan now, a member who may edit can restore a section (or the whole plan) to how it was at the first point — a new
// change; the server decides whether it is allowed.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../../shared/schemas.js';
import { SECTION_IDS, type SectionId } from '../../../shared/sections.js';
import { compareQuerySchema, type PlanComparison, type RestoreResult, type SectionDiff } from '../../../shared/versions.js';
import { errorKey, fetchComparison } from '../api.js';
import { canEditSection } from '../circle/sectionRights.js';
import { DiffContent } from '../compare/DiffContent.js';
import { DiffLegend } from '../compare/DiffLegend.js';
import { PartChanges } from '../compare/PartChanges.js';
import { changeAuthors, sectionSummary, type ChangeAuthors } from '../compare/diffWords.js';
import { Link } from '../components/Link.js';
import { PlanUnavailable } from '../components/PlanUnavailable.js';
import { RestoreAction } from '../components/RestoreAction.js';
import { RestoreDone } from '../components/RestoreDone.js';
import { usePlan } from '../plans/usePlan.js';
import { focusIfArrived, useSearch } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useMyAccess } from '../versions/useMyAccess.js';
import { comparePath, comparisonHeading } from '../versions/versionWords.js';

type Load = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; comparison: PlanComparison; authors: ChangeAuthors };
type Restored = { scope: SectionId | 'plan'; result: RestoreResult };

export function ComparePage({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const query = compareQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(useSearch())));
  const from = query.success ? query.data.from : null;
  const to = query.success ? query.data.to : undefined;
  // Answers and restores are kept with the comparison they belong to: a new address shows neither.
  const key = `${from}-${to}`;
  const [loaded, setLoaded] = useState<{ key: string; load: Load } | null>(null);
  const [restoredFor, setRestored] = useState<{ key: string; restored: Restored } | null>(null);
  const load: Load = loaded?.key === key ? loaded.load : { state: 'loading' };
  const restored = restoredFor?.key === key ? restoredFor.restored : null;
  // Bumped after a restore, to fetch the comparison again.
  const [refetch, setRefetch] = useState(0);
  const planLoad = usePlan(planId);
  const me = useMyAccess(planId, planLoad.state === 'ready');
  const ready = planLoad.state === 'ready';
  const focusAfterRestore = useRef<Restored['scope'] | null>(null);
  useEffect(() => {
    if (!focusAfterRestore.current) return;
    const link = document.querySelector<HTMLElement>(`#restore-done-${focusAfterRestore.current} a`);
    if (link) {
      focusAfterRestore.current = null;
      link.focus();
    }
  });

  useEffect(() => {
    if (!ready || from === null) return;
    let live = true;
    const forKey = `${from}-${to}`;
    fetchComparison(planId, from, to).then(
      (comparison) => live && setLoaded({ key: forKey, load: { state: 'ready', comparison, authors: changeAuthors(comparison.people) } }),
      (err: unknown) => live && setLoaded({ key: forKey, load: { state: 'failed', error: errorKey(err) } }),
    );
    return () => {
      live = false;
    };
  }, [ready, planId, from, to, refetch]);

  const heading =
    from === null ? t('compare.title') : load.state === 'ready' ? comparisonHeading(load.comparison, i18n.language, t) : t('compare.loading');
  useDocumentTitle(heading);

  if (planLoad.state === 'loading') {
    return (
      <div className="page narrow">
        <p role="status">{t('compare.loading')}</p>
      </div>
    );
  }
  const here = `/plans/${encodeURIComponent(planId)}/compare${window.location.search}`;
  if (planLoad.state === 'failed') return <PlanUnavailable error={planLoad.error} returnTo={here} />;

  const planPath = `/plans/${encodeURIComponent(planId)}`;
  const onRestored = (scope: Restored['scope']) => (result: RestoreResult) => {
    setRestored({ key, restored: { scope, result } });
    setRefetch((n) => n + 1);
    // The button pressed is gone (its confirmation closed): carry on from what the restore did, once it is shown.
    focusAfterRestore.current = scope;
  };

  return (
    <div className="page compare-page">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {heading}
      </h1>
      <ul className="page-links">
        <li>
          <Link href={planPath}>{t('history.backToPlan')}</Link>
        </li>
        <li>
          <Link href={`${planPath}/versions`}>{t('compare.backToVersions')}</Link>
        </li>
        <li>
          <Link href={`${planPath}/history`}>{t('history.link')}</Link>
        </li>
      </ul>
      {from === null && (
        <p className="error" role="alert">
          {t('compare.badAddress')}
        </p>
      )}
      {from !== null && load.state === 'loading' && <p role="status">{t('compare.loading')}</p>}
      {load.state === 'failed' && (
        <p className="error" role="alert">
          {t(load.error)}
        </p>
      )}
      {load.state === 'ready' && (
        <Comparison planId={planId} comparison={load.comparison} authors={load.authors} me={me} restored={restored} onRestored={onRestored} />
      )}
    </div>
  );
}

function Comparison(props: {
  planId: string;
  comparison: PlanComparison;
  authors: ChangeAuthors;
  me: Access | null;
  restored: Restored | null;
  onRestored: (scope: Restored['scope']) => (result: RestoreResult) => void;
}) {
  const { t } = useTranslation();
  const { comparison, me } = props;
  const changed = comparison.sections.filter((s) => s.changed);
  const unrecorded = comparison.sections.some((s) => s.byAuthor.some((a) => a.accountId === null) || s.parts.some((p) => p.accountId === null));
  // Restoring is offered only against the plan now: then the page shows exactly what a restore would undo.
  const restoring = comparison.toNow && me?.level === 'edit';
  const from = comparison.from;
  return (
    <>
      <p role="status" className="lead">
        {changed.length === 0 ? t('compare.nothingChanged') : t('compare.sectionsChanged', { count: changed.length })}
      </p>
      <DiffLegend authors={props.authors} unrecorded={unrecorded} headingId="diff-legend-heading" />
      {restoring && changed.length > 0 && (
        <div className="card restore-whole">
          <p className="hint" id="restore-whole-hint">
            {t('restore.wholeHint')}
          </p>
          <RestoreAction
            planId={props.planId}
            seq={from.seq}
            idBase="restore-plan"
            describedBy="restore-whole-hint"
            label={t('restore.whole')}
            confirmText={from.versionName !== null ? t('restore.confirmWholeVersion', { name: from.versionName }) : t('restore.confirmWhole')}
            onRestored={props.onRestored('plan')}
          />
        </div>
      )}
      <div id="restore-done-plan">
        <RestoreDone planId={props.planId} result={props.restored?.scope === 'plan' ? props.restored.result : null} />
      </div>
      {!comparison.toNow && (
        <p className="hint">
          {t('compare.restoreOnlyNow')} <Link href={comparePath(props.planId, from.seq)}>{t('compare.compareFromWithNow')}</Link>
        </p>
      )}
      <section aria-labelledby="compare-sections-heading">
        <h2 id="compare-sections-heading">{t('compare.sectionsHeading')}</h2>
        {comparison.sections.map((section) => (
          <SectionComparison
            key={section.sectionId}
            planId={props.planId}
            section={section}
            authors={props.authors}
            restoreFrom={restoring && me && canEditSection(me, section.sectionId) ? from.seq : null}
            restored={props.restored?.scope === section.sectionId ? props.restored.result : null}
            onRestored={props.onRestored(section.sectionId)}
          />
        ))}
      </section>
    </>
  );
}

function SectionComparison(props: {
  planId: string;
  section: SectionDiff;
  authors: ChangeAuthors;
  /** The point to restore the section to, when this member may. */
  restoreFrom: number | null;
  restored: RestoreResult | null;
  onRestored: (result: RestoreResult) => void;
}) {
  const { t } = useTranslation();
  const { section } = props;
  const headingId = `compare-${section.sectionId}`;
  const name = t(`sections.${section.sectionId}.heading`);
  const hasWords = section.blocks.some((b) => b.type === 'horizontalRule' || b.runs.some((r) => r.text !== ''));
  return (
    <section className="plan-section compare-section" aria-labelledby={headingId} data-changed={section.changed}>
      <h3 id={headingId}>
        <span className="section-number">{SECTION_IDS.indexOf(section.sectionId) + 1}.</span> {name}
      </h3>
      {section.changed ? (
        <>
          <p className="compare-summary">{sectionSummary(section, props.authors, t)}</p>
          {/* A section changed only in its figures may have no words at all: no empty box for them. */}
          {(hasWords || section.parts.length === 0) && (
            <div className="diff-content" data-section={section.sectionId}>
              <DiffContent blocks={section.blocks} authors={props.authors} />
            </div>
          )}
          <PartChanges changes={section.parts} authors={props.authors} headingId={`compare-parts-${section.sectionId}`} />
          {props.restoreFrom !== null && (
            <RestoreAction
              planId={props.planId}
              seq={props.restoreFrom}
              sectionId={section.sectionId}
              idBase={`restore-${section.sectionId}`}
              label={t('restore.section')}
              confirmText={t('restore.confirmSection', { section: name })}
              describedBy={headingId}
              onRestored={props.onRestored}
            />
          )}
        </>
      ) : (
        <p className="meta">{t('compare.noChanges')}</p>
      )}
      <div id={`restore-done-${section.sectionId}`}>
        <RestoreDone planId={props.planId} result={props.restored} />
      </div>
    </section>
  );
}

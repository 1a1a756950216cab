// A plan's history: who changed what, newest first, from the server's record (never from what a browser claims);
// narrowed by person, section and date; each entry opens the plan as it was then. Also says whether the record
// is whole and unchanged, and offers it as a download.

import type { TFunction } from 'i18next';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryItem, HistoryPerson } from '../../../shared/history.js';
import { errorKey, fetchHistory, type HistoryFilters as Filters } from '../api.js';
import { HistoryEntry } from '../components/HistoryEntry.js';
import { HistoryFilters } from '../components/HistoryFilters.js';
import { HistoryRecordCheck } from '../components/HistoryRecordCheck.js';
import { Link } from '../components/Link.js';
import { PlanUnavailable } from '../components/PlanUnavailable.js';
import { usePlan } from '../plans/usePlan.js';
import { historySentence } from '../history/historySentence.js';
import { asItWasHeading } from '../history/historyTime.js';
import { focusIfArrived } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

// Rebuilding a plan needs Yjs, which only this view (and the live plan) uses.
const HistoryPlanAsItWas = lazy(() => import('../components/HistoryPlanAsItWas.js').then((m) => ({ default: m.HistoryPlanAsItWas })));

/** What the live line under the timeline's heading says (kept as facts, so it follows a change of language). */
type Announcement = { kind: 'shown' | 'older'; count: number; more: boolean } | { kind: 'failed'; error: string };

type Timeline =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | { state: 'ready'; items: HistoryItem[]; next: number | null };

export function HistoryPage({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [timeline, setTimeline] = useState<Timeline>({ state: 'loading' });
  const [people, setPeople] = useState<HistoryPerson[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [viewing, setViewing] = useState<HistoryItem | null>(null);
  /** Only the answer to the latest request is shown (filters can change while one is on its way). */
  const request = useRef(0);
  /** After "Show older": the entry to move focus to; after "as it was": the button to come back to. */
  const focusTarget = useRef<string | null>(null);

  const load = useCallback(
    async (applied: Filters) => {
      const id = ++request.current;
      try {
        const page = await fetchHistory(planId, applied);
        if (id !== request.current) return;
        setTimeline({ state: 'ready', items: page.items, next: page.next });
        setPeople(page.people);
        setAnnouncement({ kind: 'shown', count: page.items.length, more: page.next !== null });
      } catch (err) {
        if (id !== request.current) return;
        setTimeline({ state: 'failed', error: errorKey(err) });
        setAnnouncement(null);
      }
    },
    [planId],
  );

  // The timeline is asked for once the plan is known to be open to this reader.
  const loadFirstPage = useCallback(() => void load({}), [load]);
  const planLoad = usePlan(planId, loadFirstPage);

  const apply = (next: Filters) => {
    setFilters(next);
    setTimeline({ state: 'loading' });
    void load(next);
  };

  const showOlder = async () => {
    if (timeline.state !== 'ready' || timeline.next === null || loadingOlder) return;
    const id = ++request.current;
    setLoadingOlder(true);
    try {
      const page = await fetchHistory(planId, filters, timeline.next);
      if (id !== request.current) return;
      focusTarget.current = page.items[0] ? `history-entry-${page.items[0].lastSeq}` : null;
      setTimeline({ state: 'ready', items: [...timeline.items, ...page.items], next: page.next });
      setPeople(page.people);
      setAnnouncement({ kind: 'older', count: page.items.length, more: page.next !== null });
    } catch (err) {
      if (id === request.current) setAnnouncement({ kind: 'failed', error: errorKey(err) });
    } finally {
      if (id === request.current) setLoadingOlder(false);
    }
  };

  const open = (item: HistoryItem) => setViewing(item);
  const back = () => {
    if (viewing) focusTarget.current = `history-entry-${viewing.lastSeq}-open`;
    setViewing(null);
  };

  // Focus moves once the list it belongs to is on screen again.
  useEffect(() => {
    if (!focusTarget.current || viewing) return;
    const target = document.getElementById(focusTarget.current);
    if (target) {
      focusTarget.current = null;
      target.focus();
    }
  });

  const title = planLoad.state === 'ready' ? t('history.title', { title: planLoad.plan.title ?? t('home.untitled') }) : t('history.loading');
  // While the plan as it was is shown, the tab says which moment it is.
  useDocumentTitle(viewing ? `${asItWasHeading(viewing.until, i18n.language, t)} – ${title}` : title);

  if (planLoad.state === 'loading') {
    return (
      <div className="page narrow">
        <p role="status">{t('history.loading')}</p>
      </div>
    );
  }
  if (planLoad.state === 'failed') return <PlanUnavailable error={planLoad.error} returnTo={`/plans/${encodeURIComponent(planId)}/history`} />;

  const planPath = `/plans/${encodeURIComponent(planId)}`;
  return (
    <div className="page history-page">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {title}
      </h1>
      <p className="lead">{t('history.intro')}</p>
      <ul className="page-links">
        <li>
          <Link href={planPath}>{t('history.backToPlan')}</Link>
        </li>
        <li>
          <Link href={`${planPath}/versions`}>{t('versions.link')}</Link>
        </li>
      </ul>
      {viewing && (
        <Suspense fallback={<p role="status">{t('history.asItWasLoading')}</p>}>
          <HistoryPlanAsItWas planId={planId} item={viewing} sentence={historySentence(viewing, i18n.language, t)} onBack={back} />
        </Suspense>
      )}
      {/* Kept (hidden) while the plan as it was is shown, so coming back finds the list, its place and its focus. */}
      <div hidden={viewing !== null}>
        <HistoryRecordCheck planId={planId} />
        <HistoryFilters people={people} applied={filters} onApply={apply} />
        <section aria-labelledby="history-timeline-heading" className="history-timeline">
          <h2 id="history-timeline-heading">{t('history.timelineHeading')}</h2>
          <p role="status" className="history-count">
            {timeline.state === 'loading' ? t('history.loadingEntries') : announcementText(announcement, t)}
          </p>
          {timeline.state === 'failed' && (
            <p className="error" role="alert">
              {t(timeline.error)}
            </p>
          )}
          {timeline.state === 'ready' && timeline.items.length === 0 && <p>{t('history.noneMatch')}</p>}
          {timeline.state === 'ready' && timeline.items.length > 0 && (
            <ol className="timeline">
              {timeline.items.map((item) => (
                <HistoryEntry key={item.lastSeq} item={item} onOpen={open} />
              ))}
            </ol>
          )}
          {timeline.state === 'ready' && timeline.next !== null && (
            <p>
              <button type="button" onClick={() => void showOlder()} aria-disabled={loadingOlder || undefined}>
                {loadingOlder ? t('history.loadingOlder') : t('history.showOlder')}
              </button>
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

function announcementText(announcement: Announcement | null, t: TFunction): string {
  if (!announcement) return '';
  if (announcement.kind === 'failed') return t(announcement.error);
  if (announcement.kind === 'older') return t('history.olderShown', { count: announcement.count });
  if (announcement.count === 0) return t('history.noneMatch');
  return announcement.more ? `${t('history.shown', { count: announcement.count })} ${t('history.moreOlder')}` : t('history.shown', { count: announcement.count });
}

// "My plans": the plans the signed-in person belongs to, with their part in each, from the server, and those whose
// review is due soon or overdue marked as such; for the person (or their plan manager), the comments and suggestions
// that wait for them.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyPlan } from '../../../shared/schemas.js';
import { ApiError, fetchMyPlans } from '../api.js';
import { reviewStatus } from '../../../shared/reviews.js';
import { waitingSentence } from '../discussion/discussionWords.js';
import { formatDay } from '../history/historyTime.js';
import { today } from '../plan/ReviewsPanel.js';
import { Link } from './Link.js';

type Load = { state: 'loading' } | { state: 'ready'; plans: MyPlan[] } | { state: 'failed'; error: string };

/** `refresh` changes when the list may have changed (a plan was just started here). */
export function MyPlans({ refresh }: { refresh?: string }) {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    fetchMyPlans().then(
      (plans) => live && setLoad({ state: 'ready', plans }),
      (err: unknown) => live && setLoad({ state: 'failed', error: err instanceof ApiError ? err.id : 'internal' }),
    );
    return () => {
      live = false;
    };
  }, [refresh]);

  return (
    <section aria-labelledby="my-plans-heading">
      <h2 id="my-plans-heading">{t('home.myPlansHeading')}</h2>
      {load.state === 'loading' && <p role="status">{t('home.myPlansLoading')}</p>}
      {load.state === 'failed' && (
        <p className="error" role="alert">
          {t(`errors.${load.error}`)}
        </p>
      )}
      {load.state === 'ready' && load.plans.length === 0 && <p>{t('home.myPlansEmpty')}</p>}
      {load.state === 'ready' && load.plans.length > 0 && (
        <ul className="plan-list">
          {load.plans.map(({ plan, role, planManager, nextReview, waiting }) => {
            const status = reviewStatus(nextReview, today());
            const forMe = waiting && (role === 'person' || planManager) ? waitingSentence(waiting, 'you', t) : null;
            return (
              <li key={plan.id}>
                <Link href={`/plans/${plan.id}`}>{plan.title ?? t('home.untitled')}</Link>{' '}
                <span className="meta">
                  {t('home.myPlanPart', { role: t(`roles.${role}`), country: t(`jurisdiction.${plan.jurisdiction}`) })}
                </span>
                {(status === 'dueSoon' || status === 'overdue') && (
                  <span className={`review-flag review-${status}`}>
                    {' '}
                    {t(`reviews.status.${status}`, { date: formatDay(new Date(`${nextReview!}T12:00:00`), i18n.language, t) })}
                  </span>
                )}
                {forMe && <span className="discussion-flag"> {forMe}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

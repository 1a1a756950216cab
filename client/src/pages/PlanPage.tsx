// A plan's page: loads what the plan is (which needs someone signed in who is in its circle), then opens the live
// workspace. Who you are in the plan comes from your account and the circle, never from a name typed here.

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanMeta } from '../../../shared/schemas.js';
import { ApiError, fetchPlan } from '../api.js';
import { Link } from '../components/Link.js';
import { focusIfArrived, withNext } from '../router.js';
import { rememberPlan } from '../storage.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

// The editor is most of the app's weight; the start page does not need it.
const PlanWorkspace = lazy(() => import('../components/PlanWorkspace.js').then((m) => ({ default: m.PlanWorkspace })));

type Load = { state: 'loading' } | { state: 'ready'; plan: PlanMeta } | { state: 'failed'; error: string };

export function PlanPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    fetchPlan(planId).then(
      (plan) => {
        if (!live) return;
        rememberPlan({ id: plan.id, title: plan.title, jurisdiction: plan.jurisdiction });
        setLoad({ state: 'ready', plan });
      },
      (err: unknown) => live && setLoad({ state: 'failed', error: err instanceof ApiError ? err.id : 'internal' }),
    );
    return () => {
      live = false;
    };
  }, [planId]);

  const title =
    load.state === 'ready' ? (load.plan.title ?? t('home.untitled')) : load.state === 'failed' ? t('plan.unavailable') : t('plan.loading');
  useDocumentTitle(title);

  if (load.state === 'loading') {
    return (
      <div className="page narrow">
        <p role="status">{t('plan.loading')}</p>
      </div>
    );
  }
  if (load.state === 'failed' && load.error === 'notSignedIn') {
    const here = `/plans/${encodeURIComponent(planId)}`;
    return (
      <div className="page narrow">
        <h1 tabIndex={-1} ref={focusIfArrived}>
          {t('plan.signInTitle')}
        </h1>
        <p className="lead">{t('plan.signInIntro')}</p>
        <p className="actions">
          <Link className="button primary" href={withNext('/sign-in', here)}>
            {t('account.signIn')}
          </Link>{' '}
          <Link className="button" href={withNext('/sign-up', here)}>
            {t('account.signUp')}
          </Link>
        </p>
      </div>
    );
  }
  if (load.state === 'failed') {
    return (
      <div className="page narrow">
        <h1 tabIndex={-1} ref={focusIfArrived}>
          {t('plan.unavailable')}
        </h1>
        <p className="error" role="alert">
          {t(`errors.${load.error}`)}
        </p>
        <p>
          <a href="/">{t('close.home')}</a>
        </p>
      </div>
    );
  }

  const { plan } = load;
  return (
    <Suspense
      fallback={
        <div className="page narrow">
          <p role="status">{t('plan.loading')}</p>
        </div>
      }
    >
      <PlanWorkspace plan={plan} heading={<PlanHeading plan={plan} />} />
    </Suspense>
  );
}

function PlanHeading({ plan }: { plan: PlanMeta }) {
  const { t } = useTranslation();
  return (
    <div className="plan-heading">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {plan.title ?? t('home.untitled')}
      </h1>
      <p className="meta">{t('jurisdiction.planUnder', { country: t(`jurisdiction.${plan.jurisdiction}`) })}</p>
    </div>
  );
}

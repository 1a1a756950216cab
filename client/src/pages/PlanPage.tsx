// A plan's page: loads what the plan is, asks who you are (once per plan on this device), then opens the
// live workspace.

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinIdentity, PlanMeta } from '../../../shared/schemas.js';
import { ApiError, fetchPlan } from '../api.js';
import { JoinForm } from '../components/JoinForm.js';
import { focusIfArrived, requestPageFocus } from '../router.js';
import { rememberedPlan, rememberedPlans, rememberPlan } from '../storage.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useAccount } from '../account.js';

// The editor is most of the app's weight; the start page does not need it.
const PlanWorkspace = lazy(() => import('../components/PlanWorkspace.js').then((m) => ({ default: m.PlanWorkspace })));

type Load = { state: 'loading' } | { state: 'ready'; plan: PlanMeta } | { state: 'failed'; error: string };

export function PlanPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const account = useAccount();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [identity, setIdentity] = useState<JoinIdentity | null>(() => {
    const saved = rememberedPlan(planId);
    return saved?.name && saved.role ? { name: saved.name, role: saved.role } : null;
  });

  useEffect(() => {
    let live = true;
    fetchPlan(planId).then(
      (plan) => live && setLoad({ state: 'ready', plan }),
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
  const join = (who: JoinIdentity | null) => {
    rememberPlan({ id: plan.id, title: plan.title, jurisdiction: plan.jurisdiction, name: who?.name ?? null, role: who?.role ?? null });
    // The button that was pressed goes away with the form or the workspace: start again from the heading.
    requestPageFocus();
    setIdentity(who);
  };

  if (!identity) {
    const last = rememberedPlans().find((p) => p.name && p.role);
    const signedInName = account.state.status === 'signedIn' ? account.state.account.displayName : undefined;
    return (
      <div className="page narrow">
        <PlanHeading plan={plan} />
        <JoinForm initial={{ name: signedInName ?? last?.name ?? '', ...(last?.role ? { role: last.role } : {}) }} onJoin={join} />
      </div>
    );
  }
  return (
    <Suspense
      fallback={
        <div className="page narrow">
          <p role="status">{t('plan.loading')}</p>
        </div>
      }
    >
      <PlanWorkspace
        key={`${identity.name}/${identity.role}`}
        plan={plan}
        identity={identity}
        heading={<PlanHeading plan={plan} />}
        onChangeIdentity={() => join(null)}
      />
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

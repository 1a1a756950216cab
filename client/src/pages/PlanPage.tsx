// A plan's page: loads what the plan is (which needs someone signed in who is in its circle), then opens the live
// workspace. Who you are in the plan comes from your account and the circle, never from a name typed here.

import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/jurisdictions.js';
import type { PlanMeta } from '../../../shared/schemas.js';
import { useChooseLanguage } from '../components/LanguageSwitcher.js';
import { PlanUnavailable } from '../components/PlanUnavailable.js';
import { usePlan } from '../plans/usePlan.js';
import { focusIfArrived } from '../router.js';
import { rememberPlan } from '../storage.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

// The editor is most of the app's weight; the start page does not need it.
const PlanWorkspace = lazy(() => import('../components/PlanWorkspace.js').then((m) => ({ default: m.PlanWorkspace })));

/** Plans opened here are listed on the start page ("Plans on this device"). */
const remember = (plan: PlanMeta) => rememberPlan({ id: plan.id, title: plan.title, jurisdiction: plan.jurisdiction });

export function PlanPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const load = usePlan(planId, remember);

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
  if (load.state === 'failed') return <PlanUnavailable error={load.error} returnTo={`/plans/${encodeURIComponent(planId)}`} />;

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
      <LanguageOffer planLanguage={plan.language} />
    </div>
  );
}

/**
 * The Welsh "Active Offer": when the plan's own language is not the one the pages are in, offer it — in that
 * language, so someone who reads only Welsh (or only English) can find it.
 */
function LanguageOffer({ planLanguage }: { planLanguage: Language }) {
  const { i18n } = useTranslation();
  const choose = useChooseLanguage();
  if (i18n.language === planLanguage) return null;
  const inPlanLanguage = i18n.getFixedT(planLanguage);
  return (
    <p className="language-offer" lang={planLanguage}>
      {inPlanLanguage('plan.languageOffer')}{' '}
      <button type="button" onClick={() => choose(planLanguage)}>
        {inPlanLanguage('plan.languageOfferButton')}
      </button>
    </p>
  );
}

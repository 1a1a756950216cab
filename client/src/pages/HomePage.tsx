// The start page: begin a new plan under English or Welsh law (for yourself, or as a social worker or advocate for
// someone else), or reopen one used on this device. Starting a plan needs an account: it is the plan's first member.

import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { JURISDICTIONS, type Jurisdiction, type Language } from '../../../shared/jurisdictions.js';
import { LIMITS } from '../../../shared/limits.js';
import { createPlan, errorKey } from '../api.js';
import { Link } from '../components/Link.js';
import { RadioGroup } from '../components/RadioGroup.js';
import { StartedForSomeone } from '../components/StartedForSomeone.js';
import { formatDateTime } from '../formatDate.js';
import { focusIfArrived, navigate, withNext } from '../router.js';
import { rememberedPlans } from '../storage.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useAccount } from '../account.js';
import { MyPlans } from '../components/MyPlans.js';

/** Who a new plan is for: the person starting it, or someone they support as social worker or advocate. */
const FOR_WHOM = ['me', 'socialWorker', 'advocate'] as const;
type ForWhom = (typeof FOR_WHOM)[number];

export function HomePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('home.title'));
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>('england');
  // Nothing is assumed: a social worker starting a plan must not become the person it is about by a default.
  const [forWhom, setForWhom] = useState<ForWhom | null>(null);
  const [forWhomError, setForWhomError] = useState<string | null>(null);
  const firstForWhom = useRef<HTMLInputElement>(null);
  const [started, setStarted] = useState<{ planId: string; title: string | null; link: string } | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleHintId = useId();
  const plans = rememberedPlans();
  const account = useAccount();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!forWhom) {
      setForWhomError(t('home.forWhomRequired'));
      firstForWhom.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const trimmed = title.trim();
      const plan = await createPlan({
        jurisdiction,
        language: i18n.language as Language,
        ...(trimmed ? { title: trimmed } : {}),
        ...(forWhom === 'me' ? {} : { forSomeoneElse: { myRole: forWhom } }),
      });
      if (plan.personInvitationLink) {
        setStarted({ planId: plan.id, title: plan.title, link: new URL(plan.personInvitationLink, window.location.origin).href });
        setBusy(false);
        setTitle('');
      } else {
        navigate(`/plans/${plan.id}`);
      }
    } catch (err) {
      setError(t(errorKey(err)));
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('home.title')}
      </h1>
      <p className="lead">{t('home.intro')}</p>

      {/* A returning person looks for their plans first. */}
      {account.state.status === 'signedIn' && <MyPlans refresh={started?.planId} />}

      {started && <StartedForSomeone key={started.planId} {...started} />}

      <section aria-labelledby="create-heading" className="card">
        <h2 id="create-heading">{t('home.createHeading')}</h2>
        {account.state.status === 'loading' && <p role="status">{t('account.loading')}</p>}
        {(account.state.status === 'signedOut' || account.state.status === 'unknown') && (
          <p>
            {t('home.signInToStart')} <Link href={withNext('/sign-in', '/')}>{t('account.signIn')}</Link> ·{' '}
            <Link href={withNext('/sign-up', '/')}>{t('account.signUp')}</Link>
          </p>
        )}
        {account.state.status === 'signedIn' && (
          <form onSubmit={(e) => void onSubmit(e)} noValidate>
            <RadioGroup
              name="for-whom"
              legend={t('home.forWhomLegend')}
              options={FOR_WHOM.map((w) => ({ value: w, label: t(`home.forWhom.${w}`), hint: t(`home.forWhomHint.${w}`) }))}
              value={forWhom}
              onChange={(chosen) => {
                setForWhom(chosen);
                setForWhomError(null);
              }}
              error={forWhomError}
              firstInputRef={firstForWhom}
            />
            <RadioGroup
              name="jurisdiction"
              legend={t('home.jurisdictionLegend')}
              help={t('home.jurisdictionHelp')}
              options={JURISDICTIONS.map((j) => ({ value: j, label: t(`home.${j}`), hint: t(`home.${j}Hint`) }))}
              value={jurisdiction}
              onChange={setJurisdiction}
            />
            <div className="field">
              <label htmlFor="plan-title">{t('home.titleLabel')}</label>
              <span className="hint" id={titleHintId}>
                {t('home.titleHint')}
              </span>
              <input
                id="plan-title"
                type="text"
                value={title}
                maxLength={LIMITS.maxPlanTitleLength}
                autoComplete="off"
                aria-describedby={titleHintId}
                onChange={(e) => setTitle(e.target.value)}
              />
            </div>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('home.creating') : t('home.create')}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('home.recentHeading')}</h2>
        <p className="hint">{t('home.recentHint')}</p>
        {plans.length === 0 ? (
          <p>{t('home.recentEmpty')}</p>
        ) : (
          <ul className="plan-list">
            {plans.map((p) => (
              <li key={p.id}>
                <a
                  href={`/plans/${p.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/plans/${p.id}`);
                  }}
                >
                  {t('home.planOpened', { title: p.title ?? t('home.untitled'), date: formatDateTime(new Date(p.lastOpened), i18n.language, t) })}
                </a>{' '}
                <span className="meta">{t(`jurisdiction.${p.jurisdiction}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

// Why a plan (or its history) cannot be shown: signed out — sign in or create an account and come back here —
// or another reason from the server (not in the circle, no such plan…), in plain words.

import { useTranslation } from 'react-i18next';
import { focusIfArrived, withNext } from '../router.js';
import { Link } from './Link.js';

export function PlanUnavailable({ error, returnTo }: { error: string; returnTo: string }) {
  const { t } = useTranslation();
  if (error === 'notSignedIn') {
    return (
      <div className="page narrow">
        <h1 tabIndex={-1} ref={focusIfArrived}>
          {t('plan.signInTitle')}
        </h1>
        <p className="lead">{t('plan.signInIntro')}</p>
        <p className="actions">
          <Link className="button primary" href={withNext('/sign-in', returnTo)}>
            {t('account.signIn')}
          </Link>{' '}
          <Link className="button" href={withNext('/sign-up', returnTo)}>
            {t('account.signUp')}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('plan.unavailable')}
      </h1>
      <p className="error" role="alert">
        {t(`errors.${error}`)}
      </p>
      <p>
        <a href="/">{t('close.home')}</a>
      </p>
    </div>
  );
}

// Following an invitation link: sign in (or create an account) first, then join the plan's circle with one click.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../account.js';
import { acceptInvitation, errorKey } from '../api.js';
import { Link } from '../components/Link.js';
import { focusIfArrived, navigate, withNext } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

export function InvitationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { state } = useAccount();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('invitation.title'));
  const here = `/invitations/${token}`;

  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      navigate(`/plans/${await acceptInvitation(token)}`);
    } catch (err) {
      setError(t(errorKey(err)));
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('invitation.title')}
      </h1>
      <p className="lead">{t('invitation.intro')}</p>
      {state.status === 'loading' && <p role="status">{t('plan.loading')}</p>}
      {(state.status === 'signedOut' || state.status === 'unknown') && (
        <p>
          {t('invitation.signInFirst')} <Link href={withNext('/sign-in', here)}>{t('account.signIn')}</Link> ·{' '}
          <Link href={withNext('/sign-up', here)}>{t('account.signUp')}</Link>
        </p>
      )}
      {state.status === 'signedIn' && (
        <>
          <p>{t('invitation.joiningAs', { name: state.account.displayName })}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void join()}>
            {busy ? t('invitation.joining') : t('invitation.join')}
          </button>
        </>
      )}
    </div>
  );
}

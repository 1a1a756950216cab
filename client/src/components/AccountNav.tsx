// The header's account links: "Sign in" and "Create an account", or who is signed in, their account page and
// "Sign out". Signing in from a plan's page comes back to that plan.

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../account.js';
import { errorText } from '../accountForms.js';
import { ApiError } from '../api.js';
import { matchRoute, navigate, nextPathFrom, usePath, withNext } from '../router.js';
import { Link } from './Link.js';

export function AccountNav() {
  const { t } = useTranslation();
  const { state, signOut } = useAccount();
  const route = matchRoute(usePath());
  const [signedOutMessage, setSignedOutMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The Sign out button disappears when it works: focus goes to "Sign in", where it was. */
  const focusSignIn = useRef(false);

  if (state.status === 'loading') return null;

  // Come back here after signing in, except from the start page and the account forms themselves.
  const next =
    route.page === 'signIn' || route.page === 'signUp'
      ? nextPathFrom(window.location.search)
      : route.page === 'home' || route.page === 'notFound'
        ? '/'
        : window.location.pathname;

  const onSignOut = async () => {
    setBusy(true);
    setError(null);
    try {
      const leaveAccountPage = route.page === 'account';
      focusSignIn.current = !leaveAccountPage;
      await signOut();
      setSignedOutMessage(t('account.signedOut'));
      if (leaveAccountPage) navigate('/');
    } catch (err) {
      focusSignIn.current = false;
      setError(errorText(t, err instanceof ApiError ? err.id : 'internal'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <nav className="account-nav" aria-label={t('account.nav')}>
      {state.status === 'signedIn' ? (
        <ul>
          <li className="signed-in-as">{t('account.signedInAs', { name: state.account.displayName })}</li>
          <li>
            <Link href="/account" aria-current={route.page === 'account' ? 'page' : undefined}>
              {t('account.yourAccount')}
            </Link>
          </li>
          <li>
            <button type="button" onClick={() => void onSignOut()} disabled={busy}>
              {t('account.signOut')}
            </button>
          </li>
        </ul>
      ) : (
        <ul>
          <li>
            <Link
              href={withNext('/sign-in', next)}
              aria-current={route.page === 'signIn' ? 'page' : undefined}
              ref={(link) => {
                if (link && focusSignIn.current) {
                  focusSignIn.current = false;
                  link.focus();
                }
              }}
            >
              {t('account.signIn')}
            </Link>
          </li>
          <li>
            <Link href={withNext('/sign-up', next)} aria-current={route.page === 'signUp' ? 'page' : undefined}>
              {t('account.signUp')}
            </Link>
          </li>
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {state.status === 'signedIn' ? '' : signedOutMessage}
      </p>
    </nav>
  );
}

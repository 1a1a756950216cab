// Who is signed in on this browser: asked of the server once when the app starts, then kept up to date by
// signing in, signing up and signing out here. The session itself is an HttpOnly cookie the page never sees.

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Account, ChangePasswordBody, SignInBody, SignUpBody } from '../../shared/schemas.js';
import * as api from './api.js';
import { ApiError } from './api.js';

export type AccountState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; account: Account }
  /** The server could not be asked (offline, or it failed): treated as signed out, with the reason kept. */
  | { status: 'unknown'; error: ApiError['id'] };

export interface AccountActions {
  signIn(body: SignInBody): Promise<Account>;
  signUp(body: SignUpBody): Promise<Account>;
  signOut(): Promise<void>;
  changePassword(body: ChangePasswordBody): Promise<void>;
  /** The server said the session has ended (signed out elsewhere, or expired): stop showing an account. */
  sessionEnded(): void;
}

const AccountContext = createContext<(AccountActions & { state: AccountState }) | null>(null);

export function AccountProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AccountState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api.fetchAccount().then(
      (account) => live && setState(account ? { status: 'signedIn', account } : { status: 'signedOut' }),
      (err: unknown) => live && setState({ status: 'unknown', error: err instanceof ApiError ? err.id : 'internal' }),
    );
    return () => {
      live = false;
    };
  }, []);

  const actions = useMemo<AccountActions>(() => {
    const signedIn = (account: Account) => {
      setState({ status: 'signedIn', account });
      return account;
    };
    return {
      signIn: async (body) => signedIn(await api.signIn(body)),
      signUp: async (body) => signedIn(await api.signUp(body)),
      signOut: async () => {
        try {
          await api.signOut();
        } catch (err) {
          // Already signed out (the session ended elsewhere): that is what was asked for.
          if (!(err instanceof ApiError && err.id === 'notSignedIn')) throw err;
        }
        setState({ status: 'signedOut' });
      },
      sessionEnded: () => setState({ status: 'signedOut' }),
      changePassword: async (body) => {
        try {
          await api.changePassword(body);
        } catch (err) {
          // The session ended (expired, or signed out elsewhere): the page should stop showing an account.
          if (err instanceof ApiError && err.id === 'notSignedIn') setState({ status: 'signedOut' });
          throw err;
        }
      },
    };
  }, []);

  const value = useMemo(() => ({ state, ...actions }), [state, actions]);
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

export function useAccount(): AccountActions & { state: AccountState } {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useAccount needs an AccountProvider above it');
  return value;
}

// Your account: who you are signed in as, and changing your password (which signs out your other sessions).
// Signed out, the page sends you to sign in and brings you back here.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import type { Account } from '../../../shared/schemas.js';
import { useAccount } from '../account.js';
import { errorText, newPasswordProblem, useFormSubmission } from '../accountForms.js';
import { TextField } from '../components/TextField.js';
import { formatDateTime } from '../formatDate.js';
import { focusIfArrived, navigate, withNext } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { FormSubmit } from '../components/FormSubmit.js';

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.accountTitle'));
  const { state } = useAccount();

  useEffect(() => {
    if (state.status === 'signedOut') navigate(withNext('/sign-in', '/account'), { replace: true });
  }, [state.status]);

  if (state.status !== 'signedIn') {
    return (
      <div className="page narrow">
        {state.status === 'unknown' ? (
          <>
            <h1 tabIndex={-1} ref={focusIfArrived}>
              {t('account.accountTitle')}
            </h1>
            <p className="error" role="alert">
              {errorText(t, state.error)}
            </p>
          </>
        ) : (
          <p role="status">{t('account.loading')}</p>
        )}
      </div>
    );
  }
  return <SignedInAccount account={state.account} />;
}

function SignedInAccount({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('account.accountTitle')}
      </h1>
      <dl className="account-details">
        <dt>{t('account.nameTerm')}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t('account.emailTerm')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('account.createdTerm')}</dt>
        <dd>{formatDateTime(new Date(account.createdAt), i18n.language, t)}</dd>
      </dl>
      <ChangePasswordForm email={account.email} />
    </div>
  );
}

type Field = 'currentPassword' | 'newPassword';

function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const { changePassword } = useAccount();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);
  const currentInput = useRef<HTMLInputElement>(null);
  const newInput = useRef<HTMLInputElement>(null);
  const { problems, busy, submit } = useFormSubmission<Field>([
    ['currentPassword', currentInput],
    ['newPassword', newInput],
  ]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    void submit({
      check: {
        currentPassword: currentPassword ? undefined : t('account.currentPasswordRequired'),
        newPassword: newPasswordProblem(t, newPassword, t('account.newPasswordRequired')),
      },
      send: async () => {
        await changePassword({ currentPassword, newPassword });
        setCurrentPassword('');
        setNewPassword('');
        setChanged(true);
      },
      fieldMessages: {
        currentPassword: t('errors.wrongPassword'),
        newPassword: t('account.passwordInvalid', { min: LIMITS.minPasswordLength, max: LIMITS.maxPasswordLength }),
      },
      errorFields: { wrongPassword: 'currentPassword' },
    });
  };

  return (
    <section aria-labelledby="change-password-heading" className="card">
      <h2 id="change-password-heading">{t('account.changePasswordHeading')}</h2>
      <p>{t('account.changePasswordIntro')}</p>
      <form onSubmit={onSubmit} noValidate>
        {/* Tells password managers which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          id="current-password"
          label={t('account.currentPasswordLabel')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          inputRef={currentInput}
          revealLabel={t('account.showCurrentPassword')}
          error={problems.currentPassword}
        />
        <TextField
          id="new-password"
          label={t('account.newPasswordLabel')}
          hint={t('account.newPasswordHint', { min: LIMITS.minPasswordLength })}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          inputRef={newInput}
          revealLabel={t('account.showNewPassword')}
          error={problems.newPassword}
        />
        <FormSubmit problem={problems.form} busy={busy} label={t('account.changePasswordSubmit')} busyLabel={t('account.changingPassword')} />
        <p role="status" className="success">
          {changed ? t('account.passwordChanged') : ''}
        </p>
      </form>
    </section>
  );
}

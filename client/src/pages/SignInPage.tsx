// Sign in with email and password, then carry on to the page that asked for it (the `next` parameter).

import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import { useAccount } from '../account.js';
import { emailProblem, useFormSubmission } from '../accountForms.js';
import { Link } from '../components/Link.js';
import { TextField } from '../components/TextField.js';
import { focusIfArrived, navigate, nextPathFrom, withNext } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { FormSubmit } from '../components/FormSubmit.js';

type Field = 'email' | 'password';

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.signInTitle'));
  const { state, signIn } = useAccount();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const { problems, busy, submit } = useFormSubmission<Field>([
    ['email', emailInput],
    ['password', passwordInput],
  ]);
  const next = nextPathFrom(window.location.search);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit({
      check: {
        email: emailProblem(t, email),
        password: !password
          ? t('account.passwordRequired')
          : password.length > LIMITS.maxPasswordLength
            ? t('account.passwordTooLong', { max: LIMITS.maxPasswordLength })
            : undefined,
      },
      send: async () => {
        await signIn({ email: email.trim(), password });
        navigate(next);
      },
      fieldMessages: { email: t('account.emailInvalid'), password: t('account.passwordTooLong', { max: LIMITS.maxPasswordLength }) },
      errorFields: { wrongEmailOrPassword: 'password' },
    });
  };

  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('account.signInTitle')}
      </h1>
      {state.status === 'signedIn' && !busy && (
        <p className="card" role="status">
          {t('account.alreadySignedIn', { name: state.account.displayName })} <Link href={next}>{t('account.continue')}</Link>
        </p>
      )}
      <p className="lead">{t('account.signInIntro')}</p>
      <form className="card" onSubmit={onSubmit} noValidate>
        <TextField
          id="sign-in-email"
          label={t('account.emailLabel')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          maxLength={LIMITS.maxEmailLength}
          inputRef={emailInput}
          error={problems.email}
        />
        <TextField
          id="sign-in-password"
          label={t('account.passwordLabel')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          inputRef={passwordInput}
          revealLabel={t('account.showPassword')}
          error={problems.password}
        />
        <FormSubmit problem={problems.form} busy={busy} label={t('account.signInSubmit')} busyLabel={t('account.signingIn')} />
      </form>
      <p>
        {t('account.noAccount')} <Link href={withNext('/sign-up', next)}>{t('account.signUp')}</Link>
      </p>
    </div>
  );
}

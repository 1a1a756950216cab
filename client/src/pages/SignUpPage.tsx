// Create an account (name, email, password); it is signed in at once, then carries on to the `next` page.

import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import { useAccount } from '../account.js';
import { emailProblem, nameProblem, newPasswordProblem, useFormSubmission } from '../accountForms.js';
import { Link } from '../components/Link.js';
import { TextField } from '../components/TextField.js';
import { focusIfArrived, navigate, nextPathFrom, withNext } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { FormSubmit } from '../components/FormSubmit.js';

type Field = 'displayName' | 'email' | 'password';

export function SignUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.signUpTitle'));
  const { signUp } = useAccount();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const { problems, busy, submit } = useFormSubmission<Field>([
    ['displayName', nameInput],
    ['email', emailInput],
    ['password', passwordInput],
  ]);
  const next = nextPathFrom(window.location.search);
  const passwordLength = { min: LIMITS.minPasswordLength, max: LIMITS.maxPasswordLength };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit({
      check: {
        displayName: nameProblem(t, displayName),
        email: emailProblem(t, email),
        password: newPasswordProblem(t, password, t('account.passwordRequired')),
      },
      send: async () => {
        await signUp({ displayName: displayName.normalize('NFC').trim(), email: email.trim(), password });
        navigate(next);
      },
      fieldMessages: {
        displayName: t('account.nameInvalid', { max: LIMITS.maxDisplayNameLength }),
        email: t('account.emailInvalid'),
        password: t('account.passwordInvalid', passwordLength),
      },
      errorFields: { emailTaken: 'email' },
    });
  };

  return (
    <div className="page narrow">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {t('account.signUpTitle')}
      </h1>
      <p className="lead">{t('account.signUpIntro')}</p>
      <form className="card" onSubmit={onSubmit} noValidate>
        <TextField
          id="sign-up-name"
          label={t('account.nameLabel')}
          hint={t('account.nameHint')}
          type="text"
          autoComplete="name"
          value={displayName}
          onChange={setDisplayName}
          maxLength={LIMITS.maxDisplayNameLength}
          inputRef={nameInput}
          error={problems.displayName}
        />
        <TextField
          id="sign-up-email"
          label={t('account.emailLabel')}
          hint={t('account.emailHint')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          maxLength={LIMITS.maxEmailLength}
          inputRef={emailInput}
          error={problems.email}
        />
        <TextField
          id="sign-up-password"
          label={t('account.passwordLabel')}
          hint={t('account.newPasswordHint', { min: LIMITS.minPasswordLength })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          inputRef={passwordInput}
          revealLabel={t('account.showPassword')}
          error={problems.password}
        />
        <FormSubmit problem={problems.form} busy={busy} label={t('account.signUpSubmit')} busyLabel={t('account.signingUp')} />
      </form>
      <p>
        {t('account.haveAccount')} <Link href={withNext('/sign-in', next)}>{t('account.signIn')}</Link>
      </p>
    </div>
  );
}

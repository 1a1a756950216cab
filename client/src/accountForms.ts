// What the account forms check before sending, and how a refusal is told to the person: against the field it
// concerns when there is one (so they can fix it there), else for the whole form. Checks use the same limits
// and email rule as the server, from shared/.

import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorId } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { emailSchema } from '../../shared/schemas.js';
import { ApiError } from './api.js';

type Translate = (key: string, options?: Record<string, string | number>) => string;

/** Problems found, by field; `form` is one that belongs to no field. */
export type Problems<F extends string> = Partial<Record<F | 'form', string>>;

/** The plain-words message for an error id (`errors.<id>`). */
export function errorText(t: Translate, id: ErrorId | 'network'): string {
  return t(`errors.${id}`, { minutes: Math.round(LIMITS.failedSignInWindowMs / 60_000) });
}

export function nameProblem(t: Translate, name: string): string | undefined {
  const trimmed = name.normalize('NFC').trim();
  if (!trimmed) return t('account.nameRequired');
  if (trimmed.length > LIMITS.maxDisplayNameLength) return t('account.nameTooLong', { max: LIMITS.maxDisplayNameLength });
  if (/\p{Cc}/u.test(trimmed)) return t('account.nameInvalid', { max: LIMITS.maxDisplayNameLength });
  return undefined;
}

export function emailProblem(t: Translate, email: string): string | undefined {
  const trimmed = email.trim();
  if (!trimmed) return t('account.emailRequired');
  if (trimmed.length > LIMITS.maxEmailLength) return t('account.emailTooLong', { max: LIMITS.maxEmailLength });
  if (!emailSchema.safeParse(trimmed).success) return t('account.emailInvalid');
  return undefined;
}

/** A password being chosen: long enough to be hard to guess. `missing` is the message for an empty field. */
export function newPasswordProblem(t: Translate, password: string, missing: string): string | undefined {
  if (!password) return missing;
  if (password.length < LIMITS.minPasswordLength) return t('account.passwordTooShort', { min: LIMITS.minPasswordLength });
  if (password.length > LIMITS.maxPasswordLength) return t('account.passwordTooLong', { max: LIMITS.maxPasswordLength });
  return undefined;
}

/** Drops the fields without a problem; empty when everything is fine. */
export function found<F extends string>(problems: Problems<F>): Problems<F> {
  return Object.fromEntries(Object.entries(problems).filter(([, message]) => message)) as Problems<F>;
}

/** Moves focus to the first field, in page order, that has a problem. True when there was one. */
export function focusFirstProblem<F extends string>(
  problems: Problems<F>,
  fields: readonly (readonly [F, RefObject<HTMLInputElement | null>])[],
): boolean {
  const first = fields.find(([name]) => problems[name]);
  first?.[1].current?.focus();
  return first !== undefined;
}

/**
 * Problems from a failed request. `fieldMessages` says, for each field, what to show when the server found that
 * field invalid (its words are English and technical, so they are not shown); `errorFields` places other
 * errors against a field (a wrong password against the password).
 */
export function problemsFromFailure<F extends string>(
  t: Translate,
  err: unknown,
  fieldMessages: Record<F, string>,
  errorFields: Partial<Record<ErrorId, F>> = {},
): Problems<F> {
  if (!(err instanceof ApiError)) return { form: errorText(t, 'internal') } as Problems<F>;
  const problems: Problems<F> = {};
  if (err.id === 'invalidRequest') {
    for (const issue of err.issues) {
      if (Object.hasOwn(fieldMessages, issue.path)) problems[issue.path as F] = fieldMessages[issue.path as F];
    }
    if (Object.keys(problems).length > 0) return problems;
  }
  const field = err.id === 'network' ? undefined : errorFields[err.id];
  if (field) problems[field] = errorText(t, err.id);
  else problems.form = errorText(t, err.id);
  return problems;
}

/**
 * The submit cycle every account form shares: check, show and focus the first problem, or send; a refusal is
 * turned into problems (see problemsFromFailure) and the first one focused.
 */
export function useFormSubmission<F extends string>(fields: readonly (readonly [F, RefObject<HTMLInputElement | null>])[]) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<Problems<F>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (form: {
    check: Problems<F>;
    send: () => Promise<void>;
    fieldMessages: Record<F, string>;
    errorFields?: Partial<Record<ErrorId, F>>;
  }): Promise<void> => {
    const before = found<F>(form.check);
    setProblems(before);
    if (focusFirstProblem(before, fields)) return;
    setBusy(true);
    try {
      await form.send();
    } catch (err) {
      const after = problemsFromFailure<F>(t, err, form.fieldMessages, form.errorFields);
      setProblems(after);
      focusFirstProblem(after, fields);
    } finally {
      setBusy(false);
    }
  };

  return { problems, busy, submit };
}

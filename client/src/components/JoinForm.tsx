// Until accounts exist, joining a plan means telling the others your name and your part in the plan.
// The server keeps this per connection; nothing inside the document can claim another name.

import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { JoinIdentity } from '../../../shared/schemas.js';
import { RadioGroup } from './RadioGroup.js';

export function JoinForm(props: { initial: Partial<JoinIdentity>; onJoin: (identity: JoinIdentity) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial.name ?? '');
  // No part is assumed: a social worker joining must not be recorded as the person the plan is about.
  const [role, setRole] = useState<Role | null>(props.initial.role ?? null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [roleError, setRoleError] = useState<string | null>(null);
  const nameHintId = useId();
  const errorId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const firstRole = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const nameProblem = !trimmed
      ? t('join.nameRequired')
      : [...trimmed].length > LIMITS.maxDisplayNameLength
        ? t('join.nameTooLong', { max: LIMITS.maxDisplayNameLength })
        : null;
    const roleProblem = role ? null : t('join.roleRequired');
    setNameError(nameProblem);
    setRoleError(roleProblem);
    if (nameProblem) return nameInput.current?.focus();
    if (!role) return firstRole.current?.focus();
    props.onJoin({ name: trimmed, role });
  };

  return (
    <section aria-labelledby="join-heading" className="card">
      <h2 id="join-heading">{t('join.heading')}</h2>
      <p>{t('join.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="join-name">{t('join.nameLabel')}</label>
          <span className="hint" id={nameHintId}>
            {t('join.nameHint')}
          </span>
          <input
            id="join-name"
            ref={nameInput}
            type="text"
            value={name}
            autoComplete="name"
            maxLength={LIMITS.maxDisplayNameLength}
            aria-describedby={nameError ? `${nameHintId} ${errorId}` : nameHintId}
            aria-invalid={nameError ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {nameError && (
            <p className="error" id={errorId} role="alert">
              {nameError}
            </p>
          )}
        </div>
        <RadioGroup
          name="role"
          legend={t('join.roleLabel')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(chosen) => {
            setRole(chosen);
            setRoleError(null);
          }}
          error={roleError}
          firstInputRef={firstRole}
        />
        <button type="submit" className="primary">
          {t('join.submit')}
        </button>
      </form>
    </section>
  );
}

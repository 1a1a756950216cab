// Until accounts exist, joining a plan means telling the others your name and your part in the plan.
// The server keeps this per connection; nothing inside the document can claim another name.

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { JoinIdentity } from '../../../shared/schemas.js';
import { RadioGroup } from './RadioGroup.js';

export function JoinForm(props: { initial: Partial<JoinIdentity>; onJoin: (identity: JoinIdentity) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial.name ?? '');
  const [role, setRole] = useState<Role>(props.initial.role ?? 'person');
  const [error, setError] = useState<string | null>(null);
  const nameHintId = useId();
  const errorId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(t('join.nameRequired'));
    if ([...trimmed].length > LIMITS.maxDisplayNameLength) {
      return setError(t('join.nameTooLong', { max: LIMITS.maxDisplayNameLength }));
    }
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
            type="text"
            value={name}
            autoComplete="name"
            maxLength={LIMITS.maxDisplayNameLength}
            aria-describedby={error ? `${nameHintId} ${errorId}` : nameHintId}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p className="error" id={errorId} role="alert">
              {error}
            </p>
          )}
        </div>
        <RadioGroup
          name="role"
          legend={t('join.roleLabel')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={setRole}
        />
        <button type="submit" className="primary">
          {t('join.submit')}
        </button>
      </form>
    </section>
  );
}

// For the person (or their plan manager): make a single-use link that lets someone join the circle with a role and
// a level, and copy it to send them. While a plan started for someone waits for them, it can make their link again.

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, can, type Level } from '../../../shared/permissions.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { Access } from '../../../shared/schemas.js';
import { createInvitation, errorKey } from '../api.js';
import { RadioGroup } from './RadioGroup.js';

export function InvitePanel({ planId, me, open }: { planId: string; me: Access; open?: boolean }) {
  const { t } = useTranslation();
  // Shown only to someone the server says may manage this plan's circle (it checks again on every request).
  const allowed = can(me, 'manageCircle', { openSections: new Set(me.openSections) });
  // A plan has one person: they can be invited only while the plan waits for them.
  const roles = ROLES.filter((r) => r !== 'person' || me.awaitingPerson);
  const [role, setRole] = useState<Role>(me.awaitingPerson ? 'person' : 'family');
  const [level, setLevel] = useState<Level>('edit');
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!allowed) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      setLink(new URL(await createInvitation(planId, { role, level }), window.location.origin).href);
    } catch (err) {
      setMessage(t(errorKey(err)));
    }
    setBusy(false);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link!);
      setMessage(t('circle.linkCopied'));
    } catch {
      setMessage(t('circle.copyByHand'));
    }
  };

  return (
    // Folded away by default: the plan itself comes first on its page.
    <details className="card invite" open={open}>
      <summary>{t('circle.inviteHeading')}</summary>
      <section aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="visually-hidden">{t('circle.inviteHeading')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <RadioGroup name="invite-role" legend={t('circle.inviteRole')} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={setRole} />
        <RadioGroup
          name="invite-level"
          legend={t('circle.inviteLevel')}
          options={LEVELS.map((l) => ({ value: l, label: t(`circle.level.${l}`), hint: t(`circle.levelHint.${l}`) }))}
          value={level}
          onChange={setLevel}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('circle.createLink')}
        </button>
      </form>
      {link && (
        <div className="field">
          <label htmlFor="invite-link">{t('circle.linkLabel')}</label>
          <span className="hint">{t('circle.linkHint')}</span>
          <input id="invite-link" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => void copy()}>
            {t('circle.copyLink')}
          </button>
        </div>
      )}
      <p role="status">{message}</p>
      </section>
    </details>
  );
}

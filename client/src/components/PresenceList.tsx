// Who is in the plan now: name, role, colour (the colour of their caret), and which section they are in.

import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../sync/planSession.js';

export function PresenceList({ presence }: { presence: PresenceEntry[] }) {
  const { t } = useTranslation();
  const where = (p: PresenceEntry) =>
    p.section ? t('presence.inSection', { section: t(`sections.${p.section}.heading`) }) : t('presence.browsing');
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('presence.heading')}</h2>
      <p className="meta">{t('presence.count', { count: presence.length })}</p>
      <ul>
        {presence.map((p) => (
          <li key={p.clientId}>
            <span className="swatch" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span className="presence-name">
              {p.name} {p.isMe && <span className="meta">{t('presence.you')}</span>}
            </span>
            {p.role && <span className="meta">{t(`roles.${p.role}`)}</span>}
            {/* One line, whatever the section's name: the list must not change height as people move about, or a
                button below it moves away between pressing and releasing it. */}
            <span className="meta presence-where" title={where(p)}>
              {where(p)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

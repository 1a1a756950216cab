// The live plan: who you are, the save state, who is here, and the twelve sections to write in.

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinIdentity, PlanMeta } from '../../../shared/schemas.js';
import { SECTIONS } from '../../../shared/sections.js';
import { confirmLeave, setLeaveGuard } from '../router.js';
import { usePlanSession } from '../sync/usePlanSession.js';
import { planAsText } from '../sync/planText.js';
import { ConnectionProblem } from './ConnectionProblem.js';
import { InvitePanel } from './InvitePanel.js';
import { PresenceList } from './PresenceList.js';
import { SaveStatus } from './SaveStatus.js';
import { SectionEditor } from './SectionEditor.js';

export function PlanWorkspace(props: {
  plan: PlanMeta;
  identity: JoinIdentity;
  heading: ReactNode;
  onChangeIdentity: () => void;
}) {
  const { t } = useTranslation();
  const { plan, identity } = props;
  const { session, snapshot } = usePlanSession(plan.id, identity);
  const [copied, setCopied] = useState<string | null>(null);

  // Going to another page, or back to the join form, ends this session: ask first if words are not saved yet.
  useEffect(() => {
    setLeaveGuard(() => session?.hasUnsavedChanges ?? false);
    return () => setLeaveGuard(null);
  }, [session]);

  const copyLink = async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('plan.copied'));
    } catch {
      setCopied(t('plan.copyFailed', { url }));
    }
  };

  return (
    <div className="workspace">
      <div className="workspace-top">
        {props.heading}
        <div className="identity-bar">
          <span>{t('plan.youAre', { name: identity.name, role: t(`roles.${identity.role}`) })}</span>
          <button type="button" onClick={() => confirmLeave() && props.onChangeIdentity()}>
            {t('plan.changeName')}
          </button>
          <button type="button" onClick={() => void copyLink()} aria-describedby="share-hint">
            {t('plan.share')}
          </button>
          <span className="hint" id="share-hint">
            {t('plan.shareHint')}
          </span>
          <span role="status" className="copied">
            {copied}
          </span>
        </div>
      </div>
      {snapshot?.closedBecause && session && (
        <ConnectionProblem
          reason={snapshot.closedBecause}
          planText={() => planAsText(session.doc, SECTIONS.map((s) => ({ id: s.id, heading: t(`sections.${s.id}.heading`) })))}
        />
      )}
      <InvitePanel planId={plan.id} />
      <div className="workspace-body">
        <aside className="workspace-side" aria-label={t('presence.heading')}>
          {snapshot && <SaveStatus state={snapshot.saveState} interruptedBecause={snapshot.interruptedBecause} />}
          {snapshot && <PresenceList presence={snapshot.presence} />}
          <nav aria-labelledby="sections-nav-heading" className="sections-nav">
            <h2 id="sections-nav-heading">{t('plan.sectionsNav')}</h2>
            <ol>
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#section-${s.id}`}>{t(`sections.${s.id}.heading`)}</a>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
        <div className="sections">
          {session &&
            SECTIONS.map((section, index) => (
              <SectionEditor
                key={section.id}
                session={session}
                section={section}
                number={index + 1}
                jurisdiction={plan.jurisdiction}
                readOnly={snapshot?.closedBecause != null}
              />
            ))}
        </div>
      </div>
    </div>
  );
}

// The live plan: who you are in it, the save state, who is here and who is in the circle, and the twelve sections
// to write in, each editable only when the circle's rights allow it (the server enforces the same rules).

import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { actsForPerson, can } from '../../../shared/permissions.js';
import type { Access, PlanMeta } from '../../../shared/schemas.js';
import { SECTIONS } from '../../../shared/sections.js';
import { AuthorshipPanel } from '../authorship/AuthorshipPanel.js';
import { useAuthorship } from '../authorship/useAuthorship.js';
import { useAgreement } from '../agreement/useAgreement.js';
import { DiscussionSummary } from '../discussion/DiscussionSummary.js';
import { SectionDiscussion } from '../discussion/SectionDiscussion.js';
import { useDiscussion } from '../discussion/useDiscussion.js';
import { readOnlyReason } from '../circle/sectionRights.js';
import { useCircle } from '../circle/useCircle.js';
import { MeetingArea } from '../meeting/MeetingArea.js';
import { useMeeting } from '../meeting/useMeeting.js';
import { setLeaveGuard } from '../router.js';
import { planAsText } from '../sync/planText.js';
import { usePlanSession } from '../sync/usePlanSession.js';
import { BudgetPanel } from '../plan/BudgetPanel.js';
import { ChecklistPanel } from '../plan/ChecklistPanel.js';
import { FrontPagePanel } from '../plan/FrontPagePanel.js';
import { ActionsPanel, OutcomesPanel } from '../plan/OutcomesActions.js';
import { ReviewsPanel } from '../plan/ReviewsPanel.js';
import { ManagementPanel } from '../plan/ManagementPanel.js';
import { AgreementPanel } from './AgreementPanel.js';
import { CirclePanel } from './CirclePanel.js';
import { useAccount } from '../account.js';
import { ConnectionProblem, LOST_ACCESS } from './ConnectionProblem.js';
import { InvitePanel } from './InvitePanel.js';
import { Link } from './Link.js';
import { PresenceList } from './PresenceList.js';
import { RefusalNotice } from './RefusalNotice.js';
import { SaveStatus } from './SaveStatus.js';
import { SectionEditor } from './SectionEditor.js';
import { SectionRightsToggle } from './SectionRightsToggle.js';

export function PlanWorkspace(props: { plan: PlanMeta; heading: ReactNode }) {
  const { t } = useTranslation();
  const { plan } = props;
  const { session, snapshot, refused, dismissRefusal } = usePlanSession(plan.id);
  const me = snapshot?.access ?? null;
  const onAccess = useCallback((access: Access) => session?.updateAccess(access), [session]);
  const { circle, applyAnswer } = useCircle(plan.id, me, onAccess);
  const authorship = useAuthorship(plan.id, session);
  const agreement = useAgreement(plan.id, session);
  const discussion = useDiscussion(plan.id, session, me?.accountId ?? null);
  const meeting = useMeeting(plan.id, session);
  const [projector, setProjector] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const stopped = snapshot?.closedBecause != null;
  // Removed from the circle (or never in it): the plan is no longer shown at all, only why.
  const lostAccess = snapshot?.closedBecause != null && LOST_ACCESS.has(snapshot.closedBecause);
  const { sessionEnded } = useAccount();
  useEffect(() => {
    if (snapshot?.closedBecause === 'notSignedIn') sessionEnded();
  }, [snapshot?.closedBecause, sessionEnded]);

  // Going to another page ends this session: ask first if words are not saved yet.
  useEffect(() => {
    setLeaveGuard(() => session?.hasUnsavedChanges ?? false);
    return () => setLeaveGuard(null);
  }, [session]);

  const hereNow = useMemo(
    () => new Set((snapshot?.presence ?? []).flatMap((p) => (p.accountId ? [p.accountId] : []))),
    [snapshot?.presence],
  );
  const personName = circle?.members.find((m) => m.role === 'person')?.displayName ?? null;

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
    <div className={projector ? 'workspace projector' : 'workspace'}>
      <div className="workspace-top">
        {props.heading}
        {!lostAccess && (
          <div className="identity-bar">
            {me ? (
              <span>{t('plan.youAre', { name: me.displayName, role: t(`roles.${me.role}`) })}</span>
            ) : (
              <span role="status">{t('plan.loading')}</span>
            )}
            <button type="button" onClick={() => void copyLink()} aria-describedby="share-hint">
              {t('plan.share')}
            </button>
            <Link className="history-link" href={`/plans/${encodeURIComponent(plan.id)}/history`}>
              {t('history.link')}
            </Link>
            <Link className="history-link" href={`/plans/${encodeURIComponent(plan.id)}/versions`}>
              {t('versions.link')}
            </Link>
            <Link className="history-link" href={`/plans/${encodeURIComponent(plan.id)}/copies`}>
              {t('copies.link')}
            </Link>
            <span className="hint" id="share-hint">
              {t('plan.shareHint')}
            </span>
            <span role="status" className="copied">
              {copied}
            </span>
          </div>
        )}
        {me && !lostAccess && me.role !== 'person' && actsForPerson(me) && (
          <p className="on-behalf">
            {t('plan.onBehalf')} {me.awaitingPerson && t('plan.awaitingPerson')}
          </p>
        )}
      </div>
      {refused && (
        <RefusalNotice
          onDismiss={() => {
            dismissRefusal();
            // The notice had focus; carry on from the plan's heading.
            document.querySelector<HTMLElement>('.plan-heading h1')?.focus();
          }}
        />
      )}
      {stopped && session && (
        <ConnectionProblem
          reason={snapshot.closedBecause!}
          planText={() => planAsText(session.doc, SECTIONS.map((s) => ({ id: s.id, heading: t(`sections.${s.id}.heading`) })))}
        />
      )}
      {me && !stopped && <InvitePanel planId={plan.id} me={me} open={me.awaitingPerson || undefined} />}
      {session && me && !stopped && (
        <MeetingArea
          planId={plan.id}
          me={me}
          session={session}
          personName={personName}
          state={meeting}
          mayAddAction={readOnlyReason(me, 'howNeedsMet', personName) === null}
          projector={projector}
          onProjector={setProjector}
        />
      )}
      {!lostAccess && (
        <div className="workspace-body">
          <aside className="workspace-side" aria-label={t('plan.sideHeading')}>
            {snapshot && <SaveStatus state={snapshot.saveState} interruptedBecause={snapshot.interruptedBecause} />}
            {me && <DiscussionSummary state={discussion} personName={personName} />}
            {/* Above the presence list, which changes height when the editor loses focus (a click here would miss). */}
            {me && <AuthorshipPanel authorship={authorship} />}
            {snapshot && <PresenceList presence={snapshot.presence} />}
            {me && !stopped && <CirclePanel planId={plan.id} me={me} circle={circle} hereNow={hereNow} onAnswer={applyAnswer} />}
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
            {session && me && (
              <FrontPagePanel
                doc={session.doc}
                readOnly={stopped || readOnlyReason(me, 'aboutMe', personName) !== null}
                readOnlyNote={stopped ? null : (readOnlyReason(me, 'aboutMe', personName)?.map((r) => t(r.key, r.values)).join(' ') ?? null)}
                circle={circle}
              />
            )}
            {session && me && <ChecklistPanel doc={session.doc} jurisdiction={plan.jurisdiction} />}
            {/* The editors wait for the server to say what this member may do, so nothing looks writable that is not. */}
            {session &&
              me &&
              SECTIONS.map((section, index) => {
                const reason = stopped ? null : readOnlyReason(me, section.id, personName);
                const managesRights = section.defaultEditors !== 'circle' && can(me, 'changeSectionRights', { openSections: new Set(me.openSections) });
                return (
                  <SectionEditor
                    key={section.id}
                    session={session}
                    section={section}
                    number={index + 1}
                    jurisdiction={plan.jurisdiction}
                    readOnly={stopped || reason !== null}
                    readOnlyNote={reason && reason.map((r) => t(r.key, r.values)).join(' ')}
                    authorship={authorship.config}
                    discussion={(editor) => (
                      <SectionDiscussion
                        editor={editor}
                        sectionId={section.id}
                        me={stopped ? { ...me, level: 'view' } : me}
                        personName={personName}
                        state={discussion}
                      />
                    )}
                    rights={
                      managesRights && !stopped ? (
                        <SectionRightsToggle
                          planId={plan.id}
                          sectionId={section.id}
                          open={me.openSections.includes(section.id)}
                          personName={personName}
                          onAnswer={applyAnswer}
                        />
                      ) : undefined
                    }
                  >
                    {section.id === 'whatMatters' && <OutcomesPanel doc={session.doc} readOnly={stopped || reason !== null} jurisdiction={plan.jurisdiction} />}
                    {section.id === 'howNeedsMet' && <ActionsPanel doc={session.doc} readOnly={stopped || reason !== null} />}
                    {section.id === 'personalBudget' && <BudgetPanel doc={session.doc} readOnly={stopped || reason !== null} />}
                    {section.id === 'budgetManagement' && <ManagementPanel doc={session.doc} readOnly={stopped || reason !== null} />}
                    {section.id === 'reviews' && <ReviewsPanel doc={session.doc} readOnly={stopped || reason !== null} />}
                  </SectionEditor>
                );
              })}
            {/* After the plan's last section (Agreement): what each member said about the plan as it is now. */}
            {session && me && <AgreementPanel planId={plan.id} me={me} agreement={agreement} />}
          </div>
        </div>
      )}
    </div>
  );
}

// Who agrees with the plan: each member's latest statement (the person's first), with why someone does not agree,
// marked "given for an earlier version" once the plan has changed since (with the way to see what changed); the
// council's sign-off on its own; who has not said yet; and the buttons to say it oneself. The server stamps who,
// when and for which content; it is fetched again whenever the plan or its record changes (useAgreement).

import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions.js';
import type { Access } from '../../../shared/schemas.js';
import type { AgreementStatement } from '../../../shared/versions.js';
import type { Agreement } from '../agreement/useAgreement.js';
import { personLabel } from '../history/historySentence.js';
import { formatWhen } from '../history/historyTime.js';
import { comparePath } from '../versions/versionWords.js';
import { AgreementForms } from './AgreementForms.js';
import { Link } from './Link.js';

export function AgreementPanel({ planId, me, agreement }: { planId: string; me: Access; agreement: Agreement }) {
  const { t } = useTranslation();
  const { view, error } = agreement;
  const access = { openSections: new Set(me.openSections) };
  return (
    <section className="card agreement" aria-labelledby="agreement-heading" id="agreement">
      <h2 id="agreement-heading">{t('agreement.heading')}</h2>
      <p className="hint">{t('agreement.intro')}</p>
      {!view && !error && <p role="status">{t('agreement.loading')}</p>}
      {error && (
        <p className="error" role="alert">
          {t('agreement.failed', { reason: t(error) })}
        </p>
      )}
      {view && (
        <>
          <h3>{t('agreement.statementsHeading')}</h3>
          {view.statements.length === 0 ? (
            <p>{t('agreement.none')}</p>
          ) : (
            <ul className="statements">
              {view.statements.map((s) => (
                <StatementRow key={s.by.accountId} planId={planId} statement={s} isMe={s.by.accountId === me.accountId} />
              ))}
            </ul>
          )}
          <h3>{t('agreement.signOffHeading')}</h3>
          {view.signOff ? (
            <ul className="statements">
              <StatementRow planId={planId} statement={view.signOff} isMe={view.signOff.by.accountId === me.accountId} />
            </ul>
          ) : (
            <p>{t('agreement.notSignedOff')}</p>
          )}
          {view.notYet.length > 0 && (
            <>
              <h3>{t('agreement.notYetHeading')}</h3>
              <ul className="not-yet">
                {view.notYet.map((p) => (
                  <li key={p.accountId}>{personLabel(p, t)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {can(me, 'recordAgreement', access) && (
        <AgreementForms planId={planId} maySignOff={can(me, 'recordCouncilSignOff', access)} onRecorded={agreement.refresh} />
      )}
    </section>
  );
}

function StatementRow({ planId, statement, isMe }: { planId: string; statement: AgreementStatement; isMe: boolean }) {
  const { t, i18n } = useTranslation();
  const when = formatWhen(new Date(statement.at), i18n.language, t);
  const id = `statement-${statement.seq}`;
  return (
    <li className={`statement statement-${statement.kind}${statement.current ? '' : ' statement-earlier'}`} data-account={statement.by.accountId}>
      <span className="member-name" id={`${id}-who`}>
        {personLabel(statement.by, t)} {isMe && <span className="meta">{t('presence.you')}</span>}
      </span>
      <span className="statement-says">
        <span className="statement-mark" aria-hidden="true">
          {statement.kind === 'disagree' ? '✗' : '✓'}
        </span>{' '}
        {says(statement, t)}
      </span>
      <span className="meta">
        {statement.versionName === null ? t('agreement.givenAt', { when }) : t('agreement.givenAtVersion', { when, name: statement.versionName })}
      </span>
      {statement.current ? (
        <span className="badge statement-current">{t('agreement.forNow')}</span>
      ) : (
        <span className="statement-earlier-note">
          <span className="badge">{t('agreement.earlier')}</span>{' '}
          <Link href={comparePath(planId, statement.seq)} aria-describedby={`${id}-who`}>
            {t('agreement.seeChanges')}
          </Link>
        </span>
      )}
    </li>
  );
}

function says(statement: AgreementStatement, t: (key: string, values?: Record<string, string>) => string): string {
  const reason = statement.reason?.trim() || null;
  if (statement.kind === 'agree') return t('agreement.agrees');
  if (statement.kind === 'disagree') return reason ? t('agreement.disagrees', { reason }) : t('agreement.disagreesNoReason');
  return reason ? t('agreement.signedOffNote', { note: reason }) : t('agreement.signedOff');
}

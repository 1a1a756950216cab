// Capture during the meeting: the decisions made under the current item (everyone sees them), "Record a decision"
// (the server stamps who and when), and "Add an action" — what, who, by when — which goes into the plan's actions in
// the live plan, typed by this page (so it is this member's, as if added under "How my needs will be met"), and once
// the server has it, is captured in the meeting so its record lists it.

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { AGENDA, DECISION_MAX, type Meeting } from '../../../shared/meeting.js';
import { DATA_PARTS } from '../../../shared/planData.js';
import { isDay } from '../../../shared/reviews.js';
import { errorKey } from '../api.js';
import { personLabel } from '../history/historySentence.js';
import { formatTime } from '../history/historyTime.js';
import { listOf, newLineId } from '../plan/usePart.js';
import type { PlanSession } from '../sync/planSession.js';
import type { MeetingActions } from './useMeeting.js';

const SAVE_WAIT_MS = 20_000;

/** Resolves once everything this page changed in the plan is on the server's disk (rejects if that takes too long). */
export function whenSaved(session: PlanSession): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!session.hasUnsavedChanges) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error('not saved'));
    }, SAVE_WAIT_MS);
    const stop = session.subscribe(() => {
      if (session.hasUnsavedChanges) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

export function MeetingCapture(props: {
  meeting: Meeting;
  session: PlanSession;
  mayDecide: boolean;
  mayAddAction: boolean;
  actions: MeetingActions;
  announce: (words: string) => void;
}) {
  const { t } = useTranslation();
  const { meeting } = props;
  const sectionId = AGENDA[meeting.current]!;
  const decisions = meeting.decisions.filter((d) => d.sectionId === sectionId);
  return (
    <div className="meeting-capture">
      <h3 id="meeting-decisions-heading">{t('meeting.decisionsHeading', { name: t(`sections.${sectionId}.heading`) })}</h3>
      {decisions.length === 0 ? (
        <p className="meta">{t('meeting.noDecisions')}</p>
      ) : (
        <ul className="meeting-decisions" aria-labelledby="meeting-decisions-heading">
          {decisions.map((d) => (
            <li key={d.id}>
              <span className="meeting-decision-text">{d.text}</span>{' '}
              <span className="meta">{t('meeting.decidedBy', { who: personLabel(d.by, t), time: formatTime(new Date(d.at)) })}</span>
            </li>
          ))}
        </ul>
      )}
      {props.mayDecide && <DecisionForm key={sectionId} sectionId={sectionId} {...props} />}
      {props.mayAddAction && <ActionForm {...props} />}
    </div>
  );
}

function DecisionForm(props: { sectionId: Meeting['decisions'][number]['sectionId']; actions: MeetingActions; announce: (words: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) return setError(t('meeting.decisionRequired'));
    setBusy(true);
    setError(null);
    props.actions
      .decide(props.sectionId, text.trim())
      .then(
        () => {
          setText('');
          props.announce(t('meeting.decisionRecorded'));
        },
        (err: unknown) => setError(t('meeting.failed', { reason: t(errorKey(err)) })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="meeting-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="meeting-decision">{t('meeting.decisionLabel')}</label>
        <span className="hint" id="meeting-decision-hint">
          {t('meeting.decisionHint')}
        </span>
        {error && (
          <span className="error" id="meeting-decision-error" role="alert">
            {error}
          </span>
        )}
        <textarea
          id="meeting-decision"
          rows={3}
          maxLength={DECISION_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'meeting-decision-hint meeting-decision-error' : 'meeting-decision-hint'}
        />
      </div>
      <button type="submit" aria-busy={busy || undefined}>
        {t('meeting.decisionSend')}
      </button>
    </form>
  );
}

function ActionForm(props: { session: PlanSession; actions: MeetingActions; announce: (words: string) => void }) {
  const { t } = useTranslation();
  const [what, setWhat] = useState('');
  const [who, setWho] = useState('');
  const [byWhen, setByWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!what.trim()) return setError(t('meeting.actionRequired'));
    const id = newLineId();
    const line = new Y.Map<unknown>([
      ['id', id],
      ['what', what.trim()],
      ['who', who.trim()],
      ...(isDay(byWhen) ? ([['byWhen', byWhen]] as const) : []),
    ]);
    // Into the plan's actions from this page, as "How my needs will be met" adds one: the words are this member's.
    listOf(props.session.doc, DATA_PARTS.actions.root, 'list', (list) => list.push([line]));
    setBusy(true);
    setError(null);
    whenSaved(props.session)
      .then(() => props.actions.captureAction(id))
      .then(
        () => {
          setWhat('');
          setWho('');
          setByWhen('');
          props.announce(t('meeting.actionAdded', { what: what.trim() }));
        },
        (err: unknown) => setError(t('meeting.actionFailed', { reason: t(errorKey(err)) })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="meeting-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('meeting.actionLegend')}</legend>
        <p className="hint">{t('meeting.actionHint')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="meeting-action-what">{t('actions.what')}</label>
          <input id="meeting-action-what" type="text" maxLength={500} value={what} onChange={(e) => setWhat(e.target.value)} aria-invalid={error && !what.trim() ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="meeting-action-who">{t('actions.who')}</label>
          <input id="meeting-action-who" type="text" maxLength={200} value={who} onChange={(e) => setWho(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="meeting-action-when">{t('actions.byWhen')}</label>
          <input id="meeting-action-when" type="date" value={byWhen} onChange={(e) => setByWhen(e.target.value)} />
        </div>
        <button type="submit" aria-busy={busy || undefined}>
          {t('meeting.actionSend')}
        </button>
      </fieldset>
    </form>
  );
}

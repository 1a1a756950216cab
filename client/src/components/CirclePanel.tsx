// The circle of support: who is in the plan, their part, what they can do, who acts for the person, and who is
// here now. The person (or their plan manager) can change what someone can do, name or stop a plan manager, and
// take someone out of the circle. The server checks every change again; this only offers what it would allow.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, LEVELS, type Level } from '../../../shared/permissions.js';
import type { Access, CircleAnswer, CircleMemberView } from '../../../shared/schemas.js';
import { changeMember, errorKey, removeMember } from '../api.js';

export function CirclePanel(props: {
  planId: string;
  me: Access;
  circle: CircleAnswer | null;
  /** Accounts with the plan open right now. */
  hereNow: ReadonlySet<string>;
  onAnswer: (answer: CircleAnswer) => void;
}) {
  const { t } = useTranslation();
  const { me, circle } = props;
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const manages = can(me, 'manageCircle', { openSections: new Set(me.openSections) });

  const run = async (change: () => Promise<CircleAnswer>, done: string) => {
    setMessage(null);
    try {
      props.onAnswer(await change());
      setMessage({ text: done, problem: false });
      return true;
    } catch (err) {
      setMessage({ text: t(errorKey(err)), problem: true });
      return false;
    }
  };

  return (
    <section className="circle" aria-labelledby="circle-heading">
      <h2 id="circle-heading" tabIndex={-1} ref={heading}>
        {t('circle.heading')}
      </h2>
      {!circle && <p className="meta">{t('circle.loading')}</p>}
      {circle && (
        <ul>
          {circle.members.map((member) => (
            <MemberRow
              key={member.accountId}
              member={member}
              isMe={member.accountId === me.accountId}
              here={props.hereNow.has(member.accountId)}
              editable={manages && member.role !== 'person' && member.accountId !== me.accountId}
              onChange={(body, done) => run(() => changeMember(props.planId, member.accountId, body), done)}
              onRemove={async (done) => {
                const removed = await run(() => removeMember(props.planId, member.accountId), done);
                // Their row, and the button that was pressed, are gone: carry on from the panel's heading.
                if (removed) heading.current?.focus();
                return removed;
              }}
            />
          ))}
        </ul>
      )}
      {/* Results of changes, read out politely; problems are shown the same way, in the problem colour. */}
      <p role="status" className={message?.problem ? 'error' : 'success'}>
        {message?.text}
      </p>
    </section>
  );
}

function MemberRow(props: {
  member: CircleMemberView;
  isMe: boolean;
  here: boolean;
  editable: boolean;
  onChange: (body: { level?: Level; planManager?: boolean }, done: string) => Promise<boolean>;
  onRemove: (done: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { member } = props;
  const name = member.displayName;
  // The level chosen here but not saved yet (null: the member's current level, which the server may change).
  const [chosen, setChosen] = useState<Level | null>(null);
  const level = chosen ?? member.level;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const idBase = `member-${member.accountId}`;

  const act = async (work: () => Promise<boolean>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };

  return (
    <li className="member">
      <span className="member-name">
        {name} {props.isMe && <span className="meta">{t('presence.you')}</span>}
      </span>
      <span className="meta">
        {t(`roles.${member.role}`)} · {t(`circle.level.${member.level}`)}
      </span>
      {member.planManager && member.role !== 'person' && <span className="badge">{t('circle.planManager')}</span>}
      {props.here && <span className="here">{t('circle.hereNow')}</span>}
      {props.editable && (
        <details className="member-change">
          <summary>{t('circle.changeMember', { name })}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                const changed = await props.onChange({ level }, t('circle.levelChanged', { name, level: t(`circle.level.${level}`) }));
                if (changed) setChosen(null);
                return changed;
              });
            }}
          >
            <label htmlFor={`${idBase}-level`}>{t('circle.levelFor', { name })}</label>
            <select id={`${idBase}-level`} value={level} onChange={(e) => setChosen(e.target.value as Level)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`circle.level.${l}`)}
                </option>
              ))}
            </select>
            <button type="submit" disabled={busy || level === member.level}>
              {t('circle.saveLevel')}
            </button>
          </form>
          <button
            type="button"
            disabled={busy}
            aria-describedby={`${idBase}-manager-hint`}
            onClick={() =>
              void act(() =>
                props.onChange(
                  { planManager: !member.planManager },
                  t(member.planManager ? 'circle.managerStopped' : 'circle.managerNamed', { name }),
                ),
              )
            }
          >
            {t(member.planManager ? 'circle.stopManager' : 'circle.nameManager', { name })}
          </button>
          <span className="hint" id={`${idBase}-manager-hint`}>
            {t('circle.managerHint')}
          </span>
          {!confirming && (
            <button type="button" className="danger" ref={removeButton} disabled={busy} onClick={() => setConfirming(true)}>
              {t('circle.remove', { name })}
            </button>
          )}
          {confirming && (
            <div role="group" aria-labelledby={`${idBase}-confirm`} className="confirm">
              <p id={`${idBase}-confirm`}>{t('circle.removeConfirm', { name })}</p>
              <button
                type="button"
                className="danger"
                disabled={busy}
                ref={confirmButton}
                onClick={() => void act(() => props.onRemove(t('circle.removed', { name })))}
              >
                {t('circle.removeYes', { name })}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => removeButton.current?.focus());
                }}
              >
                {t('circle.removeNo')}
              </button>
            </div>
          )}
        </details>
      )}
    </li>
  );
}

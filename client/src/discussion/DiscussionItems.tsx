// One comment (with its replies, Reply, Resolve or Reopen) or one suggestion (the words now and the words suggested,
// Accept and Decline for the person, "waiting for" for everyone else) in a section's list. Who and when are the
// server's; each item carries the number shown beside its passage in the text, and "Show the words" goes there.

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX, DECLINE_REASON_MAX, type Comment, type Suggestion } from '../../../shared/discussion.js';
import { errorKey } from '../api.js';
import { personLabel } from '../history/historySentence.js';
import { formatWhen } from '../history/historyTime.js';
import type { DiscussionActions } from './useDiscussion.js';
import { WordsForm } from './WordsForm.js';

interface ItemProps {
  number: number;
  actions: DiscussionActions;
  /** Moves the selection to the item's passage; false when its words are gone from the section. */
  showWords: (() => boolean) | null;
  /** Says how something went, on the section's status line. */
  say: (words: string) => void;
}

export function CommentItem({ comment, canComment, canResolve, ...props }: ItemProps & { comment: Comment; canComment: boolean; canResolve: boolean }) {
  const { t, i18n } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const id = `comment-${comment.id}`;
  const when = (at: string) => formatWhen(new Date(at), i18n.language, t);
  const resolve = async (resolved: boolean) => {
    setProblem(null);
    try {
      await props.actions.setResolved(comment.id, resolved);
      props.say(resolved ? t('discussion.resolvedNow') : t('discussion.reopenedNow'));
    } catch (err) {
      setProblem(t(errorKey(err)));
    }
  };
  return (
    <li className={`discussion-item discussion-comment${comment.resolved ? ' discussion-resolved' : ''}`} id={id} aria-labelledby={`${id}-who`}>
      <p className="discussion-who" id={`${id}-who`}>
        <span className="discussion-number">[{props.number}]</span> {t('discussion.commentBy', { who: personLabel(comment.by, t) })}{' '}
        <span className="meta">{when(comment.at)}</span>
      </p>
      <Passage quote={comment.anchor?.quote ?? null} showWords={props.showWords} say={props.say} describedBy={`${id}-who`} />
      <p className="discussion-text">{comment.text}</p>
      {comment.replies.length > 0 && (
        <ol className="discussion-replies" aria-label={t('discussion.repliesLabel')}>
          {comment.replies.map((r) => (
            <li key={r.id}>
              <span className="discussion-who">
                {personLabel(r.by, t)} <span className="meta">{when(r.at)}</span>
              </span>
              <p className="discussion-text">{r.text}</p>
            </li>
          ))}
        </ol>
      )}
      {comment.resolved && (
        <p className="discussion-status">
          <span className="badge">{t('discussion.resolved')}</span> {t('discussion.resolvedBy', { who: personLabel(comment.resolved.by, t), when: when(comment.resolved.at) })}
        </p>
      )}
      {canComment && (
        <p className="discussion-buttons">
          <button type="button" ref={replyButton} aria-expanded={replying} aria-describedby={`${id}-who`} onClick={() => setReplying(!replying)}>
            {t('discussion.reply')}
          </button>{' '}
          {canResolve && (
            <button type="button" aria-describedby={`${id}-who`} onClick={() => void resolve(!comment.resolved)}>
              {comment.resolved ? t('discussion.reopen') : t('discussion.resolve')}
            </button>
          )}
        </p>
      )}
      {replying && (
        <WordsForm
          id={`${id}-reply`}
          label={t('discussion.replyLabel')}
          max={COMMENT_MAX}
          submitLabel={t('discussion.sendReply')}
          onSubmit={async (text) => {
            await props.actions.reply(comment.id, text);
            props.say(t('discussion.replySent'));
          }}
          onClose={() => {
            setReplying(false);
            requestAnimationFrame(() => replyButton.current?.focus());
          }}
        />
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

export function SuggestionItem({ suggestion, canDecide, personName, ...props }: ItemProps & { suggestion: Suggestion; canDecide: boolean; personName: string | null }) {
  const { t, i18n } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const declineButton = useRef<HTMLButtonElement>(null);
  const id = `suggestion-${suggestion.id}`;
  const when = (at: string) => formatWhen(new Date(at), i18n.language, t);
  const { anchor, text } = suggestion;
  const accept = async () => {
    setProblem(null);
    try {
      await props.actions.decide(suggestion.id, { decision: 'accept' });
      props.say(t('discussion.acceptedNow'));
    } catch (err) {
      setProblem(t(errorKey(err)));
    }
  };
  const decided = suggestion.decided;
  return (
    <li className={`discussion-item discussion-suggestion discussion-${suggestion.status}`} id={id} aria-labelledby={`${id}-who`}>
      <p className="discussion-who" id={`${id}-who`}>
        <span className="discussion-number">[{props.number}]</span> {t('discussion.suggestedBy', { who: personLabel(suggestion.by, t) })}{' '}
        <span className="meta">{when(suggestion.at)}</span>
      </p>
      <dl className="suggestion-words">
        <dt>{t('discussion.wordsNow')}</dt>
        <dd>{anchor.quote ? <del>{anchor.quote}</del> : <span className="meta">{t('discussion.nothingHere')}</span>}</dd>
        <dt>{t('discussion.suggestedWords')}</dt>
        <dd>{text ? <ins>{text}</ins> : <span className="meta">{t('discussion.takeOut')}</span>}</dd>
      </dl>
      {suggestion.status === 'open' && props.showWords && <ShowWords showWords={props.showWords} say={props.say} describedBy={`${id}-who`} />}
      {suggestion.status === 'open' ? (
        canDecide ? (
          <p className="discussion-buttons">
            <button type="button" className="primary" aria-describedby={`${id}-who`} onClick={() => void accept()}>
              {t('discussion.accept')}
            </button>{' '}
            <button type="button" ref={declineButton} aria-expanded={declining} aria-describedby={`${id}-who`} onClick={() => setDeclining(!declining)}>
              {t('discussion.decline')}
            </button>
          </p>
        ) : (
          <p className="discussion-status">
            <span className="badge">{personName ? t('discussion.waitingFor', { name: personName }) : t('discussion.waitingForPerson')}</span>
          </p>
        )
      ) : (
        decided && (
          <p className="discussion-status">
            <span className="badge">{suggestion.status === 'accepted' ? t('discussion.acceptedBadge') : t('discussion.declinedBadge')}</span>{' '}
            {t(suggestion.status === 'accepted' ? 'discussion.acceptedBy' : 'discussion.declinedBy', { who: personLabel(decided.by, t), when: when(decided.at) })}
            {decided.onBehalf && ` ${t('discussion.onBehalf')}`}
            {decided.reason && ` ${t('discussion.declinedReason', { reason: decided.reason })}`}
          </p>
        )
      )}
      {declining && suggestion.status === 'open' && (
        <WordsForm
          id={`${id}-reason`}
          label={t('discussion.declineReasonLabel')}
          hint={t('discussion.declineReasonHint')}
          optional
          max={DECLINE_REASON_MAX}
          submitLabel={t('discussion.sendDecline')}
          onSubmit={async (reason) => {
            await props.actions.decide(suggestion.id, reason ? { decision: 'decline', reason } : { decision: 'decline' });
            props.say(t('discussion.declinedNow'));
          }}
          onClose={() => {
            setDeclining(false);
            requestAnimationFrame(() => declineButton.current?.focus());
          }}
        />
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function Passage({ quote, showWords, say, describedBy }: { quote: string | null; showWords: (() => boolean) | null; say: (w: string) => void; describedBy: string }) {
  const { t } = useTranslation();
  if (quote === null) return <p className="meta">{t('discussion.aboutSection')}</p>;
  return (
    <p className="discussion-quote">
      {t('discussion.aboutWords', { quote })} {showWords && <ShowWords showWords={showWords} say={say} describedBy={describedBy} />}
    </p>
  );
}

function ShowWords({ showWords, say, describedBy }: { showWords: () => boolean; say: (w: string) => void; describedBy: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link-button show-words" aria-describedby={describedBy} onClick={() => !showWords() && say(t('discussion.wordsGone'))}>
      {t('discussion.showWords')}
    </button>
  );
}

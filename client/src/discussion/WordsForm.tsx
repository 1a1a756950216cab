// One small form for the discussion's words (a comment, a reply, proposed words, a reason for declining): a labelled
// box with its hint, checked before sending, the server's refusal said in words, and focus put back where it came from.

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../api.js';

export function WordsForm(props: {
  id: string;
  label: ReactNode;
  hint?: string;
  /** Whether it may be sent empty (proposed words that take a passage out; a reason that is optional). */
  optional?: boolean;
  max: number;
  /** Words that go into one paragraph (a suggestion): line breaks become spaces as they are typed or pasted. */
  oneLine?: boolean;
  submitLabel: string;
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    const check = !value && !props.optional ? t('discussion.textRequired') : value.length > props.max ? t('discussion.tooLong', { max: props.max }) : null;
    setProblem(check);
    if (check) return field.current?.focus();
    setBusy(true);
    try {
      await props.onSubmit(value);
      props.onClose();
    } catch (err) {
      setProblem(t(errorKey(err)));
      field.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ');
  return (
    <form className="discussion-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        {props.hint && (
          <span className="hint" id={hintId}>
            {props.hint}
          </span>
        )}
        <textarea
          id={props.id}
          ref={field}
          rows={3}
          value={text}
          maxLength={props.max}
          required={!props.optional}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => setText(props.oneLine ? e.target.value.replace(/\r?\n/g, ' ') : e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onClose();
          }}
        />
        {problem && (
          <p className="error" id={errorId} role="alert">
            {problem}
          </p>
        )}
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('discussion.busy') : props.submitLabel}
      </button>{' '}
      <button type="button" disabled={busy} onClick={props.onClose}>
        {t('discussion.cancel')}
      </button>
    </form>
  );
}

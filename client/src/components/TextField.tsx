// One labelled text input with an optional hint and error, both tied to the input for screen readers. A
// password field can offer a "Show password" toggle; the password is hidden again whenever its form is sent,
// so a browser never saves or sends it as plain text.

import { useEffect, useState, type RefObject } from 'react';

export function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null | undefined;
  type: 'text' | 'email' | 'password';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  inputRef: RefObject<HTMLInputElement | null>;
  /** For a password: the toggle button's name, e.g. "Show password". */
  revealLabel?: string;
}) {
  const [revealed, setRevealed] = useState(false);
  const { inputRef } = props;
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ');
  // Spell-checkers may send what is typed to a server; autocorrect would change a password or an address.
  const literal = props.type !== 'text';

  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const hide = () => setRevealed(false);
    form.addEventListener('submit', hide);
    return () => form.removeEventListener('submit', hide);
  }, [inputRef]);

  const input = (
    <input
      id={props.id}
      ref={inputRef}
      type={props.type === 'password' && revealed ? 'text' : props.type}
      value={props.value}
      autoComplete={props.autoComplete}
      maxLength={props.maxLength}
      aria-describedby={describedBy || undefined}
      aria-invalid={props.error ? true : undefined}
      spellCheck={literal ? false : undefined}
      autoCapitalize={literal ? 'none' : undefined}
      autoCorrect={literal ? 'off' : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <span className="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      {props.revealLabel ? (
        <div className="with-reveal">
          {input}
          <button type="button" aria-controls={props.id} aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {props.revealLabel}
          </button>
        </div>
      ) : (
        input
      )}
      {props.error && (
        <p className="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

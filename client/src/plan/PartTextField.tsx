// A line of text (or a few lines) in a structured part of the plan: what is typed is kept here and written to the
// plan a moment after typing pauses, and when the field is left, so the others see it as it is written. While the
// field is being typed in, someone else's change to the same field does not overwrite the typing.

import { useEffect, useRef, useState } from 'react';
import { Glossed, LabelTerms } from './Glossed.js';

const WRITE_AFTER_MS = 600;

export function PartTextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onCommit: (value: string) => void;
  readOnly: boolean;
  maxLength: number;
  multiline?: boolean;
  labelHidden?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { onCommit } = props;
  const hintId = `${props.id}-hint`;
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  if (props.readOnly) {
    return (
      <div className="field part-text">
        <span className={props.labelHidden ? 'visually-hidden' : 'label'} id={`${props.id}-label`}>
          {props.label}
        </span>{' '}
        <span aria-labelledby={`${props.id}-label`} className="part-text-value">
          {props.value}
        </span>
      </div>
    );
  }
  const write = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    onCommit(value);
  };
  const change = (value: string) => {
    setDraft(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => write(value), WRITE_AFTER_MS);
  };
  const common = {
    id: props.id,
    value: draft ?? props.value,
    maxLength: props.maxLength,
    'aria-describedby': props.hint ? hintId : undefined,
    onChange: (e: { target: { value: string } }) => change(e.target.value),
    onBlur: () => {
      if (draft !== null) write(draft);
      setDraft(null);
    },
  };
  return (
    <div className="field part-text">
      <label htmlFor={props.id} className={props.labelHidden ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {!props.labelHidden && <LabelTerms label={props.label} hint={props.hint} />}
      {props.hint && (
        <span className="hint" id={hintId}>
          <Glossed text={props.hint} />
        </span>
      )}
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" {...common} />}
    </div>
  );
}

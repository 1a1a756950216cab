// A sum of money as people type it ("£1,234.50", "45", "12.5"): kept as typed while the field has focus, and written
// to the plan, in whole pence, as soon as typing pauses on something that reads as money (so the others see it
// live), and when the field is left or Enter is pressed. A figure that is not money is pointed out under the field,
// where it was typed, once it is left, and never written: the plan and its totals keep the last good figure.
// Emptying the field clears the figure.

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, parseMoney } from '../../../shared/budget.js';
import { Glossed, LabelTerms } from './Glossed.js';

const WRITE_AFTER_MS = 700;

export function MoneyField(props: {
  id: string;
  label: string;
  hint?: string;
  /** The figure in the plan now (pence), or null. */
  pence: number | null;
  onCommit: (pence: number | null) => void;
  readOnly: boolean;
  /** Shown inside a table: the label is for screen readers only (the column heading says it for others). */
  labelHidden?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const errorId = useId();
  const hintId = useId();
  // Not being typed in: the plan's figure, so someone else's change shows at once.
  const shown = props.pence === null ? '' : formatMoney(props.pence).slice(1);

  const commit = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (draft === null) return;
    const reading = parseMoney(draft);
    if (!reading.ok && reading.problem === 'empty') {
      setProblem(null);
      setDraft(null);
      props.onCommit(null);
      return;
    }
    if (!reading.ok) {
      setProblem(t(`budget.problem.${reading.problem}`));
      return; // kept as typed, so it can be put right
    }
    setProblem(null);
    setDraft(null);
    props.onCommit(reading.pence);
  };

  if (props.readOnly) {
    return (
      <div className="field money-field">
        <span className={props.labelHidden ? 'visually-hidden' : 'label'} id={`${props.id}-label`}>
          {props.label}
        </span>{' '}
        <span aria-labelledby={`${props.id}-label`}>{props.pence === null ? t('budget.notGiven') : formatMoney(props.pence)}</span>
      </div>
    );
  }
  const describedBy = [props.hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field money-field">
      <label htmlFor={props.id} className={props.labelHidden ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {!props.labelHidden && <LabelTerms label={props.label} hint={props.hint} />}
      {props.hint && (
        <span className="hint" id={hintId}>
          <Glossed text={props.hint} />
        </span>
      )}
      <span className="money-input">
        <span aria-hidden="true">£</span>
        <input
          id={props.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft ?? shown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            const typed = e.target.value;
            setDraft(typed);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              const reading = parseMoney(typed);
              if (reading.ok) {
                setProblem(null);
                props.onCommit(reading.pence);
              }
            }, WRITE_AFTER_MS);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      </span>
      {problem && (
        <span className="error" id={errorId} role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

// A labelled group of radio buttons (a fieldset with a legend), each option with an optional hint, and an
// optional error that every option is described by.

import { useId, type ReactNode, type Ref } from 'react';

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export function RadioGroup<T extends string>(props: {
  name: string;
  legend: string;
  help?: ReactNode;
  options: readonly RadioOption<T>[];
  /** null when nothing is chosen yet. */
  value: T | null;
  onChange: (value: T) => void;
  error?: string | null;
  /** The first option's input, for moving focus to the group. */
  firstInputRef?: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.help && <p className="hint">{props.help}</p>}
      {props.error && (
        <p className="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
      {props.options.map((option, index) => {
        const id = `${props.name}-${option.value}`;
        const describedBy = [option.hint ? `${id}-hint` : null, props.error ? errorId : null].filter(Boolean).join(' ');
        return (
          <div className="choice" key={option.value}>
            <input
              type="radio"
              id={id}
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-describedby={describedBy || undefined}
              ref={index === 0 ? props.firstInputRef : undefined}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.hint && (
              <span className="hint" id={`${id}-hint`}>
                {option.hint}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

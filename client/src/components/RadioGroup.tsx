// A labelled group of radio buttons (a fieldset with a legend), each option with an optional hint.

import type { ReactNode } from 'react';

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
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.help && <p className="hint">{props.help}</p>}
      {props.options.map((option) => {
        const id = `${props.name}-${option.value}`;
        return (
          <div className="choice" key={option.value}>
            <input
              type="radio"
              id={id}
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-describedby={option.hint ? `${id}-hint` : undefined}
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

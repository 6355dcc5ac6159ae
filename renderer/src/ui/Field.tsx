import { useId, type ReactNode } from 'react';

/**
 * A labelled form field with its validation message. The message is tied to the input with
 * aria-describedby and the input is marked invalid, so a screen reader announces both.
 */
export function Field({
  label,
  error,
  hint,
  required,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; required?: boolean }) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true" className="required-mark"> *</span>}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error || hint ? messageId : undefined, required })}
      {error ? (
        <p id={messageId} className="field-error" data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes (countries, priority areas) that reads as one field. */
export function CheckboxGroup<T extends string>({
  legend,
  error,
  options,
  value,
  onChange,
  testId,
  columns = 3,
}: {
  legend: string;
  error?: string;
  options: readonly { value: T; label: string; depth?: number }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  testId?: string;
  columns?: number;
}) {
  const id = useId();
  const toggle = (option: T, checked: boolean) => onChange(checked ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset className={`field checkbox-group${error ? ' has-error' : ''}`} data-testid={testId}>
      <legend>{legend}</legend>
      <div className="checkbox-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {options.map((option) => (
          <label key={option.value} className={option.depth ? 'indent' : undefined}>
            <input
              type="checkbox"
              value={option.value}
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-message` : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-message`} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

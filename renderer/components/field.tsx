import { useId, type ReactElement, type ReactNode } from 'react';

export interface FieldIds {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: true | undefined;
}

export interface FieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  readonly children: (ids: FieldIds) => ReactElement;
  readonly className?: string;
}

/**
 * A labelled control in a two-column form grid: label on the left, control (with its hint
 * and inline error, announced through aria-describedby) on the right.
 */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [error === undefined ? undefined : errorId, hint === undefined ? undefined : hintId]
      .filter((part) => part !== undefined)
      .join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className={className}>
        {children({ id, describedBy, invalid: error === undefined ? undefined : true })}
        {error === undefined ? null : (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
        {hint === undefined ? null : (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )}
      </div>
    </>
  );
}

export interface CheckProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  readonly hint?: ReactNode;
}

/** A checkbox with its label to the right, spanning both columns of a form grid. */
export function Check({ label, checked, onChange, disabled, hint }: CheckProps) {
  const id = useId();
  return (
    <div className="check-row">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint === undefined ? null : (
        <p id={`${id}-hint`} className="field-hint check-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

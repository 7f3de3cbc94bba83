import { useId, useState, type FormEvent } from 'react';
import { PaneDialog } from './pane-dialog.js';
import { nameProblem } from './validate-name.js';

export interface NameDialogProps {
  readonly title: string;
  readonly label: string;
  readonly initial: string;
  /** Characters a name may not contain on this side. */
  readonly separators: readonly string[];
  readonly onSubmit: (name: string) => void;
  readonly onCancel: () => void;
}

/** Asks for one name (Create directory). */
export function NameDialog({
  title,
  label,
  initial,
  separators,
  onSubmit,
  onCancel,
}: NameDialogProps) {
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = nameProblem(value, separators);
    if (found !== null) {
      setProblem(found);
      return;
    }
    onSubmit(value);
  };

  return (
    <PaneDialog role="dialog" title={title} onCancel={onCancel} initialFocus="input">
      <form onSubmit={submit}>
        <label htmlFor={inputId} className="ps-dialog-label">
          {label}
        </label>
        <input
          id={inputId}
          className="ps-input"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setProblem(null);
          }}
          onFocus={(event) => event.target.select()}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : errorId}
          spellCheck={false}
          autoComplete="off"
        />
        {problem !== null && (
          <p id={errorId} className="ps-dialog-error">
            {problem}
          </p>
        )}
        <div className="ps-dialog-buttons">
          <button type="submit" className="ps-button ps-primary">
            OK
          </button>
          <button type="button" className="ps-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </PaneDialog>
  );
}

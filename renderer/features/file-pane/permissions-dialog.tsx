import { useId, useState, type FormEvent } from 'react';
import { PaneDialog } from './pane-dialog.js';

/**
 * The mode bits of a listing's permission text: 'rwxr-xr-x', '-rw-r--r--' (ls -l, with
 * s/S/t/T for the special bits) or an octal mode ('755', '0644' from MLSD UNIX.mode).
 * Null when the listing gave nothing usable.
 */
export function modeFromPermissions(text: string | null): number | null {
  if (text === null) return null;
  if (/^[0-7]{3,4}$/.test(text)) return parseInt(text.slice(-3), 8);
  const bits = /^[-dlbcps]?([-r][-w][-xsStT][-r][-w][-xsStT][-r][-w][-xsStT])$/.exec(text)?.[1];
  if (bits === undefined) return null;
  let mode = 0;
  for (let i = 0; i < 9; i += 1) {
    const char = bits[i] ?? '-';
    // 's'/'t' mean "execute plus a special bit", 'S'/'T' "special bit without execute".
    if (char !== '-' && char !== 'S' && char !== 'T') mode |= 1 << (8 - i);
  }
  return mode;
}

const CLASSES = ['Owner', 'Group', 'Public'] as const;
const RIGHTS = ['Read', 'Write', 'Execute'] as const;

export interface PermissionsDialogProps {
  /** What the dialog applies to, for its text ("report.txt", "3 items"). */
  readonly subject: string;
  readonly initialMode: number;
  readonly onSubmit: (mode: string) => void;
  readonly onCancel: () => void;
}

/** FileZilla's "Change file attributes": nine checkboxes and the numeric value, in sync. */
export function PermissionsDialog({
  subject,
  initialMode,
  onSubmit,
  onCancel,
}: PermissionsDialogProps) {
  const numericId = useId();
  const [mode, setMode] = useState(initialMode & 0o777);
  const [text, setText] = useState(() => octal(initialMode));

  const toggle = (bit: number) => {
    const next = mode ^ bit;
    setMode(next);
    setText(octal(next));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^[0-7]{3}$/.test(text)) onSubmit(text);
  };

  return (
    <PaneDialog
      role="dialog"
      title="Change file attributes"
      onCancel={onCancel}
      initialFocus="input"
    >
      <form onSubmit={submit}>
        <p>Permissions of {subject}:</p>
        {CLASSES.map((who, row) => (
          <fieldset key={who} className="ps-permissions">
            <legend>{who} permissions</legend>
            {RIGHTS.map((right, column) => {
              const bit = 1 << (8 - (row * 3 + column));
              return (
                <label key={right}>
                  <input
                    type="checkbox"
                    checked={(mode & bit) !== 0}
                    onChange={() => toggle(bit)}
                  />{' '}
                  {right}
                </label>
              );
            })}
          </fieldset>
        ))}
        <label htmlFor={numericId} className="ps-dialog-label">
          Numeric value
        </label>
        <input
          id={numericId}
          className="ps-input ps-narrow"
          value={text}
          inputMode="numeric"
          maxLength={3}
          aria-invalid={!/^[0-7]{3}$/.test(text)}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            if (/^[0-7]{3}$/.test(value)) setMode(parseInt(value, 8));
          }}
        />
        <div className="ps-dialog-buttons">
          <button
            type="submit"
            className="ps-button ps-primary"
            disabled={!/^[0-7]{3}$/.test(text)}
          >
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

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}

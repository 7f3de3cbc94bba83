import { useId } from 'react';
import { escapeControls } from '../../text/escape-controls.js';
import type { PaneSide } from './pane-entry.js';
import { PaneDialog } from './pane-dialog.js';

/** How many names the dialog lists before "and N more". */
const LISTED = 8;

export interface ConfirmDeleteDialogProps {
  readonly side: PaneSide;
  readonly names: readonly string[];
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** "Delete these items?" — names the items, so a slip of the Delete key is caught. */
export function ConfirmDeleteDialog({
  side,
  names,
  onConfirm,
  onCancel,
}: ConfirmDeleteDialogProps) {
  const descriptionId = useId();
  const count = names.length;
  const what =
    count === 1 ? `"${escapeControls(names[0] ?? '')}"` : `these ${count.toLocaleString()} items`;
  const question =
    side === 'remote'
      ? `Delete ${what} from the server? This cannot be undone.`
      : `Delete ${what} from this computer?`;
  return (
    <PaneDialog
      role="alertdialog"
      title="Confirm deletion"
      describedBy={descriptionId}
      onCancel={onCancel}
      initialFocus="[data-default]"
    >
      <div id={descriptionId}>
        <p>{question}</p>
        {count > 1 && (
          <ul className="ps-dialog-list">
            {names.slice(0, LISTED).map((name) => (
              <li key={name}>{escapeControls(name)}</li>
            ))}
            {count > LISTED && <li>and {(count - LISTED).toLocaleString()} more</li>}
          </ul>
        )}
      </div>
      <div className="ps-dialog-buttons">
        {/* Delete has the focus, as in FileZilla and the OS file managers: Delete, Enter. */}
        <button type="button" className="ps-button ps-danger" data-default onClick={onConfirm}>
          Delete
        </button>
        <button type="button" className="ps-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </PaneDialog>
  );
}

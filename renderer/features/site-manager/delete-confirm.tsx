import { plural } from '../../app/wire-bridge.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { InertText } from '../../components/inert-text.js';
import { descendants, type Draft } from './site-draft.js';

export interface DeleteConfirmProps {
  readonly draft: Draft;
  readonly id: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** "Delete site" / "Delete folder": says what goes with it, and that OK makes it happen. */
export function DeleteConfirm({ draft, id, onConfirm, onCancel }: DeleteConfirmProps) {
  const site = draft.sites.find((s) => s.id === id);
  const folder = draft.folders.find((f) => f.id === id);
  const name = site?.name ?? folder?.name;
  if (name === undefined) return null;
  const inside = folder === undefined ? 0 : descendants(draft, folder.id).size - 1;
  const consequence =
    site !== undefined
      ? '? Its saved password is deleted too.'
      : inside > 0
        ? ` and the ${plural(inside, 'item')} in it?`
        : '?';
  return (
    <ConfirmDialog
      title={site === undefined ? 'Delete folder' : 'Delete site'}
      confirmLabel="Delete"
      danger
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Delete{' '}
        <strong>
          <InertText text={name} />
        </strong>
        {consequence} This happens when you press OK.
      </p>
    </ConfirmDialog>
  );
}

import type { MenuItem } from './context-menu.js';
import type { FilePaneLabels } from './file-pane.js';
import type { PaneController } from './pane-controller.js';
import type { PaneEntry } from './pane-entry.js';

export interface PaneMenuInput {
  readonly controller: PaneController;
  readonly labels: FilePaneLabels;
  /** The entries the menu acts on (the selection, or the row right-clicked). */
  readonly targets: readonly PaneEntry[];
  /** A folder is shown (there is somewhere to create a directory, something to refresh). */
  readonly hasFolder: boolean;
  readonly actions: {
    readonly rename: (name: string) => void;
    readonly askDelete: () => void;
    readonly askCreateFolder: () => void;
    readonly askPermissions: (entries: readonly PaneEntry[]) => void;
  };
}

/** The items of a pane's context menu, FileZilla's order. */
export function paneMenuItems({
  controller,
  labels,
  targets,
  hasFolder,
  actions,
}: PaneMenuInput): MenuItem[] {
  const none = targets.length === 0;
  const first = targets[0];
  const items: MenuItem[] = [
    {
      id: 'transfer',
      label: labels.transfer,
      disabled: none,
      onSelect: () => controller.transfer(targets),
    },
    {
      // FileZilla's behaviour: queued, not started; the user starts the queue when ready.
      id: 'queue',
      label: 'Add files to queue',
      disabled: none,
      onSelect: () => controller.addToQueue(targets),
    },
    {
      id: 'mkdir',
      label: 'Create directory',
      disabled: !hasFolder,
      separatorBefore: true,
      onSelect: actions.askCreateFolder,
    },
    {
      id: 'rename',
      label: 'Rename',
      disabled: targets.length !== 1,
      onSelect: () => {
        if (first !== undefined) actions.rename(first.name);
      },
    },
    { id: 'delete', label: 'Delete', disabled: none, onSelect: actions.askDelete },
  ];
  if (controller.chmod !== undefined) {
    items.push({
      id: 'chmod',
      label: 'File permissions…',
      disabled: none,
      onSelect: () => actions.askPermissions(targets),
    });
  }
  items.push(
    {
      id: 'refresh',
      label: 'Refresh',
      disabled: !hasFolder,
      separatorBefore: true,
      onSelect: controller.refresh,
    },
    {
      id: 'copy',
      label: controller.copyLabel,
      disabled: !hasFolder,
      onSelect: () => controller.copyLocation(targets),
    },
  );
  return items;
}

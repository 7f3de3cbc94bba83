import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { PARENT_ROW } from '../../stores/pane-stores/pane-store.js';
import type { ColumnSpec } from './columns.js';
import { ConfirmDeleteDialog } from './confirm-delete-dialog.js';
import { ContextMenu } from './context-menu.js';
import { FileList } from './file-list.js';
import { paneMenuItems } from './file-pane-menu.js';
import { FolderTree } from './folder-tree.js';
import { footerText, totalsOf } from './format.js';
import { escapeControls } from '../../text/escape-controls.js';
import { NameDialog } from './name-dialog.js';
import type { PaneController } from './pane-controller.js';
import type { PaneEntry } from './pane-entry.js';
import { PathBar } from './path-bar.js';
import { PermissionsDialog, modeFromPermissions } from './permissions-dialog.js';
import { usePaneDrop } from './use-pane-drop.js';
import { nameProblem } from './validate-name.js';
import './file-pane.css';

export interface FilePaneLabels {
  /** The pane's region ("Local site"). */
  readonly region: string;
  /** "Local path" / "Remote path". */
  readonly path: string;
  /** "Local files" / "Remote files". */
  readonly grid: string;
  /** "Local folders" / "Remote folders". */
  readonly tree: string;
  /** "Upload" / "Download". */
  readonly transfer: string;
}

export interface FilePaneProps {
  readonly controller: PaneController;
  readonly labels: FilePaneLabels;
  readonly columns: readonly ColumnSpec[];
  /** Extra controls in the path bar row (the local drive picker). */
  readonly toolbar?: ReactNode;
  /** Shown instead of the tree and list when there is nothing to browse (not connected). */
  readonly unavailable?: ReactNode;
}

type Dialog =
  | { readonly kind: 'delete'; readonly entries: readonly PaneEntry[] }
  | { readonly kind: 'mkdir' }
  | { readonly kind: 'chmod'; readonly entries: readonly PaneEntry[] };

/** One side of the window: path bar, folder tree, file list, footer, menu and dialogs. */
export function FilePane({ controller, labels, columns, toolbar, unavailable }: FilePaneProps) {
  const { store, side } = controller;
  const path = store((s) => s.path);
  const history = store((s) => s.history);
  const error = store((s) => s.error);
  const loadingPath = store((s) => s.loadingPath);
  const totals = store((s) => s.totals);
  const selection = store((s) => s.selection);
  const byName = store((s) => s.byName);
  const treeVisible = store((s) => s.treeVisible);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const rootRef = useRef<HTMLElement>(null);

  const selectedTotals = useMemo(
    () => totalsOf([...selection].flatMap((name) => byName.get(name) ?? [])),
    [selection, byName],
  );

  const focusGrid = () => rootRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();

  /** What an action applies to: the selection in display order, else the focused row. */
  const targets = useCallback((): PaneEntry[] => {
    const state = store.getState();
    const chosen = [...state.selection].flatMap((name) => state.byName.get(name) ?? []);
    if (chosen.length > 0) {
      return chosen.sort((a, b) => (state.rowOf.get(a.name) ?? 0) - (state.rowOf.get(b.name) ?? 0));
    }
    const focused = state.focused === null ? undefined : state.byName.get(state.focused);
    return focused === undefined ? [] : [focused];
  }, [store]);

  const onOpen = (key: string) => {
    if (key === PARENT_ROW) {
      controller.goUp();
      return;
    }
    const state = store.getState();
    const entry = state.byName.get(key);
    if (entry === undefined) return;
    // Enter on a file inside a multiple selection transfers the whole selection.
    if (entry.kind !== 'directory' && state.selection.has(key) && state.selection.size > 1) {
      controller.transfer(targets());
      return;
    }
    controller.open(entry);
  };

  const startRename = (key: string) => {
    if (store.getState().byName.has(key)) setRenaming(key);
  };

  const renameHandlers = useMemo(
    () => ({
      commit: (newName: string) => {
        const from = renaming;
        setRenaming(null);
        focusGrid();
        if (from === null) return;
        const problem = nameProblem(newName, controller.separators);
        if (problem !== null) store.getState().setError(problem);
        else void controller.rename(from, newName);
      },
      cancel: () => {
        setRenaming(null);
        focusGrid();
      },
    }),
    [renaming, controller, store],
  );

  const askDelete = () => {
    const entries = targets();
    if (entries.length > 0) setDialog({ kind: 'delete', entries });
  };

  const menuItems = paneMenuItems({
    controller,
    labels,
    targets: menu === null ? [] : targets(),
    hasFolder: path !== null,
    actions: {
      rename: startRename,
      askDelete,
      askCreateFolder: () => setDialog({ kind: 'mkdir' }),
      askPermissions: (entries) => setDialog({ kind: 'chmod', entries }),
    },
  });

  const drop = usePaneDrop(controller);

  const footer =
    loadingPath !== null
      ? `Retrieving directory listing of "${escapeControls(loadingPath)}"…`
      : path === null
        ? ''
        : footerText(totals, selectedTotals);

  return (
    <section ref={rootRef} className="ps-pane" aria-label={labels.region} {...drop.zone}>
      <div className="ps-pane-toolbar">
        <PathBar
          label={labels.path}
          caption={`${labels.region}:`}
          path={path}
          history={history}
          disabled={unavailable !== undefined}
          onNavigate={(target) => void controller.navigate(target)}
        />
        {toolbar}
        <button
          type="button"
          className="ps-icon-button"
          aria-label={`${labels.tree} tree`}
          aria-pressed={treeVisible}
          onClick={() => store.getState().setTreeVisible(!treeVisible)}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M3 2v11h4M3 7h4M8 5h5v3H8zM8 11h5v3H8z" fill="none" stroke="currentColor" />
          </svg>
        </button>
      </div>
      {unavailable ?? (
        <>
          {treeVisible && (
            <FolderTree
              store={store}
              label={labels.tree}
              join={controller.join}
              ancestors={controller.ancestors}
              onNavigate={(target) => void controller.navigate(target)}
              onLoad={controller.loadTreeFolder}
              loadAncestors={side === 'local'}
              dropPath={drop.dropPath}
            />
          )}
          {error !== null && (
            <div role="alert" className="ps-error">
              <span>{escapeControls(error)}</span>
              <button
                type="button"
                className="ps-icon-button"
                aria-label="Dismiss"
                onClick={() => store.getState().setError(null)}
              >
                ×
              </button>
            </div>
          )}
          <FileList
            store={store}
            label={labels.grid}
            columns={columns}
            renaming={renaming}
            renameHandlers={renameHandlers}
            onOpen={onOpen}
            onGoUp={controller.goUp}
            onRename={startRename}
            onDelete={askDelete}
            onRefresh={controller.refresh}
            onMenu={(x, y) => setMenu({ x, y })}
            onDragStart={drop.onRowDragStart}
            onDragEnd={drop.onDragEnd}
            dropKey={drop.dropKey}
          />
          <div className="ps-footer">{footer}</div>
        </>
      )}
      {menu !== null && (
        <ContextMenu
          label={`${labels.grid} actions`}
          items={menuItems}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDeleteDialog
          side={side}
          names={dialog.entries.map((entry) => entry.name)}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void controller.remove(dialog.entries);
          }}
        />
      )}
      {dialog?.kind === 'mkdir' && (
        <NameDialog
          title="Create directory"
          label="Directory name"
          initial="New directory"
          separators={controller.separators}
          onCancel={() => setDialog(null)}
          onSubmit={(name) => {
            setDialog(null);
            void controller.createFolder(name);
          }}
        />
      )}
      {dialog?.kind === 'chmod' && controller.chmod !== undefined && (
        <PermissionsDialog
          subject={
            dialog.entries.length === 1
              ? `"${escapeControls(dialog.entries[0]?.name ?? '')}"`
              : `${dialog.entries.length} items`
          }
          initialMode={
            modeFromPermissions(dialog.entries[0]?.permissions ?? null) ??
            (dialog.entries[0]?.kind === 'directory' ? 0o755 : 0o644)
          }
          onCancel={() => setDialog(null)}
          onSubmit={(mode) => {
            const chmod = controller.chmod;
            setDialog(null);
            if (chmod !== undefined) void chmod(dialog.entries, mode);
          }}
        />
      )}
    </section>
  );
}

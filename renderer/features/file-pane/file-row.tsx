import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { ColumnSpec } from './columns.js';
import { EntryIcon, ParentIcon } from './file-icons.js';
import { formatModified, formatSize, formatType } from './format.js';
import { escapeControls } from '../../text/escape-controls.js';
import type { PaneEntry } from './pane-entry.js';

export interface FileRowProps {
  readonly id: string;
  readonly index: number;
  /** The entry, or null for the ".." row. */
  readonly entry: PaneEntry | null;
  readonly columns: readonly ColumnSpec[];
  /** Offset from the top of the list body, in pixels. */
  readonly top: number;
  readonly selected: boolean;
  readonly focused: boolean;
  readonly dropTarget: boolean;
  /** Set on the one row being renamed. */
  readonly rename?: RenameHandlers | undefined;
}

export interface RenameHandlers {
  readonly commit: (newName: string) => void;
  readonly cancel: () => void;
}

/**
 * One row of the grid. Memoised and free of per-row callbacks (the grid handles clicks,
 * drags and keys for all rows by delegation, reading `data-index`), so scrolling a
 * 100,000-row folder re-renders only rows that enter the window.
 */
export const FileRow = memo(function FileRow(props: FileRowProps) {
  const { id, index, entry, columns, top, selected, focused, dropTarget, rename } = props;
  const name = entry === null ? '..' : escapeControls(entry.name);
  const className = [
    'ps-row',
    selected && 'ps-selected',
    focused && 'ps-focused',
    dropTarget && 'ps-drop-target',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={name}
      className={className}
      data-index={index}
      draggable={entry !== null && rename === undefined}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((column) => (
        <div
          key={column.id}
          role="gridcell"
          className={column.numeric === true ? 'ps-cell ps-numeric' : 'ps-cell'}
        >
          {column.id === 'name' ? (
            <>
              {entry === null ? <ParentIcon /> : <EntryIcon kind={entry.kind} name={entry.name} />}
              {rename !== undefined && entry !== null ? (
                <RenameEditor initial={entry.name} handlers={rename} />
              ) : (
                <span className="ps-name" title={name}>
                  {name}
                </span>
              )}
            </>
          ) : entry === null ? null : (
            // In a span: text-overflow works on a block, not on a flex item's bare text.
            <span className="ps-text">{cellText(column.id, entry)}</span>
          )}
        </div>
      ))}
    </div>
  );
});

function cellText(column: ColumnSpec['id'], entry: PaneEntry): string {
  switch (column) {
    case 'name':
      return escapeControls(entry.name);
    case 'size':
      return entry.kind === 'directory' ? '' : formatSize(entry.size);
    case 'type':
      return escapeControls(formatType(entry));
    case 'modified':
      return formatModified(entry.modified);
    case 'permissions':
      return escapeControls(entry.permissions ?? '');
    case 'owner':
      return escapeControls(`${entry.owner ?? ''} ${entry.group ?? ''}`.trim());
  }
}

/** The inline rename field: Enter commits, Escape cancels, leaving it commits (Explorer). */
function RenameEditor({ initial, handlers }: { initial: string; handlers: RenameHandlers }) {
  const ref = useRef<HTMLInputElement>(null);
  // Enter and blur both commit; the blur that follows Enter (the field unmounts) must not
  // commit a second time.
  const done = useRef(false);

  useEffect(() => {
    const input = ref.current;
    if (input === null) return;
    input.focus();
    // Select the name without its extension, so typing replaces just that.
    const dot = initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const value = ref.current?.value ?? initial;
    if (commit && value !== initial) handlers.commit(value);
    else handlers.cancel();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys typed here are text, not grid commands (Backspace, Delete, arrows, F5...).
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };

  return (
    <input
      ref={ref}
      className="ps-rename"
      aria-label="New name"
      defaultValue={initial}
      spellCheck={false}
      autoComplete="off"
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );
}

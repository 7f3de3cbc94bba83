import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Icon } from '../../components/icons.js';
import { InertText } from '../../components/inert-text.js';
import type { Draft } from './site-draft.js';

/** The tree's root: "My Sites", FileZilla's name for it. New things go here when it is selected. */
export const ROOT_ID = '';

export interface TreeRow {
  readonly id: string;
  readonly kind: 'root' | 'folder' | 'site';
  readonly name: string;
  readonly level: number;
  readonly parentId: string | null;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

/** The rows on show: the root, then each open folder's folders and sites, sorted by name. */
export function visibleRows(draft: Draft, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [
    {
      id: ROOT_ID,
      kind: 'root',
      name: 'My Sites',
      level: 1,
      parentId: null,
      expandable: true,
      expanded: expanded.has(ROOT_ID),
    },
  ];
  const walk = (parentId: string | null, level: number): void => {
    for (const folder of draft.folders.filter((f) => f.parentId === parentId).sort(byName)) {
      const open = expanded.has(folder.id);
      const expandable =
        draft.folders.some((f) => f.parentId === folder.id) ||
        draft.sites.some((s) => s.parentId === folder.id);
      rows.push({
        id: folder.id,
        kind: 'folder',
        name: folder.name,
        level,
        parentId: folder.parentId ?? ROOT_ID,
        expandable,
        expanded: open && expandable,
      });
      if (open) walk(folder.id, level + 1);
    }
    for (const site of draft.sites.filter((s) => s.parentId === parentId).sort(byName)) {
      rows.push({
        id: site.id,
        kind: 'site',
        name: site.name,
        level,
        parentId: site.parentId ?? ROOT_ID,
        expandable: false,
        expanded: false,
      });
    }
  };
  if (expanded.has(ROOT_ID)) walk(null, 2);
  return rows;
}

export interface SiteTreeProps {
  readonly rows: readonly TreeRow[];
  readonly selectedId: string;
  readonly onSelect: (id: string) => void;
  readonly onToggle: (id: string, open: boolean) => void;
  /** Double-click or Enter on a site. */
  readonly onActivate: (id: string) => void;
}

/** WAI-ARIA tree: arrows move and open/close, Home/End jump, Enter on a site connects. */
export function SiteTree({ rows, selectedId, onSelect, onToggle, onActivate }: SiteTreeProps) {
  const treeRef = useRef<HTMLDivElement>(null);
  const focusSelected = useRef(false);

  useEffect(() => {
    if (!focusSelected.current) return;
    focusSelected.current = false;
    treeRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [selectedId, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = rows.findIndex((row) => row.id === selectedId);
    const row = rows[index];
    if (row === undefined) return;
    const go = (target: TreeRow | undefined): void => {
      event.preventDefault();
      if (target === undefined) return;
      focusSelected.current = true;
      onSelect(target.id);
    };
    switch (event.key) {
      case 'ArrowDown':
        go(rows[index + 1]);
        break;
      case 'ArrowUp':
        go(rows[index - 1]);
        break;
      case 'Home':
        go(rows[0]);
        break;
      case 'End':
        go(rows.at(-1));
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) {
          event.preventDefault();
          onToggle(row.id, true);
        } else if (row.expanded) go(rows[index + 1]);
        break;
      case 'ArrowLeft':
        if (row.expanded) {
          event.preventDefault();
          onToggle(row.id, false);
        } else go(rows.find((other) => other.id === row.parentId));
        break;
      case 'Enter':
        if (row.kind === 'site') {
          // The tree's own Enter: the dialog's "Enter confirms" does not apply here.
          event.preventDefault();
          event.stopPropagation();
          onActivate(row.id);
        }
        break;
      default:
        break;
    }
  };

  return (
    <div ref={treeRef} role="tree" aria-label="Sites" className="site-tree" onKeyDown={onKeyDown}>
      {rows.map((row) => (
        <div
          key={row.id === ROOT_ID ? '(root)' : row.id}
          role="treeitem"
          aria-level={row.level}
          aria-selected={row.id === selectedId}
          aria-expanded={row.expandable ? row.expanded : undefined}
          tabIndex={row.id === selectedId ? 0 : -1}
          className={`site-tree-row${row.id === selectedId ? ' is-selected' : ''}`}
          style={{ paddingLeft: 6 + (row.level - 1) * 16 }}
          onClick={() => onSelect(row.id)}
          onDoubleClick={() => {
            if (row.kind === 'site') onActivate(row.id);
            else if (row.expandable) onToggle(row.id, !row.expanded);
          }}
        >
          <span
            className="site-tree-twisty"
            aria-hidden="true"
            onClick={(event) => {
              if (!row.expandable) return;
              event.stopPropagation();
              onToggle(row.id, !row.expanded);
            }}
          >
            {row.expandable ? <Icon name={row.expanded ? 'chevronDown' : 'chevronRight'} /> : null}
          </span>
          <Icon name={row.kind === 'site' ? 'server' : 'folder'} className="site-tree-icon" />
          <span className="site-tree-name">
            <InertText text={row.name} />
          </span>
        </div>
      ))}
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { PaneStore } from '../../stores/pane-stores/pane-store.js';
import { escapeControls } from '../../text/escape-controls.js';
import { baseName } from './paths.js';
import { compareNames } from './sort-entries.js';

const NODE_HEIGHT = 20;

interface TreeNode {
  readonly path: string;
  readonly name: string;
  readonly level: number;
  /** Sub-folder names; undefined when not listed yet (it may have some). */
  readonly children: readonly string[] | undefined;
  /** Whether `children` came from a listing (or is only the path to the current folder). */
  readonly listed: boolean;
  readonly expanded: boolean;
  readonly setSize: number;
  readonly position: number;
}

export interface FolderTreeProps {
  readonly store: PaneStore;
  readonly label: string;
  readonly join: (folder: string, name: string) => string;
  readonly ancestors: (path: string) => readonly string[];
  readonly onNavigate: (path: string) => void;
  /** Lists a folder for the tree only (its children become known). */
  readonly onLoad: (path: string) => void;
  /**
   * List the current folder's ancestors by themselves, to show their other sub-folders.
   * Cheap locally; remotely every listing is a round trip on the browsing connection, so
   * there the ancestors show only the path down until the user expands one.
   */
  readonly loadAncestors: boolean;
  /** The node a drag hovers over, highlighted as the drop target. */
  readonly dropPath: string | null;
}

/**
 * The folder tree above a list. It starts as the current folder's ancestors, every folder
 * listed so far contributes its sub-folders, and expanding an unknown node lists it. The
 * visible nodes are flattened and virtualised like the list, so a folder with 100,000
 * sub-folders expanded costs no more than the rows on screen.
 */
export function FolderTree(props: FolderTreeProps) {
  const { store, label, join, ancestors, onNavigate, onLoad, loadAncestors, dropPath } = props;
  const path = store((s) => s.path);
  const folders = store((s) => s.folders);
  const expanded = store((s) => s.expanded);
  const [active, setActive] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const nodes = useMemo(() => {
    if (path === null) return [];
    const spine = ancestors(path);
    const root = spine[0] ?? path;
    // Each ancestor's child on the way to the current folder, for ancestors never listed.
    const next = new Map(spine.slice(0, -1).map((p, i) => [p, [baseName(spine[i + 1] ?? '')]]));
    const out: TreeNode[] = [];
    const visit = (
      nodePath: string,
      name: string,
      level: number,
      setSize: number,
      position: number,
    ) => {
      const known = folders.get(nodePath);
      const way = next.get(nodePath);
      // The way down to the current folder stays visible even when a listing left it out
      // (a hidden or unreadable folder on the path).
      const onPath = way?.[0];
      const children =
        known === undefined
          ? way
          : onPath !== undefined && !known.includes(onPath)
            ? [...known, onPath].sort(compareNames)
            : known;
      const isExpanded = expanded.has(nodePath);
      out.push({
        path: nodePath,
        name,
        level,
        children,
        listed: known !== undefined,
        expanded: isExpanded,
        setSize,
        position,
      });
      if (isExpanded && children !== undefined) {
        children.forEach((child, index) =>
          visit(join(nodePath, child), child, level + 1, children.length, index + 1),
        );
      }
    };
    visit(root, root, 1, 1, 1);
    return out;
  }, [path, folders, expanded, join, ancestors]);

  // Ancestors are expanded but were never listed: list them now, where that is cheap.
  useEffect(() => {
    if (!loadAncestors) return;
    for (const node of nodes) if (node.expanded && !node.listed) onLoad(node.path);
  }, [nodes, onLoad, loadAncestors]);

  const activePath = active ?? path;
  const activeIndex = nodes.findIndex((node) => node.path === activePath);

  // The React Compiler is not used here; this only says it would skip this component.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => ref.current,
    estimateSize: () => NODE_HEIGHT,
    overscan: 6,
  });

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const setExpanded = (node: TreeNode, value: boolean) => {
    store.getState().setExpanded(node.path, value);
    if (value && !node.listed) onLoad(node.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const node = nodes[activeIndex];
    const moveTo = (index: number) => {
      const target = nodes[Math.max(0, Math.min(nodes.length - 1, index))];
      if (target !== undefined) setActive(target.path);
    };
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(nodes.length - 1);
        break;
      case 'ArrowRight':
        if (node === undefined) break;
        if (!node.expanded) setExpanded(node, true);
        else if (node.children !== undefined && node.children.length > 0) moveTo(activeIndex + 1);
        break;
      case 'ArrowLeft': {
        if (node === undefined) break;
        if (node.expanded && node.level > 1) setExpanded(node, false);
        else {
          // To the parent: the nearest node above with a lower level.
          for (let i = activeIndex - 1; i >= 0; i -= 1) {
            if ((nodes[i]?.level ?? 0) < node.level) {
              moveTo(i);
              break;
            }
          }
        }
        break;
      }
      case 'Enter':
        if (node !== undefined) onNavigate(node.path);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const nodeAt = (event: MouseEvent) => {
    const element = (event.target as Element).closest('[data-index]');
    return element instanceof HTMLElement ? nodes[Number(element.dataset['index'])] : undefined;
  };

  const onClick = (event: MouseEvent) => {
    const node = nodeAt(event);
    if (node === undefined) return;
    if ((event.target as Element).closest('[data-toggle]') !== null) {
      setExpanded(node, !node.expanded);
      setActive(node.path);
      return;
    }
    setActive(node.path);
    onNavigate(node.path);
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === activeIndex);

  return (
    <div
      ref={ref}
      role="tree"
      aria-label={label}
      tabIndex={0}
      className="ps-tree"
      aria-activedescendant={activeRendered ? `${baseId}-${activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div className="ps-tree-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const node = nodes[item.index];
          if (node === undefined) return null;
          return (
            <TreeItem
              key={node.path}
              id={`${baseId}-${item.index}`}
              index={item.index}
              node={node}
              top={item.start}
              current={node.path === path}
              active={item.index === activeIndex}
              dropTarget={node.path === dropPath}
            />
          );
        })}
      </div>
    </div>
  );
}

const TreeItem = memo(function TreeItem(props: {
  id: string;
  index: number;
  node: TreeNode;
  top: number;
  current: boolean;
  active: boolean;
  dropTarget: boolean;
}) {
  const { id, index, node, top, current, active, dropTarget } = props;
  const expandable = !node.listed || (node.children?.length ?? 0) > 0;
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={node.level}
      aria-setsize={node.setSize}
      aria-posinset={node.position}
      aria-expanded={expandable ? node.expanded : undefined}
      aria-selected={current}
      aria-label={escapeControls(node.name)}
      data-index={index}
      data-path={node.path}
      className={[
        'ps-tree-item',
        current && 'ps-current',
        active && 'ps-focused',
        dropTarget && 'ps-drop-target',
      ]
        .filter(Boolean)
        .join(' ')}
      style={{
        transform: `translateY(${top}px)`,
        paddingInlineStart: `${(node.level - 1) * 14 + 4}px`,
      }}
    >
      <span data-toggle className="ps-tree-toggle" aria-hidden="true">
        {expandable ? (node.expanded ? '▾' : '▸') : ''}
      </span>
      <svg
        className="ps-icon"
        viewBox="0 0 16 16"
        width="16"
        height="16"
        aria-hidden="true"
        focusable="false"
      >
        <path
          d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z"
          fill="var(--ps-icon-folder)"
          stroke="var(--ps-icon-folder-edge)"
        />
      </svg>
      <span className="ps-name">{escapeControls(node.name)}</span>
    </div>
  );
});

import { create } from 'zustand';
import type {
  Priority,
  QueueState,
  TransferItem,
  TransferStatus,
} from '../../shared/models/transfer.js';

export const QUEUE_TABS = ['queued', 'failed', 'done'] as const;
/** The queue panel's tabs: Queued files (queued and active), Failed, Successful (and skipped). */
export type QueueTab = (typeof QUEUE_TABS)[number];

export function tabOf(status: TransferStatus): QueueTab {
  switch (status) {
    case 'queued':
    case 'active':
      return 'queued';
    case 'failed':
      return 'failed';
    case 'done':
    case 'skipped':
      return 'done';
  }
}

const PRIORITY_RANK: Readonly<Record<Priority, number>> = {
  highest: 0,
  high: 1,
  normal: 2,
  low: 3,
  lowest: 4,
};

/**
 * Every queue item by id, and each tab's ids in display order. Mutable on purpose:
 * 'transfer:update' brings ~10 batches a second over queues of thousands of items, and
 * copying a Map and three arrays per batch would make each batch cost the queue's size
 * instead of its changes. It is written only inside this store's actions, and every
 * write publishes new `version`/`layout` numbers so subscribers re-render (the pattern of
 * log-store's LogRing). A component reads it during render; it is not a snapshot to keep.
 */
export class TransferIndex {
  readonly items = new Map<string, TransferItem>();
  private readonly arrival = new Map<string, number>();
  private readonly ids: Record<QueueTab, string[]> = { queued: [], failed: [], done: [] };
  private nextArrival = 0;

  idsOf(tab: QueueTab): readonly string[] {
    return this.ids[tab];
  }

  count(tab: QueueTab): number {
    return this.ids[tab].length;
  }

  /** Upserts a batch; returns the tabs whose membership or order changed. */
  upsert(batch: readonly TransferItem[]): Set<QueueTab> {
    // The last update per id wins; doing each id once keeps the moves below simple.
    const latest = new Map<string, TransferItem>();
    for (const item of batch) latest.set(item.id, item);
    const changed = new Set<QueueTab>();
    const leaving: Record<QueueTab, Set<string>> = {
      queued: new Set(),
      failed: new Set(),
      done: new Set(),
    };
    let reorderQueued = false;
    for (const item of latest.values()) {
      const previous = this.items.get(item.id);
      this.items.set(item.id, item);
      const tab = tabOf(item.status);
      if (previous === undefined) {
        this.arrival.set(item.id, this.nextArrival++);
        this.ids[tab].push(item.id);
        changed.add(tab);
        if (tab === 'queued') reorderQueued = true;
        continue;
      }
      const from = tabOf(previous.status);
      if (from !== tab) {
        leaving[from].add(item.id);
        this.ids[tab].push(item.id);
        changed.add(from).add(tab);
        if (tab === 'queued') reorderQueued = true;
      } else if (
        tab === 'queued' &&
        (previous.status !== item.status || previous.priority !== item.priority)
      ) {
        reorderQueued = true;
        changed.add(tab);
      }
    }
    for (const tab of QUEUE_TABS) {
      if (leaving[tab].size > 0)
        this.ids[tab] = this.ids[tab].filter((id) => !leaving[tab].has(id));
    }
    if (reorderQueued) this.sortQueued();
    return changed;
  }

  remove(ids: readonly string[]): Set<QueueTab> {
    const changed = new Set<QueueTab>();
    const leaving: Record<QueueTab, Set<string>> = {
      queued: new Set(),
      failed: new Set(),
      done: new Set(),
    };
    for (const id of ids) {
      const item = this.items.get(id);
      if (item === undefined) continue;
      const tab = tabOf(item.status);
      leaving[tab].add(id);
      changed.add(tab);
      this.items.delete(id);
      this.arrival.delete(id);
    }
    for (const tab of changed) this.ids[tab] = this.ids[tab].filter((id) => !leaving[tab].has(id));
    return changed;
  }

  /**
   * Queued files in the order the queue takes them: running first, then by priority,
   * then by arrival. Array.prototype.sort is a merge sort (TimSort) that runs in linear
   * time on the almost-sorted arrays this sees after a small change.
   */
  private sortQueued(): void {
    const key = (id: string) => {
      const item = this.items.get(id);
      return item === undefined
        ? 99
        : (item.status === 'active' ? 0 : 10) + PRIORITY_RANK[item.priority];
    };
    this.ids.queued.sort(
      (a, b) => key(a) - key(b) || (this.arrival.get(a) ?? 0) - (this.arrival.get(b) ?? 0),
    );
  }
}

type TabNumbers = Readonly<Record<QueueTab, number>>;
const ZERO: TabNumbers = { queued: 0, failed: 0, done: 0 };

export interface TransferStore {
  /** Null until the first data; replaced (never reused) by `load`. */
  readonly index: TransferIndex | null;
  /** Bumped on every change of items (rows re-render from `index.items`). */
  readonly version: number;
  /** Per tab, bumped when its membership or order changes (lists re-render). */
  readonly layout: TabNumbers;
  readonly counts: TabNumbers;
  readonly queue: QueueState | null;
  /** The initial transfer:list has been applied. */
  readonly loaded: boolean;
  /** Replaces everything with a full list (transfer:list). */
  readonly load: (items: readonly TransferItem[]) => void;
  /** Applies a 'transfer:update' batch (upserts). */
  readonly applyUpdate: (items: readonly TransferItem[]) => void;
  /** Applies 'transfer:removed'. */
  readonly applyRemoved: (ids: readonly string[]) => void;
  readonly setQueueState: (queue: QueueState) => void;
}

export const useTransferStore = create<TransferStore>()((set) => {
  const publish = (state: TransferStore, index: TransferIndex, changed: ReadonlySet<QueueTab>) => {
    const layout = { ...state.layout };
    for (const tab of changed) layout[tab] += 1;
    return {
      index,
      version: state.version + 1,
      layout,
      counts: {
        queued: index.count('queued'),
        failed: index.count('failed'),
        done: index.count('done'),
      },
    };
  };
  return {
    index: null,
    version: 0,
    layout: ZERO,
    counts: ZERO,
    queue: null,
    loaded: false,
    load: (items) =>
      set((state) => {
        const index = new TransferIndex();
        index.upsert(items);
        return {
          ...publish(state, index, new Set(['queued', 'failed', 'done'] as const)),
          loaded: true,
        };
      }),
    applyUpdate: (items) =>
      set((state) => {
        if (items.length === 0) return state;
        // Created here rather than in the initial state, so resetting the store to its
        // initial state (between tests) never brings back a used index.
        const index = state.index ?? new TransferIndex();
        return publish(state, index, index.upsert(items));
      }),
    applyRemoved: (ids) =>
      set((state) => {
        if (state.index === null) return state;
        const changed = state.index.remove(ids);
        return changed.size === 0 ? state : publish(state, state.index, changed);
      }),
    setQueueState: (queue) => set({ queue }),
  };
});

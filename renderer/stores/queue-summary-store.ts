import { create } from 'zustand';
import type { QueueState } from '../../shared/models/transfer.js';

/** The last 'queue:state' event, for the status bar's summary (the queue panel has its own store). */
export interface QueueSummaryStore {
  readonly queue: QueueState | null;
  readonly setQueue: (queue: QueueState) => void;
}

export const useQueueSummaryStore = create<QueueSummaryStore>()((set) => ({
  queue: null,
  setQueue: (queue) => set({ queue }),
}));

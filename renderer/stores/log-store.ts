import { create } from 'zustand';
import type { LogLine } from '../../shared/models/log-line.js';
import { LogRing } from './log-ring.js';

/** Lines kept per session; older ones fall off (issue 5: "keeps the last 10,000 lines"). */
export const LOG_CAPACITY = 10_000;
/** Sessions whose logs are kept; the least recently written go first. */
export const MAX_LOGGED_SESSIONS = 8;

/**
 * One session's log as components see it. The ring is mutable (copying 10,000 lines per
 * batch is what it exists to avoid), so every change publishes a new LogView around it:
 * selectors see a new object and re-render, and `version` says how many changes it has
 * seen. A view is read during render; it is not a snapshot to keep.
 */
export interface LogView {
  readonly ring: LogRing;
  readonly version: number;
}

export type LogBatches = ReadonlyMap<string, readonly (readonly LogLine[])[]>;

export interface LogStore {
  readonly views: ReadonlyMap<string, LogView>;
  /** Appends each session's batches (in order) in one state change. */
  readonly append: (batches: LogBatches) => void;
  readonly clear: (sessionId: string) => void;
}

export const useLogStore = create<LogStore>()((set) => ({
  views: new Map(),
  append: (batches) =>
    set((state) => {
      const views = new Map(state.views);
      for (const [sessionId, chunks] of batches) {
        const previous = views.get(sessionId);
        const ring = previous?.ring ?? new LogRing(LOG_CAPACITY);
        // The ring is only ever written here, inside set, and a new view is published.
        for (const chunk of chunks) ring.push(chunk);
        // Re-inserting moves the session to the end: Map order is least recently written first.
        views.delete(sessionId);
        views.set(sessionId, { ring, version: (previous?.version ?? 0) + 1 });
      }
      for (const sessionId of views.keys()) {
        if (views.size <= MAX_LOGGED_SESSIONS) break;
        views.delete(sessionId);
      }
      return { views };
    }),
  clear: (sessionId) =>
    set((state) => {
      const previous = state.views.get(sessionId);
      if (previous === undefined) return state;
      previous.ring.clear();
      const views = new Map(state.views);
      views.set(sessionId, { ring: previous.ring, version: previous.version + 1 });
      return { views };
    }),
}));

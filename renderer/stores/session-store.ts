import { create } from 'zustand';
import type { AppError, Result } from '../../shared/contract/errors.js';
import type { SessionInfo } from '../../shared/models/session.js';

/**
 * The browsing session the window shows. Owned by the shell (quickconnect, site manager,
 * status bar); the panes read `session` (id, state, remotePath) and never write it.
 */
export interface SessionStore {
  readonly session: SessionInfo | null;
  /** A connect request is waiting for its answer. */
  readonly connecting: boolean;
  /** Why the last connect failed, shown next to the quickconnect bar; null when none. */
  readonly connectError: AppError | null;
  /** Replaces the session outright (a connect or reconnect result). */
  readonly setSession: (session: SessionInfo | null) => void;
  /**
   * Applies a 'session:state' event: for the session shown, or — while a connect is
   * waiting — for the new session it started (its first event comes before the answer).
   * Events of sessions the window has moved away from are ignored.
   */
  readonly applySessionState: (info: SessionInfo) => void;
  readonly beginConnect: () => void;
  readonly finishConnect: (result: Result<SessionInfo>) => void;
  readonly setConnectError: (error: AppError | null) => void;
}

export const useSessionStore = create<SessionStore>()((set) => ({
  session: null,
  connecting: false,
  connectError: null,
  setSession: (session) => set({ session }),
  applySessionState: (info) =>
    set((state) => {
      const current = state.session?.sessionId;
      // A foreign session that is going away never takes over the window (the one just
      // replaced may report its disconnect late).
      const foreign = current !== info.sessionId;
      if (foreign && (!state.connecting || info.state === 'disconnected')) return state;
      return {
        session: info,
        connectError: info.state === 'connected' ? null : state.connectError,
      };
    }),
  beginConnect: () => set({ connecting: true, connectError: null }),
  finishConnect: (result) =>
    set(
      result.ok
        ? { connecting: false, connectError: null, session: result.value }
        : { connecting: false, connectError: result.error },
    ),
  setConnectError: (connectError) => set({ connectError }),
}));

import { useMemo } from 'react';
import type { Result } from '../../shared/contract/errors.js';
import type { ConnectRequest, SessionInfo } from '../../shared/models/session.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useSessionStore } from '../stores/session-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useBridge } from './bridge-context.js';

export interface ConnectionActions {
  /** Replaces the window's session: the previous one is closed first, as in FileZilla. */
  readonly connect: (request: ConnectRequest) => Promise<Result<SessionInfo>>;
  readonly disconnect: () => Promise<void>;
  readonly reconnect: () => Promise<void>;
  /** "Cancel current operation": aborts what the session is doing (connecting, listing). */
  readonly cancel: () => Promise<void>;
}

/**
 * Connecting and disconnecting, shared by Quickconnect, the Site Manager, the toolbar and
 * the menu. A failed connect lands in the session store's `connectError`, which the
 * quickconnect bar shows next to itself; other failures become notices.
 */
export function useConnection(): ConnectionActions {
  const bridge = useBridge();
  return useMemo(() => {
    const notify = (what: string, message: string): void =>
      useNoticesStore.getState().push('error', `${what}: ${message}`);

    const connect = async (request: ConnectRequest): Promise<Result<SessionInfo>> => {
      const store = useSessionStore.getState();
      const previous = store.session;
      store.beginConnect();
      if (previous !== null && previous.state !== 'disconnected') {
        // Its failure does not matter: the session is being replaced either way.
        await bridge.invoke['session:disconnect']({ sessionId: previous.sessionId });
      }
      const result = await bridge.invoke['session:connect'](request);
      useSessionStore.getState().finishConnect(result);
      return result;
    };

    return {
      connect,
      async disconnect() {
        const session = useSessionStore.getState().session;
        if (session === null) return;
        const result = await bridge.invoke['session:disconnect']({ sessionId: session.sessionId });
        if (!result.ok) notify('Could not disconnect', result.error.message);
        else {
          const current = useSessionStore.getState().session;
          if (current?.sessionId === session.sessionId)
            useSessionStore.getState().setSession({ ...current, state: 'disconnected' });
        }
      },
      async reconnect() {
        const session = useSessionStore.getState().session;
        if (session === null) return;
        if (session.state === 'disconnected') {
          // A closed session cannot be reopened: connect again. A site knows its password;
          // a quickconnect's is only in the quickconnect bar, which resubmits itself.
          if (session.siteId === null) useUiStore.getState().requestQuickconnect();
          else await connect({ siteId: session.siteId });
          return;
        }
        const store = useSessionStore.getState();
        store.setConnectError(null);
        const result = await bridge.invoke['session:reconnect']({ sessionId: session.sessionId });
        if (result.ok) useSessionStore.getState().setSession(result.value);
        else useSessionStore.getState().setConnectError(result.error);
      },
      async cancel() {
        const session = useSessionStore.getState().session;
        if (session === null) return;
        const result = await bridge.invoke['session:cancel']({ sessionId: session.sessionId });
        if (!result.ok) notify('Could not cancel', result.error.message);
      },
    };
  }, [bridge]);
}

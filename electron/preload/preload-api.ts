import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SEND_CHANNELS,
} from '../../shared/contract/channel-names.js';
import {
  buildBridge,
  type BridgeTransport,
  type PortsideBridge,
} from '../../shared/contract/bridge.js';

// Everything here is bundled into the sandboxed preload, which cannot require modules at
// run time: import only the channel-name lists and the bridge builder (no zod, no Node).

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const INVOKE_NAMES: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const SEND_NAMES: ReadonlySet<string> = new Set(SEND_CHANNELS);
const EVENT_NAMES: ReadonlySet<string> = new Set(EVENT_CHANNELS);

/**
 * ipcRenderer as a BridgeTransport. Only contract channels are reachable (checked again at
 * run time, whatever the types say); listeners get the payload, never the IpcRendererEvent
 * (whose `sender` is ipcRenderer itself); a failed invoke becomes an error as data, like
 * every other failure the renderer sees.
 */
export function createIpcTransport(ipc: IpcRendererLike): BridgeTransport {
  return {
    async invoke(channel, request) {
      if (!INVOKE_NAMES.has(channel)) return internalError(`Unknown channel: ${channel}`);
      try {
        return await ipc.invoke(channel, request);
      } catch (error) {
        // Electron rejects when main has no handler or the payload cannot be cloned.
        return internalError(error instanceof Error ? error.message : String(error));
      }
    },
    send(channel, payload) {
      if (SEND_NAMES.has(channel)) ipc.send(channel, payload);
    },
    subscribe(channel, listener) {
      if (!EVENT_NAMES.has(channel)) return () => undefined;
      const forward = (_event: unknown, payload: unknown) => {
        try {
          listener(payload);
        } catch (error) {
          // ipcRenderer is an EventEmitter: a throwing listener would stop the others.
          // Rethrown on its own task so it still shows in the console.
          setTimeout(() => {
            throw error;
          });
        }
      };
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    },
  };
}

// Written out rather than imported: shared/contract/errors.ts pulls in zod.
function internalError(message: string) {
  return { ok: false, error: { code: 'internal', message: message.slice(0, 4096) } } as const;
}

/** Electron only: what the desktop gives the renderer beyond the contract. */
export interface DesktopBridge {
  /** The OS path of a File dropped from the desktop; '' for one that has no path. */
  readonly getPathForFile: (file: object) => string;
}

/** `window.portside`: the contract's bridge plus the desktop functions, nothing else. */
export type PreloadApi = PortsideBridge & { readonly desktop: DesktopBridge };

export function buildPreloadApi(
  ipc: IpcRendererLike,
  getPathForFile: (file: object) => string,
): PreloadApi {
  const bridge = buildBridge(createIpcTransport(ipc));
  const desktop: DesktopBridge = Object.freeze({
    getPathForFile: (file: object) => {
      try {
        return getPathForFile(file);
      } catch {
        // webUtils throws for anything that is not a File; the renderer gets "no path".
        return '';
      }
    },
  });
  return Object.freeze({ ...bridge, desktop });
}

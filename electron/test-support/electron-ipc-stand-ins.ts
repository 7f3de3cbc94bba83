import type { IpcMainLike } from '../shell-policy/ipc-adapter.js';
import type { ContentsLike, FrameLike, IpcSenderLike } from '../shell-policy/sender-check.js';

/**
 * In-process stand-ins for Electron's ipcMain, a window's webContents and each frame's
 * ipcRenderer, faithful where the shell's security depends on it:
 * - every message is structured-cloned, as Electron serialises IPC (functions and class
 *   instances do not survive);
 * - delivery is asynchronous and in order (one macrotask per hop);
 * - ipcMain sees the sender's webContents id and frame (null once the window is gone);
 * - webContents.send reaches the main frame's listeners only, and listeners get an
 *   IpcRendererEvent first, which the preload must strip.
 */

type MainListener = (event: IpcSenderLike, ...args: unknown[]) => void;
type MainHandler = (event: IpcSenderLike, ...args: unknown[]) => Promise<unknown>;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The renderer side, as the preload sees Electron's ipcRenderer. */
export interface IpcRendererStandIn {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

const hop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class IpcMainStandIn implements IpcMainLike {
  private readonly handlers = new Map<string, MainHandler>();
  private readonly listeners = new Map<string, MainListener[]>();

  handle(channel: string, handler: MainHandler): void {
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: MainListener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: MainListener): this {
    const remaining = (this.listeners.get(channel) ?? []).filter((entry) => entry !== listener);
    if (remaining.length === 0) this.listeners.delete(channel);
    else this.listeners.set(channel, remaining);
    return this;
  }

  /** Channels with an invoke handler, and channels with at least one listener. */
  registered(): { readonly handled: string[]; readonly listened: string[] } {
    return { handled: [...this.handlers.keys()], listened: [...this.listeners.keys()] };
  }

  async deliverInvoke(event: IpcSenderLike, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    // Electron rejects the renderer's promise the same way.
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }

  deliverSend(event: IpcSenderLike, channel: string, args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

interface MutableFrame extends FrameLike {
  url: string;
  detached: boolean;
}

/** One BrowserWindow: its webContents (main side) and the ipcRenderer of each frame. */
export class WindowStandIn {
  readonly mainFrame: MutableFrame;
  /** Everything webContents.send delivered to this window, in order. */
  readonly received: { readonly channel: string; readonly args: unknown[] }[] = [];
  readonly contents: ContentsLike;
  private destroyed = false;
  private readonly mainFrameListeners = new Map<string, RendererListener[]>();

  constructor(
    private readonly ipcMain: IpcMainStandIn,
    readonly id: number,
    url: string,
  ) {
    this.mainFrame = { url, parent: null, detached: false };
    this.contents = {
      id,
      isDestroyed: () => this.destroyed,
      getURL: () => this.mainFrame.url,
      send: (channel, ...args) => this.sendToRenderer(channel, args),
    };
  }

  /** The window now shows another page (as if a navigation had not been prevented). */
  navigate(url: string): void {
    this.mainFrame.url = url;
  }

  destroy(): void {
    this.destroyed = true;
    this.mainFrame.detached = true;
  }

  /** An iframe inside the window's page. */
  subframe(url: string): FrameLike {
    return { url, parent: this.mainFrame, detached: false };
  }

  /** The ipcRenderer a preload running in `frame` would get (the main frame's by default). */
  ipcRenderer(frame: FrameLike = this.mainFrame): IpcRendererStandIn {
    const isMainFrame = frame === this.mainFrame;
    const ownListeners = isMainFrame
      ? this.mainFrameListeners
      : new Map<string, RendererListener[]>();
    const event = (): IpcSenderLike => ({
      sender: { id: this.id },
      senderFrame: this.destroyed || frame.detached === true ? null : frame,
    });
    return {
      invoke: async (channel, ...args) => {
        const cloned = structuredClone(args);
        await hop();
        const result = await this.ipcMain.deliverInvoke(event(), channel, cloned);
        await hop();
        return structuredClone(result);
      },
      send: (channel, ...args) => {
        const cloned = structuredClone(args);
        void hop().then(() => this.ipcMain.deliverSend(event(), channel, cloned));
      },
      on: (channel, listener) => {
        ownListeners.set(channel, [...(ownListeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel, listener) => {
        const remaining = (ownListeners.get(channel) ?? []).filter((entry) => entry !== listener);
        ownListeners.set(channel, remaining);
      },
    };
  }

  /** Listeners registered by the main frame's renderer, per channel. */
  listenerCount(channel: string): number {
    return this.mainFrameListeners.get(channel)?.length ?? 0;
  }

  private sendToRenderer(channel: string, args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.received.push({ channel, args: cloned });
    // What Electron passes as the first argument: never to be handed to the page.
    const ipcRendererEvent = { sender: 'ipcRenderer', senderId: 0, ports: [] };
    void hop().then(() => {
      for (const listener of [...(this.mainFrameListeners.get(channel) ?? [])]) {
        listener(ipcRendererEvent, ...structuredClone(cloned));
      }
    });
  }
}

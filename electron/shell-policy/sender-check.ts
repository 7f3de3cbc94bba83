import { isAppUrl } from './app-protocol.js';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  /** Electron sets this once the frame's document is gone (navigated away, destroyed). */
  readonly detached?: boolean;
}

/** The parts of IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface IpcSenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The parts of WebContents the shell uses to talk to a window. */
export interface ContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** The web contents of the windows the app created itself, by id. */
export class TrustedWindows {
  private readonly contents = new Map<number, ContentsLike>();

  add(contents: ContentsLike): void {
    this.contents.set(contents.id, contents);
  }

  remove(id: number): void {
    this.contents.delete(id);
  }

  has(id: number): boolean {
    return this.contents.has(id);
  }

  /** Live windows that still show the app (the only ones events go to). */
  live(): ContentsLike[] {
    return [...this.contents.values()].filter(
      (contents) => !contents.isDestroyed() && isAppUrl(contents.getURL()),
    );
  }
}

/**
 * A message is accepted only from the main frame of a window the app created, showing the
 * app's own page. Subframes never qualify (even our own: nothing the app does needs them,
 * and an injected iframe is the classic way in), nor does a frame that is gone.
 */
export function isTrustedSender(event: IpcSenderLike, trusted: TrustedWindows): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.detached === true) return false;
  if (frame.parent !== null) return false;
  if (!trusted.has(event.sender.id)) return false;
  return isAppUrl(frame.url);
}

import type { OpenUrlRequest } from '../../shared/models/open-url.js';
import type { ContractRouter, EventSink } from './router.js';
import type { SecretStore } from './secret-store.js';

/** What an adapter (Electron shell or browser host) gives the services. */
export interface AppServicesOptions {
  /** Settings, sites and the queue are kept here. */
  readonly userDataDir: string;
  readonly secrets: SecretStore;
  /** Delivers events to the renderer(s); batching is done by the services. */
  readonly emit: EventSink;
  /** Moves a local file to the OS trash (Electron's shell.trashItem); deletes when absent. */
  readonly trash?: ((path: string) => Promise<void>) | undefined;
  /** Electron only: native open/save dialogs ('dialog:open', 'dialog:save'). */
  readonly dialogs?: NativeDialogs | undefined;
  /** Electron only: starts an OS drag of local files. */
  readonly startDrag?: ((paths: readonly string[]) => void) | undefined;
  /**
   * The ftp:// link the app was started with, handed over once ('app:take-open-url');
   * answers null when there is none (and where the adapter has no such links).
   */
  readonly takeOpenUrl?: (() => OpenUrlRequest | null) | undefined;
  /** Tests shorten the queue's waits (retry back-off, "queue finished" threshold). */
  readonly queueTuning?:
    { readonly retryDelayMs?: number; readonly finishNoticeAfterMs?: number } | undefined;
}

export interface NativeDialogs {
  open(request: {
    readonly kind: 'files' | 'directory';
    readonly multiple?: boolean | undefined;
    readonly title?: string | undefined;
    readonly defaultPath?: string | undefined;
  }): Promise<{ readonly paths: readonly string[] }>;
  save(request: {
    readonly title?: string | undefined;
    readonly defaultPath?: string | undefined;
  }): Promise<{ readonly path: string | null }>;
}

export interface AppServices {
  readonly router: ContractRouter;
  /** Closes every connection and flushes what is pending. */
  dispose(): Promise<void>;
}

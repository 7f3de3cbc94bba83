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
  /** Electron only: starts an OS drag of local files. */
  readonly startDrag?: ((paths: readonly string[]) => void) | undefined;
}

export interface AppServices {
  readonly router: ContractRouter;
  /** Closes every connection and flushes what is pending. */
  dispose(): Promise<void>;
}

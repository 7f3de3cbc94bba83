import { create } from 'zustand';

export type DialogName = 'settings' | 'site-manager' | 'about';

export const LOG_HEIGHT = { min: 60, initial: 150, max: 600 } as const;
export const QUEUE_HEIGHT = { min: 80, initial: 180, max: 700 } as const;

/**
 * The window's layout and which dialog is open. `refreshRequest` counts Refresh commands
 * (toolbar, menu, F5 outside a pane): the panes re-list when it changes.
 */
export interface UiStore {
  readonly showLog: boolean;
  readonly showQueue: boolean;
  readonly logHeight: number;
  readonly queueHeight: number;
  readonly dialog: DialogName | null;
  readonly refreshRequest: number;
  /** Counts "connect again with what the quickconnect bar holds" (Reconnect after Disconnect). */
  readonly quickconnectRequest: number;
  readonly toggleLog: () => void;
  readonly toggleQueue: () => void;
  readonly setLogHeight: (height: number) => void;
  readonly setQueueHeight: (height: number) => void;
  readonly openDialog: (dialog: DialogName) => void;
  readonly closeDialog: () => void;
  readonly requestRefresh: () => void;
  readonly requestQuickconnect: () => void;
}

const clamp = (value: number, range: { readonly min: number; readonly max: number }): number =>
  Math.round(Math.min(range.max, Math.max(range.min, value)));

export const useUiStore = create<UiStore>()((set) => ({
  showLog: true,
  showQueue: true,
  logHeight: LOG_HEIGHT.initial,
  queueHeight: QUEUE_HEIGHT.initial,
  dialog: null,
  refreshRequest: 0,
  quickconnectRequest: 0,
  toggleLog: () => set((state) => ({ showLog: !state.showLog })),
  toggleQueue: () => set((state) => ({ showQueue: !state.showQueue })),
  setLogHeight: (height) => set({ logHeight: clamp(height, LOG_HEIGHT) }),
  setQueueHeight: (height) => set({ queueHeight: clamp(height, QUEUE_HEIGHT) }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  requestRefresh: () => set((state) => ({ refreshRequest: state.refreshRequest + 1 })),
  requestQuickconnect: () =>
    set((state) => ({ quickconnectRequest: state.quickconnectRequest + 1 })),
}));

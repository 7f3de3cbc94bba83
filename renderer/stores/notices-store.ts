import { create } from 'zustand';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  readonly id: number;
  readonly level: NoticeLevel;
  readonly message: string;
  readonly time: number;
}

/** Older notices are dropped beyond this: a notice area is not a log. */
export const MAX_NOTICES = 5;

/**
 * Things the user should know that are not an answer to what they just did in a dialog:
 * 'app:notice' events (a corrupt settings file), a finished queue, a failed toolbar action.
 */
export interface NoticesStore {
  readonly notices: readonly Notice[];
  readonly nextId: number;
  readonly push: (level: NoticeLevel, message: string) => void;
  readonly dismiss: (id: number) => void;
}

export const useNoticesStore = create<NoticesStore>()((set) => ({
  notices: [],
  nextId: 1,
  push: (level, message) =>
    set((state) => {
      // The same message twice in a row is one notice (a retried action that fails again).
      const last = state.notices.at(-1);
      if (last !== undefined && last.level === level && last.message === message) return state;
      const notice: Notice = { id: state.nextId, level, message, time: Date.now() };
      return { notices: [...state.notices, notice].slice(-MAX_NOTICES), nextId: state.nextId + 1 };
    }),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));

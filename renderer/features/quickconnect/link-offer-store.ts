import { create } from 'zustand';
import type { OpenUrlRequest } from '../../../shared/models/open-url.js';

/**
 * An ftp:// link the system opened with Portside, waiting for the user to say yes or no.
 * `seq` counts offers, so the same link opened twice fills the fields again.
 */
export interface LinkOfferStore {
  readonly offer: OpenUrlRequest | null;
  readonly seq: number;
  readonly receive: (request: OpenUrlRequest) => void;
  readonly settle: () => void;
}

export const useLinkOfferStore = create<LinkOfferStore>()((set) => ({
  offer: null,
  seq: 0,
  receive: (request) => set((state) => ({ offer: request, seq: state.seq + 1 })),
  settle: () => set({ offer: null }),
}));

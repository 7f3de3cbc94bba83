import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract/channels.js';
import type { FileExistsQuestion } from '../../shared/models/transfer.js';

export type TrustRequest = EventPayload<'trust:request'>;

/**
 * Questions main is waiting on the user for, oldest first; the dialogs show the first of
 * each kind and remove it once it is answered.
 */
export interface PromptsStore {
  readonly trust: readonly TrustRequest[];
  readonly exists: readonly FileExistsQuestion[];
  readonly pushTrust: (request: TrustRequest) => void;
  readonly resolveTrust: (requestId: string) => void;
  readonly pushExists: (question: FileExistsQuestion) => void;
  readonly resolveExists: (requestId: string) => void;
}

export const usePromptsStore = create<PromptsStore>()((set) => ({
  trust: [],
  exists: [],
  pushTrust: (request) =>
    set((state) =>
      state.trust.some((r) => r.requestId === request.requestId)
        ? state
        : { trust: [...state.trust, request] },
    ),
  resolveTrust: (requestId) =>
    set((state) => ({ trust: state.trust.filter((r) => r.requestId !== requestId) })),
  pushExists: (question) =>
    set((state) =>
      state.exists.some((q) => q.requestId === question.requestId)
        ? state
        : { exists: [...state.exists, question] },
    ),
  resolveExists: (requestId) =>
    set((state) => ({ exists: state.exists.filter((q) => q.requestId !== requestId) })),
}));

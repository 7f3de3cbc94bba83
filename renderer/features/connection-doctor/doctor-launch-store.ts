import { create } from 'zustand';
import type { ConnectRequest } from '../../../shared/models/session.js';

/**
 * Which server "Diagnose connection" was asked for, from the Site Manager, the
 * quickconnect dropdown or a failed connection's message. `seq` gives each request a
 * fresh dialog, even for the same server twice.
 */
export interface DoctorLaunchStore {
  readonly request: ConnectRequest | null;
  readonly seq: number;
  readonly open: (request: ConnectRequest) => void;
  readonly close: () => void;
}

export const useDoctorLaunchStore = create<DoctorLaunchStore>()((set) => ({
  request: null,
  seq: 0,
  open: (request) => set((state) => ({ request, seq: state.seq + 1 })),
  close: () => set({ request: null }),
}));

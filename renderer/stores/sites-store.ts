import { create } from 'zustand';
import type { SiteTree } from '../../shared/models/site.js';

/**
 * The Site Manager's saved folders and sites, as 'sites:list' last answered. Sites carry
 * `hasPassword`, never a password: the renderer can set one but not read it back.
 */
export interface SitesStore {
  /** null until loaded. */
  readonly tree: SiteTree | null;
  readonly setTree: (tree: SiteTree) => void;
}

export const useSitesStore = create<SitesStore>()((set) => ({
  tree: null,
  setTree: (tree) => set({ tree }),
}));

import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/models/settings.js';

/**
 * The app's settings as main last reported them ('settings:get', an update's answer, or
 * 'settings:changed' when the menu or another window changed them). Components select one
 * field: `useSettingsStore((s) => s.settings.forcePassive)`.
 */
export interface SettingsStore {
  /** FileZilla-like defaults until main answers, so the window can render at once. */
  readonly settings: Settings;
  /** Main has answered at least once. */
  readonly loaded: boolean;
  readonly setSettings: (settings: Settings) => void;
}

export const useSettingsStore = create<SettingsStore>()((set) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  setSettings: (settings) => set({ settings, loaded: true }),
}));

import { useEffect } from 'react';
import { useSettingsStore } from '../stores/settings-store.js';

/**
 * Pins the theme Settings chose on <html data-theme>; "system" removes it, and the CSS
 * follows prefers-color-scheme (theme.css).
 */
export function useThemeAttribute(): void {
  const theme = useSettingsStore((s) => s.settings.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

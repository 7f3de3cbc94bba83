import { useEffect } from 'react';
import type { AppCommand } from './use-app-commands.js';

/**
 * FileZilla's window shortcuts, for the browser host only: in Electron the native menu
 * owns its accelerators, and handling them here as well would run each command twice.
 * A key a focused widget already handled (defaultPrevented) is left alone, and nothing
 * fires behind an open dialog.
 */
export function useBrowserShortcuts(run: Readonly<Record<AppCommand, () => void>>): void {
  useEffect(() => {
    if ('portside' in window) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || document.querySelector('[aria-modal="true"]') !== null) return;
      const mod = event.ctrlKey || event.metaKey;
      let command: AppCommand | undefined;
      if (event.key === 'F5' && !mod) command = 'refresh';
      else if (mod && !event.shiftKey && event.key.toLowerCase() === 's') command = 'site-manager';
      else if (mod && event.key === '.') command = 'cancel-operation';
      else if (mod && event.shiftKey && event.key.toLowerCase() === 'd') command = 'disconnect';
      if (command === undefined) return;
      // F5 would reload the page and Ctrl+S save it: neither is what a FileZilla user means.
      event.preventDefault();
      run[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);
}

import { useMemo } from 'react';
import type { MenuCommand } from '../../shared/models/menu-command.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useBridge } from './bridge-context.js';
import { useConnection } from './use-connection.js';

/**
 * What the toolbar, the browser menu and Electron's menu ('app:menu-command') can ask for:
 * one list, shared/models/menu-command.ts, so forwarding a menu command is a lookup.
 */
export type AppCommand = MenuCommand;

export function useAppCommands(): Readonly<Record<AppCommand, () => void>> {
  const bridge = useBridge();
  const connection = useConnection();
  return useMemo(() => {
    const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
    const report = (what: string) => (message: string) =>
      useNoticesStore.getState().push('error', `${what}: ${message}`);
    return {
      'site-manager': () => ui().openDialog('site-manager'),
      settings: () => ui().openDialog('settings'),
      about: () => ui().openDialog('about'),
      refresh: () => ui().requestRefresh(),
      'toggle-message-log': () => ui().toggleLog(),
      'toggle-queue': () => ui().toggleQueue(),
      'process-queue': () => {
        void bridge.invoke['queue:start']({}).then((result) => {
          if (!result.ok) report('Could not start the queue')(result.error.message);
        });
      },
      'toggle-force-passive': () => {
        const forcePassive = !useSettingsStore.getState().settings.forcePassive;
        void bridge.invoke['settings:update']({ forcePassive }).then((result) => {
          if (result.ok) useSettingsStore.getState().setSettings(result.value);
          else report('Could not change the connection mode')(result.error.message);
        });
      },
      'cancel-operation': () => void connection.cancel(),
      disconnect: () => void connection.disconnect(),
      reconnect: () => void connection.reconnect(),
    };
  }, [bridge, connection]);
}

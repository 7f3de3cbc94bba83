import type { MenuCommand } from '../../shared/models/menu-command.js';

export {
  menuCommands as MENU_COMMANDS,
  type MenuCommand,
} from '../../shared/models/menu-command.js';

export interface MenuCommandTargets {
  /** Forwards a command to the renderer ('app:menu-command'). */
  readonly toRenderer: (command: MenuCommand) => void;
  /** Saves the Force Passive mode setting (the menu's checkbox is a view of that setting). */
  readonly setForcePassive: (value: boolean) => Promise<void>;
  /** The setting as the menu shows it now. */
  readonly forcePassive: () => boolean;
  /** Reports a failure nobody else would see (the menu has no caller to answer). */
  readonly onError: (error: unknown) => void;
}

/**
 * Routes a menu click. Force Passive mode is a setting, so main saves it directly through
 * the services (the renderer learns of it from 'settings:changed', like any other change)
 * and it works even before the UI has loaded; everything else is the UI's to do.
 */
export function createMenuDispatcher(targets: MenuCommandTargets): (command: MenuCommand) => void {
  return (command) => {
    if (command === 'toggle-force-passive') {
      targets.setForcePassive(!targets.forcePassive()).catch(targets.onError);
      return;
    }
    targets.toRenderer(command);
  };
}

import { Menu } from 'electron';
import type { MenuCommand } from '../shell-policy/menu-commands.js';
import { buildMenuModel, toMenuTemplate } from '../shell-policy/menu-template.js';

export interface AppMenu {
  /** Rebuilds the menu so the Force Passive mode checkbox shows the setting. */
  update(forcePassive: boolean): void;
}

export function installAppMenu(
  dev: boolean,
  forcePassive: boolean,
  dispatch: (command: MenuCommand) => void,
): AppMenu {
  const install = (checked: boolean) =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        toMenuTemplate(
          buildMenuModel({ platform: process.platform, dev, forcePassive: checked }),
          dispatch,
        ),
      ),
    );
  install(forcePassive);
  return { update: install };
}

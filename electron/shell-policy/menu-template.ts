import type { MenuCommand } from './menu-commands.js';

/** Electron roles the menu uses: built-in behaviour (clipboard, zoom, quit) that needs no code. */
export type MenuRole =
  | 'windowMenu'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export type MenuEntry =
  | {
      readonly kind: 'command';
      readonly label: string;
      readonly command: MenuCommand;
      readonly accelerator?: string;
    }
  | {
      readonly kind: 'checkbox';
      readonly label: string;
      readonly command: MenuCommand;
      readonly checked: boolean;
    }
  | {
      readonly kind: 'role';
      readonly role: MenuRole;
      readonly label?: string;
      readonly accelerator?: string;
    }
  | { readonly kind: 'separator' };

export interface MenuSection {
  readonly label: string;
  /** A menu Electron fills itself (macOS Window menu); `entries` is then empty. */
  readonly role?: 'windowMenu';
  readonly entries: readonly MenuEntry[];
}

export interface MenuModelOptions {
  readonly platform: string;
  /** An unpacked development build: adds reload and DevTools. */
  readonly dev: boolean;
  readonly forcePassive: boolean;
}

const command = (label: string, name: MenuCommand, accelerator?: string): MenuEntry =>
  accelerator === undefined
    ? { kind: 'command', label, command: name }
    : { kind: 'command', label, command: name, accelerator };
const role = (name: MenuRole, label?: string, accelerator?: string): MenuEntry => ({
  kind: 'role',
  role: name,
  ...(label === undefined ? {} : { label }),
  ...(accelerator === undefined ? {} : { accelerator }),
});
const separator: MenuEntry = { kind: 'separator' };

/**
 * The application menu as data, following FileZilla's layout and shortcuts where people
 * know them (Ctrl+S Site Manager, F5 refresh, Ctrl+R reconnect, Ctrl+. cancel). On macOS
 * the app menu carries About, Settings and Quit, as the platform expects.
 */
export function buildMenuModel(options: MenuModelOptions): readonly MenuSection[] {
  const mac = options.platform === 'darwin';
  const sections: MenuSection[] = [];
  if (mac) {
    sections.push({
      label: 'Portside',
      entries: [
        command('About Portside', 'about'),
        separator,
        command('Settings…', 'settings', 'Cmd+,'),
        separator,
        role('quit'),
      ],
    });
  }
  sections.push({
    label: 'File',
    entries: [
      command('Site Manager…', 'site-manager', 'CmdOrCtrl+S'),
      ...(mac ? [] : [separator, role('quit', 'Exit', 'Ctrl+Q')]),
    ],
  });
  sections.push({
    label: 'Edit',
    entries: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      role('selectAll'),
      ...(mac ? [] : [separator, command('Settings…', 'settings')]),
    ],
  });
  sections.push({
    label: 'View',
    entries: [
      command('Refresh', 'refresh', 'F5'),
      separator,
      command('Message log', 'toggle-message-log'),
      command('Transfer queue', 'toggle-queue'),
      separator,
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      role('togglefullscreen'),
      // Ctrl+R is Reconnect, so the development reload lives on Ctrl+Shift+R only.
      ...(options.dev
        ? [separator, role('forceReload', 'Reload', 'CmdOrCtrl+Shift+R'), role('toggleDevTools')]
        : []),
    ],
  });
  sections.push({
    label: 'Transfer',
    entries: [
      command('Process queue', 'process-queue', 'CmdOrCtrl+P'),
      separator,
      {
        kind: 'checkbox',
        label: 'Force Passive mode',
        command: 'toggle-force-passive',
        checked: options.forcePassive,
      },
    ],
  });
  sections.push({
    label: 'Server',
    entries: [
      command('Cancel current operation', 'cancel-operation', 'CmdOrCtrl+.'),
      separator,
      command('Disconnect', 'disconnect', 'CmdOrCtrl+Shift+D'),
      command('Reconnect', 'reconnect', 'CmdOrCtrl+R'),
    ],
  });
  if (mac) sections.push({ label: 'Window', role: 'windowMenu', entries: [] });
  if (!mac) sections.push({ label: 'Help', entries: [command('About Portside', 'about')] });
  return sections;
}

/**
 * The shape Electron's Menu.buildFromTemplate takes (a subset of MenuItemConstructorOptions),
 * written out here so the conversion is testable without Electron.
 */
export interface MenuItemTemplate {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  readonly accelerator?: string;
  readonly checked?: boolean;
  readonly click?: () => void;
  readonly submenu?: MenuItemTemplate[];
}

export function toMenuTemplate(
  model: readonly MenuSection[],
  dispatch: (command: MenuCommand) => void,
): MenuItemTemplate[] {
  return model.map((section) =>
    section.role !== undefined && section.entries.length === 0
      ? { label: section.label, role: section.role }
      : { label: section.label, submenu: section.entries.map((entry) => toItem(entry, dispatch)) },
  );
}

function toItem(entry: MenuEntry, dispatch: (command: MenuCommand) => void): MenuItemTemplate {
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return {
        role: entry.role,
        ...(entry.label === undefined ? {} : { label: entry.label }),
        ...(entry.accelerator === undefined ? {} : { accelerator: entry.accelerator }),
      };
    case 'checkbox':
      return {
        type: 'checkbox',
        label: entry.label,
        checked: entry.checked,
        click: () => dispatch(entry.command),
      };
    case 'command':
      return {
        label: entry.label,
        ...(entry.accelerator === undefined ? {} : { accelerator: entry.accelerator }),
        click: () => dispatch(entry.command),
      };
    default:
      return assertNever(entry);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected menu entry: ${JSON.stringify(value)}`);
}

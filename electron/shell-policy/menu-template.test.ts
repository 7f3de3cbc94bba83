import { describe, expect, it, vi } from 'vitest';
import { createMenuDispatcher, MENU_COMMANDS, type MenuCommand } from './menu-commands.js';
import {
  buildMenuModel,
  toMenuTemplate,
  type MenuEntry,
  type MenuItemTemplate,
  type MenuSection,
} from './menu-template.js';

const linux = buildMenuModel({ platform: 'linux', dev: false, forcePassive: true });
const mac = buildMenuModel({ platform: 'darwin', dev: false, forcePassive: true });
const dev = buildMenuModel({ platform: 'linux', dev: true, forcePassive: false });

const entries = (model: readonly MenuSection[]): MenuEntry[] =>
  model.flatMap((section) => [...section.entries]);
const find = (model: readonly MenuSection[], label: string) =>
  entries(model).find((entry) => 'label' in entry && entry.label === label);

describe('the application menu', () => {
  it('has FileZilla’s menus in order', () => {
    expect(linux.map((section) => section.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Transfer',
      'Server',
      'Help',
    ]);
    expect(mac.map((section) => section.label)).toEqual([
      'Portside',
      'File',
      'Edit',
      'View',
      'Transfer',
      'Server',
      'Window',
    ]);
  });

  it('binds the shortcuts people know', () => {
    expect(find(linux, 'Site Manager…')).toMatchObject({
      command: 'site-manager',
      accelerator: 'CmdOrCtrl+S',
    });
    expect(find(linux, 'Refresh')).toMatchObject({ command: 'refresh', accelerator: 'F5' });
    expect(find(linux, 'Disconnect')).toMatchObject({
      command: 'disconnect',
      accelerator: 'CmdOrCtrl+Shift+D',
    });
    expect(find(linux, 'Reconnect')).toMatchObject({
      command: 'reconnect',
      accelerator: 'CmdOrCtrl+R',
    });
    expect(find(linux, 'Exit')).toMatchObject({ kind: 'role', role: 'quit' });
  });

  it.each([
    ['linux', linux],
    ['macOS', mac],
    ['development', dev],
  ])('never binds one shortcut twice (%s)', (_name, model) => {
    const accelerators = entries(model).flatMap((entry) =>
      'accelerator' in entry && entry.accelerator !== undefined ? [entry.accelerator] : [],
    );
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it.each([
    ['linux', linux],
    ['macOS', mac],
  ])('offers every menu command somewhere (%s)', (_name, model) => {
    const commands = new Set(
      entries(model).flatMap((entry) => ('command' in entry ? [entry.command] : [])),
    );
    expect([...commands].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('shows Force Passive mode as a checkbox following the setting', () => {
    expect(find(linux, 'Force Passive mode')).toEqual({
      kind: 'checkbox',
      label: 'Force Passive mode',
      command: 'toggle-force-passive',
      checked: true,
    });
    expect(find(dev, 'Force Passive mode')).toMatchObject({ checked: false });
  });

  it('offers reload and DevTools in development only', () => {
    const roles = (model: readonly MenuSection[]) =>
      entries(model).flatMap((entry) => (entry.kind === 'role' ? [entry.role] : []));
    expect(roles(linux)).not.toContain('forceReload');
    expect(roles(linux)).not.toContain('toggleDevTools');
    expect(roles(dev)).toEqual(expect.arrayContaining(['forceReload', 'toggleDevTools']));
  });
});

describe('the menu as an Electron template', () => {
  const items = (template: MenuItemTemplate[]) =>
    template.flatMap((section) => section.submenu ?? []);

  it('dispatches the command of the clicked item', () => {
    const dispatched: MenuCommand[] = [];
    const template = toMenuTemplate(linux, (command) => dispatched.push(command));
    items(template)
      .find((item) => item.label === 'Site Manager…')
      ?.click?.();
    items(template)
      .find((item) => item.label === 'Force Passive mode')
      ?.click?.();
    expect(dispatched).toEqual(['site-manager', 'toggle-force-passive']);
  });

  it('maps entries to Electron item shapes', () => {
    const template = toMenuTemplate(mac, () => undefined);
    expect(template.at(-1)).toEqual({ label: 'Window', role: 'windowMenu' });
    const all = items(template);
    expect(all.find((item) => item.label === 'Force Passive mode')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
    expect(all).toContainEqual({ type: 'separator' });
    expect(all).toContainEqual({ role: 'copy' });
    // Roles do their own work: no click handler that could shadow them.
    expect(all.filter((item) => item.role !== undefined && item.click !== undefined)).toEqual([]);
  });
});

describe('routing menu commands', () => {
  function targets(forcePassive: boolean) {
    return {
      toRenderer: vi.fn<(command: MenuCommand) => void>(),
      setForcePassive: vi.fn<(value: boolean) => Promise<void>>(() => Promise.resolve()),
      forcePassive: () => forcePassive,
      onError: vi.fn<(error: unknown) => void>(),
    };
  }

  it('sends UI commands to the renderer', () => {
    const t = targets(true);
    createMenuDispatcher(t)('refresh');
    expect(t.toRenderer).toHaveBeenCalledWith('refresh');
    expect(t.setForcePassive).not.toHaveBeenCalled();
  });

  it('flips the Force Passive mode setting in main, not in the renderer', () => {
    const t = targets(true);
    createMenuDispatcher(t)('toggle-force-passive');
    expect(t.setForcePassive).toHaveBeenCalledWith(false);
    expect(t.toRenderer).not.toHaveBeenCalled();
  });

  it('reports a failed settings change', async () => {
    const t = targets(false);
    const failure = new Error('disk full');
    t.setForcePassive.mockImplementation(() => Promise.reject(failure));
    createMenuDispatcher(t)('toggle-force-passive');
    await vi.waitFor(() => expect(t.onError).toHaveBeenCalledWith(failure));
    expect(t.setForcePassive).toHaveBeenCalledWith(true);
  });
});

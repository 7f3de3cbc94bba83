import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/contract/errors.js';
import { DEFAULT_SETTINGS } from '../../shared/models/settings.js';
import type { SessionInfo } from '../../shared/models/session.js';
import { useUiStore } from '../stores/ui-store.js';
import { axeViolations } from '../test-support/axe.js';
import { createFakeBridge } from '../test-support/fake-bridge.js';
import { stubElementSize } from '../test-support/layout.js';
import { renderWithBridge } from '../test-support/render.js';
import { App } from './app.js';

const connected: SessionInfo = {
  sessionId: 's1',
  state: 'connected',
  host: '127.0.0.1',
  port: 2121,
  user: 'alice',
  secure: false,
  dataMode: 'passive',
  remotePath: '/',
  system: 'UNIX',
  siteId: null,
  error: null,
};

describe('App', () => {
  let restoreSize: () => void;
  beforeEach(() => {
    restoreSize = stubElementSize(1200, 400);
  });
  afterEach(() => {
    restoreSize();
    delete document.documentElement.dataset.theme;
  });

  function setup() {
    const fake = createFakeBridge();
    fake.handle('session:connect', () => {
      fake.emit('session:state', connected);
      return ok(connected);
    });
    fake.handle('session:disconnect', () => ok(null));
    return renderWithBridge(<App />, fake);
  }

  it('lays the window out in FileZilla’s order', () => {
    setup();
    const order = [
      screen.getByRole('toolbar', { name: 'Main toolbar' }),
      screen.getByRole('form', { name: 'Quickconnect' }),
      screen.getByRole('log', { name: 'Message log' }),
      screen.getByRole('region', { name: 'Local site' }),
      screen.getByRole('region', { name: 'Remote site' }),
      screen.getByRole('region', { name: 'Transfer queue' }),
      screen.getByRole('button', { name: /^Connection mode/ }),
    ];
    for (let i = 1; i < order.length; i += 1) {
      const before = order[i - 1] as HTMLElement;
      // DOCUMENT_POSITION_FOLLOWING: each part comes after the one before it.
      expect(before.compareDocumentPosition(order[i] as HTMLElement) & 4).toBe(4);
    }
  });

  it('has no accessibility violations in the main window', async () => {
    setup();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connection mode: Passive' })).toBeTruthy(),
    );
    expect(await axeViolations(document.body)).toBe('');
  });

  it('opens the Site Manager from the toolbar, with no accessibility violations', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Site Manager' }));
    const dialog = screen.getByRole('dialog', { name: 'Site Manager' });
    await within(dialog).findByRole('tree', { name: 'Sites' });
    await user.click(within(dialog).getByRole('button', { name: 'New site' }));
    expect(await axeViolations(document.body)).toBe('');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens Settings from the toolbar and from the menu, with no accessibility violations', async () => {
    const { user, fake } = setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByRole('checkbox', { name: 'Force Passive mode' })).toBeTruthy();
    expect(await axeViolations(document.body)).toBe('');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Force Passive mode' }));
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(fake.callsTo('settings:update')).toEqual([{ forcePassive: false }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: /^Connection mode/ }).textContent).toBe(
      'Connection mode: Active',
    );

    await user.click(screen.getByRole('button', { name: 'Menu' }));
    await user.click(screen.getByRole('menuitem', { name: 'Settings…' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('makes the window behind a dialog inert and gives focus back when it closes', async () => {
    const { user } = setup();
    const opener = screen.getByRole('button', { name: 'Settings' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    expect(opener.closest('[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(opener.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('after a wrong password, says so by the bar and the rest of the window still works', async () => {
    const { user, fake } = setup();
    fake.handle('session:connect', () =>
      err(
        'auth',
        'Login incorrect: the server rejected the user name "alice" or its password (530 Login incorrect.)',
      ),
    );
    await user.type(screen.getByLabelText('Host'), '127.0.0.1');
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wrong user name or password.');
    expect(alert.closest('header')).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Site Manager' }));
    expect(screen.getByRole('dialog', { name: 'Site Manager' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: /^Connection mode/ }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connection mode: Active' })).toBeTruthy(),
    );
  });

  it('connects, then disconnects and reconnects from the toolbar', async () => {
    const { user, fake } = setup();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Host'), '127.0.0.1{Enter}');
    expect(await screen.findByText('Connected to alice@127.0.0.1:2121 (plain FTP)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(fake.callsTo('session:disconnect')).toEqual([{ sessionId: 's1' }]);
    await waitFor(() =>
      expect(screen.getByText('Disconnected from alice@127.0.0.1:2121')).toBeTruthy(),
    );

    // Reconnect after Disconnect connects again with what the bar holds.
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(fake.callsTo('session:connect')).toHaveLength(2));
    expect(fake.callsTo('session:connect')[1]).toEqual({ quick: { host: '127.0.0.1' } });
  });

  it('opens the Site Manager with Ctrl+S in the browser, and not behind a dialog', async () => {
    const { user } = setup();
    await user.keyboard('{Control>}s{/Control}');
    expect(screen.getByRole('dialog', { name: 'Site Manager' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.keyboard('{Control>}s{/Control}');
    expect(screen.queryByRole('dialog', { name: 'Site Manager' })).toBeNull();
  });

  it('hides and shows the log and the queue', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Log panel' }));
    expect(screen.queryByRole('log')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Queue panel' }));
    expect(screen.queryByRole('region', { name: 'Transfer queue' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Queue panel' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await user.click(screen.getByRole('button', { name: 'Log panel' }));
    expect(screen.getByRole('log', { name: 'Message log' })).toBeTruthy();
  });

  it('resizes the log with the keyboard', async () => {
    const { user } = setup();
    const sash = screen.getByRole('separator', { name: 'Resize message log' });
    const before = useUiStore.getState().logHeight;
    sash.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(useUiStore.getState().logHeight).toBe(before + 32);
    expect(sash.getAttribute('aria-valuenow')).toBe(String(before + 32));
  });

  it('shows app notices and follows the theme setting', async () => {
    const { fake } = setup();
    act(() =>
      fake.emit('app:notice', { level: 'warning', message: 'Your saved sites could not be read.' }),
    );
    expect(screen.getByRole('alert').textContent).toContain('Your saved sites could not be read.');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    act(() => fake.emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => fake.emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'system' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('unsubscribes from every event when it goes away', () => {
    const { fake, unmount } = setup();
    expect(fake.listenerCount('session:log')).toBe(1);
    unmount();
    for (const channel of [
      'session:log',
      'session:state',
      'settings:changed',
      'trust:request',
    ] as const) {
      expect(fake.listenerCount(channel)).toBe(0);
    }
  });
});

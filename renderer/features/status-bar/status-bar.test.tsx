import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/models/settings.js';
import type { SessionInfo } from '../../../shared/models/session.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { StatusBar } from './status-bar.js';

const session: SessionInfo = {
  sessionId: 's1',
  state: 'connected',
  host: 'ftp.example.com',
  port: 21,
  user: 'alice',
  secure: true,
  dataMode: 'passive',
  remotePath: '/',
  system: 'UNIX',
  siteId: null,
  error: null,
};

describe('StatusBar', () => {
  it('flips Force Passive mode through settings:update and shows the mode in use', async () => {
    const { fake, user } = renderWithBridge(<StatusBar />);
    const toggle = screen.getByRole('button', { name: /^Connection mode/ });
    expect(toggle.textContent).toBe('Connection mode: Passive');

    await user.click(toggle);
    expect(fake.callsTo('settings:update')).toEqual([{ forcePassive: false }]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Connection mode/ }).textContent).toBe(
        'Connection mode: Active',
      ),
    );
    expect(useSettingsStore.getState().settings.forcePassive).toBe(false);

    await user.click(screen.getByRole('button', { name: /^Connection mode/ }));
    expect(fake.callsTo('settings:update')).toEqual([
      { forcePassive: false },
      { forcePassive: true },
    ]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Connection mode: Passive' })).toBeTruthy(),
    );
  });

  it('follows a change made elsewhere (the menu, the Settings dialog)', () => {
    const fake = createFakeBridge();
    renderWithBridge(<StatusBar />, fake);
    const unwire = wireBridge(fake.bridge);
    act(() => fake.emit('settings:changed', { ...DEFAULT_SETTINGS, forcePassive: false }));
    expect(screen.getByRole('button', { name: /^Connection mode/ }).textContent).toBe(
      'Connection mode: Active',
    );
    unwire();
  });

  it('says when the connection uses another mode than the setting', () => {
    renderWithBridge(<StatusBar />);
    act(() => useSessionStore.getState().setSession({ ...session, dataMode: 'active' }));
    expect(screen.getByRole('button', { name: /^Connection mode/ }).textContent).toBe(
      'Connection mode: Passive (this connection uses Active)',
    );
  });

  it('shows the connection state and the queue summary', () => {
    const fake = createFakeBridge();
    renderWithBridge(<StatusBar />, fake);
    const unwire = wireBridge(fake.bridge);
    expect(screen.getByRole('status').textContent).toBe('Not connected');
    expect(screen.getByText('Queue: empty')).toBeTruthy();

    act(() => useSessionStore.getState().setSession(session));
    expect(screen.getByRole('status').textContent).toBe(
      'Connected to alice@ftp.example.com:21 (FTP over TLS)',
    );

    act(() =>
      fake.emit('queue:state', {
        running: true,
        active: 2,
        queued: 3,
        failed: 1,
        done: 4,
        bytesPerSecond: 3 * 1024 * 1024,
      }),
    );
    expect(screen.getByText('Queue: 5 files · 2 active · 1 failed · 3.0 MiB/s')).toBeTruthy();
    unwire();
  });
});

import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/contract/errors.js';
import type { SessionInfo } from '../../../shared/models/session.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { useSessionStore } from '../../stores/session-store.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { QuickconnectBar } from './quickconnect-bar.js';
import { HISTORY_KEY } from './quickconnect-history.js';

function info(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    sessionId: 'new1',
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
    ...overrides,
  };
}

function setup() {
  const fake = createFakeBridge();
  fake.handle('session:connect', () => ok(info()));
  const rendered = renderWithBridge(<QuickconnectBar />, fake);
  const field = (name: string) =>
    screen.getByLabelText(name, { selector: 'input' }) as HTMLInputElement;
  return { ...rendered, field };
}

describe('QuickconnectBar', () => {
  it('has the fields and button the end-to-end tests use', () => {
    setup();
    for (const name of ['Host', 'Username', 'Port']) {
      expect(screen.getByRole('textbox', { name }).tagName).toBe('INPUT');
    }
    // Password fields have no role; their label is what names them.
    expect(screen.getByLabelText('Password')).toHaveProperty('type', 'password');
    expect(screen.getByRole('button', { name: 'Quickconnect' })).toBeTruthy();
  });

  it('connects with what the fields hold', async () => {
    const { fake, user, field } = setup();
    await user.type(field('Host'), '127.0.0.1');
    await user.type(field('Username'), 'alice');
    await user.type(field('Password'), 's3cret');
    await user.type(field('Port'), '2121');
    await user.click(screen.getByRole('button', { name: 'Quickconnect' }));
    expect(fake.callsTo('session:connect')).toEqual([
      { quick: { host: '127.0.0.1', port: 2121, user: 'alice', password: 's3cret' } },
    ]);
    await waitFor(() => expect(useSessionStore.getState().session?.sessionId).toBe('new1'));
  });

  it('connects on Enter in any field', async () => {
    const { fake, user, field } = setup();
    await user.type(field('Host'), 'ftp.example.com');
    await user.type(field('Port'), '21{Enter}');
    expect(fake.callsTo('session:connect')).toEqual([
      { quick: { host: 'ftp.example.com', port: 21 } },
    ]);
  });

  it('takes an ftp:// URL in Host apart into the other fields', async () => {
    const { fake, user, field } = setup();
    await user.type(field('Host'), 'ftp://bob:pa%40ss@example.com:2121/pub/files/');
    await user.tab();
    expect(field('Host').value).toBe('example.com');
    expect(field('Username').value).toBe('bob');
    expect(field('Password').value).toBe('pa@ss');
    expect(field('Port').value).toBe('2121');

    await user.click(screen.getByRole('button', { name: 'Quickconnect' }));
    expect(fake.callsTo('session:connect')).toEqual([
      {
        quick: {
          host: 'example.com',
          port: 2121,
          user: 'bob',
          password: 'pa@ss',
          remotePath: 'pub/files',
        },
      },
    ]);
  });

  it('connects with implicit TLS for an ftps:// URL, even when Enter comes before leaving Host', async () => {
    const { fake, user, field } = setup();
    await user.type(field('Host'), 'ftps://carol@secure.example.com{Enter}');
    expect(fake.callsTo('session:connect')).toEqual([
      { quick: { host: 'secure.example.com', user: 'carol', encryption: 'implicit' } },
    ]);
    expect(field('Host').value).toBe('ftps://secure.example.com');
    expect(field('Username').value).toBe('carol');
  });

  it('security 9.5: refuses a URL with an encoded line break before anything is sent', async () => {
    const { fake, user, field } = setup();
    await user.type(field('Host'), 'ftp://h/a%0d%0aDELE%20x{Enter}');
    expect(fake.callsTo('session:connect')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/line break/);
  });

  it('says what is missing instead of connecting to nothing', async () => {
    const { fake, user, field } = setup();
    await user.click(screen.getByRole('button', { name: 'Quickconnect' }));
    expect(screen.getByRole('alert').textContent).toContain('Enter a host to connect to.');
    await user.type(field('Host'), 'example.com');
    await user.type(field('Port'), '70000{Enter}');
    expect(screen.getByRole('alert').textContent).toContain(
      'The port must be a number from 1 to 65535.',
    );
    expect(fake.callsTo('session:connect')).toEqual([]);
  });

  it('security 9.26: remembers recent connections without their passwords and refills from the list', async () => {
    const { user, field } = setup();
    await user.type(field('Host'), '127.0.0.1');
    await user.type(field('Username'), 'alice');
    await user.type(field('Password'), 'hunter2');
    await user.type(field('Port'), '2121{Enter}');

    const stored = localStorage.getItem(HISTORY_KEY) ?? '';
    expect(JSON.parse(stored)).toEqual([
      { host: '127.0.0.1', port: 2121, user: 'alice', secure: false },
    ]);
    expect(stored).not.toContain('hunter2');

    await user.clear(field('Host'));
    await user.clear(field('Username'));
    await user.clear(field('Port'));
    await user.click(screen.getByRole('button', { name: 'Recent connections' }));
    await user.click(screen.getByRole('menuitem', { name: 'alice@127.0.0.1:2121' }));
    expect(field('Host').value).toBe('127.0.0.1');
    expect(field('Username').value).toBe('alice');
    expect(field('Port').value).toBe('2121');
    expect(field('Password').value).toBe('');
    expect(document.activeElement).toBe(field('Password'));
  });

  it('says a wrong password in words, as an alert next to the bar', async () => {
    const fake = createFakeBridge();
    fake.handle('session:connect', () => {
      // As main does: the failed session's state first, then the answer.
      fake.emit('session:state', info({ state: 'failed', error: { code: 'auth', message: 'x' } }));
      return err(
        'auth',
        'Login incorrect: the server rejected the user name "alice" or its password (530 Login incorrect.)',
      );
    });
    const { user } = renderWithBridge(<QuickconnectBar />, fake);
    const unwire = wireBridge(fake.bridge);
    await user.type(screen.getByLabelText('Host'), '127.0.0.1');
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wrong user name or password.');
    expect(alert.textContent).toContain('530 Login incorrect.');
    expect(alert.textContent).not.toContain('wrong');
    // Next to the bar: right after the quickconnect form, in the same area.
    expect(screen.getByRole('form', { name: 'Quickconnect' }).nextElementSibling).toBe(alert);
    expect(useSessionStore.getState().session?.state).toBe('failed');

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    unwire();
  });

  it('closes the session it replaces', async () => {
    const { fake, user, field } = setup();
    act(() => useSessionStore.getState().setSession(info({ sessionId: 'old1' })));
    await user.type(field('Host'), 'example.com{Enter}');
    expect(fake.callsTo('session:disconnect')).toEqual([{ sessionId: 'old1' }]);
    expect(fake.calls.map((c) => c.channel)).toEqual(['session:disconnect', 'session:connect']);
  });
});

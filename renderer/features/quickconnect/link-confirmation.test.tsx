import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/contract/errors.js';
import type { OpenUrlRequest } from '../../../shared/models/open-url.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { QuickconnectBar } from './quickconnect-bar.js';

const LINK: OpenUrlRequest = {
  scheme: 'ftp',
  host: 'files.example.com',
  port: 2121,
  user: 'bob',
  path: 'pub/releases',
  passwordDropped: false,
};

/** The bar wired as in the app: wireBridge subscribes to links and takes the held one. */
function setup(heldLink: OpenUrlRequest | null) {
  const fake = createFakeBridge({ defaults: false });
  fake.reply('app:take-open-url', heldLink);
  fake.handle('session:connect', () =>
    ok({
      sessionId: 's1',
      state: 'connected',
      host: 'files.example.com',
      port: 2121,
      user: 'bob',
      secure: false,
      dataMode: 'passive',
      remotePath: '/',
      system: 'UNIX',
      siteId: null,
      error: null,
    }),
  );
  const rendered = renderWithBridge(<QuickconnectBar />, fake);
  const unwire = wireBridge(fake.bridge);
  const field = (name: string) =>
    screen.getByLabelText(name, { selector: 'input' }) as HTMLInputElement;
  const channels = () => fake.calls.map((call) => call.channel);
  return { ...rendered, fake, field, channels, unwire };
}

describe('an ftp:// link opened with the app', () => {
  it('fills Quickconnect from the link the app started with, and connects only when confirmed', async () => {
    const { fake, user, field, channels, unwire } = setup(LINK);
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain(
      'Connect to ftp://bob@files.example.com:2121/pub/releases?',
    );
    expect(field('Host').value).toBe('files.example.com');
    expect(field('Username').value).toBe('bob');
    expect(field('Port').value).toBe('2121');
    expect(field('Password').value).toBe('');
    // Asked, not connected; and nothing but the take (and the start-up settings read) was sent.
    expect(channels().filter((c) => c !== 'settings:get')).toEqual(['app:take-open-url']);

    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('session:connect')).toEqual([
      { quick: { host: 'files.example.com', port: 2121, user: 'bob', remotePath: 'pub/releases' } },
    ]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // A link never changes settings.
    expect(fake.callsTo('settings:update')).toEqual([]);
    unwire();
  });

  it('fills the fields for a link that arrives while the app runs; Cancel leaves them unconnected', async () => {
    const { fake, user, field, unwire } = setup(null);
    await waitFor(() => expect(fake.callsTo('app:take-open-url')).toHaveLength(1));
    await user.type(field('Host'), 'other.example.org');
    await user.type(field('Password'), 'typed-before');
    expect(screen.queryByRole('alertdialog')).toBeNull();

    act(() => fake.emit('app:open-url', { ...LINK, port: null, user: null, path: '' }));
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'Connect to ftp://files.example.com/?',
    );
    expect(field('Host').value).toBe('files.example.com');
    expect(field('Username').value).toBe('');
    expect(field('Port').value).toBe('');
    // A password typed for another server does not go to the link's server.
    expect(field('Password').value).toBe('');
    // Cancel has the focus, so a stray Enter does not connect.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(field('Host').value).toBe('files.example.com');
    expect(fake.callsTo('session:connect')).toEqual([]);
    expect(fake.callsTo('settings:update')).toEqual([]);
    unwire();
  });

  it('says a password in the link was not used, and keeps ftps:// as implicit TLS', async () => {
    const { fake, user, field, unwire } = setup({
      ...LINK,
      scheme: 'ftps',
      port: null,
      passwordDropped: true,
    });
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain('Connect to ftps://bob@files.example.com/pub/releases?');
    expect(question.textContent).toContain('does not use passwords from links');
    expect(field('Host').value).toBe('ftps://files.example.com');
    expect(field('Password').value).toBe('');

    await user.type(field('Password'), 'typed-by-me');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('session:connect')).toEqual([
      {
        quick: {
          host: 'files.example.com',
          user: 'bob',
          password: 'typed-by-me',
          encryption: 'implicit',
          remotePath: 'pub/releases',
        },
      },
    ]);
    unwire();
  });
});

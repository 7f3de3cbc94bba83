import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/channels.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { usePromptsStore } from '../../stores/prompts-store.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { TrustDialogHost } from './trust-dialog.js';

const FINGERPRINT =
  'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

function request(
  overrides: Partial<EventPayload<'trust:request'>> = {},
): EventPayload<'trust:request'> {
  return {
    requestId: 'q1',
    sessionId: 's1',
    certificate: {
      host: '127.0.0.1',
      port: 2990,
      fingerprint256: FINGERPRINT,
      subject: 'CN=localhost, O=Portside Test',
      issuer: 'CN=localhost, O=Portside Test',
      validFrom: 'Jan  1 00:00:00 2026 GMT',
      validTo: 'Jan  1 00:00:00 2027 GMT',
      reason: 'self-signed certificate',
    },
    changed: false,
    ...overrides,
  };
}

let unwire: (() => void) | undefined;
afterEach(() => unwire?.());

function setup() {
  const fake = createFakeBridge();
  fake.handle('trust:respond', () => ({ ok: true, value: null }));
  const rendered = renderWithBridge(<TrustDialogHost />, fake);
  unwire = wireBridge(fake.bridge);
  return rendered;
}

describe('TrustDialog', () => {
  it('opens on trust:request and shows host:port, subject, issuer, validity and the fingerprint', () => {
    const { fake } = setup();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => fake.emit('trust:request', request()));
    const dialog = within(screen.getByRole('alertdialog', { name: 'Unknown certificate' }));
    expect(dialog.getByText('127.0.0.1:2990')).toBeTruthy();
    expect(dialog.getAllByText('CN=localhost, O=Portside Test')).toHaveLength(2);
    expect(dialog.getByText('Jan  1 00:00:00 2027 GMT', { normalizer: (s) => s })).toBeTruthy();
    expect(dialog.getByText('self-signed certificate')).toBeTruthy();
    expect(dialog.getByText(FINGERPRINT)).toBeTruthy();
    expect(dialog.queryByText(/CHANGED/)).toBeNull();
  });

  it.each([
    ['Trust once', 'once'],
    ['Always trust', 'always'],
    ['Cancel', 'reject'],
  ] as const)('"%s" answers trust:respond with %s and closes', async (button, decision) => {
    const { fake, user } = setup();
    act(() => fake.emit('trust:request', request()));
    await user.click(screen.getByRole('button', { name: button }));
    expect(fake.callsTo('trust:respond')).toEqual([{ requestId: 'q1', decision }]);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('Esc rejects', async () => {
    const { fake, user } = setup();
    act(() => fake.emit('trust:request', request()));
    await user.keyboard('{Escape}');
    expect(fake.callsTo('trust:respond')).toEqual([{ requestId: 'q1', decision: 'reject' }]);
  });

  it('warns strongly when the certificate changed, with Cancel focused', () => {
    const { fake } = setup();
    act(() => fake.emit('trust:request', request({ changed: true })));
    const dialog = screen.getByRole('alertdialog', { name: 'Certificate changed' });
    expect(within(dialog).getByText(/has CHANGED since you trusted it/)).toBeTruthy();
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toMatch(/intercepting/);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
  });

  it('asks the next question after the first is answered', async () => {
    const { fake, user } = setup();
    act(() => {
      fake.emit('trust:request', request());
      fake.emit('trust:request', request({ requestId: 'q2', changed: true }));
    });
    await user.click(screen.getByRole('button', { name: 'Trust once' }));
    expect(await screen.findByRole('alertdialog', { name: 'Certificate changed' })).toBeTruthy();
    expect(usePromptsStore.getState().trust.map((r) => r.requestId)).toEqual(['q2']);
  });

  it('security 9.10: shows a hostile subject as inert text', () => {
    const { fake } = setup();
    const subject = 'CN=<img src=x onerror=alert(1)>\u202Emoc.knab';
    act(() =>
      fake.emit('trust:request', request({ certificate: { ...request().certificate, subject } })),
    );
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.textContent).toContain('CN=<img src=x onerror=alert(1)>\\u202Emoc.knab');
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine, LogLineKind } from '../../../shared/models/log-line.js';
import type { SessionInfo } from '../../../shared/models/session.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { LOG_CAPACITY, useLogStore } from '../../stores/log-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { formatClock } from '../../text/format.js';
import { createFakeBridge, type FakeBridge } from '../../test-support/fake-bridge.js';
import { stubElementSize } from '../../test-support/layout.js';
import { renderWithBridge } from '../../test-support/render.js';
import { MessageLog } from './message-log.js';

const SESSION = 'session1';
const TIME = new Date(2026, 0, 2, 3, 4, 5).getTime();

function session(): SessionInfo {
  return {
    sessionId: SESSION,
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
}

function line(seq: number, kind: LogLineKind, text: string): LogLine {
  return { seq, time: TIME, sessionId: SESSION, kind, text };
}

const ring = () => useLogStore.getState().views.get(SESSION)?.ring;

/** Emits lines as main would, and waits for the animation frame that delivers them. */
async function emitLines(fake: FakeBridge, lines: LogLine[]): Promise<void> {
  act(() => fake.emit('session:log', { sessionId: SESSION, lines }));
  const last = lines.at(-1)?.seq;
  await waitFor(() => expect(ring()?.at((ring()?.size ?? 0) - 1)?.seq).toBe(last));
}

const rows = (): HTMLElement[] => [
  ...screen.getByRole('log', { name: 'Message log' }).querySelectorAll<HTMLElement>('.log-row'),
];
const rowOf = (text: string): HTMLElement => {
  const row = within(screen.getByRole('log')).getByText(text).closest<HTMLElement>('.log-row');
  if (row === null) throw new Error(`no row for ${text}`);
  return row;
};

const CONVERSATION = [
  line(0, 'status', 'Connecting to 127.0.0.1:2121...'),
  line(1, 'response', '220 Welcome'),
  line(2, 'command', 'USER alice'),
  line(3, 'response', '331 Please specify the password.'),
  line(4, 'command', 'PASS ****'),
  line(5, 'error', 'Critical error: Could not connect to server'),
];

describe('MessageLog', () => {
  let restoreSize: () => void;
  let unwire: (() => void) | undefined;
  beforeEach(() => {
    restoreSize = stubElementSize(800, 400);
    useSessionStore.getState().setSession(session());
  });
  afterEach(() => {
    unwire?.();
    unwire = undefined;
    restoreSize();
  });

  function setup() {
    const fake = createFakeBridge();
    const rendered = renderWithBridge(<MessageLog />, fake);
    unwire = wireBridge(fake.bridge);
    return rendered;
  }

  it('is a log named "Message log" that colours lines by kind, FileZilla style', async () => {
    const { fake } = setup();
    await emitLines(fake, CONVERSATION);
    expect(rowOf('Connecting to 127.0.0.1:2121...').className).toContain('log-status');
    expect(rowOf('220 Welcome').className).toContain('log-response');
    expect(rowOf('USER alice').className).toContain('log-command');
    expect(rowOf('Critical error: Could not connect to server').className).toContain('log-error');
    // The kind is said in words too, not by colour alone.
    expect(within(rowOf('USER alice')).getByText('Command:')).toBeTruthy();
  });

  it('shows time stamps when the setting is turned on from the log', async () => {
    const { fake, user } = setup();
    await emitLines(fake, CONVERSATION);
    expect(screen.getByRole('log').querySelector('.log-time')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Time stamps' }));

    expect(fake.callsTo('settings:update')).toEqual([{ logTimestamps: true }]);
    await waitFor(() =>
      expect(within(rowOf('220 Welcome')).getByText(formatClock(TIME))).toBeTruthy(),
    );
    expect(formatClock(TIME)).toBe('03:04:05');
    expect(screen.getByRole('button', { name: 'Time stamps' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('finds text, highlights it, and steps through the matches', async () => {
    const { fake, user } = setup();
    await emitLines(fake, CONVERSATION);
    await user.type(screen.getByRole('searchbox', { name: 'Find in log' }), 'pass');

    await waitFor(() => expect(screen.getByText('1 of 2')).toBeTruthy());
    const marks = [...screen.getByRole('log').querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['pass', 'PASS']);
    expect(rows().find((r) => r.className.includes('is-current-match'))?.dataset.seq).toBe('3');

    await user.keyboard('{Enter}');
    expect(screen.getByText('2 of 2')).toBeTruthy();
    expect(rows().find((r) => r.className.includes('is-current-match'))?.dataset.seq).toBe('4');

    await user.clear(screen.getByRole('searchbox', { name: 'Find in log' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find in log' }), 'nothing like it');
    await waitFor(() => expect(screen.getByText('No matches')).toBeTruthy());
  });

  it('clears the log', async () => {
    const { fake, user } = setup();
    await emitLines(fake, CONVERSATION);
    expect(rows()).toHaveLength(CONVERSATION.length);
    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    expect(rows()).toHaveLength(0);
    expect(ring()?.size).toBe(0);
    expect(screen.getByText('The log is empty.')).toBeTruthy();
  });

  it('copies the selected lines, or all lines when none is selected', async () => {
    const { fake, user } = setup();
    await emitLines(fake, CONVERSATION);

    await user.click(screen.getByRole('button', { name: 'Copy all lines' }));
    const all = await navigator.clipboard.readText();
    expect(all.split('\n').filter(Boolean)).toHaveLength(CONVERSATION.length);
    expect(all).toContain('Command:\tUSER alice');

    await user.click(rowOf('220 Welcome'));
    await user.keyboard('{Shift>}');
    await user.click(rowOf('USER alice'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Copy selected lines' }));
    expect(await navigator.clipboard.readText()).toBe(
      'Response:\t220 Welcome\nCommand:\tUSER alice\n',
    );
    expect(screen.getByRole('status').textContent).toBe('Copied 2 lines');
  });

  it('takes a burst of 100,000 lines in one render, keeps the last 10,000 and a bounded DOM', async () => {
    const { fake } = setup();
    act(() => {
      for (let batch = 0; batch < 50; batch += 1) {
        fake.emit('session:log', {
          sessionId: SESSION,
          lines: Array.from({ length: 2000 }, (_, i) =>
            line(batch * 2000 + i, 'response', `150 line ${batch * 2000 + i}`),
          ),
        });
      }
    });
    await waitFor(() => expect(ring()?.size).toBe(LOG_CAPACITY));
    // All 50 batches arrived before one frame: the store changed once, React rendered once.
    expect(useLogStore.getState().views.get(SESSION)?.version).toBe(1);
    expect(ring()?.at(0)?.seq).toBe(90_000);
    expect(ring()?.at(LOG_CAPACITY - 1)?.seq).toBe(99_999);
    // 400 px of 20 px rows plus overscan: a few dozen rows, whatever the line count.
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(60);
  });

  it('security 9.10: shows HTML in a line as text, never as markup', async () => {
    const { fake } = setup();
    const html = '550 <img src=x onerror="alert(1)"><b>bold</b><script>alert(2)</script>';
    await emitLines(fake, [line(0, 'response', html)]);
    const log = screen.getByRole('log');
    expect(log.querySelector('img, b, script')).toBeNull();
    expect(rowOf(html).textContent).toContain(html);
  });

  it('security 9.10: spells out U+202E and control characters instead of obeying them', async () => {
    const { fake } = setup();
    await emitLines(fake, [line(0, 'response', '150 Opening evil\u202Etxt.exe\u0007 now')]);
    const text = rows()[0]?.textContent ?? '';
    expect(text).toContain('evil\\u202Etxt.exe\\u0007 now');
    expect(text.includes('\u202E') || text.includes('\u0007')).toBe(false);
    expect(rows()[0]?.querySelectorAll('.inert-escape')).toHaveLength(2);
  });
});

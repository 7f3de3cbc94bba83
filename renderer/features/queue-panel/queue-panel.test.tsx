import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueState, TransferItem } from '../../../shared/models/transfer.js';
import { useTransferStore } from '../../stores/transfer-store.js';
import { axeViolations } from '../../test-support/axe.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { stubElementSize } from '../../test-support/layout.js';
import { renderWithBridge } from '../../test-support/render.js';
import { transferItem } from '../file-pane/test-fakes.js';
import { QueuePanel } from './queue-panel.js';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubElementSize(1200, 300);
});
afterEach(() => restoreLayout());

const ITEMS: TransferItem[] = [
  transferItem('up', {
    direction: 'upload',
    localPath: '/home/user/site.zip',
    remotePath: '/pub/site.zip',
    size: 4000,
    transferred: 1000,
    status: 'active',
    bytesPerSecond: 1536,
    secondsLeft: 2,
  }),
  transferItem('down', {
    remotePath: '/pub/data.csv',
    localPath: '/home/user/data.csv',
    size: null,
  }),
  transferItem('bad', {
    remotePath: '/pub/secret.txt',
    localPath: '/home/user/secret.txt',
    status: 'failed',
    error: {
      code: 'refused-by-server',
      message: '550 secret.txt: Permission denied — check the file’s permissions on the server',
    },
  }),
  transferItem('ok', {
    remotePath: '/pub/done.bin',
    localPath: '/home/user/done.bin',
    status: 'done',
    transferred: 1000,
  }),
];

async function renderQueue(items: TransferItem[] = ITEMS, state?: QueueState) {
  const fake = createFakeBridge();
  fake.reply('transfer:list', items);
  if (state !== undefined) fake.reply('queue:get-state', state);
  for (const channel of [
    'transfer:cancel',
    'transfer:retry',
    'transfer:remove',
    'transfer:set-priority',
    'queue:start',
    'queue:stop',
    'queue:clear-finished',
    'queue:requeue-failed',
  ] as const) {
    fake.reply(channel, null);
  }
  const view = renderWithBridge(<QueuePanel />, fake);
  await waitFor(() => expect(useTransferStore.getState().loaded).toBe(true));
  const region = screen.getByRole('region', { name: 'Transfer queue' });
  return { ...view, region };
}

const tabCount = (name: string) =>
  screen.getByRole('tab', { name }).querySelector('.ps-count')?.textContent;

describe('QueuePanel', () => {
  it('has the three tabs with their counts, and shows the queued files first', async () => {
    const { region } = await renderQueue();
    const tabs = within(region).getAllByRole('tab');
    expect(tabs.map((tab) => tab.getAttribute('aria-label'))).toEqual([
      'Queued files',
      'Failed transfers',
      'Successful transfers',
    ]);
    expect([
      tabCount('Queued files'),
      tabCount('Failed transfers'),
      tabCount('Successful transfers'),
    ]).toEqual(['2', '1', '1']);
    const panel = within(region).getByRole('tabpanel', { name: 'Queued files' });
    const grid = within(panel).getByRole('grid', { name: 'Queued files' });
    expect(
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['site.zip', 'data.csv']);
  });

  it('shows direction, sizes, progress, speed and time left', async () => {
    await renderQueue();
    const row = screen.getByRole('row', { name: 'site.zip' });
    const cells = within(row)
      .getAllByRole('gridcell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 4)).toEqual([
      '/home/user/site.zip',
      '→Upload',
      '/pub/site.zip',
      '3.9 KiB',
    ]);
    expect(cells.slice(5, 9)).toEqual(['1.5 KiB/s', '0:02', 'Normal', 'Transferring']);
    const bar = within(row).getByRole('progressbar', { name: 'Progress of site.zip' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    // Unknown size: an indeterminate bar (no aria-valuenow).
    const unknown = within(screen.getByRole('row', { name: 'data.csv' })).getByRole('progressbar');
    expect(unknown.hasAttribute('aria-valuenow')).toBe(false);
  });

  it('follows transfer:update and transfer:removed', async () => {
    const { fake } = await renderQueue();
    act(() =>
      fake.emit('transfer:update', {
        items: [{ ...(ITEMS[0] as TransferItem), transferred: 3000, secondsLeft: 1 }],
      }),
    );
    expect(
      within(screen.getByRole('row', { name: 'site.zip' }))
        .getByRole('progressbar')
        .getAttribute('aria-valuenow'),
    ).toBe('75');
    act(() =>
      fake.emit('transfer:update', {
        items: [{ ...(ITEMS[0] as TransferItem), transferred: 4000, status: 'done' }],
      }),
    );
    expect(screen.queryByRole('row', { name: 'site.zip' })).toBeNull();
    expect([tabCount('Queued files'), tabCount('Successful transfers')]).toEqual(['1', '2']);
    act(() => fake.emit('transfer:removed', { ids: ['down'] }));
    expect(tabCount('Queued files')).toBe('0');
    expect(screen.getByText('No files here.')).toBeTruthy();
  });

  it('keeps updates that arrive while the list is on its way', async () => {
    const fake = createFakeBridge();
    let answer: ((items: TransferItem[]) => void) | undefined;
    fake.handle(
      'transfer:list',
      () => new Promise((resolve) => (answer = (items) => resolve({ ok: true, value: items }))),
    );
    renderWithBridge(<QueuePanel />, fake);
    await waitFor(() => expect(answer).toBeDefined());
    act(() => fake.emit('transfer:update', { items: [transferItem('new')] }));
    act(() => fake.emit('transfer:removed', { ids: ['gone'] }));
    await act(async () => answer?.([transferItem('old'), transferItem('gone')]));
    await waitFor(() => expect(tabCount('Queued files')).toBe('2'));
    expect(screen.getByRole('row', { name: 'new.bin' })).toBeTruthy();
    expect(screen.queryByRole('row', { name: 'gone.bin' })).toBeNull();
  });

  it('shows failed transfers with the reason, and retries or removes them', async () => {
    const { user, fake } = await renderQueue();
    await user.click(screen.getByRole('tab', { name: 'Failed transfers' }));
    const panel = screen.getByRole('tabpanel', { name: 'Failed transfers' });
    const row = within(panel).getByRole('row', { name: 'secret.txt' });
    expect(row.textContent).toContain(
      '550 secret.txt: Permission denied — check the file’s permissions on the server',
    );
    await user.click(within(row).getByRole('button', { name: 'Retry secret.txt' }));
    await user.click(within(row).getByRole('button', { name: 'Remove secret.txt' }));
    await waitFor(() => expect(fake.callsTo('transfer:remove')).toEqual([{ ids: ['bad'] }]));
    expect(fake.callsTo('transfer:retry')).toEqual([{ ids: ['bad'] }]);
  });

  it('cancels, removes and sets priority from the keyboard and the context menu', async () => {
    const { user, fake } = await renderQueue();
    await user.click(screen.getByRole('button', { name: 'Cancel data.csv' }));
    await waitFor(() => expect(fake.callsTo('transfer:cancel')).toEqual([{ ids: ['down'] }]));

    const grid = screen.getByRole('grid', { name: 'Queued files' });
    await user.click(screen.getByRole('row', { name: 'site.zip' }));
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    fireEvent.contextMenu(screen.getByRole('row', { name: 'data.csv' }), {
      clientX: 5,
      clientY: 5,
    });
    const menu = screen.getByRole('menu', { name: 'Queued files actions' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual([
      'Cancel',
      'Retry',
      'Remove',
      'Priority: Highest',
      'Priority: High',
      'Priority: Normal',
      'Priority: Low',
      'Priority: Lowest',
    ]);
    await user.click(within(menu).getByRole('menuitem', { name: 'Priority: Highest' }));
    await waitFor(() =>
      expect(fake.callsTo('transfer:set-priority')).toEqual([
        { ids: ['up', 'down'], priority: 'highest' },
      ]),
    );
    grid.focus();
    await user.keyboard('{Delete}');
    await waitFor(() => expect(fake.callsTo('transfer:remove')).toEqual([{ ids: ['up', 'down'] }]));
  });

  it('starts and stops the queue, clears finished and requeues failed', async () => {
    const { user, fake } = await renderQueue();
    await user.click(screen.getByRole('button', { name: 'Start queue' }));
    await waitFor(() => expect(fake.callsTo('queue:start')).toHaveLength(1));
    act(() =>
      fake.emit('queue:state', {
        running: true,
        active: 1,
        queued: 1,
        failed: 1,
        done: 1,
        bytesPerSecond: 1536,
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Stop queue' }));
    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    await user.click(screen.getByRole('button', { name: 'Requeue failed' }));
    await waitFor(() => expect(fake.callsTo('queue:requeue-failed')).toHaveLength(1));
    expect(fake.callsTo('queue:stop')).toHaveLength(1);
    expect(fake.callsTo('queue:clear-finished')).toHaveLength(1);
  });

  it('says that processing is stopped while queued files wait', async () => {
    const { user, fake } = await renderQueue();
    const state = { active: 0, queued: 2, failed: 0, done: 0, bytesPerSecond: 0 };
    act(() => fake.emit('queue:state', { running: false, ...state }));
    expect(screen.getByRole('status').textContent).toBe(
      'Processing stopped: 2 files wait for Start queue',
    );
    await user.click(screen.getByRole('button', { name: 'Start queue' }));
    await waitFor(() => expect(fake.callsTo('queue:start')).toHaveLength(1));
    act(() => fake.emit('queue:state', { running: true, ...state, active: 2, queued: 0 }));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says that processing is stopped for a queue restored at start (no event yet)', async () => {
    const restored = {
      running: false,
      active: 0,
      queued: 3,
      failed: 0,
      done: 0,
      bytesPerSecond: 0,
    };
    await renderQueue(ITEMS, restored);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Processing stopped: 3 files wait for Start queue',
      ),
    );
  });

  it('says when a command fails', async () => {
    const { user, fake } = await renderQueue();
    fake.fail('queue:start', 'internal', 'The queue file could not be written');
    await user.click(screen.getByRole('button', { name: 'Start queue' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not start the queue: The queue file could not be written',
    );
  });

  it('switches tabs with the arrow keys', async () => {
    const { user } = await renderQueue();
    screen.getByRole('tab', { name: 'Queued files' }).focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(
      screen.getByRole('tab', { name: 'Successful transfers' }).getAttribute('aria-selected'),
    ).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Successful transfers' }));
    const row = within(screen.getByRole('tabpanel', { name: 'Successful transfers' })).getByRole(
      'row',
      {
        name: 'done.bin',
      },
    );
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(row.textContent).toContain('Transferred');
  });

  it('security 9.10: shows hostile paths as text', async () => {
    await renderQueue([
      transferItem('x', {
        remotePath: '/pub/<img src=x onerror=alert(1)>\u202Etxt.exe',
        localPath: '/home/user/\x1b[2Jx',
      }),
    ]);
    expect(
      screen.getByRole('row', { name: '<img src=x onerror=alert(1)>\\u202Etxt.exe' }),
    ).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('/home/user/\\u001B[2Jx')).toBeTruthy();
  });

  it('renders thousands of items with a bounded number of rows', async () => {
    await renderQueue(Array.from({ length: 5000 }, (_, i) => transferItem(`t${i}`)));
    expect(tabCount('Queued files')).toBe('5,000');
    expect(screen.getAllByRole('row').length).toBeLessThan(40);
  });

  it('has no accessibility violations', async () => {
    const { container, user } = await renderQueue();
    expect(await axeViolations(container)).toBe('');
    await user.click(screen.getByRole('tab', { name: 'Failed transfers' }));
    expect(await axeViolations(container)).toBe('');
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/contract/errors.js';
import type { RemoteEntry } from '../../../shared/models/remote-entry.js';
import { useLocalPaneStore } from '../../stores/pane-stores/local-pane-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { axeViolations } from '../../test-support/axe.js';
import { createFakeBridge, type FakeBridge } from '../../test-support/fake-bridge.js';
import { stubElementSize } from '../../test-support/layout.js';
import { renderWithBridge } from '../../test-support/render.js';
import {
  fakeDataTransfer,
  localFile,
  remoteDir,
  remoteFile,
  session,
  transferItem,
} from '../file-pane/test-fakes.js';
import { LocalPane } from '../local-pane/local-pane.js';
import { RemotePane } from './remote-pane.js';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubElementSize(1000, 400);
});
afterEach(() => {
  restoreLayout();
  vi.unstubAllGlobals();
});

const PUB: RemoteEntry[] = [
  remoteDir('sub'),
  remoteFile('big.bin', 1_073_741_824, { permissions: 'rw-r--r--', owner: '0', group: '0' }),
  remoteFile('a b.txt', 12),
];

/** A little server: folder → entries; like the service, remote:list announces the new folder. */
function server(folders: Record<string, RemoteEntry[]>): FakeBridge {
  const fake = createFakeBridge();
  fake.handle('remote:list', ({ path, browse }) => {
    const target = path ?? '/pub';
    const entries = folders[target];
    if (entries === undefined)
      return {
        ok: false,
        error: { code: 'refused-by-server', message: `550 ${target}: No such file or directory` },
      };
    const current = useSessionStore.getState().session;
    if (current !== null && browse !== false)
      useSessionStore.getState().setSession({ ...current, remotePath: target });
    return ok({ path: target, entries });
  });
  for (const channel of [
    'remote:mkdir',
    'remote:rename',
    'remote:delete',
    'remote:chmod',
  ] as const) {
    fake.reply(channel, null);
  }
  fake.reply('transfer:enqueue', { queued: 1 });
  return fake;
}

const defaultServer = () =>
  server({
    '/pub': PUB,
    '/pub/sub': [remoteFile('deep.txt', 3)],
    '/other': [remoteFile('elsewhere', 1)],
  });

function showLocalFolder(path: string) {
  const token = useLocalPaneStore.getState().startListing(path);
  useLocalPaneStore.getState().applyListing(token, { path, parent: null, entries: [] });
}

async function renderConnected(fake = defaultServer()) {
  useSessionStore.getState().setSession(session({ remotePath: '/pub' }));
  const view = renderWithBridge(<RemotePane />, fake);
  const grid = await screen.findByRole('grid', { name: 'Remote files' });
  await within(grid).findByRole('row', { name: 'big.bin' });
  return { ...view, grid };
}

describe('RemotePane', () => {
  it('says "Not connected to any server" until the session is connected', async () => {
    const fake = defaultServer();
    renderWithBridge(<RemotePane />, fake);
    expect(screen.getByText('Not connected to any server')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Remote path' })).toHaveProperty('disabled', true);
    act(() =>
      useSessionStore.getState().setSession(session({ state: 'connecting', remotePath: null })),
    );
    expect(screen.getByText('Not connected to any server')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
    expect(fake.callsTo('remote:list')).toHaveLength(0);
    act(() => useSessionStore.getState().setSession(session({ remotePath: '/pub' })));
    const grid = await screen.findByRole('grid', { name: 'Remote files' });
    await within(grid).findByRole('row', { name: 'big.bin' });
    expect(fake.callsTo('remote:list')).toEqual([{ sessionId: 's1', path: '/pub' }]);
    act(() => useSessionStore.getState().setSession(session({ state: 'disconnected' })));
    expect(screen.getByText('Not connected to any server')).toBeTruthy();
  });

  it('shows permissions and owner/group, and the footer', async () => {
    const { grid } = await renderConnected();
    const cells = within(within(grid).getByRole('row', { name: 'big.bin' }))
      .getAllByRole('gridcell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      'big.bin',
      '1,073,741,824',
      'BIN file',
      expect.any(String),
      'rw-r--r--',
      '0 0',
    ]);
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.replace(/[▲▼]/, '')),
    ).toEqual(['Filename', 'Filesize', 'Filetype', 'Last modified', 'Permissions', 'Owner/Group']);
    expect(
      screen.getByText('2 files and 1 directory. Total size: 1,073,741,836 bytes'),
    ).toBeTruthy();
  });

  it('opens folders on double-click, the path bar follows, and ".." goes back', async () => {
    const { grid, user, fake } = await renderConnected();
    await user.dblClick(within(grid).getByRole('row', { name: 'sub' }));
    await within(grid).findByRole('row', { name: 'deep.txt' });
    expect(screen.getByRole('textbox', { name: 'Remote path' })).toHaveProperty(
      'value',
      '/pub/sub',
    );
    await user.dblClick(within(grid).getByRole('row', { name: '..' }));
    await within(grid).findByRole('row', { name: 'big.bin' });
    expect(screen.getByRole('textbox', { name: 'Remote path' })).toHaveProperty('value', '/pub');
    // Its own listings moved the session's folder; none of that caused another listing.
    expect(fake.callsTo('remote:list').map((r) => r.path)).toEqual(['/pub', '/pub/sub', '/pub']);
  });

  it('fills the folder tree without moving the file list out of its folder', async () => {
    const fake = server({ '/': [remoteDir('pub'), remoteDir('other')], '/pub': PUB });
    const { grid } = await renderConnected(fake);
    const tree = screen.getByRole('tree', { name: 'Remote folders' });
    // The root is on the way to /pub but was never listed: close it and open it again.
    const rootToggle = () =>
      within(tree).getByRole('treeitem', { name: '/' }).querySelector('[data-toggle]') as Element;
    fireEvent.click(rootToggle());
    fireEvent.click(rootToggle());
    await within(tree).findByRole('treeitem', { name: 'other' });
    expect(fake.callsTo('remote:list')).toContainEqual({
      sessionId: expect.any(String) as string,
      path: '/',
      browse: false,
    });
    expect(screen.getByRole('textbox', { name: 'Remote path' })).toHaveProperty('value', '/pub');
    expect(within(grid).getByRole('row', { name: 'big.bin' })).toBeTruthy();
    expect(useSessionStore.getState().session?.remotePath).toBe('/pub');
  });

  it('follows the session when something else changes its folder', async () => {
    const { grid, fake } = await renderConnected();
    act(() => useSessionStore.getState().setSession(session({ remotePath: '/other' })));
    await within(grid).findByRole('row', { name: 'elsewhere' });
    expect(fake.callsTo('remote:list').at(-1)).toEqual({ sessionId: 's1', path: '/other' });
  });

  it('downloads a file on double-click into the local folder (Windows separators)', async () => {
    showLocalFolder('C:\\Users\\alice');
    const { grid, user, fake } = await renderConnected();
    await user.dblClick(within(grid).getByRole('row', { name: 'big.bin' }));
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]).toEqual({
      sessionId: 's1',
      items: [
        {
          direction: 'download',
          kind: 'file',
          localPath: 'C:\\Users\\alice\\big.bin',
          remotePath: '/pub/big.bin',
          size: 1_073_741_824,
        },
      ],
    });
  });

  it('"Add files to queue" queues the download without starting the queue', async () => {
    showLocalFolder('/home/user');
    const { grid, user, fake } = await renderConnected();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'big.bin' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Add files to queue' }));
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]).toEqual({
      sessionId: 's1',
      start: false,
      items: [
        {
          direction: 'download',
          kind: 'file',
          localPath: '/home/user/big.bin',
          remotePath: '/pub/big.bin',
          size: 1_073_741_824,
        },
      ],
    });
    expect(fake.callsTo('queue:start')).toHaveLength(0);
  });

  it('transfers the selection with Enter on a file', async () => {
    showLocalFolder('/home/user');
    const { grid, user, fake } = await renderConnected();
    await user.click(within(grid).getByRole('row', { name: 'big.bin' }));
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}{Enter}');
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]?.items.map((i) => i.remotePath)).toEqual([
      '/pub/a b.txt',
      '/pub/big.bin',
    ]);
  });

  it('refreshes after uploads finish in the folder shown, and on the window Refresh command', async () => {
    const { fake } = await renderConnected();
    const lists = () => fake.callsTo('remote:list').length;
    const before = lists();
    act(() =>
      fake.emit('transfer:update', {
        items: [
          transferItem('u', { direction: 'upload', remotePath: '/pub/new.txt', status: 'done' }),
        ],
      }),
    );
    await waitFor(() => expect(lists()).toBe(before + 1), { timeout: 2000 });
    act(() =>
      fake.emit('transfer:update', {
        items: [
          transferItem('v', { direction: 'upload', remotePath: '/elsewhere/x', status: 'done' }),
        ],
      }),
    );
    act(() => useUiStore.getState().requestRefresh());
    await waitFor(() => expect(lists()).toBe(before + 2));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(lists()).toBe(before + 2);
  });

  it('downloads a folder as one directory request', async () => {
    showLocalFolder('/home/user');
    const { grid, user, fake } = await renderConnected();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'sub' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Download' }));
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]?.items).toEqual([
      {
        direction: 'download',
        kind: 'directory',
        localPath: '/home/user/sub',
        remotePath: '/pub/sub',
      },
    ]);
  });

  it('has the remote context menu, with the right invokes', async () => {
    const { grid, user, fake } = await renderConnected();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'a b.txt' }), {
      clientX: 5,
      clientY: 5,
    });
    const menu = screen.getByRole('menu', { name: 'Remote files actions' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual([
      'Download',
      'Add files to queue',
      'Create directory',
      'Rename',
      'Delete',
      'File permissions…',
      'Refresh',
      'Copy URL',
    ]);
    await user.click(within(menu).getByRole('menuitem', { name: 'Copy URL' }));
    const url = await navigator.clipboard.readText();
    expect(url).toBe('ftp://alice@127.0.0.1:2121/pub/a%20b.txt');

    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'a b.txt' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'File permissions…' }));
    const dialog = screen.getByRole('dialog', { name: 'Change file attributes' });
    const numeric = within(dialog).getByRole('textbox', { name: 'Numeric value' });
    expect(numeric).toHaveProperty('value', '644');
    const groupWrite = within(
      within(dialog).getByRole('group', { name: 'Group permissions' }),
    ).getByRole('checkbox', { name: 'Write' });
    await user.click(groupWrite);
    expect(numeric).toHaveProperty('value', '664');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(fake.callsTo('remote:chmod')).toEqual([
        { sessionId: 's1', path: '/pub/a b.txt', mode: '664' },
      ]),
    );

    fireEvent.contextMenu(grid, { clientX: 5, clientY: 5 });
    await user.click(screen.getByRole('menuitem', { name: 'Create directory' }));
    const name = screen.getByRole('textbox', { name: 'Directory name' });
    await user.clear(name);
    await user.type(name, 'new{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('remote:mkdir')).toEqual([{ sessionId: 's1', path: '/pub/new' }]),
    );

    await user.click(within(grid).getByRole('row', { name: 'sub' }));
    await user.keyboard('{Control>}');
    await user.click(within(grid).getByRole('row', { name: 'a b.txt' }));
    await user.keyboard('{/Control}{Delete}');
    const confirm = screen.getByRole('alertdialog', { name: 'Confirm deletion' });
    expect(confirm.textContent).toContain('from the server');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(fake.callsTo('remote:delete')).toEqual([
        { sessionId: 's1', path: '/pub/sub', kind: 'directory' },
        { sessionId: 's1', path: '/pub/a b.txt', kind: 'file' },
      ]),
    );
  });

  it('security 9.26: never puts a password into a copied URL', async () => {
    const { grid, user } = await renderConnected();
    act(() =>
      useSessionStore.getState().setSession(session({ user: 'bob:secret@x', remotePath: '/pub' })),
    );
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'big.bin' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Copy URL' }));
    // The user name is encoded, so nothing in it can pose as a password or a host.
    expect(await navigator.clipboard.readText()).toBe(
      'ftp://bob%3Asecret%40x@127.0.0.1:2121/pub/big.bin',
    );
  });

  it('uploads local rows dragged onto the remote pane, or onto a remote folder row', async () => {
    const fake = defaultServer();
    fake.handle('local:list', ({ path }) =>
      ok({ path, parent: '/home', entries: [localFile('notes.txt', 1162)] }),
    );
    useSessionStore.getState().setSession(session({ remotePath: '/pub' }));
    renderWithBridge(
      <>
        <LocalPane />
        <RemotePane />
      </>,
      fake,
    );
    const local = await screen.findByRole('grid', { name: 'Local files' });
    const remote = await screen.findByRole('grid', { name: 'Remote files' });
    const row = await within(local).findByRole('row', { name: 'notes.txt' });
    await within(remote).findByRole('row', { name: 'sub' });

    let dataTransfer = fakeDataTransfer();
    fireEvent.dragStart(row, { dataTransfer });
    expect(dataTransfer.types).toContain('application/x-portside-entries+json');
    fireEvent.dragOver(remote, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('copy');
    fireEvent.drop(remote, { dataTransfer });
    fireEvent.dragEnd(row, { dataTransfer });
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]).toEqual({
      sessionId: 's1',
      items: [
        {
          direction: 'upload',
          kind: 'file',
          localPath: '/home/user/notes.txt',
          remotePath: '/pub/notes.txt',
          size: 1162,
        },
      ],
    });

    dataTransfer = fakeDataTransfer();
    fireEvent.dragStart(row, { dataTransfer });
    fireEvent.drop(within(remote).getByRole('row', { name: 'sub' }), { dataTransfer });
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(2));
    expect(fake.callsTo('transfer:enqueue')[1]?.items[0]?.remotePath).toBe('/pub/sub/notes.txt');
  });

  it('downloads remote rows dragged onto the local pane', async () => {
    const fake = defaultServer();
    fake.handle('local:list', ({ path }) => ok({ path, parent: '/home', entries: [] }));
    useSessionStore.getState().setSession(session({ remotePath: '/pub' }));
    renderWithBridge(
      <>
        <LocalPane />
        <RemotePane />
      </>,
      fake,
    );
    const local = await screen.findByRole('grid', { name: 'Local files' });
    const remote = await screen.findByRole('grid', { name: 'Remote files' });
    await waitFor(() => expect(useLocalPaneStore.getState().path).toBe('/home/user'));
    const dataTransfer = fakeDataTransfer();
    fireEvent.dragStart(await within(remote).findByRole('row', { name: 'sub' }), { dataTransfer });
    fireEvent.drop(local, { dataTransfer });
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]?.items).toEqual([
      {
        direction: 'download',
        kind: 'directory',
        localPath: '/home/user/sub',
        remotePath: '/pub/sub',
      },
    ]);
  });

  it('uploads a file dropped from the desktop through the host (/api/drop)', async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify({ path: '/tmp/portside-drop/1/report.pdf' }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { grid, fake } = await renderConnected();
    const file = new File(['%PDF-1.7 hello'], 'report.pdf', { type: 'application/pdf' });
    const dataTransfer = fakeDataTransfer([file]);
    fireEvent.dragOver(grid, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('copy');
    fireEvent.drop(grid, { dataTransfer });
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/drop?name=report.pdf');
    expect(init).toMatchObject({ method: 'POST', body: file, credentials: 'same-origin' });
    expect(fake.callsTo('transfer:enqueue')[0]).toEqual({
      sessionId: 's1',
      items: [
        {
          direction: 'upload',
          kind: 'file',
          localPath: '/tmp/portside-drop/1/report.pdf',
          remotePath: '/pub/report.pdf',
          size: file.size,
        },
      ],
    });
  });

  it('takes desktop drops anywhere on the pane, like a synthetic drop without dragover', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ path: '/stage/a.txt' })));
    const { fake } = await renderConnected();
    const region = screen.getByRole('region', { name: 'Remote site' });
    fireEvent.drop(within(region).getByRole('textbox', { name: 'Remote path' }), {
      dataTransfer: fakeDataTransfer([new File(['a'], 'a.txt')]),
    });
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]?.items[0]).toMatchObject({
      localPath: '/stage/a.txt',
      remotePath: '/pub/a.txt',
    });
  });

  it('says so when the host refuses a dropped file', async () => {
    vi.stubGlobal('fetch', async () => new Response('too large', { status: 413 }));
    const { grid, fake } = await renderConnected();
    fireEvent.drop(grid, { dataTransfer: fakeDataTransfer([new File(['x'], 'x.iso')]) });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The host refused x.iso (HTTP 413): too large',
    );
    expect(fake.callsTo('transfer:enqueue')).toHaveLength(0);
  });

  it('security 9.10: shows hostile names as inert text', async () => {
    const hostile = [
      remoteFile('<script>alert(1)</script>'),
      remoteFile('evil\u202Egnp.js'),
      remoteFile('tab\there\x1b[31m'),
    ];
    const { grid } = await renderConnected(server({ '/pub': [...PUB, ...hostile] }));
    expect(within(grid).getByRole('row', { name: '<script>alert(1)</script>' })).toBeTruthy();
    expect(document.querySelector('script')).toBeNull();
    expect(within(grid).getByRole('row', { name: 'evil\\u202Egnp.js' })).toBeTruthy();
    expect(within(grid).getByRole('row', { name: 'tab\\u0009here\\u001B[31m' })).toBeTruthy();
  });

  it('has no accessibility violations', async () => {
    const { container } = await renderConnected();
    expect(await axeViolations(container)).toBe('');
    useSessionStore.getState().setSession(null);
    await screen.findByText('Not connected to any server');
    expect(await axeViolations(container)).toBe('');
  });
});

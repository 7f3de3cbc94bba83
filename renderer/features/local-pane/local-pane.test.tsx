import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/contract/errors.js';
import type { LocalEntry } from '../../../shared/models/local-entry.js';
import { useLocalPaneStore } from '../../stores/pane-stores/local-pane-store.js';
import { useRemotePaneStore } from '../../stores/pane-stores/remote-pane-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { axeViolations } from '../../test-support/axe.js';
import { createFakeBridge, type FakeBridge } from '../../test-support/fake-bridge.js';
import { stubElementSize } from '../../test-support/layout.js';
import { renderWithBridge } from '../../test-support/render.js';
import { localDir, localFile, session } from '../file-pane/test-fakes.js';
import { LocalPane } from './local-pane.js';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubElementSize(1000, 400);
});
afterEach(() => restoreLayout());

/** A little disk: folder path → entries. */
function disk(folders: Record<string, LocalEntry[]>): FakeBridge {
  const fake = createFakeBridge();
  fake.handle('local:list', ({ path }) => {
    const entries = folders[path];
    if (entries === undefined)
      return {
        ok: false,
        error: { code: 'not-found', message: `The folder ${path} does not exist` },
      };
    const cut = path.lastIndexOf('/');
    const parent = path === '/' ? null : cut === 0 ? '/' : path.slice(0, cut);
    return ok({ path, parent, entries });
  });
  fake.reply('local:mkdir', null);
  fake.reply('local:rename', null);
  fake.reply('local:delete', null);
  fake.reply('transfer:enqueue', { queued: 1 });
  return fake;
}

const HOME = [localDir('docs'), localFile('notes.txt', 1162), localFile('b.bin', 2048)];

async function renderHome(
  fake = disk({
    '/home/user': HOME,
    '/home/user/docs': [localFile('inside.md', 5)],
    '/home': [localDir('user')],
  }),
  firstRow = 'notes.txt',
) {
  const view = renderWithBridge(<LocalPane />, fake);
  const grid = await screen.findByRole('grid', { name: 'Local files' });
  await within(grid).findByRole('row', { name: firstRow });
  return { ...view, grid };
}

const connect = () => {
  useSessionStore.getState().setSession(session({ remotePath: '/pub' }));
  const token = useRemotePaneStore.getState().startListing('/pub');
  useRemotePaneStore.getState().applyListing(token, { path: '/pub', parent: '/', entries: [] });
};

describe('LocalPane', () => {
  it('starts in the home folder, with the path, rows and footer', async () => {
    const { grid, fake } = await renderHome();
    expect(fake.callsTo('local:home')).toHaveLength(1);
    expect(fake.callsTo('local:list')[0]).toEqual({ path: '/home/user' });
    expect(screen.getByRole('textbox', { name: 'Local path' })).toHaveProperty(
      'value',
      '/home/user',
    );
    const rows = within(grid).getAllByRole('row').slice(1); // after the header row
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual([
      '..',
      'docs',
      'b.bin',
      'notes.txt',
    ]);
    expect(
      within(rows[3] as HTMLElement)
        .getAllByRole('gridcell')
        .map((c) => c.textContent),
    ).toEqual(['notes.txt', '1,162', 'TXT file', expect.any(String)]);
    expect(screen.getByText('2 files and 1 directory. Total size: 3,210 bytes')).toBeTruthy();
  });

  it('opens a folder on double-click, the path bar follows, ".." goes back', async () => {
    const { grid, user, fake } = await renderHome();
    await user.dblClick(within(grid).getByRole('row', { name: 'docs' }));
    await within(grid).findByRole('row', { name: 'inside.md' });
    expect(fake.callsTo('local:list').at(-1)).toEqual({ path: '/home/user/docs' });
    expect(screen.getByRole('textbox', { name: 'Local path' })).toHaveProperty(
      'value',
      '/home/user/docs',
    );
    await user.dblClick(within(grid).getByRole('row', { name: '..' }));
    await within(grid).findByRole('row', { name: 'notes.txt' });
    expect(screen.getByRole('textbox', { name: 'Local path' })).toHaveProperty(
      'value',
      '/home/user',
    );
    // Coming back up focuses the folder just left.
    expect(useLocalPaneStore.getState().focused).toBe('docs');
  });

  it('navigates to a typed path on Enter and keeps recent folders', async () => {
    const { grid, user, fake } = await renderHome();
    const field = screen.getByRole('textbox', { name: 'Local path' });
    await user.clear(field);
    await user.type(field, '/home/user/docs{Enter}');
    await within(grid).findByRole('row', { name: 'inside.md' });
    expect(fake.callsTo('local:list').at(-1)).toEqual({ path: '/home/user/docs' });
    await user.click(screen.getByRole('button', { name: 'Recent folders (Local path)' }));
    const menu = screen.getByRole('menu', { name: 'Recent folders (Local path)' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['/home/user/docs', '/home/user']);
    await user.click(within(menu).getByRole('menuitem', { name: '/home/user' }));
    await within(grid).findByRole('row', { name: 'notes.txt' });
  });

  it('shows a listing error and keeps the folder', async () => {
    const { grid, user } = await renderHome();
    const field = screen.getByRole('textbox', { name: 'Local path' });
    await user.clear(field);
    await user.type(field, '/nowhere{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The folder /nowhere does not exist',
    );
    expect(within(grid).getByRole('row', { name: 'notes.txt' })).toBeTruthy();
  });

  it('uploads a file on double-click: transfer:enqueue with the exact request', async () => {
    const { grid, user, fake } = await renderHome();
    connect();
    await user.dblClick(within(grid).getByRole('row', { name: 'notes.txt' }));
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
  });

  it('"Add files to queue" queues the upload without starting the queue', async () => {
    const { grid, user, fake } = await renderHome();
    connect();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'notes.txt' }), {
      clientX: 10,
      clientY: 10,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Add files to queue' }));
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]).toMatchObject({
      sessionId: 's1',
      start: false,
      items: [{ direction: 'upload', localPath: '/home/user/notes.txt' }],
    });
    expect(fake.callsTo('queue:start')).toHaveLength(0);
  });

  it('asks to connect before uploading', async () => {
    const { grid, user, fake } = await renderHome();
    await user.dblClick(within(grid).getByRole('row', { name: 'notes.txt' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Connect to a server to upload.',
    );
    expect(fake.callsTo('transfer:enqueue')).toHaveLength(0);
  });

  it('selects with click, Ctrl-click, Shift-click and Ctrl+A, and the footer follows', async () => {
    const { grid, user } = await renderHome();
    await user.click(within(grid).getByRole('row', { name: 'b.bin' }));
    expect(screen.getByText('Selected 1 file. Total size: 2,048 bytes')).toBeTruthy();
    await user.keyboard('{Control>}');
    await user.click(within(grid).getByRole('row', { name: 'notes.txt' }));
    await user.keyboard('{/Control}');
    expect(screen.getByText('Selected 2 files. Total size: 3,210 bytes')).toBeTruthy();
    await user.click(within(grid).getByRole('row', { name: 'docs' }));
    await user.keyboard('{Shift>}');
    await user.click(within(grid).getByRole('row', { name: 'b.bin' }));
    await user.keyboard('{/Shift}');
    expect(
      screen.getByText('Selected 1 file and 1 directory. Total size: at least 2,048 bytes'),
    ).toBeTruthy();
    const selected = within(grid)
      .getAllByRole('row')
      .filter((row) => row.getAttribute('aria-selected') === 'true')
      .map((row) => row.getAttribute('aria-label'));
    expect(selected).toEqual(['docs', 'b.bin']);
    await user.keyboard('{Control>}a{/Control}');
    expect(
      screen.getByText('Selected 2 files and 1 directory. Total size: at least 3,210 bytes'),
    ).toBeTruthy();
  });

  it('moves with arrows, opens with Enter and goes up with Backspace', async () => {
    const { grid, user, fake } = await renderHome();
    grid.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const focusedRow = () =>
      document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    expect(focusedRow()?.getAttribute('aria-label')).toBe('docs');
    expect(focusedRow()?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(
      screen.getByText('Selected 1 file and 1 directory. Total size: at least 2,048 bytes'),
    ).toBeTruthy();
    await user.keyboard('{ArrowUp}{Enter}');
    await within(grid).findByRole('row', { name: 'inside.md' });
    expect(fake.callsTo('local:list').at(-1)).toEqual({ path: '/home/user/docs' });
    await user.keyboard('{Backspace}');
    await within(grid).findByRole('row', { name: 'notes.txt' });
    expect(fake.callsTo('local:list').at(-1)).toEqual({ path: '/home/user' });
  });

  it('renames inline with F2: Enter commits, Escape cancels', async () => {
    const { grid, user, fake } = await renderHome();
    await user.click(within(grid).getByRole('row', { name: 'notes.txt' }));
    await user.keyboard('{F2}');
    let editor = screen.getByRole('textbox', { name: 'New name' });
    expect(document.activeElement).toBe(editor);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'New name' })).toBeNull();
    expect(fake.callsTo('local:rename')).toHaveLength(0);
    await user.keyboard('{F2}');
    editor = screen.getByRole('textbox', { name: 'New name' });
    await user.clear(editor);
    await user.type(editor, 'renamed.txt{Enter}');
    await waitFor(() => expect(fake.callsTo('local:rename')).toHaveLength(1));
    expect(fake.callsTo('local:rename')[0]).toEqual({
      from: '/home/user/notes.txt',
      to: '/home/user/renamed.txt',
    });
  });

  it('deletes after a confirmation that names the items', async () => {
    const { grid, user, fake } = await renderHome();
    await user.click(within(grid).getByRole('row', { name: 'notes.txt' }));
    await user.keyboard('{Delete}');
    let dialog = screen.getByRole('alertdialog', { name: 'Confirm deletion' });
    expect(dialog.textContent).toContain('"notes.txt"');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('local:delete')).toHaveLength(0);
    await user.keyboard('{Control>}a{/Control}{Delete}');
    dialog = screen.getByRole('alertdialog', { name: 'Confirm deletion' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['docs', 'b.bin', 'notes.txt']);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(fake.callsTo('local:delete')).toHaveLength(3));
    expect(fake.callsTo('local:delete')).toEqual([
      { path: '/home/user/docs' },
      { path: '/home/user/b.bin' },
      { path: '/home/user/notes.txt' },
    ]);
  });

  it('refreshes with F5', async () => {
    const { grid, user, fake } = await renderHome();
    grid.focus();
    const before = fake.callsTo('local:list').length;
    await user.keyboard('{F5}');
    await waitFor(() => expect(fake.callsTo('local:list').length).toBe(before + 1));
    expect(fake.callsTo('local:list').at(-1)).toEqual({ path: '/home/user' });
  });

  it('sorts when a column header is clicked, with aria-sort', async () => {
    const { grid, user } = await renderHome();
    const header = within(grid).getByRole('columnheader', { name: /Filesize/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    const names = () =>
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('aria-label'));
    expect(names()).toEqual(['..', 'docs', 'notes.txt', 'b.bin']);
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['..', 'docs', 'b.bin', 'notes.txt']);
  });

  it('offers its actions in a context menu, by mouse and by keyboard', async () => {
    const { grid, user, fake } = await renderHome();
    connect();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'notes.txt' }), {
      clientX: 10,
      clientY: 10,
    });
    let menu = screen.getByRole('menu', { name: 'Local files actions' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual([
      'Upload',
      'Add files to queue',
      'Create directory',
      'Rename',
      'Delete',
      'Refresh',
      'Copy path',
    ]);
    expect(document.activeElement?.textContent).toBe('Upload');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Add files to queue');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Copy path');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(await navigator.clipboard.readText()).toBe('/home/user/notes.txt');

    // Keyboard: Shift+F10 opens it on the focused row; Escape closes it.
    grid.focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    menu = screen.getByRole('menu', { name: 'Local files actions' });
    expect(document.activeElement).toBe(within(menu).getAllByRole('menuitem')[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(grid);

    await user.keyboard('{Shift>}{F10}{/Shift}');
    await user.click(screen.getByRole('menuitem', { name: 'Upload' }));
    await waitFor(() => expect(fake.callsTo('transfer:enqueue')).toHaveLength(1));
    expect(fake.callsTo('transfer:enqueue')[0]?.items[0]).toMatchObject({
      direction: 'upload',
      localPath: '/home/user/notes.txt',
    });
  });

  it('creates a directory with a name asked in a dialog', async () => {
    const { grid, user, fake } = await renderHome();
    fireEvent.contextMenu(grid, { clientX: 5, clientY: 5 });
    await user.click(screen.getByRole('menuitem', { name: 'Create directory' }));
    const dialog = screen.getByRole('dialog', { name: 'Create directory' });
    const field = within(dialog).getByRole('textbox', { name: 'Directory name' });
    await user.clear(field);
    await user.type(field, 'a/b{Enter}');
    expect(within(dialog).getByText('A name cannot contain "/".')).toBeTruthy();
    await user.clear(field);
    await user.type(field, 'photos{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('local:mkdir')).toEqual([{ path: '/home/user/photos' }]),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    // Focus goes back to the list, not to the menu item that opened the dialog.
    expect(document.activeElement).toBe(grid);
  });

  it('renames from the context menu and deletes from it', async () => {
    const { grid, user, fake } = await renderHome();
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'b.bin' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Rename' }));
    const editor = await screen.findByRole('textbox', { name: 'New name' });
    await user.clear(editor);
    await user.type(editor, 'c.bin{Enter}');
    await waitFor(() => expect(fake.callsTo('local:rename')).toHaveLength(1));
    fireEvent.contextMenu(within(grid).getByRole('row', { name: 'notes.txt' }), {
      clientX: 5,
      clientY: 5,
    });
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(fake.callsTo('local:delete')).toEqual([{ path: '/home/user/notes.txt' }]),
    );
    fireEvent.contextMenu(grid, { clientX: 5, clientY: 5 });
    const before = fake.callsTo('local:list').length;
    await user.click(screen.getByRole('menuitem', { name: 'Refresh' }));
    await waitFor(() => expect(fake.callsTo('local:list').length).toBe(before + 1));
  });

  it('moves rows dropped on a folder row of the same pane', async () => {
    const { grid, fake } = await renderHome();
    const source = within(grid).getByRole('row', { name: 'notes.txt' });
    const target = within(grid).getByRole('row', { name: 'docs' });
    const { fakeDataTransfer } = await import('../file-pane/test-fakes.js');
    const dataTransfer = fakeDataTransfer();
    fireEvent.dragStart(source, { dataTransfer });
    fireEvent.dragOver(target, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('move');
    fireEvent.drop(target, { dataTransfer });
    fireEvent.dragEnd(source, { dataTransfer });
    await waitFor(() =>
      expect(fake.callsTo('local:rename')).toEqual([
        { from: '/home/user/notes.txt', to: '/home/user/docs/notes.txt' },
      ]),
    );
  });

  it('moves rows dropped on a folder of the tree, but not onto the folder they are in', async () => {
    const { grid, fake } = await renderHome();
    const tree = screen.getByRole('tree', { name: 'Local folders' });
    const home = await within(tree).findByRole('treeitem', { name: 'home' });
    const self = within(tree).getByRole('treeitem', { name: 'user' });
    const { fakeDataTransfer } = await import('../file-pane/test-fakes.js');
    const dataTransfer = fakeDataTransfer();
    fireEvent.dragStart(within(grid).getByRole('row', { name: 'b.bin' }), { dataTransfer });
    fireEvent.dragOver(self, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('none');
    fireEvent.dragOver(home, { dataTransfer });
    expect(dataTransfer.dropEffect).toBe('move');
    fireEvent.drop(home, { dataTransfer });
    await waitFor(() =>
      expect(fake.callsTo('local:rename')).toEqual([
        { from: '/home/user/b.bin', to: '/home/b.bin' },
      ]),
    );
  });

  it('refuses files from the desktop explicitly (so the browser does not open them)', async () => {
    const { grid, fake } = await renderHome();
    const { fakeDataTransfer } = await import('../file-pane/test-fakes.js');
    const dataTransfer = fakeDataTransfer([new File(['x'], 'x.txt')]);
    const accepted = fireEvent.dragOver(grid, { dataTransfer });
    expect(accepted).toBe(false); // default prevented
    expect(dataTransfer.dropEffect).toBe('none');
    fireEvent.drop(grid, { dataTransfer });
    expect(fake.callsTo('transfer:enqueue')).toHaveLength(0);
  });

  it('security 9.10: shows hostile names as inert text', async () => {
    const hostile = [
      localFile('<img src=x onerror=alert(1)>'),
      localFile('invoice\u202Efdp.exe'),
      localFile('bell\x07and\r\nbreak'),
    ];
    const { grid } = await renderHome(disk({ '/home/user': [...HOME, ...hostile] }));
    expect(within(grid).getByRole('row', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(grid.querySelector('img')).toBeNull();
    expect(within(grid).getByRole('row', { name: 'invoice\\u202Efdp.exe' }).textContent).toContain(
      'invoice\\u202Efdp.exe',
    );
    expect(
      within(grid).getByRole('row', { name: 'bell\\u0007and\\u000D\\u000Abreak' }),
    ).toBeTruthy();
    for (const raw of ['\u202e', '\x07', '\r', '\n']) expect(grid.textContent).not.toContain(raw);
  });

  it('renders a 100,000-entry folder with a bounded number of rows and scrolls', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      localFile(`file-${String(i).padStart(6, '0')}.dat`, i),
    );
    const { grid } = await renderHome(
      disk({ '/home/user': [localFile('notes.txt'), ...many] }),
      'file-000000.dat',
    );
    expect(grid.getAttribute('aria-rowcount')).toBe(String(100_001 + 1 + 1));
    const rendered = () => within(grid).getAllByRole('row').length;
    expect(rendered()).toBeLessThan(60);
    act(() => {
      grid.scrollTop = 50_000 * 22;
      grid.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() =>
      expect(within(grid).queryByRole('row', { name: 'file-049999.dat' })).not.toBeNull(),
    );
    expect(rendered()).toBeLessThan(60);
    const indexes = within(grid)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(49_000);
    expect(screen.getByText('100,001 files. Total size: 4,999,950,100 bytes')).toBeTruthy();
  });

  it('has no accessibility violations', async () => {
    const { container } = await renderHome();
    expect(await axeViolations(container)).toBe('');
  });
});

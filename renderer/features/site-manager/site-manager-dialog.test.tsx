import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { err, ok } from '../../../shared/contract/errors.js';
import type { Site, SiteFolder, SiteInput } from '../../../shared/models/site.js';
import { createFakeBridge, type FakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { SiteManagerDialog } from './site-manager-dialog.js';

/** A sites service in memory: like main, it keeps passwords apart and answers hasPassword. */
function sitesBackend(fake: FakeBridge, initial: { folders?: SiteFolder[]; sites?: Site[] } = {}) {
  const folders = [...(initial.folders ?? [])];
  const sites = [...(initial.sites ?? [])];
  const passwords = new Map<string, string>();
  fake.handle('sites:list', () => ok({ folders: [...folders], sites: [...sites] }));
  fake.handle('sites:save-folder', (folder) => {
    const index = folders.findIndex((f) => f.id === folder.id);
    if (index === -1) folders.push(folder);
    else folders[index] = folder;
    return ok(folder);
  });
  fake.handle('sites:save', (input: SiteInput) => {
    const { password, ...fields } = input;
    if (typeof password === 'string') passwords.set(input.id, password);
    if (password === null || input.logonType !== 'normal') passwords.delete(input.id);
    const site: Site = { ...fields, hasPassword: passwords.has(input.id) };
    const index = sites.findIndex((s) => s.id === site.id);
    if (index === -1) sites.push(site);
    else sites[index] = site;
    return ok(site);
  });
  fake.handle('sites:delete', ({ id }) => {
    const index = sites.findIndex((s) => s.id === id);
    if (index !== -1) sites.splice(index, 1);
    const folder = folders.findIndex((f) => f.id === id);
    if (folder !== -1) folders.splice(folder, 1);
    return ok(null);
  });
  return { folders, sites, passwords };
}

function site(overrides: Partial<Site> = {}): Site {
  return {
    id: 'site1',
    parentId: null,
    name: 'Production',
    host: 'ftp.example.com',
    port: 21,
    encryption: 'explicit',
    logonType: 'normal',
    user: 'deploy',
    hasPassword: true,
    transferMode: 'default',
    localFolder: '',
    remoteFolder: '/var/www',
    maxConnections: 0,
    comments: '',
    ...overrides,
  };
}

async function open(fake: FakeBridge) {
  const onClose = vi.fn();
  const rendered = renderWithBridge(<SiteManagerDialog onClose={onClose} />, fake);
  const dialog = screen.getByRole('dialog', { name: 'Site Manager' });
  const inDialog = within(dialog);
  await inDialog.findByRole('tree', { name: 'Sites' });
  return { ...rendered, onClose, dialog, inDialog };
}

describe('SiteManagerDialog', () => {
  it('creates a site with a password: sites:save carries it, the list never shows it', async () => {
    const fake = createFakeBridge();
    const backend = sitesBackend(fake);
    const { user, inDialog, onClose, unmount } = await open(fake);

    await user.click(inDialog.getByRole('button', { name: 'New site' }));
    expect(inDialog.getByRole('treeitem', { name: 'New site' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const name = inDialog.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Test server');
    await user.type(inDialog.getByRole('textbox', { name: 'Host' }), '127.0.0.1');
    await user.type(inDialog.getByRole('textbox', { name: 'Port' }), '2121');
    await user.type(inDialog.getByRole('textbox', { name: 'User' }), 'alice');
    await user.type(inDialog.getByLabelText('Password'), 's3cret');
    await user.click(inDialog.getByRole('button', { name: 'OK' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const saved = fake.callsTo('sites:save');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Test server',
      host: '127.0.0.1',
      port: 2121,
      user: 'alice',
      logonType: 'normal',
      encryption: 'explicit-if-available',
      password: 's3cret',
    });
    expect(backend.passwords.get(saved[0]?.id ?? '')).toBe('s3cret');
    unmount();

    // Opened again: the site says a password is saved, and the password is nowhere.
    const again = await open(fake);
    await again.user.click(again.inDialog.getByRole('treeitem', { name: 'Test server' }));
    const password = again.inDialog.getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('saved');
    expect(document.body.innerHTML).not.toContain('s3cret');
    // Saving again without touching the password keeps it (no password key is sent).
    await again.user.click(again.inDialog.getByRole('tab', { name: 'Advanced' }));
    await again.user.type(
      again.inDialog.getByRole('textbox', { name: 'Default remote directory' }),
      '/pub',
    );
    await again.user.click(again.inDialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(fake.callsTo('sites:save')).toHaveLength(2));
    expect(fake.callsTo('sites:save')[1]).not.toHaveProperty('password');
    expect(backend.passwords.get(saved[0]?.id ?? '')).toBe('s3cret');
  });

  it('offers every field of a site, with FileZilla’s choices and wording', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    const { user, inDialog } = await open(fake);
    const encryption = inDialog.getByRole('combobox', { name: 'Encryption' });
    expect([...encryption.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Use explicit FTP over TLS if available',
      'Require explicit FTP over TLS',
      'Require implicit FTP over TLS',
      'Only use plain FTP (insecure)',
    ]);
    const logon = inDialog.getByRole('combobox', { name: 'Logon Type' });
    expect([...logon.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Anonymous',
      'Normal',
      'Ask for password',
    ]);
    for (const field of ['Name', 'Host', 'Port', 'User', 'Comments']) {
      expect(inDialog.getByRole('textbox', { name: field })).toBeTruthy();
    }
    await user.click(inDialog.getByRole('tab', { name: 'Advanced' }));
    expect(inDialog.getByRole('textbox', { name: 'Default local directory' })).toBeTruthy();
    expect(inDialog.getByRole('textbox', { name: 'Default remote directory' })).toHaveProperty(
      'value',
      '/var/www',
    );
    await user.click(inDialog.getByRole('tab', { name: 'Transfer Settings' }));
    expect(inDialog.getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual([
      'Default',
      'Active',
      'Passive',
    ]);
    expect(inDialog.getByRole('textbox', { name: 'Maximum number of connections' })).toHaveProperty(
      'value',
      '0',
    );
  });

  it('makes folders and puts new sites in the selected one', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake);
    const { user, inDialog, onClose } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'New folder' }));
    const folderName = inDialog.getByRole('textbox', { name: 'Folder name' });
    await user.clear(folderName);
    await user.type(folderName, 'Clients');
    await user.click(inDialog.getByRole('button', { name: 'New site' }));
    await user.type(inDialog.getByRole('textbox', { name: 'Host' }), 'client.example.com');
    await user.type(inDialog.getByRole('textbox', { name: 'User' }), 'bob');
    expect(inDialog.getByRole('treeitem', { name: 'New site' }).getAttribute('aria-level')).toBe(
      '3',
    );
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());

    const folder = fake.callsTo('sites:save-folder')[0];
    expect(folder).toMatchObject({ name: 'Clients', parentId: null });
    expect(fake.callsTo('sites:save')[0]).toMatchObject({
      parentId: folder?.id,
      host: 'client.example.com',
    });
    const order = fake.calls.map((c) => c.channel).filter((c) => c.startsWith('sites:save'));
    expect(order).toEqual(['sites:save-folder', 'sites:save']);
  });

  it('duplicates a site; main copies the saved password, which the renderer never has', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    const { user, inDialog } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'Duplicate' }));
    expect(
      inDialog.getByRole('treeitem', { name: 'Copy of Production' }).getAttribute('aria-selected'),
    ).toBe('true');
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(fake.callsTo('sites:save')).toHaveLength(1));
    const copy = fake.callsTo('sites:save')[0];
    expect(copy).toMatchObject({
      name: 'Copy of Production',
      host: 'ftp.example.com',
      user: 'deploy',
    });
    expect(copy?.id).not.toBe('site1');
    expect(copy).not.toHaveProperty('password');
    expect(copy).toMatchObject({ passwordFrom: 'site1' });
  });

  it('deletes only after confirming, and only when OK is pressed', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    const { user, inDialog } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete site' });
    expect(confirm.textContent).toContain('Production');
    // Cancel has the focus: Enter on the way past deletes nothing.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(inDialog.getByRole('treeitem', { name: 'Production' })).toBeTruthy();

    await user.click(inDialog.getByRole('button', { name: 'Delete' }));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }),
    );
    expect(inDialog.queryByRole('treeitem', { name: 'Production' })).toBeNull();
    expect(fake.callsTo('sites:delete')).toEqual([]);
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(fake.callsTo('sites:delete')).toEqual([{ id: 'site1' }]));
  });

  it('says what goes with a folder', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, {
      folders: [
        { id: 'f1', parentId: null, name: 'Work' },
        { id: 'f2', parentId: 'f1', name: 'Old' },
      ],
      sites: [site({ id: 'a', parentId: 'f1', name: 'Alpha' }), site({ id: 'b', parentId: 'f2' })],
    });
    const { user, inDialog } = await open(fake);
    await user.click(inDialog.getByRole('treeitem', { name: 'Work' }));
    await user.click(inDialog.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete folder' });
    expect(confirm.textContent).toContain('Delete Work and the 3 items in it?');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(fake.callsTo('sites:delete')).toEqual([{ id: 'f1' }]));
  });

  it('Esc in the confirmation closes only the confirmation', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    const { user, inDialog, onClose } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('alertdialog', { name: 'Delete site' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(inDialog.getByRole('treeitem', { name: 'Production' })).toBeTruthy();
    // Focus is back in the Site Manager, where it was.
    expect(document.activeElement).toBe(inDialog.getByRole('button', { name: 'Delete' }));
  });

  it('Cancel sends nothing', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    const { user, inDialog, onClose } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'New site' }));
    await user.type(inDialog.getByRole('textbox', { name: 'Host' }), 'x.example.com');
    await user.click(inDialog.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(fake.calls.map((c) => c.channel)).toEqual(['sites:list']);
  });

  it('imports a FileZilla sitemanager.xml', async () => {
    const fake = createFakeBridge();
    const backend = sitesBackend(fake);
    const xml =
      '<?xml version="1.0"?><FileZilla3><Servers><Server><Host>a.example.com</Host></Server></Servers></FileZilla3>';
    fake.handle('sites:import-filezilla', () => {
      backend.folders.push({ id: 'f9', parentId: null, name: 'Imported' });
      backend.sites.push(
        site({ id: 'i1', parentId: 'f9', name: 'Alpha', host: 'a.example.com', hasPassword: true }),
      );
      backend.sites.push(site({ id: 'i2', parentId: null, name: 'Beta', host: 'b.example.com' }));
      return ok({ sites: 2, folders: 1 });
    });
    const { user, inDialog } = await open(fake);
    const input = inDialog.getByLabelText(
      'FileZilla sitemanager.xml to import',
    ) as HTMLInputElement;
    await user.upload(input, new File([xml], 'sitemanager.xml', { type: 'text/xml' }));

    await waitFor(() => expect(fake.callsTo('sites:import-filezilla')).toEqual([{ xml }]));
    expect(await inDialog.findByText('Imported 2 sites and 1 folder.')).toBeTruthy();
    expect(inDialog.getByRole('treeitem', { name: 'Imported' })).toBeTruthy();
    expect(inDialog.getByRole('treeitem', { name: 'Alpha' }).getAttribute('aria-level')).toBe('3');
    expect(inDialog.getByRole('treeitem', { name: 'Beta' })).toBeTruthy();
  });

  it('says why an import failed', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake);
    fake.handle('sites:import-filezilla', () =>
      err('bad-request', 'Not a FileZilla site manager file'),
    );
    const { user, inDialog } = await open(fake);
    await user.upload(
      inDialog.getByLabelText('FileZilla sitemanager.xml to import'),
      new File(['<nope/>'], 'x.xml', { type: 'text/xml' }),
    );
    expect((await inDialog.findByRole('alert')).textContent).toContain(
      'Not a FileZilla site manager file',
    );
  });

  it('refuses to save a site without a host, saying so next to the field', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake);
    const { user, inDialog, onClose } = await open(fake);
    await user.click(inDialog.getByRole('button', { name: 'New site' }));
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    const host = inDialog.getByRole('textbox', { name: 'Host' });
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(inDialog.getByText('Enter the server’s host name or address.')).toBeTruthy();
    expect(fake.callsTo('sites:save')).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('asks for the password of an "Ask for password" site on Connect', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site({ logonType: 'ask', hasPassword: false })] });
    fake.handle('session:connect', () => err('auth', 'Login incorrect'));
    const { user, inDialog, onClose } = await open(fake);
    expect(inDialog.getByLabelText('Password')).toHaveProperty('disabled', true);
    await user.click(inDialog.getByRole('button', { name: 'Connect' }));
    const prompt = await screen.findByRole('dialog', { name: 'Enter password' });
    expect(prompt.textContent).toContain('deploy@ftp.example.com');
    await user.type(within(prompt).getByLabelText('Password'), 'typed-now{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('session:connect')).toEqual([{ siteId: 'site1', password: 'typed-now' }]),
    );
    expect(onClose).toHaveBeenCalled();
    expect(fake.callsTo('sites:save')).toEqual([]);
  });

  it('connects to a normal site by id, without a password from the renderer', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, { sites: [site()] });
    fake.handle('session:connect', () => err('network', 'unreachable'));
    const { user, inDialog } = await open(fake);
    await user.dblClick(inDialog.getByRole('treeitem', { name: 'Production' }));
    await waitFor(() => expect(fake.callsTo('session:connect')).toEqual([{ siteId: 'site1' }]));
  });

  it('moves through the tree with the arrow keys', async () => {
    const fake = createFakeBridge();
    sitesBackend(fake, {
      folders: [{ id: 'f1', parentId: null, name: 'Work' }],
      sites: [site({ id: 'a', parentId: 'f1', name: 'Alpha' }), site({ id: 'b', name: 'Zulu' })],
    });
    const { user, inDialog } = await open(fake);
    const tree = inDialog.getByRole('tree');
    const names = within(tree)
      .getAllByRole('treeitem')
      .map((item) => item.textContent);
    expect(names).toEqual(['My Sites', 'Work', 'Alpha', 'Zulu']);
    within(tree).getByRole('treeitem', { name: 'Work' }).focus();
    await user.click(within(tree).getByRole('treeitem', { name: 'Work' }));
    await user.keyboard('{ArrowLeft}');
    expect(within(tree).queryByRole('treeitem', { name: 'Alpha' })).toBeNull();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Zulu');
    expect(inDialog.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', 'Zulu');
  });
});

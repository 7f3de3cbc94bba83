import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteInput } from '../../shared/models/site.js';
import { startServices, type ServicesHarness } from '../test-support/services-harness.js';
import { MemorySecretStore } from './secret-store.js';

let harness: ServicesHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const PASSWORD = 'Tr0ub4dor&3-unique-secret';

function site(overrides: Partial<SiteInput> = {}): SiteInput {
  return {
    id: 'site1',
    parentId: null,
    name: 'My server',
    host: 'ftp.example.com',
    port: 21,
    encryption: 'explicit-if-available',
    logonType: 'normal',
    user: 'alice',
    password: PASSWORD,
    transferMode: 'default',
    localFolder: '',
    remoteFolder: '/pub',
    maxConnections: 0,
    comments: '',
    ...overrides,
  };
}

async function filesContaining(folder: string, needle: string): Promise<string[]> {
  const names = await readdir(folder, { recursive: true });
  const hits: string[] = [];
  for (const name of names) {
    const content = await readFile(join(folder, name)).catch(() => undefined);
    if (content !== undefined && content.includes(needle)) hits.push(name);
  }
  return hits;
}

describe('settings', () => {
  it('starts with the defaults and persists an update across a restart', async () => {
    harness = await startServices();
    const initial = await harness.call('settings:get', {});
    expect(initial).toMatchObject({
      forcePassive: true,
      fallbackToOtherMode: true,
      timeoutSeconds: 20,
      simultaneousTransfers: 2,
      fileExistsAction: 'ask',
    });
    const updated = await harness.call('settings:update', {
      forcePassive: false,
      simultaneousTransfers: 4,
    });
    expect(updated).toMatchObject({ forcePassive: false, simultaneousTransfers: 4 });
    expect(harness.sink.of('settings:changed').at(-1)).toMatchObject({ forcePassive: false });
    harness = await harness.restart();
    expect(await harness.call('settings:get', {})).toMatchObject({
      forcePassive: false,
      simultaneousTransfers: 4,
    });
  });

  it.each([
    { simultaneousTransfers: 11 },
    { simultaneousTransfers: 0 },
    { unknownKey: true },
    { timeoutSeconds: 'x' },
  ])('refuses an invalid update %j and keeps the file as it was', async (patch) => {
    harness = await startServices();
    const result = await harness.invoke('settings:update', patch as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await harness.call('settings:get', {})).toMatchObject({ simultaneousTransfers: 2 });
  });

  it('keeps a corrupt settings file aside, reports it and uses the defaults', async () => {
    harness = await startServices();
    await harness.call('settings:update', { retries: 5 });
    const dir = harness.userDataDir;
    await writeFile(join(dir, 'settings.json'), '{ "version": 1, "settings": { "retries": "lots"');
    harness = await harness.restart();
    expect(await harness.call('settings:get', {})).toMatchObject({ retries: 3 });
    const notice = harness.sink.of('app:notice')[0];
    expect(notice?.message).toMatch(
      /^Your settings file could not be read \(.+\)\. It was kept as .*settings\.json\.corrupt-.* and the defaults are in use\.$/,
    );
    const kept = (await readdir(dir)).filter((n) => n.startsWith('settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0] ?? ''), 'utf8')).toContain('"lots"');
  });
});

describe('sites', () => {
  it('security 9.26: saves a site with a password that never reaches the renderer or the disk in plaintext', async () => {
    harness = await startServices();
    const saved = await harness.call('sites:save', site());
    expect(saved).toMatchObject({ id: 'site1', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    const tree = await harness.call('sites:list', {});
    expect(JSON.stringify(tree)).not.toContain(PASSWORD);
    expect(tree.sites[0]).toMatchObject({ name: 'My server', hasPassword: true });
    expect(await filesContaining(harness.userDataDir, PASSWORD)).toEqual([]);
    expect(
      await filesContaining(harness.userDataDir, Buffer.from(PASSWORD).toString('base64')),
    ).toEqual([]);
    expect(await harness.secrets.get('site:site1')).toBe(PASSWORD);
  });

  it('keeps the saved password when a save leaves it out, and forgets it on null', async () => {
    harness = await startServices();
    await harness.call('sites:save', site());
    const { password: _omit, ...withoutPassword } = site({ name: 'Renamed' });
    expect(await harness.call('sites:save', withoutPassword)).toMatchObject({
      name: 'Renamed',
      hasPassword: true,
    });
    expect(await harness.secrets.get('site:site1')).toBe(PASSWORD);
    expect(await harness.call('sites:save', site({ password: null }))).toMatchObject({
      hasPassword: false,
    });
    expect(await harness.secrets.get('site:site1')).toBeUndefined();
  });

  it('copies the saved password to a duplicate in main (passwordFrom), never through the renderer', async () => {
    harness = await startServices();
    await harness.call('sites:save', site());
    const { password: _omit, ...fields } = site({ id: 'site2', name: 'Copy of Production' });
    expect(await harness.call('sites:save', { ...fields, passwordFrom: 'site1' })).toMatchObject({
      id: 'site2',
      hasPassword: true,
    });
    expect(await harness.secrets.get('site:site2')).toBe(PASSWORD);
    // A password typed for the copy wins over the original's.
    await harness.call('sites:save', { ...fields, password: 'typed', passwordFrom: 'site1' });
    expect(await harness.secrets.get('site:site2')).toBe('typed');
  });

  it('says no password is saved after a restart with a memory ("ask every time") store', async () => {
    harness = await startServices();
    await harness.call('sites:save', site());
    harness = await harness.restart(new MemorySecretStore());
    expect((await harness.call('sites:list', {})).sites[0]?.hasPassword).toBe(false);
  });

  it('deletes a folder with its sub-folders, sites and their passwords', async () => {
    harness = await startServices();
    await harness.call('sites:save-folder', { id: 'f1', parentId: null, name: 'Work' });
    await harness.call('sites:save-folder', { id: 'f2', parentId: 'f1', name: 'Clients' });
    await harness.call('sites:save', site({ id: 's2', parentId: 'f2' }));
    await harness.call('sites:save', site({ id: 's3' }));
    await harness.call('sites:delete', { id: 'f1' });
    const tree = await harness.call('sites:list', {});
    expect(tree.folders).toEqual([]);
    expect(tree.sites.map((s) => s.id)).toEqual(['s3']);
    expect(await harness.secrets.get('site:s2')).toBeUndefined();
  });

  it('refuses a folder moved into itself and a site in a missing folder', async () => {
    harness = await startServices();
    await harness.call('sites:save-folder', { id: 'f1', parentId: null, name: 'A' });
    await harness.call('sites:save-folder', { id: 'f2', parentId: 'f1', name: 'B' });
    expect(
      await harness.invoke('sites:save-folder', { id: 'f1', parentId: 'f2', name: 'A' }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await harness.invoke('sites:save', site({ parentId: 'nope' }))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('imports a FileZilla sitemanager.xml with folders and base64 passwords into the encrypted store', async () => {
    harness = await startServices();
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.0" platform="windows">
  <Servers>
    <Server>
      <Host>ftp.example.org</Host><Port>2121</Port><Protocol>4</Protocol><Type>0</Type>
      <User>bob</User><Pass encoding="base64">${Buffer.from('b0b&pass').toString('base64')}</Pass>
      <Logontype>1</Logontype><PasvMode>MODE_ACTIVE</PasvMode><Name>Bob &amp; Co</Name>
      <Comments>first line</Comments><LocalDir>/home/me</LocalDir><RemoteDir>1 0 4 home 3 bob</RemoteDir>
      <MaximumMultipleConnections>3</MaximumMultipleConnections>
    </Server>
    <Folder expanded="1">Clients
      <Server><Host>anon.example.net</Host><Port>21</Port><Protocol>0</Protocol><Logontype>0</Logontype><Name>Mirror</Name></Server>
      <Server><Host>sftp.example.net</Host><Port>22</Port><Protocol>1</Protocol><Logontype>1</Logontype><Name>SFTP box</Name></Server>
    </Folder>
  </Servers>
</FileZilla3>`;
    expect(await harness.call('sites:import-filezilla', { xml })).toEqual({ sites: 2, folders: 1 });
    const tree = await harness.call('sites:list', {});
    expect(tree.folders.map((f) => f.name)).toEqual(['Clients']);
    const bob = tree.sites.find((s) => s.name === 'Bob & Co');
    expect(bob).toMatchObject({
      host: 'ftp.example.org',
      port: 2121,
      encryption: 'explicit',
      user: 'bob',
      hasPassword: true,
      transferMode: 'active',
      remoteFolder: '/home/bob',
      localFolder: '/home/me',
      maxConnections: 3,
      parentId: null,
    });
    expect(await harness.secrets.get(`site:${bob?.id ?? ''}`)).toBe('b0b&pass');
    expect(tree.sites.find((s) => s.name === 'Mirror')).toMatchObject({
      logonType: 'anonymous',
      parentId: tree.folders[0]?.id,
      hasPassword: false,
    });
    expect(await filesContaining(harness.userDataDir, 'b0b&pass')).toEqual([]);
  });

  it('refuses an XML document with entity declarations', async () => {
    harness = await startServices();
    const xml =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><FileZilla3><Servers/></FileZilla3>';
    expect(await harness.invoke('sites:import-filezilla', { xml })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});

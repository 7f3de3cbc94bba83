import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedFtpServer } from '../demo/embedded-ftp-server.js';
import {
  generateTestCertificate,
  startFakeFtpServer,
  type FakeFtpServer,
} from '../test-support/fake-ftp-server.js';
import { startServices, type ServicesHarness } from '../test-support/services-harness.js';

let harness: ServicesHarness | undefined;
let server: FakeFtpServer | undefined;
afterEach(async () => {
  await harness?.close();
  await server?.close();
  harness = undefined;
  server = undefined;
});

const quick = (s: FakeFtpServer, extra: Record<string, unknown> = {}) => ({
  quick: {
    host: s.host,
    port: s.port,
    user: 'alice',
    password: 'secret',
    encryption: 'none' as const,
    ...extra,
  },
});

describe('sessions', () => {
  it('connects, lists, changes folder and runs file operations, logging each step', async () => {
    server = await startFakeFtpServer({ files: { '/pub/a.txt': 'abc', '/pub/sub/b.txt': 'b' } });
    harness = await startServices();
    const info = await harness.call('session:connect', quick(server));
    expect(info).toMatchObject({
      state: 'connected',
      remotePath: '/',
      secure: false,
      dataMode: 'passive',
    });
    const listing = await harness.call('remote:list', { sessionId: info.sessionId, path: '/pub' });
    expect(listing.path).toBe('/pub');
    expect(listing.entries.map((e) => [e.name, e.kind])).toEqual([
      ['a.txt', 'file'],
      ['sub', 'directory'],
    ]);
    await harness.call('remote:mkdir', { sessionId: info.sessionId, path: 'new dir' });
    await harness.call('remote:rename', {
      sessionId: info.sessionId,
      from: 'a.txt',
      to: 'renamed.txt',
    });
    await harness.call('remote:delete', {
      sessionId: info.sessionId,
      path: 'renamed.txt',
      kind: 'file',
    });
    await harness.call('remote:chmod', { sessionId: info.sessionId, path: 'sub', mode: '755' });
    expect(server.commands).toEqual(
      expect.arrayContaining([
        'CWD /pub',
        'MKD new dir',
        'RNFR a.txt',
        'RNTO renamed.txt',
        'DELE renamed.txt',
        'SITE CHMOD 755 sub',
      ]),
    );
    expect(server.files.has('/pub/renamed.txt')).toBe(false);
    expect(harness.sink.of('session:state').at(-1)).toMatchObject({ remotePath: '/pub' });
    await harness.call('session:disconnect', { sessionId: info.sessionId });
    await harness.sink.next('session:log', (batch) =>
      batch.lines.some((l) => l.text === 'Disconnected from server'),
    );
    const log = harness.sink.logText(info.sessionId);
    expect(log).toContain('Command: PASS ********');
    expect(log).toContain('Status: Directory listing successful');
    expect(log.at(-1)).toBe('Status: Disconnected from server');
    expect(log.join('\n')).not.toContain('secret');
  });

  it('looks into a folder for the folder tree without moving the session out of its folder', async () => {
    server = await startFakeFtpServer({ files: { '/pub/a.txt': 'a', '/other/deep/b.txt': 'b' } });
    harness = await startServices();
    const info = await harness.call('session:connect', quick(server));
    await harness.call('remote:list', { sessionId: info.sessionId, path: '/pub' });
    const peek = await harness.call('remote:list', {
      sessionId: info.sessionId,
      path: '/other',
      browse: false,
    });
    expect(peek.entries.map((e) => e.name)).toEqual(['deep']);
    // Still in /pub: the state says so, and a plain listing (no path) lists /pub.
    expect(harness.sink.of('session:state').at(-1)?.remotePath).toBe('/pub');
    const here = await harness.call('remote:list', { sessionId: info.sessionId });
    expect(here.path).toBe('/pub');
    expect(here.entries.map((e) => e.name)).toEqual(['a.txt']);
  });

  it('deletes a folder with everything in it, deepest first', async () => {
    const ftp = await startEmbeddedFtpServer();
    try {
      await mkdir(join(ftp.root, 'site', 'sub', 'deeper'), { recursive: true });
      await writeFile(join(ftp.root, 'site', 'a.txt'), 'a');
      await writeFile(join(ftp.root, 'site', 'sub', 'deeper', 'c.txt'), 'c');
      await writeFile(join(ftp.root, 'keep.txt'), 'k');
      harness = await startServices();
      const info = await harness.call('session:connect', {
        quick: {
          host: ftp.host,
          port: ftp.port,
          user: ftp.user,
          password: ftp.password,
          encryption: 'none',
        },
      });
      await harness.call('remote:delete', {
        sessionId: info.sessionId,
        path: '/site',
        kind: 'directory',
      });
      expect(await readdir(ftp.root)).toEqual(['keep.txt']);
    } finally {
      await ftp.close();
    }
  });

  it('says "Login incorrect" for a wrong password and marks the session failed', async () => {
    server = await startFakeFtpServer();
    harness = await startServices();
    const result = await harness.invoke('session:connect', quick(server, { password: 'wrong' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Login incorrect/);
    expect(harness.sink.of('session:state').at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'auth' },
    });
  });

  it('security 9.21: reconnects transparently after the server dropped the idle connection, back in the same folder', async () => {
    let dropped = false;
    server = await startFakeFtpServer({
      files: { '/pub/a.txt': 'abc' },
      handlers: {
        // After the first listing the server closes the idle connection, as vsftpd's
        // idle_session_timeout does (421, then close).
        MLSD: async (c) => {
          await c.defaultHandler();
          if (!dropped) {
            dropped = true;
            setTimeout(() => {
              c.writeRaw('421 Timeout.\r\n');
              c.close();
            }, 20);
          }
        },
      },
    });
    harness = await startServices();
    await harness.call('settings:update', { forcePassive: true });
    const info = await harness.call('session:connect', quick(server));
    await harness.call('remote:list', { sessionId: info.sessionId, path: '/pub' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await harness.call('remote:list', { sessionId: info.sessionId });
    expect(again).toMatchObject({ path: '/pub' });
    expect(again.entries.map((e) => e.name)).toEqual(['a.txt']);
    expect(server.commands.filter((c) => c === 'USER alice')).toHaveLength(2);
    await harness.sink.next('session:log', (batch) =>
      batch.lines.some((l) => l.text === 'Reconnecting...'),
    );
    const log = harness.sink.logText(info.sessionId);
    expect(log).toContain('Status: Reconnecting...');
  });

  it('uses active mode when Force Passive mode is off, and the site mode when set', async () => {
    server = await startFakeFtpServer({ files: { '/a.txt': 'x' } });
    harness = await startServices();
    await harness.call('settings:update', { forcePassive: false, fallbackToOtherMode: false });
    const info = await harness.call('session:connect', quick(server));
    await harness.call('remote:list', { sessionId: info.sessionId });
    expect(server.commands.some((c) => c.startsWith('PORT 127,0,0,1,'))).toBe(true);
    expect(server.commands).not.toContain('EPSV');
  });

  it('follows a Force Passive mode change from the next listing of an open session', async () => {
    server = await startFakeFtpServer({ files: { '/a.txt': 'x' } });
    harness = await startServices();
    await harness.call('settings:update', { fallbackToOtherMode: false });
    const info = await harness.call('session:connect', quick(server));
    await harness.call('remote:list', { sessionId: info.sessionId });
    expect(server.commands.filter((c) => c === 'EPSV')).toHaveLength(1);
    await harness.call('settings:update', { forcePassive: false });
    expect(harness.sink.of('session:state').at(-1)).toMatchObject({ dataMode: 'active' });
    await harness.call('remote:list', { sessionId: info.sessionId });
    expect(server.commands.slice(-2)[0]).toMatch(/^PORT 127,0,0,1,\d+,\d+$/);
    await harness.call('settings:update', { forcePassive: true });
    await harness.call('remote:list', { sessionId: info.sessionId });
    expect(server.commands.filter((c) => c === 'EPSV')).toHaveLength(2);
  });

  it('shows the mode in use after a fallback to active mode', async () => {
    server = await startFakeFtpServer({ files: { '/a.txt': 'x' }, passiveDataPort: 'closed' });
    harness = await startServices();
    const info = await harness.call('session:connect', quick(server));
    expect(info.dataMode).toBe('passive');
    await harness.call('remote:list', { sessionId: info.sessionId });
    expect(harness.sink.of('session:state').at(-1)).toMatchObject({ dataMode: 'active' });
  });

  it('connects to a saved site with its saved password', async () => {
    server = await startFakeFtpServer({ files: { '/home/alice/x.txt': 'x' } });
    harness = await startServices();
    await harness.call('sites:save', {
      id: 'site1',
      parentId: null,
      name: 'Fake',
      host: server.host,
      port: server.port,
      encryption: 'none',
      logonType: 'normal',
      user: 'alice',
      password: 'secret',
      transferMode: 'passive',
      localFolder: '',
      remoteFolder: '/home/alice',
      maxConnections: 0,
      comments: '',
    });
    const info = await harness.call('session:connect', { siteId: 'site1' });
    expect(info).toMatchObject({ state: 'connected', remotePath: '/home/alice', siteId: 'site1' });
    expect(server.commands).toContain('PASS secret');
  });

  it('security 9.24: asks about an untrusted certificate and pins it on "always"', async () => {
    const first = generateTestCertificate();
    server = await startFakeFtpServer({ tls: first });
    harness = await startServices();
    const sink = harness.sink;
    const h = harness;
    const answer = (decision: 'always' | 'reject') =>
      sink
        .next('trust:request')
        .then((q) => h.call('trust:respond', { requestId: q.requestId, decision }).then(() => q));
    const [question, info] = await Promise.all([
      answer('always'),
      harness.call('session:connect', quick(server, { encryption: 'explicit' })),
    ]);
    expect(question.certificate.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(question.changed).toBe(false);
    expect(info.secure).toBe(true);

    const again = await harness.call('session:connect', quick(server, { encryption: 'explicit' }));
    expect(again.secure).toBe(true);
    expect(sink.of('trust:request')).toHaveLength(1);
  });
});

describe('local file system', () => {
  it('lists a folder with sizes, kinds and permissions, and refuses to overwrite on rename', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portside-local-'));
    harness = await startServices();
    try {
      await writeFile(join(dir, 'a.txt'), 'hello');
      await mkdir(join(dir, 'folder'));
      await symlink('/etc', join(dir, 'link'));
      const listing = await harness.call('local:list', { path: dir });
      const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
      expect(byName['a.txt']).toMatchObject({ kind: 'file', size: 5 });
      expect(byName['a.txt']?.permissions).toMatch(/^[r-][w-][x-]{1}[r-][w-][x-][r-][w-][x-]$/);
      expect(byName['folder']).toMatchObject({ kind: 'directory', size: null });
      expect(byName['link']).toMatchObject({ kind: 'symlink' });
      expect(listing.parent).toBe(tmpdir());

      await writeFile(join(dir, 'b.txt'), 'keep me');
      const clash = await harness.invoke('local:rename', {
        from: join(dir, 'a.txt'),
        to: join(dir, 'b.txt'),
      });
      expect(clash).toMatchObject({ ok: false, error: { code: 'local-fs' } });
      await harness.call('local:mkdir', { path: join(dir, 'made') });
      await harness.call('local:delete', { path: join(dir, 'folder') });
      expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt', 'link', 'made']);
      expect(await harness.invoke('local:list', { path: 'relative/path' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      });
      expect(await harness.invoke('local:list', { path: `${dir}\n/etc` })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
      expect(await harness.call('local:drives', {})).toEqual(['/']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

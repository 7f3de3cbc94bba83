import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorProgress } from '../../../shared/models/doctor.js';
import type { SiteInput } from '../../../shared/models/site.js';
import { startFakeFtpServer, type FakeFtpServer } from '../../test-support/fake-ftp-server.js';
import { startServices, type ServicesHarness } from '../../test-support/services-harness.js';

let harness: ServicesHarness | undefined;
let server: FakeFtpServer | undefined;
afterEach(async () => {
  await harness?.close();
  await server?.close();
  harness = server = undefined;
});

/** A server that accepts PORT/EPRT but never connects back: active mode cannot work. */
async function activeBlockedServer(): Promise<FakeFtpServer> {
  const accepted = (c: { reply(line: string): void }) => c.reply('200 Command okay.');
  return startFakeFtpServer({
    files: { '/pub/readme.txt': 'hello' },
    handlers: { PORT: accepted, EPRT: accepted },
  });
}

function site(port: number): SiteInput {
  return {
    id: 'site1',
    parentId: null,
    name: 'Fake',
    host: '127.0.0.1',
    port,
    encryption: 'none',
    logonType: 'normal',
    user: 'alice',
    password: 'secret',
    transferMode: 'active',
    localFolder: '',
    remoteFolder: '',
    maxConnections: 0,
    comments: '',
  };
}

describe('doctor service through the contract', () => {
  it('streams progress, and applying its recommendation makes a failing site list', async () => {
    server = await activeBlockedServer();
    harness = await startServices();
    await harness.call('settings:update', { fallbackToOtherMode: false, timeoutSeconds: 2 });
    await harness.call('sites:save', site(server.port));

    // Before: the site is set to active mode, which this server cannot do.
    const before = await harness.call('session:connect', { siteId: 'site1' });
    const failed = await harness.invoke('remote:list', { sessionId: before.sessionId });
    expect(failed.ok).toBe(false);
    await harness.call('session:disconnect', { sessionId: before.sessionId });

    const { runId } = await harness.call('doctor:run', { siteId: 'site1' });
    const done = await harness.sink.next(
      'doctor:progress',
      (p: DoctorProgress) => p.runId === runId && (p.report !== undefined || p.error !== undefined),
      30_000,
    );
    const report = done.report;
    expect(done.error).toBeUndefined();
    expect(report?.recommended?.transferMode).toBe('passive');
    const progress = harness.sink.of('doctor:progress').filter((p) => p.runId === runId);
    expect(progress.some((p) => p.step?.id === 'data' && p.step.state === 'running')).toBe(true);
    const logged = progress.flatMap((p) => p.lines ?? []).map((l) => `${l.kind}: ${l.text}`);
    expect(logged).toContain('command: PASS ********');
    expect(logged.some((l) => /^command: PORT 127,0,0,1,/.test(l))).toBe(true);

    const applied = await harness.call('doctor:apply', { runId });
    expect(applied).toMatchObject({ id: 'site1', transferMode: 'passive', hasPassword: true });

    // After: the same site connects and lists.
    const after = await harness.call('session:connect', { siteId: 'site1' });
    const listing = await harness.call('remote:list', { sessionId: after.sessionId, path: '/pub' });
    expect(listing.entries.map((e) => e.name)).toEqual(['readme.txt']);
  });

  it('saves a quickconnect diagnosis as a new site that asks for its password', async () => {
    server = await activeBlockedServer();
    harness = await startServices();
    await harness.call('settings:update', { timeoutSeconds: 2 });
    const { runId } = await harness.call('doctor:run', {
      quick: {
        host: '127.0.0.1',
        port: server.port,
        user: 'alice',
        password: 'secret',
        encryption: 'none',
      },
    });
    await harness.sink.next(
      'doctor:progress',
      (p: DoctorProgress) => p.runId === runId && p.report !== undefined,
      30_000,
    );
    const created = await harness.call('doctor:apply', { runId });
    expect(created).toMatchObject({
      host: '127.0.0.1',
      port: server.port,
      logonType: 'ask',
      hasPassword: false,
      transferMode: 'passive',
      encryption: 'explicit-if-available',
    });
    const tree = await harness.call('sites:list', {});
    expect(tree.sites).toHaveLength(1);
  });

  it('refuses to apply a run that is unknown', async () => {
    harness = await startServices();
    const result = await harness.invoke('doctor:apply', { runId: 'nope' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That diagnosis is no longer available' },
    });
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../shared/models/transfer.js';
import { PARTIAL_SUFFIX, partialPathFor } from '../services/file-transfer.js';
import { localNameFor } from '../services/local-name.js';
import { localPathInside } from '../services/local-target.js';
import { downloadTree } from '../services/tree-transfer.js';
import { startServices, type ServicesHarness } from '../test-support/services-harness.js';
import { useEngineHarness } from './engine-harness.js';

/**
 * Issue 9 item 9: names a Windows disk cannot hold. The platform is a parameter of the
 * naming rule, so these tests run the Windows rule on Linux; on Linux itself, a name too
 * long for the disk fails that one file with a clear error and the rest goes on.
 */
const engine = useEngineHarness();
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'portside-names-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const longStem = 'n'.repeat(296);

describe('security 9.9: names a Windows disk cannot hold are renamed predictably on Windows', () => {
  it.each([
    ['CON', '_CON'],
    ['nul', '_nul'],
    ['NUL.txt', '_NUL.txt'],
    ['com1', '_com1'],
    ['LPT9.tar.gz', '_LPT9.tar.gz'],
    ['CONSOLE', 'CONSOLE'],
    ['a.', 'a_'],
    ['a ', 'a_'],
    ['a. .', 'a___'],
    ['<>:"|?*', '_______'],
    ['bell\u0007tab\tnl.txt', 'bell_tab_nl.txt'],
    ['ordinary name.txt', 'ordinary name.txt'],
    ['ünï côdé 名前.txt', 'ünï côdé 名前.txt'],
  ])('%j becomes %j', (remote, local) => {
    expect(localNameFor(remote, 'windows')).toBe(local);
  });

  it('cuts a name over 255 UTF-16 units, keeping its extension and a hash of the whole', () => {
    const name = `${longStem}.txt`;
    const local = localNameFor(name, 'windows');
    expect(local).toHaveLength(255);
    expect(local).toMatch(/^n+~[0-9a-f]{8}\.txt$/);
    expect(localNameFor(name, 'windows')).toBe(local);
    expect(localNameFor(`${longStem}x.txt`, 'windows')).not.toBe(local);
    // Never half of a surrogate pair at the cut.
    const emoji = localNameFor('😀'.repeat(200), 'windows');
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('keeps every name as it is on Linux and macOS', () => {
    for (const name of ['CON', 'a.', 'a ', '<>:"|?*', `${longStem}.txt`])
      expect(localNameFor(name, 'posix')).toBe(name);
  });

  it('maps each folder level too, and still refuses names that climb out', () => {
    expect(localPathInside('/dl', ['AUX', 'x?'], 'windows')).toBe('/dl/_AUX/x_');
    expect(() => localPathInside('/dl', ['..', 'x'], 'windows')).toThrow(/unsafe name/);
  });

  it('downloads a tree of such names to the renamed files, with their contents', async () => {
    const files = {
      '/t/CON': 'con',
      '/t/a.': 'dot',
      '/t/b ': 'space',
      '/t/q?.txt': 'question',
      '/t/ctl\u0007.txt': 'bell',
      '/t/PRN/inner.txt': 'inside a device-named folder',
      [`/t/${longStem}.txt`]: 'long',
    };
    await engine.start({ files });
    const client = await engine.connect();
    const result = await downloadTree([client], '/t', folder, { platform: 'windows' });
    expect(result.files).toBe(7);
    const read = (name: string) => readFile(join(folder, name), 'utf8');
    expect(await read('_CON')).toBe('con');
    expect(await read('a_')).toBe('dot');
    expect(await read('b_')).toBe('space');
    expect(await read('q_.txt')).toBe('question');
    expect(await read('ctl_.txt')).toBe('bell');
    expect(await read('_PRN/inner.txt')).toBe('inside a device-named folder');
    expect(await read(localNameFor(`${longStem}.txt`, 'windows'))).toBe('long');
    expect((await readdir(folder)).sort()).toEqual(
      [
        '_CON',
        '_PRN',
        'a_',
        'b_',
        'ctl_.txt',
        localNameFor(`${longStem}.txt`, 'windows'),
        'q_.txt',
      ].sort(),
    );
    await client.quit();
  });
});

describe('security 9.9: on Linux a name too long for the disk fails alone; the queue goes on', () => {
  let harness: ServicesHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** Waits until every item has left the queue (done, skipped or failed). */
  async function settled(h: ServicesHarness, count: number): Promise<TransferItem[]> {
    for (let round = 0; round < 3000; round += 1) {
      const items = await h.call('transfer:list', {});
      if (
        items.length >= count &&
        items.every((i) => i.status !== 'queued' && i.status !== 'active')
      )
        return items;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the queue did not settle');
  }

  it('names the file and the reason, and downloads the others (a 250-byte name too)', async () => {
    const tooLong = `${'l'.repeat(300)}.bin`;
    // 250 bytes: legal on Linux, but with ".portside-part" (14 bytes) the partial file
    // would not be; it gets a shortened partial name instead.
    const nearLimit = `${'é'.repeat(123)}.bin`;
    expect(Buffer.byteLength(nearLimit)).toBe(250);
    await engine.start({
      files: { '/d/ok.txt': 'fine', [`/d/${tooLong}`]: 'never', [`/d/${nearLimit}`]: 'near' },
    });
    harness = await startServices();
    const session = await harness.call('session:connect', {
      quick: {
        host: engine.server.host,
        port: engine.server.port,
        user: 'alice',
        password: 'secret',
        encryption: 'none',
      },
    });
    await harness.call('transfer:enqueue', {
      sessionId: session.sessionId,
      items: [{ direction: 'download', kind: 'directory', remotePath: '/d', localPath: folder }],
    });
    const items = await settled(harness, 3);
    const byName = Object.fromEntries(items.map((item) => [basename(item.remotePath), item]));
    expect(byName['ok.txt']?.status).toBe('done');
    expect(byName[nearLimit]?.status).toBe('done');
    expect(byName[tooLong]?.status).toBe('failed');
    expect(byName[tooLong]?.error?.message).toMatch(
      /the name is longer than this file system allows \(255 bytes\)$/,
    );
    expect(await readFile(join(folder, 'ok.txt'), 'utf8')).toBe('fine');
    expect(await readFile(join(folder, nearLimit), 'utf8')).toBe('near');
    expect((await readdir(folder)).sort()).toEqual(['ok.txt', nearLimit].sort());
  });

  it('gives a near-limit name a partial file that fits, and others the plain suffix', () => {
    const near = join(folder, `${'é'.repeat(123)}.bin`);
    const partial = partialPathFor(near, 'posix');
    expect(Buffer.byteLength(basename(partial))).toBeLessThanOrEqual(255);
    expect(partial.endsWith(PARTIAL_SUFFIX)).toBe(true);
    expect(partialPathFor(join(folder, 'a.bin'), 'posix')).toBe(
      join(folder, `a.bin${PARTIAL_SUFFIX}`),
    );
    expect(existsSync(partial)).toBe(false);
  });
});
